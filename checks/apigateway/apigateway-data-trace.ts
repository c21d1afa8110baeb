import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'apigateway-data-trace',
    title: 'Full request and response bodies written to execution logs',
    service: 'apigateway',
    pillar: 'security',
    severity: 'medium',
    rationale:
      'Data tracing copies whole request and response bodies, headers included, into CloudWatch Logs, where tokens and personal data outlive the request and reach everyone who can read the logs.',
    remediation:
      'Turn dataTraceEnabled off on production stages (REST method settings, WebSocket default route settings); use ERROR execution logging and access logs instead.',
    docsUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'data-classification',
        choiceId: 'sec_data_classification_define_protection',
      },
    ],
    data: 'config',
    needs: ['apigateway'],
  },
  run(snapshot) {
    const section = snapshot.apigateway;
    if (!section) return notAssessed('API Gateway APIs were not collected');
    if (!section.restApis && !section.v2Apis) return notAssessed('no API Gateway API list could be read');
    const rest = (section.restApis ?? []).filter((a) => a.stages !== undefined);
    // HTTP APIs have no execution log: only WebSocket stages can trace data.
    const ws = (section.v2Apis ?? []).filter((a) => a.protocolType === 'WEBSOCKET' && a.stages !== undefined);
    const stages = [
      ...rest.flatMap((api) =>
        (api.stages ?? []).map((s) => ({
          arn: s.arn,
          name: `${api.name}/${s.name}`,
          traced: Object.entries(s.methodSettings)
            .filter(([, m]) => m.dataTraceEnabled)
            .map(([k]) => k),
        })),
      ),
      ...ws.flatMap((api) =>
        (api.stages ?? []).map((s) => ({
          arn: s.arn,
          name: `${api.name}/${s.name}`,
          traced: [
            ...(s.defaultRouteSettings.dataTraceEnabled ? ['default route'] : []),
            ...Object.entries(s.routeSettings)
              .filter(([, r]) => r.dataTraceEnabled)
              .map(([k]) => k),
          ],
        })),
      ),
    ];
    if (stages.length === 0) return notApplicable('no REST or WebSocket API stages');
    return verdict(
      stages
        .filter((s) => s.traced.length > 0)
        .map((s) => ({
          resourceId: s.arn,
          resourceName: s.name,
          message: `data trace logging on for ${[...s.traced].sort().join(', ')}`,
        })),
    );
  },
});

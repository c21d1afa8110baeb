import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'apigateway-throttling',
    title: 'API stage relies on the account-wide throttle only',
    service: 'apigateway',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'Without a stage or route limit, one API can take the whole regional account quota (10,000 requests per second shared by every API) and pass a traffic spike straight to Lambda concurrency and the databases behind it.',
    remediation:
      'Set throttlingRateLimit and throttlingBurstLimit sized to what the backend can take: the REST stage `*/*` method setting (or a usage plan), or the HTTP/WebSocket stage default route settings.',
    docsUrl:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_throttle_requests',
      },
      { lens: 'serverless', questionId: 'rel_q1', choiceId: 'rel_rel_q1_a1' },
    ],
    data: 'config',
    needs: ['apigateway'],
  },
  run(snapshot) {
    const section = snapshot.apigateway;
    if (!section) return notAssessed('API Gateway APIs were not collected');
    if (!section.restApis && !section.v2Apis) return notAssessed('no API Gateway API list could be read');
    const rest = (section.restApis ?? []).filter((a) => a.stages !== undefined);
    const v2 = (section.v2Apis ?? []).filter((a) => a.stages !== undefined);
    const listed = (section.restApis?.length ?? 0) + (section.v2Apis?.length ?? 0);
    if (listed > 0 && rest.length + v2.length === 0) return notAssessed('no API stages could be read');
    const stages = [
      ...rest.flatMap((api) =>
        (api.stages ?? []).map((s) => ({
          arn: s.arn,
          name: `${api.name}/${s.name}`,
          limited: Object.values(s.methodSettings).some((m) => m.throttlingRateLimit !== undefined),
        })),
      ),
      ...v2.flatMap((api) =>
        (api.stages ?? []).map((s) => ({
          arn: s.arn,
          name: `${api.name}/${s.name}`,
          limited:
            s.defaultRouteSettings.throttlingRateLimit !== undefined ||
            Object.values(s.routeSettings).some((r) => r.throttlingRateLimit !== undefined),
        })),
      ),
    ];
    if (stages.length === 0) return notApplicable('no API Gateway stages');
    return verdict(
      stages
        .filter((s) => !s.limited)
        .map((s) => ({
          resourceId: s.arn,
          resourceName: s.name,
          message: 'no stage, method or route throttling limit',
        })),
    );
  },
});

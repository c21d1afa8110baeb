import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'apigateway-rest-execution-logging',
    title: 'REST API stage execution logging off',
    service: 'apigateway',
    pillar: 'operationalExcellence',
    severity: 'medium',
    rationale:
      'Without execution logging, a 5xx from an authorizer, a mapping template or an integration leaves no trace of which step failed. Access logs say that a request failed; execution logs say why.',
    remediation:
      'Set the stage-wide method setting (`*/*`) loggingLevel to ERROR (or INFO while investigating), and make sure the account has an API Gateway CloudWatch Logs role.',
    docsUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'workload-observability',
        choiceId: 'ops_workload_observability_analyze_workload_logs',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a4' },
    ],
    data: 'config',
    needs: ['apigateway'],
  },
  run(snapshot) {
    const section = snapshot.apigateway;
    if (!section) return notAssessed('API Gateway APIs were not collected');
    const apis = section.restApis;
    if (!apis) return notAssessed('REST APIs could not be listed');
    const judged = apis.filter((a) => a.stages !== undefined);
    if (apis.length > 0 && judged.length === 0) return notAssessed('no REST API stages could be read');
    const stages = judged.flatMap((api) => (api.stages ?? []).map((stage) => ({ api, stage })));
    if (stages.length === 0) return notApplicable('no REST API stages');
    return verdict(
      stages
        .filter(
          ({ stage }) => !['ERROR', 'INFO'].includes(stage.methodSettings['*/*']?.loggingLevel ?? 'OFF'),
        )
        .map(({ api, stage }) => ({
          resourceId: stage.arn,
          resourceName: `${api.name}/${stage.name}`,
          message: 'execution logging is OFF for the stage (`*/*` loggingLevel)',
        })),
    );
  },
});

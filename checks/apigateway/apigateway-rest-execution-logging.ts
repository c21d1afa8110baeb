import { overApiStages, stageFinding } from '../helpers.js';
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
    return overApiStages(snapshot, 'rest', (stages) =>
      stages
        .filter(
          ({ stage }) => !['ERROR', 'INFO'].includes(stage.methodSettings['*/*']?.loggingLevel ?? 'OFF'),
        )
        .map((ref) => stageFinding(ref, 'execution logging is OFF for the stage (`*/*` loggingLevel)')),
    );
  },
});

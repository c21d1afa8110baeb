import { overApiStages, stageFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'apigateway-rest-xray',
    title: 'REST API stage without X-Ray tracing',
    service: 'apigateway',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'Without active tracing the X-Ray service map starts at the Lambda function, so time spent in API Gateway (authorizers, integration latency, throttling) is invisible when a request is slow.',
    remediation:
      'Enable X-Ray tracing on the stage (tracingEnabled: true); sampling rules keep the cost bounded.',
    docsUrl: 'https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'workload-observability',
        choiceId: 'ops_workload_observability_analyze_workload_traces',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a3' },
    ],
    data: 'config',
    needs: ['apigateway'],
  },
  run(snapshot) {
    return overApiStages(snapshot, 'rest', (stages) =>
      stages
        .filter(({ stage }) => !stage.tracingEnabled)
        .map((ref) => stageFinding(ref, 'X-Ray tracing is off')),
    );
  },
});

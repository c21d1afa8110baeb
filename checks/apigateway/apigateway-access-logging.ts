import { overApiStages, stageFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'apigateway-access-logging',
    title: 'API stage without access logging',
    service: 'apigateway',
    pillar: 'operationalExcellence',
    severity: 'medium',
    rationale:
      'Access logs are the only per-request record of who called the API, with which status and latency; without them a spike of 4xx or a slow client cannot be traced back to callers or routes.',
    remediation:
      'Set the stage access log destination to a CloudWatch Logs log group (or Firehose) with a JSON format that includes $context.requestId, status, routeKey or resourcePath, and integration latency.',
    docsUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'workload-observability',
        choiceId: 'ops_workload_observability_analyze_workload_logs',
      },
      {
        lens: 'wellarchitected',
        questionId: 'detect-investigate-events',
        choiceId: 'sec_detect_investigate_events_app_service_logging',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a4' },
    ],
    data: 'config',
    needs: ['apigateway'],
  },
  run(snapshot) {
    // REST, HTTP and WebSocket stages alike.
    return overApiStages(snapshot, 'all', (stages) =>
      stages
        .filter(({ stage }) => !stage.accessLogDestinationArn)
        .map((ref) => stageFinding(ref, 'no access log destination')),
    );
  },
});

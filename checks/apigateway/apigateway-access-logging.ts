import { notApplicable, notAssessed, verdict } from '../helpers.js';
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
    const section = snapshot.apigateway;
    if (!section) return notAssessed('API Gateway APIs were not collected');
    if (!section.restApis && !section.v2Apis) return notAssessed('no API Gateway API list could be read');
    // REST, HTTP and WebSocket stages alike; APIs whose stages could not be read are skipped.
    const apis = [...(section.restApis ?? []), ...(section.v2Apis ?? [])];
    const judged = apis.filter((a) => a.stages !== undefined);
    if (apis.length > 0 && judged.length === 0) return notAssessed('no API stages could be read');
    const stages = judged.flatMap((api) => (api.stages ?? []).map((stage) => ({ api, stage })));
    if (stages.length === 0) return notApplicable('no API Gateway stages');
    return verdict(
      stages
        .filter(({ stage }) => !stage.accessLogDestinationArn)
        .map(({ api, stage }) => ({
          resourceId: stage.arn,
          resourceName: `${api.name}/${stage.name}`,
          message: 'no access log destination',
        })),
    );
  },
});

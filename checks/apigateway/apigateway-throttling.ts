import { overApiStages, stageFinding } from '../helpers.js';
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
    return overApiStages(snapshot, 'all', (stages) =>
      stages
        .filter(({ stage: s }) =>
          'methodSettings' in s
            ? !Object.values(s.methodSettings).some((m) => m.throttlingRateLimit !== undefined)
            : s.defaultRouteSettings.throttlingRateLimit === undefined &&
              !Object.values(s.routeSettings).some((r) => r.throttlingRateLimit !== undefined),
        )
        .map((ref) => stageFinding(ref, 'no stage, method or route throttling limit')),
    );
  },
});

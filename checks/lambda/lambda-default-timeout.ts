import { functionFinding, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-default-timeout',
    title: 'Timeout left at the 3 s default',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'low',
    rationale:
      'The 3-second default is rarely chosen on purpose: a cold start or a slow dependency turns into a timeout, ' +
      "and the timeout should instead follow the callers' and dependencies' own timeouts.",
    remediation:
      "Set the timeout from the function's measured p99 duration plus headroom, and below the timeout of " +
      'whatever calls it (API Gateway allows 29 s by default, SQS visibility timeout/6).',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_client_timeouts',
      },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    return overFunctions(snapshot, (fn) =>
      fn.timeoutSeconds === 3 ? functionFinding(fn, 'timeout is the 3 s default') : undefined,
    );
  },
});

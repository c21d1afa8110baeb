import { hasBoundedConcurrency, overStates } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-map-concurrency',
    title: 'Map state without MaxConcurrency',
    service: 'stepfunctions',
    pillar: 'performance',
    severity: 'low',
    rationale:
      'A Map state with MaxConcurrency absent or 0 runs as many iterations at once as it can (up to 10,000 child executions for a distributed Map). A large input then floods the functions and tables downstream, which throttle.',
    remediation:
      "Set MaxConcurrency (or MaxConcurrencyPath) on each Map state to what the downstream services absorb, e.g. no more than the invoked function's reserved concurrency.",
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_throttle_requests',
      },
      { lens: 'serverless', questionId: 'rel_q1', choiceId: 'rel_rel_q1_a1' },
    ],
    data: 'config',
    needs: ['stepfunctions'],
  },
  run(snapshot) {
    return overStates(
      snapshot,
      (s) => s.Type === 'Map',
      'no Map states',
      (m, states) => {
        const unbounded = states.filter(({ state }) => !hasBoundedConcurrency(state)).map(({ name }) => name);
        return unbounded.length === 0
          ? undefined
          : resourceFinding(m, `unbounded concurrency on Map ${unbounded.join(', ')}`, {
              states: unbounded.length,
            });
      },
    );
  },
});

import { functionFinding, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-reserved-concurrency-set',
    title: 'No function-level concurrency cap',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'low',
    rationale:
      'Without reserved concurrency one function can take the whole account pool during a burst, throttling ' +
      'every other function, and can overwhelm a downstream that does not scale (a database, a partner API).',
    remediation:
      'Reserve concurrency for functions that call rate-limited downstreams or must always have capacity; size ' +
      "it from the peak ConcurrentExecutions and the downstream's limit.",
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'manage-service-limits',
        choiceId: 'rel_manage_service_limits_aware_fixed_limits',
      },
      { lens: 'serverless', questionId: 'rel_q1', choiceId: 'rel_rel_q1_a3' },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:GetFunctionConcurrency'],
  },
  run(snapshot) {
    return overFunctions(snapshot, (fn) =>
      fn.reservedConcurrency === undefined ? functionFinding(fn, 'no reserved concurrency') : undefined,
    );
  },
});

import { functionFinding, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-zero-concurrency',
    title: 'Reserved concurrency set to 0 (function disabled)',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'Reserved concurrency of 0 throttles every invocation: synchronous callers get errors and events pile up ' +
      'or are dropped. It is an emergency brake that is easy to forget to release.',
    remediation:
      'If the stop was intended, record why and for how long; otherwise remove the reservation or set it to the ' +
      'concurrency the function needs.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_emergency_levers',
      },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:GetFunctionConcurrency'],
  },
  run(snapshot) {
    return overFunctions(snapshot, (fn) =>
      fn.reservedConcurrency === 0
        ? functionFinding(fn, 'reserved concurrency is 0: every invocation is throttled')
        : undefined,
    );
  },
});

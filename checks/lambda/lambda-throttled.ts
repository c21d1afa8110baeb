import { functionFinding, overMeasured, plural } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-throttled',
    title: 'Invocations throttled',
    service: 'lambda',
    pillar: 'performance',
    severity: 'high',
    rationale:
      'Throttled synchronous calls fail back to the caller, and throttled events wait and may expire: the ' +
      'function ran out of reserved or account concurrency.',
    remediation:
      "Compare peak ConcurrentExecutions with the function's reserved concurrency and the account limit; raise " +
      'the reservation or request a higher account quota, or smooth the load with a queue.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'manage-service-limits',
        choiceId: 'rel_manage_service_limits_monitor_manage_limits',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a4' },
    ],
    data: 'metrics',
    needs: ['lambda', 'cloudwatch'],
  },
  run(snapshot) {
    return overMeasured(
      snapshot,
      'a throttle count',
      (t) => t.throttles !== undefined,
      (fn, t) =>
        t.throttles! > 0
          ? functionFinding(
              fn,
              `${plural(t.throttles!, 'throttled invocation')} in ${snapshot.telemetry.windowDays} days` +
                (fn.reservedConcurrency === undefined
                  ? ''
                  : ` (reserved concurrency ${fn.reservedConcurrency})`),
              { throttles: t.throttles! },
            )
          : undefined,
    );
  },
});

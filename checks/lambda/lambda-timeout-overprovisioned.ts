import { functionFinding, overMeasured, seconds } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-timeout-overprovisioned',
    title: 'Timeout far above real duration',
    service: 'lambda',
    pillar: 'costOptimization',
    severity: 'low',
    rationale:
      'A timeout far above what the function needs lets a stuck invocation run, and bill, for minutes before it ' +
      'is stopped, and holds concurrency the whole time.',
    remediation:
      'Lower the timeout to a few times the p99 duration (keeping room for cold starts), and give downstream ' +
      'calls their own shorter timeouts.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'cost_q1', choiceId: 'cost_cost_q1_a3' },
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_client_timeouts',
      },
    ],
    data: 'metrics',
    needs: ['lambda', 'cloudwatch'],
  },
  run(snapshot, thresholds) {
    return overMeasured(
      snapshot,
      'a p99 duration',
      (t) => t.durationP99Ms !== undefined && t.durationP99Ms > 0,
      (fn, t) => {
        const timeoutMs = fn.timeoutSeconds * 1000;
        const factor = timeoutMs / t.durationP99Ms!;
        if (fn.timeoutSeconds <= thresholds.timeoutOverprovisionedMinSeconds) return undefined;
        if (factor <= thresholds.timeoutOverprovisionedFactor) return undefined;
        return functionFinding(
          fn,
          `timeout ${fn.timeoutSeconds} s is ${Math.round(factor)}× the p99 duration of ${seconds(t.durationP99Ms!)}`,
          { timeoutSeconds: fn.timeoutSeconds, durationP99Ms: t.durationP99Ms! },
        );
      },
    );
  },
});

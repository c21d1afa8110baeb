import { functionFinding, overMeasured, percent, seconds } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-timeout-risk',
    title: 'Duration close to the timeout',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'When the slowest invocations already use most of the timeout, a slightly slower dependency or a cold ' +
      'start pushes them over and they fail mid-work.',
    remediation:
      'Find what makes the slow invocations slow (downstream latency, large inputs, cold starts) and fix it, or ' +
      "raise the timeout while keeping it below the caller's own timeout.",
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    wellArchitected: [
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
      (t) => t.durationP99Ms !== undefined,
      (fn, t) => {
        const ratio = t.durationP99Ms! / (fn.timeoutSeconds * 1000);
        if (ratio < thresholds.timeoutRisk) return undefined;
        return functionFinding(
          fn,
          `p99 duration ${seconds(t.durationP99Ms!)} is ${percent(ratio)} of the ${fn.timeoutSeconds} s timeout`,
          { durationP99Ms: t.durationP99Ms!, timeoutSeconds: fn.timeoutSeconds },
        );
      },
    );
  },
});

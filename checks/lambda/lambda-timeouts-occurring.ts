import { functionFinding, overMeasured, percent, plural } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-timeouts-occurring',
    title: 'Invocations are timing out',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'A timed-out invocation is killed mid-work: partial writes stay behind, callers see errors and retries add ' +
      'load. The finding is high when more than 10% of invocations time out, medium below.',
    remediation:
      'Look at the timed-out requests in the logs or traces for the slow step, add client timeouts shorter than ' +
      "the function's to downstream calls, and size the timeout from the measured duration.",
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_client_timeouts',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
    ],
    data: 'logs',
    needs: ['lambda', 'logs'],
    reads: ['logs:StartQuery'],
  },
  run(snapshot, thresholds) {
    const days = snapshot.telemetry.windowDays;
    return overMeasured(
      snapshot,
      'timeout counts from the logs',
      (t) => t.timeouts !== undefined,
      (fn, t) => {
        const timeouts = t.timeouts!;
        if (timeouts === 0) return undefined;
        const invocations = t.invocations ?? t.reportCount;
        const share = invocations ? timeouts / invocations : undefined;
        const severity = share === undefined || share > thresholds.timeoutRate ? 'high' : 'medium';
        const of = share === undefined ? '' : ` (${percent(share)} of ${invocations} invocations)`;
        return functionFinding(
          fn,
          `${plural(timeouts, 'timeout')} after ${fn.timeoutSeconds} s in ${days} days${of}`,
          { timeouts, timeoutSeconds: fn.timeoutSeconds, ...(invocations ? { invocations } : {}) },
          severity,
        );
      },
    );
  },
});

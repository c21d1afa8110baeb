import { functionFinding, overMeasured, percent } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-high-error-rate',
    title: 'High error rate',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      "More than a tenth of a day's invocations failing means users or downstream systems are affected, and " +
      'each failure may also be retried and billed again.',
    remediation:
      "Open the function's incidents in Pillar (or its logs) for the dominant error, fix it, and add an alarm on " +
      'the Errors metric so the next rise is caught early.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'withstand-component-failures',
        choiceId: 'rel_withstand_component_failures_monitoring_health',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a1' },
    ],
    data: 'metrics',
    needs: ['lambda', 'cloudwatch'],
  },
  run(snapshot, thresholds) {
    return overMeasured(
      snapshot,
      'a daily error rate',
      (t) => t.maxDailyErrorRate !== undefined,
      (fn, t) => {
        const rate = t.maxDailyErrorRate!;
        if (rate <= thresholds.errorRate) return undefined;
        const totals =
          t.errors !== undefined && t.invocations
            ? `; ${t.errors} errors in ${t.invocations} invocations overall`
            : '';
        return functionFinding(
          fn,
          `errors reached ${percent(rate)} of a day's invocations (limit ${percent(thresholds.errorRate)})${totals}`,
          { maxDailyErrorRate: rate, ...(t.errors === undefined ? {} : { errors: t.errors }) },
        );
      },
    );
  },
});

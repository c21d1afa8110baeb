import { functionFinding, overMeasured, plural } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-async-delivery-failures',
    title: 'Async events dropped or not delivered to DLQ/destination',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'Dropped async events, and failures to deliver failed events to the dead-letter queue or destination, ' +
      'mean events were lost for good.',
    remediation:
      'Check that the DLQ or destination still exists, that the execution role may send to it (and use its KMS ' +
      'key), and raise the maximum event age or concurrency if events expire before they are processed.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
      {
        lens: 'wellarchitected',
        questionId: 'withstand-component-failures',
        choiceId: 'rel_withstand_component_failures_monitoring_health',
      },
    ],
    data: 'metrics',
    needs: ['lambda', 'cloudwatch'],
  },
  run(snapshot) {
    return overMeasured(
      snapshot,
      'async delivery metrics',
      (t) =>
        t.asyncEventsDropped !== undefined ||
        t.deadLetterErrors !== undefined ||
        t.destinationDeliveryFailures !== undefined,
      (fn, t) => {
        const dropped = t.asyncEventsDropped ?? 0;
        const dlq = t.deadLetterErrors ?? 0;
        const dest = t.destinationDeliveryFailures ?? 0;
        if (dropped + dlq + dest === 0) return undefined;
        const parts = [
          dropped > 0 ? `${plural(dropped, 'event')} dropped` : '',
          dlq > 0 ? plural(dlq, 'dead-letter error') : '',
          dest > 0 ? plural(dest, 'destination delivery failure') : '',
        ].filter(Boolean);
        return functionFinding(fn, `${parts.join(', ')} in ${snapshot.telemetry.windowDays} days`, {
          asyncEventsDropped: dropped,
          deadLetterErrors: dlq,
          destinationDeliveryFailures: dest,
        });
      },
    );
  },
});

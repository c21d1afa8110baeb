import { notApplicable, notAssessed, plural } from '../helpers.js';
import { overMeasuredResources } from '../metrics.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sns-failed-notifications',
    title: 'Deliveries failing',
    service: 'sns',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'A notification SNS failed to deliver after its retries is lost unless the subscription has a dead-letter queue, and one it could not move to the dead-letter queue is lost for certain.',
    remediation:
      'Find the failing subscription with delivery-status logging, fix the endpoint or its permissions (a deleted queue, a function or key policy that refuses SNS), and give every subscription a dead-letter queue SNS may write to.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'withstand-component-failures',
        choiceId: 'rel_withstand_component_failures_monitoring_health',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a1' },
    ],
    data: 'metrics',
    needs: ['sns', 'cloudwatch'],
  },
  run(snapshot) {
    const topics = snapshot.sns?.topics;
    if (!topics) return notAssessed('SNS topics were not collected');
    if (topics.length === 0) return notApplicable('no SNS topics');
    return overMeasuredResources(snapshot, topics, 'topic', (t, metrics, days) => {
      const failed = metrics.NumberOfNotificationsFailed ?? 0;
      const lost = metrics.NumberOfNotificationsFailedToRedriveToDlq ?? 0;
      if (failed === 0 && lost === 0) return undefined;
      return {
        resourceId: t.arn,
        resourceName: t.name,
        message:
          `${plural(failed, 'failed notification')} in ${days} days` +
          (lost > 0 ? `, ${lost} of them not moved to the dead-letter queue` : ''),
        details: { failed, failedToRedriveToDlq: lost },
      };
    });
  },
});

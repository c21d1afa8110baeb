import { overAlarms, resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

const DAY_MS = 86_400_000;

export const check = defineCheck({
  meta: {
    id: 'cloudwatch-alarm-insufficient-data',
    title: 'Alarm stuck in INSUFFICIENT_DATA',
    service: 'cloudwatch',
    pillar: 'operationalExcellence',
    severity: 'medium',
    rationale:
      'An alarm that has had no data for a week usually watches a metric that is never published: a wrong dimension, a renamed resource or a deleted one. It can never fire.',
    remediation:
      "Check the alarm's namespace, metric name and dimensions against the metrics CloudWatch has; fix them, set TreatMissingData if gaps are expected, or delete the alarm.",
    docsUrl: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'monitor-aws-resources',
        choiceId: 'rel_monitor_aws_resources_review_monitoring',
      },
    ],
    data: 'config',
    needs: ['cloudwatch'],
    reads: ['cloudwatch:DescribeAlarms'],
  },
  run(snapshot, thresholds) {
    return overAlarms(snapshot, (alarms) => {
      const limitMs = thresholds.alarmInsufficientDataDays * DAY_MS;
      return alarms
        .filter(
          (a) =>
            a.stateValue === 'INSUFFICIENT_DATA' &&
            a.stateUpdatedTimestamp !== undefined &&
            snapshot.takenAt - a.stateUpdatedTimestamp > limitMs,
        )
        .map((a) => {
          const days = Math.floor((snapshot.takenAt - (a.stateUpdatedTimestamp as number)) / DAY_MS);
          return resourceFinding(a, `in INSUFFICIENT_DATA for ${days} days`, { days });
        });
    });
  },
});

import { overAlarms, resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'cloudwatch-alarm-actions-enabled',
    title: 'Alarm actions disabled',
    service: 'cloudwatch',
    pillar: 'operationalExcellence',
    severity: 'high',
    rationale:
      'An alarm with its actions disabled still changes state but notifies no one and triggers nothing, so it looks like monitoring while giving none.',
    remediation:
      'Re-enable the actions (`aws cloudwatch enable-alarm-actions --alarm-names <name>`), or delete the alarm if it is no longer wanted.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'monitor-aws-resources',
        choiceId: 'rel_monitor_aws_resources_notification_monitor',
      },
      {
        lens: 'wellarchitected',
        questionId: 'workload-observability',
        choiceId: 'ops_workload_observability_create_alerts',
      },
    ],
    data: 'config',
    needs: ['cloudwatch'],
    reads: ['cloudwatch:DescribeAlarms'],
  },
  run(snapshot) {
    return overAlarms(snapshot, (alarms) => {
      return alarms
        .filter((a) => !a.actionsEnabled)
        .map((a) => resourceFinding(a, 'alarm actions are disabled'));
    });
  },
});

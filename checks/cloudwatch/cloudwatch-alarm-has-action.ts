import { overAlarms, resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'cloudwatch-alarm-has-action',
    title: 'Alarm has no ALARM-state action',
    service: 'cloudwatch',
    pillar: 'operationalExcellence',
    severity: 'high',
    rationale:
      'An alarm without an action for the ALARM state changes colour in the console and does nothing else: nobody is paged and nothing is automated.',
    remediation:
      'Add an alarm action: an SNS topic with subscribers, a Systems Manager Incident Manager response plan, or an automated action.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html',
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
        .filter((a) => a.alarmActions.length === 0)
        .map((a) => resourceFinding(a, 'no action on the ALARM state'));
    });
  },
});

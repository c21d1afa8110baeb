import { overMachines } from '../asl.js';
import { hasAlarmOn, notAssessed, resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-alarm',
    title: 'No alarm on failed executions',
    service: 'stepfunctions',
    pillar: 'operationalExcellence',
    severity: 'medium',
    rationale:
      'A failed, timed-out or aborted execution is recorded in its history and in the AWS/States metrics and nowhere else. Without an alarm on ExecutionsFailed nobody hears of it until the missing outcome is noticed.',
    remediation:
      'Create a CloudWatch alarm on AWS/States ExecutionsFailed (and ExecutionsTimedOut) with the StateMachineArn dimension, or an account-wide one without dimensions, and send it to an SNS topic someone watches.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'workload-observability',
        choiceId: 'ops_workload_observability_create_alerts',
      },
      {
        lens: 'wellarchitected',
        questionId: 'monitor-aws-resources',
        choiceId: 'rel_monitor_aws_resources_notification_monitor',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a1' },
    ],
    data: 'cross',
    needs: ['stepfunctions', 'cloudwatch'],
    reads: ['cloudwatch:DescribeAlarms'],
  },
  run(snapshot) {
    const alarms = snapshot.alarms?.alarms;
    if (!alarms) return notAssessed('CloudWatch alarms were not collected');
    return overMachines(snapshot, (m) =>
      hasAlarmOn(alarms, 'AWS/States', 'ExecutionsFailed', 'StateMachineArn', m.arn)
        ? undefined
        : resourceFinding(m, 'no alarm on ExecutionsFailed'),
    );
  },
});

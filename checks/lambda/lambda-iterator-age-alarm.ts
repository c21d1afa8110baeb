import {
  functionNameFromArn,
  hasAlarmOn,
  isShardSource,
  notApplicable,
  notAssessed,
  verdict,
} from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-iterator-age-alarm',
    title: 'Stream consumer has no IteratorAge alarm',
    service: 'lambda',
    pillar: 'operationalExcellence',
    severity: 'medium',
    rationale:
      'A stream consumer that falls behind does not fail: records simply wait, and expire unprocessed once their age passes the retention. Only an alarm on IteratorAge shows it in time.',
    remediation:
      'Create a CloudWatch alarm on the AWS/Lambda IteratorAge metric (Maximum) for the function, with a threshold well below the stream retention, and route it to an SNS topic someone watches.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html',
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
    needs: ['lambda', 'cloudwatch'],
    reads: ['cloudwatch:DescribeAlarms', 'lambda:ListEventSourceMappings'],
  },
  run(snapshot) {
    const alarms = snapshot.alarms?.alarms;
    if (!alarms) return notAssessed('CloudWatch alarms were not collected');
    const consumerNames = new Set(
      snapshot.lambda.eventSourceMappings
        .filter(isShardSource)
        .map((m) => functionNameFromArn(m.functionArn)),
    );
    const consumers = snapshot.lambda.functions.filter((f) => consumerNames.has(f.name));
    if (consumers.length === 0) return notApplicable('no function consumes a Kinesis or DynamoDB stream');
    return verdict(
      consumers
        .filter((fn) => !hasAlarmOn(alarms, 'AWS/Lambda', 'IteratorAge', 'FunctionName', fn.name))
        .map((fn) => ({ resourceId: fn.arn, resourceName: fn.name, message: 'no alarm on IteratorAge' })),
    );
  },
});

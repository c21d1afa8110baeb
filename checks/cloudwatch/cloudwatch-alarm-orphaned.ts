import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'cloudwatch-alarm-orphaned',
    title: 'Alarm watches a resource that no longer exists',
    service: 'cloudwatch',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'An alarm on a deleted function, queue or table can never fire again; it clutters the alarm list and hides that the replacement has no alarm.',
    remediation: 'Delete the alarm, or point it at the resource that replaced the deleted one.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'monitor-aws-resources',
        choiceId: 'rel_monitor_aws_resources_review_monitoring',
      },
    ],
    data: 'cross',
    needs: ['cloudwatch', 'lambda'],
    reads: ['cloudwatch:DescribeAlarms'],
  },
  run(snapshot) {
    const alarms = snapshot.alarms?.alarms;
    if (!alarms) return notAssessed('CloudWatch alarms were not collected');
    if (alarms.length === 0) return notApplicable('no CloudWatch metric alarms');
    // Only services whose resource list is complete are judged: a queue or table dropped because
    // one of its calls failed must not make its alarm look orphaned.
    const complete = (service: string) => !snapshot.unavailable.some((u) => u.service === service);
    const known: { namespace: string; dimension: string; names?: Set<string> }[] = [
      {
        namespace: 'AWS/Lambda',
        dimension: 'FunctionName',
        names: new Set(snapshot.lambda.functions.map((f) => f.name)),
      },
      {
        namespace: 'AWS/SQS',
        dimension: 'QueueName',
        ...(snapshot.sqs && complete('sqs')
          ? { names: new Set(snapshot.sqs.queues.map((q) => q.name)) }
          : {}),
      },
      {
        namespace: 'AWS/DynamoDB',
        dimension: 'TableName',
        ...(snapshot.dynamodb && complete('dynamodb')
          ? { names: new Set(snapshot.dynamodb.tables.map((t) => t.name)) }
          : {}),
      },
    ];
    const findings: Finding[] = [];
    for (const a of alarms) {
      const gone = new Set<string>();
      for (const m of a.metrics) {
        for (const k of known) {
          const value = m.dimensions[k.dimension];
          if (m.namespace === k.namespace && value !== undefined && k.names && !k.names.has(value))
            gone.add(`${k.dimension} ${value}`);
        }
      }
      if (gone.size > 0)
        findings.push(resourceFinding(a, `watches ${[...gone].join(', ')}, which does not exist`));
    }
    return verdict(findings);
  },
});

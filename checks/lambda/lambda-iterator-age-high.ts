import {
  functionNameFromArn,
  isShardSource,
  notApplicable,
  notAssessed,
  seconds,
  telemetryOf,
  verdict,
} from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-iterator-age-high',
    title: 'Stream consumer falling behind',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'A growing iterator age means records wait longer and longer before processing; once it nears the ' +
      "stream's retention, records expire unprocessed.",
    remediation:
      'Find why the consumer is slow (errors retried in place, throttling, slow downstream), then raise the ' +
      'parallelization factor or batch size, add shards, or fix the failing records.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'monitor-aws-resources',
        choiceId: 'rel_monitor_aws_resources_monitor_resources',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a4' },
    ],
    data: 'metrics',
    needs: ['lambda', 'cloudwatch'],
    reads: ['lambda:ListEventSourceMappings'],
  },
  run(snapshot, thresholds) {
    const consumerNames = new Set(
      snapshot.lambda.eventSourceMappings
        .filter(isShardSource)
        .map((m) => functionNameFromArn(m.functionArn)),
    );
    const consumers = snapshot.lambda.functions.filter((f) => consumerNames.has(f.name));
    if (consumers.length === 0) return notApplicable('no function consumes a Kinesis or DynamoDB stream');
    const measured = consumers.filter((f) => telemetryOf(snapshot, f)?.iteratorAgeMaxMs !== undefined);
    if (measured.length === 0)
      return notAssessed('no stream consumer has an IteratorAge figure in the snapshot');
    const findings: Finding[] = [];
    for (const fn of measured) {
      const age = telemetryOf(snapshot, fn)!.iteratorAgeMaxMs!;
      if (age <= thresholds.iteratorAgeMaxMs) continue;
      findings.push({
        resourceId: fn.arn,
        resourceName: fn.name,
        message: `iterator age reached ${seconds(age)} (limit ${seconds(thresholds.iteratorAgeMaxMs)}) in ${snapshot.telemetry.windowDays} days`,
        details: { iteratorAgeMaxMs: age },
      });
    }
    return verdict(findings);
  },
});

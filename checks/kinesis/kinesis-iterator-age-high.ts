import { streamsReadByLambda } from '../../src/inventory/kinesis-consumers.js';
import { notApplicable, notAssessed } from '../helpers.js';
import { overMeasuredResources } from '../metrics.js';
import { defineCheck } from '../types.js';

const seconds = (ms: number) => `${Math.round(ms / 1000).toLocaleString('en-US')} s`;

export const check = defineCheck({
  meta: {
    id: 'kinesis-iterator-age-high',
    title: 'Stream readers fall behind',
    service: 'kinesis',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      "A high GetRecords iterator age means the stream's readers are behind the newest records; past the retention period, unread records expire and are lost.",
    remediation:
      'Scale the consumer (more workers, enhanced fan-out, larger batches) or add shards; alarm on GetRecords.IteratorAgeMilliseconds well below the retention period.',
    docsUrl: 'https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'monitor-aws-resources',
        choiceId: 'rel_monitor_aws_resources_monitor_resources',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a4' },
    ],
    data: 'metrics',
    needs: ['kinesis', 'cloudwatch'],
  },
  run(snapshot, thresholds) {
    const streams = snapshot.kinesis?.streams;
    if (!streams) return notAssessed('Kinesis data streams were not collected');
    // Streams a Lambda mapping reads are judged by lambda-iterator-age-high from Lambda's own metric.
    const lambdaRead = streamsReadByLambda(snapshot.lambda.eventSourceMappings);
    const others = streams.filter((s) => !lambdaRead.has(s.arn));
    if (others.length === 0) return notApplicable('every Kinesis stream is read by a Lambda function');
    return overMeasuredResources(snapshot, others, 'stream', (s, metrics, days) => {
      const age = metrics['GetRecords.IteratorAgeMilliseconds'];
      if (age === undefined || age <= thresholds.iteratorAgeMaxMs) return undefined;
      return {
        resourceId: s.arn,
        resourceName: s.name,
        message: `GetRecords iterator age reached ${seconds(age)} (limit ${seconds(thresholds.iteratorAgeMaxMs)}) in ${days} days`,
        details: { iteratorAgeMaxMs: age },
      };
    });
  },
});

import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'kinesis-no-consumers',
    title: 'Data stream nobody reads',
    service: 'kinesis',
    pillar: 'costOptimization',
    severity: 'low',
    rationale:
      'A stream with no Lambda event source mapping and no enhanced fan-out consumer is billed for its shards (or on-demand capacity) and retention while, as far as the account shows, nothing reads it.',
    remediation:
      'Confirm no other reader (KCL application, Firehose, Managed Flink, another account) uses the stream; if none does, delete it, or attach the consumer that was meant to read it.',
    docsUrl: 'https://docs.aws.amazon.com/streams/latest/dev/building-consumers.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_decommission',
      },
      { lens: 'serverless', questionId: 'cost_q1', choiceId: 'cost_cost_q1_a3' },
    ],
    data: 'cross',
    needs: ['kinesis', 'lambda'],
    reads: ['lambda:ListEventSourceMappings'],
  },
  run(snapshot) {
    const streams = snapshot.kinesis?.streams;
    if (!streams) return notAssessed('Kinesis data streams were not collected');
    if (snapshot.unavailable.some((u) => u.action === 'lambda:ListEventSourceMappings'))
      return notAssessed('Lambda event source mappings were not collected');
    if (streams.length === 0) return notApplicable('no Kinesis data streams');
    const mapped = new Set(
      snapshot.lambda.eventSourceMappings
        .filter((m) => m.sourceType === 'kinesis' && m.eventSourceArn)
        // A mapping on an enhanced fan-out consumer names `<stream ARN>/consumer/<name>:<ts>`.
        .map((m) => (m.eventSourceArn as string).split('/consumer/')[0]),
    );
    return verdict(
      streams
        .filter((s) => s.consumerCount === 0 && !mapped.has(s.arn))
        .map((s) => ({
          resourceId: s.arn,
          resourceName: s.name,
          message: 'no Lambda event source mapping and no enhanced fan-out consumer',
        })),
    );
  },
});

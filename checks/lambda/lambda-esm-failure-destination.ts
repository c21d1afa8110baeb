import { isStreamSource, mappingFinding, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-esm-failure-destination',
    title: 'Stream/Kafka event source mapping has no failure destination',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'When a stream or Kafka batch exhausts its retries or record age, Lambda skips it; without an on-failure ' +
      'destination nothing records which records were skipped.',
    remediation:
      'Add an on-failure destination (SQS, SNS, S3 or Kafka) to the event source mapping and cap retries or ' +
      'record age so poison records are moved aside instead of blocking the shard.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html',
    wellArchitected: [{ lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' }],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:ListEventSourceMappings'],
  },
  run(snapshot) {
    const streams = snapshot.lambda.eventSourceMappings.filter(isStreamSource);
    if (streams.length === 0)
      return notApplicable('no Kinesis, DynamoDB Streams or Kafka event source mappings');
    return verdict(
      streams
        .filter((m) => !m.onFailureDestination)
        .map((m) => mappingFinding(snapshot, m, `${m.sourceType} mapping has no on-failure destination`)),
    );
  },
});

import { isShardSource, mappingFinding, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-esm-poison-record-handling',
    title: 'Stream mapping retries a bad record forever',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'With unlimited retries and unlimited record age, and without splitting failed batches, one record the ' +
      'function cannot handle blocks its shard until the record expires from the stream (up to a year).',
    remediation:
      'On the event source mapping set MaximumRetryAttempts and MaximumRecordAgeInSeconds to finite values, turn on ' +
      'BisectBatchOnFunctionError, and add an on-failure destination for the records it gives up on.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_limit_retries',
      },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:ListEventSourceMappings'],
  },
  run(snapshot) {
    const shards = snapshot.lambda.eventSourceMappings.filter(isShardSource);
    if (shards.length === 0) return notApplicable('no Kinesis or DynamoDB Streams event source mappings');
    return verdict(
      shards
        .filter((m) => {
          // Both default to -1 (infinite) for stream sources.
          const unlimited = (m.maximumRetryAttempts ?? -1) === -1 || (m.maximumRecordAgeSeconds ?? -1) === -1;
          return unlimited && !m.bisectBatchOnFunctionError;
        })
        .map((m) => {
          const what = [
            (m.maximumRetryAttempts ?? -1) === -1 ? 'unlimited retries' : '',
            (m.maximumRecordAgeSeconds ?? -1) === -1 ? 'unlimited record age' : '',
          ]
            .filter(Boolean)
            .join(' and ');
          return mappingFinding(snapshot, m, `${what}, and failed batches are not split`);
        }),
    );
  },
});

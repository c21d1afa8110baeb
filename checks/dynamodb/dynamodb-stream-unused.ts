import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'dynamodb-stream-unused',
    title: 'Stream enabled with no Lambda consumer',
    service: 'dynamodb',
    pillar: 'operationalExcellence',
    severity: 'info',
    rationale:
      'A table stream that no Lambda event source mapping reads is often left over from a removed consumer. Changes then go unprocessed without anyone noticing.',
    remediation:
      'Attach the intended consumer, or disable the stream (UpdateTable StreamSpecification) if nothing needs it. Other consumers (Pipes, Kinesis adapter) are not visible to this check.',
    docsUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_track',
      },
    ],
    data: 'cross',
    needs: ['dynamodb', 'lambda'],
    reads: ['lambda:ListEventSourceMappings', 'dynamodb:DescribeTable'],
  },
  run(snapshot) {
    const tables = snapshot.dynamodb?.tables;
    if (!tables) return notAssessed('DynamoDB tables were not collected');
    if (tables.length === 0) return notApplicable('no DynamoDB tables');
    const streamed = tables.filter((t) => t.streamEnabled);
    if (streamed.length === 0) return notApplicable('no table has a stream');
    const read = new Set(
      snapshot.lambda.eventSourceMappings
        .filter((m) => m.sourceType === 'dynamodb' && m.eventSourceArn)
        .map((m) => m.eventSourceArn!.split('/stream/')[0]),
    );
    return verdict(
      streamed
        .filter((t) => !read.has(t.arn))
        .map((t) => resourceFinding(t, 'stream enabled but no Lambda function reads it')),
    );
  },
});

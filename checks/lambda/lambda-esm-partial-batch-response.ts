import { mappingFinding, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

const SOURCES = new Set(['sqs', 'kinesis', 'dynamodb']);

export const check = defineCheck({
  meta: {
    id: 'lambda-esm-partial-batch-response',
    title: 'Partial batch failure reporting off',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'Without ReportBatchItemFailures one failed message makes Lambda retry the whole batch, so messages that ' +
      'succeeded are processed again and a poison message can hold back the rest.',
    remediation:
      "Add ReportBatchItemFailures to the mapping's FunctionResponseTypes and have the handler return the ids of " +
      'the failed items (batchItemFailures).',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a3' },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:ListEventSourceMappings'],
  },
  run(snapshot) {
    const mappings = snapshot.lambda.eventSourceMappings.filter((m) => SOURCES.has(m.sourceType));
    if (mappings.length === 0)
      return notApplicable('no SQS, Kinesis or DynamoDB Streams event source mappings');
    return verdict(
      mappings
        .filter((m) => !m.functionResponseTypes.includes('ReportBatchItemFailures'))
        .map((m) =>
          mappingFinding(snapshot, m, `${m.sourceType} mapping does not report batch item failures`),
        ),
    );
  },
});

import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

const AWS_MANAGED_KEY = 'alias/aws/sqs';

export const check = defineCheck({
  meta: {
    id: 'sqs-cmk',
    title: 'Queue not encrypted with a customer managed KMS key',
    service: 'sqs',
    pillar: 'security',
    severity: 'low',
    rationale:
      'SQS-managed keys and the AWS managed key alias/aws/sqs cannot be restricted, audited per use or revoked by you. A customer managed key gives that control.',
    remediation:
      'Set KmsMasterKeyId to a customer managed KMS key whose policy lets the producers and consumers use it.',
    docsUrl:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-rest',
        choiceId: 'sec_protect_data_rest_key_mgmt',
      },
    ],
    data: 'config',
    needs: ['sqs'],
    reads: ['sqs:GetQueueAttributes'],
  },
  run(snapshot) {
    const queues = snapshot.sqs?.queues;
    if (!queues) return notAssessed('SQS queues were not collected');
    if (queues.length === 0) return notApplicable('no SQS queues');
    return verdict(
      queues
        .filter((q) => !q.kmsMasterKeyId || q.kmsMasterKeyId === AWS_MANAGED_KEY)
        .map((q) =>
          resourceFinding(
            q,
            q.kmsMasterKeyId ? 'encrypted with the AWS managed key alias/aws/sqs' : 'no KMS key',
          ),
        ),
    );
  },
});

import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sqs-sse',
    title: 'Queue without server-side encryption',
    service: 'sqs',
    pillar: 'security',
    severity: 'medium',
    rationale:
      'Messages sit on disk unencrypted when neither SQS-managed encryption nor a KMS key is on. Sensitive payloads then depend on access control alone.',
    remediation:
      'Turn on SQS-managed encryption (SqsManagedSseEnabled) or set a KMS key (KmsMasterKeyId) on the queue.',
    docsUrl:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'protect-data-rest', choiceId: 'sec_protect_data_rest_encrypt' },
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-rest',
        choiceId: 'sec_protect_data_rest_automate_protection',
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
        .filter((q) => !q.sqsManagedSseEnabled && !q.kmsMasterKeyId)
        .map((q) => resourceFinding(q, 'server-side encryption is off')),
    );
  },
});

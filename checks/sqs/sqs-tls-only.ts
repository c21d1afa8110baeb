import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sqs-tls-only',
    title: 'Queue policy does not require TLS',
    service: 'sqs',
    pillar: 'security',
    severity: 'medium',
    rationale:
      'Without a Deny on aws:SecureTransport false, clients may call the queue over plain HTTP. Messages and credentials-signed requests then cross the network unencrypted.',
    remediation:
      'Add a queue policy statement that denies sqs:* to every principal when aws:SecureTransport is false.',
    docsUrl:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-transit',
        choiceId: 'sec_protect_data_transit_encrypt',
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
        .filter((q) => !q.denyInsecureTransport)
        .map((q) =>
          resourceFinding(
            q,
            q.policy ? 'the policy has no Deny for aws:SecureTransport false' : 'no queue policy',
          ),
        ),
    );
  },
});

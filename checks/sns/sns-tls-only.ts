import { overTopics, resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sns-tls-only',
    title: 'Topic policy does not require TLS',
    service: 'sns',
    pillar: 'security',
    severity: 'medium',
    rationale:
      'Without a Deny on aws:SecureTransport false, publishers may call the topic over plain HTTP. Message payloads then cross the network unencrypted.',
    remediation:
      'Add a topic policy statement that denies SNS:Publish to every principal when aws:SecureTransport is false.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-transit',
        choiceId: 'sec_protect_data_transit_encrypt',
      },
    ],
    data: 'config',
    needs: ['sns'],
  },
  run(snapshot) {
    return overTopics(snapshot, (topics) =>
      topics
        .filter((t) => !t.denyInsecureTransport)
        .map((t) =>
          resourceFinding(
            t,
            t.policy ? 'the policy has no Deny for aws:SecureTransport false' : 'no topic policy',
          ),
        ),
    );
  },
});

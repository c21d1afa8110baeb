import { overTopics, resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sns-signature-v2',
    title: 'Topic signs messages with SHA1',
    service: 'sns',
    pillar: 'security',
    severity: 'low',
    rationale:
      'With SignatureVersion 1 SNS signs deliveries with SHA1, a hash that is no longer collision resistant. Subscribers that verify signatures then rely on a weak proof that SNS sent the message.',
    remediation:
      'Set the topic attribute SignatureVersion to 2 (SHA256) once subscribers verify with a current SDK.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-transit',
        choiceId: 'sec_protect_data_transit_authentication',
      },
    ],
    data: 'config',
    needs: ['sns'],
  },
  run(snapshot) {
    return overTopics(snapshot, (topics) =>
      topics
        .filter((t) => t.signatureVersion !== '2')
        .map((t) => resourceFinding(t, `SignatureVersion is ${t.signatureVersion} (SHA1)`)),
    );
  },
});

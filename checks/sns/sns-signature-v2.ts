import type { SnsTopic } from '../../src/inventory/collectors/sns.js';
import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

const finding = (t: SnsTopic, message: string): Finding => ({
  resourceId: t.arn,
  resourceName: t.name,
  message,
});

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
    const topics = snapshot.sns?.topics;
    if (!topics) return notAssessed('SNS topics were not collected');
    if (topics.length === 0) return notApplicable('no SNS topics');
    return verdict(
      topics
        .filter((t) => t.signatureVersion !== '2')
        .map((t) => finding(t, `SignatureVersion is ${t.signatureVersion} (SHA1)`)),
    );
  },
});

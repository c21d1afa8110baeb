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
    const topics = snapshot.sns?.topics;
    if (!topics) return notAssessed('SNS topics were not collected');
    if (topics.length === 0) return notApplicable('no SNS topics');
    return verdict(
      topics
        .filter((t) => !t.denyInsecureTransport)
        .map((t) =>
          finding(t, t.policy ? 'the policy has no Deny for aws:SecureTransport false' : 'no topic policy'),
        ),
    );
  },
});

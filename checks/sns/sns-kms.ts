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
    id: 'sns-kms',
    title: 'Topic not encrypted at rest',
    service: 'sns',
    pillar: 'security',
    severity: 'medium',
    rationale:
      'Without a KMS key SNS stores messages awaiting delivery unencrypted. Their payloads then depend on access control alone.',
    remediation:
      'Set KmsMasterKeyId on the topic to a KMS key (a customer managed key, or alias/aws/sns at least) that the publishers may use.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'protect-data-rest', choiceId: 'sec_protect_data_rest_encrypt' },
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
        .filter((t) => !t.kmsMasterKeyId)
        .map((t) => finding(t, 'no KMS key: messages are stored unencrypted')),
    );
  },
});

import { overTopics, resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

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
    return overTopics(snapshot, (topics) =>
      topics
        .filter((t) => !t.kmsMasterKeyId)
        .map((t) => resourceFinding(t, 'no KMS key: messages are stored unencrypted')),
    );
  },
});

import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

/** Given as the alias or as its ARN (`arn:aws:kms:<region>:<account>:alias/aws/sns`). */
const isAwsManagedKey = (key: string) => key === 'alias/aws/sns' || key.endsWith(':alias/aws/sns');

export const check = defineCheck({
  meta: {
    id: 'sns-cmk',
    title: 'Topic encrypted with the AWS managed key',
    service: 'sns',
    pillar: 'security',
    severity: 'low',
    rationale:
      'The AWS managed key alias/aws/sns cannot be restricted, audited per use or revoked by you, and other accounts cannot be granted it. A customer managed key gives that control.',
    remediation:
      'Set KmsMasterKeyId to a customer managed KMS key whose policy lets the publishers and the subscribed services (SQS, Lambda, EventBridge) use it.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-rest',
        choiceId: 'sec_protect_data_rest_key_mgmt',
      },
    ],
    data: 'config',
    needs: ['sns'],
  },
  run(snapshot) {
    const topics = snapshot.sns?.topics;
    if (!topics) return notAssessed('SNS topics were not collected');
    // Unencrypted topics are sns-kms's finding; this check judges the key of encrypted ones.
    const encrypted = topics.filter((t) => t.kmsMasterKeyId);
    if (encrypted.length === 0) return notApplicable('no SNS topic is encrypted with a KMS key');
    return verdict(
      encrypted
        .filter((t) => isAwsManagedKey(t.kmsMasterKeyId ?? ''))
        .map((t) => resourceFinding(t, 'encrypted with the AWS managed key alias/aws/sns')),
    );
  },
});

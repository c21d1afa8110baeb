import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'dynamodb-encryption-cmk',
    title: 'Table encrypted only with the AWS owned key',
    service: 'dynamodb',
    pillar: 'security',
    severity: 'low',
    rationale:
      'Every table is encrypted at rest, but with the AWS owned key you cannot restrict, audit or revoke its use. A KMS key puts that control in your account.',
    remediation:
      'Switch the table to a customer managed KMS key (UpdateTable SSESpecification with SSEType KMS and KMSMasterKeyId).',
    docsUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-rest',
        choiceId: 'sec_protect_data_rest_key_mgmt',
      },
    ],
    data: 'config',
    needs: ['dynamodb'],
    reads: ['dynamodb:DescribeTable'],
  },
  run(snapshot) {
    const tables = snapshot.dynamodb?.tables;
    if (!tables) return notAssessed('DynamoDB tables were not collected');
    if (tables.length === 0) return notApplicable('no DynamoDB tables');
    return verdict(
      tables
        .filter((t) => t.sseType !== 'KMS')
        .map((t) => resourceFinding(t, 'encrypted with the AWS owned key')),
    );
  },
});

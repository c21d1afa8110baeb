import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'dynamodb-deletion-protection',
    title: 'Deletion protection off',
    service: 'dynamodb',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'A table without deletion protection can be dropped by one mistaken API call or template change. Everything in it is then gone unless a backup exists.',
    remediation:
      'Enable DeletionProtectionEnabled on production tables (UpdateTable, or the DeletionProtectionEnabled property in CloudFormation/CDK).',
    docsUrl:
      'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'tracking-change-management',
        choiceId: 'rel_tracking_change_management_planned_changemgmt',
      },
      {
        lens: 'wellarchitected',
        questionId: 'backing-up-data',
        choiceId: 'rel_backing_up_data_secured_backups_data',
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
        .filter((t) => !t.deletionProtection)
        .map((t) => resourceFinding(t, 'deletion protection is off')),
    );
  },
});

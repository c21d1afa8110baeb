import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'dynamodb-pitr',
    title: 'Point-in-time recovery off',
    service: 'dynamodb',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'Without point-in-time recovery a bad write, a buggy deploy or a deleted item cannot be undone. PITR restores the table to any second of the last 35 days.',
    remediation:
      'Turn on point-in-time recovery (UpdateContinuousBackups) for tables holding data you cannot rebuild.',
    docsUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'backing-up-data',
        choiceId: 'rel_backing_up_data_automated_backups_data',
      },
      {
        lens: 'wellarchitected',
        questionId: 'backing-up-data',
        choiceId: 'rel_backing_up_data_identified_backups_data',
      },
    ],
    data: 'config',
    needs: ['dynamodb'],
    reads: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups'],
  },
  run(snapshot) {
    const tables = snapshot.dynamodb?.tables;
    if (!tables) return notAssessed('DynamoDB tables were not collected');
    if (tables.length === 0) return notApplicable('no DynamoDB tables');
    const known = tables.filter((t) => t.pointInTimeRecovery !== undefined);
    if (known.length === 0) return notAssessed('continuous backups were not collected');
    return verdict(
      known
        .filter((t) => !t.pointInTimeRecovery)
        .map((t) => resourceFinding(t, 'point-in-time recovery is off')),
    );
  },
});

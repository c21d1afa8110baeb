import { DAY_MS, notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'dynamodb-empty-stale',
    title: 'Empty table',
    service: 'dynamodb',
    pillar: 'costOptimization',
    severity: 'low',
    rationale:
      'A table that has stayed empty long after it was created is likely left over. Provisioned capacity, backups and alarms on it still cost money and attention.',
    remediation: 'Confirm nothing uses the table, take a backup if in doubt, then delete it.',
    docsUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_decommission',
      },
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_track',
      },
    ],
    data: 'config',
    needs: ['dynamodb'],
    reads: ['dynamodb:DescribeTable'],
  },
  run(snapshot, thresholds) {
    const minAgeDays = thresholds.dynamodbEmptyTableDays;
    const tables = snapshot.dynamodb?.tables;
    if (!tables) return notAssessed('DynamoDB tables were not collected');
    if (tables.length === 0) return notApplicable('no DynamoDB tables');
    const old = tables.filter((t) => snapshot.takenAt - t.creationTime > minAgeDays * DAY_MS);
    if (old.length === 0) return notApplicable(`no table older than ${minAgeDays} days`);
    return verdict(
      old
        .filter((t) => t.itemCount === 0)
        .map((t) =>
          resourceFinding(
            t,
            `no items, created ${Math.floor((snapshot.takenAt - t.creationTime) / DAY_MS)} days ago`,
          ),
        ),
    );
  },
});

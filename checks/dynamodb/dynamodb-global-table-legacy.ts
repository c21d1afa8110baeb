import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'dynamodb-global-table-legacy',
    title: 'Global table on the legacy 2017 version',
    service: 'dynamodb',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      "Version 2017.11.29 global tables lack the newer version's management features, cost more to replicate writes and are being retired. Upgrading keeps replication supported.",
    remediation:
      'Upgrade the global table to version 2019.11.21 from the console or with UpdateGlobalTable migration guidance.',
    docsUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_upgrade.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'planning-for-recovery',
        choiceId: 'rel_planning_for_recovery_disaster_recovery',
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
    const global = tables.filter((t) => t.globalTableVersion !== undefined);
    if (global.length === 0) return notApplicable('no global tables');
    return verdict(
      global
        .filter((t) => t.globalTableVersion === '2017.11.29')
        .map((t) => resourceFinding(t, 'global table version 2017.11.29')),
    );
  },
});

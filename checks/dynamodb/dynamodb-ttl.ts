import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'dynamodb-ttl',
    title: 'Time to live not enabled',
    service: 'dynamodb',
    pillar: 'costOptimization',
    severity: 'info',
    rationale:
      'Without TTL, items that are only useful for a while (sessions, idempotency keys, events) stay forever. Storage grows and costs keep rising.',
    remediation:
      'If the table holds expiring data, store an expiry epoch in an attribute and enable TTL on it (UpdateTimeToLive).',
    docsUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_data_retention',
      },
    ],
    data: 'config',
    needs: ['dynamodb'],
    reads: ['dynamodb:DescribeTable', 'dynamodb:DescribeTimeToLive'],
  },
  run(snapshot) {
    const tables = snapshot.dynamodb?.tables;
    if (!tables) return notAssessed('DynamoDB tables were not collected');
    if (tables.length === 0) return notApplicable('no DynamoDB tables');
    const known = tables.filter((t) => t.ttlStatus !== undefined);
    if (known.length === 0) return notAssessed('time to live settings were not collected');
    return verdict(
      known
        .filter((t) => t.ttlStatus === 'DISABLED' || t.ttlStatus === 'DISABLING')
        .map((t) => resourceFinding(t, 'time to live is not enabled')),
    );
  },
});

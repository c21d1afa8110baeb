import { logGroupFinding, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'logs-retention-set',
    title: 'Log group never expires',
    service: 'logs',
    pillar: 'costOptimization',
    severity: 'medium',
    rationale:
      'Lambda creates its log groups with no retention, so logs are stored and billed forever and old personal ' +
      'data in them is never deleted.',
    remediation:
      'Set a retention period on the group that matches how long the logs are needed (often 30 to 90 days, longer ' +
      'where compliance asks), ideally in the same template that creates the function.',
    docsUrl:
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_data_retention',
      },
      { lens: 'serverless', questionId: 'cost_q1', choiceId: 'cost_cost_q1_a2' },
    ],
    data: 'config',
    needs: ['logs'],
  },
  run(snapshot) {
    const groups = snapshot.logs.logGroups;
    if (groups.length === 0) return notApplicable('no log groups');
    return verdict(
      groups
        .filter((g) => g.retentionInDays === undefined)
        .map((g) => logGroupFinding(g, 'retention is Never expire')),
    );
  },
});

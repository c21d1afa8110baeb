import { logGroupFinding, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'logs-retention-excessive',
    title: 'Function logs kept longer than needed',
    service: 'logs',
    pillar: 'sustainability',
    severity: 'low',
    rationale:
      'Function logs are rarely read after a few months; keeping them for years stores data (and cost) nobody ' +
      'uses.',
    remediation:
      'Lower the retention of function log groups to the period you actually query (checks.logRetentionMaxDays, ' +
      '365 days by default) and archive to S3 only what must be kept longer.',
    docsUrl:
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'sus_data', choiceId: 'sus_sus_data_a4' },
      { lens: 'serverless', questionId: 'cost_q1', choiceId: 'cost_cost_q1_a2' },
    ],
    data: 'config',
    needs: ['logs'],
  },
  run(snapshot, thresholds) {
    // Function log groups: the default /aws/lambda/ prefix plus custom groups set in LoggingConfig.
    const custom = new Set(snapshot.lambda.functions.map((f) => f.logging.logGroup));
    const groups = snapshot.logs.logGroups.filter(
      (g) => g.name.startsWith('/aws/lambda/') || custom.has(g.name),
    );
    if (groups.length === 0) return notApplicable('no function log groups');
    return verdict(
      groups
        .filter((g) => g.retentionInDays !== undefined && g.retentionInDays > thresholds.logRetentionMaxDays)
        .map((g) =>
          logGroupFinding(
            g,
            `retention ${g.retentionInDays} days is above ${thresholds.logRetentionMaxDays} days`,
            {
              retentionInDays: g.retentionInDays!,
            },
          ),
        ),
    );
  },
});

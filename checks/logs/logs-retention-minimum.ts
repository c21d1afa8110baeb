import { logGroupFinding, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'logs-retention-minimum',
    title: 'Retention below the required minimum',
    service: 'logs',
    pillar: 'security',
    severity: 'low',
    rationale:
      'Logs that expire too soon are gone when an incident or audit needs them; investigations often start ' +
      'weeks after the event.',
    remediation:
      "Raise the group's retention to at least the minimum your policy requires (checks.logRetentionMinDays, " +
      '30 days by default), or export older logs to S3 if they must be kept cheaply.',
    docsUrl:
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'detect-investigate-events',
        choiceId: 'sec_detect_investigate_events_logs',
      },
    ],
    data: 'config',
    needs: ['logs'],
  },
  run(snapshot, thresholds) {
    const withRetention = snapshot.logs.logGroups.filter((g) => g.retentionInDays !== undefined);
    if (withRetention.length === 0) return notApplicable('no log group has a retention period');
    return verdict(
      withRetention
        .filter((g) => g.retentionInDays! < thresholds.logRetentionMinDays)
        .map((g) =>
          logGroupFinding(
            g,
            `retention ${g.retentionInDays} days is below the ${thresholds.logRetentionMinDays}-day minimum`,
            {
              retentionInDays: g.retentionInDays!,
            },
          ),
        ),
    );
  },
});

import { DAY_MS, logGroupFinding, notApplicable, notAssessed, verdict } from '../helpers.js';
import { utcDate } from '../runtimes.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'logs-stale-streams',
    title: 'Log group has had no events for 90 days',
    service: 'logs',
    pillar: 'costOptimization',
    severity: 'low',
    rationale:
      'A log group that has received nothing for months usually belongs to something retired; it keeps its stored ' +
      'data, its cost and its place in every search.',
    remediation:
      'Find the owner of the group; if its source is gone, export what must be kept and delete the group, or at ' +
      'least set a retention period so old data expires.',
    docsUrl:
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_decommission',
      },
    ],
    data: 'config',
    needs: ['logs'],
    reads: ['logs:DescribeLogStreams'],
  },
  run(snapshot, thresholds) {
    const groups = snapshot.logs.logGroups;
    if (groups.length === 0) return notApplicable('no log groups');
    const known = groups.filter((g) => g.lastIngestionTime !== undefined);
    if (known.length === 0) return notAssessed('log stream ingestion times were not collected');
    const limit = thresholds.staleLogGroupDays * DAY_MS;
    const findings: Finding[] = [];
    for (const g of known) {
      if (g.lastIngestionTime === null) {
        // An empty group is only stale once it has existed for the whole period.
        if (snapshot.takenAt - g.creationTime > limit) {
          findings.push(
            logGroupFinding(g, `no log streams since it was created on ${utcDate(g.creationTime)}`),
          );
        }
        continue;
      }
      const idle = snapshot.takenAt - g.lastIngestionTime!;
      if (idle <= limit) continue;
      findings.push(
        logGroupFinding(
          g,
          `no events for ${Math.floor(idle / DAY_MS)} days (last on ${utcDate(g.lastIngestionTime!)})`,
          {
            lastIngestion: utcDate(g.lastIngestionTime!),
          },
        ),
      );
    }
    return verdict(findings);
  },
});

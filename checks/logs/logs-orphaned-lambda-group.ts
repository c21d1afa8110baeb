import { gigabytes, logGroupFinding, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

const PREFIX = '/aws/lambda/';

export const check = defineCheck({
  meta: {
    id: 'logs-orphaned-lambda-group',
    title: 'Log group left behind by a deleted function',
    service: 'logs',
    pillar: 'costOptimization',
    severity: 'low',
    rationale:
      'Deleting a function leaves its log group behind; with no retention it is stored and billed forever and ' +
      'clutters every search.',
    remediation:
      'Delete the log group (export it to S3 first if it must be kept), and create function log groups in the ' +
      'same template as the function so they are removed together.',
    docsUrl:
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_decommission',
      },
      { lens: 'wellarchitected', questionId: 'sus_data', choiceId: 'sus_sus_data_a6' },
    ],
    data: 'cross',
    needs: ['lambda', 'logs'],
  },
  run(snapshot) {
    const groups = snapshot.logs.logGroups.filter((g) => g.name.startsWith(PREFIX));
    if (groups.length === 0) return notApplicable('no /aws/lambda/ log groups');
    const names = new Set(snapshot.lambda.functions.map((f) => f.name));
    const used = new Set(snapshot.lambda.functions.map((f) => f.logging.logGroup));
    return verdict(
      groups
        .filter((g) => {
          const fnName = g.name.slice(PREFIX.length);
          // Lambda@Edge replicas log to /aws/lambda/us-east-1.<name> in the region where they ran.
          if (/^[a-z]{2}(-gov)?-[a-z]+-\d\./.test(fnName)) return false;
          return !names.has(fnName) && !used.has(g.name);
        })
        .map((g) =>
          logGroupFinding(
            g,
            `no function named ${g.name.slice(PREFIX.length)}; ${gigabytes(g.storedBytes)} stored`,
            {
              storedBytes: g.storedBytes,
            },
          ),
        ),
    );
  },
});

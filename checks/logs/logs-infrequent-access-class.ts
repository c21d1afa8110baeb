import { gigabytes, logGroupFinding, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'logs-infrequent-access-class',
    title: 'Large, rarely queried group on the Standard class',
    service: 'logs',
    pillar: 'costOptimization',
    severity: 'info',
    rationale:
      'The Infrequent Access class halves the ingestion price for logs that are kept for investigations rather ' +
      'than watched live. It supports only a subset of features, so this is a prompt to look, not a verdict.',
    remediation:
      'If nothing needs Standard-only features for this group (metric filters, subscriptions, Live Tail, and ' +
      "Pillar's own failure detection for function logs), create an Infrequent Access group and point the " +
      'source at it; the class of an existing group cannot be changed.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch_Logs_Log_Classes.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'select-service',
        choiceId: 'cost_select_service_select_for_cost',
      },
      { lens: 'serverless', questionId: 'cost_q1', choiceId: 'cost_cost_q1_a2' },
    ],
    data: 'config',
    needs: ['logs'],
    reads: ['logs:DescribeMetricFilters', 'logs:DescribeSubscriptionFilters'],
  },
  run(snapshot, thresholds) {
    const standard = snapshot.logs.logGroups.filter((g) => g.logGroupClass === 'STANDARD');
    if (standard.length === 0) return notApplicable('no Standard-class log groups');
    const minBytes = thresholds.infrequentAccessMinStoredGB * 1024 ** 3;
    return verdict(
      standard
        // Unknown subscription counts are skipped: a subscribed group needs the Standard class.
        .filter(
          (g) => g.storedBytes > minBytes && g.metricFilterCount === 0 && g.subscriptionFilterCount === 0,
        )
        .map((g) =>
          logGroupFinding(
            g,
            `${gigabytes(g.storedBytes)} stored on Standard with no metric or subscription filters`,
            {
              storedBytes: g.storedBytes,
            },
          ),
        ),
    );
  },
});

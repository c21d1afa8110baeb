import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

/** The shard-level metrics that show a hot shard or a lagging reader; `ALL` includes them. */
const NEEDED = [
  'IteratorAgeMilliseconds',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
];

export const check = defineCheck({
  meta: {
    id: 'kinesis-enhanced-monitoring',
    title: 'Data stream without shard-level metrics',
    service: 'kinesis',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'Stream-level metrics average over every shard, so one hot shard throttling its producers or one lagging shard hides behind the others. Shard-level metrics show which shard and when.',
    remediation:
      'Turn on enhanced monitoring (EnableEnhancedMonitoring) for at least IteratorAgeMilliseconds, WriteProvisionedThroughputExceeded and ReadProvisionedThroughputExceeded. Each shard-level metric is billed as a custom metric per shard.',
    docsUrl: 'https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'observability',
        choiceId: 'ops_observability_application_telemetry',
      },
      {
        lens: 'wellarchitected',
        questionId: 'monitor-aws-resources',
        choiceId: 'rel_monitor_aws_resources_monitor_resources',
      },
    ],
    data: 'config',
    needs: ['kinesis'],
  },
  run(snapshot) {
    const streams = snapshot.kinesis?.streams;
    if (!streams) return notAssessed('Kinesis data streams were not collected');
    if (streams.length === 0) return notApplicable('no Kinesis data streams');
    return verdict(
      streams.flatMap((s) => {
        if (s.shardLevelMetrics.includes('ALL')) return [];
        const missing = NEEDED.filter((m) => !s.shardLevelMetrics.includes(m));
        if (missing.length === 0) return [];
        const message =
          s.shardLevelMetrics.length === 0
            ? 'shard-level metrics are off'
            : `shard-level metrics lack ${missing.join(', ')}`;
        return [{ resourceId: s.arn, resourceName: s.name, message }];
      }),
    );
  },
});

import { notApplicable, notAssessed } from '../helpers.js';
import { overMeasuredResources } from '../metrics.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'kinesis-throughput-exceeded',
    title: 'Provisioned throughput exceeded',
    service: 'kinesis',
    pillar: 'performance',
    severity: 'high',
    rationale:
      'A provisioned stream rejects writes above 1 MB/s or 1,000 records/s per shard and reads above 2 MB/s per shard: producers must retry or drop records, and consumers fall behind.',
    remediation:
      'Add shards (UpdateShardCount) or switch the stream to on-demand capacity; spread partition keys if one hot shard takes the load, and give extra readers enhanced fan-out.',
    docsUrl: 'https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'manage-service-limits',
        choiceId: 'rel_manage_service_limits_monitor_manage_limits',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a4' },
    ],
    data: 'metrics',
    needs: ['kinesis', 'cloudwatch'],
  },
  run(snapshot) {
    const streams = snapshot.kinesis?.streams;
    if (!streams) return notAssessed('Kinesis data streams were not collected');
    // On-demand streams scale their own capacity; the shard limits are the owner's only when provisioned.
    const provisioned = streams.filter((s) => s.mode === 'PROVISIONED');
    if (provisioned.length === 0) return notApplicable('no provisioned Kinesis data streams');
    return overMeasuredResources(snapshot, provisioned, 'provisioned stream', (s, metrics, days) => {
      const write = metrics.WriteProvisionedThroughputExceeded ?? 0;
      const read = metrics.ReadProvisionedThroughputExceeded ?? 0;
      if (write === 0 && read === 0) return undefined;
      const parts = [...(write > 0 ? [`${write} writes`] : []), ...(read > 0 ? [`${read} reads`] : [])];
      return {
        resourceId: s.arn,
        resourceName: s.name,
        message: `${parts.join(' and ')} over provisioned throughput in ${days} days (${s.openShardCount} shards)`,
        details: { writeExceeded: write, readExceeded: read, shards: s.openShardCount },
      };
    });
  },
});

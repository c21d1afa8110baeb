import type { SimState } from '../state.js';
import { putDailyMetric } from './metrics.js';

/**
 * The demo account's Kinesis data streams, compliant and not. `notifications` is the stream the
 * demo's `notifications-fanout` mapping reads (24 h retention, unencrypted, only iterator age at
 * shard level); `clickstream` is well kept with an enhanced fan-out reader; `audit-trail-legacy`
 * is encrypted and kept a month but nobody reads it and it has no shard-level metrics.
 * Returns their names.
 */
export function demoKinesis(state: SimState, account: string, region: string): string[] {
  const now = state.clock.now();
  const streams: Parameters<SimState['kinesis']['addStream']>[2][] = [
    {
      name: 'notifications',
      mode: 'ON_DEMAND',
      retentionHours: 24,
      shardLevelMetrics: ['IteratorAgeMilliseconds'],
      createdAt: now - 300 * 86_400_000,
    },
    {
      name: 'clickstream',
      mode: 'PROVISIONED',
      shards: 4,
      retentionHours: 168,
      kmsKeyId: 'alias/aws/kinesis',
      shardLevelMetrics: ['ALL'],
      consumers: ['clickstream-analytics'],
      createdAt: now - 200 * 86_400_000,
    },
    {
      name: 'audit-trail-legacy',
      mode: 'PROVISIONED',
      shards: 2,
      retentionHours: 720,
      kmsKeyId: `arn:aws:kms:${region}:${account}:key/7f1c2e9a-5b3d-4c8e-9a61-2d4f0b8e3c17`,
      createdAt: now - 700 * 86_400_000,
    },
  ];
  for (const s of streams) state.kinesis.addStream(account, region, s);
  // clickstream's four shards cannot take its peak writes; audit-trail-legacy stays within its two.
  const kinesis = (stream: string, metricName: string, values: number[]) =>
    putDailyMetric(state, { account, region }, 'AWS/Kinesis', metricName, { StreamName: stream }, values);
  kinesis('clickstream', 'WriteProvisionedThroughputExceeded', [120, 45, 0, 310]);
  kinesis('clickstream', 'IncomingRecords', [2_400_000, 2_150_000, 1_900_000, 2_800_000]);
  kinesis('audit-trail-legacy', 'IncomingRecords', [18_000, 17_500]);
  // clickstream's own readers (not Lambda) fall four minutes behind at the peak.
  kinesis('clickstream', 'GetRecords.IteratorAgeMilliseconds', [95_000, 240_000, 30_000]);
  return streams.map((s) => s.name);
}

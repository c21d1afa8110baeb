import type { KinesisStream, Snapshot } from '../../src/inventory/snapshot.js';
import { ACCOUNT, NOW, REGION, type SnapshotParts, snapshot } from './builders.js';

export function streamArn(name: string): string {
  return `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
}

/** A well-kept stream: encrypted, a week of retention, shard-level metrics on, one EFO consumer. */
export function stream(over: Partial<KinesisStream> = {}): KinesisStream {
  const name = over.name ?? 'clicks';
  return {
    name,
    arn: streamArn(name),
    status: 'ACTIVE',
    mode: 'PROVISIONED',
    retentionHours: 168,
    encryptionType: 'KMS',
    kmsKeyId: 'alias/aws/kinesis',
    shardLevelMetrics: [
      'IteratorAgeMilliseconds',
      'WriteProvisionedThroughputExceeded',
      'ReadProvisionedThroughputExceeded',
    ],
    openShardCount: 2,
    consumerCount: 1,
    createdAt: NOW - 90 * 86_400_000,
    ...over,
  };
}

/** The base snapshot with a kinesis section; `null` leaves the section out (not collected). */
export function withStreams(streams: KinesisStream[] | null, parts: SnapshotParts = {}): Snapshot {
  const base = snapshot(parts);
  return streams === null ? base : { ...base, kinesis: { streams } };
}

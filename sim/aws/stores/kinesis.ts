import type { Clock } from '../../clock.js';

/** What a test or the demo says about a stream; everything else takes Kinesis' defaults. */
export interface SimStreamSpec {
  name: string;
  /** `StreamModeDetails.StreamMode`; PROVISIONED by default, as CreateStream without a mode. */
  mode?: 'PROVISIONED' | 'ON_DEMAND';
  /** Open shards (on-demand streams start with 4). */
  shards?: number;
  /** Kinesis' default is 24 hours. */
  retentionHours?: number;
  /** KMS key id, alias or ARN: set means `EncryptionType: KMS`. */
  kmsKeyId?: string;
  /** `EnhancedMonitoring[0].ShardLevelMetrics` (empty by default). */
  shardLevelMetrics?: string[];
  /** Names of enhanced fan-out consumers registered on the stream. */
  consumers?: string[];
  status?: 'CREATING' | 'DELETING' | 'ACTIVE' | 'UPDATING';
  /** Epoch ms; the clock's now by default. */
  createdAt?: number;
}

export interface SimStream {
  account: string;
  region: string;
  name: string;
  arn: string;
  mode: 'PROVISIONED' | 'ON_DEMAND';
  shards: number;
  retentionHours: number;
  kmsKeyId: string | undefined;
  shardLevelMetrics: string[];
  consumers: string[];
  status: 'CREATING' | 'DELETING' | 'ACTIVE' | 'UPDATING';
  createdAt: number;
}

/** The simulated account's Kinesis data streams, per account and region. */
export class SimKinesisStore {
  private readonly byKey = new Map<string, SimStream>();

  constructor(readonly clock: Clock) {}

  /** Adds (or replaces) a stream. */
  addStream(account: string, region: string, spec: SimStreamSpec): SimStream {
    const mode = spec.mode ?? 'PROVISIONED';
    const stream: SimStream = {
      account,
      region,
      name: spec.name,
      arn: `arn:aws:kinesis:${region}:${account}:stream/${spec.name}`,
      mode,
      shards: spec.shards ?? (mode === 'ON_DEMAND' ? 4 : 1),
      retentionHours: spec.retentionHours ?? 24,
      kmsKeyId: spec.kmsKeyId,
      shardLevelMetrics: [...(spec.shardLevelMetrics ?? [])],
      consumers: [...(spec.consumers ?? [])],
      status: spec.status ?? 'ACTIVE',
      createdAt: spec.createdAt ?? this.clock.now(),
    };
    this.byKey.set(key(account, region, spec.name), stream);
    return stream;
  }

  stream(account: string, region: string, name: string): SimStream | undefined {
    return this.byKey.get(key(account, region, name));
  }

  /** The account's streams in the region, by name (the order ListStreams pages in). */
  streams(account: string, region: string): SimStream[] {
    return [...this.byKey.values()]
      .filter((s) => s.account === account && s.region === region)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

function key(account: string, region: string, name: string): string {
  return `${account}/${region}/${name}`;
}

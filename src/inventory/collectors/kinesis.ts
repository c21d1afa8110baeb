import {
  DescribeStreamSummaryCommand,
  ListStreamsCommand,
  type ListStreamsCommandOutput,
  type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import { type CollectorContext, mapLimit } from '../context.js';

export const LIST_STREAMS_PAGE = 100;
/** Per-stream calls of a clean scan. */
export const perStreamActions = ['kinesis:DescribeStreamSummary'] as const;

/** One data stream (`kinesis:ListStreams`, `kinesis:DescribeStreamSummary`). */
export interface KinesisStream {
  /** `StreamName`. */
  name: string;
  /** `StreamARN`. */
  arn: string;
  /** `StreamStatus`: CREATING, DELETING, ACTIVE or UPDATING. */
  status: string;
  /** `StreamModeDetails.StreamMode`. */
  mode: 'PROVISIONED' | 'ON_DEMAND';
  /** `RetentionPeriodHours`. */
  retentionHours: number;
  /** `EncryptionType`: NONE or KMS. */
  encryptionType: 'NONE' | 'KMS';
  /** `KeyId`: a key ARN, id or alias (`alias/aws/kinesis` is the AWS managed key). */
  kmsKeyId?: string;
  /** `EnhancedMonitoring[].ShardLevelMetrics`, flattened (`ALL` stays as sent). */
  shardLevelMetrics: string[];
  /** `OpenShardCount`. */
  openShardCount: number;
  /** `ConsumerCount`: registered enhanced fan-out consumers. */
  consumerCount: number;
  /** `StreamCreationTimestamp` (epoch ms). */
  createdAt: number;
}

/** The kinesis section of the snapshot. */
export interface KinesisInventory {
  streams: KinesisStream[];
}

/**
 * Every data stream of the account and region with its mode, retention, encryption and
 * monitoring settings. Undefined when the stream list could not be read.
 */
export async function collectKinesis(
  ctx: CollectorContext,
  concurrency: number,
): Promise<KinesisInventory | undefined> {
  ctx.progress({ collector: 'kinesis', state: 'start' });
  const kinesis = ctx.clients.kinesis(ctx.target);
  const listed: { name: string; arn?: string }[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call('kinesis', 'kinesis:ListStreams', () =>
      kinesis.send(new ListStreamsCommand({ Limit: LIST_STREAMS_PAGE, NextToken: token })),
    );
    if (!page.ok) {
      ctx.progress({ collector: 'kinesis', state: 'failed', message: page.error.message });
      return undefined;
    }
    listed.push(...streamsOf(page.value));
    token = page.value.HasMoreStreams ? page.value.NextToken : undefined;
  } while (token);

  const found = await mapLimit(listed, concurrency, async (s) => {
    const described = await ctx.call(
      'kinesis',
      'kinesis:DescribeStreamSummary',
      () =>
        kinesis.send(new DescribeStreamSummaryCommand(s.arn ? { StreamARN: s.arn } : { StreamName: s.name })),
      { resource: s.name },
    );
    const summary = described.ok ? described.value.StreamDescriptionSummary : undefined;
    return summary ? toStream(summary) : undefined;
  });
  const streams = found.filter((s): s is KinesisStream => s !== undefined);
  ctx.progress({ collector: 'kinesis', state: 'done', items: streams.length });
  return { streams };
}

/** Names (and ARNs when the page has summaries; older responses carry names only). */
function streamsOf(page: ListStreamsCommandOutput): { name: string; arn?: string }[] {
  if (page.StreamSummaries && page.StreamSummaries.length > 0) {
    return page.StreamSummaries.filter((s) => s.StreamName).map((s) => ({
      name: s.StreamName as string,
      ...(s.StreamARN ? { arn: s.StreamARN } : {}),
    }));
  }
  return (page.StreamNames ?? []).map((name) => ({ name }));
}

export function toStream(d: StreamDescriptionSummary): KinesisStream {
  return {
    name: d.StreamName ?? '',
    arn: d.StreamARN ?? '',
    status: d.StreamStatus ?? 'ACTIVE',
    mode: d.StreamModeDetails?.StreamMode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED',
    retentionHours: d.RetentionPeriodHours ?? 24,
    encryptionType: d.EncryptionType === 'KMS' ? 'KMS' : 'NONE',
    ...(d.KeyId ? { kmsKeyId: d.KeyId } : {}),
    shardLevelMetrics: [...new Set((d.EnhancedMonitoring ?? []).flatMap((m) => m.ShardLevelMetrics ?? []))],
    openShardCount: d.OpenShardCount ?? 0,
    consumerCount: d.ConsumerCount ?? 0,
    createdAt: d.StreamCreationTimestamp?.getTime() ?? 0,
  };
}

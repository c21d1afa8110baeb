import {
  DescribeStreamSummaryCommand,
  ListStreamsCommand,
  type ListStreamsCommandOutput,
  type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import { type CollectorContext, mapLimit } from '../context.js';
import type { KinesisInventory, KinesisStream } from '../snapshot.js';

export const LIST_STREAMS_PAGE = 100;
/** Per-stream calls of a clean scan. */
export const perStreamActions = ['kinesis:DescribeStreamSummary'] as const;

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

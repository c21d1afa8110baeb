import { z } from 'zod';
import { AwsError } from '../errors.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimStream } from '../stores/kinesis.js';

/**
 * Kinesis Data Streams: JSON 1.1 (`X-Amz-Target: Kinesis_20131202.ListStreams`), signing name
 * `kinesis`. Kinesis throttles control-plane calls with `LimitExceededException`, answers a missing
 * stream with `ResourceNotFoundException` and a bad argument or page token with
 * `InvalidArgumentException`.
 */

const streamArnRe = /^arn:aws[\w-]*:kinesis:([\w-]+):(\d{12}):stream\/([\w.-]{1,128})$/;

function streamOf(ctx: OperationContext, input: { StreamName?: string; StreamARN?: string }): SimStream {
  const account = ctx.caller.accountId;
  let name = input.StreamName;
  if (input.StreamARN !== undefined) {
    const m = streamArnRe.exec(input.StreamARN);
    if (!m) throw new AwsError('InvalidArgumentException', `StreamARN ${input.StreamARN} is not valid.`);
    if (m[1] !== ctx.region || m[2] !== account) throw notFound(m[3] as string, account);
    name = m[3];
  }
  if (name === undefined)
    throw new AwsError('InvalidArgumentException', 'Either StreamName or StreamARN should be provided.');
  const stream = ctx.state.kinesis.stream(account, ctx.region, name);
  if (!stream) throw notFound(name, account);
  return stream;
}

function notFound(name: string, account: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Stream ${name} under account ${account} not found.`);
}

const streamMode = (s: SimStream) => ({ StreamMode: s.mode });

const listStreams = defineOperation({
  name: 'ListStreams',
  input: z.object({
    Limit: z.number().int().min(1).max(10_000).optional(),
    ExclusiveStartStreamName: z.string().min(1).max(128).optional(),
    NextToken: z.string().min(1).max(1048576).optional(),
  }),
  handle(ctx, input) {
    const all = ctx.state.kinesis.streams(ctx.caller.accountId, ctx.region);
    let start = 0;
    if (input.NextToken !== undefined) {
      const m = /^ls\/(\d+)$/.exec(input.NextToken);
      if (!m) throw new AwsError('InvalidArgumentException', 'NextToken is not valid.');
      if (input.ExclusiveStartStreamName !== undefined)
        throw new AwsError(
          'InvalidArgumentException',
          'NextToken and ExclusiveStartStreamName cannot be provided together.',
        );
      start = Number(m[1]);
    } else if (input.ExclusiveStartStreamName !== undefined) {
      const after = input.ExclusiveStartStreamName;
      start = all.findIndex((s) => s.name > after);
      if (start < 0) start = all.length;
    }
    const size = input.Limit ?? 100;
    const page = all.slice(start, start + size);
    const more = start + size < all.length;
    return {
      StreamNames: page.map((s) => s.name),
      HasMoreStreams: more,
      ...(more ? { NextToken: `ls/${start + size}` } : {}),
      StreamSummaries: page.map((s) => ({
        StreamName: s.name,
        StreamARN: s.arn,
        StreamStatus: s.status,
        StreamModeDetails: streamMode(s),
        StreamCreationTimestamp: s.createdAt / 1000,
      })),
    };
  },
});

const describeStreamSummary = defineOperation({
  name: 'DescribeStreamSummary',
  input: z.object({
    StreamName: z.string().min(1).max(128).optional(),
    StreamARN: z.string().min(1).max(2048).optional(),
  }),
  target: (input, ctx) => ({
    resource:
      input.StreamARN ??
      `arn:aws:kinesis:${ctx.region}:${ctx.caller.accountId}:stream/${input.StreamName ?? ''}`,
  }),
  handle(ctx, input) {
    const s = streamOf(ctx, input);
    return {
      StreamDescriptionSummary: {
        StreamName: s.name,
        StreamARN: s.arn,
        StreamStatus: s.status,
        StreamModeDetails: streamMode(s),
        RetentionPeriodHours: s.retentionHours,
        StreamCreationTimestamp: s.createdAt / 1000,
        EnhancedMonitoring: [{ ShardLevelMetrics: s.shardLevelMetrics }],
        EncryptionType: s.kmsKeyId ? 'KMS' : 'NONE',
        ...(s.kmsKeyId ? { KeyId: s.kmsKeyId } : {}),
        OpenShardCount: s.shards,
        ConsumerCount: s.consumers.length,
      },
    };
  },
});

export const kinesisService: ServiceDefinition = {
  id: 'kinesis',
  signingName: 'kinesis',
  iamPrefix: 'kinesis',
  protocol: 'awsJson1_1',
  targetPrefix: 'Kinesis_20131202',
  validationErrorCode: 'ValidationException',
  errors: {
    // Kinesis has no ThrottlingException: its control plane answers LimitExceededException.
    ThrottlingException: { code: 'LimitExceededException', status: 400 },
    AccessDeniedException: { status: 400 },
    ResourceNotFoundException: { status: 400 },
    InvalidArgumentException: { status: 400 },
    LimitExceededException: { status: 400 },
    InternalFailure: { code: 'InternalFailureException', status: 500, server: true },
  },
  operations: [listStreams, describeStreamSummary],
};

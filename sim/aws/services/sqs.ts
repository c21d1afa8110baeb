import { z } from 'zod';
import { AwsError } from '../errors.js';
import { offsetPage } from '../paging.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimQueue } from '../state.js';

/**
 * SQS: JSON 1.0 with `awsQueryCompatible`, as @aws-sdk/client-sqs sends it since 3.446
 * (`X-Amz-Target: AmazonSQS.ListQueues`). Errors carry `x-amzn-query-error: <QueryCode>;Sender`,
 * so a missing queue is `AWS.SimpleQueueService.NonExistentQueue` on the Query side.
 */

function queueOf(ctx: OperationContext, url: string): SimQueue {
  const name = url.replace(/\/+$/, '').split('/').at(-1) ?? '';
  const account = url.replace(/\/+$/, '').split('/').at(-2);
  const queue = ctx.state.getQueue(ctx.caller.accountId, ctx.region, name);
  if (!queue || (account !== undefined && /^\d{12}$/.test(account) && account !== ctx.caller.accountId)) {
    throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
  }
  return queue;
}

const queueArn = (ctx: OperationContext, url: string) => {
  const parts = url.replace(/\/+$/, '').split('/');
  return `arn:aws:sqs:${ctx.region}:${parts.at(-2) ?? ctx.caller.accountId}:${parts.at(-1) ?? ''}`;
};

const listQueues = defineOperation({
  name: 'ListQueues',
  input: z.object({
    QueueNamePrefix: z.string().optional(),
    NextToken: z.string().optional(),
    MaxResults: z.number().int().min(1).max(1000).optional(),
  }),
  handle(ctx, input) {
    const all = ctx.state
      .queues(ctx.caller.accountId, ctx.region)
      .filter((q) => input.QueueNamePrefix === undefined || q.name.startsWith(input.QueueNamePrefix));
    // Without MaxResults SQS answers up to 1,000 queues and no token.
    const { page, next } = offsetPage(
      all,
      input.NextToken,
      input.MaxResults ?? 1000,
      'lq',
      () => new AwsError('InvalidParameterValueException', 'Invalid NextToken value.'),
    );
    const more = input.MaxResults !== undefined && next !== undefined;
    return {
      ...(page.length > 0 ? { QueueUrls: page.map((q) => q.url) } : {}),
      ...(more ? { NextToken: next } : {}),
    };
  },
});

const attributeNames = [
  'All',
  'Policy',
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
  'ApproximateNumberOfMessagesDelayed',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'RedriveAllowPolicy',
  'SqsManagedSseEnabled',
] as const;

function attributesOf(q: SimQueue): Record<string, string> {
  const s = q.spec;
  const fifo = q.name.endsWith('.fifo');
  const kms = s.kmsMasterKeyId;
  const created = String(Math.floor(q.createdTimestamp / 1000));
  const attrs: Record<string, string> = {
    QueueArn: q.arn,
    ApproximateNumberOfMessages: String(s.approximateNumberOfMessages ?? 0),
    ApproximateNumberOfMessagesNotVisible: '0',
    ApproximateNumberOfMessagesDelayed: '0',
    CreatedTimestamp: created,
    LastModifiedTimestamp: created,
    VisibilityTimeout: String(s.visibilityTimeout ?? 30),
    MaximumMessageSize: String(s.maximumMessageSize ?? 262144),
    MessageRetentionPeriod: String(s.messageRetentionPeriod ?? 345600),
    DelaySeconds: String(s.delaySeconds ?? 0),
    ReceiveMessageWaitTimeSeconds: String(s.receiveMessageWaitTimeSeconds ?? 0),
    SqsManagedSseEnabled: String(kms ? false : (s.sqsManagedSseEnabled ?? true)),
  };
  if (kms) {
    attrs.KmsMasterKeyId = kms;
    attrs.KmsDataKeyReusePeriodSeconds = '300';
  }
  if (s.deadLetterTarget) {
    attrs.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: s.deadLetterTarget,
      maxReceiveCount: s.maxReceiveCount ?? 5,
    });
  }
  if (s.redriveAllowPolicy) attrs.RedriveAllowPolicy = JSON.stringify(s.redriveAllowPolicy);
  if (s.policy) {
    attrs.Policy = JSON.stringify({
      Version: '2012-10-17',
      Id: `${q.arn}/SQSDefaultPolicy`,
      Statement: s.policy.map((st) => ({
        Effect: 'Allow',
        Action: 'SQS:SendMessage',
        Resource: q.arn,
        ...st,
      })),
    });
  }
  if (fifo) {
    attrs.FifoQueue = 'true';
    attrs.ContentBasedDeduplication = 'false';
    attrs.DeduplicationScope = 'queue';
    attrs.FifoThroughputLimit = 'perQueue';
  }
  return attrs;
}

const getQueueAttributes = defineOperation({
  name: 'GetQueueAttributes',
  input: z.object({
    QueueUrl: z.string().min(1),
    AttributeNames: z.array(z.string()).optional(),
  }),
  target: (input, ctx) => ({ resource: queueArn(ctx, input.QueueUrl) }),
  handle(ctx, input) {
    const q = queueOf(ctx, input.QueueUrl);
    const names = input.AttributeNames ?? [];
    for (const n of names) {
      if (!(attributeNames as readonly string[]).includes(n))
        throw new AwsError('InvalidAttributeName', `Unknown Attribute ${n}.`);
    }
    const all = attributesOf(q);
    const wanted = names.includes('All')
      ? all
      : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k)));
    return Object.keys(wanted).length > 0 ? { Attributes: wanted } : {};
  },
});

const listQueueTags = defineOperation({
  name: 'ListQueueTags',
  input: z.object({ QueueUrl: z.string().min(1) }),
  target: (input, ctx) => ({ resource: queueArn(ctx, input.QueueUrl) }),
  handle(ctx, input) {
    const q = queueOf(ctx, input.QueueUrl);
    const tags = q.spec.tags ?? {};
    return Object.keys(tags).length > 0 ? { Tags: { ...tags } } : {};
  },
});

export const sqsService: ServiceDefinition = {
  id: 'sqs',
  signingName: 'sqs',
  iamPrefix: 'sqs',
  protocol: 'awsJson1_0',
  targetPrefix: 'AmazonSQS',
  awsQueryCompatible: true,
  validationErrorCode: 'ValidationException',
  errors: {
    ValidationException: { code: 'InvalidParameterValueException', queryCode: 'InvalidParameterValue' },
    InvalidParameterValueException: { queryCode: 'InvalidParameterValue' },
    InvalidAttributeName: { queryCode: 'InvalidAttributeName' },
    QueueDoesNotExist: { queryCode: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
    ThrottlingException: { code: 'RequestThrottled', queryCode: 'RequestThrottled' },
    AccessDeniedException: { queryCode: 'AccessDenied', status: 403 },
    ServiceUnavailableException: { queryCode: 'ServiceUnavailable', status: 503, server: true },
    InternalFailure: { code: 'InternalError', queryCode: 'InternalError', status: 500, server: true },
    UnrecognizedClientException: {
      code: 'InvalidClientTokenId',
      queryCode: 'InvalidClientTokenId',
      status: 403,
    },
    ExpiredTokenException: { queryCode: 'ExpiredToken', status: 403 },
    UnknownOperationException: { queryCode: 'InvalidAction' },
    MissingAuthenticationTokenException: { queryCode: 'MissingAuthenticationToken', status: 403 },
  },
  operations: [listQueues, getQueueAttributes, listQueueTags],
};

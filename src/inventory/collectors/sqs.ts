import { GetQueueAttributesCommand, ListQueuesCommand, ListQueueTagsCommand } from '@aws-sdk/client-sqs';
import { type CollectorContext, mapLimit } from '../context.js';
import { deniesInsecureTransport, parseJson, parsePolicy } from '../policy.js';
import type { SqsQueue } from '../snapshot.js';

export const LIST_QUEUES_PAGE = 1000;
/** Per-queue calls of a clean scan. */
export const perQueueActions = ['sqs:GetQueueAttributes', 'sqs:ListQueueTags'] as const;

/**
 * Every queue of the account and region with its attributes and tags. Which queues are DLQs is
 * derived from the redrive policies collected here; which queues Lambda reads is left to the checks
 * (they join with `lambda.eventSourceMappings`). Undefined when the queue list could not be read.
 */
export async function collectSqs(
  ctx: CollectorContext,
  concurrency: number,
): Promise<{ queues: SqsQueue[] } | undefined> {
  ctx.progress({ collector: 'sqs', state: 'start' });
  const sqs = ctx.clients.sqs(ctx.target);
  const urls: string[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call('sqs', 'sqs:ListQueues', () =>
      sqs.send(new ListQueuesCommand({ MaxResults: LIST_QUEUES_PAGE, NextToken: token })),
    );
    if (!page.ok) {
      ctx.progress({ collector: 'sqs', state: 'failed', message: page.error.message });
      return undefined;
    }
    urls.push(...(page.value.QueueUrls ?? []));
    token = page.value.NextToken;
  } while (token);

  const found = await mapLimit(urls, concurrency, async (url) => {
    const name = url.split('/').at(-1) ?? url;
    const attrs = await ctx.call(
      'sqs',
      'sqs:GetQueueAttributes',
      () => sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })),
      { resource: name },
    );
    if (!attrs.ok) return undefined;
    const tags = await ctx.call(
      'sqs',
      'sqs:ListQueueTags',
      () => sqs.send(new ListQueueTagsCommand({ QueueUrl: url })),
      { resource: name },
    );
    return toQueue(url, attrs.value.Attributes ?? {}, tags.ok ? (tags.value.Tags ?? {}) : undefined);
  });
  const queues = found.filter((q): q is SqsQueue => q !== undefined);
  for (const q of queues) {
    q.deadLetterSourceArns = queues
      .filter((s) => s.redrivePolicy?.deadLetterTargetArn === q.arn)
      .map((s) => s.arn)
      .sort();
  }
  ctx.progress({ collector: 'sqs', state: 'done', items: queues.length });
  return { queues };
}

export function toQueue(
  url: string,
  a: Record<string, string>,
  tags: Record<string, string> | undefined,
): SqsQueue {
  const name = url.split('/').at(-1) ?? url;
  const num = (k: string, d: number) => (a[k] === undefined ? d : Number(a[k]));
  const redrive = parseJson<{ deadLetterTargetArn?: string; maxReceiveCount?: number | string }>(
    a.RedrivePolicy,
  );
  const allow = parseJson<{ redrivePermission?: string; sourceQueueArns?: string[] }>(a.RedriveAllowPolicy);
  const policy = a.Policy ? parsePolicy(a.Policy) : undefined;
  return {
    name,
    url,
    arn: a.QueueArn ?? '',
    fifo: a.FifoQueue === 'true' || name.endsWith('.fifo'),
    visibilityTimeoutSeconds: num('VisibilityTimeout', 30),
    messageRetentionSeconds: num('MessageRetentionPeriod', 345_600),
    delaySeconds: num('DelaySeconds', 0),
    receiveMessageWaitTimeSeconds: num('ReceiveMessageWaitTimeSeconds', 0),
    ...(a.KmsMasterKeyId ? { kmsMasterKeyId: a.KmsMasterKeyId } : {}),
    sqsManagedSseEnabled: a.SqsManagedSseEnabled === 'true',
    ...(redrive?.deadLetterTargetArn
      ? {
          redrivePolicy: {
            deadLetterTargetArn: redrive.deadLetterTargetArn,
            maxReceiveCount: Number(redrive.maxReceiveCount ?? 0),
          },
        }
      : {}),
    ...(allow?.redrivePermission
      ? {
          redriveAllowPolicy: {
            redrivePermission: allow.redrivePermission,
            ...(allow.sourceQueueArns ? { sourceQueueArns: allow.sourceQueueArns } : {}),
          },
        }
      : {}),
    ...(policy ? { policy } : {}),
    denyInsecureTransport: deniesInsecureTransport(policy),
    ...(a.ApproximateNumberOfMessages === undefined
      ? {}
      : { approximateNumberOfMessages: Number(a.ApproximateNumberOfMessages) }),
    deadLetterSourceArns: [],
    ...(tags ? { tags } : {}),
  };
}

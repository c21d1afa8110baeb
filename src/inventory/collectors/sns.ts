import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  type Subscription,
} from '@aws-sdk/client-sns';
import { type CollectorContext, mapLimit } from '../context.js';
import { deniesInsecureTransport, parseJson, parsePolicy } from '../policy.js';
import type {
  SnsDeliveryLogging,
  SnsFeedbackProtocol,
  SnsInventory,
  SnsSubscription,
  SnsTopic,
} from '../snapshot.js';

/** SNS answers ListTopics and ListSubscriptionsByTopic 100 at a time; the page size is not settable. */
export const LIST_TOPICS_PAGE = 100;
export const LIST_SUBSCRIPTIONS_PAGE = 100;
/** Per-topic calls of a clean scan (ListSubscriptionsByTopic once per page of 100). */
export const perTopicActions = ['sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic'] as const;
/** Per-subscription calls of a clean scan, for confirmed subscriptions of `SUBSCRIPTION_DETAIL_PROTOCOLS`. */
export const perSubscriptionActions = ['sns:GetSubscriptionAttributes'] as const;
/**
 * Protocols whose subscriptions are read one by one: the ones a redrive policy matters for. Email
 * and SMS subscriptions can be thousands and no check reads their attributes.
 */
export const SUBSCRIPTION_DETAIL_PROTOCOLS: readonly string[] = ['sqs', 'lambda', 'http', 'https'];

/** Protocols SNS can log delivery status for, by the prefix of their feedback attributes. */
export const FEEDBACK_PROTOCOLS = {
  Application: 'application',
  Firehose: 'firehose',
  HTTP: 'http',
  Lambda: 'lambda',
  SQS: 'sqs',
} as const satisfies Record<string, SnsFeedbackProtocol>;

/**
 * Every topic of the account and region with its attributes and subscriptions; the redrive policy
 * of confirmed queue, function and HTTP(S) subscriptions. Tags are not read: no check
 * needs them. Undefined when the topic list could not be read.
 */
export async function collectSns(
  ctx: CollectorContext,
  concurrency: number,
): Promise<SnsInventory | undefined> {
  ctx.progress({ collector: 'sns', state: 'start' });
  const sns = ctx.clients.sns(ctx.target);
  const arns: string[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call('sns', 'sns:ListTopics', () =>
      sns.send(new ListTopicsCommand({ NextToken: token })),
    );
    if (!page.ok) {
      ctx.progress({ collector: 'sns', state: 'failed', message: page.error.message });
      return undefined;
    }
    arns.push(...(page.value.Topics ?? []).map((t) => t.TopicArn ?? '').filter(Boolean));
    token = page.value.NextToken;
  } while (token);

  const found = await mapLimit(arns, concurrency, async (arn) => {
    const name = nameOf(arn);
    const attrs = await ctx.call(
      'sns',
      'sns:GetTopicAttributes',
      () => sns.send(new GetTopicAttributesCommand({ TopicArn: arn })),
      { resource: name },
    );
    if (!attrs.ok) return undefined;
    const topic = toTopic(arn, attrs.value.Attributes ?? {});
    const listed = await listSubscriptions(ctx, arn);
    if (!listed) return topic;
    topic.subscriptions = await mapLimit(listed, concurrency, async (s) => {
      const sub = toSubscription(s);
      if (!sub.arn || !SUBSCRIPTION_DETAIL_PROTOCOLS.includes(sub.protocol)) return sub;
      const subArn = sub.arn;
      const detail = await ctx.call(
        'sns',
        'sns:GetSubscriptionAttributes',
        () => sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subArn })),
        { resource: `${name}/${subArn.split(':').at(-1) ?? subArn}` },
      );
      if (!detail.ok) return sub;
      const dlq = parseJson<{ deadLetterTargetArn?: unknown }>(detail.value.Attributes?.RedrivePolicy);
      return {
        ...sub,
        attributesRead: true,
        ...(typeof dlq?.deadLetterTargetArn === 'string' && dlq.deadLetterTargetArn
          ? { deadLetterTargetArn: dlq.deadLetterTargetArn }
          : {}),
      };
    });
    return topic;
  });
  const topics = found.filter((t): t is SnsTopic => t !== undefined);
  ctx.progress({ collector: 'sns', state: 'done', items: topics.length });
  return { topics };
}

async function listSubscriptions(
  ctx: CollectorContext,
  topicArn: string,
): Promise<Subscription[] | undefined> {
  const sns = ctx.clients.sns(ctx.target);
  const out: Subscription[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call(
      'sns',
      'sns:ListSubscriptionsByTopic',
      () => sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: token })),
      { resource: nameOf(topicArn) },
    );
    if (!page.ok) return undefined;
    out.push(...(page.value.Subscriptions ?? []));
    token = page.value.NextToken;
  } while (token);
  return out;
}

function nameOf(arn: string): string {
  return arn.split(':').at(-1) ?? arn;
}

export function toTopic(arn: string, a: Record<string, string>): SnsTopic {
  const policy = a.Policy ? parsePolicy(a.Policy) : undefined;
  const logging: SnsDeliveryLogging[] = [];
  for (const [prefix, protocol] of Object.entries(FEEDBACK_PROTOCOLS)) {
    const success = a[`${prefix}SuccessFeedbackRoleArn`];
    const failure = a[`${prefix}FailureFeedbackRoleArn`];
    if (!success && !failure) continue;
    logging.push({
      protocol,
      ...(success ? { successRoleArn: success } : {}),
      ...(failure ? { failureRoleArn: failure } : {}),
    });
  }
  const count = (k: string) => (a[k] === undefined ? 0 : Number(a[k]) || 0);
  return {
    name: nameOf(arn),
    arn,
    fifo: a.FifoTopic === 'true' || arn.endsWith('.fifo'),
    ...(a.KmsMasterKeyId ? { kmsMasterKeyId: a.KmsMasterKeyId } : {}),
    ...(policy ? { policy } : {}),
    denyInsecureTransport: deniesInsecureTransport(policy),
    tracing: a.TracingConfig === 'Active' ? 'Active' : 'PassThrough',
    signatureVersion: a.SignatureVersion ?? '1',
    subscriptionsConfirmed: count('SubscriptionsConfirmed'),
    subscriptionsPending: count('SubscriptionsPending'),
    deliveryStatusLogging: logging,
  };
}

export function toSubscription(s: Subscription): SnsSubscription {
  const pending = s.SubscriptionArn === 'PendingConfirmation';
  const protocol = s.Protocol ?? '';
  const endpoint = safeEndpoint(protocol, s.Endpoint);
  return {
    ...(pending || !s.SubscriptionArn ? {} : { arn: s.SubscriptionArn }),
    protocol,
    ...(endpoint ? { endpoint } : {}),
    owner: s.Owner ?? '',
    pendingConfirmation: pending,
    attributesRead: false,
  };
}

/** ARNs as given; URLs cut to scheme, host and path (user info and query strings may hold secrets). */
function safeEndpoint(protocol: string, endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  if (protocol === 'http' || protocol === 'https') {
    try {
      const u = new URL(endpoint);
      return `${u.protocol}//${u.host}${u.pathname}`;
    } catch {
      return undefined;
    }
  }
  return endpoint.startsWith('arn:') ? endpoint : undefined;
}

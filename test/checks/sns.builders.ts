import type { Snapshot, SnsInventory, SnsSubscription, SnsTopic } from '../../src/inventory/snapshot.js';
import { ACCOUNT, REGION, snapshot } from './builders.js';

export const topicArn = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
export const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const loggingRole = `arn:aws:iam::${ACCOUNT}:role/sns-delivery-status`;

/** Overrides where `undefined` removes the field (a pending subscription has no ARN). */
type Over<T> = { [K in keyof T]?: T[K] | undefined };

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A confirmed SQS subscription with a dead-letter queue; override what a case needs. */
export function subscription(over: Over<SnsSubscription> = {}): SnsSubscription {
  return defined({
    arn: `${topicArn('order-events')}:0f6c1a52-5f7e-4c59-9a8d-000000000001`,
    protocol: 'sqs',
    endpoint: queueArn('orders-events'),
    owner: ACCOUNT,
    pendingConfirmation: false,
    deadLetterTargetArn: queueArn('orders-events-dlq'),
    attributesRead: true,
    ...over,
  }) as SnsSubscription;
}

/** A well set up topic: CMK, owner-only TLS-only policy, tracing, SHA256 signatures, logged deliveries. */
export function topic(over: Over<SnsTopic> = {}): SnsTopic {
  const name = over.name ?? 'order-events';
  // `subscriptions: undefined` stands for a topic whose subscriptions could not be listed.
  const subscriptions = 'subscriptions' in over ? over.subscriptions : [subscription()];
  const listed = subscriptions ?? [];
  const { subscriptions: _given, ...rest } = over;
  return defined({
    name,
    arn: topicArn(name),
    fifo: false,
    kmsMasterKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/6f1c2d3e-0a1b-4c5d-8e9f-0123456789ab`,
    policy: [
      {
        sid: 'owner-publish',
        effect: 'Allow',
        principals: [ACCOUNT],
        actions: ['SNS:Publish'],
        conditionKeys: [],
      },
      {
        sid: 'deny-insecure-transport',
        effect: 'Deny',
        principals: ['*'],
        actions: ['SNS:Publish'],
        conditionKeys: ['aws:SecureTransport'],
      },
    ],
    denyInsecureTransport: true,
    tracing: 'Active',
    signatureVersion: '2',
    subscriptionsConfirmed: listed.filter((s) => !s.pendingConfirmation).length,
    subscriptionsPending: listed.filter((s) => s.pendingConfirmation).length,
    deliveryStatusLogging: [
      { protocol: 'sqs', successRoleArn: loggingRole, failureRoleArn: loggingRole },
      { protocol: 'lambda', failureRoleArn: loggingRole },
    ],
    ...rest,
    subscriptions,
  }) as SnsTopic;
}

/** The shared base snapshot with an SNS section (`null` leaves the section out: not collected). */
export function withSns(topics: SnsTopic[] | null, extra: Partial<Snapshot> = {}): Snapshot {
  const sns: SnsInventory | undefined = topics === null ? undefined : { topics };
  return { ...snapshot(), ...(sns ? { sns } : {}), ...extra };
}

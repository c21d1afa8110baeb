import type { SimState } from '../state.js';
import { putDailyMetric } from './metrics.js';

/**
 * The demo account's SNS topics: `order-events` set up well (customer managed key, TLS-only policy,
 * tracing, delivery-status logging, subscriptions with dead-letter queues), `alerts-public` wrong in
 * most ways (open policy, no encryption, plain-HTTP and unconfirmed subscriptions, no DLQ),
 * `legacy-broadcast` with nobody subscribed and `payments-notices` on the AWS managed key. The
 * queues and functions they deliver to are the demo's own. Returns the topic names.
 */
export function demoSns(state: SimState, account: string, region: string): string[] {
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
  const topicArn = (name: string) => arn('sns', name);
  const cmk = arn('kms', 'key/6f1c2d3e-0a1b-4c5d-8e9f-0123456789ab');
  const loggingRole = `arn:aws:iam::${account}:role/sns-delivery-status`;
  const ownerOnly = (name: string) => ({
    Sid: 'owner-publish',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: ['SNS:Publish', 'SNS:Subscribe'],
    Resource: topicArn(name),
  });
  const tlsOnly = (name: string) => ({
    Sid: 'deny-insecure-transport',
    Effect: 'Deny',
    Principal: '*',
    Action: 'SNS:Publish',
    Resource: topicArn(name),
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  const sns = state.sns;
  const names = ['order-events', 'alerts-public', 'legacy-broadcast', 'payments-notices'];
  // Idempotent, like the rest of the demo: a second call must not duplicate subscriptions.
  if (sns.topic(account, region, topicArn('order-events'))) return names;

  const orders = sns.addTopic(account, region, {
    name: 'order-events',
    displayName: 'Order events',
    kmsMasterKeyId: cmk,
    policy: { Statement: [ownerOnly('order-events'), tlsOnly('order-events')] },
    tracing: 'Active',
    signatureVersion: '2',
    feedback: {
      SQS: { successRoleArn: loggingRole, failureRoleArn: loggingRole, successSampleRate: 10 },
      Lambda: { successRoleArn: loggingRole, failureRoleArn: loggingRole, successSampleRate: 10 },
    },
    tags: { team: 'orders' },
  });
  sns.subscribe(orders.arn, {
    protocol: 'sqs',
    endpoint: arn('sqs', 'orders-events'),
    deadLetterTargetArn: arn('sqs', 'orders-events-dlq'),
    rawMessageDelivery: true,
  });
  sns.subscribe(orders.arn, {
    protocol: 'lambda',
    endpoint: arn('lambda', 'function:notifications-fanout'),
    deadLetterTargetArn: arn('sqs', 'orders-events-dlq'),
    filterPolicy: { eventType: ['order_shipped', 'order_cancelled'] },
  });

  // Anyone may publish; plaintext at rest; webhooks with no DLQ, one over plain HTTP.
  const alerts = sns.addTopic(account, region, {
    name: 'alerts-public',
    policy: {
      Statement: [
        {
          Sid: 'anyone-publish',
          Effect: 'Allow',
          Principal: '*',
          Action: 'SNS:Publish',
          Resource: topicArn('alerts-public'),
        },
      ],
    },
  });
  sns.subscribe(alerts.arn, {
    protocol: 'https',
    endpoint: 'https://events.pagerduty.example.com/integration/abc/enqueue',
  });
  sns.subscribe(alerts.arn, { protocol: 'http', endpoint: 'http://status.internal.example.com/hooks/sns' });
  sns.subscribe(alerts.arn, { protocol: 'email', endpoint: 'oncall@example.com', pendingConfirmation: true });

  // Nobody has subscribed since the broadcast service was retired.
  sns.addTopic(account, region, { name: 'legacy-broadcast', kmsMasterKeyId: 'alias/aws/sns' });

  // Encrypted with the AWS managed key; the function subscription drops what it cannot deliver.
  const payments = sns.addTopic(account, region, {
    name: 'payments-notices',
    kmsMasterKeyId: 'alias/aws/sns',
    policy: { Statement: [ownerOnly('payments-notices'), tlsOnly('payments-notices')] },
    feedback: { Lambda: { successRoleArn: loggingRole } },
  });
  sns.subscribe(payments.arn, { protocol: 'lambda', endpoint: arn('lambda', 'function:payments-webhook') });

  // The plain-HTTP status hook is down: deliveries to it fail and, with no DLQ, are lost.
  // order-events delivers everything (a measured zero).
  const failures = (topic: string, metricName: string, values: number[]) =>
    putDailyMetric(state, { account, region }, 'AWS/SNS', metricName, { TopicName: topic }, values);
  failures('alerts-public', 'NumberOfNotificationsFailed', [6, 11, 2]);
  failures('order-events', 'NumberOfNotificationsDelivered', [1520, 1488, 1603]);

  return names;
}

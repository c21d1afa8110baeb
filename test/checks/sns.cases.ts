import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';
import { withMetrics } from './service-metrics.builders.js';
import { subscription, topic, topicArn, withSns } from './sns.builders.js';

const noTopics = withSns([]);
const notCollected = withSns(null);
const lambdaSub = (over: Parameters<typeof subscription>[0] = {}) =>
  subscription({
    arn: `${topicArn('order-events')}:0f6c1a52-5f7e-4c59-9a8d-000000000002`,
    protocol: 'lambda',
    endpoint: 'arn:aws:lambda:eu-west-1:111122223333:function:notifications-fanout',
    ...over,
  });
const pendingEmail = subscription({
  arn: undefined,
  protocol: 'email',
  endpoint: undefined,
  pendingConfirmation: true,
  deadLetterTargetArn: undefined,
  attributesRead: false,
});
const httpSub = (over: Parameters<typeof subscription>[0] = {}) =>
  subscription({
    arn: `${topicArn('alerts')}:0f6c1a52-5f7e-4c59-9a8d-000000000003`,
    protocol: 'http',
    endpoint: 'http://status.example.com/hooks/sns',
    deadLetterTargetArn: undefined,
    ...over,
  });
const openPolicy = [
  { sid: 'anyone', effect: 'Allow' as const, principals: ['*'], actions: ['SNS:Publish'], conditionKeys: [] },
];
const defaultPolicy = [
  {
    sid: '__default_statement_ID',
    effect: 'Allow' as const,
    principals: ['*'],
    actions: ['SNS:Publish', 'SNS:Subscribe'],
    conditionKeys: ['AWS:SourceOwner'],
  },
];

export const snsCases: CaseTable = {
  'sns-kms': [
    { name: 'customer managed key', snapshot: withSns([topic()]), expect: compliant },
    {
      name: 'AWS managed key still encrypts',
      snapshot: withSns([topic({ kmsMasterKeyId: 'alias/aws/sns' })]),
      expect: compliant,
    },
    {
      name: 'no key',
      snapshot: withSns([topic(), topic({ name: 'alerts', kmsMasterKeyId: undefined })]),
      expect: fails({ resourceName: 'alerts', message: 'no KMS key: messages are stored unencrypted' }),
    },
    { name: 'no topics', snapshot: noTopics, expect: notApplicable(/no SNS topics/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'sns-cmk': [
    { name: 'customer managed key', snapshot: withSns([topic()]), expect: compliant },
    {
      name: 'AWS managed key, by alias and by alias ARN',
      snapshot: withSns([
        topic({ name: 'a', kmsMasterKeyId: 'alias/aws/sns' }),
        topic({ name: 'b', kmsMasterKeyId: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/sns' }),
        topic({ name: 'c', kmsMasterKeyId: 'alias/orders' }),
      ]),
      expect: fails(
        { resourceName: 'a', message: 'encrypted with the AWS managed key alias/aws/sns' },
        { resourceName: 'b', message: 'encrypted with the AWS managed key alias/aws/sns' },
      ),
    },
    {
      name: 'no encrypted topic (sns-kms reports those)',
      snapshot: withSns([topic({ kmsMasterKeyId: undefined })]),
      expect: notApplicable(/encrypted/),
    },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed() },
  ],

  'sns-public-policy': [
    {
      name: 'owner-only policy, and SNS default policy held by AWS:SourceOwner',
      snapshot: withSns([topic(), topic({ name: 'defaults', policy: defaultPolicy })]),
      expect: compliant,
    },
    {
      name: 'Publish for * without a condition',
      snapshot: withSns([topic({ name: 'alerts', policy: openPolicy })]),
      expect: fails({
        resourceName: 'alerts',
        message: 'policy allows SNS:Publish to any principal without a condition',
      }),
    },
    {
      name: 'a * principal scoped by aws:SourceArn',
      snapshot: withSns([topic({ policy: [{ ...openPolicy[0]!, conditionKeys: ['aws:SourceArn'] }] })]),
      expect: compliant,
    },
    { name: 'no topics', snapshot: noTopics, expect: notApplicable() },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed() },
  ],

  'sns-tls-only': [
    { name: 'Deny on aws:SecureTransport false', snapshot: withSns([topic()]), expect: compliant },
    {
      name: 'policy without the Deny, and no policy at all',
      snapshot: withSns([
        topic({ name: 'alerts', policy: openPolicy, denyInsecureTransport: false }),
        topic({ name: 'bare', policy: undefined, denyInsecureTransport: false }),
      ]),
      expect: fails(
        { resourceName: 'alerts', message: 'the policy has no Deny for aws:SecureTransport false' },
        { resourceName: 'bare', message: 'no topic policy' },
      ),
    },
    { name: 'no topics', snapshot: noTopics, expect: notApplicable() },
  ],

  'sns-http-subscription': [
    {
      name: 'SQS, Lambda and HTTPS subscriptions',
      snapshot: withSns([
        topic({
          subscriptions: [
            subscription(),
            lambdaSub(),
            httpSub({ protocol: 'https', endpoint: 'https://x.example.com/' }),
          ],
        }),
      ]),
      expect: compliant,
    },
    {
      name: 'plain HTTP, confirmed and pending',
      snapshot: withSns([
        topic({
          name: 'alerts',
          subscriptions: [
            httpSub(),
            httpSub({ arn: undefined, endpoint: 'http://old.example.com/sns', pendingConfirmation: true }),
          ],
        }),
      ]),
      expect: fails(
        { resourceName: 'alerts → http://status.example.com/hooks/sns', message: 'plain-HTTP subscription' },
        {
          resourceName: 'alerts → http://old.example.com/sns',
          message: 'plain-HTTP subscription (pending confirmation)',
        },
      ),
    },
    {
      name: 'topics without subscriptions',
      snapshot: withSns([topic({ subscriptions: [] })]),
      expect: notApplicable(),
    },
    {
      name: 'subscriptions not listed for any topic',
      snapshot: withSns([topic({ subscriptions: undefined })]),
      expect: notAssessed(/listed/),
    },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed() },
  ],

  'sns-subscription-dlq': [
    {
      name: 'SQS and Lambda subscriptions with a DLQ; e-mail needs none',
      snapshot: withSns([
        topic({
          subscriptions: [
            subscription(),
            lambdaSub(),
            subscription({ protocol: 'email', deadLetterTargetArn: undefined }),
          ],
        }),
      ]),
      expect: compliant,
    },
    {
      name: 'Lambda and HTTP subscriptions without a redrive policy',
      snapshot: withSns([
        topic({ subscriptions: [subscription(), lambdaSub({ deadLetterTargetArn: undefined })] }),
        topic({ name: 'alerts', subscriptions: [httpSub()] }),
      ]),
      expect: fails(
        {
          resourceName: 'order-events → arn:aws:lambda:eu-west-1:111122223333:function:notifications-fanout',
          message: 'lambda subscription has no redrive policy',
        },
        {
          resourceName: 'alerts → http://status.example.com/hooks/sns',
          message: 'http subscription has no redrive policy',
        },
      ),
    },
    {
      name: 'a subscription whose attributes were not read is skipped, not passed',
      snapshot: withSns([
        topic({
          subscriptions: [
            subscription({ deadLetterTargetArn: undefined, attributesRead: false }),
            lambdaSub({ deadLetterTargetArn: undefined }),
          ],
        }),
      ]),
      expect: fails({
        resourceName: 'order-events → arn:aws:lambda:eu-west-1:111122223333:function:notifications-fanout',
        message: 'lambda subscription has no redrive policy',
      }),
    },
    {
      name: 'no attributes read at all',
      snapshot: withSns([
        topic({ subscriptions: [subscription({ deadLetterTargetArn: undefined, attributesRead: false })] }),
      ]),
      expect: notAssessed(/attributes/),
    },
    {
      name: 'only pending and e-mail subscriptions',
      snapshot: withSns([topic({ subscriptions: [pendingEmail] })]),
      expect: notApplicable(/no confirmed/),
    },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed() },
  ],

  'sns-delivery-status-logging': [
    {
      name: 'failure logging for SQS and Lambda, the protocols in use',
      snapshot: withSns([topic({ subscriptions: [subscription(), lambdaSub()] })]),
      expect: compliant,
    },
    {
      name: 'HTTPS in use with no HTTP feedback role; success-only logging does not count',
      snapshot: withSns([
        topic({
          name: 'alerts',
          subscriptions: [httpSub({ protocol: 'https' }), lambdaSub()],
          deliveryStatusLogging: [{ protocol: 'lambda', successRoleArn: 'arn:aws:iam::111122223333:role/r' }],
        }),
      ]),
      expect: fails({ resourceName: 'alerts', message: 'failed deliveries are not logged for http, lambda' }),
    },
    {
      name: 'only e-mail and pending subscriptions',
      snapshot: withSns([topic({ subscriptions: [subscription({ protocol: 'email' }), pendingEmail] })]),
      expect: notApplicable(/protocol SNS can log/),
    },
    {
      name: 'subscriptions not listed',
      snapshot: withSns([topic({ subscriptions: undefined })]),
      expect: notAssessed(/listed/),
    },
  ],

  'sns-pending-subscriptions': [
    { name: 'all confirmed', snapshot: withSns([topic()]), expect: compliant },
    {
      name: 'one pending',
      snapshot: withSns([topic({ name: 'alerts', subscriptions: [httpSub(), pendingEmail] })]),
      expect: fails({ resourceName: 'alerts', message: '1 subscription is pending confirmation' }),
    },
    {
      name: 'counted by GetTopicAttributes even when the list was not read',
      snapshot: withSns([topic({ subscriptions: undefined, subscriptionsPending: 3 })]),
      expect: fails({ resourceName: 'order-events', message: '3 subscriptions are pending confirmation' }),
    },
    { name: 'no topics', snapshot: noTopics, expect: notApplicable() },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed() },
  ],

  'sns-unused-topic': [
    { name: 'a confirmed subscription', snapshot: withSns([topic()]), expect: compliant },
    {
      name: 'no subscriptions, and only a pending one',
      snapshot: withSns([
        topic({ name: 'legacy-broadcast', subscriptions: [] }),
        topic({ name: 'alerts', subscriptions: [pendingEmail] }),
      ]),
      expect: fails(
        { resourceName: 'legacy-broadcast', message: 'no subscriptions' },
        { resourceName: 'alerts', message: 'no confirmed subscriptions (1 pending)' },
      ),
    },
    { name: 'no topics', snapshot: noTopics, expect: notApplicable() },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed() },
  ],

  'sns-tracing': [
    { name: 'Active', snapshot: withSns([topic()]), expect: compliant },
    {
      name: 'PassThrough',
      snapshot: withSns([topic({ tracing: 'PassThrough' })]),
      expect: fails({ resourceName: 'order-events', message: 'TracingConfig is PassThrough' }),
    },
    { name: 'no topics', snapshot: noTopics, expect: notApplicable() },
  ],

  'sns-signature-v2': [
    { name: 'SHA256 signatures', snapshot: withSns([topic()]), expect: compliant },
    {
      name: 'SHA1 signatures (the default)',
      snapshot: withSns([topic({ signatureVersion: '1' })]),
      expect: fails({ resourceName: 'order-events', message: 'SignatureVersion is 1 (SHA1)' }),
    },
    { name: 'no topics', snapshot: noTopics, expect: notApplicable() },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed() },
  ],

  'sns-failed-notifications': [
    {
      name: 'nothing failed',
      snapshot: withMetrics(withSns([topic()]), {
        [topicArn('order-events')]: {
          NumberOfNotificationsFailed: 0,
          NumberOfNotificationsFailedToRedriveToDlq: 0,
        },
      }),
      expect: compliant,
    },
    {
      name: 'failed deliveries, some lost on the way to the DLQ',
      snapshot: withMetrics(withSns([topic(), topic({ name: 'alerts' })]), {
        [topicArn('order-events')]: { NumberOfNotificationsFailed: 0 },
        [topicArn('alerts')]: {
          NumberOfNotificationsFailed: 19,
          NumberOfNotificationsFailedToRedriveToDlq: 4,
        },
      }),
      expect: fails({
        resourceName: 'alerts',
        message: '19 failed notifications in 14 days, 4 of them not moved to the dead-letter queue',
      }),
    },
    {
      name: 'one failure',
      snapshot: withMetrics(withSns([topic()]), {
        [topicArn('order-events')]: { NumberOfNotificationsFailed: 1 },
      }),
      expect: fails({ resourceName: 'order-events', message: '1 failed notification in 14 days' }),
    },
    { name: 'no topics', snapshot: withMetrics(noTopics, {}), expect: notApplicable() },
    { name: 'metrics not collected', snapshot: withSns([topic()]), expect: notAssessed(/GetMetricData/) },
    {
      name: 'topics not collected',
      snapshot: withMetrics(notCollected, {}),
      expect: notAssessed(/not collected/),
    },
  ],
};

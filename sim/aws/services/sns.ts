import { z } from 'zod';
import { AwsError } from '../errors.js';
import { offsetPage } from '../paging.js';
import { QueryMap } from '../protocols.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimSubscription, SimTopic } from '../stores/sns.js';

/**
 * SNS: Query protocol (form-encoded `Action=ListTopics&Version=2010-03-31`), XML answers in the
 * 2010-03-31 namespace. Attribute maps are `<entry><key/><value/></entry>` lists, as the SDK's
 * deserializer reads them. Listing pages hold 100 items, as SNS's do.
 */

const PAGE = 100;
const TOPIC_ARN = /^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}(\.fifo)?$/;

function invalid(name: string): AwsError {
  return new AwsError('InvalidParameter', `Invalid parameter: ${name}`);
}

function topicOf(ctx: OperationContext, arn: string): SimTopic {
  if (!TOPIC_ARN.test(arn)) throw invalid('TopicArn');
  const topic = ctx.state.sns.topic(ctx.caller.accountId, ctx.region, arn);
  if (!topic) throw new AwsError('NotFound', 'Topic does not exist');
  return topic;
}

/** Opaque-looking page tokens that still say which listing and offset they belong to. */
function page<T>(items: T[], scope: string, token: string | undefined): { items: T[]; next?: string } {
  const { page: slice, next } = offsetPage(items, token, PAGE, scope, () => invalid('NextToken'));
  return next ? { items: slice, next } : { items: slice };
}

const DEFAULT_DELIVERY_POLICY = {
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: 'linear',
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
};

/** The policy SNS writes on a new topic: every action for the owner account only. */
function defaultPolicy(t: SimTopic) {
  return {
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: t.arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': t.account } },
      },
    ],
  };
}

function topicAttributes(t: SimTopic): Record<string, string> {
  const s = t.spec;
  const pending = t.subscriptions.filter((x) => x.spec.pendingConfirmation).length;
  const attrs: Record<string, string> = {
    Policy: JSON.stringify(s.policy ? { Version: '2012-10-17', ...s.policy } : defaultPolicy(t)),
    Owner: t.account,
    SubscriptionsPending: String(pending),
    TopicArn: t.arn,
    EffectiveDeliveryPolicy: JSON.stringify(s.deliveryPolicy ?? DEFAULT_DELIVERY_POLICY),
    SubscriptionsConfirmed: String(t.subscriptions.length - pending),
    DisplayName: s.displayName ?? '',
    SubscriptionsDeleted: '0',
    SignatureVersion: s.signatureVersion ?? '1',
  };
  if (s.deliveryPolicy) attrs.DeliveryPolicy = JSON.stringify(s.deliveryPolicy);
  if (s.kmsMasterKeyId) attrs.KmsMasterKeyId = s.kmsMasterKeyId;
  if (s.tracing) attrs.TracingConfig = s.tracing;
  if (s.name.endsWith('.fifo')) {
    attrs.FifoTopic = 'true';
    attrs.ContentBasedDeduplication = String(s.contentBasedDeduplication ?? false);
  }
  for (const [protocol, f] of Object.entries(s.feedback ?? {})) {
    if (f.successRoleArn) attrs[`${protocol}SuccessFeedbackRoleArn`] = f.successRoleArn;
    if (f.failureRoleArn) attrs[`${protocol}FailureFeedbackRoleArn`] = f.failureRoleArn;
    if (f.successSampleRate !== undefined)
      attrs[`${protocol}SuccessFeedbackSampleRate`] = String(f.successSampleRate);
  }
  return attrs;
}

function subscriptionAttributes(t: SimTopic, sub: SimSubscription): Record<string, string> {
  const s = sub.spec;
  const attrs: Record<string, string> = {
    SubscriptionArn: sub.arn,
    TopicArn: t.arn,
    Owner: s.owner ?? t.account,
    Protocol: s.protocol,
    Endpoint: s.endpoint,
    ConfirmationWasAuthenticated: String(s.protocol === 'sqs' || s.protocol === 'lambda'),
    PendingConfirmation: String(s.pendingConfirmation ?? false),
    RawMessageDelivery: String(s.rawMessageDelivery ?? false),
  };
  if (s.protocol === 'http' || s.protocol === 'https')
    attrs.EffectiveDeliveryPolicy = JSON.stringify({
      healthyRetryPolicy: DEFAULT_DELIVERY_POLICY.http.defaultHealthyRetryPolicy,
    });
  if (s.filterPolicy) {
    attrs.FilterPolicy = JSON.stringify(s.filterPolicy);
    attrs.FilterPolicyScope = s.filterPolicyScope ?? 'MessageAttributes';
  }
  if (s.deadLetterTargetArn)
    attrs.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: s.deadLetterTargetArn });
  return attrs;
}

const listTopics = defineOperation({
  name: 'ListTopics',
  input: z.object({ NextToken: z.string().optional() }),
  handle(ctx, input) {
    const topics = ctx.state.sns.topics(ctx.caller.accountId, ctx.region);
    const p = page(topics, 'topics', input.NextToken);
    return { Topics: p.items.map((t) => ({ TopicArn: t.arn })), ...(p.next ? { NextToken: p.next } : {}) };
  },
});

const getTopicAttributes = defineOperation({
  name: 'GetTopicAttributes',
  input: z.object({ TopicArn: z.string() }),
  target: (input) => ({ resource: input.TopicArn }),
  handle(ctx, input) {
    return { Attributes: new QueryMap(topicAttributes(topicOf(ctx, input.TopicArn))) };
  },
});

const listSubscriptionsByTopic = defineOperation({
  name: 'ListSubscriptionsByTopic',
  input: z.object({ TopicArn: z.string(), NextToken: z.string().optional() }),
  target: (input) => ({ resource: input.TopicArn }),
  handle(ctx, input) {
    const topic = topicOf(ctx, input.TopicArn);
    const p = page(topic.subscriptions, topic.arn, input.NextToken);
    return {
      Subscriptions: p.items.map((s) => ({
        // Unconfirmed subscriptions have no usable ARN yet.
        SubscriptionArn: s.spec.pendingConfirmation ? 'PendingConfirmation' : s.arn,
        Owner: s.spec.owner ?? topic.account,
        Protocol: s.spec.protocol,
        Endpoint: s.spec.endpoint,
        TopicArn: topic.arn,
      })),
      ...(p.next ? { NextToken: p.next } : {}),
    };
  },
});

const getSubscriptionAttributes = defineOperation({
  name: 'GetSubscriptionAttributes',
  input: z.object({ SubscriptionArn: z.string() }),
  target: (input) => ({ resource: input.SubscriptionArn }),
  handle(ctx, input) {
    const topicArn = input.SubscriptionArn.split(':').slice(0, 6).join(':');
    if (!TOPIC_ARN.test(topicArn) || input.SubscriptionArn.split(':').length !== 7)
      throw invalid('SubscriptionArn');
    const sub = ctx.state.sns.subscription(ctx.caller.accountId, ctx.region, input.SubscriptionArn);
    const topic = ctx.state.sns.topic(ctx.caller.accountId, ctx.region, topicArn);
    if (!sub || !topic) throw new AwsError('NotFound', 'Subscription does not exist');
    return { Attributes: new QueryMap(subscriptionAttributes(topic, sub)) };
  },
});

const listTagsForResource = defineOperation({
  name: 'ListTagsForResource',
  input: z.object({ ResourceArn: z.string() }),
  target: (input) => ({ resource: input.ResourceArn }),
  handle(ctx, input) {
    if (!TOPIC_ARN.test(input.ResourceArn)) throw invalid('ResourceArn');
    const topic = ctx.state.sns.topic(ctx.caller.accountId, ctx.region, input.ResourceArn);
    if (!topic) throw new AwsError('ResourceNotFound', 'Resource does not exist');
    return { Tags: Object.entries(topic.tags).map(([Key, Value]) => ({ Key, Value })) };
  },
});

export const snsService: ServiceDefinition = {
  id: 'sns',
  signingName: 'sns',
  iamPrefix: 'sns',
  protocol: 'awsQuery',
  queryVersion: '2010-03-31',
  xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
  validationErrorCode: 'InvalidParameter',
  // Query codes as the SDK's error shapes name them (`awsQueryError`): AuthorizationError 403,
  // NotFound 404, Throttled 429, InvalidParameter 400.
  errors: {
    InvalidParameter: { status: 400 },
    InvalidParameterException: { code: 'InvalidParameter', status: 400 },
    ValidationException: { code: 'InvalidParameter', status: 400 },
    NotFound: { status: 404 },
    ResourceNotFound: { status: 404 },
    ResourceNotFoundException: { code: 'NotFound', status: 404 },
    AccessDenied: { code: 'AuthorizationError', status: 403 },
    AccessDeniedException: { code: 'AuthorizationError', status: 403 },
    ThrottlingException: { code: 'Throttled', status: 429 },
    UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
    ExpiredTokenException: { code: 'ExpiredToken', status: 403 },
    ServiceUnavailableException: { code: 'ServiceUnavailable', status: 503, server: true },
    InternalFailure: { code: 'InternalError', status: 500, server: true },
    InternalServerError: { code: 'InternalError', status: 500, server: true },
    MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403 },
    UnknownOperationException: { code: 'InvalidAction', status: 400 },
    SerializationException: { code: 'MalformedQueryString', status: 400 },
  },
  operations: [
    listTopics,
    getTopicAttributes,
    listSubscriptionsByTopic,
    getSubscriptionAttributes,
    listTagsForResource,
  ],
};

import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import { ACCOUNT, clientConfig, OTHER_ACCOUNT, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let sns: SNSClient;

beforeEach(async () => {
  ({ sim } = await startTestSim());
  sns = new SNSClient(clientConfig(sim));
});

afterEach(async () => {
  sns.destroy();
  await sim.close();
});

const topicArn = (name: string, account = ACCOUNT) => `arn:aws:sns:${REGION}:${account}:${name}`;
const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

describe('simulated SNS over the real SDK (Query/XML)', () => {
  it('lists topics 100 to a page with NextToken, in this account and region only', async () => {
    for (let i = 0; i < 205; i++)
      sim.state.sns.addTopic(ACCOUNT, REGION, { name: `t-${String(i).padStart(3, '0')}` });
    sim.state.sns.addTopic(OTHER_ACCOUNT, REGION, { name: 'elsewhere' });
    sim.state.sns.addTopic(ACCOUNT, 'eu-west-1', { name: 'other-region' });
    const first = await sns.send(new ListTopicsCommand({}));
    expect(first.Topics).toHaveLength(100);
    expect(first.Topics?.[0]).toEqual({ TopicArn: topicArn('t-000') });
    expect(first.NextToken).toBeDefined();
    const second = await sns.send(new ListTopicsCommand({ NextToken: first.NextToken }));
    const third = await sns.send(new ListTopicsCommand({ NextToken: second.NextToken }));
    expect(third.Topics?.map((t) => t.TopicArn)).toEqual([
      topicArn('t-200'),
      topicArn('t-201'),
      topicArn('t-202'),
      topicArn('t-203'),
      topicArn('t-204'),
    ]);
    expect(third.NextToken).toBeUndefined();
    expect(sim.requests.all().at(-1)).toMatchObject({ service: 'sns', operation: 'ListTopics', status: 200 });

    const bad = await rejectionOf(sns.send(new ListTopicsCommand({ NextToken: 'bm9wZQ==' })));
    expect(bad.name).toBe('InvalidParameterException');
    expect(bad.message).toBe('Invalid parameter: NextToken');
    expect((bad.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
  });

  it('answers topic attributes as an entry/key/value map', async () => {
    sim.state.sns.addTopic(ACCOUNT, REGION, {
      name: 'orders.fifo',
      displayName: 'Orders & <refunds>',
      kmsMasterKeyId: 'alias/aws/sns',
      tracing: 'Active',
      signatureVersion: '2',
      contentBasedDeduplication: true,
      feedback: { SQS: { failureRoleArn: 'arn:aws:iam::111122223333:role/sns-logs', successSampleRate: 10 } },
    });
    const plain = sim.state.sns.addTopic(ACCOUNT, REGION, { name: 'plain' });
    sim.state.sns.subscribe(plain.arn, { protocol: 'sqs', endpoint: queueArn('q') });
    sim.state.sns.subscribe(plain.arn, {
      protocol: 'email',
      endpoint: 'ops@example.com',
      pendingConfirmation: true,
    });

    const fifo = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn('orders.fifo') }));
    expect(fifo.Attributes).toMatchObject({
      TopicArn: topicArn('orders.fifo'),
      Owner: ACCOUNT,
      DisplayName: 'Orders & <refunds>',
      KmsMasterKeyId: 'alias/aws/sns',
      TracingConfig: 'Active',
      SignatureVersion: '2',
      FifoTopic: 'true',
      ContentBasedDeduplication: 'true',
      SQSFailureFeedbackRoleArn: 'arn:aws:iam::111122223333:role/sns-logs',
      SQSSuccessFeedbackSampleRate: '10',
      SubscriptionsConfirmed: '0',
    });

    const p = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn('plain') }));
    expect(p.Attributes).toMatchObject({
      SubscriptionsConfirmed: '1',
      SubscriptionsPending: '1',
      SignatureVersion: '1',
    });
    expect(p.Attributes?.KmsMasterKeyId).toBeUndefined();
    expect(p.Attributes?.TracingConfig).toBeUndefined();
    // SNS's default policy: a * principal held to the owner account by AWS:SourceOwner.
    const policy = JSON.parse(p.Attributes?.Policy ?? '{}');
    expect(policy.Statement[0]).toMatchObject({
      Principal: { AWS: '*' },
      Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
    });
  });

  it('lists subscriptions 100 to a page; pending ones have no ARN; attributes carry the redrive policy', async () => {
    const topic = sim.state.sns.addTopic(ACCOUNT, REGION, { name: 'fanout' });
    const withDlq = sim.state.sns.subscribe(topic.arn, {
      protocol: 'sqs',
      endpoint: queueArn('consumer'),
      deadLetterTargetArn: queueArn('consumer-dlq'),
      rawMessageDelivery: true,
      filterPolicy: { kind: ['order'] },
    });
    sim.state.sns.subscribe(topic.arn, {
      protocol: 'https',
      endpoint: 'https://hooks.example.com/x',
      pendingConfirmation: true,
    });
    for (let i = 0; i < 120; i++)
      sim.state.sns.subscribe(topic.arn, { protocol: 'email', endpoint: `u${i}@example.com` });

    const first = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic.arn }));
    expect(first.Subscriptions).toHaveLength(100);
    expect(first.Subscriptions?.[0]).toEqual({
      SubscriptionArn: withDlq.arn,
      Owner: ACCOUNT,
      Protocol: 'sqs',
      Endpoint: queueArn('consumer'),
      TopicArn: topic.arn,
    });
    expect(first.Subscriptions?.[1]?.SubscriptionArn).toBe('PendingConfirmation');
    const second = await sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topic.arn, NextToken: first.NextToken }),
    );
    expect(second.Subscriptions).toHaveLength(22);
    expect(second.NextToken).toBeUndefined();

    const attrs = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: withDlq.arn }));
    expect(attrs.Attributes).toMatchObject({
      Protocol: 'sqs',
      PendingConfirmation: 'false',
      RawMessageDelivery: 'true',
      FilterPolicyScope: 'MessageAttributes',
    });
    expect(JSON.parse(attrs.Attributes?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: queueArn('consumer-dlq'),
    });
    expect(JSON.parse(attrs.Attributes?.FilterPolicy ?? '{}')).toEqual({ kind: ['order'] });
  });

  it('lists tags as Key/Value members', async () => {
    const topic = sim.state.sns.addTopic(ACCOUNT, REGION, {
      name: 'tagged',
      tags: { team: 'orders', env: 'prod' },
    });
    const tags = await sns.send(new ListTagsForResourceCommand({ ResourceArn: topic.arn }));
    expect(tags.Tags).toEqual([
      { Key: 'team', Value: 'orders' },
      { Key: 'env', Value: 'prod' },
    ]);
    const missing = await rejectionOf(
      sns.send(new ListTagsForResourceCommand({ ResourceArn: topicArn('gone') })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('answers NotFound (404), InvalidParameter (400) and a topic of another account as missing', async () => {
    sim.state.sns.addTopic(OTHER_ACCOUNT, REGION, { name: 'theirs' });
    const missing = await rejectionOf(
      sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn('nope') })),
    );
    expect(missing.name).toBe('NotFoundException');
    expect(missing.message).toBe('Topic does not exist');
    expect((missing.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
    const theirs = await rejectionOf(
      sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn('theirs', OTHER_ACCOUNT) })),
    );
    expect(theirs.name).toBe('NotFoundException');
    const sub = await rejectionOf(
      sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: `${topicArn('nope')}:abc` })),
    );
    expect(sub.name).toBe('NotFoundException');
    expect(sub.message).toBe('Subscription does not exist');
    const bad = await rejectionOf(sns.send(new GetTopicAttributesCommand({ TopicArn: 'not-an-arn' })));
    expect(bad.name).toBe('InvalidParameterException');
    expect(bad.message).toBe('Invalid parameter: TopicArn');
  });

  it('answers injected AccessDenied as AuthorizationError (403) and throttling as Throttled (429)', async () => {
    const topic = sim.state.sns.addTopic(ACCOUNT, REGION, { name: 'locked' });
    sim.faults.add({ service: 'sns', operation: 'GetTopicAttributes', error: 'AccessDeniedException' });
    const denied = await rejectionOf(sns.send(new GetTopicAttributesCommand({ TopicArn: topic.arn })));
    expect(denied.name).toBe('AuthorizationErrorException');
    expect((denied.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403);
    expect(denied.message).toContain(
      `is not authorized to perform: sns:GetTopicAttributes on resource: ${topic.arn}`,
    );
    expect(sim.requests.all().at(-1)).toMatchObject({ operation: 'GetTopicAttributes', status: 403 });

    sim.faults.add({ service: 'sns', operation: 'ListTopics', error: 'ThrottlingException', times: 1 });
    const throttled = await rejectionOf(sns.send(new ListTopicsCommand({})));
    expect(throttled.name).toBe('ThrottledException');
    expect((throttled.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(429);
    const after = await sns.send(new ListTopicsCommand({}));
    expect(after.Topics).toEqual([{ TopicArn: topic.arn }]);
  });
});

import {
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import { ACCOUNT, clientConfig, OTHER_ACCOUNT, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let sqs: SQSClient;

beforeEach(async () => {
  ({ sim } = await startTestSim());
  sqs = new SQSClient({ ...clientConfig(sim), useQueueUrlAsEndpoint: false });
});

afterEach(async () => {
  sqs.destroy();
  await sim.close();
});

const url = (name: string, account = ACCOUNT) => `https://sqs.${REGION}.amazonaws.com/${account}/${name}`;

describe('simulated SQS over the real SDK (JSON 1.0, query-compatible)', () => {
  it('lists queues by prefix, paging with MaxResults and NextToken', async () => {
    for (const name of ['c', 'a', 'b', 'other']) sim.state.addQueue(ACCOUNT, REGION, { name });
    sim.state.addQueue(OTHER_ACCOUNT, REGION, { name: 'elsewhere' });
    const all = await sqs.send(new ListQueuesCommand({}));
    expect(all.QueueUrls).toEqual([url('a'), url('b'), url('c'), url('other')]);
    expect(all.NextToken).toBeUndefined();

    const first = await sqs.send(new ListQueuesCommand({ MaxResults: 2 }));
    expect(first.QueueUrls).toEqual([url('a'), url('b')]);
    const second = await sqs.send(new ListQueuesCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.QueueUrls).toEqual([url('c'), url('other')]);
    expect(second.NextToken).toBeUndefined();

    const prefixed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'o' }));
    expect(prefixed.QueueUrls).toEqual([url('other')]);
    const none = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'zzz' }));
    expect(none.QueueUrls).toBeUndefined();
    expect(sim.requests.all().at(-1)).toMatchObject({ service: 'sqs', operation: 'ListQueues', status: 200 });
  });

  it('answers every attribute as a string, with the redrive policy as JSON text', async () => {
    sim.state.addQueue(ACCOUNT, REGION, { name: 'orders-dlq', messageRetentionPeriod: 1_209_600 });
    sim.state.addQueue(ACCOUNT, REGION, {
      name: 'orders',
      visibilityTimeout: 120,
      receiveMessageWaitTimeSeconds: 20,
      deadLetterTarget: 'orders-dlq',
      maxReceiveCount: 4,
      kmsMasterKeyId: 'alias/orders',
      approximateNumberOfMessages: 7,
      policy: [{ Sid: 'all', Principal: '*' }],
      tags: { team: 'orders' },
    });
    const res = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url('orders'), AttributeNames: ['All'] }),
    );
    const a = res.Attributes ?? {};
    expect(a).toMatchObject({
      QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`,
      VisibilityTimeout: '120',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '20',
      DelaySeconds: '0',
      KmsMasterKeyId: 'alias/orders',
      SqsManagedSseEnabled: 'false',
      ApproximateNumberOfMessages: '7',
    });
    expect(JSON.parse(a.RedrivePolicy ?? '')).toEqual({
      deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq`,
      maxReceiveCount: 4,
    });
    expect(JSON.parse(a.Policy ?? '').Statement[0]).toMatchObject({ Principal: '*', Effect: 'Allow' });
    expect(a.FifoQueue).toBeUndefined();

    const some = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url('orders-dlq'), AttributeNames: ['VisibilityTimeout'] }),
    );
    expect(some.Attributes).toEqual({ VisibilityTimeout: '30' });
    const tags = await sqs.send(new ListQueueTagsCommand({ QueueUrl: url('orders') }));
    expect(tags.Tags).toEqual({ team: 'orders' });
  });

  it('reports a FIFO queue and SQS-managed encryption by default', async () => {
    sim.state.addQueue(ACCOUNT, REGION, { name: 'jobs.fifo' });
    const res = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url('jobs.fifo'), AttributeNames: ['All'] }),
    );
    expect(res.Attributes).toMatchObject({ FifoQueue: 'true', SqsManagedSseEnabled: 'true' });
  });

  it('answers a missing queue with QueueDoesNotExist and the Query code in x-amzn-query-error', async () => {
    const err = await rejectionOf(
      sqs.send(new GetQueueAttributesCommand({ QueueUrl: url('missing'), AttributeNames: ['All'] })),
    );
    expect(String(err.name)).toMatch(/QueueDoesNotExist|NonExistentQueue/);
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    expect(sim.requests.all().at(-1)).toMatchObject({ errorCode: 'QueueDoesNotExist', status: 400 });
  });

  it('answers an injected AccessDenied as the SDK names it for query-compatible services', async () => {
    sim.state.addQueue(ACCOUNT, REGION, { name: 'orders' });
    sim.faults.add({ service: 'sqs', operation: 'GetQueueAttributes', error: 'AccessDeniedException' });
    const err = await rejectionOf(
      sqs.send(new GetQueueAttributesCommand({ QueueUrl: url('orders'), AttributeNames: ['All'] })),
    );
    expect(err.name).toBe('AccessDenied');
    expect(err.message).toContain('sqs:GetQueueAttributes');
    expect(err.message).toContain(`arn:aws:sqs:${REGION}:${ACCOUNT}:orders`);
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403);
  });
});

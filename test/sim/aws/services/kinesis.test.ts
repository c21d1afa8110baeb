import { DescribeStreamSummaryCommand, KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import { ACCOUNT, clientConfig, OTHER_ACCOUNT, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let kinesis: KinesisClient;

beforeEach(async () => {
  ({ sim } = await startTestSim());
  // The Kinesis client defaults to HTTP/2 (for SubscribeToShard); the sim speaks HTTP/1.1.
  kinesis = new KinesisClient({ ...clientConfig(sim), requestHandler: new NodeHttpHandler() });
});

afterEach(async () => {
  kinesis.destroy();
  await sim.close();
});

const arn = (name: string, account = ACCOUNT) => `arn:aws:kinesis:${REGION}:${account}:stream/${name}`;

describe('simulated Kinesis Data Streams over the real SDK (JSON 1.1)', () => {
  it('lists streams with summaries, paging with Limit and NextToken', async () => {
    for (const name of ['c', 'a', 'b']) sim.state.kinesis.addStream(ACCOUNT, REGION, { name });
    sim.state.kinesis.addStream(OTHER_ACCOUNT, REGION, { name: 'elsewhere' });
    const all = await kinesis.send(new ListStreamsCommand({}));
    expect(all.StreamNames).toEqual(['a', 'b', 'c']);
    expect(all.HasMoreStreams).toBe(false);
    expect(all.NextToken).toBeUndefined();
    expect(all.StreamSummaries?.[0]).toMatchObject({
      StreamName: 'a',
      StreamARN: arn('a'),
      StreamStatus: 'ACTIVE',
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
    });
    expect(all.StreamSummaries?.[0]?.StreamCreationTimestamp).toBeInstanceOf(Date);

    const first = await kinesis.send(new ListStreamsCommand({ Limit: 2 }));
    expect(first.StreamNames).toEqual(['a', 'b']);
    expect(first.HasMoreStreams).toBe(true);
    const second = await kinesis.send(new ListStreamsCommand({ NextToken: first.NextToken }));
    expect(second.StreamNames).toEqual(['c']);
    expect(second.HasMoreStreams).toBe(false);
    const after = await kinesis.send(new ListStreamsCommand({ ExclusiveStartStreamName: 'a' }));
    expect(after.StreamNames).toEqual(['b', 'c']);
    expect(sim.requests.all().at(-1)).toMatchObject({
      service: 'kinesis',
      operation: 'ListStreams',
      status: 200,
    });

    const bad = await rejectionOf(kinesis.send(new ListStreamsCommand({ NextToken: 'x' })));
    expect(bad.name).toBe('InvalidArgumentException');
  });

  it('describes mode, retention, encryption, shard-level metrics and consumers, by name or ARN', async () => {
    sim.state.kinesis.addStream(ACCOUNT, REGION, {
      name: 'clicks',
      mode: 'ON_DEMAND',
      retentionHours: 168,
      kmsKeyId: 'alias/aws/kinesis',
      shardLevelMetrics: ['IteratorAgeMilliseconds'],
      consumers: ['analytics'],
    });
    sim.state.kinesis.addStream(ACCOUNT, REGION, { name: 'raw' });
    const d = await kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: arn('clicks') }));
    expect(d.StreamDescriptionSummary).toMatchObject({
      StreamName: 'clicks',
      StreamARN: arn('clicks'),
      StreamStatus: 'ACTIVE',
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      RetentionPeriodHours: 168,
      EncryptionType: 'KMS',
      KeyId: 'alias/aws/kinesis',
      EnhancedMonitoring: [{ ShardLevelMetrics: ['IteratorAgeMilliseconds'] }],
      OpenShardCount: 4,
      ConsumerCount: 1,
    });
    const raw = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'raw' }));
    expect(raw.StreamDescriptionSummary).toMatchObject({
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      RetentionPeriodHours: 24,
      EncryptionType: 'NONE',
      EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
      OpenShardCount: 1,
      ConsumerCount: 0,
    });
    expect(raw.StreamDescriptionSummary?.KeyId).toBeUndefined();
  });

  it('answers ResourceNotFoundException, InvalidArgumentException and injected denials and throttling', async () => {
    const missing = await rejectionOf(kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'nope' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toBe(`Stream nope under account ${ACCOUNT} not found.`);
    sim.state.kinesis.addStream(OTHER_ACCOUNT, REGION, { name: 'theirs' });
    const foreign = await rejectionOf(
      kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: arn('theirs', OTHER_ACCOUNT) })),
    );
    expect(foreign.name).toBe('ResourceNotFoundException');
    const neither = await rejectionOf(kinesis.send(new DescribeStreamSummaryCommand({})));
    expect(neither.name).toBe('InvalidArgumentException');

    sim.faults.add({ service: 'kinesis', operation: 'ListStreams', error: 'ThrottlingException' });
    const throttled = await rejectionOf(kinesis.send(new ListStreamsCommand({})));
    // Kinesis spells throttling LimitExceededException.
    expect(throttled.name).toBe('LimitExceededException');
    sim.faults.clear();
    sim.faults.add({ service: 'kinesis', operation: 'ListStreams', error: 'AccessDeniedException' });
    const denied = await rejectionOf(kinesis.send(new ListStreamsCommand({})));
    expect(denied.name).toBe('AccessDeniedException');
  });
});

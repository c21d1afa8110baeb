import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../checks/runner.js';
import { defaultScenario, demoInventory, writeScenario } from '../../../sim/aws/index.js';
import type { AwsClients } from '../../../src/aws/clients.js';
import type { Snapshot } from '../../../src/inventory/snapshot.js';
import { ACCOUNT, type InventoryHarness, inventoryHarness, REGION } from '../helpers.js';

let h: InventoryHarness;

beforeEach(async () => {
  h = await inventoryHarness();
  // The Kinesis client defaults to HTTP/2 (for SubscribeToShard), which the HTTP/1.1 sim does not
  // speak: give the shared clients an HTTP/1.1 Kinesis client over the same endpoint and identity.
  const clients = h.clients as { kinesis: AwsClients['kinesis'] };
  const made: KinesisClient[] = [];
  const original = h.clients.kinesis.bind(h.clients);
  clients.kinesis = (t) => {
    const base = original(t);
    const client = new KinesisClient({
      region: t.region,
      endpoint: h.sim.url,
      credentials: base.config.credentials,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler(),
    });
    made.push(client);
    return client;
  };
  const close = h.close;
  h.close = async () => {
    for (const c of made) c.destroy();
    await close();
  };
});

afterEach(async () => {
  await h.close();
});

const streamArn = (name: string) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;

function seed(h: InventoryHarness): void {
  const s = h.sim.state;
  s.kinesis.addStream(ACCOUNT, REGION, {
    name: 'clicks',
    mode: 'ON_DEMAND',
    retentionHours: 168,
    kmsKeyId: 'alias/aws/kinesis',
    shardLevelMetrics: ['ALL'],
    consumers: ['analytics'],
  });
  s.kinesis.addStream(ACCOUNT, REGION, { name: 'orders', shards: 2 });
  s.kinesis.addStream(ACCOUNT, REGION, {
    name: 'forgotten',
    retentionHours: 720,
    kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
    shardLevelMetrics: ['IteratorAgeMilliseconds'],
  });
  s.addFunction(ACCOUNT, REGION, { name: 'order-sink', runtime: 'nodejs22.x' });
  s.addEventSourceMapping(ACCOUNT, REGION, {
    functionName: 'order-sink',
    kind: 'kinesis',
    sourceName: 'orders',
  });
}

function failing(snapshot: Snapshot) {
  const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r]));
  return (id: string) => {
    const r = results.get(id);
    return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : r?.status;
  };
}

describe('Kinesis collector over the real SDK', () => {
  it('fills snapshot.kinesis from ListStreams and DescribeStreamSummary, and feeds the checks', async () => {
    seed(h);
    const seededAt = h.clock.now();
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable.filter((u) => u.service === 'kinesis' || u.service === 'lambda')).toEqual([]);
    const streams = snapshot.kinesis?.streams ?? [];
    expect(streams.map((s) => s.name)).toEqual(['clicks', 'forgotten', 'orders']);
    expect(streams[0]).toMatchObject({
      arn: streamArn('clicks'),
      status: 'ACTIVE',
      mode: 'ON_DEMAND',
      retentionHours: 168,
      encryptionType: 'KMS',
      kmsKeyId: 'alias/aws/kinesis',
      shardLevelMetrics: ['ALL'],
      openShardCount: 4,
      consumerCount: 1,
    });
    expect(streams[0]?.createdAt).toBe(seededAt);
    expect(streams[2]).toMatchObject({
      mode: 'PROVISIONED',
      retentionHours: 24,
      encryptionType: 'NONE',
      shardLevelMetrics: [],
      openShardCount: 2,
      consumerCount: 0,
    });
    expect(streams[2]?.kmsKeyId).toBeUndefined();
    expect(calls).toMatchObject({ 'kinesis:ListStreams': 1, 'kinesis:DescribeStreamSummary': 3 });

    const names = failing(snapshot);
    expect(names('kinesis-encryption')).toEqual(['orders']);
    expect(names('kinesis-retention')).toEqual(['orders']);
    expect(names('kinesis-enhanced-monitoring')).toEqual(['forgotten', 'orders']);
    expect(names('kinesis-no-consumers')).toEqual(['forgotten']);
  });

  it('lists a denied DescribeStreamSummary as unavailable, sends it once, and collects the rest', async () => {
    seed(h);
    h.sim.faults.add({
      service: 'kinesis',
      operation: 'DescribeStreamSummary',
      error: 'AccessDeniedException',
    });
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false }, concurrency: 1 });
    expect(
      snapshot.unavailable.filter((u) => u.service === 'kinesis').map((u) => [u.action, u.code]),
    ).toEqual([['kinesis:DescribeStreamSummary', 'aws_access_denied']]);
    expect(calls['kinesis:DescribeStreamSummary']).toBe(1);
    expect(snapshot.kinesis?.streams).toEqual([]);
    // Lambda (and the other services) were still collected.
    expect(snapshot.lambda.eventSourceMappings.map((m) => m.sourceType)).toContain('kinesis');
    expect(failing(snapshot)('kinesis-encryption')).toBe('not_assessed');
  });

  it('leaves the section out when ListStreams is denied', async () => {
    seed(h);
    h.sim.faults.add({ service: 'kinesis', operation: 'ListStreams', error: 'AccessDeniedException' });
    const { snapshot } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.kinesis).toBeUndefined();
    expect(snapshot.unavailable.filter((u) => u.service === 'kinesis').map((u) => u.action)).toEqual([
      'kinesis:ListStreams',
    ]);
    expect(snapshot.lambda.functions.map((f) => f.name)).toContain('order-sink');
    expect(failing(snapshot)('kinesis-no-consumers')).toBe('not_assessed');
  });

  it('pages ListStreams', async () => {
    for (let i = 0; i < 101; i++)
      h.sim.state.kinesis.addStream(ACCOUNT, REGION, { name: `s-${String(i).padStart(3, '0')}` });
    const { snapshot, calls } = await h.collect({
      telemetry: { insights: false },
      requestsPerSecond: { kinesis: 100_000 },
      concurrency: 16,
    });
    expect(snapshot.kinesis?.streams).toHaveLength(101);
    expect(calls['kinesis:ListStreams']).toBe(2);
    expect(calls['kinesis:DescribeStreamSummary']).toBe(101);
  }, 60_000);

  it('finds compliant and non-compliant streams in the demo account, next to its mappings', async () => {
    const now = h.clock.now();
    writeScenario(h.sim.state, defaultScenario({ start: now - 30 * 60_000, durationMs: 30 * 60_000 }));
    const demo = demoInventory(h.sim.state);
    expect(demo.streams).toEqual(['notifications', 'clickstream', 'audit-trail-legacy']);
    const { snapshot } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable.filter((u) => u.service === 'kinesis' || u.service === 'lambda')).toEqual([]);
    const arns = new Set(snapshot.kinesis?.streams.map((s) => s.arn));
    // Every Kinesis mapping of the demo reads a stream the inventory has.
    const kinesisSources = snapshot.lambda.eventSourceMappings.filter((m) => m.sourceType === 'kinesis');
    expect(kinesisSources.length).toBeGreaterThan(0);
    for (const m of kinesisSources) expect(arns.has(m.eventSourceArn ?? '')).toBe(true);
    const names = failing(snapshot);
    expect(names('kinesis-encryption')).toEqual(['notifications']);
    expect(names('kinesis-retention')).toEqual(['notifications']);
    expect(names('kinesis-enhanced-monitoring')).toEqual(['audit-trail-legacy', 'notifications']);
    expect(names('kinesis-no-consumers')).toEqual(['audit-trail-legacy']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../checks/runner.js';
import { defaultScenario, demoInventory, writeScenario } from '../../../sim/aws/index.js';
import { awsCallsForScan, scanShapeOf, totalCalls } from '../../../src/inventory/index.js';
import { ACCOUNT, type InventoryHarness, inventoryHarness, REGION } from '../helpers.js';

let h: InventoryHarness;

beforeEach(async () => {
  h = await inventoryHarness();
});

afterEach(async () => {
  await h.close();
});

const qArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const tArn = (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;

function seed(h: InventoryHarness): void {
  const s = h.sim.state;
  const now = h.clock.now();
  s.addQueue(ACCOUNT, REGION, {
    name: 'orders-dlq',
    messageRetentionPeriod: 1_209_600,
    approximateNumberOfMessages: 3,
  });
  s.addQueue(ACCOUNT, REGION, {
    name: 'orders',
    visibilityTimeout: 180,
    receiveMessageWaitTimeSeconds: 20,
    deadLetterTarget: 'orders-dlq',
    maxReceiveCount: 5,
    kmsMasterKeyId: 'alias/orders',
    policy: [
      {
        Sid: 'tls',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sqs:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
    tags: { team: 'orders' },
  });
  s.addQueue(ACCOUNT, REGION, {
    name: 'open',
    sqsManagedSseEnabled: false,
    policy: [{ Sid: 'any', Principal: '*' }],
  });
  s.addFunction(ACCOUNT, REGION, { name: 'worker', runtime: 'nodejs22.x', timeout: 30 });
  s.addEventSourceMapping(ACCOUNT, REGION, { functionName: 'worker', eventSourceArn: qArn('orders') });
  s.addTable(ACCOUNT, REGION, {
    name: 'ledger',
    billingMode: 'PROVISIONED',
    readCapacityUnits: 10,
    writeCapacityUnits: 5,
    itemCount: 10,
    kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k1',
    streamViewType: 'NEW_IMAGE',
    deletionProtection: true,
    pointInTimeRecovery: true,
    ttlAttribute: 'expiresAt',
    tags: { team: 'ledger' },
    creationTime: now - 400 * 86_400_000,
  });
  s.addTable(ACCOUNT, REGION, { name: 'scratch', creationTime: now - 90 * 86_400_000 });
}

describe('SQS and DynamoDB collectors over the real SDK', () => {
  it('fill snapshot.sqs and snapshot.dynamodb, mark DLQs, and count every call', async () => {
    seed(h);
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable).toEqual([]);
    const queues = snapshot.sqs?.queues ?? [];
    expect(queues.map((q) => q.name)).toEqual(['open', 'orders', 'orders-dlq']);
    expect(queues.find((q) => q.name === 'orders')).toEqual({
      name: 'orders',
      url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/orders`,
      arn: qArn('orders'),
      fifo: false,
      visibilityTimeoutSeconds: 180,
      messageRetentionSeconds: 345_600,
      delaySeconds: 0,
      receiveMessageWaitTimeSeconds: 20,
      kmsMasterKeyId: 'alias/orders',
      sqsManagedSseEnabled: false,
      redrivePolicy: { deadLetterTargetArn: qArn('orders-dlq'), maxReceiveCount: 5 },
      policy: [
        {
          sid: 'tls',
          effect: 'Deny',
          principals: ['*'],
          actions: ['sqs:*'],
          conditionKeys: ['aws:SecureTransport'],
        },
      ],
      denyInsecureTransport: true,
      approximateNumberOfMessages: 0,
      deadLetterSourceArns: [],
      tags: { team: 'orders' },
    });
    expect(queues.find((q) => q.name === 'orders-dlq')).toMatchObject({
      deadLetterSourceArns: [qArn('orders')],
      approximateNumberOfMessages: 3,
      messageRetentionSeconds: 1_209_600,
      sqsManagedSseEnabled: true,
    });
    // The queue's visibility timeout lands on the Lambda mapping that reads it.
    expect(snapshot.lambda.eventSourceMappings[0]?.queueVisibilityTimeoutSeconds).toBe(180);

    const tables = snapshot.dynamodb?.tables ?? [];
    expect(tables.map((t) => t.name)).toEqual(['ledger', 'scratch']);
    expect(tables[0]).toMatchObject({
      arn: tArn('ledger'),
      billingMode: 'PROVISIONED',
      readCapacityUnits: 10,
      writeCapacityUnits: 5,
      itemCount: 10,
      sseType: 'KMS',
      streamEnabled: true,
      streamViewType: 'NEW_IMAGE',
      latestStreamArn: `${tArn('ledger')}/stream/2026-01-01T00:00:00.000`,
      tableClass: 'STANDARD',
      deletionProtection: true,
      pointInTimeRecovery: true,
      ttlStatus: 'ENABLED',
      ttlAttribute: 'expiresAt',
      tags: { team: 'ledger' },
    });
    expect(tables[1]).toMatchObject({
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: false,
      ttlStatus: 'DISABLED',
      deletionProtection: false,
      itemCount: 0,
      tags: {},
    });
    expect(tables[1]?.sseType).toBeUndefined();

    expect(calls).toMatchObject({
      'sqs:ListQueues': 1,
      'sqs:GetQueueAttributes': 3,
      'sqs:ListQueueTags': 3,
      'dynamodb:ListTables': 1,
      'dynamodb:DescribeTable': 2,
      'dynamodb:DescribeContinuousBackups': 2,
      'dynamodb:DescribeTimeToLive': 2,
      'dynamodb:ListTagsOfResource': 2,
    });
    expect(totalCalls(calls)).toBe(h.sim.requests.count());
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);

    // And the checks judge what was collected.
    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r]));
    const failing = (id: string) => {
      const r = results.get(id);
      return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : r?.status;
    };
    expect(failing('sqs-public-policy')).toEqual(['open']);
    expect(failing('sqs-sse')).toEqual(['open']);
    expect(failing('sqs-dlq-has-messages')).toEqual(['orders-dlq']);
    expect(failing('sqs-dlq-retention')).toBe('compliant');
    expect(failing('dynamodb-pitr')).toEqual(['scratch']);
    expect(failing('dynamodb-empty-stale')).toEqual(['scratch']);
    expect(failing('dynamodb-stream-unused')).toEqual(['ledger']);
    expect(failing('lambda-esm-sqs-visibility-timeout')).toBe('compliant');
  });

  it('lists a denied per-table action as unavailable and keeps the rest', async () => {
    seed(h);
    h.sim.faults.add({
      service: 'dynamodb',
      operation: 'DescribeContinuousBackups',
      error: 'AccessDeniedException',
    });
    h.sim.faults.add({ service: 'sqs', operation: 'ListQueues', error: 'AccessDeniedException' });
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false }, concurrency: 1 });
    expect(snapshot.unavailable.map((u) => [u.service, u.action, u.code])).toEqual([
      ['dynamodb', 'dynamodb:DescribeContinuousBackups', 'aws_access_denied'],
      ['sqs', 'sqs:ListQueues', 'aws_access_denied'],
    ]);
    expect(snapshot.sqs).toBeUndefined();
    expect(snapshot.dynamodb?.tables.map((t) => [t.name, t.pointInTimeRecovery])).toEqual([
      ['ledger', undefined],
      ['scratch', undefined],
    ]);
    // Denied once: the second table's call is not sent.
    expect(calls['dynamodb:DescribeContinuousBackups']).toBe(1);
    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r.status]));
    expect(results.get('sqs-sse')).toBe('not_assessed');
    expect(results.get('dynamodb-pitr')).toBe('not_assessed');
  });

  it('pages ListQueues and ListTables', async () => {
    for (let i = 0; i < 1001; i++)
      h.sim.state.addQueue(ACCOUNT, REGION, { name: `q-${String(i).padStart(4, '0')}` });
    for (let i = 0; i < 101; i++)
      h.sim.state.addTable(ACCOUNT, REGION, { name: `t-${String(i).padStart(3, '0')}`, itemCount: 1 });
    const { snapshot, calls } = await h.collect({
      telemetry: { insights: false },
      requestsPerSecond: { sqs: 100_000, dynamodb: 100_000 },
      concurrency: 16,
    });
    expect(snapshot.sqs?.queues).toHaveLength(1001);
    expect(snapshot.dynamodb?.tables).toHaveLength(101);
    expect(calls['sqs:ListQueues']).toBe(2);
    expect(calls['dynamodb:ListTables']).toBe(2);
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);
  }, 60_000);

  it('finds compliant and non-compliant queues and tables in the demo account', async () => {
    const now = h.clock.now();
    writeScenario(h.sim.state, defaultScenario({ start: now - 30 * 60_000, durationMs: 30 * 60_000 }));
    const demo = demoInventory(h.sim.state);
    expect(demo.queues).toContain('search-updates');
    expect(demo.tables).toContain('ledger');
    const { snapshot } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable).toEqual([]);
    const results = runChecks(snapshot).filter(
      (r) => r.meta.service === 'sqs' || r.meta.service === 'dynamodb',
    );
    expect(results).toHaveLength(18);
    const byId = new Map(results.map((r) => [r.meta.id, r]));
    const names = (id: string) => {
      const r = byId.get(id);
      return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : [];
    };
    // Every check has something to say, and the well-kept resources pass.
    for (const r of results) expect(r.status, r.meta.id).toBe('non_compliant');
    expect(names('sqs-dlq-configured')).toEqual(['search-updates']);
    expect(names('sqs-dlq-has-messages')).toEqual(['inventory-updates-dlq']);
    expect(names('sqs-dlq-retention')).toEqual(['orders-events-dlq']);
    expect(names('sqs-public-policy')).toEqual(['image-resizer-failures']);
    // search-updates short-polls, but Lambda (which long-polls on its own) reads it.
    expect(names('sqs-long-polling')).toContain('image-resizer-failures');
    expect(names('sqs-long-polling')).not.toContain('search-updates');
    expect(names('dynamodb-pitr')).toEqual(['old-experiments', 'orders']);
    expect(names('dynamodb-table-class')).toEqual(['audit-archive']);
    expect(names('dynamodb-stream-unused')).toEqual(['sessions']);
    expect(names('dynamodb-empty-stale')).toEqual(['old-experiments']);
    expect(names('dynamodb-global-table-legacy')).toEqual(['audit-archive']);
  });
});

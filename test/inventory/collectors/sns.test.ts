import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../checks/runner.js';
import { defaultScenario, demoInventory, writeScenario } from '../../../sim/aws/index.js';
import { totalCalls } from '../../../src/inventory/index.js';
import type { Snapshot } from '../../../src/inventory/snapshot.js';
import { ACCOUNT, type InventoryHarness, inventoryHarness, REGION } from '../helpers.js';

let h: InventoryHarness;

/** What the SNS collector could not read (other services' collectors are judged in their own tests). */
const snsUnavailable = (snapshot: Snapshot) => snapshot.unavailable.filter((u) => u.service === 'sns');

beforeEach(async () => {
  h = await inventoryHarness();
});

afterEach(async () => {
  await h.close();
});

const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const role = `arn:aws:iam::${ACCOUNT}:role/sns-logs`;

function seed(h: InventoryHarness): void {
  const sns = h.sim.state.sns;
  const kept = sns.addTopic(ACCOUNT, REGION, {
    name: 'kept',
    kmsMasterKeyId: arn('kms', 'key/k1'),
    policy: {
      Statement: [
        {
          Sid: 'tls',
          Effect: 'Deny',
          Principal: '*',
          Action: 'SNS:Publish',
          Resource: arn('sns', 'kept'),
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    },
    tracing: 'Active',
    signatureVersion: '2',
    feedback: { SQS: { failureRoleArn: role, successRoleArn: role } },
  });
  sns.subscribe(kept.arn, {
    protocol: 'sqs',
    endpoint: arn('sqs', 'worker'),
    deadLetterTargetArn: arn('sqs', 'worker-dlq'),
  });
  const open = sns.addTopic(ACCOUNT, REGION, {
    name: 'open',
    policy: {
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'SNS:Subscribe', Resource: arn('sns', 'open') }],
    },
  });
  sns.subscribe(open.arn, {
    protocol: 'http',
    endpoint: 'http://user:secret@hooks.example.com/sns?token=abc',
  });
  sns.subscribe(open.arn, { protocol: 'email', endpoint: 'someone@example.com', pendingConfirmation: true });
  sns.addTopic(ACCOUNT, REGION, { name: 'unused', kmsMasterKeyId: 'alias/aws/sns' });
}

describe('SNS collector over the real SDK', () => {
  it('fills snapshot.sns with topics and subscriptions, counts calls, and feeds the checks', async () => {
    seed(h);
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snsUnavailable(snapshot)).toEqual([]);
    const topics = snapshot.sns?.topics ?? [];
    expect(topics.map((t) => t.name)).toEqual(['kept', 'open', 'unused']);
    expect(topics[0]).toMatchObject({
      arn: arn('sns', 'kept'),
      fifo: false,
      kmsMasterKeyId: arn('kms', 'key/k1'),
      denyInsecureTransport: true,
      tracing: 'Active',
      signatureVersion: '2',
      subscriptionsConfirmed: 1,
      subscriptionsPending: 0,
      deliveryStatusLogging: [{ protocol: 'sqs', successRoleArn: role, failureRoleArn: role }],
    });
    expect(topics[0]?.subscriptions).toEqual([
      expect.objectContaining({
        protocol: 'sqs',
        endpoint: arn('sqs', 'worker'),
        owner: ACCOUNT,
        pendingConfirmation: false,
        deadLetterTargetArn: arn('sqs', 'worker-dlq'),
        attributesRead: true,
      }),
    ]);
    expect(topics[1]?.policy).toEqual([
      { effect: 'Allow', principals: ['*'], actions: ['SNS:Subscribe'], conditionKeys: [] },
    ]);
    // Credentials and query strings of webhook URLs and e-mail addresses are not kept.
    expect(topics[1]?.subscriptions).toEqual([
      expect.objectContaining({
        protocol: 'http',
        endpoint: 'http://hooks.example.com/sns',
        attributesRead: true,
      }),
      { protocol: 'email', owner: ACCOUNT, pendingConfirmation: true, attributesRead: false },
    ]);
    expect(JSON.stringify(snapshot.sns)).not.toMatch(/secret|token=|someone@/);
    expect(topics[2]).toMatchObject({
      kmsMasterKeyId: 'alias/aws/sns',
      tracing: 'PassThrough',
      subscriptions: [],
    });

    // One GetSubscriptionAttributes per confirmed queue/function/HTTP subscription; none for the pending e-mail.
    expect(calls).toMatchObject({
      'sns:ListTopics': 1,
      'sns:GetTopicAttributes': 3,
      'sns:ListSubscriptionsByTopic': 3,
      'sns:GetSubscriptionAttributes': 2,
    });
    expect(calls['sns:ListTagsForResource']).toBeUndefined();
    const snsCalls = Object.fromEntries(
      Object.entries(calls).filter(([action]) => action.startsWith('sns:')),
    );
    expect(totalCalls(snsCalls)).toBe(h.sim.requests.all().filter((r) => r.service === 'sns').length);

    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r]));
    const failing = (id: string) => {
      const r = results.get(id);
      return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : r?.status;
    };
    expect(failing('sns-kms')).toEqual(['open']);
    expect(failing('sns-cmk')).toEqual(['unused']);
    expect(failing('sns-public-policy')).toEqual(['open']);
    expect(failing('sns-tls-only')).toEqual(['open', 'unused']);
    expect(failing('sns-http-subscription')).toEqual(['open → http://hooks.example.com/sns']);
    expect(failing('sns-subscription-dlq')).toEqual(['open → http://hooks.example.com/sns']);
    expect(failing('sns-delivery-status-logging')).toEqual(['open']);
    expect(failing('sns-pending-subscriptions')).toEqual(['open']);
    expect(failing('sns-unused-topic')).toEqual(['unused']);
    expect(failing('sns-tracing')).toEqual(['open', 'unused']);
    expect(failing('sns-signature-v2')).toEqual(['open', 'unused']);
  });

  it('lists a denied GetSubscriptionAttributes as unavailable, sends it once, and keeps the rest', async () => {
    seed(h);
    h.sim.faults.add({
      service: 'sns',
      operation: 'GetSubscriptionAttributes',
      error: 'AccessDeniedException',
    });
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false }, concurrency: 1 });
    expect(snsUnavailable(snapshot).map((u) => [u.service, u.action, u.code])).toEqual([
      ['sns', 'sns:GetSubscriptionAttributes', 'aws_access_denied'],
    ]);
    expect(calls['sns:GetSubscriptionAttributes']).toBe(1);
    const topics = snapshot.sns?.topics ?? [];
    expect(topics.map((t) => t.name)).toEqual(['kept', 'open', 'unused']);
    expect(topics[0]?.kmsMasterKeyId).toBe(arn('kms', 'key/k1'));
    expect(topics.flatMap((t) => t.subscriptions ?? []).map((s) => [s.protocol, s.attributesRead])).toEqual([
      ['sqs', false],
      ['http', false],
      ['email', false],
    ]);
    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r.status]));
    expect(results.get('sns-subscription-dlq')).toBe('not_assessed');
  });

  it('skips a topic deleted between the list and its attributes, naming it as unavailable', async () => {
    seed(h);
    h.sim.faults.add({
      service: 'sns',
      operation: 'GetTopicAttributes',
      error: 'ResourceNotFoundException',
      times: 1,
    });
    const { snapshot } = await h.collect({ telemetry: { insights: false }, concurrency: 1 });
    expect(snapshot.sns?.topics.map((t) => t.name)).toEqual(['open', 'unused']);
    expect(snsUnavailable(snapshot)).toEqual([
      expect.objectContaining({
        service: 'sns',
        action: 'sns:GetTopicAttributes',
        code: 'aws_not_found',
        resources: ['kept'],
      }),
    ]);
  });

  it('leaves the section out when ListTopics is denied', async () => {
    seed(h);
    h.sim.faults.add({ service: 'sns', operation: 'ListTopics', error: 'AccessDeniedException' });
    const { snapshot } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.sns).toBeUndefined();
    expect(snsUnavailable(snapshot).map((u) => [u.action, u.code])).toEqual([
      ['sns:ListTopics', 'aws_access_denied'],
    ]);
    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r.status]));
    expect(results.get('sns-kms')).toBe('not_assessed');
  });

  it('pages ListTopics and ListSubscriptionsByTopic, 100 at a time', async () => {
    const sns = h.sim.state.sns;
    for (let i = 0; i < 205; i++) sns.addTopic(ACCOUNT, REGION, { name: `t-${String(i).padStart(3, '0')}` });
    const big = sns.addTopic(ACCOUNT, REGION, { name: 'big' });
    for (let i = 0; i < 150; i++)
      sns.subscribe(big.arn, { protocol: 'email', endpoint: `u${i}@example.com` });
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.sns?.topics).toHaveLength(206);
    expect(snapshot.sns?.topics.find((t) => t.name === 'big')?.subscriptions).toHaveLength(150);
    expect(calls['sns:ListTopics']).toBe(3);
    expect(calls['sns:GetTopicAttributes']).toBe(206);
    // 205 one-page listings and two pages for `big`.
    expect(calls['sns:ListSubscriptionsByTopic']).toBe(207);
    expect(calls['sns:GetSubscriptionAttributes']).toBeUndefined();
  });

  it('gives the demo account compliant and non-compliant resources for every SNS check', async () => {
    writeScenario(h.sim.state, defaultScenario({ start: h.clock.now() - 60_000, durationMs: 60_000 }));
    const demo = demoInventory(h.sim.state);
    expect(demo.topics).toEqual(['order-events', 'alerts-public', 'legacy-broadcast', 'payments-notices']);
    expect(demoInventory(h.sim.state).topics).toEqual(demo.topics);
    const { snapshot } = await h.collect({ telemetry: { insights: false } });
    expect(snsUnavailable(snapshot)).toEqual([]);
    const topics = snapshot.sns?.topics ?? [];
    expect(topics.map((t) => t.name)).toEqual([
      'alerts-public',
      'legacy-broadcast',
      'order-events',
      'payments-notices',
    ]);
    expect(topics.find((t) => t.name === 'order-events')?.subscriptions).toHaveLength(2);
    const failing = new Map(
      runChecks(snapshot, { only: { service: 'sns' } }).map((r) => [
        r.meta.id,
        r.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : r.status,
      ]),
    );
    expect(Object.fromEntries(failing)).toEqual({
      'sns-kms': ['alerts-public'],
      'sns-cmk': ['legacy-broadcast', 'payments-notices'],
      'sns-public-policy': ['alerts-public'],
      'sns-tls-only': ['alerts-public', 'legacy-broadcast'],
      'sns-http-subscription': ['alerts-public → http://status.internal.example.com/hooks/sns'],
      'sns-subscription-dlq': [
        'alerts-public → https://events.pagerduty.example.com/integration/abc/enqueue',
        'alerts-public → http://status.internal.example.com/hooks/sns',
        `payments-notices → ${arn('lambda', 'function:payments-webhook')}`,
      ],
      'sns-delivery-status-logging': ['alerts-public', 'payments-notices'],
      'sns-pending-subscriptions': ['alerts-public'],
      'sns-unused-topic': ['legacy-broadcast'],
      'sns-tracing': ['alerts-public', 'legacy-broadcast', 'payments-notices'],
      'sns-signature-v2': ['alerts-public', 'legacy-broadcast', 'payments-notices'],
      'sns-failed-notifications': ['alerts-public'],
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../checks/runner.js';
import { defaultScenario, demoInventory, writeScenario } from '../../../sim/aws/index.js';
import type { Snapshot } from '../../../src/inventory/snapshot.js';
import { ACCOUNT, type InventoryHarness, inventoryHarness, REGION } from '../helpers.js';

let h: InventoryHarness;

beforeEach(async () => {
  h = await inventoryHarness();
});

afterEach(async () => {
  await h.close();
});

const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const dlq = `arn:aws:sqs:${REGION}:${ACCOUNT}:events-dlq`;

function seed(h: InventoryHarness): void {
  const s = h.sim.state;
  s.addFunction(ACCOUNT, REGION, { name: 'reporter', runtime: 'nodejs22.x' });
  const eb = s.eventbridge;
  eb.addBus(ACCOUNT, REGION, {
    name: 'partners',
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'open', Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: '*' },
      ],
    },
  });
  eb.addRule(ACCOUNT, REGION, {
    name: 'nightly-report',
    scheduleExpression: 'cron(0 2 * * ? *)',
    targets: [
      {
        id: 'reporter',
        arn: fnArn('reporter'),
        deadLetterArn: dlq,
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 },
        inputTransformer: {
          inputTemplate: '{"secret": "<token>"}',
          inputPathsMap: { token: '$.detail.token' },
        },
      },
    ],
  });
  eb.addRule(ACCOUNT, REGION, {
    name: 'hourly-export',
    scheduleExpression: 'rate(1 hour)',
    targets: [{ id: 'exporter', arn: fnArn('exporter') }],
  });
  eb.addRule(ACCOUNT, REGION, { name: 'parked', state: 'DISABLED', targets: [] });
  eb.addRule(ACCOUNT, REGION, {
    name: 'partner-order',
    bus: 'partners',
    eventPattern: { source: ['partner'] },
  });
}

function failing(snapshot: Snapshot) {
  const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r]));
  return (id: string) => {
    const r = results.get(id);
    return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : r?.status;
  };
}

describe('EventBridge collector over the real SDK', () => {
  it('fills snapshot.eventbridge with buses, rules and targets, and feeds the checks', async () => {
    seed(h);
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable.filter((u) => u.service === 'eventbridge')).toEqual([]);
    const eb = snapshot.eventbridge;
    expect(eb?.buses.map((b) => b.name)).toEqual(['default', 'partners']);
    expect(eb?.buses[0]?.policy).toBeUndefined();
    expect(eb?.buses[1]?.policy).toEqual([
      { sid: 'open', effect: 'Allow', principals: ['*'], actions: ['events:PutEvents'], conditionKeys: [] },
    ]);
    expect(eb?.rules.map((r) => [r.bus, r.name, r.state])).toEqual([
      ['default', 'hourly-export', 'ENABLED'],
      ['default', 'nightly-report', 'ENABLED'],
      ['default', 'parked', 'DISABLED'],
      ['partners', 'partner-order', 'ENABLED'],
    ]);
    expect(eb?.rules[1]).toMatchObject({
      arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/nightly-report`,
      scheduleExpression: 'cron(0 2 * * ? *)',
      targets: [
        {
          id: 'reporter',
          arn: fnArn('reporter'),
          deadLetterArn: dlq,
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 },
          inputTransformer: true,
        },
      ],
    });
    // The input template may carry data: only its presence is kept.
    expect(JSON.stringify(snapshot.eventbridge)).not.toContain('token');
    expect(eb?.rules[3]?.targets).toEqual([]);
    expect(calls).toMatchObject({
      'events:ListEventBuses': 1,
      'events:ListRules': 2,
      'events:ListTargetsByRule': 4,
    });

    const names = failing(snapshot);
    expect(names('eventbridge-target-dlq')).toEqual(['hourly-export']);
    expect(names('eventbridge-target-retry')).toEqual(['hourly-export']);
    expect(names('eventbridge-rule-no-targets')).toEqual(['partner-order']);
    expect(names('eventbridge-bus-public')).toEqual(['partners']);
    expect(names('eventbridge-target-lambda-missing')).toEqual(['hourly-export']);
  });

  it('lists a denied ListTargetsByRule as unavailable, sends it once, and collects the rest', async () => {
    seed(h);
    h.sim.faults.add({
      service: 'eventbridge',
      operation: 'ListTargetsByRule',
      error: 'AccessDeniedException',
    });
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false }, concurrency: 1 });
    expect(
      snapshot.unavailable.filter((u) => u.service === 'eventbridge').map((u) => [u.action, u.code]),
    ).toEqual([['events:ListTargetsByRule', 'aws_access_denied']]);
    expect(calls['events:ListTargetsByRule']).toBe(1);
    // Buses and rules are still there; the targets are unknown rather than empty.
    expect(snapshot.eventbridge?.buses).toHaveLength(2);
    expect(snapshot.eventbridge?.rules.map((r) => r.name)).toHaveLength(4);
    expect(snapshot.eventbridge?.rules.every((r) => r.targets === undefined)).toBe(true);
    expect(failing(snapshot)('eventbridge-rule-no-targets')).toBe('not_assessed');
  });

  it('leaves the section out when ListEventBuses is denied', async () => {
    seed(h);
    h.sim.faults.add({ service: 'eventbridge', operation: 'ListEventBuses', error: 'AccessDeniedException' });
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.eventbridge).toBeUndefined();
    expect(snapshot.unavailable.filter((u) => u.service === 'eventbridge').map((u) => u.action)).toEqual([
      'events:ListEventBuses',
    ]);
    expect(calls['events:ListRules']).toBeUndefined();
    expect(snapshot.lambda.functions.map((f) => f.name)).toContain('reporter');
    expect(failing(snapshot)('eventbridge-bus-public')).toBe('not_assessed');
  });

  it('pages ListRules', async () => {
    for (let i = 0; i < 101; i++)
      h.sim.state.eventbridge.addRule(ACCOUNT, REGION, {
        name: `r-${String(i).padStart(3, '0')}`,
        scheduleExpression: 'rate(1 day)',
      });
    const { snapshot, calls } = await h.collect({
      telemetry: { insights: false },
      requestsPerSecond: { eventbridge: 100_000 },
      concurrency: 16,
    });
    expect(snapshot.eventbridge?.rules).toHaveLength(101);
    expect(calls['events:ListRules']).toBe(2);
    expect(calls['events:ListTargetsByRule']).toBe(101);
  }, 60_000);

  it('finds compliant and non-compliant rules and buses in the demo account', async () => {
    const now = h.clock.now();
    writeScenario(h.sim.state, defaultScenario({ start: now - 30 * 60_000, durationMs: 30 * 60_000 }));
    const demo = demoInventory(h.sim.state);
    expect(demo.eventbridge).toEqual([
      'partner-events',
      'orders',
      'ledger-reconcile-nightly',
      'archive-export-hourly',
      'legacy-cleanup-weekly',
      'order-placed-metrics',
      'partner-order-received',
    ]);
    const { snapshot } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable.filter((u) => u.service === 'eventbridge' || u.service === 'lambda')).toEqual(
      [],
    );
    const names = failing(snapshot);
    expect(names('eventbridge-target-dlq')).toEqual(['archive-export-hourly']);
    expect(names('eventbridge-target-retry')).toEqual(['archive-export-hourly']);
    expect(names('eventbridge-rule-no-targets')).toEqual(['order-placed-metrics']);
    expect(names('eventbridge-bus-public')).toEqual(['partner-events']);
    expect(names('eventbridge-target-lambda-missing')).toEqual(['partner-order-received']);
    const rules = snapshot.eventbridge?.rules ?? [];
    expect(rules.find((r) => r.name === 'legacy-cleanup-weekly')?.state).toBe('DISABLED');
  });
});

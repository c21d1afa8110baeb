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

const oncall = `arn:aws:sns:${REGION}:${ACCOUNT}:oncall`;

function seed(h: InventoryHarness): void {
  const s = h.sim.state;
  const now = h.clock.now();
  s.addFunction(ACCOUNT, REGION, { name: 'api', runtime: 'nodejs22.x' });
  s.addFunction(ACCOUNT, REGION, { name: 'worker', runtime: 'nodejs22.x' });
  s.addAlarm(ACCOUNT, REGION, {
    name: 'api-errors',
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimensions: { FunctionName: 'api' },
    alarmActions: [oncall],
    stateValue: 'OK',
    stateUpdatedTimestamp: now - 86_400_000,
  });
  s.addAlarm(ACCOUNT, REGION, {
    name: 'api-throttles',
    metrics: [{ namespace: 'AWS/Lambda', metricName: 'Throttles', dimensions: { FunctionName: 'api' } }],
    alarmActions: [oncall],
    actionsEnabled: false,
    stateValue: 'OK',
  });
  s.addAlarm(ACCOUNT, REGION, {
    name: 'gone-errors',
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimensions: { FunctionName: 'gone' },
    stateUpdatedTimestamp: now - 30 * 86_400_000,
  });
  s.putMetric({
    account: ACCOUNT,
    region: REGION,
    namespace: 'AWS/Lambda',
    metricName: 'Throttles',
    dimensions: { FunctionName: 'worker' },
    timestamp: now - 86_400_000,
    value: 7,
  });
}

describe('CloudWatch alarms collector over the real SDK', () => {
  it('fills snapshot.alarms, counts DescribeAlarms, and feeds the alarm checks', async () => {
    seed(h);
    const seededAt = h.clock.now();
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable).toEqual([]);
    const alarms = snapshot.alarms?.alarms ?? [];
    expect(alarms.map((a) => a.name)).toEqual(['api-errors', 'api-throttles', 'gone-errors']);
    expect(alarms[0]).toEqual({
      name: 'api-errors',
      arn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:api-errors`,
      metrics: [{ namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: 'api' } }],
      actionsEnabled: true,
      alarmActions: [oncall],
      okActions: [],
      stateValue: 'OK',
      stateUpdatedTimestamp: seededAt - 86_400_000,
    });
    // A metric-math alarm lists the metrics it reads.
    expect(alarms[1]?.metrics).toEqual([
      { namespace: 'AWS/Lambda', metricName: 'Throttles', dimensions: { FunctionName: 'api' } },
    ]);
    expect(alarms[2]).toMatchObject({ stateValue: 'INSUFFICIENT_DATA', alarmActions: [] });

    expect(calls['cloudwatch:DescribeAlarms']).toBe(1);
    expect(totalCalls(calls)).toBe(h.sim.requests.count());
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);

    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r]));
    const failing = (id: string) => {
      const r = results.get(id);
      return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : r?.status;
    };
    expect(failing('lambda-alarms')).toEqual(['worker']);
    expect(failing('lambda-iterator-age-alarm')).toBe('not_applicable');
    expect(failing('cloudwatch-alarm-actions-enabled')).toEqual(['api-throttles']);
    expect(failing('cloudwatch-alarm-has-action')).toEqual(['gone-errors']);
    expect(failing('cloudwatch-alarm-insufficient-data')).toEqual(['gone-errors']);
    expect(failing('cloudwatch-alarm-orphaned')).toEqual(['gone-errors']);
  });

  it('lists a denied DescribeAlarms as unavailable: alarm checks are not assessed, metric checks still run', async () => {
    seed(h);
    h.sim.faults.add({ service: 'cloudwatch', operation: 'DescribeAlarms', error: 'AccessDeniedException' });
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable.map((u) => [u.service, u.action, u.code])).toEqual([
      ['cloudwatch', 'cloudwatch:DescribeAlarms', 'aws_access_denied'],
    ]);
    expect(snapshot.alarms).toBeUndefined();
    expect(calls['cloudwatch:DescribeAlarms']).toBe(1);
    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r.status]));
    for (const id of [
      'lambda-alarms',
      'lambda-iterator-age-alarm',
      'cloudwatch-alarm-actions-enabled',
      'cloudwatch-alarm-has-action',
      'cloudwatch-alarm-insufficient-data',
      'cloudwatch-alarm-orphaned',
    ])
      expect(results.get(id), id).toBe('not_assessed');
    // DescribeAlarms is a detail action: GetMetricData-based checks are still judged.
    expect(results.get('lambda-throttled')).toBe('non_compliant');
  });

  it('pages DescribeAlarms 100 at a time', async () => {
    for (let i = 0; i < 201; i++) {
      h.sim.state.addAlarm(ACCOUNT, REGION, {
        name: `alarm-${String(i).padStart(3, '0')}`,
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        alarmActions: [oncall],
      });
    }
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.alarms?.alarms).toHaveLength(201);
    expect(new Set(snapshot.alarms?.alarms.map((a) => a.name)).size).toBe(201);
    expect(calls['cloudwatch:DescribeAlarms']).toBe(3);
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);
  });

  it('finds compliant and non-compliant alarms and functions in the demo account', async () => {
    const now = h.clock.now();
    writeScenario(h.sim.state, defaultScenario({ start: now - 30 * 60_000, durationMs: 30 * 60_000 }));
    const demo = demoInventory(h.sim.state);
    expect(demo.alarms).toContain('orders-api-errors');
    const { snapshot } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable).toEqual([]);
    const ids = [
      'lambda-alarms',
      'lambda-iterator-age-alarm',
      'cloudwatch-alarm-actions-enabled',
      'cloudwatch-alarm-has-action',
      'cloudwatch-alarm-insufficient-data',
      'cloudwatch-alarm-orphaned',
    ];
    const byId = new Map(runChecks(snapshot).map((r) => [r.meta.id, r]));
    const names = (id: string) => {
      const r = byId.get(id);
      return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : [];
    };
    for (const id of ids) expect(byId.get(id)?.status, id).toBe('non_compliant');
    // Alarmed functions pass: per-function alarms, and a metric-math alarm over both metrics.
    expect(names('lambda-alarms')).not.toContain('orders-api');
    expect(names('lambda-alarms')).not.toContain('ledger-reconciler');
    expect(names('lambda-alarms')).toContain('notifications-fanout');
    expect(names('lambda-iterator-age-alarm')).toEqual(['notifications-fanout']);
    expect(names('cloudwatch-alarm-actions-enabled')).toEqual(['payments-webhook-errors']);
    expect(names('cloudwatch-alarm-has-action')).toEqual(['inventory-sync-errors']);
    expect(names('cloudwatch-alarm-insufficient-data')).toEqual(['legacy-export-errors']);
    expect(names('cloudwatch-alarm-orphaned')).toEqual(['legacy-export-errors']);
  });
});

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

const smArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
const task = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'worker' },
  End: true,
  ...extra,
});

function seed(h: InventoryHarness): void {
  const s = h.sim.state;
  s.addStateMachine(ACCOUNT, REGION, {
    name: 'kept',
    logging: { level: 'ALL', includeExecutionData: true },
    tracing: true,
    kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
    definition: {
      StartAt: 'T',
      TimeoutSeconds: 300,
      States: {
        T: task({
          Retry: [{ ErrorEquals: ['States.ALL'] }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }],
        }),
        F: { Type: 'Fail' },
      },
    },
  });
  s.addStateMachine(ACCOUNT, REGION, { name: 'bare', definition: { StartAt: 'T', States: { T: task() } } });
  s.addStateMachine(ACCOUNT, REGION, { name: 'broken', type: 'EXPRESS', definition: '{not json' });
}

describe('Step Functions collector over the real SDK', () => {
  it('fills snapshot.stepfunctions with parsed definitions, counts calls, and feeds the checks', async () => {
    seed(h);
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable).toEqual([]);
    const machines = snapshot.stepfunctions?.stateMachines ?? [];
    expect(machines.map((m) => m.name)).toEqual(['bare', 'broken', 'kept']);
    expect(machines[2]).toMatchObject({
      arn: smArn('kept'),
      type: 'STANDARD',
      logging: { level: 'ALL', includeExecutionData: true },
      tracingEnabled: true,
      encryptionType: 'CUSTOMER_MANAGED_KMS_KEY',
      kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
    });
    expect(machines[2]?.definition).toMatchObject({ TimeoutSeconds: 300 });
    expect(machines[0]).toMatchObject({
      logging: { level: 'OFF', includeExecutionData: false },
      tracingEnabled: false,
    });
    expect(machines[1]?.definition).toBeUndefined();

    expect(calls).toMatchObject({ 'states:ListStateMachines': 1, 'states:DescribeStateMachine': 3 });
    expect(totalCalls(calls)).toBe(h.sim.requests.count());
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);

    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r]));
    const failing = (id: string) => {
      const r = results.get(id);
      return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : r?.status;
    };
    expect(failing('stepfunctions-logging')).toEqual(['bare']);
    expect(failing('stepfunctions-express-no-logs')).toEqual(['broken']);
    expect(failing('stepfunctions-xray')).toEqual(['bare', 'broken']);
    // The unparsable definition is skipped, not judged.
    expect(failing('stepfunctions-task-retry')).toEqual(['bare']);
    expect(failing('stepfunctions-task-catch')).toEqual(['bare']);
    expect(failing('stepfunctions-execution-timeout')).toEqual(['bare']);
  });

  it('lists a denied DescribeStateMachine as unavailable and does not send it again', async () => {
    seed(h);
    h.sim.faults.add({
      service: 'stepfunctions',
      operation: 'DescribeStateMachine',
      error: 'AccessDeniedException',
    });
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false }, concurrency: 1 });
    expect(snapshot.unavailable.map((u) => [u.service, u.action, u.code])).toEqual([
      ['stepfunctions', 'states:DescribeStateMachine', 'aws_access_denied'],
    ]);
    expect(calls['states:DescribeStateMachine']).toBe(1);
    expect(snapshot.stepfunctions?.stateMachines).toEqual([]);
    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r.status]));
    expect(results.get('stepfunctions-logging')).toBe('not_assessed');
    expect(results.get('stepfunctions-task-retry')).toBe('not_assessed');
  });

  it('leaves the section out when ListStateMachines is denied', async () => {
    seed(h);
    h.sim.faults.add({
      service: 'stepfunctions',
      operation: 'ListStateMachines',
      error: 'AccessDeniedException',
    });
    const { snapshot } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.stepfunctions).toBeUndefined();
    expect(snapshot.unavailable.map((u) => u.action)).toEqual(['states:ListStateMachines']);
  });

  it('pages ListStateMachines', async () => {
    for (let i = 0; i < 1001; i++)
      h.sim.state.addStateMachine(ACCOUNT, REGION, {
        name: `m-${String(i).padStart(4, '0')}`,
        definition: {},
      });
    const { snapshot, calls } = await h.collect({
      telemetry: { insights: false },
      requestsPerSecond: { stepfunctions: 100_000 },
      concurrency: 16,
    });
    expect(snapshot.stepfunctions?.stateMachines).toHaveLength(1001);
    expect(calls['states:ListStateMachines']).toBe(2);
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);
  }, 60_000);

  it('finds compliant and non-compliant state machines in the demo account', async () => {
    const now = h.clock.now();
    writeScenario(h.sim.state, defaultScenario({ start: now - 30 * 60_000, durationMs: 30 * 60_000 }));
    const demo = demoInventory(h.sim.state);
    expect(demo.stateMachines).toEqual([
      'order-fulfilment',
      'nightly-export',
      'image-pipeline',
      'refund-approval',
      'partner-sync',
      'session-rollup',
    ]);
    const { snapshot } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable).toEqual([]);
    const results = runChecks(snapshot).filter((r) => r.meta.service === 'stepfunctions');
    expect(results).toHaveLength(17);
    const byId = new Map(results.map((r) => [r.meta.id, r]));
    const names = (id: string) => {
      const r = byId.get(id);
      return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : [];
    };
    for (const r of results) expect(r.status, r.meta.id).toBe('non_compliant');
    expect(names('stepfunctions-logging')).toEqual(['nightly-export']);
    expect(names('stepfunctions-express-no-logs')).toEqual(['image-pipeline']);
    expect(names('stepfunctions-xray')).toEqual(['nightly-export']);
    expect(names('stepfunctions-task-retry')).toEqual(['nightly-export']);
    expect(names('stepfunctions-task-catch')).toEqual(['nightly-export']);
    expect(names('stepfunctions-execution-timeout')).toEqual(['nightly-export']);
    // The checks that read deeper into the definitions, and the alarms.
    expect(names('stepfunctions-logging-all')).toEqual(['order-fulfilment', 'partner-sync']);
    expect(names('stepfunctions-cmk')).not.toContain('refund-approval');
    expect(names('stepfunctions-cmk')).toHaveLength(5);
    expect(names('stepfunctions-secrets-in-definition')).toEqual(['partner-sync']);
    expect(names('stepfunctions-task-timeout')).toEqual(['partner-sync']);
    expect(names('stepfunctions-choice-default')).toEqual(['partner-sync']);
    expect(names('stepfunctions-map-concurrency')).toEqual(['partner-sync']);
    expect(names('stepfunctions-express-duration')).toEqual(['session-rollup']);
    expect(names('stepfunctions-alarm')).not.toContain('refund-approval');
    expect(names('stepfunctions-alarm')).toHaveLength(5);
    // From the execution metrics.
    expect(names('stepfunctions-executions-failing')).toEqual(['partner-sync']);
    expect(names('stepfunctions-executions-throttled')).toEqual(['session-rollup']);
    expect(names('stepfunctions-unused')).toEqual(['nightly-export']);
    const secret = byId.get('stepfunctions-secrets-in-definition');
    // Where the secret is, never what it is.
    expect(JSON.stringify(secret)).toContain('Push.Parameters.Headers.x-api-key');
    expect(JSON.stringify(secret)).not.toContain('pk_live');
  });
});

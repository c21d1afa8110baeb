import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IngestionTelemetrySource, insightsQueries } from '../../../src/inventory/index.js';
import { DAY, writeInvocations } from '../fixtures.js';
import { ACCOUNT, type InventoryHarness, inventoryHarness, REGION } from '../helpers.js';

let h: InventoryHarness;

beforeEach(async () => {
  h = await inventoryHarness();
});

afterEach(async () => {
  await h.close();
});

function addFn(name: string, format: 'Text' | 'JSON', memoryMB = 512, logGroup?: string): void {
  h.sim.state.addFunction(ACCOUNT, REGION, {
    name,
    runtime: 'nodejs22.x',
    memorySize: memoryMB,
    timeout: 10,
    logFormat: format,
    ...(logGroup ? { logGroup } : {}),
  });
  const group = logGroup ?? `/aws/lambda/${name}`;
  if (!h.sim.state.logGroup(ACCOUNT, REGION, group)) h.sim.state.createLogGroup(ACCOUNT, REGION, group);
}

/** 200 invocations using 1..200 MB (in shuffled order), every tenth a cold start of 100, 200, … 2000 ms. */
function writeSpread(name: string, format: 'Text' | 'JSON'): void {
  const now = h.clock.now();
  const order = Array.from({ length: 200 }, (_, i) => ((i * 37) % 200) + 1);
  writeInvocations(
    h.sim,
    { name, format, memoryMB: 512, timeoutSec: 10 },
    order.map((mem, i) => ({
      at: now - 3 * DAY + i * 60_000,
      memoryUsedMB: mem,
      ...(i % 10 === 0 ? { initDurationMs: (i / 10 + 1) * 100 } : {}),
    })),
  );
}

describe('Logs Insights figures', () => {
  it('match what was written, for Text (bytes) and JSON (MB) groups', async () => {
    addFn('text-fn', 'Text');
    addFn('json-fn', 'JSON');
    writeSpread('text-fn', 'Text');
    writeSpread('json-fn', 'JSON');
    const { snapshot } = await h.collect();
    const expected = {
      reportCount: 200,
      maxMemoryUsedMB: 200,
      // Nearest rank: ceil(0.99 × 200) = 198th of 1..200.
      p99MemoryUsedMB: 198,
      coldStarts: 20,
      // ceil(0.95 × 20) = 19th of 100..2000.
      initDurationP95Ms: 1900,
      timeouts: 0,
      outOfMemory: 0,
      logSource: 'insights',
    };
    expect(snapshot.telemetry.functions['text-fn']).toMatchObject({ ...expected, invocations: 200 });
    expect(snapshot.telemetry.functions['json-fn']).toMatchObject({ ...expected, invocations: 200 });
    // One query per log format, each sent with its own query text.
    const sent = h.sim.requests
      .find({ operation: 'StartQuery' })
      .map((r) => String((r.params as { queryString: string }).queryString).slice(0, 40));
    expect(sent.sort()).toEqual(
      [insightsQueries.JSON.slice(0, 40), insightsQueries.Text.slice(0, 40)].sort(),
    );
  });

  it('queries at most 50 groups at once, and skips shared groups and idle functions', async () => {
    for (let i = 0; i < 60; i++) {
      const name = `t-${String(i).padStart(2, '0')}`;
      addFn(name, 'Text');
      writeInvocations(h.sim, { name, format: 'Text', memoryMB: 512, timeoutSec: 10 }, [
        { at: h.clock.now() - DAY, memoryUsedMB: 100 + i },
      ]);
    }
    addFn('idle', 'Text');
    addFn('shared-a', 'Text', 512, '/shared/logs');
    addFn('shared-b', 'Text', 512, '/shared/logs');
    h.sim.state.putLogEvents(ACCOUNT, REGION, '/shared/logs', 's', [
      {
        timestamp: h.clock.now() - DAY,
        message:
          'REPORT RequestId: x\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 512 MB\tMax Memory Used: 99 MB\t',
      },
    ]);
    const { snapshot, calls } = await h.collect();
    expect(calls['logs:StartQuery']).toBe(2);
    // The request log counts lists over 10 items and keeps shorter ones.
    const sizes = h.sim.requests
      .find({ operation: 'StartQuery' })
      .map((r) => (r.params as { logGroupNames: unknown }).logGroupNames)
      .map((l) => (Array.isArray(l) ? l.length : Number(/\d+/.exec(String(l))?.[0])));
    expect(sizes.sort((a, b) => a - b)).toEqual([10, 50]);
    expect(snapshot.telemetry.functions['t-00']).toMatchObject({ reportCount: 1, maxMemoryUsedMB: 100 });
    expect(snapshot.telemetry.functions['t-59']).toMatchObject({ reportCount: 1, maxMemoryUsedMB: 159 });
    // Idle (metrics say 0 invocations) and shared groups get no log figures.
    expect(snapshot.telemetry.functions.idle).toEqual({
      invocations: 0,
      errors: 0,
      throttles: 0,
      asyncEventsDropped: 0,
    });
    expect(snapshot.telemetry.functions['shared-a']?.reportCount).toBeUndefined();
    expect(snapshot.telemetry.functions['shared-b']?.logSource).toBeUndefined();
  });
});

describe("Pillar's ingestion as a stand-in", () => {
  const ingestion: IngestionTelemetrySource = (name) =>
    name === 'text-fn'
      ? {
          reportCount: 7,
          maxMemoryUsedMB: 300,
          p99MemoryUsedMB: 290,
          coldStarts: 2,
          timeouts: 1,
          outOfMemory: 1,
          invocations: 999,
        }
      : undefined;

  it('fills the REPORT figures when StartQuery is denied, never the metric ones', async () => {
    addFn('text-fn', 'Text');
    addFn('other', 'Text');
    writeSpread('text-fn', 'Text');
    writeSpread('other', 'Text');
    h.sim.faults.add({ service: 'logs', operation: 'StartQuery', error: 'AccessDeniedException' });
    const { snapshot, calls } = await h.collect({ telemetry: { ingestion } });
    expect(snapshot.unavailable.map((u) => [u.action, u.code])).toEqual([
      ['logs:StartQuery', 'aws_access_denied'],
    ]);
    expect(calls['logs:StartQuery']).toBe(1);
    expect(snapshot.telemetry.functions['text-fn']).toEqual({
      invocations: 200,
      errors: 0,
      throttles: 0,
      maxDailyErrorRate: 0,
      durationP99Ms: expect.any(Number),
      durationMaxMs: expect.any(Number),
      asyncEventsDropped: 0,
      reportCount: 7,
      maxMemoryUsedMB: 300,
      p99MemoryUsedMB: 290,
      coldStarts: 2,
      timeouts: 1,
      outOfMemory: 1,
      logSource: 'ingestion',
    });
    // Nothing from ingestion for this one, and Insights was denied: no log figures at all.
    expect(snapshot.telemetry.functions.other?.reportCount).toBeUndefined();
    expect(snapshot.telemetry.functions.other?.invocations).toBe(200);
  });

  it('fills them too when a query never completes, which is listed against StartQuery', async () => {
    addFn('text-fn', 'Text');
    writeSpread('text-fn', 'Text');
    h.sim.state.setInsightsBehavior({ pollsBeforeComplete: 10_000 });
    const start = h.clock.now();
    const { snapshot } = await h.collect({ telemetry: { ingestion } });
    expect(snapshot.unavailable).toEqual([
      {
        service: 'logs',
        action: 'logs:StartQuery',
        code: 'aws_error',
        message: expect.stringContaining('did not complete within 10 minutes'),
        resources: ['/aws/lambda/text-fn'],
      },
    ]);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(10 * 60_000);
    expect(snapshot.telemetry.functions['text-fn']).toMatchObject({ reportCount: 7, logSource: 'ingestion' });
  });

  it('stays out of the way when Insights answers', async () => {
    addFn('text-fn', 'Text');
    writeSpread('text-fn', 'Text');
    const { snapshot } = await h.collect({ telemetry: { ingestion } });
    expect(snapshot.telemetry.functions['text-fn']).toMatchObject({
      reportCount: 200,
      logSource: 'insights',
    });
  });

  it('with Insights switched off, ingestion is the only source and no query is sent', async () => {
    addFn('text-fn', 'Text');
    writeSpread('text-fn', 'Text');
    const { snapshot, calls } = await h.collect({ telemetry: { ingestion, insights: false, windowDays: 7 } });
    expect(calls['logs:StartQuery']).toBeUndefined();
    expect(snapshot.telemetry.windowDays).toBe(7);
    expect(snapshot.telemetry.functions['text-fn']).toMatchObject({
      reportCount: 7,
      logSource: 'ingestion',
      invocations: 200,
    });
  });
});

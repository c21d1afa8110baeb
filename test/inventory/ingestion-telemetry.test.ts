import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { invocations, logGroups } from '../../src/db/schema.js';
import { ingestionTelemetry } from '../../src/inventory/index.js';
import { testDb } from '../helpers/db.js';
import { addFunction, type IngestHarness, ingestHarness, invoke } from '../helpers/ingest.js';

const T0 = Date.parse('2026-11-28T12:00:00Z');

function group(
  db: Db,
  values: { account?: string; region?: string; logGroup: string; functionName: string | null },
) {
  return db
    .insert(logGroups)
    .values({ account: values.account ?? 'prod', region: values.region ?? 'us-east-1', ...values })
    .returning({ id: logGroups.id })
    .get().id;
}

let n = 0;
function invocation(
  db: Db,
  logGroupId: number,
  v: {
    at: number;
    mem?: number | null;
    init?: number;
    outcome?: string;
    cold?: boolean;
    duration?: number | null;
  },
) {
  n++;
  db.insert(invocations)
    .values({
      logGroupId,
      logStream: 's',
      requestId: `req-${n}`,
      startedAt: v.at - 100,
      endedAt: v.at,
      updatedAt: v.at,
      outcome: v.outcome ?? 'success',
      durationMs: v.duration === undefined ? 50 : v.duration,
      maxMemoryUsedMB: v.mem === undefined ? 64 : v.mem,
      initDurationMs: v.init ?? null,
      coldStart: v.cold ?? v.init !== undefined,
    })
    .run();
}

describe('ingestionTelemetry over the invocations table', () => {
  it('gives max and nearest-rank p99 memory, cold starts, p95 init, timeouts and OOMs per function', () => {
    const db = testDb();
    const api = group(db, { logGroup: '/aws/lambda/api', functionName: 'api' });
    // 1..100 MB, every 20th a cold start (init 100..500 ms), two timeouts and one OOM kill.
    for (let i = 1; i <= 100; i++) {
      invocation(db, api, {
        at: T0 - i * 1000,
        mem: i,
        ...(i % 20 === 0 ? { init: i * 5 } : {}),
        ...(i === 7 || i === 8 ? { outcome: 'timeout' } : i === 9 ? { outcome: 'out_of_memory' } : {}),
      });
    }
    // An invocation with no REPORT figures is not a report.
    invocation(db, api, { at: T0, mem: null, duration: null });
    const source = ingestionTelemetry(db, 'prod', 'us-east-1', T0 - 200_000);
    expect(source('api')).toEqual({
      reportCount: 100,
      maxMemoryUsedMB: 100,
      p99MemoryUsedMB: 99,
      coldStarts: 5,
      // ceil(0.95 × 5) = 5th of 100, 200, 300, 400, 500.
      initDurationP95Ms: 500,
      timeouts: 2,
      outOfMemory: 1,
    });
    expect(source('nobody')).toBeUndefined();
  });

  it('keeps to the account, the region and the window', () => {
    const db = testDb();
    const here = group(db, { logGroup: '/aws/lambda/f', functionName: 'f' });
    const otherRegion = group(db, { region: 'eu-west-1', logGroup: '/aws/lambda/f', functionName: 'f' });
    const otherAccount = group(db, { account: 'staging', logGroup: '/aws/lambda/f', functionName: 'f' });
    const noFunction = group(db, { logGroup: '/custom/shared', functionName: null });
    invocation(db, here, { at: T0 - 1000, mem: 10 });
    invocation(db, here, { at: T0 - 10 * 86_400_000, mem: 999 });
    invocation(db, otherRegion, { at: T0 - 1000, mem: 500 });
    invocation(db, otherAccount, { at: T0 - 1000, mem: 600 });
    invocation(db, noFunction, { at: T0 - 1000, mem: 700 });
    const source = ingestionTelemetry(db, 'prod', 'us-east-1', T0 - 86_400_000);
    expect(source('f')).toMatchObject({ reportCount: 1, maxMemoryUsedMB: 10, p99MemoryUsedMB: 10 });
    expect(ingestionTelemetry(db, 'prod', 'eu-west-1', 0)('f')).toMatchObject({ maxMemoryUsedMB: 500 });
    expect(ingestionTelemetry(db, 'staging', 'us-east-1', 0)('f')).toMatchObject({ maxMemoryUsedMB: 600 });
  });
});

describe('ingestionTelemetry after a real ingestion cycle', () => {
  let h: IngestHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('reports what the poller stored from the simulated account', async () => {
    h = await ingestHarness();
    const fn = {
      name: 'orders-api',
      runtime: 'nodejs20.x',
      format: 'Text',
      memoryMB: 256,
      timeoutSec: 3,
    } as const;
    addFunction(h.sim, fn);
    for (let i = 0; i < 6; i++) invoke(h.sim, fn, T0 - 50_000 + i * 2000, { coldStart: i === 0 });
    invoke(h.sim, fn, T0 - 30_000, { outcome: 'timeout' });
    invoke(h.sim, fn, T0 - 20_000, { outcome: 'out_of_memory' });
    const r = await h.cycle();
    expect(r.invocations).toBe(8);
    const figures = ingestionTelemetry(h.db, 'prod', 'us-east-1', T0 - 3_600_000)('orders-api');
    expect(figures).toEqual({
      reportCount: 8,
      // The OOM kill used all 256 MB; the others used the renderer's 35%.
      maxMemoryUsedMB: 256,
      p99MemoryUsedMB: 256,
      coldStarts: 1,
      initDurationP95Ms: 230,
      timeouts: 1,
      outOfMemory: 1,
    });
  });
});

import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { invocations, logGroups, seenEvents } from '../../src/db/schema.js';
import { runIngestCycle } from '../../src/ingest/poller.js';
import { createRepeatTracker } from '../../src/log-repeats.js';
import { CrashForTest } from '../helpers/crash.js';
import { addFunction, type IngestHarness, ingestHarness, invoke, STAGING } from '../helpers/ingest.js';
import { captureLogger, ERROR, INFO, WARN } from '../helpers/log.js';

let h: IngestHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const T0 = Date.parse('2026-11-28T12:00:00Z');
const orders = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;
const reports = { name: 'report-builder', runtime: 'python3.13', format: 'JSON' } as const;

describe('ingestion cycle against the simulated account', () => {
  it('discovers functions, reads their logs and opens one incident per distinct failure', async () => {
    h = await ingestHarness();
    addFunction(h.sim, orders);
    addFunction(h.sim, reports);
    for (let i = 0; i < 5; i++) invoke(h.sim, orders, T0 - 50_000 + i * 1000, { coldStart: i === 0 });
    invoke(h.sim, orders, T0 - 40_000, { outcome: 'uncaught_exception' });
    invoke(h.sim, orders, T0 - 39_000, { outcome: 'uncaught_exception' });
    invoke(h.sim, reports, T0 - 38_000, { outcome: 'timeout' });
    const r = await h.cycle();
    expect(r.errors).toEqual([]);
    expect(r.groupsRead).toBe(2);
    expect(r.invocations).toBe(8);
    expect(r.coldStarts).toBe(1);
    expect(r.failuresByKind.uncaught_exception).toBe(2);
    expect(r.failuresByKind.timeout).toBe(1);
    expect(r.opened).toBe(2);
    expect(r.updated).toBe(1);
    const list = h.incidents.list();
    expect(list.map((i) => [i.functionName, i.failureKind, i.occurrences]).sort()).toEqual([
      ['orders-api', 'uncaught_exception', 2],
      ['report-builder', 'timeout', 1],
    ]);
    // The requests were the real SDK's, over the real protocols.
    expect(h.sim.requests.count({ operation: 'ListFunctions' })).toBe(1);
    expect(h.sim.requests.count({ operation: 'FilterLogEvents' })).toBe(2);
  });

  it('reads every page, empty pages with a nextToken included', async () => {
    h = await ingestHarness({ ingestion: { maxPagesPerGroup: 1000 } });
    addFunction(h.sim, orders);
    h.sim.state.setLogsBehavior({ maxPageBytes: 4_000, emptyPages: { every: 3 } });
    for (let i = 0; i < 120; i++) invoke(h.sim, orders, T0 - 55_000 + i * 400);
    const r = await h.cycle();
    expect(r.pages).toBeGreaterThan(10);
    expect(r.invocations).toBe(120);
    expect(r.errors).toEqual([]);
  });

  it('reads a late event within the overlap once, and drops what it already read', async () => {
    h = await ingestHarness({ ingestion: { overlapSeconds: 120 } });
    addFunction(h.sim, orders);
    invoke(h.sim, orders, T0 - 30_000);
    const first = await h.cycle();
    expect(first.invocations).toBe(1);

    h.clock.advance(30_000);
    // A failure stamped before the last read, ingested only now: a late arrival.
    invoke(h.sim, orders, T0 - 20_000, { outcome: 'uncaught_exception' });
    const second = await h.cycle();
    expect(second.events).toBeGreaterThan(0);
    expect(second.duplicates).toBeGreaterThan(0); // the overlap re-read the first invocation
    expect(second.opened).toBe(1);

    h.clock.advance(30_000);
    const third = await h.cycle();
    expect(third.events).toBe(0);
    expect(third.opened + third.updated).toBe(0);
    expect(h.incidents.list()[0]?.occurrences).toBe(1);
  });

  it('forgets event ids once they are older than the overlap', async () => {
    h = await ingestHarness({ ingestion: { overlapSeconds: 60 } });
    addFunction(h.sim, orders);
    invoke(h.sim, orders, T0 - 30_000);
    await h.cycle();
    expect(h.db.select().from(seenEvents).all().length).toBeGreaterThan(0);
    h.clock.advance(5 * 60_000);
    await h.cycle();
    expect(h.db.select().from(seenEvents).all()).toEqual([]);
  });

  it('backs off when throttled and reads the group on the next cycle', async () => {
    h = await ingestHarness();
    addFunction(h.sim, orders);
    invoke(h.sim, orders, T0 - 30_000, { outcome: 'uncaught_exception' });
    h.sim.faults.add({
      service: 'logs',
      operation: 'FilterLogEvents',
      error: 'ThrottlingException',
      times: 1,
    });
    const first = await h.cycle();
    expect(first.errors).toHaveLength(1);
    expect(first.errors[0]).toMatchObject({ code: 'aws_throttled', logGroup: '/aws/lambda/orders-api' });
    expect(first.errors[0]?.message).toMatch(/throttled logs:FilterLogEvents/);
    expect(first.opened).toBe(0);
    h.clock.advance(30_000);
    const second = await h.cycle();
    expect(second.errors).toEqual([]);
    expect(second.opened).toBe(1);
  });

  it('paces FilterLogEvents under the configured rate and survives the account quota', async () => {
    h = await ingestHarness({ ingestion: { requestsPerSecond: 2 } });
    for (let i = 0; i < 8; i++) {
      const f = { ...orders, name: `fn-${i}` };
      addFunction(h.sim, f);
      invoke(h.sim, f, T0 - 30_000);
    }
    h.sim.state.setQuota({ filterLogEventsTps: 2 });
    const start = h.clock.now();
    const r = await h.cycle();
    expect(r.errors).toEqual([]);
    expect(r.groupsRead).toBe(8);
    // 8 calls at 2/s with a burst of 2: at least 3 s of (fake) waiting.
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(3_000);
    expect(h.sim.requests.find({ operation: 'FilterLogEvents' }).every((q) => q.status === 200)).toBe(true);
  });

  it('keeps going when one region fails: the other region is read and the failure is reported', async () => {
    h = await ingestHarness({ accounts: [{ name: 'prod', regions: ['us-east-1', 'eu-west-1'] }] });
    addFunction(h.sim, orders);
    addFunction(h.sim, { ...orders, region: 'eu-west-1' });
    invoke(h.sim, orders, T0 - 30_000, { outcome: 'uncaught_exception' });
    invoke(h.sim, { ...orders, region: 'eu-west-1' }, T0 - 30_000, { outcome: 'uncaught_exception' });
    h.sim.faults.add({
      service: 'lambda',
      operation: 'ListFunctions',
      region: 'eu-west-1',
      error: 'ServiceException',
    });
    const r = await h.cycle();
    expect(r.targetsFailed).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ account: 'prod', region: 'eu-west-1' });
    expect(r.opened).toBe(1);
    expect(h.incidents.list()[0]?.region).toBe('us-east-1');
  });

  it('logs a region failing every cycle in full once, then one short line a cycle, then its recovery', async () => {
    h = await ingestHarness({ accounts: [{ name: 'prod', regions: ['us-east-1', 'eu-west-1'] }] });
    addFunction(h.sim, orders);
    const fault = h.sim.faults.add({
      service: 'lambda',
      operation: 'ListFunctions',
      region: 'eu-west-1',
      error: 'AccessDeniedException',
    });
    const { logger, lines } = captureLogger();
    const deps = { ...h.deps, logger, repeats: createRepeatTracker({ clock: h.clock }) };
    for (let i = 0; i < 3; i++) {
      expect((await runIngestCycle(deps)).targetsFailed).toBe(1);
      h.clock.advance(30_000);
    }
    fault.remove();
    expect((await runIngestCycle(deps)).targetsFailed).toBe(0);
    await runIngestCycle(deps);

    const about = lines.filter((l) => l.region === 'eu-west-1');
    const denied = about[0]?.msg ?? '';
    expect(denied).toMatch(/^Access denied: lambda:ListFunctions in prod\/eu-west-1\./);
    expect(about.map((l) => [l.level, l.msg])).toEqual([
      [ERROR, denied],
      [WARN, `Still failing for 2 cycles (since 2026-11-28T12:00:00.000Z): ${denied}`],
      [WARN, `Still failing for 3 cycles (since 2026-11-28T12:00:00.000Z): ${denied}`],
      [INFO, 'Recovered after failing for 3 cycles'],
    ]);
    expect(about[0]).toMatchObject({ account: 'prod', code: 'aws_access_denied' });
    expect(about[0]?.err?.stack).toBeDefined();
    expect(about.slice(1).every((l) => l.err === undefined)).toBe(true);
    expect(lines.filter((l) => l.region === 'us-east-1')).toEqual([]);
  });

  it('summarises a log group that keeps failing, and says when it reads again', async () => {
    h = await ingestHarness();
    addFunction(h.sim, orders);
    addFunction(h.sim, reports);
    const fault = h.sim.faults.add({
      service: 'logs',
      operation: 'FilterLogEvents',
      logGroup: '/aws/lambda/report-builder',
      error: 'AccessDeniedException',
    });
    const { logger, lines } = captureLogger();
    const deps = { ...h.deps, logger, repeats: createRepeatTracker({ clock: h.clock }) };
    // Five minutes apart: longer than the back-off of a group failing for the first few times.
    for (let i = 0; i < 3; i++) {
      expect((await runIngestCycle(deps)).errors).toHaveLength(1);
      h.clock.advance(5 * 60_000);
    }
    fault.remove();
    expect((await runIngestCycle(deps)).errors).toEqual([]);

    const about = lines.filter((l) => l.logGroup === '/aws/lambda/report-builder');
    expect(about.map((l) => [l.level, l.err !== undefined, l.msg.slice(0, 30)])).toEqual([
      [WARN, true, 'Access denied: logs:FilterLogE'],
      [WARN, false, 'Still failing for 2 cycles (si'],
      [WARN, false, 'Still failing for 3 cycles (si'],
      [INFO, false, 'Recovered after failing for 3 '],
    ]);
  });

  it('reads an account through an assumed role', async () => {
    h = await ingestHarness({
      credentialsAccount: '123456789012',
      accounts: [
        { name: 'staging', roleArn: `arn:aws:iam::${STAGING}:role/PillarReadOnly`, regions: ['us-east-1'] },
      ],
    });
    addFunction(h.sim, { ...orders, account: STAGING });
    invoke(h.sim, { ...orders, account: STAGING }, T0 - 30_000, { outcome: 'timeout' });
    const r = await h.cycle();
    expect(r.errors).toEqual([]);
    expect(r.opened).toBe(1);
    expect(h.incidents.list()[0]).toMatchObject({ account: 'staging', failureKind: 'timeout' });
    expect(h.sim.requests.count({ operation: 'AssumeRole' })).toBeGreaterThanOrEqual(1);
    expect(h.sim.requests.find({ operation: 'FilterLogEvents' })[0]?.account).toBe(STAGING);
  });

  it('names the account and the fix when its credentials are not accepted', async () => {
    h = await ingestHarness({ credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' } });
    addFunction(h.sim, orders);
    const r = await h.cycle();
    expect(r.targetsFailed).toBe(1);
    expect(r.errors[0]).toMatchObject({ account: 'prod', code: 'aws_credentials' });
    expect(r.errors[0]?.message).toMatch(/did not accept the credentials for account prod/);
    expect(r.errors[0]?.message).toMatch(/AWS_PROFILE|roleArn/);
  });

  it('reports a role that cannot be assumed, naming the account', async () => {
    h = await ingestHarness({
      credentialsAccount: '123456789012',
      accounts: [{ name: 'ghost', roleArn: 'arn:aws:iam::999999999999:role/Nope', regions: ['us-east-1'] }],
    });
    const r = await h.cycle();
    expect(r.targetsFailed).toBe(1);
    expect(r.errors[0]?.account).toBe('ghost');
    expect(r.errors[0]?.message).toMatch(/ghost/);
  });

  it('reports access denied on one log group with the missing permission, and reads the others', async () => {
    h = await ingestHarness();
    addFunction(h.sim, orders);
    addFunction(h.sim, reports);
    invoke(h.sim, orders, T0 - 30_000, { outcome: 'uncaught_exception' });
    invoke(h.sim, reports, T0 - 30_000, { outcome: 'uncaught_exception' });
    h.sim.faults.add({
      service: 'logs',
      operation: 'FilterLogEvents',
      logGroup: '/aws/lambda/report-builder',
      error: 'AccessDeniedException',
    });
    const r = await h.cycle();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'aws_access_denied', logGroup: '/aws/lambda/report-builder' });
    expect(r.errors[0]?.message).toContain('logs:FilterLogEvents');
    expect(r.errors[0]?.message).toContain('/aws/lambda/report-builder');
    expect(r.opened).toBe(1);
    const row = h.db
      .select()
      .from(logGroups)
      .where(eq(logGroups.logGroup, '/aws/lambda/report-builder'))
      .get();
    expect(row?.lastErrorCode).toBe('aws_access_denied');
    expect(row?.nextPollAt).toBeGreaterThan(h.clock.now());
  });

  it('does not read idle groups every cycle: a metric probe finds the one that woke up', async () => {
    h = await ingestHarness({ ingestion: { activeWindowMinutes: 2, idleSweepMinutes: 60 } });
    for (let i = 0; i < 40; i++) addFunction(h.sim, { ...orders, name: `idle-${i}` });
    invoke(h.sim, { ...orders, name: 'idle-0' }, T0 - 30_000);
    await h.cycle(); // first read of every group
    h.clock.advance(5 * 60_000);
    h.sim.requests.clear();
    const quiet = await h.cycle();
    expect(quiet.groupsRead).toBe(0);
    expect(h.sim.requests.count({ operation: 'FilterLogEvents' })).toBe(0);
    expect(h.sim.requests.count({ operation: 'GetMetricData' })).toBe(1);

    invoke(h.sim, { ...orders, name: 'idle-7' }, h.clock.now() - 20_000, { outcome: 'uncaught_exception' });
    h.clock.advance(30_000);
    h.sim.requests.clear();
    const woke = await h.cycle();
    expect(woke.groupsRead).toBe(1);
    expect(
      h.sim.requests
        .find({ operation: 'FilterLogEvents' })
        .map((q) => (q.params as { logGroupName?: string }).logGroupName),
    ).toEqual(['/aws/lambda/idle-7']);
    expect(woke.opened).toBe(1);
  });

  it('falls back to the idle sweep when GetMetricData is denied, and says so', async () => {
    h = await ingestHarness({ ingestion: { activeWindowMinutes: 2, idleSweepMinutes: 10 } });
    addFunction(h.sim, orders);
    await h.cycle();
    h.sim.faults.add({ service: 'cloudwatch', operation: 'GetMetricData', error: 'AccessDeniedException' });
    h.clock.advance(5 * 60_000);
    const quiet = await h.cycle();
    expect(quiet.groupsRead).toBe(0);
    h.clock.advance(6 * 60_000);
    const sweep = await h.cycle();
    expect(sweep.groupsRead).toBe(1);
  });

  it('follows a function to a custom log group and reads JSON-format logs', async () => {
    h = await ingestHarness();
    const custom = { name: 'checkout-api', format: 'JSON' as const, logGroup: '/shared/checkout' };
    addFunction(h.sim, custom);
    invoke(h.sim, custom, T0 - 30_000, { outcome: 'out_of_memory', oomStyle: 'status' });
    const r = await h.cycle();
    expect(r.errors).toEqual([]);
    expect(h.incidents.list()[0]).toMatchObject({
      logGroup: '/shared/checkout',
      failureKind: 'out_of_memory',
    });
  });

  it('recognises an async retry: the same request id after a failure', async () => {
    h = await ingestHarness();
    addFunction(h.sim, reports);
    const { requestId } = invoke(h.sim, reports, T0 - 50_000, { outcome: 'uncaught_exception' });
    const first = await h.cycle();
    expect(first.opened).toBe(1);
    h.clock.advance(60_000);
    invoke(h.sim, reports, h.clock.now() - 10_000, { requestId, outcome: 'uncaught_exception' });
    const second = await h.cycle();
    expect(second.retries).toBe(1);
    const rows = h.db.select().from(invocations).where(eq(invocations.requestId, requestId)).all();
    expect(rows.map((r) => [r.attempt, r.retry])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(h.incidents.list()[0]?.occurrences).toBe(2);
  });
});

describe('crash safety', () => {
  async function scenario(harness: IngestHarness) {
    for (const name of ['a-fn', 'b-fn', 'c-fn']) {
      const f = { ...orders, name };
      addFunction(harness.sim, f);
      for (let i = 0; i < 3; i++)
        invoke(harness.sim, f, T0 - 50_000 + i * 3000, { outcome: 'uncaught_exception' });
      invoke(harness.sim, f, T0 - 20_000, { outcome: 'timeout' });
    }
  }
  const snapshot = (harness: IngestHarness) =>
    harness.incidents
      .list()
      .map((i) => `${i.functionName}|${i.failureKind}|${i.occurrences}`)
      .sort();

  it('a cycle killed before a group commits loses nothing and opens nothing twice', async () => {
    const clean = await ingestHarness();
    await scenario(clean);
    await clean.cycle();
    const expected = snapshot(clean);
    await clean.close();

    h = await ingestHarness();
    await scenario(h);
    let groups = 0;
    await expect(
      h.cycle({
        beforeCommit: () => {
          groups++;
          if (groups === 2) throw new CrashForTest('killed before the commit of the second group');
        },
      }),
    ).rejects.toThrow(CrashForTest);
    expect(snapshot(h)).toHaveLength(2); // the first group was committed, with its two incidents
    h.clock.advance(1_000);
    await h.cycle();
    expect(snapshot(h)).toEqual(expected);
    expect(expected).toHaveLength(6);
  });

  it('a cycle killed right after a commit does not count that group again', async () => {
    h = await ingestHarness();
    await scenario(h);
    await expect(
      h.cycle({
        afterCommit: () => {
          throw new CrashForTest('killed after the first commit');
        },
      }),
    ).rejects.toThrow(CrashForTest);
    const after = snapshot(h);
    h.clock.advance(1_000);
    await h.cycle();
    const final = snapshot(h);
    for (const line of after) expect(final).toContain(line);
    expect(final.every((l) => l.endsWith('|3') || l.endsWith('|1'))).toBe(true);
    expect(final).toHaveLength(6);
  });
});

import { closeSync, mkdtempSync, openSync, statSync, writeSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jobsFor } from '../../src/app/schedule.js';
import { openDatabase } from '../../src/db/client.js';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { addFunction, invoke } from '../helpers/ingest.js';
import { captureLogger, ERROR } from '../helpers/log.js';
import { type PillarHarness, pillarHarness } from '../helpers/pillar.js';

/** A full disk: every cycle fails to store, and `/healthz` says so with the fix, once in the log. */
let h: PillarHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const orders = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;

describe('storage failures', () => {
  it('a full disk: /healthz 503 after two failed cycles, one clear error line, then ok once space is back', async () => {
    const { logger, lines } = captureLogger('info');
    h = await pillarHarness({ logger });
    const harness = h;
    const port = (h.pillar.server!.address() as AddressInfo).port;
    addFunction(h.sim, orders);
    const sqlite = h.db.$client;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    // The database may not grow: as good as a full disk for SQLite (SQLITE_FULL).
    sqlite.pragma(`max_page_count = ${pages}`);
    const scheduler = startScheduler(
      jobsFor(h.pillar).filter((j) => j.name === 'ingest'),
      { logger, clock: h.clock },
    );
    try {
      for (let k = 0; k < 3; k++) {
        for (let i = 0; i < 40; i++)
          invoke(harness.sim, orders, harness.clock.now() - 30_000 + i, { outcome: 'uncaught_exception' });
        expect(await scheduler.runNow('ingest')).toBe('failed');
        h.clock.advance(30_000);
      }
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; problems: string[] };
      expect(body.status).toBe('degraded');
      expect(body.problems).toEqual([
        expect.stringMatching(/^The database fails: The disk holding .* is full: free some space/),
      ]);
      const errors = lines.filter((l) => l.level >= ERROR);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.msg).toMatch(/is full: free some space/);

      sqlite.pragma('max_page_count = 1073741823');
      expect(await scheduler.runNow('ingest')).toBe('ran');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(h.pillar.incidents.list({ states: ['open'] }).length).toBeGreaterThan(0);
    } finally {
      await scheduler.stop();
    }
  });

  it('a damaged database: /healthz 503 naming the file and the fix, and one clear error line', async () => {
    const { logger, lines } = captureLogger('info');
    const path = join(mkdtempSync(join(tmpdir(), 'pillar-damaged-')), 'pillar.db');
    h = await pillarHarness({ logger, db: openDatabase(path) });
    const port = (h.pillar.server!.address() as AddressInfo).port;
    addFunction(h.sim, orders);
    const sqlite = h.db.$client;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
    // A disk fault: every page but the header is overwritten under the running process.
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    for (let at = pageSize; at < size; at += pageSize)
      writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, at);
    closeSync(fd);
    sqlite.pragma('cache_size = 0');
    const scheduler = startScheduler(
      jobsFor(h.pillar).filter((j) => j.name === 'ingest'),
      { logger, clock: h.clock },
    );
    try {
      for (let k = 0; k < 3; k++) {
        invoke(h.sim, orders, h.clock.now() - 30_000, { outcome: 'uncaught_exception' });
        expect(await scheduler.runNow('ingest')).toBe('failed');
        h.clock.advance(30_000);
      }
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { problems: string[] };
      expect(body.problems.join(' ')).toMatch(
        /pillar\.db is damaged \(database disk image is malformed\): restore it from a backup/,
      );
      const errors = lines.filter((l) => l.level >= ERROR);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.msg).toMatch(/is damaged/);
    } finally {
      await scheduler.stop();
    }
  });
});

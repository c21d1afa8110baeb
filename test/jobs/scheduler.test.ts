import { describe, expect, it } from 'vitest';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock } from '../helpers/clock.js';
import { captureLogger, ERROR, INFO, WARN } from '../helpers/log.js';

describe('startScheduler', () => {
  it('never runs a job twice at once, reports failures, and waits for running jobs on stop', async () => {
    let release!: () => void;
    let runs = 0;
    const scheduler = startScheduler(
      [
        {
          name: 'slow',
          schedule: '0 0 1 1 *',
          run: () =>
            new Promise<void>((resolve) => {
              runs++;
              release = resolve;
            }),
        },
        { name: 'broken', schedule: '0 0 1 1 *', run: async () => Promise.reject(new Error('boom')) },
      ],
      { logger: silentLogger(), clock: new FakeClock() },
    );
    const first = scheduler.runNow('slow');
    expect(await scheduler.runNow('slow')).toBe('skipped');
    expect(runs).toBe(1);
    expect(await scheduler.runNow('broken')).toBe('failed');
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    expect(await first).toBe('ran');
    await stopping;
    expect(stopped).toBe(true);
    expect(await scheduler.runNow('slow')).toBe('skipped');
  });

  it('logs a job failing the same way every run with its stack once, then one line a run', async () => {
    const clock = new FakeClock('2026-11-28T12:00:00Z');
    const { logger, lines } = captureLogger();
    let broken = true;
    const scheduler = startScheduler(
      [
        {
          name: 'checks',
          schedule: '0 0 1 1 *',
          run: async () => {
            if (broken) throw new Error('database is locked');
          },
        },
      ],
      { logger, clock },
    );
    for (let i = 0; i < 3; i++) {
      expect(await scheduler.runNow('checks')).toBe('failed');
      clock.advance(86_400_000);
    }
    broken = false;
    expect(await scheduler.runNow('checks')).toBe('ran');
    await scheduler.stop();

    const about = lines.filter((l) => l.level >= INFO);
    expect(about.map((l) => [l.level, l.msg])).toEqual([
      [ERROR, 'Job checks failed: database is locked'],
      [
        WARN,
        'Still failing for 2 runs (since 2026-11-28T12:00:00.000Z): Job checks failed: database is locked',
      ],
      [
        WARN,
        'Still failing for 3 runs (since 2026-11-28T12:00:00.000Z): Job checks failed: database is locked',
      ],
      [INFO, 'Recovered after failing for 3 runs'],
    ]);
    expect(about[0]).toMatchObject({ job: 'checks', code: 'Error' });
    expect(about[0]?.err?.stack).toMatch(/database is locked/);
  });
});

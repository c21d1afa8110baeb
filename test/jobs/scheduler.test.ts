import { describe, expect, it } from 'vitest';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock } from '../helpers/clock.js';

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
});

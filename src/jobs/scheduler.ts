import cron from 'node-cron';
import type { Clock } from '../clock.js';
import { createRepeatTracker } from '../log-repeats.js';
import type { Logger } from '../logger.js';

/** A scheduled job: a plain async function and the cron expression that runs it. */
export interface Job {
  name: string;
  schedule: string;
  run: () => Promise<void>;
}

export interface Scheduler {
  /** Runs a job now unless it is already running (a run never overlaps the previous one). */
  runNow(name: string): Promise<'ran' | 'skipped' | 'failed'>;
  stop(): Promise<void>;
}

/** Starts every job on its schedule. A job still running when its next tick comes is skipped. */
export function startScheduler(
  jobs: Job[],
  deps: { logger: Logger; clock: Clock; timezone?: string },
): Scheduler {
  const running = new Map<string, Promise<void>>();
  const byName = new Map(jobs.map((j) => [j.name, j]));
  let stopped = false;
  // A job failing the same way every run logs its stack once, then one line a run.
  const repeats = createRepeatTracker({ clock: deps.clock, unit: 'run' });

  async function runNow(name: string): Promise<'ran' | 'skipped' | 'failed'> {
    const job = byName.get(name);
    if (!job || stopped) return 'skipped';
    if (running.has(name)) {
      deps.logger.debug({ job: name }, 'Previous run still going; skipping this tick');
      return 'skipped';
    }
    const started = deps.clock.now();
    let result: 'ran' | 'failed' = 'ran';
    const p = job
      .run()
      .then(() => repeats.succeeded(deps.logger, name, { job: name }))
      .catch((err: unknown) => {
        result = 'failed';
        const e = err as { code?: unknown; name?: unknown; message?: unknown };
        repeats.failed(deps.logger, name, {
          err,
          code: typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'error',
          message: `Job ${name} failed: ${typeof e?.message === 'string' ? e.message : String(err)}`,
          context: { job: name },
        });
      })
      .finally(() => {
        running.delete(name);
        deps.logger.debug({ job: name, ms: deps.clock.now() - started }, `Job ${name} finished`);
      });
    running.set(name, p);
    await p;
    return result;
  }

  const tasks = jobs.map((job) =>
    cron.schedule(job.schedule, () => void runNow(job.name), {
      name: job.name,
      noOverlap: true,
      ...(deps.timezone ? { timezone: deps.timezone } : {}),
    }),
  );

  return {
    runNow,
    async stop() {
      stopped = true;
      for (const t of tasks) await t.stop();
      await Promise.allSettled([...running.values()]);
    },
  };
}

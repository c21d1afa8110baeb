import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

/**
 * Logs a failure that repeats every cycle once in full, then as one short line a cycle, so that a
 * broken account does not bury the log under the same stack trace every 30 seconds. State lives
 * in the tracker the caller keeps across cycles.
 */
export interface RepeatTracker {
  /**
   * A failure under a stable key (an account and region, a log group, a job). Logged in full
   * (with `err` and its stack) the first time and whenever its code or message changes; an
   * identical one is one warn line saying for how long it has been failing.
   */
  failed(logger: Logger, key: string, failure: RepeatedFailure): void;
  /** The key worked: one info line when it had been failing, nothing otherwise. */
  succeeded(logger: Logger, key: string, context?: Record<string, unknown>): void;
  /** Stops following a key that will not come back (a deleted log group). */
  forget(key: string): void;
}

export interface RepeatedFailure {
  /** The thrown error, logged in full on the first occurrence. */
  err: unknown;
  /** Stable code and one-line message: the two that make a repeat "the same" failure. */
  code: string;
  message: string;
  /** Level of the full line; repeats are always `warn`. */
  level?: 'error' | 'warn';
  /** Fields for every line about this key (account, region, log group…). */
  context?: Record<string, unknown>;
}

interface Streak {
  code: string;
  message: string;
  /** Consecutive failures, whatever the error. */
  count: number;
  since: number;
}

export interface RepeatTrackerOptions {
  clock: Clock;
  /** What one failure is counted in, singular: `cycle` for ingestion (the default), `run` for jobs. */
  unit?: string;
}

export function createRepeatTracker(options: RepeatTrackerOptions): RepeatTracker {
  const { clock } = options;
  const one = options.unit ?? 'cycle';
  const many = `${one}s`;
  const units = (n: number) => `${n} ${n === 1 ? one : many}`;
  const streaks = new Map<string, Streak>();
  return {
    failed(logger, key, f) {
      const context = f.context ?? {};
      const previous = streaks.get(key);
      if (previous && previous.code === f.code && previous.message === f.message) {
        previous.count++;
        const since = new Date(previous.since).toISOString();
        logger.warn(
          { ...context, code: f.code, [many]: previous.count, since },
          `Still failing for ${units(previous.count)} (since ${since}): ${f.message}`,
        );
        return;
      }
      const streak: Streak = previous
        ? { code: f.code, message: f.message, count: previous.count + 1, since: previous.since }
        : { code: f.code, message: f.message, count: 1, since: clock.now() };
      streaks.set(key, streak);
      // A changed error while already failing says how long, so the earlier line is not needed.
      const history = previous ? { [many]: streak.count, since: new Date(streak.since).toISOString() } : {};
      logger[f.level ?? 'error']({ ...context, err: f.err, code: f.code, ...history }, f.message);
    },
    succeeded(logger, key, context = {}) {
      const streak = streaks.get(key);
      if (!streak) return;
      streaks.delete(key);
      logger.info(
        { ...context, [many]: streak.count, since: new Date(streak.since).toISOString() },
        `Recovered after failing for ${units(streak.count)}`,
      );
    },
    forget(key) {
      streaks.delete(key);
    },
  };
}

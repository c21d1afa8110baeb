import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema.js';
import { nextRunAfter } from '../jobs/cron.js';
import type { Logger } from '../logger.js';
import type { ReviewService } from './api.js';
import { runKeyFor } from './periods.js';
import type { Review, ReviewTrigger } from './types.js';

export const REVIEW_JOB = 'review';

export interface ReviewJobDeps {
  reviews: ReviewService;
  db: Db;
  clock: Clock;
  logger: Logger;
  schedule: string;
  timezone?: string;
  /** Posts (or updates) the review's message in Slack; absent without Slack. */
  post?: (review: Review) => Promise<void>;
}

export interface ReviewRunReport {
  runKey: string;
  started: string[];
  existing: string[];
  failed: { workload: string; message: string }[];
}

/**
 * One scheduled review run: a review of every configured workload for the period `dueAt` falls
 * in. A workload already reviewed for that period (or with a review open) is left as it is, so a
 * run repeated by a catch-up or a restart never starts a second review.
 */
export async function runReviewJob(
  deps: ReviewJobDeps,
  trigger: Extract<ReviewTrigger, 'schedule' | 'catch-up'>,
  dueAt: number,
): Promise<ReviewRunReport> {
  const runKey = runKeyFor(dueAt, deps.timezone);
  const report: ReviewRunReport = { runKey, started: [], existing: [], failed: [] };
  recordRun(deps.db, deps.clock.now(), 'start');
  for (const name of deps.reviews.workloadNames()) {
    try {
      const { review, created } = await deps.reviews.start(name, { trigger, runKey });
      (created ? report.started : report.existing).push(name);
      if (deps.post && (created || !review.slack)) await deps.post(review);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      report.failed.push({ workload: name, message });
      deps.logger.error(
        { err: e, workload: name, runKey },
        `The ${runKey} review of ${name} could not start`,
      );
    }
  }
  recordRun(
    deps.db,
    deps.clock.now(),
    report.failed.length === 0 ? 'success' : 'failure',
    report.failed.map((f) => `${f.workload}: ${f.message}`).join('; '),
  );
  deps.logger.info(report, 'Review run done');
  return report;
}

/**
 * At start-up: when the review schedule came due while Pillar was down (the first due time after
 * the last successful run is in the past), run it now, once. The first start-up only records the
 * moment, so installing Pillar does not start a review by itself.
 */
export async function catchUpReview(
  deps: ReviewJobDeps,
): Promise<'first-start' | 'not-due' | ReviewRunReport> {
  const now = deps.clock.now();
  const row = deps.db.select().from(jobRuns).where(eq(jobRuns.name, REVIEW_JOB)).get();
  if (!row) {
    deps.db.insert(jobRuns).values({ name: REVIEW_JOB, lastRunAt: now, lastSuccessAt: now }).run();
    return 'first-start';
  }
  const since = row.lastSuccessAt ?? row.lastRunAt ?? now;
  const due = nextRunAfter(deps.schedule, since, deps.timezone);
  if (due === undefined || due > now) return 'not-due';
  deps.logger.info(
    { due: new Date(due).toISOString() },
    'A scheduled review was missed while Pillar was down; running it now',
  );
  return runReviewJob(deps, 'catch-up', due);
}

function recordRun(db: Db, at: number, phase: 'start' | 'success' | 'failure', error?: string): void {
  const set =
    phase === 'start'
      ? { lastRunAt: at }
      : phase === 'success'
        ? { lastSuccessAt: at, lastError: null }
        : { lastError: error ?? 'failed' };
  db.insert(jobRuns)
    .values({ name: REVIEW_JOB, ...set })
    .onConflictDoUpdate({ target: jobRuns.name, set })
    .run();
}

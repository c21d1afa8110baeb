import type { WebClient } from '@slack/web-api';
import { describeDbError, isStorageFailure } from '../db/errors.js';
import type { FindingsService } from '../findings/service.js';
import type { CycleReport } from '../ingest/poller.js';
import { runIngestCycle } from '../ingest/poller.js';
import { digestStats } from '../jobs/digest.js';
import { prune } from '../jobs/prune.js';
import type { Job } from '../jobs/scheduler.js';
import { createRepeatTracker } from '../log-repeats.js';
import type { ReviewService } from '../review/api.js';
import { type ReviewJobDeps, runReviewJob } from '../review/job.js';
import { digestMessage } from '../slack/blocks/digest.js';
import { recoveryNote } from '../slack/blocks/health.js';
import { runChecksJob } from '../slack/checks-job.js';
import type { Delivery, DeliveryStats } from '../slack/delivery/index.js';
import type { HomePublisher } from '../slack/home.js';
import { postReview, remindOpenReviews } from '../slack/review-posts.js';
import type { CoreParts } from './context.js';
import type { HealthMonitor } from './health.js';

/** What the schedule table runs jobs on: the assembled parts, with Slack when there is one. */
export interface ScheduledParts extends CoreParts {
  findings: FindingsService;
  reviews?: ReviewService;
  slackClient?: WebClient;
  delivery?: Delivery;
  home?: HomePublisher;
  /** The last ingestion cycle's report, written by the ingest job. */
  lastCycle?: CycleReport;
  /** Told how each cycle and delivery pass went; absent in tools that only run jobs. */
  health?: HealthMonitor;
  /** Aborted when the process stops, so long jobs end after the step in flight. */
  stopSignal?: AbortSignal;
}

/** How often `/healthz`'s view is refreshed and a recovery is looked for. */
export const HEALTH_EVERY = '*/10 * * * * *';

/**
 * The one schedule table: every recurring job, its cron expression and the plain async
 * function it runs. A job still running when its next tick comes is skipped, never doubled.
 */
export function jobsFor(p: ScheduledParts): Job[] {
  const { settings, logger, clock, db } = p;
  // Lives as long as the schedule table, so a failure repeating every cycle is summarised.
  const ingestRepeats = createRepeatTracker({ clock });
  const jobs: Job[] = [
    {
      name: 'ingest',
      schedule: settings.schedules.ingest,
      run: async () => {
        let report: CycleReport;
        try {
          report = await runIngestCycle({
            db,
            clock,
            logger,
            settings,
            clients: p.aws,
            incidents: p.incidents,
            repeats: ingestRepeats,
            ...(p.stopSignal ? { signal: p.stopSignal } : {}),
          });
        } catch (err) {
          noteFailure(p, 'ingest', err);
          throw err;
        }
        p.lastCycle = report;
        const storage = report.errors.find((e) => isStorageFailure({ code: e.code }));
        if (storage) p.health?.storageFailed(storage.message);
        else p.health?.storageSucceeded();
        if (report.targets === 0 || report.targetsFailed < report.targets) p.health?.ingestSucceeded();
        else p.health?.ingestFailed(report.errors[0]?.message ?? 'every account and region failed');
        if (report.changedIncidents.length > 0) p.home?.changed();
        logger.info(
          {
            events: report.events,
            groupsRead: report.groupsRead,
            opened: report.opened,
            updated: report.updated,
            reopened: report.reopened,
            errors: report.errors.length,
          },
          'Ingestion cycle done',
        );
      },
    },
    {
      name: 'expire-mutes',
      schedule: '*/30 * * * * *',
      run: async () => {
        const expired = p.incidents.expireMutes();
        if (expired.length > 0) p.home?.changed();
      },
    },
    {
      name: 'prune',
      schedule: settings.schedules.prune,
      run: async () => {
        const r = prune(db, clock.now(), settings.incidents.retentionDays);
        logger.info(r, 'Pruned old data');
      },
    },
  ];
  const checksChannel = settings.slack.alertsChannel;
  jobs.push({
    name: 'checks',
    schedule: settings.schedules.checks,
    run: async () => {
      await runChecksJob({
        settings,
        logger,
        clock,
        db,
        aws: p.aws,
        findings: p.findings,
        ...(checksChannel && p.slackClient
          ? { slack: { client: p.slackClient, channel: checksChannel } }
          : {}),
      });
      p.home?.changed();
    },
  });
  if (p.reviews && settings.review.workloads.length > 0) {
    const deps = reviewJobDeps(p);
    jobs.push({
      name: 'review',
      schedule: settings.schedules.review,
      run: async () => {
        await runReviewJob(deps, 'schedule', clock.now());
      },
    });
    const reviews = p.reviews;
    const client = p.slackClient;
    if (client) {
      jobs.push({
        name: 'review-reminders',
        schedule: settings.schedules.reminders,
        run: async () => {
          await remindOpenReviews(client, reviews, clock.now(), REVIEW_REMINDER_EVERY_MS, logger);
        },
      });
    }
  }
  if (p.delivery) {
    const delivery = p.delivery;
    jobs.push({
      name: 'deliver',
      schedule: '*/2 * * * * *',
      run: async () => {
        let pass: DeliveryStats;
        try {
          pass = await delivery.drain();
        } catch (err) {
          noteFailure(p, 'deliver', err);
          throw err;
        }
        const sent = pass.posts + pass.edits + pass.notes + pass.reminders + pass.recovered;
        if (sent > 0) p.health?.deliverySucceeded();
        else if (pass.errors > 0)
          p.health?.deliveryFailed(`${pass.errors} Slack call(s) failed; /wa status has the reason`);
        await p.home?.flush();
      },
    });
    const channel = settings.slack.alertsChannel;
    if (channel && p.slackClient) {
      const client = p.slackClient;
      jobs.push({
        name: 'digest',
        schedule: settings.schedules.digest,
        run: async () => {
          const to = clock.now();
          const stats = digestStats(db, to - 86_400_000, to);
          const message = digestMessage({ ...stats, timeZone: settings.schedules.timezone });
          await client.chat.postMessage({ channel, ...message, unfurl_links: false });
        },
      });
    }
  }
  if (p.health) {
    const health = p.health;
    let degraded = false;
    jobs.push({
      name: 'health',
      schedule: HEALTH_EVERY,
      run: async () => {
        const report = health.report();
        if (report.status === 'degraded' && !degraded)
          logger.warn({ problems: report.problems }, 'Pillar is degraded');
        degraded = report.status === 'degraded';
        const spell = health.takeRecovery();
        if (!spell) return;
        logger.info({ from: spell.from, to: spell.to, problems: spell.problems }, 'Pillar recovered');
        const channel = settings.slack.alertsChannel;
        if (channel && p.slackClient) {
          const note = recoveryNote({ ...spell, timeZone: settings.schedules.timezone });
          await p.slackClient.chat.postMessage({ channel, ...note, unfurl_links: false });
        }
      },
    });
  }
  return jobs;
}

/** A job that threw: a storage failure counts towards `/healthz`'s database check. */
function noteFailure(p: ScheduledParts, job: string, err: unknown): void {
  if (isStorageFailure(err))
    p.health?.storageFailed(
      describeDbError(err, p.settings.env.PILLAR_DB)?.message ?? (err as Error).message,
    );
  else if (job === 'ingest') p.health?.ingestFailed(err instanceof Error ? err.message : String(err));
}

/** An open review gets a reminder in its thread once a day until its milestone exists. */
export const REVIEW_REMINDER_EVERY_MS = 24 * 3_600_000;

/** What the review job needs from the assembled Pillar: the service, and Slack when there is one. */
export function reviewJobDeps(p: ScheduledParts): ReviewJobDeps {
  const { settings } = p;
  const reviews = p.reviews;
  if (!reviews) throw new Error('reviewJobDeps needs the review service');
  const client = p.slackClient;
  const channel = settings.slack.reviewsChannel ?? settings.slack.alertsChannel;
  return {
    reviews,
    db: p.db,
    clock: p.clock,
    logger: p.logger,
    schedule: settings.schedules.review,
    timezone: settings.schedules.timezone,
    ...(client && channel
      ? {
          post: async (review) => {
            await postReview(client, reviews, review, channel);
          },
        }
      : {}),
  };
}

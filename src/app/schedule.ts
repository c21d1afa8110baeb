import type { WebClient } from '@slack/web-api';
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import type { FindingsService } from '../findings/service.js';
import type { IncidentService } from '../incidents/service.js';
import type { CycleReport } from '../ingest/poller.js';
import { runIngestCycle } from '../ingest/poller.js';
import { digestStats } from '../jobs/digest.js';
import { prune } from '../jobs/prune.js';
import type { Job } from '../jobs/scheduler.js';
import type { Logger } from '../logger.js';
import type { ReviewService } from '../review/api.js';
import { type ReviewJobDeps, runReviewJob } from '../review/job.js';
import { digestMessage } from '../slack/blocks/digest.js';
import { runChecksJob } from '../slack/checks-job.js';
import type { Delivery } from '../slack/delivery.js';
import type { HomePublisher } from '../slack/home.js';
import { postReview, remindOpenReviews } from '../slack/review-posts.js';

/** What the schedule table runs jobs on: the assembled parts, with Slack when there is one. */
export interface ScheduledParts {
  settings: Settings;
  logger: Logger;
  clock: Clock;
  db: Db;
  aws: AwsClients;
  incidents: IncidentService;
  findings: FindingsService;
  reviews?: ReviewService;
  slackClient?: WebClient;
  delivery?: Delivery;
  home?: HomePublisher;
  /** The last ingestion cycle's report, written by the ingest job. */
  lastCycle?: CycleReport;
}

/**
 * The one schedule table: every recurring job, its cron expression and the plain async
 * function it runs. A job still running when its next tick comes is skipped, never doubled.
 */
export function jobsFor(p: ScheduledParts): Job[] {
  const { settings, logger, clock, db } = p;
  const jobs: Job[] = [
    {
      name: 'ingest',
      schedule: settings.schedules.ingest,
      run: async () => {
        const report = await runIngestCycle({
          db,
          clock,
          logger,
          settings,
          clients: p.aws,
          incidents: p.incidents,
        });
        p.lastCycle = report;
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
        await delivery.drain();
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
  return jobs;
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

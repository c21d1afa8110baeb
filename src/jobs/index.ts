import { digestMessage } from '../blocks/digest.js';
import { runChecksJob } from '../findings/job.js';
import { runIngestCycle } from '../logs/poller.js';
import type { Pillar } from '../pillar.js';
import { digestStats } from './digest.js';
import { prune } from './prune.js';
import type { Job } from './scheduler.js';

/**
 * The one schedule table: every recurring job, its cron expression and the plain async
 * function it runs. A job still running when its next tick comes is skipped, never doubled.
 */
export function jobsFor(p: Pillar): Job[] {
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

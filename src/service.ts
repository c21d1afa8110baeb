import { buildContext } from './app.js';
import type { CliIo } from './cli.js';
import { startScheduler } from './jobs/scheduler.js';
import { runIngestCycle } from './logs/poller.js';
import { formatIncidentLine } from './logs/report.js';

/** `pillar start`: ingestion on its schedule until SIGTERM or SIGINT, then a clean stop. */
export async function runService({ io }: { io: CliIo }): Promise<number> {
  const ctx = buildContext({ env: io.env });
  const { logger } = ctx;
  const scheduler = startScheduler(
    [
      {
        name: 'ingest',
        schedule: ctx.settings.schedules.ingest,
        run: async () => {
          const report = await runIngestCycle({
            db: ctx.db,
            clock: ctx.clock,
            logger,
            settings: ctx.settings,
            clients: ctx.aws,
            incidents: ctx.incidents,
          });
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
          for (const id of report.changedIncidents) {
            const incident = ctx.incidents.get(id);
            if (incident) logger.info({ incident: id }, formatIncidentLine(incident));
          }
        },
      },
      {
        name: 'expire-mutes',
        schedule: '* * * * *',
        run: async () => {
          for (const i of ctx.incidents.expireMutes()) logger.info({ incident: i.id }, 'Mute expired');
        },
      },
    ],
    { logger, clock: ctx.clock, timezone: ctx.settings.schedules.timezone },
  );
  logger.info(
    {
      accounts: ctx.settings.accounts.map((a) => `${a.name}:${a.regions.join(',')}`),
      ingest: ctx.settings.schedules.ingest,
    },
    'Pillar started',
  );
  void scheduler.runNow('ingest');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'Stopping: finishing the running jobs');
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await scheduler.stop();
  ctx.close();
  return 0;
}

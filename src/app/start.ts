import { assemblePillar, startPillar } from './assemble.js';
import { buildContext } from './context.js';
import type { CliIo } from './io.js';

/**
 * `pillar start`: the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT with
 * SLACK_SIGNING_SECRET) and the schedule table, until SIGTERM or SIGINT, then a clean stop.
 */
export async function runService({ io }: { io: CliIo }): Promise<number> {
  const ctx = buildContext({ env: io.env });
  const { env } = ctx.settings;
  const slack = env.SLACK_BOT_TOKEN
    ? {
        botToken: env.SLACK_BOT_TOKEN,
        ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
        ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
        ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
      }
    : undefined;
  if (!slack) {
    ctx.logger.warn(
      'SLACK_BOT_TOKEN is not set: Pillar ingests and records incidents but posts nothing to Slack.',
    );
  } else if (!ctx.settings.slack.alertsChannel && ctx.settings.slack.routes.length === 0) {
    ctx.logger.warn(
      'No slack.alertsChannel in the settings: incidents are recorded but not posted; set it in pillar.yml.',
    );
  }
  const pillar = assemblePillar({ ...ctx, close: ctx.close }, slack);
  try {
    await startPillar(pillar, { port: env.PORT });
  } catch (err) {
    ctx.logger.error({ err }, 'Pillar could not start');
    io.stderr.write(`pillar: could not start: ${(err as Error).message}\n`);
    await pillar.stop();
    return 1;
  }
  ctx.logger.info(
    {
      accounts: ctx.settings.accounts.map((a) => `${a.name}:${a.regions.join(',')}`),
      slack: slack ? (slack.appToken ? 'socket mode' : `http on port ${env.PORT}`) : 'off',
    },
    'Pillar started',
  );
  void pillar.scheduler?.runNow('ingest');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      ctx.logger.info({ signal }, 'Stopping: finishing the running jobs');
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await pillar.stop();
  return 0;
}

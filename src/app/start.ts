import { hostname } from 'node:os';
import { systemClock } from '../clock.js';
import { describeDbError } from '../db/errors.js';
import { acquireLease, LEASE_HEARTBEAT_MS, type Lease, pidIsAlive } from '../db/lease.js';
import { ConfigError, isPillarError } from '../errors.js';
import { assemblePillar, type PillarApp, startPillar } from './assemble.js';
import { type AppContext, buildContext } from './context.js';
import type { CliIo } from './io.js';

/** How long a stop may take: the Slack call in flight finishes, the rest stays in the outbox. */
export const STOP_GRACE_MS = 10_000;

export interface ServiceOptions {
  io: CliIo;
  /** Resolves when the service should stop (tests); SIGTERM and SIGINT otherwise. */
  stopSignal?: Promise<string>;
}

/**
 * `pillar start`: the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT with
 * SLACK_SIGNING_SECRET) and the schedule table, until SIGTERM or SIGINT. Exit codes: 0 after a
 * stop, 2 for what only a person can fix (settings, a refused token, a database in use or
 * damaged), each said in one line with the fix. Slack or AWS being down is never a reason to exit.
 */
export async function runService({ io, stopSignal }: ServiceOptions): Promise<number> {
  const fail = (message: string, code = 2) => {
    io.stderr.write(`pillar: ${message}\n`);
    return code;
  };
  let ctx: AppContext;
  try {
    ctx = buildContext({ env: io.env });
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    if (isPillarError(err)) return fail(err.message);
    throw err;
  }
  const { env } = ctx.settings;
  let lease: Lease;
  try {
    lease = acquireLease({
      db: ctx.db,
      clock: systemClock,
      pid: process.pid,
      host: hostname(),
      isAlive: pidIsAlive,
    });
  } catch (err) {
    ctx.close();
    if (isPillarError(err)) return fail(err.message);
    throw err;
  }
  if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    lease.release();
    ctx.close();
    return fail(
      'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode): set one of them from the app’s Basic Information page.',
    );
  }
  const slack = env.SLACK_BOT_TOKEN
    ? {
        botToken: env.SLACK_BOT_TOKEN,
        ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
        ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
        ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
        owner: lease.owner,
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
  // A rejection nobody awaited (a library's background reconnect) is logged; the service goes on.
  const onRejection = (reason: unknown) => ctx.logger.error({ err: reason }, 'Unhandled rejection (ignored)');
  process.on('unhandledRejection', onRejection);
  let lost: (why: string) => void = () => undefined;
  const leaseLost = new Promise<string>((resolve) => {
    lost = resolve;
  });
  const heartbeat = setInterval(() => {
    try {
      if (!lease.heartbeat()) lost('Another Pillar took over this database; this one stops writing to it.');
    } catch (err) {
      pillar.health.storageFailed(describeDbError(err, env.PILLAR_DB)?.message ?? (err as Error).message);
    }
  }, LEASE_HEARTBEAT_MS);
  heartbeat.unref();
  const httpMode = Boolean(slack && !slack.appToken);
  try {
    await startPillar(pillar, { ...(httpMode || io.env.PORT !== undefined ? { port: env.PORT } : {}) });
  } catch (err) {
    clearInterval(heartbeat);
    process.off('unhandledRejection', onRejection);
    ctx.logger.error({ err }, 'Pillar could not start');
    await pillar.stop().catch(() => undefined);
    lease.release();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      return fail(
        `Port ${env.PORT} is already in use: stop what listens there, or set PORT to another port.`,
      );
    return fail(`could not start: ${e.message}`, 1);
  }
  ctx.logger.info(
    {
      accounts: ctx.settings.accounts.map((a) => `${a.name}:${a.regions.join(',')}`),
      slack: slack ? (slack.appToken ? 'socket mode' : `http on port ${env.PORT}`) : 'off',
    },
    'Pillar started',
  );
  void pillar.scheduler?.runNow('ingest');
  const outcome = await Promise.race([
    (stopSignal ?? signals()).then((signal) => ({ signal })),
    pillar.fatal.then((advice) => ({ advice })),
    leaseLost.then((advice) => ({ advice })),
  ]);
  if ('signal' in outcome)
    ctx.logger.info({ signal: outcome.signal }, 'Stopping: finishing the call in flight');
  await stopWithin(pillar, STOP_GRACE_MS, ctx);
  clearInterval(heartbeat);
  process.off('unhandledRejection', onRejection);
  lease.release();
  ctx.close();
  if ('advice' in outcome) return fail(outcome.advice);
  return 0;
}

function signals(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

/** Stops the jobs and Slack; what is left undone stays in the outbox for the next start. */
async function stopWithin(pillar: PillarApp, ms: number, ctx: AppContext): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const result = await Promise.race([pillar.stop({ keepParts: true }).then(() => 'done' as const), late]);
  clearTimeout(timer);
  if (result === 'late') ctx.logger.warn(`Stopping took over ${ms / 1000} s; leaving the rest to the outbox`);
}

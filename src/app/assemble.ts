import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../clock.js';
import { describeDbError } from '../db/errors.js';
import { createFindingsService } from '../findings/service.js';
import { msBetweenRuns } from '../jobs/cron.js';
import { type Scheduler, startScheduler } from '../jobs/scheduler.js';
import type { ReviewService } from '../review/api.js';
import { catchUpReview } from '../review/job.js';
import { createReviewService } from '../review/service.js';
import { createBotClient, createSlackApp, type SlackApp, type SlackConnectionOptions } from '../slack/app.js';
import { createDelivery, type DeliveryDeps, type DeliverySettings } from '../slack/delivery/index.js';
import { readHealth } from '../slack/health.js';
import { createHomePublisher } from '../slack/home.js';
import { createPermissions } from '../slack/permissions.js';
import type { CoreParts } from './context.js';
import { HealthMonitor } from './health.js';
import { jobsFor, reviewJobDeps, type ScheduledParts } from './schedule.js';

/** The running product: what `pillar start`, the demo and the end-to-end tests build. */
export interface PillarApp extends ScheduledParts {
  /** The start-up catch-up of a missed review run, while it runs (tests await it). */
  reviewCatchUp?: Promise<unknown>;
  slack?: SlackApp;
  scheduler?: Scheduler;
  server?: Server;
  /** What `/healthz` reports; the jobs and the Slack connection feed it. */
  health: HealthMonitor;
  /** Resolves with the advice when something only a person can fix happened (a refused token). */
  fatal: Promise<string>;
  /** Aborted by `stop()`: long jobs end after the step in flight. */
  stopSignal: AbortSignal;
  /** Stops jobs, Slack and the endpoints; `keepParts` leaves the database open for the caller. */
  stop(options?: { keepParts?: boolean }): Promise<void>;
}

export interface PillarParts extends CoreParts {
  /** The review workflow; built from the parts when not given (tests give a stand-in). */
  reviews?: ReviewService;
  /** Closes what the parts own (database, AWS clients). */
  close?: () => void;
}

export interface SlackOptions extends SlackConnectionOptions {
  delivery?: Partial<DeliverySettings>;
  /** Test hooks of the delivery (crash-safety tests). */
  deliveryHooks?: DeliveryDeps['hooks'];
  /** The database lease holder, stamped on outbox rows. */
  owner?: string;
}

/** Wires the Slack app, delivery and App Home onto the core parts. */
export function assemblePillar(parts: PillarParts, slack?: SlackOptions): PillarApp {
  const { settings, logger, clock, db } = parts;
  const findings = createFindingsService({ db, clock, settings });
  // Settings suppressions are synced at start; doing it again changes nothing.
  findings.syncSettings();
  const reviews = parts.reviews ?? createReviewService({ settings, db, clock, logger, aws: parts.aws });
  let fail: (advice: string) => void = () => undefined;
  const fatal = new Promise<string>((resolve) => {
    fail = resolve;
  });
  const health = new HealthMonitor(clock, {
    ingestIntervalMs: msBetweenRuns(settings.schedules.ingest, clock.now(), settings.schedules.timezone),
    ingestion: true,
  });
  const stopping = new AbortController();
  const p: PillarApp = {
    ...parts,
    findings,
    reviews,
    health,
    fatal,
    stopSignal: stopping.signal,
    async stop(options = {}) {
      // The pass in flight ends after its Slack call; what is left stays in the outbox.
      stopping.abort();
      p.delivery?.stop();
      await p.scheduler?.stop();
      await p.slack?.stop().catch(() => undefined);
      if (p.server) {
        const server = p.server;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }
      if (!options.keepParts) parts.close?.();
    },
  };
  if (!slack) return p;
  const { delivery: deliverySettings, deliveryHooks, owner, ...connection } = slack;
  const client = createBotClient(slack.botToken, slack.apiUrl, logger);
  const permissions = createPermissions({ settings, slack: client, clock, logger });
  const delivery = createDelivery({
    db,
    clock,
    logger,
    slack: client,
    incidents: parts.incidents,
    findings,
    settings,
    ...(deliverySettings ? { delivery: deliverySettings } : {}),
    ...(deliveryHooks ? { hooks: deliveryHooks } : {}),
    ...(owner ? { owner } : {}),
  });
  const home = createHomePublisher({
    db,
    incidents: parts.incidents,
    findings,
    slack: client,
    clock,
    logger,
    timeZone: settings.schedules.timezone,
    ...(settings.review.workloads.length > 0
      ? { reviews: { service: reviews, schedule: settings.schedules.review } }
      : {}),
  });
  const app = createSlackApp({
    services: {
      db,
      clock,
      logger,
      settings,
      incidents: parts.incidents,
      findings,
      permissions,
      delivery,
      home,
      reviews,
    },
    logger,
    clock,
    signatureClock: systemClock,
    client,
    ...connection,
    onConnection: (part, up, reason) => {
      if (part === 'socket') health.socketState(up, reason);
      else if (up) health.deliverySucceeded();
      else health.deliveryFailed(`Slack is not reachable: ${reason ?? 'no answer'}`);
    },
    onFatal: (advice) => {
      logger.fatal(advice);
      fail(advice);
    },
  });
  p.slack = app;
  p.slackClient = client;
  p.delivery = delivery;
  p.home = home;
  return p;
}

/**
 * Starts the HTTP endpoints on `port` (`/healthz`, and `/slack/events` in HTTP mode), the Slack
 * app (which reaches Slack in the background), and the schedule table. Socket Mode without a
 * port serves no HTTP.
 */
export async function startPillar(
  p: PillarApp,
  options: { port?: number; schedule?: boolean } = {},
): Promise<void> {
  const httpMode = p.slack !== undefined && !p.slack.socketMode;
  if (options.port !== undefined || httpMode) p.server = await listen(p, options.port ?? 3000);
  p.slack?.start();
  if (options.schedule !== false) {
    p.scheduler = startScheduler(jobsFor(p), {
      logger: p.logger,
      clock: p.clock,
      timezone: p.settings.schedules.timezone,
    });
    // A twice-yearly review missed while Pillar was down starts now (in the background).
    if (p.reviews && p.settings.review.workloads.length > 0) {
      p.reviewCatchUp = catchUpReview(reviewJobDeps(p)).catch((err: unknown) => {
        p.logger.error({ err }, 'The review catch-up failed');
        return 'not-due' as const;
      });
    }
  }
}

/** The process's HTTP endpoints; anything else is answered at once with 404. */
function listen(p: PillarApp, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const report = p.health.report();
      let accounts: unknown[] = [];
      try {
        accounts = readHealth(p.db).targets.map((t) => ({
          account: t.account,
          region: t.region,
          lastSuccessAt: t.lastSuccessAt,
          lastError: t.lastErrorMessage,
        }));
      } catch (err) {
        const described = describeDbError(err, p.settings.env.PILLAR_DB);
        report.status = 'degraded';
        report.problems.push(described?.message ?? `The database cannot be read: ${(err as Error).message}`);
      }
      res.writeHead(report.status === 'ok' ? 200 : 503, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ...report, accounts }));
      return;
    }
    if (path === '/slack/events' && p.slack && !p.slack.socketMode) {
      void p.slack.handle(req, res);
      return;
    }
    req.resume();
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      p.logger.debug({ port: (server.address() as AddressInfo).port }, 'HTTP endpoints listening');
      resolve(server);
    });
  });
}

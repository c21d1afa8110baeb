import type { Server } from 'node:http';
import type { WebClient } from '@slack/web-api';
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import { createFindingsService, type FindingsService } from '../findings/service.js';
import type { IncidentService } from '../incidents/service.js';
import type { CycleReport } from '../ingest/poller.js';
import { type Scheduler, startScheduler } from '../jobs/scheduler.js';
import type { Logger } from '../logger.js';
import type { ReviewService } from '../review/api.js';
import { catchUpReview } from '../review/job.js';
import { createReviewService } from '../review/service.js';
import { createSlackApp, type SlackApp } from '../slack/app.js';
import {
  createDelivery,
  type Delivery,
  type DeliveryDeps,
  type DeliverySettings,
} from '../slack/delivery.js';
import { readHealth } from '../slack/health.js';
import { createHomePublisher, type HomePublisher } from '../slack/home.js';
import { createPermissions } from '../slack/permissions.js';
import { jobsFor, reviewJobDeps } from './schedule.js';

/** The running product: what `pillar start`, the demo and the end-to-end tests build. */
export interface PillarApp {
  settings: Settings;
  logger: Logger;
  clock: Clock;
  db: Db;
  aws: AwsClients;
  incidents: IncidentService;
  findings: FindingsService;
  /** The Well-Architected review workflow (built with `createReviewService`); Slack handlers read it here. */
  reviews?: ReviewService;
  /** The start-up catch-up of a missed review run, while it runs (tests await it). */
  reviewCatchUp?: Promise<unknown>;
  slack?: SlackApp;
  slackClient?: WebClient;
  delivery?: Delivery;
  home?: HomePublisher;
  lastCycle?: CycleReport;
  scheduler?: Scheduler;
  server?: Server;
  stop(): Promise<void>;
}

export interface PillarParts {
  settings: Settings;
  logger: Logger;
  clock: Clock;
  db: Db;
  aws: AwsClients;
  incidents: IncidentService;
  /** Closes what the parts own (database, AWS clients). */
  close?: () => void;
}

export interface SlackOptions {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  botId?: string;
  botUserId?: string;
  processBeforeResponse?: boolean;
  delivery?: Partial<DeliverySettings>;
  /** Test hooks of the delivery (crash-safety tests). */
  deliveryHooks?: DeliveryDeps['hooks'];
}

/** Wires the Slack app, delivery and App Home onto the core parts. */
export function assemblePillar(parts: PillarParts, slack?: SlackOptions): PillarApp {
  const findings = createFindingsService({ db: parts.db, clock: parts.clock, settings: parts.settings });
  // Settings suppressions are synced at start; doing it again changes nothing.
  findings.syncSettings();
  const p: PillarApp = {
    ...parts,
    findings,
    reviews: createReviewService({
      settings: parts.settings,
      db: parts.db,
      clock: parts.clock,
      logger: parts.logger,
      aws: parts.aws,
    }),
    async stop() {
      await p.scheduler?.stop();
      await p.slack?.stop().catch(() => undefined);
      parts.close?.();
    },
  };
  if (!slack) return p;
  // Services are filled in once the app's client exists; handlers only run after start.
  const services = {
    db: parts.db,
    clock: parts.clock,
    logger: parts.logger,
    settings: parts.settings,
    incidents: parts.incidents,
    findings,
  } as Parameters<typeof createSlackApp>[0]['services'];
  // Read through the Pillar object, so a review service set on it at any time reaches the handlers.
  Object.defineProperty(services, 'reviews', { get: () => p.reviews, enumerable: true });
  const app = createSlackApp({
    services,
    logger: parts.logger,
    botToken: slack.botToken,
    ...(slack.signingSecret ? { signingSecret: slack.signingSecret } : {}),
    ...(slack.appToken ? { appToken: slack.appToken } : {}),
    ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
    ...(slack.botId ? { botId: slack.botId } : {}),
    ...(slack.botUserId ? { botUserId: slack.botUserId } : {}),
    ...(slack.processBeforeResponse ? { processBeforeResponse: true } : {}),
    health: () => {
      const h = readHealth(parts.db);
      return {
        accounts: h.targets.map((t) => ({
          account: t.account,
          region: t.region,
          lastSuccessAt: t.lastSuccessAt,
          lastError: t.lastErrorMessage,
        })),
      };
    },
  });
  const client = app.app.client;
  services.permissions = createPermissions({
    settings: parts.settings,
    slack: client,
    clock: parts.clock,
    logger: parts.logger,
  });
  services.delivery = createDelivery({
    db: parts.db,
    clock: parts.clock,
    logger: parts.logger,
    slack: client,
    incidents: parts.incidents,
    findings,
    settings: parts.settings,
    ...(slack.delivery ? { delivery: slack.delivery } : {}),
    ...(slack.deliveryHooks ? { hooks: slack.deliveryHooks } : {}),
  });
  services.home = createHomePublisher({
    db: parts.db,
    incidents: parts.incidents,
    findings,
    slack: client,
    clock: parts.clock,
    logger: parts.logger,
    timeZone: parts.settings.schedules.timezone,
    ...(p.reviews && parts.settings.review.workloads.length > 0
      ? { reviews: { service: p.reviews, schedule: parts.settings.schedules.review } }
      : {}),
  });
  p.slack = app;
  p.slackClient = client;
  p.delivery = services.delivery;
  p.home = services.home;
  return p;
}

/** Starts the Slack app (HTTP on `port`, or Socket Mode) and the schedule table. */
export async function startPillar(
  p: PillarApp,
  options: { port?: number; schedule?: boolean } = {},
): Promise<void> {
  if (p.slack) p.server = await p.slack.start(options.port);
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

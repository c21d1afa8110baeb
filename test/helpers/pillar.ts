import type { AddressInfo } from 'node:net';
import { type SimAws, startSimAws } from '../../sim/aws/index.js';
import { type SlackStandIn, startSlackStandIn } from '../../sim/slack/index.js';
import { assemblePillar, type PillarApp, startPillar } from '../../src/app/assemble.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig, type Settings } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { createIncidentService } from '../../src/incidents/service.js';
import { runIngestCycle } from '../../src/ingest/poller.js';
import { type Logger, silentLogger } from '../../src/logger.js';
import type { ReviewService } from '../../src/review/api.js';
import type { DeliveryDeps } from '../../src/slack/delivery/index.js';
import { FakeClock } from './clock.js';
import { testDb } from './db.js';
import { addFunction, invoke, PROD } from './ingest.js';

export const SECRET = 'pillar-test-signing-secret-0123456789';
export const ALICE = 'U0SIMALICE';
export const BOB = 'U0SIMBOB01';
export const CAROL = 'U0SIMCAROL';
export const ALERTS = 'C0ALERTS01';
export const OPS = 'C0OPS00001';

export interface PillarHarness {
  clock: FakeClock;
  sim: SimAws;
  slack: SlackStandIn;
  db: Db;
  pillar: PillarApp;
  settings: Settings;
  ingest: () => ReturnType<typeof runIngestCycle>;
  drain: () => ReturnType<NonNullable<PillarApp['delivery']>['drain']>;
  /** Stops Pillar only (the stand-ins and database stay), as a process dying would. */
  restart: (hooks?: DeliveryDeps['hooks']) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The whole product over HTTP: the real Bolt app (HTTP mode, signed requests), the real AWS
 * SDK clients, the simulated account and the Slack stand-in, on one fake clock.
 */
export async function pillarHarness(
  options: {
    settings?: (s: Settings) => Settings;
    hooks?: DeliveryDeps['hooks'];
    db?: Db;
    rateLimit?: false;
    /** Start the schedule table too (and the start-up review catch-up); default off. */
    schedule?: boolean;
    /** A review service standing in for the real one. */
    reviews?: ReviewService;
    /** Where Pillar logs (silent by default). */
    logger?: Logger;
  } = {},
): Promise<PillarHarness> {
  const clock = new FakeClock(Date.now());
  const sim = await startSimAws({ clock });
  const slack = await startSlackStandIn({
    signingSecret: SECRET,
    clock,
    ...(options.rateLimit === false ? { rateLimit: false } : {}),
  });
  const db = options.db ?? testDb();
  const base = loadConfig({}, { readFile: () => '' });
  let settings: Settings = {
    ...base,
    slack: { ...base.slack, alertsChannel: ALERTS },
    accounts: [{ name: 'prod', regions: ['us-east-1'] }],
  };
  if (options.settings) settings = options.settings(settings);
  const logger = options.logger ?? silentLogger();
  const aws = createAwsClients({
    accounts: settings.accounts,
    endpoint: sim.url,
    credentials: sim.credentials(PROD),
    maxAttempts: 1,
  });

  async function boot(hooks?: DeliveryDeps['hooks']): Promise<PillarApp> {
    const incidents = createIncidentService({ db, clock, logger });
    const p = assemblePillar(
      {
        settings,
        logger,
        clock,
        db,
        aws,
        incidents,
        ...(options.reviews ? { reviews: options.reviews } : {}),
      },
      {
        botToken: slack.botToken,
        signingSecret: SECRET,
        apiUrl: slack.apiUrl,
        processBeforeResponse: true,
        ...(hooks ? { deliveryHooks: hooks } : {}),
      },
    );
    await startPillar(p, { port: 0, schedule: options.schedule === true });
    const port = (p.server!.address() as AddressInfo).port;
    slack.setAppUrl(`http://127.0.0.1:${port}/slack/events`);
    return p;
  }

  const h: PillarHarness = {
    clock,
    sim,
    slack,
    db,
    settings,
    pillar: await boot(options.hooks),
    ingest: () =>
      runIngestCycle({ db, clock, logger, settings, clients: aws, incidents: h.pillar.incidents }),
    drain: () => h.pillar.delivery!.drain(),
    async restart(hooks) {
      await h.pillar.scheduler?.stop();
      await h.pillar.slack?.stop();
      h.pillar = await boot(hooks);
    },
    async close() {
      await h.pillar.scheduler?.stop();
      await h.pillar.slack?.stop().catch(() => undefined);
      aws.destroy();
      await slack.close();
      await sim.close();
    },
  };
  return h;
}

const ordersApi = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;

/** One `orders-api` exception, ingested and posted: the alert's message in the alerts channel. */
export async function oneIncident(harness: PillarHarness) {
  addFunction(harness.sim, ordersApi);
  invoke(harness.sim, ordersApi, harness.clock.now() - 30_000, { outcome: 'uncaught_exception' });
  await harness.ingest();
  await harness.drain();
  return harness.slack.workspace.topLevel(ALERTS)[0]!;
}

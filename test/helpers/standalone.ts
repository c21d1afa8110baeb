import type { AddressInfo } from 'node:net';
import { type SimAws, startSimAws } from '../../sim/aws/index.js';
import type { SlackStandIn } from '../../sim/slack/index.js';
import { assemblePillar, type PillarApp, startPillar } from '../../src/app/assemble.js';
import { type AwsClients, createAwsClients } from '../../src/aws/clients.js';
import { loadConfig, type Settings } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { createIncidentService, type IncidentService } from '../../src/incidents/service.js';
import { type Logger, silentLogger } from '../../src/logger.js';
import { FakeClock } from './clock.js';
import { testDb } from './db.js';
import { PROD } from './ingest.js';

export const ALERTS = 'C0ALERTS01';

export interface Standalone {
  clock: FakeClock;
  sim: SimAws;
  pillar: PillarApp;
  settings: Settings;
  db: Db;
  aws: AwsClients;
  incidents: IncidentService;
  logger: Logger;
  /** `GET /healthz` on Pillar's port. */
  health(): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Pillar assembled and started against a Slack stand-in the test made (and may have broken on
 * purpose), in Socket Mode or HTTP mode, with a simulated AWS account and an in-memory database.
 */
export async function startStandalone(
  slack: SlackStandIn,
  mode: { socket: true } | { socket: false; signingSecret: string },
): Promise<Standalone> {
  const clock = new FakeClock(Date.now());
  const sim = await startSimAws({ clock });
  const base = loadConfig({}, { readFile: () => '' });
  const settings: Settings = {
    ...base,
    slack: { ...base.slack, alertsChannel: ALERTS },
    accounts: [{ name: 'prod', regions: ['us-east-1'] }],
  };
  const logger = silentLogger();
  const db = testDb();
  const aws = createAwsClients({
    accounts: settings.accounts,
    endpoint: sim.url,
    credentials: sim.credentials(PROD),
    maxAttempts: 1,
  });
  const incidents = createIncidentService({ db, clock, logger });
  const pillar = assemblePillar(
    { settings, logger, clock, db, aws, incidents, close: () => aws.destroy() },
    mode.socket
      ? { botToken: slack.botToken, appToken: slack.appToken, apiUrl: slack.apiUrl }
      : {
          botToken: slack.botToken,
          signingSecret: mode.signingSecret,
          apiUrl: slack.apiUrl,
          processBeforeResponse: true,
        },
  );
  await startPillar(pillar, { port: 0, schedule: false });
  const port = (pillar.server!.address() as AddressInfo).port;
  if (!mode.socket) slack.setAppUrl(`http://127.0.0.1:${port}/slack/events`);
  return {
    clock,
    sim,
    pillar,
    settings,
    db,
    aws,
    incidents,
    logger,
    health: () => fetch(`http://127.0.0.1:${port}/healthz`),
    async close() {
      await pillar.stop();
      await sim.close();
    },
  };
}

/** Polls until `ok()` holds (real time). */
export async function until(ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type SimAws, startSimAws } from '../../sim/aws/index.js';
import { type SlackStandIn, startSlackStandIn } from '../../sim/slack/index.js';
import { assemblePillar, type PillarApp, startPillar } from '../../src/app/assemble.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig } from '../../src/config.js';
import { createIncidentService } from '../../src/incidents/service.js';
import { runIngestCycle } from '../../src/ingest/poller.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock } from '../helpers/clock.js';
import { testDb } from '../helpers/db.js';
import { addFunction, invoke, PROD } from '../helpers/ingest.js';

/** HTTP mode with Slack down when Pillar starts: it starts anyway, ingests, queues, then delivers once. */
const ALERTS = 'C0ALERTS01';
const ALICE = 'U0SIMALICE';
const SECRET = 'http-outage-signing-secret';
const orders = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;

let slack: SlackStandIn | undefined;
let sim: SimAws | undefined;
let pillar: PillarApp | undefined;

afterEach(async () => {
  await pillar?.stop();
  await slack?.close();
  await sim?.close();
  pillar = undefined;
});

async function until(ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('HTTP mode, Slack down at start-up', () => {
  it('starts, ingests an incident during the outage, and posts it once when Slack returns', async () => {
    const clock = new FakeClock(Date.now());
    sim = await startSimAws({ clock });
    slack = await startSlackStandIn({ signingSecret: SECRET, clock, rateLimit: false });
    const outage = slack.faults.add({ method: '*', error: 'service_unavailable', status: 503 });
    const base = loadConfig({}, { readFile: () => '' });
    const settings = {
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
    pillar = assemblePillar(
      { settings, logger, clock, db, aws, incidents, close: () => aws.destroy() },
      { botToken: slack.botToken, signingSecret: SECRET, apiUrl: slack.apiUrl, processBeforeResponse: true },
    );
    await startPillar(pillar, { port: 0, schedule: false });
    const port = (pillar.server!.address() as AddressInfo).port;
    slack.setAppUrl(`http://127.0.0.1:${port}/slack/events`);

    // Slack refuses everything: the identity keeps retrying, and Pillar keeps working.
    await until(() => slack!.calls.count('auth.test') >= 2, 10_000);
    expect(slack.calls.find('auth.test').every((c) => !c.ok)).toBe(true);
    addFunction(sim, orders);
    invoke(sim, orders, clock.now() - 30_000, { outcome: 'uncaught_exception' });
    const cycle = await runIngestCycle({ db, clock, logger, settings, clients: aws, incidents });
    expect(cycle.opened).toBe(1);
    const during = await pillar.delivery!.drain();
    expect(during.posts).toBe(0);
    expect(during.errors).toBeGreaterThan(0);
    expect(slack.workspace.topLevel(ALERTS)).toHaveLength(0);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([200, 503]).toContain(health.status);

    // Slack is back: the queued alert goes out once, after the outbox's backoff.
    outage.remove();
    clock.advance(60_000);
    const after = await pillar.delivery!.drain();
    expect(after.posts).toBe(1);
    await pillar.delivery!.drain();
    clock.advance(60_000);
    await pillar.delivery!.drain();
    const posted = slack.workspace.topLevel(ALERTS);
    expect(posted).toHaveLength(1);
    expect(slack.calls.find('chat.postMessage').filter((c) => c.ok)).toHaveLength(1);
    await until(() => slack!.calls.find('auth.test').some((c) => c.ok), 20_000);

    // And it answers people again.
    const res = await slack.send.slashCommand({ user: ALICE, channel: ALERTS, text: 'incidents' });
    expect(res.status).toBe(200);
  }, 40_000);
});

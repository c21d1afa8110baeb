import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type SimAws, startSimAws } from '../../sim/aws/index.js';
import { type SlackStandIn, startSlackStandIn } from '../../sim/slack/index.js';
import { assemblePillar, type PillarApp, startPillar } from '../../src/app/assemble.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig } from '../../src/config.js';
import { createIncidentService } from '../../src/incidents/service.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock } from '../helpers/clock.js';
import { testDb } from '../helpers/db.js';
import { PROD } from '../helpers/ingest.js';

/**
 * Socket Mode against a WebSocket stand-in speaking Slack's envelopes (`hello`, `slash_commands`,
 * acks by `envelope_id`, `disconnect` with `refresh_requested`), with the outages Slack has on a
 * bad day: 503s from `apps.connections.open` during a refresh, and Slack down at start-up.
 */
const ALICE = 'U0SIMALICE';
const ALERTS = 'C0ALERTS01';

let slack: SlackStandIn | undefined;
let sim: SimAws | undefined;
let pillar: PillarApp | undefined;

afterEach(async () => {
  await pillar?.stop();
  await slack?.close();
  await sim?.close();
  pillar = undefined;
  slack = undefined;
  sim = undefined;
});

async function boot(): Promise<{ slack: SlackStandIn; pillar: PillarApp; health: () => Promise<Response> }> {
  const clock = new FakeClock(Date.now());
  sim = await startSimAws({ clock });
  slack = await startSlackStandIn({ signingSecret: 'unused-in-socket-mode', rateLimit: false });
  slack.useSocketMode();
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
  pillar = assemblePillar(
    {
      settings,
      logger,
      clock,
      db,
      aws,
      incidents: createIncidentService({ db, clock, logger }),
      close: () => aws.destroy(),
    },
    { botToken: slack.botToken, appToken: slack.appToken, apiUrl: slack.apiUrl },
  );
  await startPillar(pillar, { port: 0, schedule: false });
  const url = `http://127.0.0.1:${(pillar.server!.address() as AddressInfo).port}/healthz`;
  return { slack, pillar, health: () => fetch(url) };
}

async function wa(s: SlackStandIn, text: string) {
  const before = s.workspace.ephemeralFor(ALICE).length;
  const d = await s.send.slashCommand({ user: ALICE, channel: ALERTS, text });
  expect(d.error).toBeUndefined();
  expect(d.status).toBe(200);
  await until(() => s.workspace.ephemeralFor(ALICE).length > before, 5000);
  return s.workspace.ephemeralFor(ALICE).at(-1)!;
}

async function until(ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Socket Mode', () => {
  it('connects, gets hello, acks a slash command envelope by its id and answers it', async () => {
    const { slack: s } = await boot();
    await s.socket.waitForConnections(1);
    expect(s.socket.log.find((m) => m.dir === 'out')?.message).toMatchObject({ type: 'hello' });
    const answer = await wa(s, 'help');
    expect(answer.text + JSON.stringify(answer.blocks ?? [])).toMatch(/\/wa incidents/);
    const envelope = s.socket.log.find((m) => m.dir === 'out' && m.message.type === 'slash_commands')!;
    const ack = s.socket.log.find(
      (m) => m.dir === 'in' && m.message.envelope_id === envelope.message.envelope_id,
    );
    expect(ack).toBeDefined();
  });

  it('reconnects after disconnect(refresh_requested) even when apps.connections.open answers 503 twice', async () => {
    const { slack: s, health } = await boot();
    await s.socket.waitForConnections(1);
    await until(() => s.calls.find('auth.test').some((c) => c.ok), 5000);
    const opened = s.socket.opened;
    const fault = s.faults.add({
      method: 'apps.connections.open',
      error: 'service_unavailable',
      status: 503,
      times: 2,
    });
    s.socket.disconnect('refresh_requested');
    await until(() => s.socket.opened > opened && s.socket.connections === 1, 30_000);
    expect(fault.hits).toBe(2);
    await wa(s, 'help');
    expect((await health()).status).toBe(200);
  }, 45_000);

  it('stays alive with Slack down for the first 20 s: /healthz 503, then 200 and answering', async () => {
    const booted = await bootWithOutage(20_000);
    const during = await booted.health();
    expect(during.status).toBe(503);
    expect(((await during.json()) as { problems: string[] }).problems.join(' ')).toMatch(
      /Socket Mode connection/,
    );
    await until(() => booted.slack.socket.connections === 1, 40_000);
    await until(() => booted.slack.calls.find('auth.test').some((c) => c.ok), 40_000);
    expect((await booted.health()).status).toBe(200);
    await wa(booted.slack, 'help');
  }, 70_000);
});

/** Boots with every Slack call failing (HTTP 503) for `ms`, then Slack comes back. */
async function bootWithOutage(ms: number) {
  const clock = new FakeClock(Date.now());
  sim = await startSimAws({ clock });
  slack = await startSlackStandIn({ signingSecret: 'unused', rateLimit: false });
  slack.useSocketMode();
  const fault = slack.faults.add({ method: '*', error: 'service_unavailable', status: 503 });
  setTimeout(() => fault.remove(), ms);
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
  pillar = assemblePillar(
    {
      settings,
      logger,
      clock,
      db,
      aws,
      incidents: createIncidentService({ db, clock, logger }),
      close: () => aws.destroy(),
    },
    { botToken: slack.botToken, appToken: slack.appToken, apiUrl: slack.apiUrl },
  );
  await startPillar(pillar, { port: 0, schedule: false });
  const url = `http://127.0.0.1:${(pillar.server!.address() as AddressInfo).port}/healthz`;
  return { slack, pillar, health: () => fetch(url) };
}

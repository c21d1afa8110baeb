import { afterEach, describe, expect, it } from 'vitest';
import { type SlackStandIn, startSlackStandIn } from '../../sim/slack/index.js';
import { ALERTS, type Standalone, startStandalone, until } from '../helpers/standalone.js';

/**
 * Socket Mode against a WebSocket stand-in speaking Slack's envelopes (`hello`, `slash_commands`,
 * acks by `envelope_id`, `disconnect` with `refresh_requested`), with the outages Slack has on a
 * bad day: 503s from `apps.connections.open` during a refresh, and Slack down at start-up.
 */
const ALICE = 'U0SIMALICE';

let slack: SlackStandIn | undefined;
let app: Standalone | undefined;

afterEach(async () => {
  await app?.close();
  await slack?.close();
  app = undefined;
  slack = undefined;
});

async function boot(outageMs = 0): Promise<{ slack: SlackStandIn; app: Standalone }> {
  slack = await startSlackStandIn({ signingSecret: 'unused-in-socket-mode', rateLimit: false });
  slack.useSocketMode();
  if (outageMs > 0) {
    // Every call fails with HTTP 503 from before Pillar starts until `outageMs` later.
    const fault = slack.faults.add({ method: '*', error: 'service_unavailable', status: 503 });
    setTimeout(() => fault.remove(), outageMs);
  }
  app = await startStandalone(slack, { socket: true });
  return { slack, app };
}

async function wa(s: SlackStandIn, text: string) {
  const before = s.workspace.ephemeralFor(ALICE).length;
  const d = await s.send.slashCommand({ user: ALICE, channel: ALERTS, text });
  expect(d.error).toBeUndefined();
  expect(d.status).toBe(200);
  await until(() => s.workspace.ephemeralFor(ALICE).length > before, 5000);
  return s.workspace.ephemeralFor(ALICE).at(-1)!;
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
    const { slack: s, app: a } = await boot();
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
    expect((await a.health()).status).toBe(200);
  }, 45_000);

  it('stays alive with Slack down for the first 20 s: /healthz 503, then 200 and answering', async () => {
    const { slack: s, app: a } = await boot(20_000);
    const during = await a.health();
    expect(during.status).toBe(503);
    expect(((await during.json()) as { problems: string[] }).problems.join(' ')).toMatch(
      /Socket Mode connection/,
    );
    await until(() => s.socket.connections === 1, 40_000);
    await until(() => s.calls.find('auth.test').some((c) => c.ok), 40_000);
    expect((await a.health()).status).toBe(200);
    await wa(s, 'help');
  }, 70_000);
});

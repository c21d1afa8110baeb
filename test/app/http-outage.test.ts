import { afterEach, describe, expect, it } from 'vitest';
import { type SlackStandIn, startSlackStandIn } from '../../sim/slack/index.js';
import { runIngestCycle } from '../../src/ingest/poller.js';
import { addFunction, invoke } from '../helpers/ingest.js';
import { ALERTS, type Standalone, startStandalone, until } from '../helpers/standalone.js';

/** HTTP mode with Slack down when Pillar starts: it starts anyway, ingests, queues, then delivers once. */
const ALICE = 'U0SIMALICE';
const SECRET = 'http-outage-signing-secret';
const orders = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;

let slack: SlackStandIn | undefined;
let app: Standalone | undefined;

afterEach(async () => {
  await app?.close();
  await slack?.close();
  app = undefined;
  slack = undefined;
});

describe('HTTP mode, Slack down at start-up', () => {
  it('starts, ingests an incident during the outage, and posts it once when Slack returns', async () => {
    slack = await startSlackStandIn({ signingSecret: SECRET, rateLimit: false });
    const outage = slack.faults.add({ method: '*', error: 'service_unavailable', status: 503 });
    app = await startStandalone(slack, { socket: false, signingSecret: SECRET });
    const { clock, sim, pillar, db, logger, settings, aws, incidents } = app;

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
    expect([200, 503]).toContain((await app.health()).status);

    // Slack is back: the queued alert goes out once, after the outbox's backoff.
    outage.remove();
    clock.advance(60_000);
    expect((await pillar.delivery!.drain()).posts).toBe(1);
    await pillar.delivery!.drain();
    clock.advance(60_000);
    await pillar.delivery!.drain();
    expect(slack.workspace.topLevel(ALERTS)).toHaveLength(1);
    expect(slack.calls.find('chat.postMessage').filter((c) => c.ok)).toHaveLength(1);
    await until(() => slack!.calls.find('auth.test').some((c) => c.ok), 20_000);

    // And it answers people again.
    const res = await slack.send.slashCommand({ user: ALICE, channel: ALERTS, text: 'incidents' });
    expect(res.status).toBe(200);
  }, 40_000);
});

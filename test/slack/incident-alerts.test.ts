import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimMessage } from '../../sim/slack/index.js';
import { incidentMessages } from '../../src/db/schema.js';
import { actions } from '../../src/slack/ids.js';
import { CrashForTest } from '../helpers/crash.js';
import { addFunction, invoke } from '../helpers/ingest.js';
import { ALERTS, ALICE, BOB, OPS, type PillarHarness, pillarHarness } from '../helpers/pillar.js';

let h: PillarHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const orders = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;

function alerts(harness: PillarHarness, channel = ALERTS): SimMessage[] {
  return harness.slack.workspace.topLevel(channel);
}

function actionIds(m: SimMessage): string[] {
  const blocks = (m.blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id?: string }> }>;
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id ?? ''));
}

const textOf = (m: SimMessage) => JSON.stringify(m.blocks ?? []) + m.text;

async function failureToAlert(harness: PillarHarness, options: Parameters<typeof invoke>[3] = {}) {
  addFunction(harness.sim, orders);
  invoke(harness.sim, orders, harness.clock.now() - 30_000, { outcome: 'uncaught_exception', ...options });
  await harness.ingest();
  await harness.drain();
}

describe('incident alerts in Slack, end to end', () => {
  it('turns a failure in the logs into one posted message with its buttons and metadata', async () => {
    h = await pillarHarness();
    await failureToAlert(h);
    const posted = alerts(h);
    expect(posted).toHaveLength(1);
    const m = posted[0]!;
    expect(m.metadata).toMatchObject({ event_type: 'pillar_incident', event_payload: { incident_id: 1 } });
    expect(textOf(m)).toContain('orders-api');
    expect(textOf(m)).toContain('TypeError');
    expect(actionIds(m)).toEqual(
      expect.arrayContaining([
        actions.acknowledge,
        actions.resolve,
        actions.mute,
        actions.assign,
        actions.openLogs,
      ]),
    );
    // A second drain has nothing new to say.
    const again = await h.drain();
    expect(again.posts + again.edits + again.notes).toBe(0);
  });

  it('a signed Acknowledge click changes the incident, edits the message and notes it in the thread', async () => {
    h = await pillarHarness();
    await failureToAlert(h);
    const m = alerts(h)[0]!;
    const res = await h.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.acknowledge },
    });
    expect(res.status).toBe(200);
    const incident = h.pillar.incidents.get(1)!;
    expect(incident.state).toBe('acknowledged');
    expect(incident.acknowledgedBy).toBe(ALICE);
    const edited = h.slack.workspace.message(ALERTS, m.ts)!;
    expect(edited.history.length).toBeGreaterThan(0);
    expect(textOf(edited)).toMatch(/Acknowledged/);
    expect(actionIds(edited)).not.toContain(actions.acknowledge);
    await h.drain();
    const thread = h.slack.workspace.thread(ALERTS, m.ts).filter((r) => r.ts !== m.ts);
    expect(thread.some((r) => r.text.includes(ALICE))).toBe(true);
    expect(h.pillar.incidents.actions(1).map((a) => [a.action, a.actor])).toContainEqual([
      'acknowledged',
      ALICE,
    ]);
  });

  it('answers a forged signature and a stale timestamp with 401 and changes nothing', async () => {
    h = await pillarHarness();
    await failureToAlert(h);
    const m = alerts(h)[0]!;
    const forged = await h.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.resolve },
      sign: { secret: 'not-the-secret' },
    });
    expect(forged.status).toBe(401);
    const stale = await h.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.resolve },
      sign: { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    });
    expect(stale.status).toBe(401);
    const command = await h.slack.send.slashCommand({
      user: ALICE,
      channel: ALERTS,
      text: 'resolve 1',
      sign: { unsigned: true },
    });
    expect(command.status).toBe(401);
    expect(h.pillar.incidents.get(1)?.state).toBe('open');
    expect(h.slack.workspace.message(ALERTS, m.ts)?.history).toHaveLength(0);
  });

  it('refuses a user without permission with an ephemeral explanation, and changes nothing', async () => {
    h = await pillarHarness({
      settings: (s) => ({ ...s, permissions: { ...s.permissions, resolve: ['S0ONCALL01'] } }),
    });
    await failureToAlert(h);
    const m = alerts(h)[0]!;
    await h.slack.send.blockAction({
      user: BOB,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.resolve },
    });
    expect(h.pillar.incidents.get(1)?.state).toBe('open');
    const told = h.slack.workspace.ephemeralFor(BOB, ALERTS);
    expect(told.map((e) => e.text).join(' ')).toMatch(/not allowed to resolve/);
    // Alice is in the on-call user group, so she may.
    await h.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.resolve },
    });
    expect(h.pillar.incidents.get(1)?.state).toBe('resolved');
  });

  it('folds 200 occurrences in a minute into one message, a few edits and a few thread notes', async () => {
    h = await pillarHarness();
    addFunction(h.sim, orders);
    const start = h.clock.now();
    for (let i = 0; i < 200; i++) invoke(h.sim, orders, start + i * 300, { outcome: 'uncaught_exception' });
    // Ingest and deliver every 5 s over the minute the storm lasts, and a minute after.
    for (let t = 0; t < 120_000; t += 5_000) {
      h.clock.advance(5_000);
      await h.ingest();
      await h.drain();
    }
    expect(h.pillar.incidents.get(1)?.occurrences).toBe(200);
    const posts = h.slack.calls.find('chat.postMessage');
    const topLevel = posts.filter((c) => !(c.args as { thread_ts?: string }).thread_ts);
    expect(topLevel).toHaveLength(1);
    const edits = h.slack.calls.count('chat.update');
    expect(edits).toBeGreaterThan(0);
    expect(edits).toBeLessThanOrEqual(13); // at most one per 10 s over two minutes
    expect(posts.length - topLevel.length).toBeLessThanOrEqual(2);
    expect(h.slack.calls.find('chat.postMessage').every((c) => c.ok)).toBe(true);
  });

  it('routes by function name pattern to another channel', async () => {
    h = await pillarHarness({
      settings: (s) => ({ ...s, slack: { ...s.slack, routes: [{ functions: ['orders-*'], channel: OPS }] } }),
    });
    await failureToAlert(h);
    expect(alerts(h, OPS)).toHaveLength(1);
    expect(alerts(h, ALERTS)).toHaveLength(0);
  });

  it('escapes hostile log text and masks secrets before posting', async () => {
    h = await pillarHarness();
    await failureToAlert(h, {
      error: {
        type: 'Error',
        message:
          '<!channel> <@U123> <https://evil.example|click> &lt; key AKIAIOSFODNN7EXAMPLE token xoxb-123456789012-abcdefABCDEF',
      },
    });
    const t = textOf(alerts(h)[0]!);
    expect(t).not.toContain('<!channel>');
    expect(t).not.toContain('<@U123>');
    expect(t).not.toContain('<https://evil.example|click>');
    expect(t).toContain('&lt;!channel&gt;');
    expect(t).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(t).not.toContain('xoxb-123456789012-abcdefABCDEF');
  });
});

describe('delivery crash safety', () => {
  it('a crash between storing the incident and posting it: after restart, exactly one message', async () => {
    h = await pillarHarness({
      hooks: {
        beforePost: () => {
          throw new CrashForTest('killed before chat.postMessage');
        },
      },
    });
    addFunction(h.sim, orders);
    invoke(h.sim, orders, h.clock.now() - 30_000, { outcome: 'uncaught_exception' });
    await h.ingest();
    await expect(h.drain()).rejects.toThrow(CrashForTest);
    expect(alerts(h)).toHaveLength(0);
    await h.restart();
    await h.drain();
    expect(alerts(h)).toHaveLength(1);
  });

  it('a crash after Slack accepted the post but before its ts was stored: recovery finds it, no second post', async () => {
    h = await pillarHarness({
      hooks: {
        afterPost: () => {
          throw new CrashForTest('killed before storing ts');
        },
      },
    });
    addFunction(h.sim, orders);
    invoke(h.sim, orders, h.clock.now() - 30_000, { outcome: 'uncaught_exception' });
    await h.ingest();
    await expect(h.drain()).rejects.toThrow(CrashForTest);
    expect(alerts(h)).toHaveLength(1);
    expect(h.db.select().from(incidentMessages).get()?.ts).toBeNull();
    await h.restart();
    const stats = await h.drain();
    expect(stats.recovered).toBe(1);
    expect(stats.posts).toBe(0);
    expect(alerts(h)).toHaveLength(1);
    expect(h.db.select().from(incidentMessages).where(eq(incidentMessages.incidentId, 1)).get()?.ts).toBe(
      alerts(h)[0]!.ts,
    );
    // And the message is edited in place from then on.
    h.pillar.incidents.acknowledge(1, ALICE);
    h.clock.advance(11_000);
    await h.drain();
    expect(h.slack.calls.count('chat.update')).toBe(1);
  });
});

describe('Slack errors', () => {
  it('shows channel_not_found in /wa status with the fix, and retries later', async () => {
    h = await pillarHarness();
    h.slack.faults.add({ method: 'chat.postMessage', channel: ALERTS, error: 'channel_not_found', times: 1 });
    await failureToAlert(h);
    expect(alerts(h)).toHaveLength(0);
    await h.slack.send.slashCommand({ user: ALICE, channel: ALERTS, text: 'status' });
    const status = h.slack.workspace.ephemeralFor(ALICE).at(-1)!;
    expect(JSON.stringify(status.blocks) + status.text).toMatch(/channel_not_found/);
    h.clock.advance(60_000);
    await h.drain();
    expect(alerts(h)).toHaveLength(1);
  });

  it('honours 429 Retry-After and never leaves a rate limit unhandled', async () => {
    h = await pillarHarness();
    for (let i = 0; i < 8; i++) addFunction(h.sim, { ...orders, name: `fn-${i}` });
    for (let i = 0; i < 8; i++)
      invoke(h.sim, { ...orders, name: `fn-${i}` }, h.clock.now() - 30_000, { outcome: 'timeout' });
    await h.ingest();
    h.slack.faults.add({
      method: 'chat.postMessage',
      channel: ALERTS,
      error: 'ratelimited',
      retryAfter: 3,
      times: 1,
    });
    await h.drain();
    for (let i = 0; i < 10; i++) {
      h.clock.advance(2_000);
      await h.drain();
    }
    expect(alerts(h)).toHaveLength(8);
    const limited = h.slack.calls.find('chat.postMessage').filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
  });
});

describe('routing by tag', () => {
  it('posts to the channel whose route matches the function tags, and reads tags only when a route needs them', async () => {
    h = await pillarHarness({
      settings: (s) => ({
        ...s,
        slack: { ...s.slack, routes: [{ tags: { team: 'payments' }, channel: OPS }] },
      }),
    });
    h.sim.state.addFunction('111122223333', 'us-east-1', {
      name: 'charge-card',
      runtime: 'python3.12',
      logFormat: 'Text',
      tags: { team: 'payments', env: 'prod' },
    });
    h.sim.state.createLogGroup('111122223333', 'us-east-1', '/aws/lambda/charge-card');
    addFunction(h.sim, orders);
    invoke(h.sim, { name: 'charge-card', runtime: 'python3.12', format: 'Text' }, h.clock.now() - 30_000, {
      outcome: 'uncaught_exception',
    });
    invoke(h.sim, orders, h.clock.now() - 30_000, { outcome: 'uncaught_exception' });
    await h.ingest();
    await h.drain();
    expect(
      alerts(h, OPS)
        .map((m) => m.text)
        .join(),
    ).toContain('charge-card');
    expect(
      alerts(h, ALERTS)
        .map((m) => m.text)
        .join(),
    ).toContain('orders-api');
    expect(h.sim.requests.count({ operation: 'ListTags' })).toBe(2);
  });
});

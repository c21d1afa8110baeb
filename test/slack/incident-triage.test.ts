import { afterEach, describe, expect, it } from 'vitest';
import type { SimEphemeral } from '../../sim/slack/index.js';
import { actions, muteModal, views } from '../../src/slack/ids.js';
import { addFunction, invoke } from '../helpers/ingest.js';
import { ALERTS, ALICE, BOB, type PillarHarness, pillarHarness } from '../helpers/pillar.js';

let h: PillarHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const orders = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;
const billing = { name: 'billing-worker', runtime: 'python3.12', format: 'JSON' } as const;

async function twoIncidents(harness: PillarHarness) {
  addFunction(harness.sim, orders);
  addFunction(harness.sim, billing);
  invoke(harness.sim, orders, harness.clock.now() - 30_000, { outcome: 'uncaught_exception' });
  invoke(harness.sim, billing, harness.clock.now() - 30_000, { outcome: 'timeout' });
  await harness.ingest();
  await harness.drain();
}

async function wa(harness: PillarHarness, text: string, user = ALICE): Promise<SimEphemeral> {
  const before = harness.slack.workspace.ephemeralFor(user).length;
  const res = await harness.slack.send.slashCommand({ user, channel: ALERTS, text });
  expect(res.status).toBe(200);
  const all = harness.slack.workspace.ephemeralFor(user);
  expect(all.length).toBeGreaterThan(before);
  return all.at(-1)!;
}

const said = (e: SimEphemeral) => `${e.text} ${JSON.stringify(e.blocks ?? [])}`;

describe('/wa', () => {
  it('help lists the subcommands', async () => {
    h = await pillarHarness();
    const r = said(await wa(h, 'help'));
    for (const sub of ['status', 'incidents', 'ack', 'resolve', 'mute', 'unmute', 'assign'])
      expect(r).toContain(sub);
  });

  it('incidents lists open ones, filtered by function; all includes resolved ones', async () => {
    h = await pillarHarness();
    await twoIncidents(h);
    const open = said(await wa(h, 'incidents'));
    expect(open).toContain('orders-api');
    expect(open).toContain('billing-worker');
    const filtered = said(await wa(h, 'incidents open billing-worker'));
    expect(filtered).toContain('billing-worker');
    expect(filtered).not.toContain('orders-api');
    const ordersId = h.pillar.incidents.list({ functionName: 'orders-api' })[0]!.id;
    await wa(h, `resolve ${ordersId}`);
    expect(said(await wa(h, 'incidents'))).not.toContain('orders-api');
    expect(said(await wa(h, 'incidents all'))).toContain('orders-api');
  });

  it('ack, resolve, reopen, mute, unmute and assign change the incident and its message', async () => {
    h = await pillarHarness();
    await twoIncidents(h);
    expect(said(await wa(h, 'ack 1'))).toMatch(/#1 acknowledged/);
    expect(h.pillar.incidents.get(1)?.state).toBe('acknowledged');
    expect(said(await wa(h, 'ack 1'))).toMatch(/already acknowledged/);
    expect(said(await wa(h, 'assign 1 <@U0SIMBOB01|bob>'))).toMatch(/assigned to/);
    expect(h.pillar.incidents.get(1)?.assignee).toBe(BOB);
    await wa(h, 'mute 2 24h known flaky upstream');
    const muted = h.pillar.incidents.get(2)!;
    expect(muted.state).toBe('muted');
    expect(muted.muteReason).toBe('known flaky upstream');
    expect(muted.mutedUntil).toBe(h.clock.now() + 86_400_000);
    await wa(h, 'unmute 2');
    expect(h.pillar.incidents.get(2)?.state).toBe('open');
    await wa(h, 'resolve 2');
    await wa(h, 'reopen 2');
    expect(h.pillar.incidents.get(2)?.state).toBe('open');
    // Each change edited the incident's message at once.
    expect(h.slack.calls.count('chat.update')).toBeGreaterThanOrEqual(6);
  });

  it('answers mistakes with one clear line and the usage, never a stack trace', async () => {
    h = await pillarHarness();
    await twoIncidents(h);
    const cases: Array<[string, RegExp]> = [
      ['frobnicate', /Unknown subcommand/],
      ['ack 99', /No incident #99/],
      ['ack abc', /not an incident number/],
      ['mute 1 1h', /add a reason/],
      ['reopen 1', /./],
    ];
    for (const [text, expected] of cases) {
      const r = said(await wa(h, text));
      expect(r).toMatch(expected);
      expect(r).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('status shows ingestion health per account and region', async () => {
    h = await pillarHarness();
    await twoIncidents(h);
    const r = said(await wa(h, 'status'));
    expect(r).toContain('prod');
    expect(r).toContain('us-east-1');
  });
});

describe('mute from the message', () => {
  it('the 1 hour choice mutes at once', async () => {
    h = await pillarHarness();
    await twoIncidents(h);
    const m = h.slack.workspace.topLevel(ALERTS)[0]!;
    await h.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.mute, selected: `${1}:1h` },
    });
    const i = h.pillar.incidents.get(1)!;
    expect(i.state).toBe('muted');
    expect(i.mutedUntil).toBe(h.clock.now() + 3_600_000);
  });

  it('"Until a date…" opens the modal; its submission mutes with the reason; a missing reason is refused in the modal', async () => {
    h = await pillarHarness();
    await twoIncidents(h);
    const m = h.slack.workspace.topLevel(ALERTS)[0]!;
    await h.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.mute, selected: '1:custom' },
    });
    const modal = h.slack.workspace.modalStack(ALICE).at(-1);
    expect(modal?.callbackId).toBe(views.mute);
    const empty = await h.slack.send.viewSubmission({
      user: ALICE,
      values: { [muteModal.reasonBlock]: { [muteModal.reasonAction]: '' } },
      skipClientValidation: true,
    });
    expect(JSON.stringify(empty.json)).toMatch(/Say why/);
    expect(h.pillar.incidents.get(1)?.state).toBe('open');
    const until = new Date(h.clock.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await h.slack.send.viewSubmission({
      user: ALICE,
      values: {
        [muteModal.durationBlock]: { [muteModal.durationAction]: 'date' },
        [muteModal.untilBlock]: { [muteModal.untilAction]: until },
        [muteModal.reasonBlock]: { [muteModal.reasonAction]: 'waiting for the vendor fix' },
      },
    });
    const i = h.pillar.incidents.get(1)!;
    expect(i.state).toBe('muted');
    expect(i.muteReason).toBe('waiting for the vendor fix');
    expect(i.mutedUntil).toBe(Date.parse(`${until}T00:00:00Z`));
  });

  it('the Assign picker assigns the chosen person', async () => {
    h = await pillarHarness();
    await twoIncidents(h);
    const m = h.slack.workspace.topLevel(ALERTS)[0]!;
    await h.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.assign, selected: BOB },
    });
    expect(h.pillar.incidents.get(1)?.assignee).toBe(BOB);
  });
});

describe('App Home', () => {
  it('is published on app_home_opened with open incidents and ingestion health', async () => {
    h = await pillarHarness();
    await twoIncidents(h);
    await h.slack.send.appHomeOpened({ user: ALICE });
    const home = h.slack.workspace.home(ALICE);
    const text = JSON.stringify(home?.blocks);
    expect(text).toContain('orders-api');
    expect(text).toContain('billing-worker');
    expect(text).toContain('us-east-1');
  });

  it('is republished, debounced, when incidents change', async () => {
    h = await pillarHarness();
    await twoIncidents(h);
    await h.slack.send.appHomeOpened({ user: ALICE });
    const before = h.slack.calls.count('views.publish');
    h.pillar.incidents.resolve(1, BOB);
    h.pillar.home!.changed();
    h.clock.advance(20_000);
    await h.pillar.home!.flush();
    await h.pillar.home!.flush();
    expect(h.slack.calls.count('views.publish')).toBe(before + 1);
  });
});

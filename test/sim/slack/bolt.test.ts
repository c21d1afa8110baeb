import type { App, BlockButtonAction, BlockStaticSelectAction, SlashCommand } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../../sim/slack/index.js';
import { actions, views } from '../../../src/slack/ids.js';
import type { FakeClock } from '../../helpers/clock.js';
import { ALERTS, ALICE, button, startBoltApp, startTestStandIn, webClient } from './helpers.js';

let slack: SlackStandIn;
let clock: FakeClock;
let stopApp: (() => Promise<void>) | undefined;

beforeEach(async () => {
  ({ slack, clock } = await startTestStandIn());
});

afterEach(async () => {
  await stopApp?.();
  stopApp = undefined;
  await slack.close();
});

async function boltApp(register: (app: App) => void, processBeforeResponse = true): Promise<App> {
  const { app, stop } = await startBoltApp(slack, register, { processBeforeResponse });
  stopApp = stop;
  return app;
}

const muteModal = {
  type: 'modal' as const,
  callback_id: views.mute,
  private_metadata: JSON.stringify({ incidentId: 42 }),
  title: { type: 'plain_text' as const, text: 'Mute incident' },
  submit: { type: 'plain_text' as const, text: 'Mute' },
  blocks: [
    {
      type: 'input',
      block_id: 'mute_reason',
      label: { type: 'plain_text' as const, text: 'Reason' },
      element: { type: 'plain_text_input' as const, action_id: 'mute_reason_input' },
    },
    {
      type: 'input',
      block_id: 'mute_duration',
      label: { type: 'plain_text' as const, text: 'For' },
      element: {
        type: 'static_select' as const,
        action_id: 'mute_duration_select',
        options: [
          { text: { type: 'plain_text' as const, text: '1 hour' }, value: '1h' },
          { text: { type: 'plain_text' as const, text: '1 day' }, value: '24h' },
        ],
        initial_option: { text: { type: 'plain_text' as const, text: '1 hour' }, value: '1h' },
      },
    },
  ],
};

async function postAlert(): Promise<string> {
  const r = await webClient(slack).chat.postMessage({
    channel: ALERTS,
    text: 'checkout-api is failing',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: '*checkout-api* is failing' } },
      {
        type: 'actions',
        block_id: 'incident:42:actions',
        elements: [
          button(actions.acknowledge, 'Acknowledge', '42', 'primary'),
          {
            type: 'static_select',
            action_id: actions.mute,
            placeholder: { type: 'plain_text', text: 'Mute…' },
            options: [
              { text: { type: 'plain_text', text: '1 hour' }, value: '42:1h' },
              { text: { type: 'plain_text', text: 'Custom…' }, value: '42:custom' },
            ],
          },
        ],
      },
    ],
  });
  return r.ts as string;
}

describe('slash commands', () => {
  it('reaches app.command and respond() lands as an ephemeral message for the user', async () => {
    let seen: SlashCommand | undefined;
    await boltApp(
      (app) =>
        app.command('/wa', async ({ ack, command, respond }) => {
          seen = command;
          await ack();
          await respond({ text: `status for ${command.text}` });
        }),
      false,
    );
    const waiting = slack.waitFor((c) => c.type === 'ephemeral_posted');
    const d = await slack.send.slashCommand({ user: ALICE, channel: ALERTS, text: 'status prod' });
    expect(d).toMatchObject({ status: 200, body: '', contentType: 'application/x-www-form-urlencoded' });
    const change = await waiting;
    expect(change).toMatchObject({ type: 'ephemeral_posted', channel: ALERTS, user: ALICE });
    expect(slack.workspace.ephemeralFor(ALICE, ALERTS)).toMatchObject([
      { text: 'status for status prod', via: 'response_url' },
    ]);
    expect(seen).toMatchObject({
      command: '/wa',
      text: 'status prod',
      user_id: ALICE,
      user_name: 'alice',
      channel_id: ALERTS,
      channel_name: 'alerts',
      team_id: 'T0SIMTEAM1',
      team_domain: 'pillar-sim',
      api_app_id: 'A0PILLARAPP',
      is_enterprise_install: 'false',
      response_url: d.responseUrl,
      trigger_id: d.triggerId,
    });
    expect(slack.calls.last('response_url')).toMatchObject({
      ok: true,
      status: 200,
      args: { text: 'status for status prod' },
    });
    // Bolt's constructor verified the token on the stand-in.
    expect(slack.calls.find('auth.test')).toHaveLength(1);
  });

  it('shows an ack body at once: text as ephemeral, in_channel as a message', async () => {
    await boltApp((app) =>
      app.command('/wa', async ({ ack, command }) => {
        if (command.text === 'loud') await ack({ response_type: 'in_channel', text: 'Everyone sees this' });
        else await ack('Only you see this');
      }),
    );
    const quiet = await slack.send.slashCommand({ user: ALICE, channel: ALERTS, text: 'help' });
    expect(quiet.outcome).toBe('ephemeral_posted');
    const loud = await slack.send.slashCommand({ user: ALICE, channel: ALERTS, text: 'loud' });
    expect(loud.outcome).toBe('message_posted');
    expect(slack.workspace.ephemeralFor(ALICE)).toMatchObject([{ text: 'Only you see this', via: 'ack' }]);
    expect(slack.workspace.topLevel(ALERTS)).toMatchObject([{ text: 'Everyone sees this', via: 'ack' }]);
  });

  it('is refused with 401 by Bolt when forged, signed with another secret, stale or unsigned', async () => {
    let calls = 0;
    await boltApp((app) =>
      app.command('/wa', async ({ ack }) => {
        calls++;
        await ack();
      }),
    );
    const nowSec = Math.floor(Date.now() / 1000);
    const forged = await slack.send.slashCommand({
      user: ALICE,
      channel: ALERTS,
      sign: { signature: `v0=${'0'.repeat(64)}` },
    });
    const otherSecret = await slack.send.slashCommand({
      user: ALICE,
      channel: ALERTS,
      sign: { secret: 'not-it' },
    });
    const stale = await slack.send.slashCommand({
      user: ALICE,
      channel: ALERTS,
      sign: { timestamp: nowSec - 5 * 60 - 30 },
    });
    const unsigned = await slack.send.slashCommand({
      user: ALICE,
      channel: ALERTS,
      sign: { unsigned: true },
    });
    for (const d of [forged, otherSecret, stale, unsigned]) expect(d.status).toBe(401);
    expect(calls).toBe(0);
    // Just inside the window still passes.
    const recent = await slack.send.slashCommand({
      user: ALICE,
      channel: ALERTS,
      sign: { timestamp: nowSec - 4 * 60 },
    });
    expect(recent.status).toBe(200);
    expect(calls).toBe(1);
  });
});

describe('block actions', () => {
  it('a button click on a posted message reaches app.action with the stored message', async () => {
    let body: BlockButtonAction | undefined;
    await boltApp((app) =>
      app.action<BlockButtonAction>(actions.acknowledge, async ({ ack, body: b, client }) => {
        await ack();
        body = b;
        await client.chat.update({
          channel: b.channel?.id as string,
          ts: b.message?.ts as string,
          text: 'Acknowledged',
        });
      }),
    );
    const ts = await postAlert();
    const d = await slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: ts,
      action: { actionId: actions.acknowledge },
    });
    expect(d.status).toBe(200);
    expect(body).toMatchObject({
      type: 'block_actions',
      user: { id: ALICE, username: 'alice', team_id: 'T0SIMTEAM1' },
      team: { id: 'T0SIMTEAM1', domain: 'pillar-sim' },
      channel: { id: ALERTS, name: 'alerts' },
      container: { type: 'message', message_ts: ts, channel_id: ALERTS, is_ephemeral: false },
      message: { ts, text: 'checkout-api is failing', bot_id: 'B0PILLARBOT' },
      response_url: d.responseUrl,
      trigger_id: d.triggerId,
      actions: [
        {
          type: 'button',
          action_id: actions.acknowledge,
          block_id: 'incident:42:actions',
          value: '42',
          style: 'primary',
          text: { type: 'plain_text', text: 'Acknowledge' },
        },
      ],
      state: {
        values: {
          'incident:42:actions': { [actions.mute]: { type: 'static_select', selected_option: null } },
        },
      },
    });
    expect(body?.message?.blocks).toHaveLength(2);
    expect(slack.workspace.message(ALERTS, ts)).toMatchObject({
      text: 'Acknowledged',
      history: [{ text: 'checkout-api is failing' }],
    });
  });

  it('a select sends the chosen option; respond({replace_original}) edits the source message', async () => {
    let selected: unknown;
    await boltApp((app) =>
      app.action<BlockStaticSelectAction>(actions.mute, async ({ ack, action, respond }) => {
        await ack();
        selected = action.selected_option;
        await respond({ replace_original: true, text: 'Muted for 1 hour' });
      }),
    );
    const ts = await postAlert();
    await slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: ts,
      action: { actionId: actions.mute, selected: '42:1h' },
    });
    expect(selected).toEqual({ text: { type: 'plain_text', text: '1 hour' }, value: '42:1h' });
    expect(slack.workspace.message(ALERTS, ts)).toMatchObject({
      text: 'Muted for 1 hour',
      edited: { user: 'U0PILLARBOT' },
    });
    await expect(
      slack.send.blockAction({ user: ALICE, channel: ALERTS, messageTs: ts, action: { actionId: 'nope' } }),
    ).rejects.toThrow(/no element with action_id nope/);
  });
});

describe('modals', () => {
  it('a click opens a modal with its trigger_id; the submission reaches app.view and closes it', async () => {
    let submitted: { values: unknown; metadata: string } | undefined;
    await boltApp((app) => {
      app.action(actions.acknowledge, async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: (body as BlockButtonAction).trigger_id, view: muteModal });
      });
      app.view(views.mute, async ({ ack, view }) => {
        submitted = { values: view.state.values, metadata: view.private_metadata };
        await ack();
      });
    });
    const ts = await postAlert();
    await slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: ts,
      action: { actionId: actions.acknowledge },
    });
    const [modal] = slack.workspace.modalStack(ALICE);
    expect(modal).toMatchObject({ callbackId: views.mute, open: true });

    const d = await slack.send.viewSubmission({
      user: ALICE,
      values: { mute_reason: { mute_reason_input: 'deploy in progress' } },
    });
    expect(d).toMatchObject({ status: 200, outcome: 'view_closed' });
    expect(submitted).toEqual({
      metadata: JSON.stringify({ incidentId: 42 }),
      values: {
        mute_reason: { mute_reason_input: { type: 'plain_text_input', value: 'deploy in progress' } },
        mute_duration: {
          mute_duration_select: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: '1 hour' }, value: '1h' },
          },
        },
      },
    });
    expect(slack.workspace.modalStack(ALICE)).toEqual([]);
  });

  it('keeps the modal open with field errors on response_action errors; refuses expired triggers', async () => {
    await boltApp((app) => {
      app.command('/wa', async ({ ack, command, client }) => {
        await ack();
        if (command.text === 'slow') clock.advance(3500);
        try {
          await client.views.open({ trigger_id: command.trigger_id, view: muteModal });
        } catch {
          // the test checks the recorded refusal
        }
      });
      app.view(views.mute, async ({ ack }) => {
        await ack({ response_action: 'errors', errors: { mute_reason: 'Say why' } });
      });
    });
    await slack.send.slashCommand({ user: ALICE, channel: ALERTS, text: 'slow' });
    expect(slack.calls.last('views.open')).toMatchObject({ ok: false, error: 'expired_trigger_id' });
    await slack.send.slashCommand({ user: ALICE, channel: ALERTS, text: 'mute' });
    const notSent = await slack.send.viewSubmission({ user: ALICE });
    expect(notSent).toMatchObject({ status: 0, clientErrors: { mute_reason: 'This field is required.' } });
    const d = await slack.send.viewSubmission({
      user: ALICE,
      values: { mute_reason: { mute_reason_input: 'x' } },
    });
    expect(d.outcome).toBe('view_errors');
    expect(slack.workspace.modalStack(ALICE)[0]).toMatchObject({
      open: true,
      errors: { mute_reason: 'Say why' },
    });
  });
});

describe('events', () => {
  it('app_home_opened reaches app.event and the Home tab it publishes is stored', async () => {
    let event: Record<string, unknown> | undefined;
    await boltApp((app) =>
      app.event('app_home_opened', async ({ event: e, client }) => {
        event = e as unknown as Record<string, unknown>;
        await client.views.publish({
          user_id: e.user,
          view: {
            type: 'home',
            blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Open incidents: 0' } }],
          },
        });
      }),
    );
    const first = await slack.send.appHomeOpened({ user: ALICE });
    expect(first).toMatchObject({ status: 200, contentType: 'application/json' });
    expect(event).toMatchObject({ type: 'app_home_opened', user: ALICE, tab: 'home' });
    expect(event).not.toHaveProperty('view');
    expect(slack.workspace.home(ALICE)?.blocks).toHaveLength(1);
    await slack.send.appHomeOpened({ user: ALICE });
    expect(event).toMatchObject({ view: { type: 'home', id: slack.workspace.home(ALICE)?.id } });
  });
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackStandIn, verifySlackSignature } from '../../../sim/slack/index.js';
import type { FakeClock } from '../../helpers/clock.js';
import { ALERTS, ALICE, BOB, button, SECRET, startTestStandIn, webClient } from './helpers.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let slack: SlackStandIn;
let clock: FakeClock;
let app: Server;
let received: Received[];
let reply: { status: number; body: string; contentType?: string };

beforeEach(async () => {
  ({ slack, clock } = await startTestStandIn());
  received = [];
  reply = { status: 200, body: '' };
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(reply.status, reply.contentType ? { 'content-type': reply.contentType } : {});
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  slack.setAppUrl(`http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`);
});

afterEach(async () => {
  app.closeAllConnections();
  await new Promise<void>((resolve) => app.close(() => resolve()));
  await slack.close();
});

const payloadOf = (r: Received) => JSON.parse(new URLSearchParams(r.body).get('payload') as string);

describe('what the app receives', () => {
  it('sends forms with the exact Content-Type Bolt needs, signed over the exact bytes', async () => {
    await slack.send.slashCommand({ user: ALICE, channel: ALERTS, text: 'mute 42 1h & more' });
    const [r] = received;
    expect(r?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const check = verifySlackSignature({
      signingSecret: SECRET,
      timestamp: r?.headers['x-slack-request-timestamp'] as string,
      signature: r?.headers['x-slack-signature'] as string,
      rawBody: r?.body as string,
      nowMs: Date.now(),
    });
    expect(check).toBe('ok');
    const fields = Object.fromEntries(new URLSearchParams(r?.body));
    expect(fields).toMatchObject({
      command: '/wa',
      text: 'mute 42 1h & more',
      is_enterprise_install: 'false',
    });
    expect(r?.body).toContain('command=%2Fwa');
    expect(fields.response_url).toMatch(new RegExp(`^${slack.url}/respond/`));
    expect(fields.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
  });

  it('sends events as JSON with the event_callback envelope', async () => {
    await slack.send.appHomeOpened({ user: BOB, tab: 'messages' });
    const [r] = received;
    expect(r?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r?.body as string)).toMatchObject({
      type: 'event_callback',
      team_id: 'T0SIMTEAM1',
      api_app_id: 'A0PILLARAPP',
      event: {
        type: 'app_home_opened',
        user: BOB,
        tab: 'messages',
        channel: slack.workspace.imChannel(BOB).id,
      },
      event_id: 'Ev0SIM000001',
      event_time: clock.now() / 1000,
      authorizations: [{ user_id: 'U0PILLARBOT', is_bot: true, team_id: 'T0SIMTEAM1' }],
    });
  });

  it('builds block_actions from an ephemeral message without the message, marked ephemeral', async () => {
    const e = slack.workspace.postEphemeral({
      channel: ALERTS,
      user: ALICE,
      text: 'incidents',
      blocks: [{ type: 'actions', elements: [button('list_acknowledge', 'Ack', '7')] }],
      via: 'api',
    });
    await slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: e.ts,
      action: { actionId: 'list_acknowledge' },
    });
    const p = payloadOf(received[0] as Received);
    expect(p.container).toEqual({
      type: 'message',
      message_ts: e.ts,
      channel_id: ALERTS,
      is_ephemeral: true,
    });
    expect(p).not.toHaveProperty('message');
    expect(p.actions[0]).toMatchObject({ action_id: 'list_acknowledge', value: '7' });
    await expect(
      slack.send.blockAction({
        user: BOB,
        channel: ALERTS,
        messageTs: e.ts,
        action: { actionId: 'list_acknowledge' },
      }),
    ).rejects.toThrow(/not visible/);
  });

  it('builds block_actions from a Home tab with the view and its state', async () => {
    await webClient(slack).views.publish({
      user_id: ALICE,
      view: {
        type: 'home',
        blocks: [
          {
            type: 'actions',
            block_id: 'home',
            elements: [
              button('home_refresh', 'Refresh'),
              { type: 'users_select', action_id: 'assign', placeholder: { type: 'plain_text', text: 'Who' } },
              { type: 'datepicker', action_id: 'day', initial_date: '2026-11-28' },
            ],
          },
        ],
      },
    });
    const home = slack.workspace.home(ALICE);
    await slack.send.blockAction({
      user: ALICE,
      viewId: home?.id,
      action: { actionId: 'assign', selected: BOB },
    });
    const p = payloadOf(received[0] as Received);
    expect(p.container).toEqual({ type: 'view', view_id: home?.id });
    expect(p).not.toHaveProperty('channel');
    expect(p).not.toHaveProperty('response_url');
    expect(p.actions[0]).toMatchObject({ type: 'users_select', action_id: 'assign', selected_user: BOB });
    expect(p.view.state.values.home).toEqual({
      assign: { type: 'users_select', selected_user: BOB },
      day: { type: 'datepicker', selected_date: '2026-11-28' },
    });
    // The selection sticks: the next interaction carries it.
    await slack.send.blockAction({ user: ALICE, viewId: home?.id, action: { actionId: 'home_refresh' } });
    expect(payloadOf(received[1] as Received).view.state.values.home.assign.selected_user).toBe(BOB);
  });

  it('applies response_action update, push and clear from a submission', async () => {
    const view = (title: string) => ({
      type: 'modal',
      title: { type: 'plain_text', text: title },
      submit: { type: 'plain_text', text: 'Go' },
      blocks: [],
    });
    await webClient(slack).views.open({
      trigger_id: slack.triggers.issue(ALICE),
      view: view('One') as never,
    });
    reply = {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ response_action: 'push', view: view('Two') }),
    };
    expect((await slack.send.viewSubmission({ user: ALICE })).outcome).toBe('view_pushed');
    reply = {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ response_action: 'update', view: view('Three') }),
    };
    expect((await slack.send.viewSubmission({ user: ALICE })).outcome).toBe('view_updated');
    expect(slack.workspace.modalStack(ALICE).map((v) => (v.title as { text: string }).text)).toEqual([
      'One',
      'Three',
    ]);
    reply = { status: 200, body: '' };
    expect((await slack.send.viewSubmission({ user: ALICE })).outcome).toBe('view_closed');
    expect(slack.workspace.modalStack(ALICE)).toHaveLength(1);
    reply = {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ response_action: 'clear' }),
    };
    await webClient(slack).views.push({
      trigger_id: slack.triggers.issue(ALICE),
      view: view('Four') as never,
    });
    expect((await slack.send.viewSubmission({ user: ALICE })).outcome).toBe('views_cleared');
    expect(slack.workspace.modalStack(ALICE)).toEqual([]);
  });

  it('records deliveries and reports an app that does not answer', async () => {
    const deliveries: string[] = [];
    slack.on('delivery', (d) => deliveries.push(d.kind));
    await slack.send.appHomeOpened({ user: ALICE });
    slack.setAppUrl('http://127.0.0.1:9/slack/events');
    const d = await slack.send.slashCommand({ user: ALICE, channel: ALERTS });
    expect(d.status).toBe(0);
    expect(d.error).toMatch(/fetch failed|ECONNREFUSED/);
    expect(deliveries).toEqual(['event_callback', 'slash_command']);
    expect(slack.send.deliveries).toHaveLength(2);
  });
});

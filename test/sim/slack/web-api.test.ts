import { type WebClient, WebClientEvent } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackChange, SlackStandIn } from '../../../sim/slack/index.js';
import type { FakeClock } from '../../helpers/clock.js';
import {
  ALERTS,
  ALICE,
  BOB,
  button,
  GENERAL,
  OPS,
  PRIVATE,
  rejectionOf,
  section,
  startTestStandIn,
  webClient,
} from './helpers.js';

let slack: SlackStandIn;
let clock: FakeClock;
let client: WebClient;

beforeEach(async () => {
  ({ slack, clock } = await startTestStandIn());
  client = webClient(slack);
});

afterEach(async () => {
  await slack.close();
});

describe('auth and dispatch', () => {
  it('answers auth.test with the bot identity', async () => {
    const r = await client.auth.test();
    expect(r).toMatchObject({
      ok: true,
      url: 'https://pillar-sim.slack.com/',
      team: 'Pillar Sim',
      user: 'pillar',
      team_id: 'T0SIMTEAM1',
      user_id: 'U0PILLARBOT',
      bot_id: 'B0PILLARBOT',
    });
  });

  it('refuses a wrong token with invalid_auth and an unknown method with unknown_method', async () => {
    const e = await rejectionOf(webClient(slack, 'xoxb-wrong').auth.test());
    expect(e.code).toBe('slack_webapi_platform_error');
    expect((e.data as { error: string }).error).toBe('invalid_auth');
    const u = await rejectionOf(client.apiCall('chat.teleport', { channel: ALERTS }));
    expect((u.data as { error: string }).error).toBe('unknown_method');
    expect(slack.calls.last()).toMatchObject({ method: 'chat.teleport', ok: false, status: 200 });
  });

  it('records every call with JSON-string arguments decoded and the token left out', async () => {
    await client.chat.postMessage({
      channel: ALERTS,
      text: 'hi',
      blocks: [section('hi')],
      metadata: { event_type: 'pillar_incident', event_payload: { id: 7 } },
    });
    const call = slack.calls.last('chat.postMessage');
    expect(call).toMatchObject({
      kind: 'api',
      ok: true,
      status: 200,
      format: 'form',
      args: {
        channel: ALERTS,
        text: 'hi',
        blocks: [section('hi')],
        metadata: { event_type: 'pillar_incident', event_payload: { id: 7 } },
      },
    });
    expect(call?.args).not.toHaveProperty('token');
    expect(call?.at).toBe(clock.now());
  });

  it('takes JSON bodies and the token as a form field too', async () => {
    const json = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${slack.botToken}`,
      },
      body: JSON.stringify({ channel: ALERTS, text: 'json', blocks: [section('json')] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: ALERTS, message: { text: 'json' } });
    const form = await fetch(`${slack.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${slack.botToken}`,
    });
    expect(await form.json()).toMatchObject({ ok: true, user_id: 'U0PILLARBOT' });
    const none = await fetch(`${slack.apiUrl}auth.test`, { method: 'POST' });
    expect(await none.json()).toEqual({ ok: false, error: 'not_authed' });
  });
});

describe('messages', () => {
  it('posts, with strictly increasing ts, and returns Slack’s shape', async () => {
    const a = await client.chat.postMessage({ channel: ALERTS, text: 'one', unfurl_links: false });
    const b = await client.chat.postMessage({ channel: OPS, text: 'two' });
    const sec = clock.now() / 1000;
    expect(a.ts).toBe(`${sec}.000000`);
    expect(b.ts).toBe(`${sec}.000001`);
    expect(a).toMatchObject({
      ok: true,
      channel: ALERTS,
      message: {
        type: 'message',
        text: 'one',
        user: 'U0PILLARBOT',
        bot_id: 'B0PILLARBOT',
        team: 'T0SIMTEAM1',
      },
    });
    clock.advance(1500);
    const c = await client.chat.postMessage({ channel: '#alerts', text: 'three' });
    expect(c.ts).toBe(`${sec + 1}.500000`);
    expect(c.channel).toBe(ALERTS);
    expect(slack.workspace.message(ALERTS, a.ts as string)).toMatchObject({ unfurlLinks: false, via: 'api' });
  });

  it('fills in block_ids Slack generates and keeps given ones', async () => {
    const r = await client.chat.postMessage({
      channel: ALERTS,
      text: 't',
      blocks: [
        section('a', 'mine'),
        section('b'),
        { type: 'actions', elements: [button('incident_acknowledge', 'Ack', '1')] },
      ],
    });
    const blocks = (r.message?.blocks ?? []) as { block_id: string }[];
    expect(blocks[0]?.block_id).toBe('mine');
    expect(blocks[1]?.block_id).toMatch(/^[A-Za-z0-9]{5}$/);
    expect(blocks[2]?.block_id).not.toBe(blocks[1]?.block_id);
  });

  it('updates a message and keeps its edit history', async () => {
    const { ts } = await client.chat.postMessage({ channel: ALERTS, text: 'v1', blocks: [section('v1')] });
    const u = await client.chat.update({
      channel: ALERTS,
      ts: ts as string,
      text: 'v2',
      blocks: [section('v2')],
    });
    expect(u).toMatchObject({ ok: true, channel: ALERTS, ts, text: 'v2', message: { text: 'v2' } });
    const m = slack.workspace.message(ALERTS, ts as string);
    expect(m?.history).toHaveLength(1);
    expect(m?.history[0]).toMatchObject({ text: 'v1', blocks: [{ text: { text: 'v1' } }] });
    expect(m?.edited?.user).toBe('U0PILLARBOT');
    const missing = await rejectionOf(client.chat.update({ channel: ALERTS, ts: '1.000001', text: 'x' }));
    expect((missing.data as { error: string }).error).toBe('message_not_found');
    const human = slack.workspace.postAsUser(ALICE, ALERTS, 'hello');
    const cant = await rejectionOf(client.chat.update({ channel: ALERTS, ts: human.ts, text: 'x' }));
    expect((cant.data as { error: string }).error).toBe('cant_update_message');
  });

  it('threads replies and shows the thread in history and replies', async () => {
    // Each post to one channel a second apart, as Pillar paces them (and the rate limit wants).
    const parent = await client.chat.postMessage({ channel: ALERTS, text: 'incident' });
    clock.advance(1000);
    const r1 = await client.chat.postMessage({
      channel: ALERTS,
      text: 'detail 1',
      thread_ts: parent.ts as string,
    });
    const human = slack.workspace.postAsUser(BOB, ALERTS, 'looking', parent.ts);
    clock.advance(1000);
    await client.chat.postMessage({ channel: ALERTS, text: 'detail 2', thread_ts: r1.ts as string });
    expect(r1.message).toMatchObject({ thread_ts: parent.ts, parent_user_id: 'U0PILLARBOT' });

    const history = await client.conversations.history({ channel: ALERTS });
    expect(history.messages).toHaveLength(1);
    expect(history.messages?.[0]).toMatchObject({
      ts: parent.ts,
      thread_ts: parent.ts,
      reply_count: 3,
      reply_users_count: 2,
      reply_users: ['U0PILLARBOT', BOB],
    });
    const replies = await client.conversations.replies({ channel: ALERTS, ts: parent.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(['incident', 'detail 1', 'looking', 'detail 2']);
    expect(replies.messages?.[2]?.ts).toBe(human.ts);
    const bad = await rejectionOf(
      client.chat.postMessage({ channel: ALERTS, text: 'x', thread_ts: '1.000002' }),
    );
    expect((bad.data as { error: string }).error).toBe('invalid_thread_ts');
    const noThread = await rejectionOf(client.conversations.replies({ channel: ALERTS, ts: '1.000002' }));
    expect((noThread.data as { error: string }).error).toBe('thread_not_found');
  });

  it('keeps metadata and returns it from history only with include_all_metadata', async () => {
    const metadata = {
      event_type: 'pillar_incident',
      event_payload: { incident_id: 42, fingerprint: 'abc' },
    };
    const posted = await client.chat.postMessage({ channel: ALERTS, text: 'alert', metadata });
    expect(posted.message?.metadata).toEqual(metadata);
    const plain = await client.conversations.history({ channel: ALERTS });
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');
    const withMeta = await client.conversations.history({ channel: ALERTS, include_all_metadata: true });
    expect(withMeta.messages?.[0]?.metadata).toEqual(metadata);
    const bad = await rejectionOf(
      client.apiCall('chat.postMessage', { channel: ALERTS, text: 'x', metadata: { event_payload: {} } }),
    );
    expect((bad.data as { error: string }).error).toBe('invalid_metadata_format');
  });

  it('pages history newest first with limit, cursor, oldest and latest', async () => {
    const ts: string[] = [];
    for (let i = 0; i < 7; i++) {
      clock.advance(1000);
      ts.push((await client.chat.postMessage({ channel: OPS, text: `m${i}` })).ts as string);
    }
    const p1 = await client.conversations.history({ channel: OPS, limit: 3 });
    expect(p1.messages?.map((m) => m.text)).toEqual(['m6', 'm5', 'm4']);
    expect(p1.has_more).toBe(true);
    const cursor = p1.response_metadata?.next_cursor as string;
    expect(Buffer.from(cursor, 'base64').toString()).toBe(`next_ts:${ts[4]}`);
    const p2 = await client.conversations.history({ channel: OPS, limit: 3, cursor });
    expect(p2.messages?.map((m) => m.text)).toEqual(['m3', 'm2', 'm1']);
    const p3 = await client.conversations.history({
      channel: OPS,
      limit: 3,
      cursor: p2.response_metadata?.next_cursor as string,
    });
    expect(p3.messages?.map((m) => m.text)).toEqual(['m0']);
    expect(p3.has_more).toBe(false);

    const range = await client.conversations.history({ channel: OPS, oldest: ts[1], latest: ts[4] });
    expect(range.messages?.map((m) => m.text)).toEqual(['m3', 'm2']);
    const inclusive = await client.conversations.history({
      channel: OPS,
      oldest: ts[1],
      latest: ts[4],
      inclusive: true,
    });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(['m4', 'm3', 'm2', 'm1']);

    const all: string[] = [];
    for await (const page of client.paginate('conversations.history', { channel: OPS, limit: 2 }))
      all.push(...((page as { messages?: { text: string }[] }).messages ?? []).map((m) => m.text));
    expect(all).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
  });

  it('posts ephemeral messages visible to one member', async () => {
    const r = await client.chat.postEphemeral({
      channel: ALERTS,
      user: ALICE,
      text: 'only you',
      blocks: [section('x')],
    });
    expect(r.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(slack.workspace.ephemeralFor(ALICE, ALERTS)).toMatchObject([{ text: 'only you', user: ALICE }]);
    expect(slack.workspace.ephemeralFor(BOB)).toEqual([]);
    slack.workspace.addChannel({ id: 'C0SMALL001', name: 'small', members: [BOB] });
    const notMember = await rejectionOf(
      client.chat.postEphemeral({ channel: 'C0SMALL001', user: ALICE, text: 'x' }),
    );
    expect((notMember.data as { error: string }).error).toBe('user_not_in_channel');
  });

  it('answers permalinks, deletes and messages to a user (their DM)', async () => {
    const p = await client.chat.postMessage({ channel: ALERTS, text: 'x' });
    const link = await client.chat.getPermalink({ channel: ALERTS, message_ts: p.ts as string });
    expect(link.permalink).toBe(
      `https://pillar-sim.slack.com/archives/${ALERTS}/p${(p.ts as string).replace('.', '')}`,
    );
    await client.chat.delete({ channel: ALERTS, ts: p.ts as string });
    expect(slack.workspace.message(ALERTS, p.ts as string)).toBeUndefined();
    const dm = await client.chat.postMessage({ channel: ALICE, text: 'psst' });
    expect(dm.channel).toMatch(/^D/);
    expect(slack.workspace.imChannel(ALICE).id).toBe(dm.channel);
  });

  it('refuses unknown channels, channels the bot is not in, archived channels and empty messages', async () => {
    const errorOf = async (p: Promise<unknown>) => ((await rejectionOf(p)).data as { error: string }).error;
    expect(await errorOf(client.chat.postMessage({ channel: 'C0NOPE0000', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await errorOf(client.chat.postMessage({ channel: GENERAL, text: 'x' }))).toBe('not_in_channel');
    // A private channel the bot is not in does not exist for its token.
    expect(await errorOf(client.chat.postMessage({ channel: PRIVATE, text: 'x' }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.history({ channel: GENERAL }))).toBe('not_in_channel');
    slack.workspace.addChannel({ id: 'C0OLD00001', name: 'old', isArchived: true });
    expect(await errorOf(client.chat.postMessage({ channel: 'C0OLD00001', text: 'x' }))).toBe('is_archived');
    expect(await errorOf(client.apiCall('chat.postMessage', { channel: ALERTS }))).toBe('no_text');
    expect(
      await errorOf(client.apiCall('chat.postMessage', { channel: ALERTS, text: 'x', blocks: '[not json' })),
    ).toBe('invalid_blocks_format');
    const joined = await client.conversations.join({ channel: GENERAL });
    expect(joined.channel).toMatchObject({ id: GENERAL, is_member: true });
    expect((await client.chat.postMessage({ channel: GENERAL, text: 'now' })).ok).toBe(true);
  });

  it('truncates text over 40,000 characters with a warning', async () => {
    const r = await client.chat.postMessage({ channel: ALERTS, text: 'x'.repeat(40_010) });
    expect(r.warning).toBe('message_truncated');
    expect(slack.workspace.message(ALERTS, r.ts as string)?.text).toHaveLength(40_000);
  });
});

describe('Block Kit validation over the wire', () => {
  const cases: { name: string; blocks: unknown[]; error: string; errors?: string[] }[] = [
    {
      name: 'section text over 3000',
      blocks: [section('x'.repeat(3001))],
      error: 'invalid_blocks',
      errors: [
        'failed to match all allowed schemas [json-pointer:/blocks/0/text]',
        'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
      ],
    },
    {
      name: '51 blocks',
      blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })),
      error: 'invalid_blocks',
      errors: ['no more than 50 items allowed [json-pointer:/blocks]'],
    },
    {
      name: 'a danger-ish style',
      blocks: [{ type: 'actions', elements: [button('a', 'Ack', '1', 'warning')] }],
      error: 'invalid_blocks',
      errors: ['must be one of: primary, danger [json-pointer:/blocks/0/elements/0/style]'],
    },
    {
      name: 'cumulative text over 12,000',
      blocks: Array.from({ length: 5 }, () => section('y'.repeat(2500))),
      error: 'msg_blocks_too_long',
    },
  ];

  it.each(cases)('chat.postMessage answers $error for $name', async ({ blocks, error, errors }) => {
    const e = await rejectionOf(
      client.chat.postMessage({ channel: ALERTS, text: 'fallback', blocks: blocks as never }),
    );
    const data = e.data as { error: string; errors?: string[]; response_metadata?: { messages?: string[] } };
    expect(data.error).toBe(error);
    if (errors) {
      expect(data.errors).toEqual(errors);
      expect(data.response_metadata?.messages).toEqual(errors.map((m) => `[ERROR] ${m}`));
    }
    expect(slack.workspace.topLevel(ALERTS)).toEqual([]);
  });

  it('validates chat.update and chat.postEphemeral the same way', async () => {
    const { ts } = await client.chat.postMessage({ channel: ALERTS, text: 'ok' });
    const e1 = await rejectionOf(
      client.chat.update({ channel: ALERTS, ts: ts as string, blocks: [section('')] }),
    );
    expect((e1.data as { error: string }).error).toBe('invalid_blocks');
    const e2 = await rejectionOf(
      client.chat.postEphemeral({ channel: ALERTS, user: ALICE, text: 'x', blocks: [{ type: 'input' }] }),
    );
    expect((e2.data as { errors: string[] }).errors).toEqual([
      'unsupported type: input [json-pointer:/blocks/0/type]',
    ]);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After after a burst to one channel while another channel is unaffected', async () => {
    const limited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (retrySec: number) => limited.push(retrySec));
    const strict = webClient(slack);
    strict.on(WebClientEvent.RATE_LIMITED, (retrySec: number) => limited.push(retrySec));
    for (let i = 0; i < 3; i++) await client.chat.postMessage({ channel: ALERTS, text: `burst ${i}` });
    const e = await rejectionOf(client.chat.postMessage({ channel: ALERTS, text: 'one too many' }));
    expect(limited).toEqual([1]);
    expect(e.code).toBe('slack_webapi_request_error');
    expect((await client.chat.postMessage({ channel: OPS, text: 'other channel' })).ok).toBe(true);

    const raw = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${slack.botToken}`,
      },
      body: `channel=${ALERTS}&text=again`,
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('1');
    expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(slack.calls.count({ status: 429 })).toBe(2);
    expect(slack.calls.last({ status: 429 })).toMatchObject({ error: 'ratelimited', retryAfter: 1 });

    clock.advance(1000);
    expect((await client.chat.postMessage({ channel: ALERTS, text: 'after a second' })).ok).toBe(true);
    expect(slack.workspace.topLevel(ALERTS)).toHaveLength(4);
  });

  it('a rejectRateLimitedCalls client gets WebAPIRateLimitedError with retryAfter', async () => {
    slack.setRateLimit({ postsPerChannelPerSecond: 1, burst: 1 });
    const c = new (await import('@slack/web-api')).WebClient(slack.botToken, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    await c.chat.postMessage({ channel: ALERTS, text: 'one' });
    const e = await rejectionOf(c.chat.postMessage({ channel: ALERTS, text: 'two' }));
    expect(e).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
  });

  it('can be turned off', async () => {
    slack.setRateLimit(false);
    for (let i = 0; i < 10; i++) await client.chat.postMessage({ channel: ALERTS, text: `m${i}` });
    expect(slack.calls.count({ status: 429 })).toBe(0);
  });
});

describe('faults', () => {
  it('fails matching calls with the injected error, a set number of times', async () => {
    const f = slack.faults.add({
      method: 'chat.postMessage',
      channel: ALERTS,
      error: 'channel_not_found',
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const e = await rejectionOf(client.chat.postMessage({ channel: '#alerts', text: 'x' }));
      expect((e.data as { error: string }).error).toBe('channel_not_found');
    }
    expect(f.hits).toBe(2);
    expect((await client.chat.postMessage({ channel: OPS, text: 'x' })).ok).toBe(true);
    expect((await client.chat.postMessage({ channel: ALERTS, text: 'x' })).ok).toBe(true);
    expect(slack.faults.list()).toEqual([]);
  });

  it('injects ratelimited as a 429 with the given Retry-After, and revoked tokens', async () => {
    slack.faults.add({ method: 'chat.update', error: 'ratelimited', retryAfter: 7, times: 1 });
    const res = await fetch(`${slack.apiUrl}chat.update`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.botToken}` },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    slack.faults.add({ method: '*', error: 'invalid_auth' });
    const e = await rejectionOf(client.auth.test());
    expect((e.data as { error: string }).error).toBe('invalid_auth');
    slack.faults.clear();
    expect((await client.auth.test()).ok).toBe(true);
  });

  it('can answer with an HTTP error status', async () => {
    slack.faults.add({ method: 'views.publish', error: 'service_unavailable', status: 503, times: 1 });
    const e = await rejectionOf(client.views.publish({ user_id: ALICE, view: { type: 'home', blocks: [] } }));
    expect(e.code).toBe('slack_webapi_http_error');
    expect(e.statusCode).toBe(503);
  });
});

describe('views', () => {
  const modal = {
    type: 'modal' as const,
    callback_id: 'incident_mute_modal',
    title: { type: 'plain_text' as const, text: 'Mute' },
    submit: { type: 'plain_text' as const, text: 'Mute' },
    blocks: [
      {
        type: 'input',
        block_id: 'mute_reason',
        label: { type: 'plain_text' as const, text: 'Reason' },
        element: { type: 'plain_text_input' as const, action_id: 'mute_reason_input' },
      },
    ],
  };

  it('publishes a Home tab per user, with hash checks', async () => {
    const r = await client.views.publish({
      user_id: ALICE,
      view: { type: 'home', blocks: [section('home')] },
    });
    expect(r.view).toMatchObject({
      type: 'home',
      team_id: 'T0SIMTEAM1',
      app_id: 'A0PILLARAPP',
      id: 'V0SIM000001',
    });
    expect(slack.workspace.home(ALICE)?.blocks).toHaveLength(1);
    const again = await client.views.publish({
      user_id: ALICE,
      view: { type: 'home', blocks: [section('v2')] },
      hash: r.view?.hash as string,
    });
    expect(again.view?.id).toBe(r.view?.id);
    const stale = await rejectionOf(
      client.views.publish({
        user_id: ALICE,
        view: { type: 'home', blocks: [] },
        hash: r.view?.hash as string,
      }),
    );
    expect((stale.data as { error: string }).error).toBe('hash_conflict');
    const bad = await rejectionOf(
      client.views.publish({ user_id: ALICE, view: { type: 'home', blocks: [section('')] } }),
    );
    expect(bad.data).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: {
        messages: [
          '[ERROR] failed to match all allowed schemas [json-pointer:/view]',
          '[ERROR] failed to match all allowed schemas [json-pointer:/view/blocks/0/text]',
          '[ERROR] must be more than 0 characters [json-pointer:/view/blocks/0/text/text]',
        ],
      },
    });
    const huge = Array.from({ length: 99 }, () => section('é'.repeat(2999)));
    const tooLarge = await rejectionOf(
      client.views.publish({ user_id: ALICE, view: { type: 'home', blocks: huge } }),
    );
    expect((tooLarge.data as { error: string }).error).toBe('view_too_large');
  });

  it('opens a modal only with a trigger issued in the last 3 seconds, once', async () => {
    const triggerId = slack.triggers.issue(ALICE);
    const opened = await client.views.open({ trigger_id: triggerId, view: modal });
    expect(opened.view).toMatchObject({
      type: 'modal',
      callback_id: 'incident_mute_modal',
      state: { values: {} },
    });
    expect(slack.workspace.modalStack(ALICE).map((v) => v.id)).toEqual([opened.view?.id]);
    const reused = await rejectionOf(client.views.open({ trigger_id: triggerId, view: modal }));
    expect((reused.data as { error: string }).error).toBe('exchanged_trigger_id');

    const late = slack.triggers.issue(ALICE);
    clock.advance(3001);
    const expired = await rejectionOf(client.views.open({ trigger_id: late, view: modal }));
    expect((expired.data as { error: string }).error).toBe('expired_trigger_id');
    const invalid = await rejectionOf(client.views.open({ trigger_id: '123.456.abc', view: modal }));
    expect((invalid.data as { error: string }).error).toBe('invalid_trigger_id');
  });

  it('pushes up to three views and updates by id or external_id', async () => {
    const root = await client.views.open({
      trigger_id: slack.triggers.issue(ALICE),
      view: { ...modal, external_id: 'ext-1' },
    });
    const pushed = await client.views.push({ trigger_id: slack.triggers.issue(ALICE), view: modal });
    expect(pushed.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await client.views.push({ trigger_id: slack.triggers.issue(ALICE), view: modal });
    const limit = await rejectionOf(
      client.views.push({ trigger_id: slack.triggers.issue(ALICE), view: modal }),
    );
    expect((limit.data as { error: string }).error).toBe('push_limit_reached');

    const changes: SlackChange[] = [];
    slack.on('change', (c) => changes.push(c));
    const updated = await client.views.update({
      external_id: 'ext-1',
      view: { ...modal, title: { type: 'plain_text', text: 'Muted' }, external_id: 'ext-1' },
    });
    expect(updated.view?.id).toBe(root.view?.id);
    expect(changes.map((c) => c.type)).toEqual(['view_updated']);
    const missing = await rejectionOf(client.views.update({ view_id: 'V0NOPE0000', view: modal }));
    expect((missing.data as { error: string }).error).toBe('not_found');
  });
});

describe('files', () => {
  it('runs filesUploadV2 end to end and shares the file into a thread', async () => {
    const parent = await client.chat.postMessage({ channel: ALERTS, text: 'incident' });
    const bytes = Buffer.from('\x89PNG fake chart bytes');
    const r = await client.filesUploadV2({
      channel_id: ALERTS,
      thread_ts: parent.ts as string,
      file: bytes,
      filename: 'chart.png',
      title: 'Errors, last hour',
      alt_text: 'error rate chart',
      initial_comment: 'Error rate',
    });
    expect(r.ok).toBe(true);
    const [get, upload, complete] = slack.calls.all().slice(1);
    expect(get).toMatchObject({
      method: 'files.getUploadURLExternal',
      args: { filename: 'chart.png', alt_text: 'error rate chart' },
    });
    expect(upload).toMatchObject({ kind: 'upload', status: 200, args: { bytes: bytes.length } });
    expect(complete).toMatchObject({ method: 'files.completeUploadExternal', ok: true });

    const file = slack.workspace.files[0];
    expect(file).toMatchObject({
      filename: 'chart.png',
      title: 'Errors, last hour',
      mimetype: 'image/png',
      completed: true,
    });
    expect(file?.bytes?.equals(bytes)).toBe(true);
    const thread = slack.workspace.thread(ALERTS, parent.ts as string);
    expect(thread[1]).toMatchObject({
      text: 'Error rate',
      files: [{ id: file?.id, name: 'chart.png' }],
      via: 'file',
    });
    const served = await fetch(`${slack.url}/files/${file?.id}/chart.png`);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('refuses completing a file that was never uploaded', async () => {
    const url = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    const e = await rejectionOf(
      client.files.completeUploadExternal({ files: [{ id: url.file_id as string }] }),
    );
    expect((e.data as { error: string }).error).toBe('file_not_found');
  });
});

describe('people and channels', () => {
  it('answers users.info, usergroups.users.list and conversations.info', async () => {
    expect((await client.users.info({ user: ALICE })).user).toMatchObject({
      id: ALICE,
      name: 'alice',
      real_name: 'Alice Archer',
      tz: 'Europe/London',
      profile: { email: 'alice@example.com' },
    });
    expect(
      ((await rejectionOf(client.users.info({ user: 'U0NOBODY00' }))).data as { error: string }).error,
    ).toBe('user_not_found');
    expect((await client.usergroups.users.list({ usergroup: 'S0ONCALL01' })).users).toEqual([ALICE]);
    expect(
      (
        (await rejectionOf(client.usergroups.users.list({ usergroup: 'S0NOPE0000' }))).data as {
          error: string;
        }
      ).error,
    ).toBe('no_such_subteam');
    expect((await client.conversations.info({ channel: ALERTS })).channel).toMatchObject({
      id: ALERTS,
      name: 'alerts',
      is_member: true,
      is_private: false,
    });
    expect((await client.conversations.info({ channel: GENERAL })).channel).toMatchObject({
      is_member: false,
    });
    const list = await client.conversations.list({ types: 'public_channel,private_channel' });
    expect(list.channels?.map((c) => c.name)).toEqual(['alerts', 'ops', 'general']);
  });
});

describe('change events', () => {
  it('reports posts, edits, ephemeral messages and views in order', async () => {
    const changes: string[] = [];
    slack.on('change', (c) => changes.push(c.type));
    const { ts } = await client.chat.postMessage({ channel: ALERTS, text: 'a' });
    await client.chat.update({ channel: ALERTS, ts: ts as string, text: 'b' });
    await client.chat.postEphemeral({ channel: ALERTS, user: ALICE, text: 'c' });
    await client.views.publish({ user_id: ALICE, view: { type: 'home', blocks: [] } });
    await client.views.open({
      trigger_id: slack.triggers.issue(ALICE),
      view: { type: 'modal', title: { type: 'plain_text', text: 'M' }, blocks: [] },
    });
    expect(changes).toEqual([
      'message_posted',
      'message_updated',
      'ephemeral_posted',
      'view_published',
      'view_opened',
    ]);
  });
});

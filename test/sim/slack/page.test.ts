import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KnownBlock, View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultChannels,
  defaultUsers,
  type SlackStandIn,
  verifySlackSignature,
} from '../../../sim/slack/index.js';
import { ASSET_NAMES } from '../../../sim/slack/page/assets.js';
import { makeContext, renderBlocks, textOf } from '../../../sim/slack/page/render.js';
import type { PageChange, PageState } from '../../../sim/slack/page/types.js';
import { incidentMessage } from '../../../src/slack/blocks/incident.js';
import { actions } from '../../../src/slack/ids.js';
import { makeIncident, makeSample, T0 } from '../../slack/blocks/fixtures.js';
import {
  ALERTS,
  ALICE,
  BOB,
  button,
  SECRET,
  section,
  startBoltApp,
  startTestStandIn,
  webClient,
} from './helpers.js';

const CAROL = 'U0SIMCAROL';
/** A private channel Bob is not in. */
const SECRET_CHANNEL = 'C0SECRET99';

let slack: SlackStandIn;
let web: WebClient;

beforeEach(async () => {
  ({ slack } = await startTestStandIn({
    rateLimit: false,
    channels: [...defaultChannels, { id: SECRET_CHANNEL, name: 'secret', isPrivate: true, members: [ALICE] }],
  }));
  web = webClient(slack);
});

afterEach(async () => {
  await slack.close();
});

// ---- helpers ------------------------------------------------------------------------------------

async function get(path: string): Promise<{ status: number; type: string; headers: Headers; text: string }> {
  const res = await fetch(`${slack.url}${path}`);
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    headers: res.headers,
    text: await res.text(),
  };
}

async function post(
  path: string,
  body: unknown,
  contentType = 'application/json',
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${slack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function pageState(user: string): Promise<PageState> {
  const r = await get(`/page/api/state?user=${user}`);
  expect(r.status).toBe(200);
  return JSON.parse(r.text) as PageState;
}

interface Frame {
  event: string;
  data: unknown;
}

/** A browser's EventSource, by hand: frames as they come, and a way to wait for one. */
async function openEvents(user: string) {
  const abort = new AbortController();
  const res = await fetch(`${slack.url}/page/events?user=${user}`, { signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const frames: Frame[] = [];
  let wake: () => void = () => undefined;
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const raw = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of raw.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) frames.push({ event, data: JSON.parse(data.join('\n')) });
          wake();
        }
      }
    } catch {
      // aborted
    }
  })();
  let read = 0;
  /** The next frame after those already taken, optionally skipping until one matches. */
  const next = async (match: (f: Frame) => boolean = () => true, timeoutMs = 2000): Promise<Frame> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (read < frames.length) {
        const f = frames[read++] as Frame;
        if (match(f)) return f;
      }
      if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  };
  const change = (type?: string) =>
    next((f) => f.event === 'message' && (type === undefined || (f.data as PageChange).type === type)).then(
      (f) => f.data as PageChange,
    );
  return { next, change, frames, close: () => abort.abort() };
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  payload: Record<string, unknown>;
}

/** A tiny app that records the signed requests it gets and answers what the test says. */
async function recordingApp(
  answer: (r: Received) => { status?: number; body?: string; json?: unknown } = () => ({}),
): Promise<{ received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const form = new URLSearchParams(body);
      const payload = (req.headers['content-type'] ?? '').includes('json')
        ? (JSON.parse(body) as Record<string, unknown>)
        : form.has('payload')
          ? (JSON.parse(form.get('payload') as string) as Record<string, unknown>)
          : Object.fromEntries(form);
      const r: Received = { headers: req.headers, body, payload };
      received.push(r);
      const a = answer(r);
      if (a.json !== undefined) {
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(a.json));
      } else {
        res.writeHead(a.status ?? 200);
        res.end(a.body ?? '');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  slack.setAppUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
  return {
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function signedOk(r: Received): boolean {
  return (
    verifySlackSignature({
      signingSecret: SECRET,
      timestamp: r.headers['x-slack-request-timestamp'] as string,
      signature: r.headers['x-slack-signature'] as string,
      rawBody: r.body,
      nowMs: Date.now(),
    }) === 'ok'
  );
}

const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text }, value });

/** A message with one of each interactive element Pillar uses. */
const controls: KnownBlock[] = [
  section('*Incident #12*'),
  {
    type: 'actions',
    block_id: 'incident:12:actions',
    elements: [
      button('ack', 'Acknowledge', '12', 'primary'),
      {
        type: 'static_select',
        action_id: 'mute',
        options: [option('1 hour', '12:1h'), option('24 hours', '12:24h')],
      },
      { type: 'users_select', action_id: 'assign' },
      { type: 'overflow', action_id: 'more', options: [option('Edit', 'edit'), option('Delete', 'delete')] },
      { type: 'datepicker', action_id: 'day' },
    ],
  },
];

/** The mute form's shape: a required reason, a date, a duration and an optional person. */
const form: View = {
  type: 'modal',
  callback_id: 'mute_form',
  title: { type: 'plain_text', text: 'Mute #12' },
  submit: { type: 'plain_text', text: 'Mute' },
  close: { type: 'plain_text', text: 'Cancel' },
  notify_on_close: true,
  blocks: [
    {
      type: 'input',
      block_id: 'reason',
      label: { type: 'plain_text', text: 'Reason' },
      element: { type: 'plain_text_input', action_id: 'reason_input', multiline: true },
    },
    {
      type: 'input',
      block_id: 'until',
      label: { type: 'plain_text', text: 'Until' },
      element: { type: 'datepicker', action_id: 'until_date', initial_date: '2026-12-01' },
    },
    {
      type: 'input',
      block_id: 'duration',
      label: { type: 'plain_text', text: 'For' },
      element: {
        type: 'static_select',
        action_id: 'duration_select',
        options: [option('1 hour', '1h'), option('Until the date', 'date')],
      },
    },
    {
      type: 'input',
      block_id: 'who',
      optional: true,
      label: { type: 'plain_text', text: 'Tell' },
      element: { type: 'users_select', action_id: 'who_select' },
    },
  ],
};

async function openForm(user = ALICE): Promise<string> {
  const r = await web.views.open({ trigger_id: slack.triggers.issue(user), view: form });
  return (r.view as { id: string }).id;
}

// ---- the page and its assets --------------------------------------------------------------------

describe('the page', () => {
  it('serves the frame with its test ids, only its own assets, and a strict content policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const id of ['user-picker', 'sidebar', 'timeline', 'composer', 'thread', 'modal-layer'])
      expect(page.text).toContain(`data-testid="${id}"`);
    for (const u of defaultUsers) expect(page.text).toContain(`<option value="${u.id}">`);
    const refs = [...page.text.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(1);
    for (const ref of refs) expect(ref).toMatch(/^(?:\/(?!\/)|data:)/);
    expect(page.text).not.toMatch(/https?:\/\//);
    expect((await get('/index.html')).status).toBe(200);
  });

  it('serves every asset from the stand-in, with nothing from another host', async () => {
    const served = new Set(ASSET_NAMES);
    for (const name of ASSET_NAMES) {
      const a = await get(`/page/assets/${name}`);
      expect(a.status, name).toBe(200);
      expect(a.type).toBe(
        name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      );
      expect(a.text, name).not.toMatch(/https?:\/\//);
      expect(a.text, name).not.toMatch(/@import|url\(\s*['"]?(?!data:)/);
      // Modules import only each other, by the names the stand-in serves.
      for (const m of a.text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g))
        expect(served.has((m[1] as string).replace(/^\.\//, '')), `${name} imports ${m[1]}`).toBe(true);
    }
    expect((await get('/page/assets/server.ts')).status).toBe(404);
    expect((await get('/page/assets/..%2Findex.ts')).status).toBe(404);
  });

  it('serves the shared TypeScript modules as JavaScript a browser can run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'page-assets-'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    for (const name of ASSET_NAMES.filter((n) => n !== 'client.js' && n.endsWith('.js'))) {
      const a = await get(`/page/assets/${name}`);
      expect(a.text).not.toMatch(/\binterface\s+\w+\s*\{|:\s*VNode\[\]/);
      writeFileSync(join(dir, name), a.text);
    }
    const render = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'render.js')).href)) as {
      renderBlock: (b: unknown, ctx: unknown) => unknown;
      toHtml: (n: unknown) => string;
    };
    const s = await pageState(ALICE);
    const html = render.toHtml(
      render.renderBlock(
        { type: 'section', text: { type: 'mrkdwn', text: `*hi* <@${BOB}> &lt;b&gt;` } },
        makeContext(s),
      ),
    );
    expect(html).toContain('<strong>hi</strong>');
    expect(html).toContain('@Bob Baker');
    expect(html).toContain('&lt;b&gt;');
  });

  it('escapes what it interpolates into the frame', async () => {
    slack.workspace.addUser({ id: 'U0EVIL0001', name: 'evil', realName: '<img src=x onerror=alert(1)>' });
    const page = await get('/');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('answers unknown page routes with 404', async () => {
    expect((await get('/page/nothing')).status).toBe(404);
    expect((await post('/page/api/nothing', {})).status).toBe(404);
  });
});

// ---- state --------------------------------------------------------------------------------------

describe('GET /page/api/state', () => {
  it('returns what the workspace holds, as the given user sees it', async () => {
    const parent = await web.chat.postMessage({
      channel: ALERTS,
      text: 'alert',
      blocks: controls,
      metadata: { event_type: 'pillar_incident', event_payload: { incident_id: 12 } },
    });
    await web.chat.postMessage({ channel: ALERTS, thread_ts: parent.ts, text: 'occurrence' });
    await web.chat.update({
      channel: ALERTS,
      ts: parent.ts as string,
      text: 'alert (edited)',
      blocks: controls,
    });
    await web.chat.postEphemeral({ channel: ALERTS, user: ALICE, text: 'for alice' });
    await web.chat.postEphemeral({ channel: ALERTS, user: BOB, text: 'for bob' });
    await web.chat.postMessage({ channel: SECRET_CHANNEL, text: 'secret' });
    await web.views.publish({ user_id: ALICE, view: { type: 'home', blocks: [section('Home of alice')] } });
    await openForm(ALICE);

    const alice = await pageState(ALICE);
    expect(alice.me).toBe(ALICE);
    expect(alice.bot).toEqual({ userId: slack.workspace.bot.userId, name: 'pillar' });
    expect(alice.users.map((u) => u.id)).toEqual(expect.arrayContaining([ALICE, BOB, CAROL]));
    expect(alice.channels.map((c) => c.id)).toContain(SECRET_CHANNEL);
    const alerts = alice.messages[ALERTS] ?? [];
    expect(alerts.map((m) => m.text)).toEqual(['alert (edited)', 'occurrence']);
    expect(alerts[0]).toMatchObject({ bot: true, edited: true, replyCount: 1, threadTs: parent.ts });
    expect(alerts[1]).toMatchObject({ threadTs: parent.ts });
    expect(alice.ephemerals.map((e) => e.text)).toEqual(['for alice']);
    expect(alice.home?.blocks).toHaveLength(1);
    expect(alice.modals.map((v) => v.callbackId)).toEqual(['mute_form']);
    expect(alice.seq).toBeGreaterThan(0);
    // What Slack does not show stays on the server.
    const raw = JSON.stringify(alice);
    expect(raw).not.toContain('event_payload');
    expect(raw).not.toContain('"history"');

    const bob = await pageState(BOB);
    expect(bob.channels.map((c) => c.id)).not.toContain(SECRET_CHANNEL);
    expect(bob.messages[SECRET_CHANNEL]).toBeUndefined();
    expect(bob.ephemerals.map((e) => e.text)).toEqual(['for bob']);
    expect(bob.home).toBeNull();
    expect(bob.modals).toEqual([]);
  });

  it('defaults to the first person and refuses an unknown one', async () => {
    expect((await get('/page/api/state')).text).toContain(`"me":"${ALICE}"`);
    const r = await get('/page/api/state?user=U0NOBODY');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toMatchObject({ ok: false, error: 'user_not_found' });
  });
});

// ---- events -------------------------------------------------------------------------------------

describe('GET /page/events', () => {
  it('says hello, then pushes the changes the user may see, numbered after the state', async () => {
    const events = await openEvents(ALICE);
    const hello = await events.next((f) => f.event === 'hello');
    const seq = (hello.data as { seq: number }).seq;
    expect(seq).toBe((await pageState(ALICE)).seq);

    const posted = await web.chat.postMessage({ channel: ALERTS, text: 'hello *page*' });
    const first = await events.change('message_posted');
    expect(first).toMatchObject({
      seq: seq + 1,
      type: 'message_posted',
      channel: ALERTS,
      ts: posted.ts,
      message: { text: 'hello *page*', bot: true, edited: false },
    });

    await web.chat.postEphemeral({ channel: ALERTS, user: BOB, text: 'for bob' });
    await web.chat.postEphemeral({ channel: ALERTS, user: ALICE, text: 'for alice' });
    const eph = await events.change();
    expect(eph).toMatchObject({ type: 'ephemeral_posted', message: { user: ALICE, text: 'for alice' } });

    await web.chat.update({ channel: ALERTS, ts: posted.ts as string, text: 'changed' });
    expect(await events.change()).toMatchObject({
      type: 'message_updated',
      message: { text: 'changed', edited: true },
    });

    const viewId = await openForm(ALICE);
    expect(await events.change()).toMatchObject({
      type: 'view_opened',
      view: { id: viewId, callbackId: 'mute_form' },
    });
    events.close();
  });

  it('keeps private channels and other people’s views away from a user', async () => {
    const events = await openEvents(BOB);
    await events.next((f) => f.event === 'hello');
    await web.chat.postMessage({ channel: SECRET_CHANNEL, text: 'secret' });
    await openForm(ALICE);
    await web.chat.postMessage({ channel: ALERTS, text: 'public' });
    const c = await events.change();
    expect(c).toMatchObject({ type: 'message_posted', message: { text: 'public' } });
    expect(events.frames.some((f) => JSON.stringify(f.data).includes('secret'))).toBe(false);
    events.close();
  });

  it('refuses an unknown user', async () => {
    expect((await get('/page/events?user=U0NOBODY')).status).toBe(400);
  });
});

// ---- interactions -------------------------------------------------------------------------------

describe('POST /page/api/action', () => {
  it('clicks and selections on a message reach the app signed, as the chosen user', async () => {
    const app = await recordingApp();
    const m = await web.chat.postMessage({ channel: ALERTS, text: 'alert', blocks: controls });
    const click = (actionId: string, value?: unknown) =>
      post('/page/api/action', {
        user: BOB,
        channel: ALERTS,
        ts: m.ts,
        actionId,
        ...(value !== undefined ? { value } : {}),
      });

    expect((await click('ack')).json).toMatchObject({
      ok: true,
      delivery: { kind: 'block_actions', status: 200 },
    });
    expect(await click('mute', '12:24h')).toMatchObject({ status: 200, json: { ok: true } });
    await click('assign', CAROL);
    await click('more', 'delete');
    await click('day', '2026-12-24');

    expect(app.received).toHaveLength(5);
    for (const r of app.received) {
      expect(signedOk(r)).toBe(true);
      expect(r.payload).toMatchObject({
        type: 'block_actions',
        user: { id: BOB },
        container: { type: 'message', message_ts: m.ts, channel_id: ALERTS },
      });
    }
    const acts = app.received.map((r) => (r.payload.actions as Record<string, unknown>[])[0]);
    expect(acts[0]).toMatchObject({ action_id: 'ack', value: '12', block_id: 'incident:12:actions' });
    expect(acts[1]).toMatchObject({ action_id: 'mute', selected_option: { value: '12:24h' } });
    expect(acts[2]).toMatchObject({ action_id: 'assign', selected_user: CAROL });
    expect(acts[3]).toMatchObject({ action_id: 'more', selected_option: { value: 'delete' } });
    expect(acts[4]).toMatchObject({ action_id: 'day', selected_date: '2026-12-24' });
    await app.close();
  });

  it('works on Home views and on the user’s own ephemeral messages only', async () => {
    const app = await recordingApp();
    const home = await web.views.publish({
      user_id: ALICE,
      view: {
        type: 'home',
        blocks: [section('Home', undefined), { type: 'actions', elements: [button('refresh', 'Refresh')] }],
      },
    });
    const viewId = (home.view as { id: string }).id;
    expect((await post('/page/api/action', { user: ALICE, viewId, actionId: 'refresh' })).json.ok).toBe(true);
    expect(app.received.at(-1)?.payload).toMatchObject({
      container: { type: 'view', view_id: viewId },
      user: { id: ALICE },
    });

    const e = await web.chat.postEphemeral({
      channel: ALERTS,
      user: ALICE,
      text: 'list',
      blocks: [{ type: 'actions', elements: [button('list_ack', 'Acknowledge', '12')] }],
    });
    const mine = await post('/page/api/action', {
      user: ALICE,
      channel: ALERTS,
      ts: e.message_ts,
      actionId: 'list_ack',
    });
    expect(mine.json.ok).toBe(true);
    expect(app.received.at(-1)?.payload).toMatchObject({ container: { is_ephemeral: true } });
    const theirs = await post('/page/api/action', {
      user: BOB,
      channel: ALERTS,
      ts: e.message_ts,
      actionId: 'list_ack',
    });
    expect(theirs).toMatchObject({ status: 409, json: { ok: false, error: 'refused' } });
    await app.close();
  });

  it('says when the app fails, and refuses what Slack could not send', async () => {
    const app = await recordingApp(() => ({ status: 500 }));
    const m = await web.chat.postMessage({ channel: ALERTS, text: 'alert', blocks: controls });
    const failed = await post('/page/api/action', {
      user: ALICE,
      channel: ALERTS,
      ts: m.ts,
      actionId: 'ack',
    });
    expect(failed.json).toMatchObject({ ok: false, error: 'app_error', delivery: { status: 500 } });
    expect((await post('/page/api/action', { user: ALICE, actionId: 'ack' })).status).toBe(400);
    expect(
      (await post('/page/api/action', { user: ALICE, channel: ALERTS, ts: m.ts, actionId: 'nope' })).status,
    ).toBe(409);
    expect(
      (await post('/page/api/action', { user: BOB, channel: SECRET_CHANNEL, ts: m.ts, actionId: 'ack' }))
        .status,
    ).toBe(404);
    await app.close();
  });
});

describe('POST /page/api/submit and /page/api/close', () => {
  it('submits entered values, shows field errors, and closes the modal when the app accepts', async () => {
    let reply: { json?: unknown; body?: string } = {};
    const app = await recordingApp(() => reply);
    const viewId = await openForm(ALICE);
    const events = await openEvents(ALICE);
    await events.next((f) => f.event === 'hello');

    // Slack's client refuses an empty required field; the app hears nothing.
    const empty = await post('/page/api/submit', {
      user: ALICE,
      viewId,
      values: { reason: { reason_input: '' } },
    });
    expect(empty.json).toMatchObject({
      ok: false,
      error: 'invalid_input',
      delivery: { clientErrors: { reason: 'This field is required.', duration: 'This field is required.' } },
    });
    expect(app.received).toHaveLength(0);

    reply = { json: { response_action: 'errors', errors: { reason: 'Say a little more.' } } };
    const values = {
      reason: { reason_input: 'x' },
      until: { until_date: '2026-12-24' },
      duration: { duration_select: 'date' },
      who: { who_select: BOB },
    };
    const refused = await post('/page/api/submit', { user: ALICE, viewId, values });
    expect(refused.json).toMatchObject({ ok: true, errors: { reason: 'Say a little more.' } });
    const sent = app.received[0]?.payload as {
      type: string;
      user: { id: string };
      view: { state: { values: unknown } };
    };
    expect(signedOk(app.received[0] as Received)).toBe(true);
    expect(sent.type).toBe('view_submission');
    expect(sent.user.id).toBe(ALICE);
    expect(sent.view.state.values).toMatchObject({
      reason: { reason_input: { type: 'plain_text_input', value: 'x' } },
      until: { until_date: { selected_date: '2026-12-24' } },
      duration: { duration_select: { selected_option: { value: 'date' } } },
      who: { who_select: { selected_user: BOB } },
    });
    expect((await events.change('view_updated')) as unknown).toMatchObject({
      view: { errors: { reason: 'Say a little more.' } },
    });
    expect((await pageState(ALICE)).modals[0]?.errors).toEqual({ reason: 'Say a little more.' });

    reply = {};
    const accepted = await post('/page/api/submit', {
      user: ALICE,
      viewId,
      values: { ...values, reason: { reason_input: 'Provider incident' } },
    });
    expect(accepted.json).toMatchObject({ ok: true, delivery: { outcome: 'view_closed' } });
    expect(await events.change('view_closed')).toMatchObject({ view: { id: viewId } });
    expect((await pageState(ALICE)).modals).toEqual([]);
    events.close();
    await app.close();
  });

  it('closes a modal as Cancel does, telling the app when it asked to know', async () => {
    const app = await recordingApp();
    const viewId = await openForm(ALICE);
    const closed = await post('/page/api/close', { user: ALICE, viewId });
    expect(closed.json).toMatchObject({ ok: true, delivery: { kind: 'view_closed' } });
    expect(app.received[0]?.payload).toMatchObject({ type: 'view_closed', user: { id: ALICE } });
    expect((await pageState(ALICE)).modals).toEqual([]);
    expect((await post('/page/api/close', { user: ALICE, viewId })).status).toBe(409);
    await app.close();
  });
});

describe('POST /page/api/command, /message and /home', () => {
  it('sends /wa as a signed slash command and shows its answer to the user only', async () => {
    const app = await recordingApp(() => ({ json: { text: 'Open incidents: *2*' } }));
    const r = await post('/page/api/command', { user: CAROL, channel: ALERTS, text: 'incidents all' });
    expect(r.json).toMatchObject({
      ok: true,
      delivery: { kind: 'slash_command', outcome: 'ephemeral_posted' },
    });
    expect(signedOk(app.received[0] as Received)).toBe(true);
    expect(app.received[0]?.payload).toMatchObject({ command: '/wa', text: 'incidents all', user_id: CAROL });
    expect((await pageState(CAROL)).ephemerals.map((e) => e.text)).toEqual(['Open incidents: *2*']);
    expect((await pageState(ALICE)).ephemerals).toEqual([]);
    await app.close();
  });

  it("reports Slack's dispatch_failed when the app does not answer, and refuses hidden channels", async () => {
    const app = await recordingApp(() => ({ status: 500 }));
    const r = await post('/page/api/command', { user: ALICE, channel: ALERTS, text: 'status' });
    expect(r.json).toMatchObject({ ok: false, error: 'dispatch_failed' });
    expect((await post('/page/api/command', { user: BOB, channel: SECRET_CHANNEL, text: 'x' })).status).toBe(
      404,
    );
    expect((await post('/page/api/command', { user: BOB, channel: ALERTS, command: 'wa' })).status).toBe(400);
    await app.close();
  });

  it('posts what a person types as Slack’s client would: escaped, with mentions', async () => {
    const r = await post('/page/api/message', {
      user: BOB,
      channel: ALERTS,
      text: '<b>hi</b> & @alice see #ops',
    });
    expect(r.json.ok).toBe(true);
    const m = slack.workspace.message(ALERTS, r.json.ts as string);
    expect(m).toMatchObject({
      user: BOB,
      via: 'user',
      text: `&lt;b&gt;hi&lt;/b&gt; &amp; <@${ALICE}> see <#C0OPS00001>`,
    });
    const reply = await post('/page/api/message', {
      user: ALICE,
      channel: ALERTS,
      text: 'on it',
      threadTs: m?.ts,
    });
    expect(slack.workspace.message(ALERTS, reply.json.ts as string)?.threadTs).toBe(m?.ts);
    expect(slack.workspace.message(ALERTS, m?.ts as string)?.replyCount).toBe(1);
  });

  it('opens the App Home for the user', async () => {
    const app = await recordingApp();
    expect((await post('/page/api/home', { user: BOB })).json.ok).toBe(true);
    expect(app.received[0]?.payload).toMatchObject({
      type: 'event_callback',
      event: { type: 'app_home_opened', user: BOB },
    });
    await app.close();
  });

  it('takes JSON only, from known users', async () => {
    expect(
      (await post('/page/api/home', 'user=U0SIMALICE', 'application/x-www-form-urlencoded')).status,
    ).toBe(415);
    expect((await post('/page/api/home', '{nope', 'application/json')).status).toBe(400);
    expect((await post('/page/api/home', { user: 'U0NOBODY' })).json).toMatchObject({
      ok: false,
      error: 'user_not_found',
    });
    expect((await post('/page/api/home', { user: slack.workspace.bot.userId })).status).toBe(400);
  });
});

// ---- with the real Bolt app ---------------------------------------------------------------------

describe('with a real Bolt app', () => {
  it('a click on the page runs the listener as the chosen user, and its edit comes back over SSE', async () => {
    const incident = makeIncident();
    const { stop } = await startBoltApp(slack, (app) => {
      app.action(actions.acknowledge, async ({ ack, body, client }) => {
        await ack();
        const b = body as { user: { id: string }; channel: { id: string }; message: { ts: string } };
        const acked = {
          ...incident,
          state: 'acknowledged' as const,
          acknowledgedBy: b.user.id,
          acknowledgedAt: T0,
        };
        await client.chat.update({
          channel: b.channel.id,
          ts: b.message.ts,
          ...incidentMessage({ incident: acked, now: T0, timeZone: 'UTC' }),
        });
      });
    });
    const posted = await web.chat.postMessage({
      channel: ALERTS,
      ...incidentMessage({ incident, sample: makeSample(), now: T0, timeZone: 'UTC' }),
    });
    const events = await openEvents(CAROL);
    await events.next((f) => f.event === 'hello');
    const click = await post('/page/api/action', {
      user: CAROL,
      channel: ALERTS,
      ts: posted.ts,
      actionId: actions.acknowledge,
    });
    expect(click.json.ok).toBe(true);
    const updated = await events.change('message_updated');
    if (updated.type !== 'message_updated') throw new Error('unreachable');
    const shown = textOf(renderBlocks(updated.message.blocks ?? [], makeContext(await pageState(CAROL))));
    expect(shown).toContain('Acknowledged by @Carol Chen');
    expect(updated.message.edited).toBe(true);
    events.close();
    await stop();
  });
});

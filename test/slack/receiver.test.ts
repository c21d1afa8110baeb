import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../sim/slack/signing.js';
import { systemClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { parseSlackBody, SignedRequestReceiver } from '../../src/slack/receiver.js';

const SECRET = 'receiver-test-signing-secret';

let server: Server;
let url: string;
let commands: string[];

beforeEach(async () => {
  commands = [];
  const receiver = new SignedRequestReceiver({
    signingSecret: SECRET,
    logger: silentLogger(),
    clock: systemClock,
  });
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: 'xoxb-test', botId: 'B1', botUserId: 'U1' }),
    logger: {
      debug() {},
      info() {},
      warn() {},
      error() {},
      setLevel() {},
      getLevel: () => 'info' as never,
      setName() {},
    },
  });
  app.command('/wa', async ({ ack, command }) => {
    commands.push(command.text);
    await ack({ response_type: 'ephemeral', text: `got ${command.text}` });
  });
  server = createServer((req, res) => void receiver.handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

function post(body: string, contentType: string, options: { ts?: number; signature?: string } = {}) {
  const ts = options.ts ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': String(ts),
      'X-Slack-Signature': options.signature ?? signSlackRequest(SECRET, ts, body),
    },
    body,
  });
}

const FORM = 'application/x-www-form-urlencoded';
const command = (text: string) =>
  new URLSearchParams({
    command: '/wa',
    text,
    user_id: 'U0ALICE',
    channel_id: 'C0ALERTS',
    team_id: 'T1',
  }).toString();

describe('SignedRequestReceiver', () => {
  it('passes a signed slash command to Bolt and answers with the ack', async () => {
    const res = await post(command('help'), FORM);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: 'got help' });
    expect(commands).toEqual(['help']);
  });

  it.each([
    ['payload=null', FORM],
    ['payload=%5B%5D', FORM],
    ['payload=%7B%7D', FORM],
    ['payload=not%20json', FORM],
    ['garbage=1', FORM],
    ['null', 'application/json'],
    ['[]', 'application/json'],
    ['{}', 'application/json'],
    ['{"type":', 'application/json'],
    ['\u0000\u0001binary', 'application/octet-stream'],
  ])('answers 400 to a signed %s (%s) and keeps serving', async (body, type) => {
    const res = await post(body, type);
    expect(res.status).toBe(400);
    const again = await post(command('status'), FORM);
    expect(again.status).toBe(200);
  });

  it('refuses a replayed request: the same signature acts once', async () => {
    const body = command('resolve 1');
    const ts = Math.floor(Date.now() / 1000);
    expect((await post(body, FORM, { ts })).status).toBe(200);
    const replay = await post(body, FORM, { ts });
    expect(replay.status).toBe(401);
    expect(await replay.text()).toMatch(/replayed/i);
    expect(commands).toEqual(['resolve 1']);
  });

  it.each([
    ['6 minutes in the past', -360],
    ['6 minutes in the future', 360],
  ])('refuses a timestamp %s', async (_label, offset) => {
    const res = await post(command('x'), FORM, { ts: Math.floor(Date.now() / 1000) + offset });
    expect(res.status).toBe(401);
    expect(commands).toEqual([]);
  });

  it('refuses a wrong signature and missing headers', async () => {
    expect((await post(command('x'), FORM, { signature: `v0=${'0'.repeat(64)}` })).status).toBe(401);
    const bare = await fetch(url, { method: 'POST', headers: { 'Content-Type': FORM }, body: command('x') });
    expect(bare.status).toBe(401);
    expect(commands).toEqual([]);
  });

  it('answers an event no listener handles at once, not after 3 s', async () => {
    const body = JSON.stringify({ type: 'event_callback', event: { type: 'reaction_added' }, team_id: 'T1' });
    const started = Date.now();
    const res = await post(body, 'application/json');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await post(
      JSON.stringify({ type: 'url_verification', challenge: 'abc' }),
      'application/json',
    );
    expect(await res.json()).toEqual({ challenge: 'abc' });
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await post(`text=${'x'.repeat(1024 * 1024 + 10)}`, FORM);
    expect(res.status).toBe(413);
  });
});

describe('parseSlackBody', () => {
  it('accepts Slack’s documented slash command body (verifying-requests example)', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const parsed = parseSlackBody(FORM, Buffer.from(body));
    expect(parsed).toMatchObject({ body: { command: '/webhook-collect', user_id: 'U2CERLKJA' } });
    // And the signing helper agrees with Slack's published signature for it.
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('takes a charset on the content type', () => {
    expect(
      parseSlackBody('application/json; charset=utf-8', Buffer.from('{"type":"event_callback"}')),
    ).toEqual({
      body: { type: 'event_callback' },
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../../sim/slack/index.js';
import type { FakeClock } from '../../helpers/clock.js';
import { ALERTS, ALICE, section, startTestStandIn, webClient } from './helpers.js';

let slack: SlackStandIn;
let clock: FakeClock;

beforeEach(async () => {
  ({ slack, clock } = await startTestStandIn());
});

afterEach(async () => {
  await slack.close();
});

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('response_url', () => {
  it('posts ephemeral by default and in_channel (in a thread) when asked', async () => {
    const { ts: parent } = await webClient(slack).chat.postMessage({ channel: ALERTS, text: 'alert' });
    const info = slack.responseUrls.create({ origin: 'slash_command', user: ALICE, channel: ALERTS });
    expect(await post(info.url, { text: 'just you' })).toEqual({ status: 200, json: { ok: true } });
    expect(
      await post(info.url, { text: 'everyone', response_type: 'in_channel', thread_ts: parent }),
    ).toEqual({
      status: 200,
      json: { ok: true },
    });
    expect(slack.workspace.ephemeralFor(ALICE, ALERTS)).toMatchObject([
      { text: 'just you', via: 'response_url' },
    ]);
    expect(slack.workspace.thread(ALERTS, parent as string)).toMatchObject([
      { text: 'alert' },
      { text: 'everyone', via: 'response_url', user: 'U0PILLARBOT' },
    ]);
  });

  it("a slash command's URL replaces and deletes its own reply", async () => {
    const info = slack.responseUrls.create({ origin: 'slash_command', user: ALICE, channel: ALERTS });
    await post(info.url, { text: 'working…' });
    const [first] = slack.workspace.ephemeralFor(ALICE);
    await post(info.url, { text: 'done', replace_original: true });
    expect(slack.workspace.ephemeralFor(ALICE)).toMatchObject([{ ts: first?.ts, text: 'done' }]);
    await post(info.url, { delete_original: true });
    expect(slack.workspace.ephemeralFor(ALICE)).toEqual([]);
  });

  it('an interaction URL edits and deletes the message clicked', async () => {
    const { ts } = await webClient(slack).chat.postMessage({
      channel: ALERTS,
      text: 'alert',
      blocks: [section('alert')],
    });
    const info = slack.responseUrls.create({
      origin: 'block_actions',
      user: ALICE,
      channel: ALERTS,
      source: { kind: 'message', channel: ALERTS, ts: ts as string },
    });
    await post(info.url, { replace_original: 'true', text: 'acked', blocks: [section('acked')] });
    expect(slack.workspace.message(ALERTS, ts as string)).toMatchObject({
      text: 'acked',
      history: [{ text: 'alert' }],
    });
    await post(info.url, { delete_original: true });
    expect(slack.workspace.message(ALERTS, ts as string)).toBeUndefined();
    expect(await post(info.url, { delete_original: true })).toEqual({
      status: 404,
      json: { ok: false, error: 'message_not_found' },
    });
  });

  it('works 5 times within 30 minutes', async () => {
    const info = slack.responseUrls.create({ origin: 'slash_command', user: ALICE, channel: ALERTS });
    for (let i = 0; i < 5; i++) expect((await post(info.url, { text: `n${i}` })).status).toBe(200);
    expect(await post(info.url, { text: 'sixth' })).toEqual({
      status: 404,
      json: { ok: false, error: 'used_url' },
    });
    const later = slack.responseUrls.create({ origin: 'slash_command', user: ALICE, channel: ALERTS });
    clock.advance(30 * 60 * 1000 + 1);
    expect(await post(later.url, { text: 'late' })).toEqual({
      status: 404,
      json: { ok: false, error: 'expired_url' },
    });
    expect(slack.calls.find({ kind: 'response_url', ok: false }).map((c) => c.error)).toEqual([
      'used_url',
      'expired_url',
    ]);
  });

  it('validates blocks like a message and needs some content', async () => {
    const info = slack.responseUrls.create({ origin: 'slash_command', user: ALICE, channel: ALERTS });
    expect(await post(info.url, { blocks: [{ type: 'input' }] })).toEqual({
      status: 400,
      json: {
        ok: false,
        error: 'invalid_blocks',
        errors: ['unsupported type: input [json-pointer:/blocks/0/type]'],
      },
    });
    expect(await post(info.url, { response_type: 'ephemeral' })).toEqual({
      status: 400,
      json: { ok: false, error: 'no_text' },
    });
    expect((await post(`${slack.url}/respond/T0SIMTEAM1/999/nope`, { text: 'x' })).status).toBe(404);
  });

  it('takes injected faults', async () => {
    const info = slack.responseUrls.create({ origin: 'slash_command', user: ALICE, channel: ALERTS });
    slack.faults.add({ method: 'response_url', error: 'expired_url', times: 1 });
    expect(await post(info.url, { text: 'x' })).toEqual({
      status: 404,
      json: { ok: false, error: 'expired_url' },
    });
    expect((await post(info.url, { text: 'x' })).status).toBe(200);
  });
});

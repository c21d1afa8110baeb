import type { WebClient } from '@slack/web-api';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { incidentMessages } from '../../../src/db/schema.js';
import { createContext } from '../../../src/slack/delivery/context.js';
import { createEditor } from '../../../src/slack/delivery/edit.js';
import { createPoster, findPosted } from '../../../src/slack/delivery/post.js';
import type { MessageRow } from '../../../src/slack/delivery/types.js';
import { INCIDENT_METADATA_EVENT } from '../../../src/slack/ids.js';
import { CrashForTest } from '../../helpers/crash.js';
import { platformError, rateLimitedError } from '../../helpers/web-client.js';
import { ALERTS, type DeliverySetup, deliverySetup, MINUTE, OPS, T0 } from './helpers.js';

function rowsOf(s: DeliverySetup): MessageRow[] {
  return s.db.select().from(incidentMessages).orderBy(incidentMessages.id).all();
}

function rowOf(s: DeliverySetup, incidentId: number): MessageRow | undefined {
  return s.db.select().from(incidentMessages).where(eq(incidentMessages.incidentId, incidentId)).get();
}

const metadata = (incidentId: number) => ({
  event_type: INCIDENT_METADATA_EVENT,
  event_payload: { incident_id: incidentId, fingerprint: 'f' },
});

describe('posting new incidents', () => {
  it('posts once, with metadata naming the incident, and stores the message', async () => {
    const s = deliverySetup();
    const poster = createPoster(s.ctx);
    const id = s.fail('orders-api');
    s.fail('orders-api');
    await poster.postNew(new Set());
    await poster.postNew(new Set());

    const posts = s.slack.of('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      channel: ALERTS,
      unfurl_links: false,
      unfurl_media: false,
      metadata: {
        event_type: INCIDENT_METADATA_EVENT,
        event_payload: { incident_id: id, fingerprint: s.incidents.get(id)!.fingerprint },
      },
    });
    expect(posts[0]!.text).toBe(s.ctx.render(s.incidents.get(id)!).text);
    expect(rowOf(s, id)).toMatchObject({
      state: 'posted',
      ts: s.slack.channels.get(ALERTS)![0]!.ts,
      renderedRevision: 2,
      notedOccurrences: 2,
    });
    // Nothing to recover for a row this process wrote: no history read.
    expect(s.slack.of('conversations.history')).toEqual([]);
    expect(s.ctx.stats.posts).toBe(1);
  });

  it('routes by function pattern, and leaves muted incidents and paused channels for later', async () => {
    const s = deliverySetup({ routes: [{ functions: ['billing-*'], channel: OPS }] });
    const poster = createPoster(s.ctx);
    const billing = s.fail('billing-api');
    const orders = s.fail('orders-api');
    const muted = s.fail('muted-api');
    s.incidents.mute(muted, 'U1', { until: T0 + MINUTE, reason: 'known' });

    await poster.postNew(new Set([ALERTS]));
    expect(s.slack.of('chat.postMessage').map((p) => p.channel)).toEqual([OPS]);
    expect(rowOf(s, billing)?.channel).toBe(OPS);
    // Nothing is written for a paused channel: the incident is simply posted next time.
    expect(rowOf(s, orders)).toBeUndefined();
    await poster.postNew(new Set());
    expect(rowsOf(s).map((r) => [r.incidentId, r.channel, r.state])).toEqual([
      [billing, OPS, 'posted'],
      [orders, ALERTS, 'posted'],
    ]);
  });

  it('stops posting to a channel that answers 429, and posts the rest when it is due', async () => {
    const s = deliverySetup();
    const poster = createPoster(s.ctx);
    const a = s.fail('a-fn');
    const b = s.fail('b-fn');
    s.slack.failNext('chat.postMessage', rateLimitedError(5));
    const paused = new Set<string>();
    await poster.postNew(paused);
    expect(s.slack.of('chat.postMessage')).toHaveLength(1);
    expect([...paused]).toEqual([ALERTS]);
    expect(rowOf(s, a)).toMatchObject({ state: 'posting', attempts: 1, nextAttemptAt: T0 + 5_000 });
    expect(s.ctx.stats.rateLimited).toBe(1);

    s.clock.advance(5_000);
    await poster.postNew(new Set());
    // The retried row may already be in Slack (the 429 could have come late): it looks first.
    expect(s.slack.of('conversations.history')).toHaveLength(1);
    expect(rowsOf(s).map((r) => [r.incidentId, r.state])).toEqual([
      [a, 'posted'],
      [b, 'posted'],
    ]);
  });

  it('joins a public channel it is not in, and tries again later', async () => {
    const s = deliverySetup();
    const poster = createPoster(s.ctx);
    const id = s.fail('orders-api');
    s.slack.failNext('chat.postMessage', platformError('not_in_channel'));
    await poster.postNew(new Set());
    expect(s.slack.of('conversations.join')).toEqual([{ channel: ALERTS }]);
    expect(rowOf(s, id)).toMatchObject({ state: 'posting', attempts: 1, lastError: 'not_in_channel' });
    expect(s.ctx.stats.errors).toBe(1);
    s.clock.advance(15_000);
    await poster.postNew(new Set());
    expect(rowOf(s, id)?.state).toBe('posted');
  });
});

describe('crash recovery', () => {
  it('adopts a message a dead process posted instead of posting it again, and edits it once', async () => {
    const s = deliverySetup({ delivery: { editIntervalMs: 0 } });
    const id = s.fail('orders-api');
    const crashing = createPoster(
      createContext({
        ...s.deps,
        hooks: {
          afterPost: () => {
            throw new CrashForTest('killed before storing ts');
          },
        },
      }),
    );
    await expect(crashing.postNew(new Set())).rejects.toThrow(CrashForTest);
    expect(rowOf(s, id)).toMatchObject({ state: 'posting', ts: null });

    // A new process: a new context, the same database and Slack.
    const poster = createPoster(s.ctx);
    await poster.postNew(new Set());
    expect(s.slack.of('chat.postMessage')).toHaveLength(1);
    expect(rowOf(s, id)).toMatchObject({
      state: 'posted',
      ts: s.slack.channels.get(ALERTS)![0]!.ts,
      // One below: what the dead process rendered is not known, so the next pass edits it.
      renderedRevision: s.incidents.get(id)!.revision - 1,
    });
    expect(s.ctx.stats).toMatchObject({ recovered: 1, posts: 0 });
    await createEditor(s.ctx).editChanged(new Set());
    expect(s.slack.of('chat.update')).toMatchObject([{ channel: ALERTS, ts: rowOf(s, id)!.ts }]);
  });

  it('posts a row a dead process wrote when the channel does not have it', async () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    const crashing = createPoster(
      createContext({
        ...s.deps,
        hooks: {
          beforePost: () => {
            throw new CrashForTest('killed before chat.postMessage');
          },
        },
      }),
    );
    await expect(crashing.postNew(new Set())).rejects.toThrow(CrashForTest);
    s.slack.post(ALERTS, { ts: '1699999999.000100', metadata: metadata(id + 1) });

    await createPoster(s.ctx).postNew(new Set());
    expect(s.slack.of('conversations.history')).toHaveLength(1);
    expect(s.slack.of('chat.postMessage')).toHaveLength(1);
    expect(rowOf(s, id)).toMatchObject({ state: 'posted', renderedRevision: 1 });
  });

  it('does not post while the channel history cannot be read', async () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    createContext(s.deps).outbox.claim(id, ALERTS, T0);
    s.slack.failNext('conversations.history', platformError('missing_scope'));
    await createPoster(s.ctx).postNew(new Set());
    expect(s.slack.of('chat.postMessage')).toEqual([]);
    expect(rowOf(s, id)).toMatchObject({ state: 'posting', attempts: 1, lastError: 'missing_scope' });
    expect(s.ctx.stats.errors).toBe(1);
  });
});

describe('findPosted', () => {
  /** A channel history in pages of one message each, linked by cursors. */
  function pagedHistory(pages: { ts: string; metadata?: unknown }[]) {
    const calls: Record<string, unknown>[] = [];
    const slack = {
      conversations: {
        history: async (args: Record<string, unknown>) => {
          calls.push(args);
          const page = Number(args.cursor ?? 0);
          return {
            ok: true,
            messages: pages[page] ? [pages[page]] : [],
            response_metadata: { next_cursor: page + 1 < pages.length ? String(page + 1) : '' },
          };
        },
      },
    } as unknown as WebClient;
    return { slack, calls };
  }

  const row = { channel: ALERTS, incidentId: 7, createdAt: T0 } as MessageRow;

  it('finds the message by its metadata across pages, from a minute before the row was written', async () => {
    const { slack, calls } = pagedHistory([
      { ts: '1.1', metadata: metadata(6) },
      { ts: '1.2' },
      { ts: '1.3', metadata: metadata(7) },
    ]);
    expect(await findPosted(slack, row)).toBe('1.3');
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({
      channel: ALERTS,
      oldest: String((T0 - MINUTE) / 1000),
      include_all_metadata: true,
    });
  });

  it('reads at most five pages', async () => {
    const { slack, calls } = pagedHistory(
      Array.from({ length: 8 }, (_, i) => ({ ts: `1.${i}`, metadata: metadata(i === 6 ? 7 : 1) })),
    );
    expect(await findPosted(slack, row)).toBeUndefined();
    expect(calls).toHaveLength(5);
  });
});

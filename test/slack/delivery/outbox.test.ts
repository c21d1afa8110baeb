import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { incidentMessages } from '../../../src/db/schema.js';
import { lastActionId } from '../../../src/incidents/store.js';
import { createOutbox, retryDelayMs } from '../../../src/slack/delivery/outbox.js';
import type { MessageRow } from '../../../src/slack/delivery/types.js';
import type { SlackErrorInfo } from '../../../src/slack/slack-errors.js';
import { ALERTS, type DeliverySetup, deliverySetup, HOUR, MINUTE, OPS, SECOND, T0 } from './helpers.js';

const SETTINGS = { backlogMs: 24 * HOUR, editIntervalMs: 10 * SECOND, remindAfterMs: 30 * MINUTE };

function outboxOf(s: DeliverySetup, settings = SETTINGS) {
  return createOutbox({ db: s.db, clock: s.clock, settings });
}

function row(s: DeliverySetup, incidentId: number): MessageRow {
  return s.db.select().from(incidentMessages).where(eq(incidentMessages.incidentId, incidentId)).get()!;
}

function rows(s: DeliverySetup): MessageRow[] {
  return s.db.select().from(incidentMessages).orderBy(incidentMessages.id).all();
}

const slackError = (over: Partial<SlackErrorInfo> = {}): SlackErrorInfo => ({
  error: 'channel_not_found',
  fix: 'check the channel',
  rateLimited: false,
  permanent: false,
  ...over,
});

describe('posts due', () => {
  it('lists incidents without a message, seen within the backlog window', () => {
    const s = deliverySetup();
    const old = s.fail('old-fn');
    s.clock.advance(25 * HOUR);
    const fresh = s.fail('fresh-fn');
    const muted = s.fail('muted-fn');
    s.incidents.mute(muted, 'U1', { until: T0 + 30 * HOUR, reason: 'known' });
    const outbox = outboxOf(s);
    expect(outbox.unposted(s.clock.now()).map((i) => i.id)).toEqual([fresh]);
    // A wider window takes the older one too.
    expect(
      outboxOf(s, { ...SETTINGS, backlogMs: 26 * HOUR })
        .unposted(s.clock.now())
        .map((i) => i.id),
    ).toEqual([old, fresh]);
  });

  it('claims a row in state posting before the post, once per incident and channel', () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    const outbox = outboxOf(s);
    outbox.claim(id, ALERTS, T0);
    outbox.claim(id, ALERTS, T0 + MINUTE);
    outbox.claim(id, OPS, T0);
    expect(rows(s)).toMatchObject([
      { incidentId: id, channel: ALERTS, state: 'posting', ts: null, createdAt: T0, attempts: 0 },
      { incidentId: id, channel: OPS, state: 'posting' },
    ]);
    expect(outbox.unposted(T0)).toEqual([]);
    expect(outbox.postingDue(T0).map((r) => r.channel)).toEqual([ALERTS, OPS]);
  });

  it('suspects a row it did not write, or one already tried, of being in Slack already', () => {
    const s = deliverySetup();
    const a = s.fail('a-fn');
    const b = s.fail('b-fn');
    const before = outboxOf(s);
    before.claim(a, ALERTS, T0);
    // A new outbox is a new process: the row from before may have been posted before it died.
    const after = outboxOf(s);
    after.claim(b, ALERTS, T0);
    expect(after.mayBeInSlack(row(s, a))).toBe(true);
    expect(after.mayBeInSlack(row(s, b))).toBe(false);
    expect(before.mayBeInSlack(row(s, a))).toBe(false);
    before.backoff(row(s, a), slackError());
    expect(before.mayBeInSlack(row(s, a))).toBe(true);
  });

  it('adopts a posted message: ts, revision, and every action so far as noted', () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    s.fail('orders-api');
    s.incidents.assign(id, 'U1', 'U2');
    const outbox = outboxOf(s);
    outbox.claim(id, ALERTS, T0);
    s.clock.advance(SECOND);
    outbox.adopt(row(s, id), '1700000000.000100', 3, 2);
    expect(row(s, id)).toMatchObject({
      ts: '1700000000.000100',
      state: 'posted',
      renderedRevision: 3,
      lastUpdateAt: T0 + SECOND,
      notedOccurrences: 2,
      lastNoteAt: T0 + SECOND,
      notedActionId: lastActionId(s.db, id),
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
    });
    expect(outbox.postingDue(s.clock.now())).toEqual([]);
  });

  it('adopts a recovered message without counting its occurrences as noted', () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    const outbox = outboxOf(s);
    outbox.claim(id, ALERTS, T0);
    outbox.adopt(row(s, id), '1700000000.000100', 0);
    expect(row(s, id)).toMatchObject({
      state: 'posted',
      renderedRevision: 0,
      notedOccurrences: 0,
      lastNoteAt: null,
    });
  });
});

describe('backing off', () => {
  it('waits 15 s after the first failure, doubling up to 30 min; Retry-After wins', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => retryDelayMs(n, {}))).toEqual([
      15_000,
      30_000,
      60_000,
      120_000,
      960_000,
      30 * MINUTE,
      30 * MINUTE,
    ]);
    expect(retryDelayMs(5, { retryAfterMs: 3_000 })).toBe(3_000);
  });

  it('stores the attempt and the error, and keeps the row out of passes until it is due', () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    const outbox = outboxOf(s);
    outbox.claim(id, ALERTS, T0);
    outbox.backoff(row(s, id), slackError());
    expect(row(s, id)).toMatchObject({
      attempts: 1,
      nextAttemptAt: T0 + 15_000,
      lastError: 'channel_not_found',
    });
    expect(outbox.postingDue(T0 + 14_999)).toEqual([]);
    outbox.backoff(row(s, id), slackError());
    expect(row(s, id)).toMatchObject({ attempts: 2, nextAttemptAt: T0 + 30_000, state: 'posting' });
    expect(outbox.postingDue(T0 + 30_000).map((r) => r.incidentId)).toEqual([id]);
  });

  it('gives up on a permanent error', () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    const outbox = outboxOf(s);
    outbox.claim(id, ALERTS, T0);
    outbox.backoff(row(s, id), slackError({ error: 'invalid_blocks', permanent: true }));
    expect(row(s, id)).toMatchObject({ state: 'failed', lastError: 'invalid_blocks' });
    expect(outbox.postingDue(T0 + HOUR)).toEqual([]);
    // Failed is handled: the incident is not posted again.
    expect(outbox.unposted(T0)).toEqual([]);
  });
});

describe('edits and threads due', () => {
  function posted(s: DeliverySetup, outbox: ReturnType<typeof outboxOf>, id: number): MessageRow {
    outbox.claim(id, ALERTS, s.clock.now());
    const incident = s.incidents.get(id)!;
    outbox.adopt(row(s, id), `ts-${id}`, incident.revision, incident.occurrences);
    return row(s, id);
  }

  it('edits a changed message once its last edit is editInterval old', () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    const outbox = outboxOf(s);
    posted(s, outbox, id);
    expect(outbox.editsDue(T0 + HOUR)).toEqual([]);
    s.incidents.acknowledge(id, 'U1');
    expect(outbox.editsDue(T0 + 9_999)).toEqual([]);
    expect(outbox.editsDue(T0 + 10_000).map((d) => d.incident.state)).toEqual(['acknowledged']);
    s.clock.set(T0 + 10_000);
    outbox.edited(row(s, id), s.incidents.get(id)!.revision);
    expect(row(s, id)).toMatchObject({ renderedRevision: 2, lastUpdateAt: T0 + 10_000 });
    expect(outbox.editsDue(T0 + HOUR)).toEqual([]);
  });

  it('lists a thread with unnoted actions, and stops once they are noted', () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    const outbox = outboxOf(s);
    posted(s, outbox, id);
    expect(outbox.threadsDue(T0)).toEqual([]);
    s.incidents.acknowledge(id, 'U1');
    s.incidents.assign(id, 'U1', 'U2');
    const [due] = outbox.threadsDue(T0);
    expect(outbox.unnotedActions(due!.message).map((a) => a.action)).toEqual(['acknowledged', 'assigned']);
    outbox.notedAction(due!.message, lastActionId(s.db, id));
    expect(outbox.unnotedActions(row(s, id))).toEqual([]);
    expect(outbox.threadsDue(T0)).toEqual([]);
  });

  it('lists a thread with uncounted occurrences until they are noted', () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    const outbox = outboxOf(s);
    posted(s, outbox, id);
    s.fail('orders-api');
    s.fail('orders-api');
    expect(outbox.threadsDue(T0).map((d) => d.incident.occurrences)).toEqual([3]);
    s.clock.advance(MINUTE);
    outbox.notedOccurrences(row(s, id), 3);
    expect(row(s, id)).toMatchObject({ notedOccurrences: 3, lastNoteAt: T0 + MINUTE });
    expect(outbox.threadsDue(s.clock.now())).toEqual([]);
  });

  it('lists an open thread from remindAfter on, and stores when it was reminded', () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    const outbox = outboxOf(s);
    posted(s, outbox, id);
    expect(outbox.threadsDue(T0 + 30 * MINUTE - 1)).toEqual([]);
    expect(outbox.threadsDue(T0 + 30 * MINUTE)).toHaveLength(1);
    s.clock.set(T0 + 30 * MINUTE);
    outbox.reminded(row(s, id));
    expect(row(s, id).lastReminderAt).toBe(T0 + 30 * MINUTE);
  });

  it('lists only the posted messages of an incident for an immediate edit', () => {
    const s = deliverySetup();
    const id = s.fail('orders-api');
    const outbox = outboxOf(s);
    posted(s, outbox, id);
    outbox.claim(id, OPS, T0);
    expect(outbox.posted(id).map((r) => r.channel)).toEqual([ALERTS]);
    expect(outbox.posted(id + 1)).toEqual([]);
  });
});

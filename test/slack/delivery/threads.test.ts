import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { incidentMessages } from '../../../src/db/schema.js';
import { lastActionId } from '../../../src/incidents/store.js';
import { createThreads, occurrencesToNote, reminderDue } from '../../../src/slack/delivery/threads.js';
import { platformError } from '../../helpers/web-client.js';
import { ALERTS, type DeliverySetup, deliverySetup, HOUR, MINUTE, OPS, posted, T0 } from './helpers.js';

function rowOf(s: DeliverySetup, incidentId: number) {
  return s.db.select().from(incidentMessages).where(eq(incidentMessages.incidentId, incidentId)).get()!;
}

/** The thread replies sent so far: text, thread and broadcast. */
function replies(s: DeliverySetup) {
  return s.slack
    .of('chat.postMessage')
    .map((a) => ({ thread: a.thread_ts as string, text: a.text as string, broadcast: a.reply_broadcast }));
}

describe('when a note is due', () => {
  const cfg = { remindAfterMs: 30 * MINUTE, remindEveryMs: HOUR };

  it('notes new occurrences at most once per interval', () => {
    const row = { notedOccurrences: 3, lastNoteAt: T0 };
    expect(occurrencesToNote(row, { occurrences: 3 }, T0 + HOUR, 5 * MINUTE)).toBe(0);
    expect(occurrencesToNote(row, { occurrences: 10 }, T0 + 5 * MINUTE - 1, 5 * MINUTE)).toBe(0);
    expect(occurrencesToNote(row, { occurrences: 10 }, T0 + 5 * MINUTE, 5 * MINUTE)).toBe(7);
    // Never noted: at once.
    expect(occurrencesToNote({ notedOccurrences: 1, lastNoteAt: null }, { occurrences: 2 }, T0, HOUR)).toBe(
      1,
    );
  });

  it('reminds about an open incident after remindAfter, then every remindEvery', () => {
    const open = { state: 'open' as const, openedAt: T0 };
    expect(reminderDue({ lastReminderAt: null }, open, T0 + 30 * MINUTE - 1, cfg)).toBe(false);
    expect(reminderDue({ lastReminderAt: null }, open, T0 + 30 * MINUTE, cfg)).toBe(true);
    expect(reminderDue({ lastReminderAt: T0 + 30 * MINUTE }, open, T0 + 89 * MINUTE, cfg)).toBe(false);
    expect(reminderDue({ lastReminderAt: T0 + 30 * MINUTE }, open, T0 + 90 * MINUTE, cfg)).toBe(true);
    for (const state of ['acknowledged', 'muted', 'resolved'] as const) {
      expect(reminderDue({ lastReminderAt: null }, { state, openedAt: T0 }, T0 + 10 * HOUR, cfg)).toBe(false);
    }
  });
});

describe('thread notes', () => {
  it('notes each action once in the thread, and broadcasts a regression', async () => {
    const s = deliverySetup();
    const threads = createThreads(s.ctx);
    const id = s.fail('orders-api');
    posted(s, id);
    await threads.noteThreads(new Set());
    expect(replies(s)).toEqual([]);

    s.incidents.acknowledge(id, 'U0ALICE001');
    s.incidents.resolve(id, 'U0BOB00001');
    await threads.noteThreads(new Set());
    expect(replies(s)).toMatchObject([
      { thread: `ts-${id}-${ALERTS}`, text: expect.stringContaining('acknowledged'), broadcast: false },
      { thread: `ts-${id}-${ALERTS}`, text: expect.stringContaining('resolved'), broadcast: false },
    ]);
    expect(rowOf(s, id).notedActionId).toBe(lastActionId(s.db, id));
    await threads.noteThreads(new Set());
    expect(replies(s)).toHaveLength(2);

    s.clock.advance(HOUR);
    s.fail('orders-api');
    await threads.noteThreads(new Set());
    // The regression is broadcast; its occurrence is counted in a note of its own.
    expect(replies(s).slice(2)).toMatchObject([
      { broadcast: true, text: expect.stringContaining('Regression') },
      { broadcast: false, text: expect.stringMatching(/^1 more in the last/) },
    ]);
    expect(s.ctx.stats.notes).toBe(4);
  });

  it('skips the opening (the message itself announces it) but marks it noted', async () => {
    const s = deliverySetup();
    const threads = createThreads(s.ctx);
    const id = s.fail('orders-api');
    posted(s, id);
    s.db.update(incidentMessages).set({ notedActionId: 0 }).where(eq(incidentMessages.incidentId, id)).run();
    await threads.noteThreads(new Set());
    expect(replies(s)).toEqual([]);
    expect(rowOf(s, id).notedActionId).toBe(lastActionId(s.db, id));
    expect(s.ctx.stats.notes).toBe(0);
  });

  it('folds a burst of occurrences into one note per interval', async () => {
    const s = deliverySetup();
    const threads = createThreads(s.ctx);
    const id = s.fail('orders-api');
    posted(s, id);
    for (let i = 0; i < 50; i++) {
      s.clock.advance(2_000);
      s.fail('orders-api');
    }
    await threads.noteThreads(new Set());
    expect(replies(s)).toEqual([]);

    s.clock.set(T0 + 5 * MINUTE);
    await threads.noteThreads(new Set());
    await threads.noteThreads(new Set());
    expect(replies(s)).toMatchObject([
      { text: expect.stringMatching(/^50 more in the last 5 min \(51 occurrences/) },
    ]);
    expect(rowOf(s, id)).toMatchObject({ notedOccurrences: 51, lastNoteAt: T0 + 5 * MINUTE });

    for (let i = 0; i < 10; i++) s.fail('orders-api');
    s.clock.set(T0 + 10 * MINUTE - 1);
    await threads.noteThreads(new Set());
    expect(replies(s)).toHaveLength(1);
    s.clock.set(T0 + 10 * MINUTE);
    await threads.noteThreads(new Set());
    expect(replies(s).map((r) => r.text.split(' (')[0])).toEqual([
      '50 more in the last 5 min',
      '10 more in the last 5 min',
    ]);
  });

  it('reminds in the thread while nobody acknowledges, and stops once someone does', async () => {
    const s = deliverySetup();
    const threads = createThreads(s.ctx);
    const id = s.fail('orders-api');
    posted(s, id);
    s.clock.set(T0 + 29 * MINUTE);
    await threads.noteThreads(new Set());
    expect(replies(s)).toEqual([]);

    s.clock.set(T0 + 30 * MINUTE);
    await threads.noteThreads(new Set());
    s.clock.set(T0 + 89 * MINUTE);
    await threads.noteThreads(new Set());
    expect(replies(s)).toMatchObject([
      { text: expect.stringMatching(/^⏰ Still not acknowledged after 30 min/) },
    ]);
    s.clock.set(T0 + 90 * MINUTE);
    await threads.noteThreads(new Set());
    expect(replies(s)).toHaveLength(2);
    expect(s.ctx.stats.reminders).toBe(2);

    s.incidents.acknowledge(id, 'U0ALICE001');
    s.clock.set(T0 + 10 * HOUR);
    await threads.noteThreads(new Set());
    await threads.noteThreads(new Set());
    expect(replies(s).map((r) => r.text)).toEqual([
      expect.stringContaining('Still not acknowledged'),
      expect.stringContaining('Still not acknowledged'),
      expect.stringMatching(/<@U0ALICE001> acknowledged$/),
    ]);
    expect(s.ctx.stats.reminders).toBe(2);
  });

  it('follows the reminder setting', async () => {
    const s = deliverySetup({ delivery: { remindAfterMs: 5 * MINUTE } });
    const threads = createThreads(s.ctx);
    posted(s, s.fail('orders-api'));
    s.clock.set(T0 + 5 * MINUTE);
    await threads.noteThreads(new Set());
    expect(replies(s)).toHaveLength(1);
  });

  it('stops the pass at a failed note, backs the row off, and goes on with the others next time', async () => {
    const s = deliverySetup();
    const threads = createThreads(s.ctx);
    const a = s.fail('a-fn');
    const b = s.fail('b-fn');
    posted(s, a);
    posted(s, b);
    s.incidents.acknowledge(a, 'U1');
    s.incidents.acknowledge(b, 'U1');
    s.slack.failNext('chat.postMessage', platformError('not_in_channel'));
    await threads.noteThreads(new Set());
    expect(s.slack.of('chat.postMessage')).toHaveLength(1);
    const failed = rowOf(s, a).attempts === 1 ? a : b;
    const other = failed === a ? b : a;
    expect(rowOf(s, failed)).toMatchObject({ attempts: 1, lastError: 'not_in_channel' });
    expect(rowOf(s, failed).notedActionId).toBeLessThan(lastActionId(s.db, failed));

    await threads.noteThreads(new Set());
    expect(s.slack.of('chat.postMessage')).toHaveLength(2);
    expect(rowOf(s, other).notedActionId).toBe(lastActionId(s.db, other));
    s.clock.advance(15_000);
    await threads.noteThreads(new Set());
    expect(s.slack.of('chat.postMessage')).toHaveLength(3);
    expect(rowOf(s, failed).notedActionId).toBe(lastActionId(s.db, failed));
  });

  it('leaves paused channels alone, and paces notes per channel', async () => {
    const s = deliverySetup();
    const threads = createThreads(s.ctx);
    const a = s.fail('a-fn');
    const b = s.fail('b-fn');
    const c = s.fail('c-fn');
    posted(s, a);
    posted(s, b);
    posted(s, c, OPS);
    for (const id of [a, b, c]) s.incidents.acknowledge(id, 'U1');
    await threads.noteThreads(new Set([OPS]));
    expect(s.slack.of('chat.postMessage').map((m) => m.channel)).toEqual([ALERTS, ALERTS]);
    // The second note to ALERTS waited for the channel gap.
    expect(s.clock.sleeps).toEqual([1_100]);
  });
});

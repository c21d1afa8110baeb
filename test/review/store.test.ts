import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { reviewEvents, reviews } from '../../src/db/schema.js';
import { PillarError } from '../../src/errors.js';
import { createReviewStore, mustBeOpen, type ReviewStore } from '../../src/review/store.js';
import type { Review } from '../../src/review/types.js';
import { FakeClock } from '../helpers/clock.js';
import { testDb } from '../helpers/db.js';

let db: Db;
let clock: FakeClock;
let store: ReviewStore;

const draft = (workload: string, runKey: string, over: Partial<Review> = {}): Omit<Review, 'id'> => ({
  workload: { name: workload, id: `id-${workload}`, arn: 'arn', region: 'us-east-1', account: 'prod' },
  runKey,
  trigger: 'command',
  status: 'open',
  startedAt: clock.now(),
  lenses: [],
  pillars: [],
  questions: [],
  drift: [],
  evidenceAt: clock.now(),
  ...over,
});

/** Stores a review and finishes it, as `finish` leaves it. */
function finished(workload: string, runKey: string): Review {
  const r = store.insert(draft(workload, runKey));
  r.status = 'finished';
  r.finishedAt = clock.now();
  r.milestone = { number: 1, name: `${runKey} review` };
  store.save(r);
  return r;
}

beforeEach(() => {
  db = testDb();
  clock = new FakeClock('2026-11-28T12:00:00Z');
  store = createReviewStore(db, clock);
});

describe('the reviews table', () => {
  it('stores the whole review with its id, and copies the queried fields into columns', () => {
    const r = store.insert(draft('orders', '2026-H2', { startedBy: 'U0ALICE01', trigger: 'schedule' }));
    expect(store.get(r.id)).toEqual(r);
    expect(JSON.parse(db.select().from(reviews).get()!.state).id).toBe(r.id);
    r.status = 'finished';
    r.milestone = { number: 3, name: '2026-H2 review' };
    store.save(r);
    expect(db.select().from(reviews).get()).toMatchObject({
      workload: 'orders',
      runKey: '2026-H2',
      trigger: 'schedule',
      startedBy: 'U0ALICE01',
      status: 'finished',
      milestoneNumber: 3,
      milestoneName: '2026-H2 review',
    });
    expect(store.get(r.id + 1)).toBeUndefined();
  });

  it('finds a workload open review, a run key, and the latest review: the open one before a newer finished one', () => {
    const open = store.insert(draft('orders', '2026-H1'));
    const done = finished('orders', '2026-H2');
    finished('payments', '2026-H2');
    expect(store.openOf('orders')?.id).toBe(open.id);
    expect(store.openOf('payments')).toBeUndefined();
    expect(store.withRunKey('orders', '2026-H2')?.id).toBe(done.id);
    expect(store.withRunKey('orders', '2025-H2')).toBeUndefined();
    expect(store.latest('orders')?.id).toBe(open.id);
    expect(store.latest('payments')?.status).toBe('finished');
    expect(store.latest('billing')).toBeUndefined();
    const other = store.insert(draft('billing', '2026-H2'));
    expect(store.openReviews().map((r) => r.id)).toEqual([open.id, other.id]);
  });

  it('says how to start a review when one does not exist, and refuses changes to a finished one', () => {
    expect(() => store.mustGet(42)).toThrow(
      'Review 42 does not exist (it may have been pruned); start one with /wa review.',
    );
    const done = finished('orders', '2026-H2');
    let err: unknown;
    try {
      mustBeOpen(store.mustGet(done.id));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PillarError);
    expect((err as PillarError).code).toBe('invalid_transition');
    expect((err as PillarError).message).toBe(
      'The review of orders is finished (milestone "2026-H2 review"); start a new one with /wa review orders.',
    );
    expect(() => mustBeOpen(store.insert(draft('orders', '2027-H1')))).not.toThrow();
  });
});

describe('the audit trail and the Slack message', () => {
  it('records who changed what, about which question, at what time', () => {
    const r = store.insert(draft('orders', '2026-H2'));
    store.audit(
      r,
      'U0ALICE01',
      'apply_selection',
      { selected: ['a'] },
      { lens: 'serverless', questionId: 'q1' },
    );
    clock.advance(1000);
    store.audit(r, 'pillar', 'start', undefined);
    expect(db.select().from(reviewEvents).all()).toEqual([
      {
        id: 1,
        reviewId: r.id,
        at: Date.parse('2026-11-28T12:00:00Z'),
        by: 'U0ALICE01',
        action: 'apply_selection',
        lens: 'serverless',
        questionId: 'q1',
        detail: '{"selected":["a"]}',
      },
      {
        id: 2,
        reviewId: r.id,
        at: Date.parse('2026-11-28T12:00:01Z'),
        by: 'pillar',
        action: 'start',
        lens: null,
        questionId: null,
        detail: null,
      },
    ]);
  });

  it('remembers the message and its reminders, and records no reminder for a review never posted', () => {
    const posted = store.insert(draft('orders', '2026-H2'));
    const unposted = store.insert(draft('payments', '2026-H2'));
    store.markReminded(unposted.id, 5);
    expect(store.get(unposted.id)?.slack).toBeUndefined();
    store.attachSlack(posted.id, 'C0REVIEWS', '1.000100');
    store.markReminded(posted.id, 7);
    expect(store.get(posted.id)?.slack).toEqual({ channel: 'C0REVIEWS', ts: '1.000100', lastReminderAt: 7 });
    // A new message keeps the reminder time.
    store.attachSlack(posted.id, 'C0REVIEWS', '2.000200');
    expect(store.get(posted.id)?.slack).toEqual({ channel: 'C0REVIEWS', ts: '2.000200', lastReminderAt: 7 });
    expect(
      db
        .select()
        .from(reviews)
        .all()
        .find((r) => r.id === posted.id),
    ).toMatchObject({
      channel: 'C0REVIEWS',
      messageTs: '2.000200',
      lastReminderAt: 7,
    });
  });
});

import { and, asc, desc, eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { reviewEvents, reviews } from '../db/schema.js';
import { PillarError } from '../errors.js';
import type { Review } from './types.js';

/**
 * Reviews in the database: the `reviews` table keeps each review's whole state as JSON (with the
 * columns queries need copied out), and `review_events` the audit trail of who changed what.
 */
export interface ReviewStore {
  /** Stores a new review and returns it with its id. */
  insert(review: Omit<Review, 'id'>): Review;
  save(review: Review): void;
  get(id: number): Review | undefined;
  /** The review, or a `not_found` error a person can act on. */
  mustGet(id: number): Review;
  /** The workload's open review (the newest, should there be two). */
  openOf(workload: string): Review | undefined;
  /** A review of the workload with this run key, open or finished. */
  withRunKey(workload: string, runKey: string): Review | undefined;
  /** The workload's open review, else its latest finished one. */
  latest(workload: string): Review | undefined;
  /** Open reviews, oldest first. */
  openReviews(): Review[];
  /** Appends to the audit trail; `q` names the question a change was about. */
  audit(
    review: Review,
    by: string,
    action: string,
    detail: unknown,
    q?: { lens: string; questionId: string },
  ): void;
  /** Remembers the Slack message that shows the review. */
  attachSlack(id: number, channel: string, ts: string): void;
  /** Records that a reminder was posted in the review's thread (nothing when it was never posted). */
  markReminded(id: number, at: number): void;
}

export function createReviewStore(db: Db, clock: Clock): ReviewStore {
  function load(row: typeof reviews.$inferSelect): Review {
    return { ...(JSON.parse(row.state) as Review), id: row.id };
  }

  function save(review: Review): void {
    db.update(reviews)
      .set({
        status: review.status,
        finishedAt: review.finishedAt ?? null,
        milestoneNumber: review.milestone?.number ?? null,
        milestoneName: review.milestone?.name ?? null,
        channel: review.slack?.channel ?? null,
        messageTs: review.slack?.ts ?? null,
        lastReminderAt: review.slack?.lastReminderAt ?? null,
        state: JSON.stringify(review),
      })
      .where(eq(reviews.id, review.id))
      .run();
  }

  function mustGet(id: number): Review {
    const row = db.select().from(reviews).where(eq(reviews.id, id)).get();
    if (!row)
      throw new PillarError(
        'not_found',
        `Review ${id} does not exist (it may have been pruned); start one with /wa review.`,
      );
    return load(row);
  }

  function openOf(workload: string): Review | undefined {
    const row = db
      .select()
      .from(reviews)
      .where(and(eq(reviews.workload, workload), eq(reviews.status, 'open')))
      .orderBy(desc(reviews.id))
      .get();
    return row ? load(row) : undefined;
  }

  return {
    insert(review) {
      const row = db
        .insert(reviews)
        .values({
          workload: review.workload.name,
          runKey: review.runKey,
          trigger: review.trigger,
          status: review.status,
          startedAt: review.startedAt,
          startedBy: review.startedBy ?? null,
          state: JSON.stringify(review),
        })
        .returning({ id: reviews.id })
        .get();
      const stored: Review = { ...review, id: row.id };
      // Again with the id in the state, as every later save has it.
      save(stored);
      return stored;
    },

    save,

    get(id) {
      const row = db.select().from(reviews).where(eq(reviews.id, id)).get();
      return row ? load(row) : undefined;
    },

    mustGet,

    openOf,

    withRunKey(workload, runKey) {
      const row = db
        .select()
        .from(reviews)
        .where(and(eq(reviews.workload, workload), eq(reviews.runKey, runKey)))
        .get();
      return row ? load(row) : undefined;
    },

    latest(workload) {
      const open = openOf(workload);
      if (open) return open;
      const row = db
        .select()
        .from(reviews)
        .where(eq(reviews.workload, workload))
        .orderBy(desc(reviews.id))
        .get();
      return row ? load(row) : undefined;
    },

    openReviews() {
      return db
        .select()
        .from(reviews)
        .where(eq(reviews.status, 'open'))
        .orderBy(asc(reviews.id))
        .all()
        .map(load);
    },

    audit(review, by, action, detail, q) {
      db.insert(reviewEvents)
        .values({
          reviewId: review.id,
          at: clock.now(),
          by,
          action,
          lens: q?.lens ?? null,
          questionId: q?.questionId ?? null,
          detail: detail === undefined ? null : JSON.stringify(detail),
        })
        .run();
    },

    attachSlack(id, channel, ts) {
      const review = mustGet(id);
      review.slack = { ...review.slack, channel, ts };
      save(review);
    },

    markReminded(id, at) {
      const review = mustGet(id);
      if (!review.slack) return;
      review.slack.lastReminderAt = at;
      save(review);
    },
  };
}

/** Changes are for open reviews only; a finished one has its milestone. */
export function mustBeOpen(review: Review): void {
  if (review.status !== 'open')
    throw new PillarError(
      'invalid_transition',
      `The review of ${review.workload.name} is finished (milestone "${review.milestone?.name ?? ''}"); start a new one with /wa review ${review.workload.name}.`,
    );
}

import { randomUUID } from 'node:crypto';
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { incidentMessages } from '../../db/schema.js';
import {
  actionsAfter,
  changedSinceRendered,
  lastActionId,
  threadsWithNews,
  unpostedIncidents,
} from '../../incidents/store.js';
import type { Incident, IncidentAction, IncidentWithMessage } from '../../incidents/types.js';
import type { SlackErrorInfo } from '../slack-errors.js';
import type { DeliverySettings, MessageRow } from './types.js';

/**
 * What Slack still needs, derived from the database: incidents with no message (a post), messages
 * behind their incident's revision (an edit), threads behind its actions or occurrences or owing
 * a reminder (notes). The incidents are read through the incidents store; the message rows
 * (incident_messages) are delivery's own and written only here.
 */
export interface Outbox {
  /** Incidents to post: no message yet, seen within the backlog window, neither muted nor resolved. */
  unposted(now: number): Incident[];
  /** Writes the row (state `posting`) before the post is sent; nothing when the incident has one there. */
  claim(incidentId: number, channel: string, now: number): void;
  /** Rows in state `posting` due for an attempt at `now`, oldest first. */
  postingDue(now: number): MessageRow[];
  /** Whether an earlier attempt (or another process) may have posted the row's message already. */
  mayBeInSlack(row: MessageRow): boolean;
  /**
   * The message is in Slack as `ts`, showing `revision`. A fresh post also counts `occurrences`
   * as noted; every action so far is taken as noted (the message shows the state they led to).
   */
  adopt(row: MessageRow, ts: string, revision: number, occurrences?: number): void;
  /** After a failed attempt: wait (Retry-After, else exponential), and give up on permanent errors. */
  backoff(row: MessageRow, info: SlackErrorInfo): void;
  /** Posted messages whose incident changed and whose last edit is at least editIntervalMs old. */
  editsDue(now: number): IncidentWithMessage[];
  edited(row: MessageRow, revision: number): void;
  /** Posted messages whose thread has news: new actions, new occurrences, or maybe a reminder. */
  threadsDue(now: number): IncidentWithMessage[];
  unnotedActions(row: MessageRow): IncidentAction[];
  notedAction(row: MessageRow, actionId: number): void;
  notedOccurrences(row: MessageRow, occurrences: number): void;
  reminded(row: MessageRow): void;
  /** The incident's posted messages, one per channel. */
  posted(incidentId: number): MessageRow[];
}

export interface OutboxDeps {
  db: Db;
  clock: Clock;
  settings: Pick<DeliverySettings, 'backlogMs' | 'editIntervalMs' | 'remindAfterMs'>;
  /** Stamped on the rows this process writes (the database lease holder). */
  owner?: string;
}

/** How long to wait after the `attempts`-th failure: Slack's Retry-After, else 15 s doubling to 30 min. */
export function retryDelayMs(attempts: number, info: Pick<SlackErrorInfo, 'retryAfterMs'>): number {
  return info.retryAfterMs ?? Math.min(30 * 60_000, 15_000 * 2 ** Math.min(attempts - 1, 7));
}

export function createOutbox({ db, clock, settings, owner = `process-${randomUUID()}` }: OutboxDeps): Outbox {
  const set = (row: MessageRow, values: Partial<typeof incidentMessages.$inferInsert>): void => {
    db.update(incidentMessages).set(values).where(eq(incidentMessages.id, row.id)).run();
  };

  return {
    unposted: (now) => unpostedIncidents(db, now - settings.backlogMs),

    claim(incidentId, channel, now) {
      db.insert(incidentMessages)
        .values({ incidentId, channel, state: 'posting', createdAt: now, owner })
        .onConflictDoNothing()
        .run();
    },

    postingDue: (now) =>
      db
        .select()
        .from(incidentMessages)
        .where(and(eq(incidentMessages.state, 'posting'), lte(incidentMessages.nextAttemptAt, now)))
        .orderBy(asc(incidentMessages.id))
        .all(),

    // A row another process (or an earlier run of this one) wrote may have been posted before it died.
    mayBeInSlack: (row) => row.attempts > 0 || row.owner !== owner,

    adopt(row, ts, revision, occurrences) {
      const now = clock.now();
      set(row, {
        ts,
        state: 'posted',
        renderedRevision: revision,
        lastUpdateAt: now,
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
        ...(occurrences !== undefined ? { notedOccurrences: occurrences, lastNoteAt: now } : {}),
        notedActionId: lastActionId(db, row.incidentId),
      });
    },

    backoff(row, info) {
      const now = clock.now();
      const attempts = row.attempts + 1;
      set(row, {
        attempts,
        nextAttemptAt: now + retryDelayMs(attempts, info),
        lastError: info.error,
        ...(info.permanent ? { state: 'failed' } : {}),
      });
    },

    editsDue: (now) => changedSinceRendered(db, { now, editedBefore: now - settings.editIntervalMs }),

    edited: (row, revision) =>
      set(row, { renderedRevision: revision, lastUpdateAt: clock.now(), attempts: 0, lastError: null }),

    threadsDue: (now) => threadsWithNews(db, { now, openedBefore: now - settings.remindAfterMs }),

    unnotedActions: (row) => actionsAfter(db, row.incidentId, row.notedActionId),

    notedAction: (row, actionId) => set(row, { notedActionId: actionId }),

    notedOccurrences: (row, occurrences) =>
      set(row, { notedOccurrences: occurrences, lastNoteAt: clock.now() }),

    reminded: (row) => set(row, { lastReminderAt: clock.now() }),

    posted: (incidentId) =>
      db
        .select()
        .from(incidentMessages)
        .where(and(eq(incidentMessages.incidentId, incidentId), eq(incidentMessages.state, 'posted')))
        .all(),
  };
}

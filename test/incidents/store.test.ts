import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { incidentMessages } from '../../src/db/schema.js';
import { PillarError } from '../../src/errors.js';
import {
  actionsAfter,
  addAction,
  bounded,
  changedSinceRendered,
  countByState,
  findIncident,
  lastActionId,
  listIncidents,
  mustFindIncident,
  mutesEnded,
  threadsWithNews,
  unpostedIncidents,
  updateIncident,
  writeTx,
} from '../../src/incidents/store.js';
import type { IncidentMessage } from '../../src/incidents/types.js';
import { failure, HOUR, MINUTE, type Setup, setup, T0 } from './helpers.js';

/** A new incident of its own (one per function name), opened at the clock's time. */
function open(s: Setup, fn: string, over: Parameters<typeof failure>[0] = {}): number {
  return s.incidents.recordFailure(failure({ functionName: fn, logGroup: `/aws/lambda/${fn}`, ...over }))
    .incident.id;
}

/** A message row as delivery writes it; by default posted and up to date with the incident. */
function message(db: Db, incidentId: number, over: Partial<typeof incidentMessages.$inferInsert> = {}) {
  const incident = findIncident(db, incidentId)!;
  return db
    .insert(incidentMessages)
    .values({
      incidentId,
      channel: 'C0ALERTS01',
      ts: '1700000000.000100',
      state: 'posted',
      renderedRevision: incident.revision,
      lastUpdateAt: T0,
      notedOccurrences: incident.occurrences,
      notedActionId: lastActionId(db, incidentId),
      lastNoteAt: T0,
      createdAt: T0,
      ...over,
    })
    .returning()
    .get();
}

function setRow(db: Db, incidentId: number, values: Partial<typeof incidentMessages.$inferInsert>): void {
  db.update(incidentMessages).set(values).where(eq(incidentMessages.incidentId, incidentId)).run();
}

function sorted(xs: number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

function ids(rows: { incident: { id: number } }[]): number[] {
  return rows.map((r) => r.incident.id);
}

function thrown(fn: () => unknown): PillarError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PillarError) return e;
    throw e;
  }
  throw new Error('expected a PillarError');
}

describe('incident rows', () => {
  it('finds an incident by id, and names the missing one in a not_found error', () => {
    const s = setup();
    const id = open(s, 'orders-api');
    expect(findIncident(s.db, id)?.functionName).toBe('orders-api');
    expect(findIncident(s.db, id + 1)).toBeUndefined();
    const e = thrown(() => mustFindIncident(s.db, 99));
    expect(e.code).toBe('not_found');
    expect(e.message).toContain('#99');
  });

  it('bumps the revision and updatedAt on every update', () => {
    const s = setup();
    const before = findIncident(s.db, open(s, 'orders-api'))!;
    const after = updateIncident(s.db, before, { assignee: 'U1' }, T0 + HOUR);
    expect(after).toMatchObject({ assignee: 'U1', revision: before.revision + 1, updatedAt: T0 + HOUR });
    expect(findIncident(s.db, before.id)).toEqual(after);
  });

  it('undoes only its own writes when it fails inside a caller transaction', () => {
    const s = setup();
    const id = open(s, 'orders-api');
    s.db.transaction((tx) => {
      addAction(tx, id, 'assigned', 'U_OUTER', T0);
      expect(() =>
        writeTx(tx, (inner) => {
          addAction(inner, id, 'unassigned', 'U_INNER', T0);
          throw new Error('boom');
        }),
      ).toThrow('boom');
    });
    expect(actionsAfter(s.db, id, 0).map((a) => a.actor)).toEqual(['pillar', 'U_OUTER']);
  });

  it('cuts text to its bound without leaving half a surrogate pair', () => {
    expect(bounded(undefined, 5)).toBeNull();
    expect(bounded('abc', 5)).toBe('abc');
    expect(bounded('abcdefg', 5)).toBe('abcde');
    // '😀' is two UTF-16 units; a cut through it drops the whole character.
    expect(bounded('abcd😀', 5)).toBe('abcd');
    expect(bounded('abc😀', 5)).toBe('abc😀');
  });

  it('lists the most severe first, then the most recently seen, and refuses a limit over 500', () => {
    const s = setup();
    const medium = open(s, 'a', { failureKind: 'error_log', at: T0 - MINUTE });
    const highOld = open(s, 'b', { at: T0 - 10 * MINUTE });
    const highNew = open(s, 'c', { at: T0 - 2 * MINUTE });
    const critical = open(s, 'd', { failureKind: 'init_error', at: T0 - HOUR });
    expect(listIncidents(s.db).map((i) => i.id)).toEqual([critical, highNew, highOld, medium]);
    expect(listIncidents(s.db, { limit: 2, offset: 1 }).map((i) => i.id)).toEqual([highNew, highOld]);
    expect(thrown(() => listIncidents(s.db, { limit: 501 })).code).toBe('input_invalid');
  });

  it('counts every state, zero included', () => {
    const s = setup();
    open(s, 'a');
    s.incidents.acknowledge(open(s, 'b'), 'U1');
    expect(countByState(s.db)).toEqual({ open: 1, acknowledged: 1, resolved: 0, muted: 0 });
  });

  it('finds the mutes that have ended by now, the earliest end first', () => {
    const s = setup();
    const late = open(s, 'a');
    const early = open(s, 'b');
    const later = open(s, 'c');
    s.incidents.mute(late, 'U1', { until: T0 + 2 * HOUR, reason: 'deploy' });
    s.incidents.mute(early, 'U1', { until: T0 + HOUR, reason: 'deploy' });
    s.incidents.mute(later, 'U1', { until: T0 + 3 * HOUR, reason: 'deploy' });
    expect(mutesEnded(s.db, T0 + HOUR - 1)).toEqual([]);
    expect(mutesEnded(s.db, T0 + 2 * HOUR).map((i) => i.id)).toEqual([early, late]);
  });
});

describe('the reads delivery needs', () => {
  it('unposted: incidents without a message row, seen after the cut-off, not muted or resolved, oldest first', () => {
    const s = setup();
    const a = open(s, 'a');
    const posted = open(s, 'b');
    const muted = open(s, 'c');
    const resolved = open(s, 'd');
    const stale = open(s, 'e', { at: T0 - 2 * HOUR });
    const z = open(s, 'f');
    message(s.db, posted);
    s.incidents.mute(muted, 'U1', { until: T0 + HOUR, reason: 'noise' });
    s.incidents.resolve(resolved, 'U1');
    // A row in any state counts as handled: a failed post is not posted again.
    message(s.db, z, { state: 'failed' });

    expect(unpostedIncidents(s.db, T0 - HOUR).map((i) => i.id)).toEqual([a]);
    // The cut-off is exclusive: an incident last seen exactly then is too old.
    expect(unpostedIncidents(s.db, T0 - 2 * HOUR).map((i) => i.id)).toEqual([a]);
    expect(unpostedIncidents(s.db, T0 - 2 * HOUR - 1).map((i) => i.id)).toEqual([a, stale]);
    expect(unpostedIncidents(s.db, T0 - MINUTE).map((i) => i.id)).toEqual([]);
  });

  it('changed since rendered: posted rows behind their incident, not edited since the cut-off, not backing off', () => {
    const s = setup();
    const current = open(s, 'a');
    const changed = open(s, 'b');
    const recent = open(s, 'c');
    const waiting = open(s, 'd');
    const posting = open(s, 'e');
    const neverEdited = open(s, 'f');
    message(s.db, current);
    message(s.db, changed, { lastUpdateAt: T0 - 20_000 });
    message(s.db, recent, { lastUpdateAt: T0 - 5_000 });
    message(s.db, waiting, { lastUpdateAt: T0 - 20_000, nextAttemptAt: T0 + 1 });
    message(s.db, posting, { state: 'posting', ts: null, lastUpdateAt: null });
    message(s.db, neverEdited, { lastUpdateAt: null });
    const cut = { now: T0, editedBefore: T0 - 10_000 };
    // Nothing changed yet: no row is behind.
    expect(changedSinceRendered(s.db, cut)).toEqual([]);

    for (const id of [current, changed, recent, waiting, posting, neverEdited])
      s.incidents.assign(id, 'U1', 'U2');
    // `current` changed too, but its row already shows the new revision.
    setRow(s.db, current, { renderedRevision: findIncident(s.db, current)!.revision });

    const due = changedSinceRendered(s.db, cut);
    // Never edited (null) sorts first, then the longest unedited.
    expect(ids(due)).toEqual([neverEdited, changed]);
    expect(due[1]).toMatchObject({
      incident: { id: changed, revision: 2 },
      message: { incidentId: changed, renderedRevision: 1 },
    });
    // The cut-off is inclusive: a row edited exactly then is due.
    expect(ids(changedSinceRendered(s.db, { now: T0, editedBefore: T0 - 5_000 }))).toEqual([
      neverEdited,
      changed,
      recent,
    ]);
    // A row backing off is due again at its next attempt.
    expect(ids(changedSinceRendered(s.db, { now: T0 + 1, editedBefore: T0 - 10_000 }))).toContain(waiting);
  });

  it('threads with news: unnoted actions, uncounted occurrences, or open since the reminder cut-off', () => {
    const s = setup();
    s.clock.set(T0 - HOUR);
    const remind = open(s, 'a');
    s.clock.set(T0);
    const quiet = open(s, 'b');
    const acted = open(s, 'c');
    const counted = open(s, 'd');
    const noted = open(s, 'e');
    const waiting = open(s, 'f');
    for (const id of [remind, quiet, acted, counted, noted, waiting]) message(s.db, id);
    const cut = { now: T0, openedBefore: T0 - 30 * MINUTE };
    // Nothing new anywhere; only the incident open for an hour may owe a reminder.
    expect(ids(threadsWithNews(s.db, cut))).toEqual([remind]);

    s.incidents.acknowledge(acted, 'U1');
    s.incidents.recordFailure(failure({ functionName: 'd', logGroup: '/aws/lambda/d', at: T0 }));
    s.incidents.acknowledge(noted, 'U1');
    setRow(s.db, noted, { notedActionId: lastActionId(s.db, noted) });
    s.incidents.acknowledge(waiting, 'U1');
    setRow(s.db, waiting, { nextAttemptAt: T0 + MINUTE });

    const news = threadsWithNews(s.db, cut);
    expect(sorted(ids(news))).toEqual([remind, acted, counted]);
    expect(news.find((n) => n.incident.id === counted)).toMatchObject({
      incident: { occurrences: 2 },
      message: { notedOccurrences: 1 },
    });

    // Acknowledged and noted, the long-open incident has nothing more to say.
    s.incidents.acknowledge(remind, 'U1');
    setRow(s.db, remind, { notedActionId: lastActionId(s.db, remind) });
    expect(sorted(ids(threadsWithNews(s.db, cut)))).toEqual([acted, counted]);
    // The row backing off is due again at its next attempt; `quiet` is not open long enough yet.
    expect(
      sorted(ids(threadsWithNews(s.db, { now: T0 + MINUTE, openedBefore: T0 + MINUTE - 30 * MINUTE }))),
    ).toEqual([acted, counted, waiting]);
    expect(sorted(ids(threadsWithNews(s.db, { now: T0 + MINUTE, openedBefore: T0 })))).toContain(quiet);
  });

  it('actions after a noted one, oldest first, and the latest action id', () => {
    const s = setup();
    const id = open(s, 'a');
    const other = open(s, 'b');
    const opened = lastActionId(s.db, id);
    s.incidents.acknowledge(id, 'U1');
    s.incidents.acknowledge(other, 'U1');
    s.incidents.assign(id, 'U1', 'U2');
    expect(actionsAfter(s.db, id, opened).map((a) => a.action)).toEqual(['acknowledged', 'assigned']);
    expect(actionsAfter(s.db, id, lastActionId(s.db, id))).toEqual([]);
    expect(lastActionId(s.db, id)).toBeGreaterThan(lastActionId(s.db, other));
    // No actions (an unknown incident) reads 0.
    expect(lastActionId(s.db, other + 1)).toBe(0);
  });

  it('returns the message row with its incident', () => {
    const s = setup();
    const id = open(s, 'a');
    const row: IncidentMessage = message(s.db, id, { lastUpdateAt: null });
    s.incidents.assign(id, 'U1', 'U2');
    expect(changedSinceRendered(s.db, { now: T0, editedBefore: T0 })).toEqual([
      { incident: findIncident(s.db, id), message: row },
    ]);
  });
});

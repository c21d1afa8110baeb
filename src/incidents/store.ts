import { and, asc, desc, eq, gt, inArray, isNull, lte, notInArray, or, type SQL, sql } from 'drizzle-orm';
import {
  incidentActions,
  incidentMessages,
  incidentStates,
  incidents,
  invocations,
  occurrenceSamples,
} from '../db/schema.js';
import { PillarError } from '../errors.js';
import {
  type FailureOccurrence,
  type Incident,
  type IncidentAction,
  type IncidentActionName,
  type IncidentCounts,
  type IncidentDb,
  type IncidentWithMessage,
  ListQuery,
  type OccurrenceSample,
} from './types.js';

// Reads and writes of the incident tables (incidents, their samples and audit trail), each on the
// database or transaction it is given. Deciding what to write is record.ts's and triage.ts's job.

/** Stored text is untrusted and kept as-is (escaped when rendered), but bounded. */
export const MAX_MESSAGE = 4000;
export const MAX_EXCERPT = 2000;
export const MAX_ID = 256;
export const MAX_STREAM = 512;

export type IncidentPatch = Partial<typeof incidents.$inferInsert>;
export type NewIncident = typeof incidents.$inferInsert;

export const CLEAR_MUTE = { mutedBy: null, mutedUntil: null, muteReason: null } satisfies IncidentPatch;
export const CLEAR_ACK = { acknowledgedBy: null, acknowledgedAt: null } satisfies IncidentPatch;
export const CLEAR_RESOLVED = { resolvedBy: null, resolvedAt: null } satisfies IncidentPatch;

const severityRank = sql`case ${incidents.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

/**
 * On the database: BEGIN IMMEDIATE, so that the read-then-write of an incident never races
 * another connection. Inside a caller's transaction drizzle makes this a savepoint (and ignores
 * the behaviour), so a failure here undoes only this call's writes.
 */
export function writeTx<T>(q: IncidentDb, fn: (tx: IncidentDb) => T): T {
  return q.transaction((tx) => fn(tx), { behavior: 'immediate' });
}

export function findIncident(q: IncidentDb, id: number): Incident | undefined {
  return q.select().from(incidents).where(eq(incidents.id, id)).get();
}

export function mustFindIncident(q: IncidentDb, id: number): Incident {
  const incident = findIncident(q, id);
  if (incident === undefined) {
    throw new PillarError('not_found', `No incident #${id}. \`/wa incidents all\` lists them.`, {
      details: { incidentId: id },
    });
  }
  return incident;
}

export function findByFingerprint(q: IncidentDb, fingerprint: string): Incident | undefined {
  return q.select().from(incidents).where(eq(incidents.fingerprint, fingerprint)).get();
}

export function insertIncident(q: IncidentDb, values: NewIncident): Incident {
  return q.insert(incidents).values(values).returning().get();
}

/** Every change bumps the revision: delivery compares it with what it rendered. */
export function updateIncident(
  q: IncidentDb,
  current: Incident,
  patch: IncidentPatch,
  now: number,
): Incident {
  const updated = q
    .update(incidents)
    .set({ ...patch, revision: current.revision + 1, updatedAt: now })
    .where(eq(incidents.id, current.id))
    .returning()
    .get();
  return updated!;
}

export function addAction(
  q: IncidentDb,
  incidentId: number,
  action: IncidentActionName,
  actor: string,
  at: number,
  details?: Record<string, unknown>,
): void {
  q.insert(incidentActions)
    .values({
      incidentId,
      action,
      actor,
      at,
      details: details === undefined ? null : JSON.stringify(details),
    })
    .run();
}

/** The audit details of a mute that ends (unmuted, expired). */
export function muteDetails(i: Incident): Record<string, unknown> {
  return { until: i.mutedUntil, reason: i.muteReason, mutedBy: i.mutedBy };
}

/** Stores an occurrence; of the others than the first, only the latest `keep` stay. */
export function addSample(
  q: IncidentDb,
  incidentId: number,
  o: FailureOccurrence,
  first: boolean,
  keep: number,
): void {
  q.insert(occurrenceSamples)
    .values({
      incidentId,
      at: o.at,
      requestId: bounded(o.requestId, MAX_ID),
      logStream: bounded(o.logStream, MAX_STREAM),
      errorMessage: bounded(o.errorMessage, MAX_MESSAGE),
      excerpt: bounded(o.excerpt, MAX_EXCERPT),
      durationMs: finiteOrNull(o.durationMs),
      timeoutSeconds: finiteOrNull(o.timeoutSeconds),
      memorySizeMB: finiteOrNull(o.memorySizeMB),
      maxMemoryUsedMB: finiteOrNull(o.maxMemoryUsedMB),
      initDurationMs: finiteOrNull(o.initDurationMs),
      coldStart: o.coldStart ?? false,
      retry: o.retry ?? false,
      first,
    })
    .run();
  if (first) return;
  // Keep the first occurrence and the latest N others: storage per incident stays bounded
  // however long the incident lasts.
  const kept = q
    .select({ id: occurrenceSamples.id })
    .from(occurrenceSamples)
    .where(and(eq(occurrenceSamples.incidentId, incidentId), eq(occurrenceSamples.first, false)))
    .orderBy(desc(occurrenceSamples.at), desc(occurrenceSamples.id))
    .limit(keep);
  q.delete(occurrenceSamples)
    .where(
      and(
        eq(occurrenceSamples.incidentId, incidentId),
        eq(occurrenceSamples.first, false),
        notInArray(occurrenceSamples.id, kept),
      ),
    )
    .run();
}

/** An invocation with several failures (a logged error, then a crash) belongs to the first one's incident. */
export function linkInvocation(q: IncidentDb, o: FailureOccurrence, incidentId: number): void {
  if (o.invocationId === undefined) return;
  q.update(invocations)
    .set({ incidentId })
    .where(and(eq(invocations.id, o.invocationId), isNull(invocations.incidentId)))
    .run();
}

/** Most severe first, then most recently seen. */
export function listIncidents(q: IncidentDb, query: ListQuery = {}): Incident[] {
  const parsed = ListQuery.safeParse(query);
  if (!parsed.success) {
    throw new PillarError(
      'input_invalid',
      `Cannot list incidents: ${parsed.error.issues[0]?.path.join('.') ?? 'query'} is invalid (limit is 1 to 500).`,
      { cause: parsed.error },
    );
  }
  const { states, functionName, limit, offset } = parsed.data;
  const where: SQL[] = [];
  if (states !== undefined) where.push(inArray(incidents.state, states));
  if (functionName !== undefined) where.push(eq(incidents.functionName, functionName));
  return q
    .select()
    .from(incidents)
    .where(and(...where))
    .orderBy(severityRank, desc(incidents.lastSeenAt), desc(incidents.id))
    .limit(limit)
    .offset(offset)
    .all();
}

/** Kept occurrences, latest first. */
export function samplesOf(q: IncidentDb, id: number): OccurrenceSample[] {
  return q
    .select()
    .from(occurrenceSamples)
    .where(eq(occurrenceSamples.incidentId, id))
    .orderBy(desc(occurrenceSamples.at), desc(occurrenceSamples.id))
    .all();
}

/** The audit trail, oldest first. */
export function actionsOf(q: IncidentDb, id: number): IncidentAction[] {
  return q
    .select()
    .from(incidentActions)
    .where(eq(incidentActions.incidentId, id))
    .orderBy(asc(incidentActions.at), asc(incidentActions.id))
    .all();
}

export function countByState(q: IncidentDb): IncidentCounts {
  const counts = Object.fromEntries(incidentStates.map((s) => [s, 0])) as IncidentCounts;
  const rows = q
    .select({ state: incidents.state, n: sql<number>`count(*)` })
    .from(incidents)
    .groupBy(incidents.state)
    .all();
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

/** Muted incidents whose mute ended at or before `now`, the earliest end first. */
export function mutesEnded(q: IncidentDb, now: number): Incident[] {
  return q
    .select()
    .from(incidents)
    .where(and(eq(incidents.state, 'muted'), lte(incidents.mutedUntil, now)))
    .orderBy(asc(incidents.mutedUntil), asc(incidents.id))
    .all();
}

// The reads delivery needs. Delivery owns incident_messages and writes it; these answer its
// questions about incidents, joined with those rows so that each question is one query.

/** Incidents with no message row yet, last seen after `seenAfter`, neither muted nor resolved; oldest first. */
export function unpostedIncidents(q: IncidentDb, seenAfter: number): Incident[] {
  return q
    .select()
    .from(incidents)
    .leftJoin(incidentMessages, eq(incidentMessages.incidentId, incidents.id))
    .where(and(isNull(incidentMessages.id), gt(incidents.lastSeenAt, seenAfter)))
    .orderBy(asc(incidents.id))
    .all()
    .map((r) => r.incidents)
    .filter((i) => i.state !== 'muted' && i.state !== 'resolved');
}

/**
 * Posted messages whose incident has changed since they were rendered, due for another attempt
 * at `now`, and not edited after `editedBefore`; the longest unedited first.
 */
export function changedSinceRendered(
  q: IncidentDb,
  { now, editedBefore }: { now: number; editedBefore: number },
): IncidentWithMessage[] {
  return q
    .select()
    .from(incidentMessages)
    .innerJoin(incidents, eq(incidents.id, incidentMessages.incidentId))
    .where(
      and(
        eq(incidentMessages.state, 'posted'),
        gt(incidents.revision, incidentMessages.renderedRevision),
        or(isNull(incidentMessages.lastUpdateAt), lte(incidentMessages.lastUpdateAt, editedBefore)),
        lte(incidentMessages.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(incidentMessages.lastUpdateAt))
    .all()
    .map(withMessage);
}

/**
 * Posted messages, due for another attempt at `now`, whose thread has something to say: actions
 * not noted yet, occurrences not counted yet, or an incident open since `openedBefore` or earlier
 * (a reminder may be due).
 */
export function threadsWithNews(
  q: IncidentDb,
  { now, openedBefore }: { now: number; openedBefore: number },
): IncidentWithMessage[] {
  return q
    .select()
    .from(incidentMessages)
    .innerJoin(incidents, eq(incidents.id, incidentMessages.incidentId))
    .where(
      and(
        eq(incidentMessages.state, 'posted'),
        lte(incidentMessages.nextAttemptAt, now),
        or(
          sql`exists (select 1 from ${incidentActions} a where a.incident_id = ${incidents.id} and a.id > ${incidentMessages.notedActionId})`,
          gt(incidents.occurrences, incidentMessages.notedOccurrences),
          and(eq(incidents.state, 'open'), lte(incidents.openedAt, openedBefore)),
        ),
      ),
    )
    .all()
    .map(withMessage);
}

/** The incident's actions after action `afterId`, oldest first: those a thread has not noted yet. */
export function actionsAfter(q: IncidentDb, incidentId: number, afterId: number): IncidentAction[] {
  return q
    .select()
    .from(incidentActions)
    .where(and(eq(incidentActions.incidentId, incidentId), gt(incidentActions.id, afterId)))
    .orderBy(asc(incidentActions.id))
    .all();
}

/** The id of the incident's latest action, 0 when it has none. */
export function lastActionId(q: IncidentDb, incidentId: number): number {
  const r = q
    .select({ id: sql<number>`coalesce(max(${incidentActions.id}), 0)` })
    .from(incidentActions)
    .where(eq(incidentActions.incidentId, incidentId))
    .get();
  return r?.id ?? 0;
}

function withMessage(r: {
  incident_messages: IncidentWithMessage['message'];
  incidents: Incident;
}): IncidentWithMessage {
  return { incident: r.incidents, message: r.incident_messages };
}

/** Cuts `s` to `max` UTF-16 units; undefined is stored as null. */
export function bounded(s: string | undefined, max: number): string | null {
  if (s === undefined) return null;
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  // Never leave half of a surrogate pair at the cut.
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

function finiteOrNull(n: number | undefined): number | null {
  return n !== undefined && Number.isFinite(n) ? Math.round(n) : null;
}

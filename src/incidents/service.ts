import type { RunResult } from 'better-sqlite3';
import { and, asc, desc, eq, inArray, isNull, lte, notInArray, type SQL, sql } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type * as schema from '../db/schema.js';
import { incidentActions, incidentStates, incidents, invocations, occurrenceSamples } from '../db/schema.js';
import { PillarError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FailureKind } from '../logs/record.js';
import { fingerprintFailure } from './fingerprint.js';
import {
  defaultSeverityByKind,
  type FailureOccurrence,
  type Incident,
  type IncidentAction,
  type IncidentActionName,
  type IncidentCounts,
  ListQuery,
  MAX_MUTE_REASON,
  MuteInput,
  type OccurrenceSample,
  type RecordResult,
  type Severity,
  SYSTEM_ACTOR,
  type TriageResult,
} from './types.js';

export type {
  FailureOccurrence,
  Incident,
  IncidentAction,
  IncidentCounts,
  OccurrenceSample,
  RecordChange,
  RecordResult,
  TriageResult,
} from './types.js';

/**
 * The database or a transaction on it: the service runs its statements on whichever it is given,
 * so that a caller can record failures inside its own transaction.
 */
export type IncidentDb = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

export interface IncidentServiceSettings {
  /** How many occurrences are kept per incident besides the first one. */
  samplesPerIncident?: number;
  severityByKind?: Partial<Record<FailureKind, Severity>>;
}

export interface IncidentServiceDeps {
  db: Db;
  clock: Clock;
  logger?: Logger;
  settings?: IncidentServiceSettings;
}

/**
 * The incident lifecycle. Every method is synchronous and runs in one transaction: on the database
 * it is its own (BEGIN IMMEDIATE … COMMIT); on a service from `withTx(tx)` it is a savepoint inside
 * the caller's transaction, so the caller's commit or rollback decides for both.
 *
 * ```ts
 * db.transaction((tx) => {
 *   markEventsSeen(tx, events);
 *   for (const f of failures) incidentService.withTx(tx).recordFailure(f);
 *   enqueueDeliveries(tx, …);
 * });
 * ```
 */
export interface IncidentService {
  /** Groups a failure into its incident: opens, counts, reopens as a regression, or counts while muted. */
  recordFailure(o: FailureOccurrence): RecordResult;
  acknowledge(id: number, actor: string): TriageResult;
  resolve(id: number, actor: string): TriageResult;
  reopen(id: number, actor: string): TriageResult;
  mute(id: number, actor: string, input: { until: number; reason: string }): TriageResult;
  unmute(id: number, actor: string): TriageResult;
  assign(id: number, actor: string, assignee: string | null): TriageResult;
  get(id: number): Incident | undefined;
  /** Most severe first, then most recently seen. */
  list(query?: ListQuery): Incident[];
  /** Kept occurrences, latest first. */
  samples(id: number): OccurrenceSample[];
  /** The audit trail, oldest first. */
  actions(id: number): IncidentAction[];
  counts(): IncidentCounts;
  /** Muted incidents whose mute has ended go back to open; returns them as they are now. */
  expireMutes(): Incident[];
  /** The same service running its statements inside the caller's transaction `tx`. */
  withTx(tx: IncidentDb): IncidentService;
}

/** Stored text is untrusted and kept as-is (escaped when rendered), but bounded. */
const MAX_MESSAGE = 4000;
const MAX_EXCERPT = 2000;
const MAX_ID = 256;
const MAX_STREAM = 512;
const MAX_ACTOR = 256;
const DEFAULT_SAMPLES = 10;

type IncidentPatch = Partial<typeof incidents.$inferInsert>;

interface Transition {
  patch: IncidentPatch;
  action: IncidentActionName;
  details?: Record<string, unknown>;
}

const CLEAR_MUTE = { mutedBy: null, mutedUntil: null, muteReason: null } satisfies IncidentPatch;
const CLEAR_ACK = { acknowledgedBy: null, acknowledgedAt: null } satisfies IncidentPatch;
const CLEAR_RESOLVED = { resolvedBy: null, resolvedAt: null } satisfies IncidentPatch;

const severityRank = sql`case ${incidents.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

export function createIncidentService(deps: IncidentServiceDeps): IncidentService {
  const { clock, logger } = deps;
  const samplesPerIncident = Math.max(0, Math.floor(deps.settings?.samplesPerIncident ?? DEFAULT_SAMPLES));
  const severityByKind: Record<FailureKind, Severity> = {
    ...defaultSeverityByKind,
    ...deps.settings?.severityByKind,
  };

  function bind(q: IncidentDb): IncidentService {
    /**
     * On the database: BEGIN IMMEDIATE, so that the read-then-write of an incident never races
     * another connection. Inside a caller's transaction drizzle makes this a savepoint (and ignores
     * the behaviour), so a failure here undoes only this call's writes.
     */
    const write = <T>(fn: (tx: IncidentDb) => T): T =>
      q.transaction((tx) => fn(tx), { behavior: 'immediate' });

    function find(tx: IncidentDb, id: number): Incident | undefined {
      return tx.select().from(incidents).where(eq(incidents.id, id)).get();
    }

    function mustFind(tx: IncidentDb, id: number): Incident {
      const incident = find(tx, id);
      if (incident === undefined) {
        throw new PillarError('not_found', `No incident #${id}. \`/wa incidents all\` lists them.`, {
          details: { incidentId: id },
        });
      }
      return incident;
    }

    function addAction(
      tx: IncidentDb,
      incidentId: number,
      action: IncidentActionName,
      actor: string,
      at: number,
      details?: Record<string, unknown>,
    ): void {
      tx.insert(incidentActions)
        .values({
          incidentId,
          action,
          actor,
          at,
          details: details === undefined ? null : JSON.stringify(details),
        })
        .run();
    }

    function update(tx: IncidentDb, current: Incident, patch: IncidentPatch, now: number): Incident {
      const updated = tx
        .update(incidents)
        .set({ ...patch, revision: current.revision + 1, updatedAt: now })
        .where(eq(incidents.id, current.id))
        .returning()
        .get();
      return updated!;
    }

    function addSample(tx: IncidentDb, incidentId: number, o: FailureOccurrence, first: boolean): void {
      tx.insert(occurrenceSamples)
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
      const keep = tx
        .select({ id: occurrenceSamples.id })
        .from(occurrenceSamples)
        .where(and(eq(occurrenceSamples.incidentId, incidentId), eq(occurrenceSamples.first, false)))
        .orderBy(desc(occurrenceSamples.at), desc(occurrenceSamples.id))
        .limit(samplesPerIncident);
      tx.delete(occurrenceSamples)
        .where(
          and(
            eq(occurrenceSamples.incidentId, incidentId),
            eq(occurrenceSamples.first, false),
            notInArray(occurrenceSamples.id, keep),
          ),
        )
        .run();
    }

    /** An invocation with several failures (a logged error, then a crash) belongs to the first one's incident. */
    function linkInvocation(tx: IncidentDb, o: FailureOccurrence, incidentId: number): void {
      if (o.invocationId === undefined) return;
      tx.update(invocations)
        .set({ incidentId })
        .where(and(eq(invocations.id, o.invocationId), isNull(invocations.incidentId)))
        .run();
    }

    function recordFailure(o: FailureOccurrence): RecordResult {
      if (!Number.isSafeInteger(o.at) || o.at < 0) {
        throw new PillarError(
          'input_invalid',
          `A failure needs its time as epoch milliseconds, got ${String(o.at)}.`,
        );
      }
      const fp = fingerprintFailure({
        account: o.account,
        region: o.region,
        functionName: o.functionName,
        failureKind: o.failureKind,
        errorType: o.errorType,
        errorMessage: o.errorMessage,
        frames: o.frames,
      });
      const message = bounded(o.errorMessage, MAX_MESSAGE);

      return write((tx) => {
        const now = clock.now();
        const existing = tx.select().from(incidents).where(eq(incidents.fingerprint, fp.fingerprint)).get();

        if (existing === undefined) {
          const incident = tx
            .insert(incidents)
            .values({
              fingerprint: fp.fingerprint,
              account: o.account,
              region: o.region,
              functionName: o.functionName,
              logGroup: o.logGroup,
              failureKind: o.failureKind,
              errorType: bounded(o.errorType, MAX_ID),
              messageTemplate: fp.template,
              lastMessage: message,
              topFrame: fp.topFrame ?? null,
              severity: severityByKind[o.failureKind],
              state: 'open',
              occurrences: 1,
              firstSeenAt: o.at,
              lastSeenAt: o.at,
              openedAt: now,
              revision: 1,
              createdAt: now,
              updatedAt: now,
            })
            .returning()
            .get();
          addAction(tx, incident.id, 'opened', SYSTEM_ACTOR, now, {
            at: o.at,
            requestId: o.requestId ?? null,
          });
          addSample(tx, incident.id, o, true);
          linkInvocation(tx, o, incident.id);
          logger?.info(
            { incidentId: incident.id, fingerprint: fp.fingerprint, functionName: o.functionName },
            'incident opened',
          );
          return { incident, change: 'opened' };
        }

        // Late events are normal (ingestion reads an overlapping window): an older occurrence never
        // moves lastSeenAt back, firstSeenAt forward, or replaces the latest message.
        const latest = o.at >= existing.lastSeenAt;
        const patch: IncidentPatch = {
          occurrences: existing.occurrences + 1,
          firstSeenAt: Math.min(existing.firstSeenAt, o.at),
          lastSeenAt: Math.max(existing.lastSeenAt, o.at),
        };
        if (latest && message !== null) patch.lastMessage = message;

        let change: RecordResult['change'] = 'updated';
        if (existing.state === 'muted') {
          if (existing.mutedUntil !== null && existing.mutedUntil <= now) {
            addAction(tx, existing.id, 'mute_expired', SYSTEM_ACTOR, now, muteDetails(existing));
            Object.assign(patch, { ...CLEAR_MUTE, state: 'open' } satisfies IncidentPatch);
          } else {
            change = 'muted';
          }
        } else if (
          existing.state === 'resolved' &&
          (existing.resolvedAt === null || o.at > existing.resolvedAt)
        ) {
          // A failure that happened after the fix was declared: the fix did not hold.
          Object.assign(patch, {
            ...CLEAR_ACK,
            ...CLEAR_RESOLVED,
            state: 'open',
            regressions: existing.regressions + 1,
            lastRegressionAt: now,
            openedAt: now,
          } satisfies IncidentPatch);
          addAction(tx, existing.id, 'regressed', SYSTEM_ACTOR, now, {
            at: o.at,
            requestId: o.requestId ?? null,
            resolvedAt: existing.resolvedAt,
            resolvedBy: existing.resolvedBy,
          });
          change = 'reopened';
        }
        // A resolved incident receiving an occurrence from before its resolution (a late event)
        // only counts it: it is not a regression.

        const incident = update(tx, existing, patch, now);
        addSample(tx, incident.id, o, false);
        linkInvocation(tx, o, incident.id);
        if (change === 'reopened') {
          logger?.info({ incidentId: incident.id, regressions: incident.regressions }, 'incident regressed');
        }
        return { incident, change };
      });
    }

    /**
     * Runs one triage action: `decide` throws when the move is not allowed, returns null when the
     * incident is already where the action would take it (nothing written), or the change to make.
     */
    function triage(
      id: number,
      actor: string,
      decide: (incident: Incident, now: number) => Transition | null,
    ): TriageResult {
      const who = checkActor(actor);
      return write((tx) => {
        const now = clock.now();
        const current = mustFind(tx, id);
        const step = decide(current, now);
        if (step === null) return { incident: current, changed: false };
        const incident = update(tx, current, step.patch, now);
        addAction(tx, id, step.action, who, now, { from: current.state, ...step.details });
        logger?.debug({ incidentId: id, action: step.action, actor: who }, 'incident triaged');
        return { incident, changed: true };
      });
    }

    return {
      recordFailure,

      acknowledge: (id, actor) =>
        triage(id, actor, (i, now) => {
          switch (i.state) {
            case 'acknowledged':
              return null;
            case 'resolved':
              throw transition(`Incident #${id} is already resolved; use reopen to open it again.`);
            case 'muted':
              throw transition(
                `Incident #${id} is muted until ${formatTime(i.mutedUntil)}; unmute it first to acknowledge it.`,
              );
            default:
              return {
                patch: { state: 'acknowledged', acknowledgedBy: actor, acknowledgedAt: now },
                action: 'acknowledged',
              };
          }
        }),

      resolve: (id, actor) =>
        triage(id, actor, (i, now) => {
          if (i.state === 'resolved') return null;
          // Resolving a muted incident ends the mute: if the error comes back it is a regression.
          return {
            patch: { ...CLEAR_MUTE, state: 'resolved', resolvedBy: actor, resolvedAt: now },
            action: 'resolved',
          };
        }),

      reopen: (id, actor) =>
        triage(id, actor, (i, now) => {
          switch (i.state) {
            case 'open':
              return null;
            case 'acknowledged':
              throw transition(
                `Incident #${id} is acknowledged, not resolved; only a resolved incident can be reopened.`,
              );
            case 'muted':
              throw transition(`Incident #${id} is muted, not resolved; use unmute to open it again.`);
            default:
              return {
                patch: { ...CLEAR_ACK, ...CLEAR_RESOLVED, state: 'open', openedAt: now },
                action: 'reopened',
              };
          }
        }),

      mute: (id, actor, input) => {
        const mute = checkMute(input, clock.now());
        return triage(id, actor, (i) => {
          if (i.state === 'resolved') {
            throw transition(
              `Incident #${id} is resolved, so there is nothing to mute; it reopens by itself if the error comes back.`,
            );
          }
          if (i.state === 'muted' && i.mutedUntil === mute.until && i.muteReason === mute.reason) return null;
          return {
            // Acknowledgement ends with the mute: when the mute ends the incident is open again.
            patch: {
              ...CLEAR_ACK,
              state: 'muted',
              mutedBy: actor,
              mutedUntil: mute.until,
              muteReason: mute.reason,
            },
            action: 'muted',
            details: { until: mute.until, reason: mute.reason, previousUntil: i.mutedUntil },
          };
        });
      },

      unmute: (id, actor) =>
        triage(id, actor, (i) => {
          if (i.state !== 'muted') return null;
          return { patch: { ...CLEAR_MUTE, state: 'open' }, action: 'unmuted', details: muteDetails(i) };
        }),

      assign: (id, actor, assignee) => {
        const who = checkAssignee(assignee);
        return triage(id, actor, (i) => {
          if (i.assignee === who) return null;
          return {
            patch: { assignee: who },
            action: who === null ? 'unassigned' : 'assigned',
            details: { assignee: who, previous: i.assignee },
          };
        });
      },

      get: (id) => find(q, id),

      list: (query = {}) => {
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
      },

      samples: (id) =>
        q
          .select()
          .from(occurrenceSamples)
          .where(eq(occurrenceSamples.incidentId, id))
          .orderBy(desc(occurrenceSamples.at), desc(occurrenceSamples.id))
          .all(),

      actions: (id) =>
        q
          .select()
          .from(incidentActions)
          .where(eq(incidentActions.incidentId, id))
          .orderBy(asc(incidentActions.at), asc(incidentActions.id))
          .all(),

      counts: () => {
        const counts = Object.fromEntries(incidentStates.map((s) => [s, 0])) as IncidentCounts;
        const rows = q
          .select({ state: incidents.state, n: sql<number>`count(*)` })
          .from(incidents)
          .groupBy(incidents.state)
          .all();
        for (const r of rows) counts[r.state] = r.n;
        return counts;
      },

      expireMutes: () =>
        write((tx) => {
          const now = clock.now();
          const due = tx
            .select()
            .from(incidents)
            .where(and(eq(incidents.state, 'muted'), lte(incidents.mutedUntil, now)))
            .orderBy(asc(incidents.mutedUntil), asc(incidents.id))
            .all();
          return due.map((i) => {
            addAction(tx, i.id, 'mute_expired', SYSTEM_ACTOR, now, muteDetails(i));
            return update(tx, i, { ...CLEAR_MUTE, state: 'open' }, now);
          });
        }),

      withTx: (tx) => bind(tx),
    };
  }

  return bind(deps.db);
}

function muteDetails(i: Incident): Record<string, unknown> {
  return { until: i.mutedUntil, reason: i.muteReason, mutedBy: i.mutedBy };
}

function transition(message: string): PillarError {
  return new PillarError('invalid_transition', message);
}

function checkActor(actor: string): string {
  const who = actor.trim();
  if (who === '' || who.length > MAX_ACTOR) {
    throw new PillarError('input_invalid', 'An incident action needs the id of the person taking it.');
  }
  return who;
}

function checkAssignee(assignee: string | null): string | null {
  if (assignee === null) return null;
  const who = assignee.trim();
  if (who === '' || who.length > MAX_ACTOR) {
    throw new PillarError('input_invalid', 'Name the person to assign, or clear the assignee to unassign.');
  }
  return who;
}

const ACCEPTED_UNTIL = 'a duration like 30m, 1h, 24h, 7d, 2w or a date like 2026-12-01';

function checkMute(input: { until: number; reason: string }, now: number): MuteInput {
  const parsed = MuteInput.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    if (field === 'reason') {
      const long = typeof input.reason === 'string' && input.reason.trim().length > MAX_MUTE_REASON;
      throw new PillarError(
        'input_invalid',
        long
          ? `Keep the mute reason under ${MAX_MUTE_REASON} characters.`
          : 'A mute needs a reason: say why the alerts can wait, e.g. "fix ships Monday".',
        { cause: parsed.error },
      );
    }
    throw new PillarError('input_invalid', `A mute needs an end: ${ACCEPTED_UNTIL}.`, {
      cause: parsed.error,
    });
  }
  if (parsed.data.until <= now) {
    throw new PillarError(
      'input_invalid',
      `The mute must end in the future: use ${ACCEPTED_UNTIL} after today.`,
    );
  }
  return parsed.data;
}

function bounded(s: string | undefined, max: number): string | null {
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

/** `2026-12-01 09:30 UTC`: times in messages are UTC, since the service does not know the reader's zone. */
export function formatTime(ms: number | null): string {
  if (ms === null) return 'further notice';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = {
  m: MINUTE,
  h: 60 * MINUTE,
  d: 24 * 60 * MINUTE,
  w: 7 * 24 * 60 * MINUTE,
};
const DURATION = /^(\d{1,6})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)$/i;

/** `30m`, `1h`, `24h`, `7d`, `2w` (and `3 days`, `1 hour`) → milliseconds; null when it is not one. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (m === null) return null;
  const n = Number(m[1]);
  const unit = UNIT_MS[m[2]!.charAt(0).toLowerCase()];
  if (n === 0 || unit === undefined) return null;
  return n * unit;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** Date.UTC rolls 2026-02-30 over to March: a day that does not read back is not a day. */
function isRealDay(ymd: string): boolean {
  const [y, mo, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d)).toISOString().slice(0, 10) === ymd;
}

/**
 * When a mute given as text ends: a duration from `now`, or an ISO date (`2026-12-01`, the start
 * of that day in UTC) or date-time (`2026-12-01T09:00`, UTC unless it names an offset).
 */
export function parseUntil(text: string, now: number): number {
  const t = text.trim();
  if (t === '') throw new PillarError('input_invalid', `Say how long to mute: ${ACCEPTED_UNTIL}.`);
  const shown = t.length > 40 ? `${t.slice(0, 40)}…` : t;
  let until: number | undefined;
  const duration = parseDuration(t);
  if (duration !== null) {
    until = now + duration;
  } else if (DATE_ONLY.test(t)) {
    if (isRealDay(t)) until = Date.parse(`${t}T00:00:00Z`);
  } else {
    const m = DATE_TIME.exec(t);
    if (m !== null && isRealDay(t.slice(0, 10))) {
      // Without an offset, Date.parse would use the server's zone: say UTC explicitly.
      const iso = t.replace(' ', 'T');
      const ms = Date.parse(m[1] === undefined ? `${iso}Z` : iso);
      if (Number.isFinite(ms)) until = ms;
    }
  }
  if (until === undefined) {
    throw new PillarError('input_invalid', `Cannot read "${shown}" as a mute end: use ${ACCEPTED_UNTIL}.`);
  }
  if (until <= now) {
    throw new PillarError(
      'input_invalid',
      `${shown} is in the past: pick a later date or a duration like 24h.`,
    );
  }
  return until;
}

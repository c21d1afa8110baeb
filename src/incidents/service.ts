import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { FailureKind } from '../logs/record.js';
import type { IncidentSeverity } from '../vocabulary.js';
import { createRecorder } from './record.js';
import { actionsOf, countByState, findIncident, listIncidents, samplesOf } from './store.js';
import { triageOn } from './triage.js';
import {
  defaultSeverityByKind,
  type FailureOccurrence,
  type Incident,
  type IncidentAction,
  type IncidentCounts,
  type IncidentDb,
  type ListQuery,
  type OccurrenceSample,
  type RecordResult,
  type TriageResult,
} from './types.js';

export type {
  FailureOccurrence,
  Incident,
  IncidentAction,
  IncidentCounts,
  IncidentDb,
  OccurrenceSample,
  RecordChange,
  RecordResult,
  TriageResult,
} from './types.js';
export { formatTime, parseDuration, parseUntil } from './until.js';

export interface IncidentServiceSettings {
  /** How many occurrences are kept per incident besides the first one. */
  samplesPerIncident?: number;
  severityByKind?: Partial<Record<FailureKind, IncidentSeverity>>;
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

const DEFAULT_SAMPLES = 10;

/** The lifecycle put together: recording (record.ts), triage (triage.ts) and reads (store.ts). */
export function createIncidentService(deps: IncidentServiceDeps): IncidentService {
  const { clock, logger } = deps;
  const record = createRecorder({
    clock,
    logger,
    samplesPerIncident: Math.max(0, Math.floor(deps.settings?.samplesPerIncident ?? DEFAULT_SAMPLES)),
    severityByKind: { ...defaultSeverityByKind, ...deps.settings?.severityByKind },
  });

  function bind(q: IncidentDb): IncidentService {
    return {
      recordFailure: (o) => record(q, o),
      ...triageOn(q, { clock, logger }),
      get: (id) => findIncident(q, id),
      list: (query = {}) => listIncidents(q, query),
      samples: (id) => samplesOf(q, id),
      actions: (id) => actionsOf(q, id),
      counts: () => countByState(q),
      withTx: (tx) => bind(tx),
    };
  }

  return bind(deps.db);
}

import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type * as schema from '../db/schema.js';
import {
  type IncidentState,
  type incidentActions,
  type incidentMessages,
  incidentStates,
  type incidents,
  type occurrenceSamples,
} from '../db/schema.js';
import type { FailureKind, StackFrame } from '../logs/record.js';
import type { IncidentSeverity } from '../vocabulary.js';

export type { IncidentState } from '../db/schema.js';

/** An incident as stored: one group of failures sharing a fingerprint. */
export type Incident = typeof incidents.$inferSelect;
/** One entry of an incident's audit trail. */
export type IncidentAction = typeof incidentActions.$inferSelect;
/** One kept occurrence of an incident (the first one and the latest few). */
export type OccurrenceSample = typeof occurrenceSamples.$inferSelect;

/**
 * The database or a transaction on it: the incident functions run their statements on whichever
 * they are given, so that a caller can record failures inside its own transaction.
 */
export type IncidentDb = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

/** An incident's Slack message in one channel (delivery writes these rows; the store reads them with it). */
export type IncidentMessage = typeof incidentMessages.$inferSelect;

/** An incident together with one of its message rows, as the delivery reads are answered. */
export interface IncidentWithMessage {
  incident: Incident;
  message: IncidentMessage;
}

/** What `incident_actions.action` holds. */
export const incidentActionNames = [
  'opened',
  'regressed',
  'acknowledged',
  'resolved',
  'reopened',
  'muted',
  'unmuted',
  'mute_expired',
  'assigned',
  'unassigned',
] as const;
export type IncidentActionName = (typeof incidentActionNames)[number];

/** The actor of changes Pillar makes on its own (opening, regressions, mute expiry). */
export const SYSTEM_ACTOR = 'pillar';

/** One failure as the ingestion hands it over: where, what, when, and what the invocation showed. */
export interface FailureOccurrence {
  account: string;
  region: string;
  functionName: string;
  logGroup: string;
  failureKind: FailureKind;
  errorType?: string;
  errorMessage?: string;
  frames?: StackFrame[];
  /** When the failure happened (epoch ms of the log event), not when it was read. */
  at: number;
  requestId?: string;
  logStream?: string;
  excerpt?: string;
  durationMs?: number;
  timeoutSeconds?: number;
  memorySizeMB?: number;
  maxMemoryUsedMB?: number;
  initDurationMs?: number;
  coldStart?: boolean;
  retry?: boolean;
  /** The `invocations` row this failure came from, when the joiner wrote one. */
  invocationId?: number;
}

/**
 * What recording a failure did: opened a new incident, counted it on an active one, reopened a
 * resolved one as a regression, or counted it on a muted one (nothing to announce).
 */
export type RecordChange = 'opened' | 'updated' | 'reopened' | 'muted';

export interface RecordResult {
  incident: Incident;
  change: RecordChange;
}

/**
 * The result of a triage action. `changed` is false when the incident was already in the state
 * asked for (a double click in Slack): nothing was written and the incident is as it was.
 */
export interface TriageResult {
  incident: Incident;
  changed: boolean;
}

export const MAX_MUTE_REASON = 500;

export const MuteInput = z.object({
  /** Epoch ms; must be in the future (checked against the clock by the service). */
  until: z.number().int().nonnegative(),
  reason: z.string().trim().min(1).max(MAX_MUTE_REASON),
});
export type MuteInput = z.infer<typeof MuteInput>;

export const MAX_LIST_LIMIT = 500;

export const ListQuery = z.object({
  states: z.array(z.enum(incidentStates)).optional(),
  functionName: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
  offset: z.number().int().nonnegative().default(0),
});
export type ListQuery = z.input<typeof ListQuery>;

export type IncidentCounts = Record<IncidentState, number>;

/** Severity of a new incident when settings say nothing else: init failures break every call. */
export const defaultSeverityByKind: Record<FailureKind, IncidentSeverity> = {
  init_error: 'critical',
  out_of_memory: 'high',
  timeout: 'high',
  runtime_exit: 'high',
  uncaught_exception: 'high',
  error_log: 'medium',
};

import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { incidentSeverities } from '../vocabulary.js';

/** Times are epoch milliseconds (integers) throughout. */

/** Ingestion health per account and region: what `/wa status` shows. */
export const ingestionTargets = sqliteTable(
  'ingestion_targets',
  {
    account: text('account').notNull(),
    region: text('region').notNull(),
    lastStartedAt: integer('last_started_at'),
    lastDiscoveryAt: integer('last_discovery_at'),
    /** The metric probe's last failure, kept so it is reported once rather than every cycle. */
    metricProbeError: text('metric_probe_error'),
    lastSuccessAt: integer('last_success_at'),
    lastErrorAt: integer('last_error_at'),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    consecutiveErrors: integer('consecutive_errors').notNull().default(0),
    logGroups: integer('log_groups').notNull().default(0),
    /** How far behind now the oldest active log group's cursor was at the end of the last cycle. */
    lagMs: integer('lag_ms'),
    /** The last cycle's log groups read and failed, and throttled calls (`/wa status`). */
    groupsRead: integer('groups_read').notNull().default(0),
    groupsFailed: integer('groups_failed').notNull().default(0),
    throttles: integer('throttles').notNull().default(0),
    /** When a log group of this target was last read successfully: green only after one was. */
    lastGroupReadAt: integer('last_group_read_at'),
  },
  (t) => [primaryKey({ columns: [t.account, t.region] })],
);

/** One row per function log group: the read cursor and the polling schedule. */
export const logGroups = sqliteTable(
  'log_groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    account: text('account').notNull(),
    region: text('region').notNull(),
    logGroup: text('log_group').notNull(),
    functionName: text('function_name'),
    runtime: text('runtime'),
    logFormat: text('log_format').notNull().default('Text'),
    timeoutSeconds: integer('timeout_seconds'),
    memorySizeMB: integer('memory_size_mb'),
    /** The function's tags (JSON), read only when a Slack route matches on tags. */
    tags: text('tags'),
    /** Events with timestamps before this have been read and stored. */
    cursorMs: integer('cursor_ms'),
    lastPolledAt: integer('last_polled_at'),
    /** Last time a read returned events, or metrics showed invocations. */
    lastActivityAt: integer('last_activity_at'),
    nextPollAt: integer('next_poll_at').notNull().default(0),
    consecutiveErrors: integer('consecutive_errors').notNull().default(0),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    lastErrorAt: integer('last_error_at'),
    /** False once the function or group disappeared; kept for history. */
    present: integer('present', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('log_groups_key').on(t.account, t.region, t.logGroup)],
);

/** Event ids already stored, kept for the overlap window so re-read events are dropped. */
export const seenEvents = sqliteTable(
  'seen_events',
  {
    logGroupId: integer('log_group_id')
      .notNull()
      .references(() => logGroups.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    timestamp: integer('timestamp').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.logGroupId, t.eventId] }),
    index('seen_events_ts').on(t.logGroupId, t.timestamp),
  ],
);

/**
 * What the invocation joiner holds for one log stream between cycles: the invocation still
 * receiving events and any init-phase records waiting for their START.
 */
export const streamStates = sqliteTable(
  'stream_states',
  {
    logGroupId: integer('log_group_id')
      .notNull()
      .references(() => logGroups.id, { onDelete: 'cascade' }),
    logStream: text('log_stream').notNull(),
    state: text('state').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Event time of the last record seen in the stream. */
    lastEventAt: integer('last_event_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.logGroupId, t.logStream] }),
    index('stream_states_updated').on(t.lastEventAt),
  ],
);

/** Invocations joined from START … REPORT, written once they are complete. */
export const invocations = sqliteTable(
  'invocations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    logGroupId: integer('log_group_id')
      .notNull()
      .references(() => logGroups.id, { onDelete: 'cascade' }),
    logStream: text('log_stream').notNull(),
    requestId: text('request_id').notNull(),
    attempt: integer('attempt').notNull().default(1),
    startedAt: integer('started_at'),
    endedAt: integer('ended_at'),
    updatedAt: integer('updated_at').notNull(),
    outcome: text('outcome').notNull(),
    failureKind: text('failure_kind'),
    errorType: text('error_type'),
    errorMessage: text('error_message'),
    durationMs: integer('duration_ms'),
    billedDurationMs: integer('billed_duration_ms'),
    memorySizeMB: integer('memory_size_mb'),
    maxMemoryUsedMB: integer('max_memory_used_mb'),
    initDurationMs: integer('init_duration_ms'),
    coldStart: integer('cold_start', { mode: 'boolean' }).notNull().default(false),
    retry: integer('retry', { mode: 'boolean' }).notNull().default(false),
    incidentId: integer('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('invocations_key').on(t.logGroupId, t.requestId, t.attempt),
    index('invocations_request').on(t.logGroupId, t.requestId),
    index('invocations_ended').on(t.endedAt),
  ],
);

export const incidentStates = ['open', 'acknowledged', 'resolved', 'muted'] as const;
export type IncidentState = (typeof incidentStates)[number];

export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fingerprint: text('fingerprint').notNull(),
    account: text('account').notNull(),
    region: text('region').notNull(),
    functionName: text('function_name').notNull(),
    logGroup: text('log_group').notNull(),
    failureKind: text('failure_kind').notNull(),
    errorType: text('error_type'),
    /** The message with variable parts masked: what the group has in common. */
    messageTemplate: text('message_template').notNull(),
    /** A real message from the latest occurrence (unmasked, still untrusted text). */
    lastMessage: text('last_message'),
    topFrame: text('top_frame'),
    severity: text('severity', { enum: incidentSeverities }).notNull(),
    state: text('state', { enum: incidentStates }).notNull().default('open'),
    occurrences: integer('occurrences').notNull().default(0),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    openedAt: integer('opened_at').notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: integer('acknowledged_at'),
    resolvedBy: text('resolved_by'),
    resolvedAt: integer('resolved_at'),
    mutedBy: text('muted_by'),
    mutedUntil: integer('muted_until'),
    muteReason: text('mute_reason'),
    assignee: text('assignee'),
    regressions: integer('regressions').notNull().default(0),
    lastRegressionAt: integer('last_regression_at'),
    /** Bumped on every change, so that deliveries can tell which version they rendered. */
    revision: integer('revision').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('incidents_fingerprint').on(t.fingerprint),
    index('incidents_state').on(t.state, t.lastSeenAt),
    index('incidents_function').on(t.functionName),
  ],
);

/** A bounded set of sample occurrences per incident (the first one and the latest few). */
export const occurrenceSamples = sqliteTable(
  'occurrence_samples',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    requestId: text('request_id'),
    logStream: text('log_stream'),
    errorMessage: text('error_message'),
    excerpt: text('excerpt'),
    durationMs: integer('duration_ms'),
    timeoutSeconds: integer('timeout_seconds'),
    memorySizeMB: integer('memory_size_mb'),
    maxMemoryUsedMB: integer('max_memory_used_mb'),
    initDurationMs: integer('init_duration_ms'),
    coldStart: integer('cold_start', { mode: 'boolean' }).notNull().default(false),
    retry: integer('retry', { mode: 'boolean' }).notNull().default(false),
    first: integer('first', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('occurrence_samples_incident').on(t.incidentId, t.at)],
);

/** Every change to an incident, with who and when: the audit trail. */
export const incidentActions = sqliteTable(
  'incident_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    at: integer('at').notNull(),
    details: text('details'),
  },
  (t) => [index('incident_actions_incident').on(t.incidentId, t.at)],
);

/**
 * The Slack message of an incident in one channel. Delivery is derived from it: an incident
 * with no row needs a post; `renderedRevision` below the incident's revision needs an edit;
 * `notedOccurrences` and `notedActionId` behind the incident need thread notes. A row is
 * written (state `posting`) before chat.postMessage is called, so a crash in between is
 * recovered by looking for the message's metadata in the channel, never by posting twice.
 */
export const incidentMessages = sqliteTable(
  'incident_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    ts: text('ts'),
    state: text('state', { enum: ['posting', 'posted', 'failed'] }).notNull(),
    renderedRevision: integer('rendered_revision').notNull().default(0),
    lastUpdateAt: integer('last_update_at'),
    notedOccurrences: integer('noted_occurrences').notNull().default(0),
    lastNoteAt: integer('last_note_at'),
    notedActionId: integer('noted_action_id').notNull().default(0),
    lastReminderAt: integer('last_reminder_at'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    /** The lease (process) that wrote the row: a `posting` row names who was posting it. */
    owner: text('owner'),
  },
  (t) => [
    uniqueIndex('incident_messages_key').on(t.incidentId, t.channel),
    index('incident_messages_ts').on(t.channel, t.ts),
  ],
);

/** Slack delivery health per channel, for `/wa status` and the log. */
export const deliveryStatus = sqliteTable('delivery_status', {
  channel: text('channel').primaryKey(),
  lastSuccessAt: integer('last_success_at'),
  lastErrorAt: integer('last_error_at'),
  lastError: text('last_error'),
  fix: text('fix'),
  rateLimitedUntil: integer('rate_limited_until'),
  rateLimits: integer('rate_limits').notNull().default(0),
});

/** Runs of scheduled jobs, so that a run missed while Pillar was down is caught up, once. */
export const jobRuns = sqliteTable('job_runs', {
  name: text('name').primaryKey(),
  lastRunAt: integer('last_run_at'),
  lastSuccessAt: integer('last_success_at'),
  lastError: text('last_error'),
});

/** One run of the Well-Architected checks over one account and region. */
export const scans = sqliteTable(
  'scans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    account: text('account').notNull(),
    region: text('region').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at').notNull(),
    /** How many checks ran (any status). */
    checksRun: integer('checks_run').notNull(),
    /** Failing checks per pillar and severity (JSON `{pillar: {severity: n}}`). */
    failing: text('failing').notNull(),
  },
  (t) => [index('scans_target').on(t.account, t.region, t.id)],
);

/** A check's finding on one resource over time: first seen, last seen, fixed. */
export const findings = sqliteTable(
  'findings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    checkId: text('check_id').notNull(),
    account: text('account').notNull(),
    region: text('region').notNull(),
    resourceId: text('resource_id').notNull(),
    resourceName: text('resource_name').notNull(),
    severity: text('severity').notNull(),
    pillar: text('pillar').notNull(),
    service: text('service').notNull(),
    message: text('message').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    fixedAt: integer('fixed_at'),
    /** When a fixed finding came back, the last time it did. */
    reopenedAt: integer('reopened_at'),
    lastScanId: integer('last_scan_id').notNull(),
  },
  (t) => [
    uniqueIndex('findings_key').on(t.checkId, t.account, t.region, t.resourceId),
    index('findings_open').on(t.fixedAt, t.pillar),
    index('findings_resource').on(t.resourceName),
  ],
);

/**
 * A check (or `*`) silenced for resources matching a glob, with a reason and an expiry. Rows are
 * never deleted, so who suppressed what, when and why stays auditable.
 */
export const suppressions = sqliteTable(
  'suppressions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    checkId: text('check_id').notNull(),
    /** Glob on the resource name or ARN; `*` for every resource. */
    resource: text('resource').notNull(),
    reason: text('reason').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** `settings`, or the Slack user id who suppressed. */
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    source: text('source', { enum: ['settings', 'slack'] }).notNull(),
    /** Settings rows no longer in the file are retired (kept for the audit trail). */
    retiredAt: integer('retired_at'),
  },
  (t) => [index('suppressions_active').on(t.expiresAt)],
);

/**
 * One Well-Architected review of one workload per run key (`2026-H2`): the workflow's state (lens
 * questions as read from the Tool, proposals, progress) is kept as JSON beside the columns that
 * are queried, so a restart resumes the review where it was.
 */
export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workload: text('workload').notNull(),
    runKey: text('run_key').notNull(),
    trigger: text('trigger').notNull(),
    status: text('status').notNull(),
    startedAt: integer('started_at').notNull(),
    startedBy: text('started_by'),
    finishedAt: integer('finished_at'),
    milestoneNumber: integer('milestone_number'),
    milestoneName: text('milestone_name'),
    channel: text('channel'),
    messageTs: text('message_ts'),
    lastReminderAt: integer('last_reminder_at'),
    /** The `Review` object (src/review/types.ts) as JSON. */
    state: text('state').notNull(),
  },
  (t) => [uniqueIndex('reviews_workload_run').on(t.workload, t.runKey), index('reviews_status').on(t.status)],
);

/** Every change a review made in the Tool, with who asked for it: the audit of a review. */
export const reviewEvents = sqliteTable(
  'review_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    by: text('by').notNull(),
    action: text('action').notNull(),
    lens: text('lens'),
    questionId: text('question_id'),
    /** JSON: what was sent (selection, reason) or created (milestone). */
    detail: text('detail'),
  },
  (t) => [index('review_events_review').on(t.reviewId, t.id)],
);

/**
 * The one writer of a SQLite database: a second `pillar start` on the same file refuses to run
 * while the holder's heartbeat is fresh. One row (id 1).
 */
export const processLease = sqliteTable('process_lease', {
  id: integer('id').primaryKey(),
  owner: text('owner').notNull(),
  pid: integer('pid').notNull(),
  host: text('host').notNull(),
  startedAt: integer('started_at').notNull(),
  heartbeatAt: integer('heartbeat_at').notNull(),
});

import { GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import {
  DescribeLogGroupsCommand,
  type FilteredLogEvent,
  FilterLogEventsCommand,
  type FilterLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { type FunctionConfiguration, ListFunctionsCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { AwsClients, AwsTarget } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import { Pacer } from '../aws/pace.js';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import { describeDbError, isStorageFailure } from '../db/errors.js';
import { ingestionTargets, invocations, logGroups, seenEvents, streamStates } from '../db/schema.js';
import { isProcessDeath, PillarError } from '../errors.js';
import type { IncidentService } from '../incidents/service.js';
import { createRepeatTracker, type RepeatTracker } from '../log-repeats.js';
import type { Logger } from '../logger.js';
import {
  type CompletedInvocation,
  type FailureSignal,
  InvocationJoiner,
  type StreamState,
} from '../logs/invocations.js';
import { parseEvent } from '../logs/parse.js';
import { type FailureKind, failureKinds, type LogFormat } from '../logs/record.js';
import { matchesAny } from '../patterns.js';
import { filterPatternFor } from './filter-patterns.js';

/** Everything one ingestion cycle needs, passed in. */
export interface IngestDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: Pick<Settings, 'accounts' | 'aws' | 'ingestion'> & Partial<Pick<Settings, 'slack'>>;
  clients: AwsClients;
  incidents: IncidentService;
  /**
   * Kept across cycles so that a failure repeating every cycle is logged in full once, then
   * summarised. Without one (a single `pillar ingest --once`), every failure is logged in full.
   */
  repeats?: RepeatTracker;
  /** Aborted when the process stops: the cycle ends after the log group in flight (its cursor is stored). */
  signal?: AbortSignal;
  /** Test hooks to stop a cycle at a chosen point, as a crash would. */
  hooks?: {
    beforeCommit?: (logGroup: string) => void;
    afterCommit?: (logGroup: string) => void;
  };
}

export interface IngestError {
  account: string;
  region: string;
  logGroup?: string;
  code: string;
  message: string;
}

export interface CycleReport {
  startedAt: number;
  finishedAt: number;
  targets: number;
  targetsFailed: number;
  groupsKnown: number;
  groupsRead: number;
  groupsSkipped: number;
  requests: number;
  pages: number;
  events: number;
  duplicates: number;
  invocations: number;
  coldStarts: number;
  retries: number;
  failuresByKind: Record<FailureKind, number>;
  opened: number;
  updated: number;
  reopened: number;
  muted: number;
  /** Incidents opened, updated or reopened in this cycle, for printing. */
  changedIncidents: number[];
  errors: IngestError[];
}

type GroupRow = typeof logGroups.$inferSelect;

const DISCOVERY_INTERVAL_MS = 10 * 60_000;
const MAX_OPEN_MS = 16 * 60_000; // Lambda's 15-minute maximum timeout, plus a margin.
const INIT_ORPHAN_MS = 60_000;
const METRIC_BATCH = 500;

export function emptyReport(now: number): CycleReport {
  return {
    startedAt: now,
    finishedAt: now,
    targets: 0,
    targetsFailed: 0,
    groupsKnown: 0,
    groupsRead: 0,
    groupsSkipped: 0,
    requests: 0,
    pages: 0,
    events: 0,
    duplicates: 0,
    invocations: 0,
    coldStarts: 0,
    retries: 0,
    failuresByKind: Object.fromEntries(failureKinds.map((k) => [k, 0])) as Record<FailureKind, number>,
    opened: 0,
    updated: 0,
    reopened: 0,
    muted: 0,
    changedIncidents: [],
    errors: [],
  };
}

/**
 * One ingestion cycle over every configured account and region. Targets run concurrently (their
 * quotas are separate); within a target, calls are paced. A failing account, region or group is
 * recorded and retried next cycle; it never stops the others.
 */
export async function runIngestCycle(input: IngestDeps): Promise<CycleReport> {
  const repeats = input.repeats ?? createRepeatTracker({ clock: input.clock });
  const deps: CycleDeps = { ...input, repeats };
  const report = emptyReport(deps.clock.now());
  const targets: AwsTarget[] = deps.settings.accounts.flatMap((a) =>
    a.regions.map((region) => ({ account: a.name, region })),
  );
  report.targets = targets.length;
  const results = await Promise.allSettled(targets.map((t) => ingestTarget(deps, t, report)));
  const crash = results.find((r) => r.status === 'rejected' && isProcessDeath(r.reason));
  if (crash) throw (crash as PromiseRejectedResult).reason;
  // The database itself failing (full disk, damaged file) fails the cycle as a whole: nothing
  // was stored, and recording per-target errors would fail the same way.
  const storage = results.find((r) => r.status === 'rejected' && isStorageFailure(r.reason));
  if (storage) {
    const cause = (storage as PromiseRejectedResult).reason;
    throw describeDbError(cause, deps.db.$client.name) ?? cause;
  }
  results.forEach((r, i) => {
    const t = targets[i]!;
    const context = { account: t.account, region: t.region };
    if (r.status === 'rejected') {
      const err =
        r.reason instanceof PillarError ? r.reason : describeAwsError(r.reason, { action: 'ingest', ...t });
      report.targetsFailed++;
      report.errors.push({ account: t.account, region: t.region, code: err.code, message: err.message });
      repeats.failed(deps.logger, targetKey(t), {
        err: r.reason,
        code: err.code,
        message: err.message,
        context,
      });
      recordTargetError(deps, t, err);
    } else {
      repeats.succeeded(deps.logger, targetKey(t), context);
    }
  });
  report.finishedAt = deps.clock.now();
  return report;
}

/** Keys under which repeating failures are followed from one cycle to the next. */
const targetKey = (t: AwsTarget) => `ingest ${t.account}/${t.region}`;
const groupKey = (t: AwsTarget, logGroup: string) => `ingest ${t.account}/${t.region} ${logGroup}`;
const tagsKey = (t: AwsTarget) => `tags ${t.account}/${t.region}`;

type CycleDeps = IngestDeps & { repeats: RepeatTracker };

async function ingestTarget(deps: CycleDeps, target: AwsTarget, report: CycleReport): Promise<void> {
  const { db, clock } = deps;
  const now = clock.now();
  db.insert(ingestionTargets)
    .values({ account: target.account, region: target.region, lastStartedAt: now })
    .onConflictDoUpdate({
      target: [ingestionTargets.account, ingestionTargets.region],
      set: { lastStartedAt: now },
    })
    .run();
  const state = db
    .select()
    .from(ingestionTargets)
    .where(and(eq(ingestionTargets.account, target.account), eq(ingestionTargets.region, target.region)))
    .get();

  if (!state?.lastDiscoveryAt || now - state.lastDiscoveryAt >= DISCOVERY_INTERVAL_MS) {
    await discover(deps, target, report);
  }

  const groups = db
    .select()
    .from(logGroups)
    .where(
      and(
        eq(logGroups.account, target.account),
        eq(logGroups.region, target.region),
        eq(logGroups.present, true),
      ),
    )
    .all();
  report.groupsKnown += groups.length;

  const due = await selectDueGroups(deps, target, groups, report);
  report.groupsSkipped += groups.length - due.length;

  const pacer = new Pacer(clock, deps.settings.ingestion.requestsPerSecond);
  let lagMs = 0;
  let groupsRead = 0;
  let groupsFailed = 0;
  const throttledBefore = pacer.throttles;
  for (const group of due) {
    if (deps.signal?.aborted) break;
    const key = groupKey(target, group.logGroup);
    const context = { ...target, logGroup: group.logGroup };
    try {
      await readGroup(deps, target, group, pacer, report);
      groupsRead++;
      deps.repeats.succeeded(deps.logger, key, context);
      const cursor = db
        .select({ c: logGroups.cursorMs })
        .from(logGroups)
        .where(eq(logGroups.id, group.id))
        .get();
      if (cursor?.c) lagMs = Math.max(lagMs, clock.now() - cursor.c);
    } catch (e) {
      if (isProcessDeath(e) || isStorageFailure(e)) throw e;
      groupsFailed++;
      const err = describeAwsError(e, {
        action: 'logs:FilterLogEvents',
        account: target.account,
        region: target.region,
        resource: group.logGroup,
      });
      report.errors.push({ ...target, logGroup: group.logGroup, code: err.code, message: err.message });
      deps.repeats.failed(deps.logger, key, {
        err: e,
        code: err.code,
        message: err.message,
        level: 'warn',
        context,
      });
      // A deleted group is not read again, so there is nothing left to summarise.
      if (err.code === 'aws_not_found') deps.repeats.forget(key);
      recordGroupError(deps, group, err);
      if (err.code === 'aws_credentials') throw err; // Nothing else in this account will work either.
    }
  }

  const done = clock.now();
  db.update(ingestionTargets)
    .set({
      lastSuccessAt: done,
      consecutiveErrors: 0,
      logGroups: groups.length,
      lagMs: due.length > 0 ? lagMs : null,
      groupsRead,
      groupsFailed,
      throttles: pacer.throttles - throttledBefore,
      ...(groupsRead > 0 ? { lastGroupReadAt: done } : {}),
    })
    .where(and(eq(ingestionTargets.account, target.account), eq(ingestionTargets.region, target.region)))
    .run();
}

/** Lambda functions (for each one's log group and format) and the log groups that exist. */
async function discover(deps: CycleDeps, target: AwsTarget, report: CycleReport): Promise<void> {
  const { db, clock, clients } = deps;
  const functions: FunctionConfiguration[] = [];
  let marker: string | undefined;
  try {
    do {
      const page = await clients
        .lambda(target)
        .send(new ListFunctionsCommand({ Marker: marker, MaxItems: 50 }));
      report.requests++;
      functions.push(...(page.Functions ?? []));
      marker = page.NextMarker;
    } while (marker);
  } catch (e) {
    throw describeAwsError(e, { action: 'lambda:ListFunctions', ...target });
  }

  const existing = new Set<string>();
  let token: string | undefined;
  try {
    do {
      const page = await clients
        .logs(target)
        .send(
          new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/', nextToken: token, limit: 50 }),
        );
      report.requests++;
      for (const g of page.logGroups ?? []) if (g.logGroupName) existing.add(g.logGroupName);
      token = page.nextToken;
    } while (token);
  } catch (e) {
    throw describeAwsError(e, { action: 'logs:DescribeLogGroups', ...target });
  }

  const { include, exclude } = deps.settings.aws.functions;
  const now = clock.now();
  const wanted = new Map<string, FunctionConfiguration>();
  for (const fn of functions) {
    const name = fn.FunctionName;
    if (!name || !matchesAny(name, include) || matchesAny(name, exclude)) continue;
    const group = fn.LoggingConfig?.LogGroup ?? `/aws/lambda/${name}`;
    // A function that never ran has no log group yet; custom groups outside /aws/lambda/ are read as named.
    if (group.startsWith('/aws/lambda/') && !existing.has(group)) continue;
    wanted.set(group, fn);
  }

  // Tags cost one call per function, so they are read only when a route needs them.
  const tagsByGroup = new Map<string, string>();
  if (deps.settings.slack?.routes.some((r) => r.tags)) {
    let tagsRead = true;
    for (const [group, fn] of wanted) {
      if (!fn.FunctionArn) continue;
      try {
        const out = await clients.lambda(target).send(new ListTagsCommand({ Resource: fn.FunctionArn }));
        report.requests++;
        tagsByGroup.set(group, JSON.stringify(out.Tags ?? {}));
      } catch (e) {
        const err = describeAwsError(e, {
          action: 'lambda:ListTags',
          ...target,
          resource: fn.FunctionName ?? '',
        });
        deps.repeats.failed(deps.logger, tagsKey(target), {
          err: e,
          code: err.code,
          message: `${err.message} Routing by tags falls back to the alerts channel.`,
          level: 'warn',
          context: { ...target },
        });
        tagsRead = false;
        break;
      }
    }
    if (tagsRead) deps.repeats.succeeded(deps.logger, tagsKey(target), { ...target });
  }

  db.transaction((tx) => {
    for (const [group, fn] of wanted) {
      const values = {
        ...(tagsByGroup.has(group) ? { tags: tagsByGroup.get(group)! } : {}),
        functionName: fn.FunctionName ?? null,
        runtime: fn.Runtime ?? (fn.PackageType === 'Image' ? 'image' : null),
        logFormat: fn.LoggingConfig?.LogFormat === 'JSON' ? 'JSON' : 'Text',
        timeoutSeconds: fn.Timeout ?? null,
        memorySizeMB: fn.MemorySize ?? null,
        present: true,
      };
      tx.insert(logGroups)
        .values({ account: target.account, region: target.region, logGroup: group, ...values })
        .onConflictDoUpdate({
          target: [logGroups.account, logGroups.region, logGroups.logGroup],
          set: values,
        })
        .run();
    }
    const known = tx
      .select({ id: logGroups.id, logGroup: logGroups.logGroup })
      .from(logGroups)
      .where(and(eq(logGroups.account, target.account), eq(logGroups.region, target.region)))
      .all();
    const gone = known.filter((k) => !wanted.has(k.logGroup)).map((k) => k.id);
    if (gone.length > 0)
      tx.update(logGroups).set({ present: false }).where(inArray(logGroups.id, gone)).run();
    tx.update(ingestionTargets)
      .set({ lastDiscoveryAt: now })
      .where(and(eq(ingestionTargets.account, target.account), eq(ingestionTargets.region, target.region)))
      .run();
  });
}

/**
 * Which groups to read now: those active lately, those with unfinished invocations, those never
 * read, those whose idle sweep is due, and idle ones whose function CloudWatch metrics show
 * invoked since the last read. So 1,000 idle groups cost a couple of GetMetricData calls a
 * cycle, not 1,000 FilterLogEvents calls.
 */
async function selectDueGroups(
  deps: IngestDeps,
  target: AwsTarget,
  groups: GroupRow[],
  report: CycleReport,
): Promise<GroupRow[]> {
  const { clock, db, settings } = deps;
  const now = clock.now();
  const activeWindow = settings.ingestion.activeWindowMinutes * 60_000;
  const withOpenStreams = new Set(
    groups.length === 0
      ? []
      : db
          .select({ id: streamStates.logGroupId })
          .from(streamStates)
          .where(
            inArray(
              streamStates.logGroupId,
              groups.map((g) => g.id),
            ),
          )
          .all()
          .map((r) => r.id),
  );
  const due = new Set<number>();
  const idle: GroupRow[] = [];
  for (const g of groups) {
    const active = g.lastActivityAt !== null && now - g.lastActivityAt < activeWindow;
    if (g.cursorMs === null || active || withOpenStreams.has(g.id) || g.nextPollAt <= now) due.add(g.id);
    else idle.push(g);
  }
  if (idle.length > 0 && settings.ingestion.metricProbe) {
    const invoked = await probeInvocations(deps, target, idle, report);
    for (const g of idle) if (invoked.has(g.id)) due.add(g.id);
  }
  // Least recently read first, so that a cycle cut short by throttling is fair next time.
  return groups.filter((g) => due.has(g.id)).sort((a, b) => (a.lastPolledAt ?? 0) - (b.lastPolledAt ?? 0));
}

async function probeInvocations(
  deps: IngestDeps,
  target: AwsTarget,
  idle: GroupRow[],
  report: CycleReport,
): Promise<Set<number>> {
  const { clock, clients, db } = deps;
  const now = clock.now();
  const invoked = new Set<number>();
  const withFunction = idle.filter((g) => g.functionName);
  try {
    for (let i = 0; i < withFunction.length; i += METRIC_BATCH) {
      const batch = withFunction.slice(i, i + METRIC_BATCH);
      const since = Math.min(...batch.map((g) => g.lastPolledAt ?? g.cursorMs ?? now - 3_600_000));
      const queries: MetricDataQuery[] = batch.map((g, j) => ({
        Id: `g${j}`,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Lambda',
            MetricName: 'Invocations',
            Dimensions: [{ Name: 'FunctionName', Value: g.functionName! }],
          },
          Period: 60,
          Stat: 'Sum',
        },
        ReturnData: true,
      }));
      let token: string | undefined;
      do {
        const out = await clients.cloudwatch(target).send(
          new GetMetricDataCommand({
            MetricDataQueries: queries,
            // Metrics are stamped with the invocation's start minute, so look back a minute more.
            StartTime: new Date(Math.floor((since - 60_000) / 60_000) * 60_000),
            EndTime: new Date(now),
            NextToken: token,
          }),
        );
        report.requests++;
        for (const r of out.MetricDataResults ?? []) {
          const idx = Number(r.Id?.slice(1));
          const g = batch[idx];
          if (!g) continue;
          const last = g.lastPolledAt ?? 0;
          const hit = (r.Values ?? []).some(
            (v, k) => v > 0 && (r.Timestamps?.[k]?.getTime() ?? now) + 60_000 > last,
          );
          if (hit) invoked.add(g.id);
        }
        token = out.NextToken;
      } while (token);
    }
    db.update(ingestionTargets)
      .set({ metricProbeError: null })
      .where(and(eq(ingestionTargets.account, target.account), eq(ingestionTargets.region, target.region)))
      .run();
  } catch (e) {
    const err = describeAwsError(e, { action: 'cloudwatch:GetMetricData', ...target });
    const previous = db
      .select({ m: ingestionTargets.metricProbeError })
      .from(ingestionTargets)
      .where(and(eq(ingestionTargets.account, target.account), eq(ingestionTargets.region, target.region)))
      .get();
    if (previous?.m !== err.message) {
      deps.logger.warn(
        { err: e, ...target },
        `${err.message} Idle log groups are then read on the idle sweep only (every ${deps.settings.ingestion.idleSweepMinutes} min).`,
      );
    }
    db.update(ingestionTargets)
      .set({ metricProbeError: err.message })
      .where(and(eq(ingestionTargets.account, target.account), eq(ingestionTargets.region, target.region)))
      .run();
  }
  return invoked;
}

async function readGroup(
  deps: IngestDeps,
  target: AwsTarget,
  group: GroupRow,
  pacer: Pacer,
  report: CycleReport,
): Promise<void> {
  const { clock, clients, settings } = deps;
  const ing = settings.ingestion;
  const now = clock.now();
  const floor = now - ing.maxLookbackMinutes * 60_000;
  const startTime = Math.max(floor, (group.cursorMs ?? floor) - ing.overlapSeconds * 1000);
  const endTime = now;
  const format: LogFormat = group.logFormat === 'JSON' ? 'JSON' : 'Text';

  const events: FilteredLogEvent[] = [];
  let token: string | undefined;
  let pages = 0;
  let complete = false;
  for (;;) {
    await pacer.take();
    let page: FilterLogEventsCommandOutput;
    try {
      page = await clients.logs(target).send(
        new FilterLogEventsCommand({
          logGroupName: group.logGroup,
          startTime,
          endTime,
          filterPattern: filterPatternFor(format),
          nextToken: token,
        }),
      );
      pacer.succeeded();
    } catch (e) {
      report.requests++;
      const err = describeAwsError(e, {
        action: 'logs:FilterLogEvents',
        account: target.account,
        region: target.region,
        resource: group.logGroup,
      });
      if (err.code === 'aws_throttled') {
        const wait = pacer.throttled();
        deps.logger.warn({ ...target, logGroup: group.logGroup, backoffMs: wait }, err.message);
        // Keep what was read: store it below and continue from there next cycle.
        if (events.length > 0) break;
      }
      throw err;
    }
    report.requests++;
    pages++;
    events.push(...(page.events ?? []));
    token = page.nextToken;
    if (!token) {
      complete = true;
      break;
    }
    if (pages >= ing.maxPagesPerGroup) break;
  }
  report.pages += pages;
  report.groupsRead++;
  // Read in full: everything before endTime is in. Cut short: only up to the last event read.
  const lastTs = events.length > 0 ? (events[events.length - 1]!.timestamp ?? startTime) : startTime;
  const cursor = complete ? endTime : Math.max(group.cursorMs ?? startTime, lastTs);
  storeEvents(deps, target, group, format, events, cursor, complete, report);
}

/** Stores one group's read in a single transaction: events, invocations, incidents, cursor. */
function storeEvents(
  deps: IngestDeps,
  target: AwsTarget,
  group: GroupRow,
  format: LogFormat,
  events: FilteredLogEvent[],
  cursor: number,
  complete: boolean,
  report: CycleReport,
): void {
  const { db, clock, settings } = deps;
  const ing = settings.ingestion;
  const now = clock.now();

  db.transaction((tx) => {
    // Incidents are written in this transaction too: all of the group's read, or none of it.
    const scoped: IngestDeps = { ...deps, incidents: deps.incidents.withTx(tx) };
    const insertSeen = db.$client.prepare(
      'INSERT OR IGNORE INTO seen_events (log_group_id, event_id, timestamp) VALUES (?, ?, ?)',
    );
    const fresh: FilteredLogEvent[] = [];
    for (const e of events) {
      const id = e.eventId ?? `${e.logStreamName}|${e.timestamp}|${e.message?.length}`;
      if (insertSeen.run(group.id, id, e.timestamp ?? 0).changes === 1) fresh.push(e);
      else report.duplicates++;
    }
    report.events += fresh.length;

    const priorStmt = db.$client.prepare(
      'SELECT attempt, outcome FROM invocations WHERE log_group_id = ? AND request_id = ? ORDER BY attempt DESC LIMIT 1',
    );
    const joiner = new InvocationJoiner({
      reportGraceMs: ing.reportGraceSeconds * 1000,
      maxOpenMs: MAX_OPEN_MS,
      initOrphanMs: INIT_ORPHAN_MS,
      priorAttempt: (requestId) => {
        const row = priorStmt.get(group.id, requestId) as { attempt: number; outcome: string } | undefined;
        return row ? { attempt: row.attempt, failed: row.outcome !== 'success' } : undefined;
      },
    });
    for (const s of tx.select().from(streamStates).where(eq(streamStates.logGroupId, group.id)).all()) {
      try {
        joiner.load(s.logStream, JSON.parse(s.state) as StreamState);
      } catch {
        deps.logger.warn(
          { logGroup: group.logGroup, logStream: s.logStream },
          'Dropped an unreadable stream state',
        );
      }
    }
    for (const e of fresh) {
      const record = parseEvent(
        {
          message: e.message ?? '',
          timestamp: e.timestamp,
          logStreamName: e.logStreamName,
          eventId: e.eventId,
        },
        { format },
      );
      joiner.push(e.logStreamName ?? '', record, e.timestamp ?? now);
    }
    // Event time runs a little behind: judge completeness against the end of what was read.
    const { completed, strays, states } = joiner.flush(complete ? now : cursor);

    for (const inv of completed) storeInvocation(scoped, tx as unknown as Db, target, group, inv, report);
    for (const stray of strays) {
      const row = priorStmt.get(group.id, stray.requestId ?? '') as
        | { attempt: number; outcome: string }
        | undefined;
      if (row && row.outcome !== 'success') continue; // Already counted with its invocation.
      if (row) {
        tx.update(invocations)
          .set({ outcome: outcomeFor(stray.kind), failureKind: stray.kind, updatedAt: now })
          .where(
            and(
              eq(invocations.logGroupId, group.id),
              eq(invocations.requestId, stray.requestId!),
              eq(invocations.attempt, row.attempt),
            ),
          )
          .run();
      }
      recordOccurrence(scoped, target, group, stray, { logStream: stray.logStream }, report);
    }

    for (const [stream, state] of states) {
      if (!state.current && !state.pendingInit) {
        tx.delete(streamStates)
          .where(and(eq(streamStates.logGroupId, group.id), eq(streamStates.logStream, stream)))
          .run();
        continue;
      }
      const json = JSON.stringify(state);
      tx.insert(streamStates)
        .values({
          logGroupId: group.id,
          logStream: stream,
          state: json,
          updatedAt: now,
          lastEventAt: state.lastEventAt,
        })
        .onConflictDoUpdate({
          target: [streamStates.logGroupId, streamStates.logStream],
          set: { state: json, updatedAt: now, lastEventAt: state.lastEventAt },
        })
        .run();
    }

    const active = fresh.length > 0;
    const lastActivityAt = active ? now : group.lastActivityAt;
    tx.update(logGroups)
      .set({
        cursorMs: cursor,
        lastPolledAt: now,
        lastActivityAt,
        nextPollAt: now + ing.idleSweepMinutes * 60_000,
        consecutiveErrors: 0,
        lastErrorCode: null,
        lastErrorMessage: null,
      })
      .where(eq(logGroups.id, group.id))
      .run();
    // Ids older than the overlap can never be read again: forget them.
    tx.delete(seenEvents)
      .where(
        and(
          eq(seenEvents.logGroupId, group.id),
          lt(seenEvents.timestamp, cursor - ing.overlapSeconds * 1000 - 60_000),
        ),
      )
      .run();

    deps.hooks?.beforeCommit?.(group.logGroup);
  });
  deps.hooks?.afterCommit?.(group.logGroup);
}

function storeInvocation(
  deps: IngestDeps,
  tx: Db,
  target: AwsTarget,
  group: GroupRow,
  inv: CompletedInvocation,
  report: CycleReport,
): void {
  const now = deps.clock.now();
  report.invocations++;
  if (inv.coldStart) report.coldStarts++;
  if (inv.retry) report.retries++;
  const main = inv.occurrences[0];
  const crashed = main && main.kind !== 'error_log';
  const values = {
    logGroupId: group.id,
    logStream: inv.logStream,
    requestId: inv.requestId,
    attempt: inv.attempt,
    startedAt: inv.startedAt ?? null,
    endedAt: inv.endedAt ?? inv.reportAt ?? null,
    updatedAt: now,
    outcome: inv.outcome,
    failureKind: crashed ? main.kind : null,
    errorType: crashed ? (main.errorType ?? null) : null,
    errorMessage: crashed ? (main.errorMessage?.slice(0, 1000) ?? null) : null,
    durationMs: roundOrNull(inv.durationMs),
    billedDurationMs: roundOrNull(inv.billedDurationMs),
    memorySizeMB: inv.memorySizeMB ?? group.memorySizeMB ?? null,
    maxMemoryUsedMB: inv.maxMemoryUsedMB ?? null,
    initDurationMs: roundOrNull(inv.initDurationMs),
    coldStart: inv.coldStart,
    retry: inv.retry,
  };
  const row = tx
    .insert(invocations)
    .values(values)
    .onConflictDoUpdate({
      target: [invocations.logGroupId, invocations.requestId, invocations.attempt],
      set: values,
    })
    .returning({ id: invocations.id })
    .get();
  let incidentId: number | undefined;
  for (const occ of inv.occurrences) {
    const id = recordOccurrence(deps, target, group, occ, { inv, invocationId: row.id }, report);
    incidentId ??= id;
  }
  if (incidentId !== undefined) {
    tx.update(invocations).set({ incidentId }).where(eq(invocations.id, row.id)).run();
  }
}

function recordOccurrence(
  deps: IngestDeps,
  target: AwsTarget,
  group: GroupRow,
  f: FailureSignal,
  ctx: { inv?: CompletedInvocation; invocationId?: number; logStream?: string },
  report: CycleReport,
): number {
  const inv = ctx.inv;
  report.failuresByKind[f.kind]++;
  // The failure's own line is usually in the tail already (cut shorter there): keep one copy.
  const tail = inv?.tail ?? [];
  const head = f.excerpt?.slice(0, 120);
  const excerpt = [
    ...tail,
    ...(f.excerpt && !tail.some((l) => head && l.startsWith(head)) ? [f.excerpt] : []),
  ]
    .slice(-6)
    .join('\n');
  const { incident, change } = deps.incidents.recordFailure({
    account: target.account,
    region: target.region,
    functionName: group.functionName ?? group.logGroup.replace(/^\/aws\/lambda\//, ''),
    logGroup: group.logGroup,
    failureKind: f.kind,
    at: f.at,
    ...(f.errorType !== undefined ? { errorType: f.errorType } : {}),
    ...(f.errorMessage !== undefined ? { errorMessage: f.errorMessage } : {}),
    ...(f.frames !== undefined ? { frames: f.frames } : {}),
    ...(inv && !inv.requestId.startsWith('init:')
      ? { requestId: inv.requestId }
      : f.requestId
        ? { requestId: f.requestId }
        : {}),
    logStream: inv?.logStream ?? ctx.logStream ?? '',
    ...(excerpt ? { excerpt } : {}),
    ...(inv?.durationMs !== undefined ? { durationMs: inv.durationMs } : {}),
    ...(group.timeoutSeconds !== null ? { timeoutSeconds: group.timeoutSeconds } : {}),
    ...((inv?.memorySizeMB ?? group.memorySizeMB) != null
      ? { memorySizeMB: (inv?.memorySizeMB ?? group.memorySizeMB) as number }
      : {}),
    ...(inv?.maxMemoryUsedMB !== undefined ? { maxMemoryUsedMB: inv.maxMemoryUsedMB } : {}),
    ...(inv?.initDurationMs !== undefined ? { initDurationMs: inv.initDurationMs } : {}),
    coldStart: inv?.coldStart ?? false,
    retry: inv?.retry ?? false,
    ...(ctx.invocationId !== undefined ? { invocationId: ctx.invocationId } : {}),
  });
  if (change === 'opened') report.opened++;
  else if (change === 'reopened') report.reopened++;
  else if (change === 'muted') report.muted++;
  else report.updated++;
  if (!report.changedIncidents.includes(incident.id)) report.changedIncidents.push(incident.id);
  return incident.id;
}

function recordGroupError(deps: IngestDeps, group: GroupRow, err: PillarError): void {
  const now = deps.clock.now();
  const errors = group.consecutiveErrors + 1;
  // Back off a failing group (1, 2, 4 … 60 min) so it does not eat the quota of healthy ones.
  const backoff = Math.min(60, 2 ** Math.min(errors - 1, 6)) * 60_000;
  deps.db
    .update(logGroups)
    .set({
      consecutiveErrors: errors,
      lastErrorCode: err.code,
      lastErrorMessage: err.message,
      lastErrorAt: now,
      nextPollAt: err.code === 'aws_throttled' ? now : now + backoff,
      ...(err.code === 'aws_not_found' ? { present: false } : {}),
    })
    .where(eq(logGroups.id, group.id))
    .run();
}

function recordTargetError(deps: IngestDeps, target: AwsTarget, err: PillarError): void {
  const now = deps.clock.now();
  deps.db
    .insert(ingestionTargets)
    .values({
      account: target.account,
      region: target.region,
      lastErrorAt: now,
      lastErrorCode: err.code,
      lastErrorMessage: err.message,
      consecutiveErrors: 1,
    })
    .onConflictDoUpdate({
      target: [ingestionTargets.account, ingestionTargets.region],
      set: {
        lastErrorAt: now,
        lastErrorCode: err.code,
        lastErrorMessage: err.message,
        consecutiveErrors: sql`${ingestionTargets.consecutiveErrors} + 1`,
      },
    })
    .run();
}

function outcomeFor(kind: FailureKind): string {
  if (kind === 'timeout') return 'timeout';
  if (kind === 'out_of_memory') return 'out_of_memory';
  if (kind === 'init_error') return 'init_failure';
  return 'error';
}

function roundOrNull(n: number | undefined): number | null {
  return n === undefined ? null : Math.round(n);
}

import {
  GetMetricDataCommand,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { GetQueryResultsCommand, type ResultField, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PillarError } from '../../errors.js';
import { type CollectorContext, chunk, mapLimit } from '../context.js';
import type {
  EventSourceMapping,
  FunctionTelemetry,
  LambdaFunction,
  LogGroupInfo,
  Telemetry,
} from '../snapshot.js';

/** Figures Pillar's own ingestion has per function, to stand in when Logs Insights is not available. */
export type IngestionTelemetrySource = (functionName: string) => Partial<FunctionTelemetry> | undefined;

export const DAY_MS = 86_400_000;
/** GetMetricData takes up to 500 queries per call. */
export const METRIC_QUERIES_PER_CALL = 500;
/** Logs Insights queries up to 50 log groups at once. */
export const INSIGHTS_GROUPS_PER_QUERY = 50;
/** How long to wait for one Insights query before giving up on it. */
const INSIGHTS_MAX_WAIT_MS = 10 * 60_000;
/** Insights queries in flight at once (the account allows 100, shared with people and dashboards). */
const INSIGHTS_CONCURRENCY = 4;

type MetricField =
  | 'invocations'
  | 'errors'
  | 'throttles'
  | 'durationP99Ms'
  | 'durationMaxMs'
  | 'iteratorAgeMaxMs'
  | 'asyncEventsDropped'
  | 'deadLetterErrors'
  | 'destinationDeliveryFailures'
  | 'provisionedConcurrencyUtilizationMax'
  | 'provisionedConcurrencySpilloverInvocations'
  | 'accountConcurrentExecutionsMax';

/** One metric a scan asks for: whose it is, and how its daily points fold into one figure. */
export interface MetricRequest {
  /** Function name; undefined for the account-level query. */
  functionName?: string;
  field: MetricField;
  metricName: string;
  stat: 'Sum' | 'Maximum' | 'p99';
  dimensions: { Name: string; Value: string }[];
}

const streamSources = new Set(['kinesis', 'dynamodb', 'kafka']);

/**
 * The metric queries of a scan. Every function gets Invocations, Errors, Throttles, Duration p99
 * and Maximum and AsyncEventsDropped (the only signal for dropped async events); the rest only
 * where they can be non-zero: IteratorAge for stream consumers, DeadLetterErrors with a DLQ,
 * DestinationDeliveryFailures with a destination, provisioned-concurrency metrics per configured
 * alias or version. One account-level ConcurrentExecutions query comes last.
 */
export function metricRequestsFor(
  functions: readonly LambdaFunction[],
  mappings: readonly EventSourceMapping[],
): MetricRequest[] {
  const streamConsumers = new Set(
    mappings.filter((m) => streamSources.has(m.sourceType)).map((m) => m.functionArn),
  );
  const withEsmDestination = new Set(
    mappings.filter((m) => m.onFailureDestination).map((m) => m.functionArn),
  );
  const out: MetricRequest[] = [];
  for (const fn of functions) {
    const dims = [{ Name: 'FunctionName', Value: fn.name }];
    const add = (field: MetricField, metricName: string, stat: MetricRequest['stat'], dimensions = dims) =>
      out.push({ functionName: fn.name, field, metricName, stat, dimensions });
    add('invocations', 'Invocations', 'Sum');
    add('errors', 'Errors', 'Sum');
    add('throttles', 'Throttles', 'Sum');
    add('durationP99Ms', 'Duration', 'p99');
    add('durationMaxMs', 'Duration', 'Maximum');
    add('asyncEventsDropped', 'AsyncEventsDropped', 'Sum');
    if (streamConsumers.has(fn.arn)) add('iteratorAgeMaxMs', 'IteratorAge', 'Maximum');
    if (fn.deadLetterTargetArn) add('deadLetterErrors', 'DeadLetterErrors', 'Sum');
    if (
      fn.asyncConfig?.onFailureDestination ||
      fn.asyncConfig?.onSuccessDestination ||
      withEsmDestination.has(fn.arn)
    ) {
      add('destinationDeliveryFailures', 'DestinationDeliveryFailures', 'Sum');
    }
    for (const pc of fn.provisionedConcurrency) {
      const resource = [...dims, { Name: 'Resource', Value: `${fn.name}:${pc.qualifier}` }];
      add('provisionedConcurrencyUtilizationMax', 'ProvisionedConcurrencyUtilization', 'Maximum', resource);
      add(
        'provisionedConcurrencySpilloverInvocations',
        'ProvisionedConcurrencySpilloverInvocations',
        'Sum',
        resource,
      );
    }
  }
  if (functions.length > 0) {
    out.push({
      field: 'accountConcurrentExecutionsMax',
      metricName: 'ConcurrentExecutions',
      stat: 'Maximum',
      dimensions: [],
    });
  }
  return out;
}

/** A Logs Insights batch: up to 50 groups of one log format, and the function each belongs to. */
export interface InsightsBatch {
  format: 'Text' | 'JSON';
  groups: string[];
  functionOf: Map<string, string>;
}

/**
 * Which function log groups Insights reads. Skipped: groups known not to exist, groups several
 * functions share (REPORT lines do not say which function wrote them), and functions metrics show
 * were not invoked in the window (nothing to find, and Insights bills per byte scanned).
 */
export function insightsBatchesFor(
  functions: readonly LambdaFunction[],
  existingGroups: ReadonlySet<string> | undefined,
  invocationsOf: (functionName: string) => number | undefined,
): InsightsBatch[] {
  const writers = new Map<string, LambdaFunction[]>();
  for (const fn of functions) {
    const list = writers.get(fn.logging.logGroup) ?? [];
    list.push(fn);
    writers.set(fn.logging.logGroup, list);
  }
  const byFormat: Record<'Text' | 'JSON', [string, string][]> = { Text: [], JSON: [] };
  for (const [group, fns] of writers) {
    const fn = fns[0] as LambdaFunction;
    if (fns.length > 1) continue;
    if (existingGroups && !existingGroups.has(group)) continue;
    if (invocationsOf(fn.name) === 0) continue;
    byFormat[fn.logging.format].push([group, fn.name]);
  }
  const batches: InsightsBatch[] = [];
  for (const format of ['Text', 'JSON'] as const) {
    for (const part of chunk(byFormat[format], INSIGHTS_GROUPS_PER_QUERY)) {
      batches.push({ format, groups: part.map(([g]) => g), functionOf: new Map(part) });
    }
  }
  return batches;
}

/**
 * The REPORT-line queries, one per log format. Text REPORT lines give Insights' discovered fields
 * (memory in bytes); JSON groups carry `platform.report` records with the figures in MB. Timeouts
 * are `Status: timeout` on REPORT (current) or a `Task timed out after` line (older runtimes);
 * out-of-memory kills are `Runtime.OutOfMemory` or the `signal: killed` exit line.
 */
export const insightsQueries: Record<'Text' | 'JSON', string> = {
  Text: [
    'filter @type = "REPORT" or @message like /Task timed out after|signal: killed/',
    '| stats count(@maxMemoryUsed) as reports, max(@maxMemoryUsed) as memMax, pct(@maxMemoryUsed, 99) as memP99,',
    'count(@initDuration) as coldStarts, pct(@initDuration, 95) as initP95,',
    'sum(strcontains(@message, "Status: timeout")) as timeoutStatus,',
    'sum(strcontains(@message, "Task timed out after")) as timeoutLines,',
    'sum(strcontains(@message, "Runtime.OutOfMemory")) as oomStatus,',
    'sum(strcontains(@message, "signal: killed")) as oomKilled by @log',
  ].join(' '),
  JSON: [
    'filter type = "platform.report" or @message like /Task timed out after/',
    '| stats count(record.metrics.maxMemoryUsedMB) as reports, max(record.metrics.maxMemoryUsedMB) as memMax,',
    'pct(record.metrics.maxMemoryUsedMB, 99) as memP99,',
    'count(record.metrics.initDurationMs) as coldStarts, pct(record.metrics.initDurationMs, 95) as initP95,',
    'sum(strcontains(record.status, "timeout")) as timeoutStatus,',
    'sum(strcontains(@message, "Task timed out after")) as timeoutLines,',
    'sum(strcontains(record.errorType, "Runtime.OutOfMemory")) as oomStatus by @log',
  ].join(' '),
};

/** Insights reports REPORT-line memory in bytes, a megabyte counted as 1,000,000. */
const BYTES_PER_MB = 1_000_000;

export interface TelemetryInput {
  functions: readonly LambdaFunction[];
  mappings: readonly EventSourceMapping[];
  /** Log groups that exist; undefined when DescribeLogGroups could not be read. */
  logGroups: readonly LogGroupInfo[] | undefined;
  windowDays: number;
  ingestion?: IngestionTelemetrySource;
  /** Run Logs Insights (default true); false leaves log figures to the ingestion source. */
  insights?: boolean;
}

/** The window a scan reads: whole UTC days back from today, plus today so far. */
export function telemetryWindow(now: number, windowDays: number): { start: number; end: number } {
  return { start: Math.floor(now / DAY_MS) * DAY_MS - windowDays * DAY_MS, end: now };
}

export async function collectTelemetry(ctx: CollectorContext, input: TelemetryInput): Promise<Telemetry> {
  ctx.progress({ collector: 'telemetry', state: 'start' });
  const window = telemetryWindow(ctx.clock.now(), input.windowDays);
  const functions: Record<string, FunctionTelemetry> = {};
  for (const fn of input.functions) functions[fn.name] = {};
  const telemetry: Telemetry = { windowDays: input.windowDays, functions };

  const requests = metricRequestsFor(input.functions, input.mappings);
  const metricsOk = await readMetrics(ctx, requests, window, telemetry);

  const existing = input.logGroups ? new Set(input.logGroups.map((g) => g.name)) : undefined;
  const batches =
    input.insights === false
      ? []
      : insightsBatchesFor(input.functions, existing, (name) =>
          metricsOk ? functions[name]?.invocations : undefined,
        );
  const fromInsights = await readInsights(ctx, batches, window, functions);

  if (input.ingestion) {
    for (const fn of input.functions) {
      if (fromInsights.has(fn.name)) continue;
      const own = input.ingestion(fn.name);
      if (own && Object.keys(own).length > 0)
        Object.assign(functions[fn.name] as FunctionTelemetry, logFigures(own), { logSource: 'ingestion' });
    }
  }

  const failed = ['cloudwatch:GetMetricData', 'logs:StartQuery', 'logs:GetQueryResults'].filter((a) =>
    ctx.isUnavailable(a),
  );
  ctx.progress({
    collector: 'telemetry',
    state: failed.length === 0 ? 'done' : 'failed',
    items: input.functions.length,
    ...(failed.length > 0 ? { message: `not read: ${failed.join(', ')}` } : {}),
  });
  return telemetry;
}

const logFigureKeys = [
  'maxMemoryUsedMB',
  'p99MemoryUsedMB',
  'reportCount',
  'coldStarts',
  'initDurationP95Ms',
  'timeouts',
  'outOfMemory',
] as const;

/** Only the REPORT-line figures of an ingestion answer: metrics come from CloudWatch alone. */
function logFigures(t: Partial<FunctionTelemetry>): Partial<FunctionTelemetry> {
  const out: Partial<FunctionTelemetry> = {};
  for (const k of logFigureKeys) if (t[k] !== undefined) out[k] = t[k];
  return out;
}

// --- GetMetricData ---------------------------------------------------------------------------

/** Reads every metric request in batches of 500; true when all of them were answered. */
async function readMetrics(
  ctx: CollectorContext,
  requests: MetricRequest[],
  window: { start: number; end: number },
  telemetry: Telemetry,
): Promise<boolean> {
  // Daily Invocations and Errors per function, for the worst day's error rate.
  const daily = new Map<string, { invocations?: Map<number, number>; errors?: Map<number, number> }>();
  let ok = true;
  for (const batch of chunk(requests, METRIC_QUERIES_PER_CALL)) {
    const results = await readMetricBatch(
      ctx,
      batch.map((r) => ({ namespace: 'AWS/Lambda', ...r })),
      window,
    );
    if (!results) {
      ok = false;
      continue;
    }
    batch.forEach((r, i) => {
      const points = results[i] ?? [];
      applyMetric(telemetry, r, points);
      if (r.functionName !== undefined && (r.field === 'invocations' || r.field === 'errors')) {
        const d = daily.get(r.functionName) ?? {};
        d[r.field] = new Map(points.map((p) => [p.t, p.v]));
        daily.set(r.functionName, d);
      }
    });
  }
  for (const [name, d] of daily) {
    const t = telemetry.functions[name];
    if (!t || !d.invocations || !d.errors) continue;
    let worst: number | undefined;
    for (const [day, n] of d.invocations) {
      if (n > 0) worst = Math.max(worst ?? 0, (d.errors.get(day) ?? 0) / n);
    }
    if (worst !== undefined) t.maxDailyErrorRate = worst;
  }
  return ok;
}

/** One GetMetricData query: a metric of one resource, read per day with `stat`. */
export interface MetricQuery {
  namespace: string;
  metricName: string;
  dimensions: { Name: string; Value: string }[];
  stat: string;
}

/**
 * Sends one batch of at most `METRIC_QUERIES_PER_CALL` queries, reading every page, and gives
 * each query's daily datapoints in the batch's order; undefined when a call failed (it is then
 * listed as unavailable by the scan context).
 */
export async function readMetricBatch(
  ctx: CollectorContext,
  batch: readonly MetricQuery[],
  window: { start: number; end: number },
): Promise<{ t: number; v: number }[][] | undefined> {
  const cloudwatch = ctx.clients.cloudwatch(ctx.target);
  const queries: MetricDataQuery[] = batch.map((r, i) => ({
    Id: `m${i}`,
    MetricStat: {
      Metric: { Namespace: r.namespace, MetricName: r.metricName, Dimensions: r.dimensions },
      Period: DAY_MS / 1000,
      Stat: r.stat,
    },
    ReturnData: true,
  }));
  const results = new Map<string, { t: number; v: number }[]>();
  let token: string | undefined;
  do {
    const page = await ctx.call('cloudwatch', 'cloudwatch:GetMetricData', () =>
      cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: new Date(window.start),
          EndTime: new Date(window.end),
          ScanBy: 'TimestampAscending',
          NextToken: token,
        }),
      ),
    );
    if (!page.ok) return undefined;
    for (const r of page.value.MetricDataResults ?? []) addPoints(results, r);
    token = page.value.NextToken;
  } while (token);
  return batch.map((_, i) => results.get(`m${i}`) ?? []);
}

function addPoints(results: Map<string, { t: number; v: number }[]>, r: MetricDataResult): void {
  if (!r.Id) return;
  const list = results.get(r.Id) ?? [];
  (r.Values ?? []).forEach((v, k) => {
    list.push({ t: r.Timestamps?.[k]?.getTime() ?? 0, v });
  });
  results.set(r.Id, list);
}

type SumField =
  | 'invocations'
  | 'errors'
  | 'throttles'
  | 'asyncEventsDropped'
  | 'deadLetterErrors'
  | 'destinationDeliveryFailures'
  | 'provisionedConcurrencySpilloverInvocations';
type MaxField =
  | 'durationP99Ms'
  | 'durationMaxMs'
  | 'iteratorAgeMaxMs'
  | 'provisionedConcurrencyUtilizationMax';

function applyMetric(telemetry: Telemetry, r: MetricRequest, points: { t: number; v: number }[]): void {
  const values = points.map((p) => p.v);
  const max = values.length > 0 ? Math.max(...values) : undefined;
  if (r.field === 'accountConcurrentExecutionsMax') {
    if (max !== undefined) telemetry.account = { ...telemetry.account, concurrentExecutionsMax: max };
    return;
  }
  const t = telemetry.functions[r.functionName ?? ''];
  if (!t) return;
  if (r.stat === 'Sum') {
    // A sum with no datapoints is a measured zero (several aliases add up).
    const field = r.field as SumField;
    t[field] = (t[field] ?? 0) + values.reduce((a, b) => a + b, 0);
  } else if (max !== undefined) {
    // A statistic with no datapoints stays unknown. Over the window's days (or several aliases)
    // the highest daily figure stands for the whole: a p99 high on any one day is what counts.
    const field = r.field as MaxField;
    t[field] = Math.max(t[field] ?? max, max);
  }
}

// --- Logs Insights ---------------------------------------------------------------------------

/** Runs the REPORT-line queries; returns the functions it has figures for. */
async function readInsights(
  ctx: CollectorContext,
  batches: InsightsBatch[],
  window: { start: number; end: number },
  functions: Record<string, FunctionTelemetry>,
): Promise<Set<string>> {
  const covered = new Set<string>();
  await mapLimit(batches, INSIGHTS_CONCURRENCY, async (batch) => {
    const rows = await runQuery(ctx, batch, window);
    if (!rows) return;
    const seen = new Set<string>();
    for (const row of rows) {
      const fields = new Map(row.map((f: ResultField) => [f.field ?? '', f.value ?? '']));
      // `@log` is `<account id>:<group name>`.
      const log = fields.get('@log') ?? '';
      const group = log.slice(log.indexOf(':') + 1);
      const name = batch.functionOf.get(group);
      if (!name) continue;
      seen.add(group);
      Object.assign(functions[name] as FunctionTelemetry, reportFigures(fields, batch.format));
      covered.add(name);
    }
    // A group that was read but has no row had no REPORT line in the window.
    for (const [group, name] of batch.functionOf) {
      if (seen.has(group)) continue;
      Object.assign(functions[name] as FunctionTelemetry, {
        reportCount: 0,
        coldStarts: 0,
        timeouts: 0,
        outOfMemory: 0,
        logSource: 'insights',
      });
      covered.add(name);
    }
  });
  return covered;
}

function reportFigures(fields: Map<string, string>, format: 'Text' | 'JSON'): Partial<FunctionTelemetry> {
  const num = (k: string): number | undefined => {
    const v = fields.get(k);
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const mb = (k: string): number | undefined => {
    const v = num(k);
    return v === undefined ? undefined : format === 'Text' ? v / BYTES_PER_MB : v;
  };
  const out: Partial<FunctionTelemetry> = {
    reportCount: num('reports') ?? 0,
    coldStarts: num('coldStarts') ?? 0,
    timeouts: (num('timeoutStatus') ?? 0) + (num('timeoutLines') ?? 0),
    outOfMemory: (num('oomStatus') ?? 0) + (num('oomKilled') ?? 0),
    logSource: 'insights',
  };
  const memMax = mb('memMax');
  const memP99 = mb('memP99');
  const initP95 = num('initP95');
  if (memMax !== undefined) out.maxMemoryUsedMB = memMax;
  if (memP99 !== undefined) out.p99MemoryUsedMB = memP99;
  if (initP95 !== undefined) out.initDurationP95Ms = initP95;
  return out;
}

/** StartQuery, then GetQueryResults until the query ends; undefined when it could not run. */
async function runQuery(
  ctx: CollectorContext,
  batch: InsightsBatch,
  window: { start: number; end: number },
): Promise<ResultField[][] | undefined> {
  const logs = ctx.clients.logs(ctx.target);
  const started = await ctx.call('logs', 'logs:StartQuery', () =>
    logs.send(
      new StartQueryCommand({
        logGroupNames: batch.groups,
        startTime: Math.floor(window.start / 1000),
        endTime: Math.floor(window.end / 1000),
        queryString: insightsQueries[batch.format],
        limit: 10_000,
      }),
    ),
  );
  if (!started.ok || !started.value.queryId) return undefined;
  const queryId = started.value.queryId;
  const deadline = ctx.clock.now() + INSIGHTS_MAX_WAIT_MS;
  let wait = 1000;
  for (;;) {
    await ctx.clock.sleep(wait);
    const r = await ctx.call('logs', 'logs:GetQueryResults', () =>
      logs.send(new GetQueryResultsCommand({ queryId })),
    );
    if (!r.ok) return undefined;
    const status = r.value.status;
    if (status === 'Complete') return r.value.results ?? [];
    if (status !== 'Scheduled' && status !== 'Running') {
      queryFailed(ctx, batch, `ended with status ${status ?? 'Unknown'}`);
      return undefined;
    }
    if (ctx.clock.now() >= deadline) {
      queryFailed(ctx, batch, `did not complete within ${INSIGHTS_MAX_WAIT_MS / 60_000} minutes`);
      return undefined;
    }
    wait = Math.min(wait * 2, 10_000);
  }
}

/**
 * A query that ran but gave nothing counts against StartQuery, the action the log checks read,
 * listing the groups it covered.
 */
function queryFailed(ctx: CollectorContext, batch: InsightsBatch, what: string): void {
  const { account, region } = ctx.target;
  const err = new PillarError(
    'aws_error',
    `A Logs Insights query over ${batch.groups.length} log group(s) in ${account}/${region} ${what}; their memory, cold-start and timeout figures are left out.`,
  );
  for (const group of batch.groups) ctx.record('logs', 'logs:StartQuery', err, group);
}

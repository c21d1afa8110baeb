import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AwsError } from '../errors.js';
import { offsetPage } from '../paging.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimAlarm, SimFunction, StoredLogEvent } from '../state.js';

/**
 * CloudWatch (metrics): JSON 1.0 with `awsQueryCompatible`, as @aws-sdk/client-cloudwatch sends it
 * since late 2025 (`X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`). Errors carry
 * `x-amzn-query-error: <QueryCode>;Sender`, so SDK exceptions have the Query-era names
 * (`Throttling`, `AccessDenied`, `InvalidParameterValueException`).
 */

// --- Lambda metrics derived from log events --------------------------------------------------

export interface DerivedInvocation {
  requestId: string;
  logStreamName: string;
  /** START timestamp: CloudWatch files Lambda metrics under the invocation time. */
  start: number;
  failed: boolean;
  durationMs?: number;
}

/** Lines that show an invocation failed, for runtimes whose REPORT line does not say so. */
const failureMarkers: RegExp[] = [
  /Task timed out after \d/,
  /^RequestId: \S+ Error: /m,
  /\tInvoke Error \t/,
  /\tUncaught Exception \t/,
  /^\[ERROR\] [\w.]+: /,
  /"log_level": ?"ERROR"/,
  /^Critical exception from handler/,
  /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} \{"errorMessage"/,
  // Java: `<message>: <pkg.Type>` then `<pkg.Type>: <message>` and frames.
  /^[^\n]*: (?:[\w$]+\.)+[\w$]+\n(?:[\w$]+\.)+[\w$]+[:\n]/,
  // .NET unhandled: `<ts>\t<id>\tfail\tSystem.X: message` followed by `   at` frames.
  /\tfail\t(?:\w+\.)+\w+: [^\n]*\n\s+at /,
];

interface PlatformRecord {
  type?: string;
  record?: { requestId?: string; status?: string; metrics?: { durationMs?: number } };
}

function platformRecord(message: string): PlatformRecord | undefined {
  if (!message.startsWith('{"time"') || !message.includes('"type":"platform.')) return undefined;
  try {
    return JSON.parse(message) as PlatformRecord;
  } catch {
    return undefined;
  }
}

/**
 * Joins events of one log group into invocations: START opens one per stream, REPORT closes it,
 * and failure lines in between (or naming its request id) mark it failed. Retries (same request
 * id started again) count as separate invocations, as Lambda's Invocations metric does.
 */
export function deriveInvocations(
  events: readonly Pick<StoredLogEvent, 'timestamp' | 'message' | 'logStreamName'>[],
): DerivedInvocation[] {
  const out: DerivedInvocation[] = [];
  const open = new Map<string, DerivedInvocation>();
  const begin = (stream: string, requestId: string, ts: number): void => {
    const inv: DerivedInvocation = { requestId, logStreamName: stream, start: ts, failed: false };
    open.set(stream, inv);
    out.push(inv);
  };
  const current = (stream: string, requestId?: string): DerivedInvocation | undefined => {
    const inv = open.get(stream);
    if (inv && (requestId === undefined || inv.requestId === requestId)) return inv;
    if (requestId === undefined) return undefined;
    for (let i = out.length - 1; i >= 0; i--) if (out[i]?.requestId === requestId) return out[i];
    return undefined;
  };
  for (const e of events) {
    const m = e.message;
    const platform = platformRecord(m);
    if (platform) {
      const rec = platform.record ?? {};
      if (platform.type === 'platform.start' && rec.requestId)
        begin(e.logStreamName, rec.requestId, e.timestamp);
      else if (platform.type === 'platform.report' || platform.type === 'platform.runtimeDone') {
        const inv = current(e.logStreamName, rec.requestId);
        if (inv) {
          if (rec.status && rec.status !== 'success') inv.failed = true;
          if (platform.type === 'platform.report') {
            if (rec.metrics?.durationMs !== undefined) inv.durationMs = rec.metrics.durationMs;
            open.delete(e.logStreamName);
          }
        }
      }
      continue;
    }
    const start = /^START RequestId: (\S+)/.exec(m);
    if (start) {
      begin(e.logStreamName, start[1] as string, e.timestamp);
      continue;
    }
    const report = /^REPORT RequestId: (\S+)/.exec(m);
    if (report) {
      const inv = current(e.logStreamName, report[1]);
      if (inv) {
        const d = /\tDuration: ([\d.]+) ms/.exec(m) ?? /Duration: ([\d.]+) ms/.exec(m);
        if (d) inv.durationMs = Number(d[1]);
        if (/Status: (?:error|timeout)/.test(m)) inv.failed = true;
        open.delete(e.logStreamName);
      }
      continue;
    }
    if (failureMarkers.some((re) => re.test(m))) {
      const named = /^RequestId: (\S+) Error: /m.exec(m)?.[1];
      const inv = current(e.logStreamName, named);
      if (inv) inv.failed = true;
    }
  }
  return out;
}

// --- GetMetricData ---------------------------------------------------------------------------

const timestamp = z.union([z.number(), z.string()]).transform((v, ctx) => {
  // JSON 1.0 sends epoch seconds; accept ISO text too for hand-written requests.
  const ms = typeof v === 'number' ? v * 1000 : Date.parse(v);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'Member must be a timestamp' });
    return z.NEVER;
  }
  return ms;
});

const dimension = z.object({ Name: z.string().min(1).max(255), Value: z.string().min(1).max(1024) });

const metricDataQuery = z.object({
  Id: z.string().min(1).max(255),
  MetricStat: z
    .object({
      Metric: z.object({
        Namespace: z.string().min(1).max(255).optional(),
        MetricName: z.string().min(1).max(255).optional(),
        Dimensions: z.array(dimension).max(30).optional(),
      }),
      Period: z.number().int().min(1),
      Stat: z.string().min(1),
      Unit: z.string().optional(),
    })
    .optional(),
  Expression: z.string().optional(),
  Label: z.string().optional(),
  ReturnData: z.boolean().optional(),
  Period: z.number().int().optional(),
  AccountId: z.string().optional(),
});

type MetricDataQuery = z.infer<typeof metricDataQuery>;

interface Sample {
  t: number;
  v: number;
}

interface ResultSeries {
  Id: string;
  Label: string;
  points: { t: number; v: number }[];
}

function statistic(stat: string, values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  switch (stat) {
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Maximum':
      return sorted[sorted.length - 1] as number;
    case 'Minimum':
      return sorted[0] as number;
    case 'SampleCount':
      return values.length;
  }
  const p = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
  if (p) {
    // Nearest rank; CloudWatch's estimate differs slightly, which no caller should depend on.
    const rank = Math.ceil((Number(p[1]) / 100) * sorted.length);
    return sorted[Math.max(0, rank - 1)] as number;
  }
  throw new AwsError(
    'InvalidParameterValueException',
    `The value ${stat} for parameter Stat is not supported.`,
  );
}

function sameDimensions(a: Record<string, string>, b: { Name: string; Value: string }[]): boolean {
  const keys = Object.keys(a);
  return keys.length === b.length && b.every((d) => a[d.Name] === d.Value);
}

const derivedMetricNames = new Set(['Invocations', 'Errors', 'Duration']);

function samplesFor(
  ctx: OperationContext,
  q: MetricDataQuery,
  start: number,
  end: number,
  invocationsOf: (fn: SimFunction) => DerivedInvocation[],
): Sample[] {
  const metric = q.MetricStat?.Metric;
  const namespace = metric?.Namespace ?? '';
  const name = metric?.MetricName ?? '';
  const dims = metric?.Dimensions ?? [];
  const samples: Sample[] = [];
  const account = ctx.caller.accountId;
  for (const d of ctx.state.metrics(account, ctx.region)) {
    if (d.namespace === namespace && d.metricName === name && sameDimensions(d.dimensions, dims)) {
      if (d.timestamp >= start && d.timestamp < end) samples.push({ t: d.timestamp, v: d.value });
    }
  }
  if (namespace === 'AWS/Lambda' && derivedMetricNames.has(name)) {
    let fns: SimFunction[] = [];
    if (dims.length === 0) fns = ctx.state.functions(account, ctx.region);
    else if (dims.length === 1 && dims[0]?.Name === 'FunctionName') {
      const fn = ctx.state.getFunction(account, ctx.region, dims[0].Value);
      if (fn) fns = [fn];
    }
    for (const fn of fns) {
      for (const inv of invocationsOf(fn)) {
        if (inv.start < start || inv.start >= end) continue;
        if (name === 'Invocations') samples.push({ t: inv.start, v: 1 });
        else if (name === 'Errors') samples.push({ t: inv.start, v: inv.failed ? 1 : 0 });
        else if (inv.durationMs !== undefined) samples.push({ t: inv.start, v: inv.durationMs });
      }
    }
  }
  return samples;
}

const getMetricData = defineOperation({
  name: 'GetMetricData',
  input: z.object({
    MetricDataQueries: z.array(metricDataQuery).min(1).max(500),
    StartTime: timestamp,
    EndTime: timestamp,
    NextToken: z.string().optional(),
    ScanBy: z.enum(['TimestampDescending', 'TimestampAscending']).optional(),
    MaxDatapoints: z.number().int().min(1).optional(),
    LabelOptions: z.object({ Timezone: z.string().optional() }).optional(),
  }),
  handle(ctx, input) {
    if (input.StartTime >= input.EndTime) {
      throw new AwsError(
        'ValidationException',
        'The parameter StartTime must be less than the parameter EndTime.',
      );
    }
    const ids = new Set<string>();
    for (const q of input.MetricDataQueries) {
      if (!/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) {
        throw new AwsError(
          'ValidationException',
          `The value ${q.Id} for parameter MetricDataQueries.member.Id is not valid.`,
        );
      }
      if (ids.has(q.Id))
        throw new AwsError(
          'ValidationException',
          `The value ${q.Id} for parameter MetricDataQueries.member.Id is duplicated.`,
        );
      ids.add(q.Id);
      if (q.Expression !== undefined) {
        throw new AwsError(
          'ValidationException',
          'Metric math and Metrics Insights expressions are not supported by the simulator.',
        );
      }
      if (!q.MetricStat) {
        throw new AwsError(
          'ValidationException',
          'Exactly one of MetricStat and Expression must be specified.',
        );
      }
    }

    const invocationCache = new Map<string, DerivedInvocation[]>();
    const invocationsOf = (fn: SimFunction): DerivedInvocation[] => {
      let cached = invocationCache.get(fn.arn);
      if (!cached) {
        const group = ctx.state.logGroup(fn.account, fn.region, fn.logGroup);
        cached = group ? deriveInvocations(ctx.state.visibleEvents(group)) : [];
        invocationCache.set(fn.arn, cached);
      }
      return cached;
    };

    const ascending = input.ScanBy === 'TimestampAscending';
    const series: ResultSeries[] = [];
    for (const q of input.MetricDataQueries) {
      if (q.ReturnData === false) continue;
      const stat = q.MetricStat as NonNullable<MetricDataQuery['MetricStat']>;
      const period = stat.Period * 1000;
      const buckets = new Map<number, number[]>();
      for (const s of samplesFor(ctx, q, input.StartTime, input.EndTime, invocationsOf)) {
        const b = Math.floor(s.t / period) * period;
        const list = buckets.get(b) ?? [];
        list.push(s.v);
        buckets.set(b, list);
      }
      const points = [...buckets.entries()]
        .map(([t, values]) => ({ t, v: statistic(stat.Stat, values) }))
        .sort((a, b) => (ascending ? a.t - b.t : b.t - a.t));
      series.push({ Id: q.Id, Label: q.Label ?? stat.Metric.MetricName ?? q.Id, points });
    }

    // Pages cut the flattened datapoints at MaxDatapoints; the token says how many were sent.
    const queryKey = createHash('sha256')
      .update(JSON.stringify([input.MetricDataQueries, input.StartTime, input.EndTime]))
      .digest('base64url')
      .slice(0, 16);
    let offset = 0;
    if (input.NextToken !== undefined) {
      const m = /^gmd\/([\w-]+)\/(\d+)$/.exec(input.NextToken);
      if (!m || m[1] !== queryKey)
        throw new AwsError('InvalidNextToken', 'The service cannot process the NextToken.');
      offset = Number(m[2]);
    }
    const max = input.MaxDatapoints ?? 100_800;
    const results: Record<string, unknown>[] = [];
    let seen = 0;
    let sent = 0;
    let truncated = false;
    for (const s of series) {
      const from = Math.max(0, offset - seen);
      seen += s.points.length;
      if (from >= s.points.length && s.points.length > 0) continue;
      const room = max - sent;
      if (room <= 0) {
        truncated = true;
        break;
      }
      const slice = s.points.slice(from, from + room);
      sent += slice.length;
      const partial = from + slice.length < s.points.length;
      if (partial) truncated = true;
      results.push({
        Id: s.Id,
        Label: s.Label,
        Timestamps: slice.map((p) => p.t / 1000),
        Values: slice.map((p) => p.v),
        StatusCode: partial ? 'PartialData' : 'Complete',
      });
      if (partial) break;
    }
    return {
      MetricDataResults: results,
      Messages: [],
      ...(truncated ? { NextToken: `gmd/${queryKey}/${offset + sent}` } : {}),
    };
  },
});

// --- DescribeAlarms --------------------------------------------------------------------------

const dims = (d: Record<string, string> | undefined) =>
  Object.entries(d ?? {}).map(([Name, Value]) => ({ Name, Value }));

function metricAlarm(a: SimAlarm): Record<string, unknown> {
  const s = a.spec;
  const state = s.stateValue ?? 'INSUFFICIENT_DATA';
  const updated = a.stateUpdatedTimestamp / 1000;
  const base: Record<string, unknown> = {
    AlarmName: a.name,
    AlarmArn: a.arn,
    AlarmConfigurationUpdatedTimestamp: updated,
    ActionsEnabled: s.actionsEnabled ?? true,
    OKActions: s.okActions ?? [],
    AlarmActions: s.alarmActions ?? [],
    InsufficientDataActions: [],
    StateValue: state,
    StateReason: state === 'INSUFFICIENT_DATA' ? 'Unchecked: Initial alarm creation' : `Threshold Crossed`,
    StateUpdatedTimestamp: updated,
    StateTransitionedTimestamp: updated,
    EvaluationPeriods: s.evaluationPeriods ?? 1,
    Threshold: s.threshold ?? 1,
    ComparisonOperator: s.comparisonOperator ?? 'GreaterThanOrEqualToThreshold',
  };
  if (s.metrics) {
    base.Metrics = s.metrics.map((m, i) => ({
      Id: `m${i + 1}`,
      MetricStat: {
        Metric: { Namespace: m.namespace, MetricName: m.metricName, Dimensions: dims(m.dimensions) },
        Period: s.period ?? 60,
        Stat: s.statistic ?? 'Sum',
      },
      ReturnData: false,
    }));
    (base.Metrics as unknown[]).push({ Id: 'e1', Expression: 'SUM(METRICS())', ReturnData: true });
  } else {
    base.Namespace = s.namespace;
    base.MetricName = s.metricName;
    base.Dimensions = dims(s.dimensions);
    base.Statistic = s.statistic ?? 'Sum';
    base.Period = s.period ?? 60;
  }
  return base;
}

const describeAlarms = defineOperation({
  name: 'DescribeAlarms',
  input: z.object({
    AlarmNames: z.array(z.string().min(1).max(255)).max(100).optional(),
    AlarmNamePrefix: z.string().min(1).max(255).optional(),
    AlarmTypes: z.array(z.enum(['CompositeAlarm', 'MetricAlarm'])).optional(),
    StateValue: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']).optional(),
    ActionPrefix: z.string().min(1).max(1024).optional(),
    MaxRecords: z.number().int().min(1).max(100).optional(),
    NextToken: z.string().optional(),
  }),
  handle(ctx, input) {
    if (input.AlarmNames && input.AlarmNamePrefix !== undefined) {
      throw new AwsError(
        'InvalidParameterCombinationException',
        'AlarmNames and AlarmNamePrefix cannot be specified together.',
      );
    }
    // Only metric alarms are kept; without AlarmTypes DescribeAlarms answers metric alarms only.
    const types = input.AlarmTypes ?? ['MetricAlarm'];
    const all = types.includes('MetricAlarm')
      ? ctx.state
          .alarms(ctx.caller.accountId, ctx.region)
          .filter((a) => !input.AlarmNames || input.AlarmNames.includes(a.name))
          .filter((a) => input.AlarmNamePrefix === undefined || a.name.startsWith(input.AlarmNamePrefix))
          .filter(
            (a) =>
              input.StateValue === undefined ||
              (a.spec.stateValue ?? 'INSUFFICIENT_DATA') === input.StateValue,
          )
          .filter(
            (a) =>
              input.ActionPrefix === undefined ||
              (a.spec.alarmActions ?? []).some((x) => x.startsWith(input.ActionPrefix as string)),
          )
      : [];
    const { page, next } = offsetPage(
      all,
      input.NextToken,
      input.MaxRecords ?? 50,
      'da',
      () => new AwsError('InvalidNextToken', 'The service cannot process the NextToken.'),
    );
    return { MetricAlarms: page.map(metricAlarm), CompositeAlarms: [], ...(next ? { NextToken: next } : {}) };
  },
});

export const cloudwatchService: ServiceDefinition = {
  id: 'cloudwatch',
  signingName: 'monitoring',
  iamPrefix: 'cloudwatch',
  protocol: 'awsJson1_0',
  targetPrefix: 'GraniteServiceVersion20100801',
  awsQueryCompatible: true,
  validationErrorCode: 'ValidationException',
  errors: {
    ValidationException: { queryCode: 'ValidationError' },
    InvalidParameterValueException: { queryCode: 'InvalidParameterValue' },
    InvalidNextToken: { queryCode: 'InvalidNextToken' },
    InvalidParameterCombinationException: { queryCode: 'InvalidParameterCombination' },
    ThrottlingException: { queryCode: 'Throttling' },
    AccessDeniedException: { queryCode: 'AccessDenied', status: 403 },
    ResourceNotFoundException: { queryCode: 'ResourceNotFoundException', status: 404 },
    ServiceUnavailableException: { queryCode: 'ServiceUnavailable', status: 503, server: true },
    InternalFailure: {
      code: 'InternalServiceFault',
      queryCode: 'InternalServiceError',
      status: 500,
      server: true,
    },
    UnrecognizedClientException: { queryCode: 'InvalidClientTokenId', status: 403 },
    ExpiredTokenException: { queryCode: 'ExpiredToken', status: 403 },
    UnknownOperationException: { queryCode: 'InvalidAction' },
    MissingAuthenticationTokenException: { queryCode: 'MissingAuthenticationToken', status: 403 },
  },
  operations: [getMetricData, describeAlarms],
};

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AwsError } from '../errors.js';
import { compileFilterPattern, FilterPatternError } from '../filter-pattern.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimInsightsQuery, SimLogGroup, StoredLogEvent } from '../state.js';

/** CloudWatch Logs: JSON 1.1, `X-Amz-Target: Logs_20140328.<Op>`. */

const MAX_PAGE_BYTES = 1024 * 1024;
const groupNameSchema = z.string().min(1).max(512);

function notFoundGroup(): AwsError {
  return new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
}

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

/** Name of the group a name-or-ARN identifier points at (ARNs may end in `:*`). */
function groupNameFromIdentifier(identifier: string): { name: string; account?: string; region?: string } {
  const m = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):log-group:(.+?)(?::\*)?$/.exec(identifier);
  if (!m) return { name: identifier };
  return { region: m[1] as string, account: m[2] as string, name: m[3] as string };
}

function resolveGroup(
  ctx: OperationContext,
  input: { logGroupName?: string | undefined; logGroupIdentifier?: string | undefined },
): SimLogGroup {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
    throw invalid('LogGroup name and LogGroup identifier are mutually exclusive parameters.');
  }
  if (input.logGroupName === undefined && input.logGroupIdentifier === undefined) {
    throw invalid('Either LogGroup name or LogGroup identifier must be specified.');
  }
  const id =
    input.logGroupName !== undefined
      ? { name: input.logGroupName }
      : groupNameFromIdentifier(input.logGroupIdentifier as string);
  // Cross-account observability is not simulated: another account's ARN is simply not found.
  if ((id.account && id.account !== ctx.caller.accountId) || (id.region && id.region !== ctx.region)) {
    throw notFoundGroup();
  }
  const group = ctx.state.logGroup(ctx.caller.accountId, ctx.region, id.name);
  if (!group) throw notFoundGroup();
  return group;
}

function targetGroupName(input: {
  logGroupName?: string | undefined;
  logGroupIdentifier?: string | undefined;
}) {
  if (input.logGroupName !== undefined) return input.logGroupName;
  if (input.logGroupIdentifier !== undefined) return groupNameFromIdentifier(input.logGroupIdentifier).name;
  return undefined;
}

function groupResource(ctx: OperationContext, name = '', stream = ''): string {
  return `arn:aws:logs:${ctx.region}:${ctx.caller.accountId}:log-group:${name}:log-stream:${stream}`;
}

// --- opaque paging tokens --------------------------------------------------------------------

function encodeToken(prefix: string, payload: unknown): string {
  return `${prefix}${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
}

function decodeToken<T>(prefix: string, token: string): T {
  try {
    if (!token.startsWith(prefix)) throw new Error('prefix');
    return JSON.parse(Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8')) as T;
  } catch {
    throw invalid('The specified nextToken is invalid.');
  }
}

// --- DescribeLogGroups -----------------------------------------------------------------------

const describeLogGroups = defineOperation({
  name: 'DescribeLogGroups',
  input: z.object({
    logGroupNamePrefix: groupNameSchema.optional(),
    logGroupNamePattern: z.string().max(512).optional(),
    nextToken: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(50).optional(),
    includeLinkedAccounts: z.boolean().optional(),
    accountIdentifiers: z.array(z.string()).optional(),
    logGroupClass: z.enum(['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY']).optional(),
    logGroupIdentifiers: z.array(z.string()).optional(),
  }),
  target: (_input, ctx) => ({ resource: groupResource(ctx) }),
  handle(ctx, input) {
    if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
      throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    }
    const pattern = input.logGroupNamePattern?.toLowerCase();
    const after =
      input.nextToken === undefined
        ? undefined
        : decodeToken<{ after: string }>('dlg/', input.nextToken).after;
    const groups = ctx.state.logGroups(ctx.caller.accountId, ctx.region).filter((g) => {
      if (input.logGroupNamePrefix !== undefined && !g.name.startsWith(input.logGroupNamePrefix))
        return false;
      // The pattern is a case-insensitive substring match.
      if (pattern !== undefined && !g.name.toLowerCase().includes(pattern)) return false;
      if (input.logGroupClass !== undefined && g.logGroupClass !== input.logGroupClass) return false;
      if (input.logGroupIdentifiers !== undefined) {
        const ids = input.logGroupIdentifiers.map((i) => groupNameFromIdentifier(i).name);
        if (!ids.includes(g.name)) return false;
      }
      return after === undefined || g.name > after;
    });
    const limit = input.limit ?? 50;
    const page = groups.slice(0, limit);
    const last = page[page.length - 1];
    return {
      logGroups: page.map((g) => ({
        logGroupName: g.name,
        creationTime: g.creationTime,
        ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
        metricFilterCount: g.metricFilterCount,
        ...(g.kmsKeyId === undefined ? {} : { kmsKeyId: g.kmsKeyId }),
        arn: `${g.arn}:*`,
        storedBytes: g.storedBytes,
        logGroupClass: g.logGroupClass,
        logGroupArn: g.arn,
      })),
      ...(groups.length > limit && last ? { nextToken: encodeToken('dlg/', { after: last.name }) } : {}),
    };
  },
});

// --- DescribeLogStreams ----------------------------------------------------------------------

const describeLogStreams = defineOperation({
  name: 'DescribeLogStreams',
  input: z.object({
    logGroupName: groupNameSchema.optional(),
    logGroupIdentifier: z.string().min(1).max(2048).optional(),
    logStreamNamePrefix: z.string().min(1).max(512).optional(),
    orderBy: z.enum(['LogStreamName', 'LastEventTime']).optional(),
    descending: z.boolean().optional(),
    nextToken: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  target: (input, ctx) => {
    const logGroup = targetGroupName(input);
    return { ...(logGroup === undefined ? {} : { logGroup }), resource: groupResource(ctx, logGroup) };
  },
  handle(ctx, input) {
    const group = resolveGroup(ctx, input);
    if (input.orderBy === 'LastEventTime' && input.logStreamNamePrefix !== undefined) {
      throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
    }
    const now = ctx.clock.now();
    let streams = [...group.streams.values()].filter(
      (s) =>
        s.creationTime <= now &&
        (input.logStreamNamePrefix === undefined || s.name.startsWith(input.logStreamNamePrefix)),
    );
    if (input.orderBy === 'LastEventTime') {
      streams.sort(
        (a, b) => (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) || (a.name < b.name ? -1 : 1),
      );
    } else {
      streams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    if (input.descending) streams.reverse();
    const offset =
      input.nextToken === undefined ? 0 : decodeToken<{ offset: number }>('dls/', input.nextToken).offset;
    const limit = input.limit ?? 50;
    streams = streams.slice(offset);
    const page = streams.slice(0, limit);
    return {
      logStreams: page.map((s) => ({
        logStreamName: s.name,
        creationTime: s.creationTime,
        ...(s.firstEventTimestamp === undefined ? {} : { firstEventTimestamp: s.firstEventTimestamp }),
        ...(s.lastEventTimestamp === undefined ? {} : { lastEventTimestamp: s.lastEventTimestamp }),
        ...(s.lastIngestionTime === undefined ? {} : { lastIngestionTime: s.lastIngestionTime }),
        arn: `${group.arn}:log-stream:${s.name}`,
        // AWS has reported 0 here since 2019.
        storedBytes: 0,
      })),
      ...(streams.length > limit ? { nextToken: encodeToken('dls/', { offset: offset + limit }) } : {}),
    };
  },
});

// --- FilterLogEvents -------------------------------------------------------------------------

interface FilterCursor {
  /** Hash of the query the token belongs to. */
  q: string;
  /** Position after the last event returned: timestamp, ingestion time, put order. */
  t: number;
  i: number;
  s: number;
  /** Index of the next page in this paging run. */
  p: number;
}

const filterLogEvents = defineOperation({
  name: 'FilterLogEvents',
  input: z.object({
    logGroupName: groupNameSchema.optional(),
    logGroupIdentifier: z.string().min(1).max(2048).optional(),
    logStreamNames: z.array(z.string().min(1).max(512)).min(1).max(100).optional(),
    logStreamNamePrefix: z.string().min(1).max(512).optional(),
    startTime: z.number().int().nonnegative().optional(),
    endTime: z.number().int().nonnegative().optional(),
    filterPattern: z.string().max(1024).optional(),
    nextToken: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(10000).optional(),
    interleaved: z.boolean().optional(),
    unmask: z.boolean().optional(),
  }),
  target: (input, ctx) => {
    const logGroup = targetGroupName(input);
    return { ...(logGroup === undefined ? {} : { logGroup }), resource: groupResource(ctx, logGroup) };
  },
  handle(ctx, input) {
    const group = resolveGroup(ctx, input);
    if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
      throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    }
    if (input.startTime !== undefined && input.endTime !== undefined && input.startTime > input.endTime) {
      throw invalid('startTime must be less than or equal to endTime.');
    }
    let matches: (message: string) => boolean;
    try {
      matches = compileFilterPattern(input.filterPattern ?? '');
    } catch (e) {
      if (e instanceof FilterPatternError) throw invalid('Invalid filter pattern');
      throw e;
    }
    // Quota is checked after validation, as a call that AWS rejects outright costs nothing here.
    if (!ctx.state.takeFilterLogEventsToken(ctx.caller.accountId, ctx.region)) {
      throw new AwsError('ThrottlingException', 'Rate exceeded');
    }

    const queryKey = createHash('sha256')
      .update(
        JSON.stringify([
          group.arn,
          input.logStreamNames ?? null,
          input.logStreamNamePrefix ?? null,
          input.startTime ?? null,
          input.endTime ?? null,
          input.filterPattern ?? '',
        ]),
      )
      .digest('base64url')
      .slice(0, 16);
    let cursor: FilterCursor | undefined;
    if (input.nextToken !== undefined) {
      cursor = decodeToken<FilterCursor>('fle/', input.nextToken);
      if (cursor.q !== queryKey) throw invalid('The specified nextToken is invalid.');
    }
    const page = cursor?.p ?? 0;
    const behavior = ctx.state.logsBehavior;
    const emptyFirst = behavior.emptyPages?.first ?? 0;
    const emptyEvery = behavior.emptyPages?.every ?? 0;
    const nextPage = (c: Omit<FilterCursor, 'q' | 'p'>): string =>
      encodeToken('fle/', { q: queryKey, ...c, p: page + 1 });
    const here = cursor ? { t: cursor.t, i: cursor.i, s: cursor.s } : { t: -1, i: -1, s: -1 };

    const events = group.events;
    const startTime = input.startTime ?? 0;
    const endTime = input.endTime ?? Number.MAX_SAFE_INTEGER;
    // Empty pages still carry a token, as AWS's do when a slice of the group had no match yet.
    if (page < emptyFirst || (emptyEvery > 0 && (page + 1) % emptyEvery === 0)) {
      const next = events[indexAfter(events, here, startTime)];
      const more = next !== undefined && next.timestamp <= endTime;
      return { events: [], searchedLogStreams: [], ...(more ? { nextToken: nextPage(here) } : {}) };
    }

    const now = ctx.clock.now();
    const limit = input.limit ?? 10000;
    const maxBytes = behavior.maxPageBytes ?? MAX_PAGE_BYTES;
    const streams = input.logStreamNames ? new Set(input.logStreamNames) : undefined;
    const out: StoredLogEvent[] = [];
    let bytes = 0;
    let stoppedEarly = false;
    for (let i = indexAfter(events, here, startTime); i < events.length; i++) {
      const e = events[i] as StoredLogEvent;
      // endTime is inclusive: "events with a timestamp later than this time are not returned".
      if (e.timestamp > endTime) break;
      if (e.ingestionTime > now) continue;
      if (streams && !streams.has(e.logStreamName)) continue;
      if (input.logStreamNamePrefix !== undefined && !e.logStreamName.startsWith(input.logStreamNamePrefix))
        continue;
      if (!matches(e.message)) continue;
      if (out.length >= limit || (out.length > 0 && bytes + e.size > maxBytes)) {
        stoppedEarly = true;
        break;
      }
      out.push(e);
      bytes += e.size;
    }
    const last = out[out.length - 1];
    return {
      events: out.map((e) => ({
        logStreamName: e.logStreamName,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        eventId: e.eventId,
      })),
      // Deprecated since 2020: AWS still sends the member, always empty.
      searchedLogStreams: [],
      ...(stoppedEarly && last
        ? { nextToken: nextPage({ t: last.timestamp, i: last.ingestionTime, s: last.seq }) }
        : {}),
    };
  },
});

/** Index of the first event after the cursor and at or after startTime. */
function indexAfter(
  events: StoredLogEvent[],
  c: { t: number; i: number; s: number },
  startTime: number,
): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = events[mid] as StoredLogEvent;
    const beforeStart = e.timestamp < startTime;
    const atOrBeforeCursor = e.timestamp - c.t || e.ingestionTime - c.i || e.seq - c.s;
    if (beforeStart || atOrBeforeCursor <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// --- CreateLogGroup / CreateLogStream / PutLogEvents -----------------------------------------

const createLogGroup = defineOperation({
  name: 'CreateLogGroup',
  input: z.object({
    logGroupName: groupNameSchema.regex(
      /^[.\-_/#A-Za-z0-9]+$/,
      'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+',
    ),
    kmsKeyId: z.string().optional(),
    tags: z.record(z.string(), z.string()).optional(),
    logGroupClass: z.enum(['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY']).optional(),
  }),
  target: (input, ctx) => ({
    logGroup: input.logGroupName,
    resource: groupResource(ctx, input.logGroupName),
  }),
  handle(ctx, input) {
    if (ctx.state.logGroup(ctx.caller.accountId, ctx.region, input.logGroupName)) {
      throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
    }
    ctx.state.createLogGroup(ctx.caller.accountId, ctx.region, input.logGroupName, {
      ...(input.logGroupClass === 'INFREQUENT_ACCESS' ? { logGroupClass: 'INFREQUENT_ACCESS' as const } : {}),
      ...(input.kmsKeyId === undefined ? {} : { kmsKeyId: input.kmsKeyId }),
    });
    return {};
  },
});

const createLogStream = defineOperation({
  name: 'CreateLogStream',
  input: z.object({
    logGroupName: groupNameSchema,
    logStreamName: z
      .string()
      .min(1)
      .max(512)
      .regex(/^[^:*]*$/, 'Member must satisfy regular expression pattern: [^:*]*'),
  }),
  target: (input, ctx) => ({
    logGroup: input.logGroupName,
    resource: groupResource(ctx, input.logGroupName, input.logStreamName),
  }),
  handle(ctx, input) {
    const group = ctx.state.logGroup(ctx.caller.accountId, ctx.region, input.logGroupName);
    if (!group) throw notFoundGroup();
    if (group.streams.has(input.logStreamName)) {
      throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
    }
    ctx.state.createLogStream(ctx.caller.accountId, ctx.region, input.logGroupName, input.logStreamName);
    return {};
  },
});

const DAY = 24 * 60 * 60 * 1000;

const putLogEvents = defineOperation({
  name: 'PutLogEvents',
  input: z.object({
    logGroupName: groupNameSchema,
    logStreamName: z.string().min(1).max(512),
    logEvents: z
      .array(z.object({ timestamp: z.number().int().nonnegative(), message: z.string().min(1) }))
      .min(1)
      .max(10000),
    sequenceToken: z.string().optional(),
    entity: z.unknown().optional(),
  }),
  target: (input, ctx) => ({
    logGroup: input.logGroupName,
    resource: groupResource(ctx, input.logGroupName, input.logStreamName),
  }),
  handle(ctx, input) {
    const group = ctx.state.logGroup(ctx.caller.accountId, ctx.region, input.logGroupName);
    if (!group) throw notFoundGroup();
    if (!group.streams.has(input.logStreamName)) {
      throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    }
    const events = input.logEvents;
    for (let i = 1; i < events.length; i++) {
      if (
        (events[i] as { timestamp: number }).timestamp < (events[i - 1] as { timestamp: number }).timestamp
      ) {
        throw invalid('Log events in a single PutLogEvents request must be in chronological order.');
      }
    }
    const first = (events[0] as { timestamp: number }).timestamp;
    const lastTs = (events[events.length - 1] as { timestamp: number }).timestamp;
    if (lastTs - first > DAY) {
      throw invalid(
        'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
      );
    }
    // AWS accepts the batch but drops events older than 14 days or more than 2 hours ahead.
    const now = ctx.clock.now();
    let tooOldEnd = -1;
    let tooNewStart = -1;
    events.forEach((e, i) => {
      if (e.timestamp < now - 14 * DAY) tooOldEnd = i;
      if (e.timestamp > now + 2 * 60 * 60 * 1000 && tooNewStart < 0) tooNewStart = i;
    });
    const accepted = events.filter((_e, i) => i > tooOldEnd && (tooNewStart < 0 || i < tooNewStart));
    if (accepted.length > 0) {
      ctx.state.putLogEvents(
        ctx.caller.accountId,
        ctx.region,
        input.logGroupName,
        input.logStreamName,
        accepted,
      );
    }
    const rejected: Record<string, number> = {};
    if (tooOldEnd >= 0) rejected.tooOldLogEventEndIndex = tooOldEnd;
    if (tooNewStart >= 0) rejected.tooNewLogEventStartIndex = tooNewStart;
    return {
      nextSequenceToken: String(now).padStart(56, '4'),
      ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
    };
  },
});

// --- DescribeSubscriptionFilters -------------------------------------------------------------

const describeSubscriptionFilters = defineOperation({
  name: 'DescribeSubscriptionFilters',
  input: z.object({
    logGroupName: groupNameSchema,
    filterNamePrefix: z.string().min(1).max(512).optional(),
    nextToken: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  target: (input, ctx) => ({
    logGroup: input.logGroupName,
    resource: groupResource(ctx, input.logGroupName),
  }),
  handle(ctx, input) {
    const group = resolveGroup(ctx, { logGroupName: input.logGroupName });
    const all = group.subscriptionFilters.filter(
      (f) => input.filterNamePrefix === undefined || f.filterName.startsWith(input.filterNamePrefix),
    );
    const offset =
      input.nextToken === undefined ? 0 : decodeToken<{ offset: number }>('dsf/', input.nextToken).offset;
    const limit = input.limit ?? 50;
    const page = all.slice(offset, offset + limit);
    return {
      subscriptionFilters: page.map((f) => ({
        filterName: f.filterName,
        logGroupName: group.name,
        filterPattern: f.filterPattern,
        destinationArn: f.destinationArn,
        ...(f.roleArn === undefined ? {} : { roleArn: f.roleArn }),
        distribution: f.distribution,
        applyOnTransformedLogs: false,
        creationTime: f.creationTime,
      })),
      ...(offset + limit < all.length ? { nextToken: encodeToken('dsf/', { offset: offset + limit }) } : {}),
    };
  },
});

// --- DescribeResourcePolicies ----------------------------------------------------------------

const describeResourcePolicies = defineOperation({
  name: 'DescribeResourcePolicies',
  input: z.object({
    nextToken: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(50).optional(),
    resourceArn: z.string().optional(),
    policyScope: z.enum(['ACCOUNT', 'RESOURCE']).optional(),
  }),
  target: () => ({ resource: '*' }),
  handle(ctx, input) {
    // Resource-scoped policies (on one log group) are not simulated: they list empty.
    const all =
      input.policyScope === 'RESOURCE' ? [] : ctx.state.logResourcePolicies(ctx.caller.accountId, ctx.region);
    const offset =
      input.nextToken === undefined ? 0 : decodeToken<{ offset: number }>('drp/', input.nextToken).offset;
    const limit = input.limit ?? 50;
    const page = all.slice(offset, offset + limit);
    return {
      resourcePolicies: page.map((p) => ({
        policyName: p.name,
        policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: p.statements }),
        lastUpdatedTime: p.lastUpdatedTime,
        policyScope: 'ACCOUNT',
      })),
      ...(offset + limit < all.length ? { nextToken: encodeToken('drp/', { offset: offset + limit }) } : {}),
    };
  },
});

// --- Logs Insights: StartQuery / GetQueryResults ---------------------------------------------
//
// Just enough of the query language for Pillar's own queries and hand-written checks of them:
//   filter <cond> | stats <agg> [as name], ... [by field, ...] | fields f, ... | limit n
// where a condition compares a field with a string or number (=, ==, !=, <, <=, >, >=), matches
// it (`like "text"`, `like /regex/`, `=~ /regex/`), or calls ispresent(f) / strcontains(f, "s"),
// joined with and / or / not and parentheses; aggregates are count(*), count(f), sum, min, max,
// avg, pct(f, n) and percentile(f, n) over a field or strcontains(f, "s"). Anything else is a
// MalformedQueryException, so a query Pillar sends that the sim cannot answer fails loudly.
//
// Fields: @timestamp, @message, @logStream, @log (`<account>:<group>`), @ingestionTime; Lambda
// platform lines give @type and @requestId, and REPORT lines @duration, @billedDuration,
// @initDuration (ms) and @memorySize, @maxMemoryUsed in bytes (MB × 1,000,000) as Insights
// reports them; a JSON message gives its members as dotted names (`record.metrics.durationMs`).

type FieldValue = string | number;
type LogRecord = Map<string, FieldValue>;

interface Token {
  kind: 'ident' | 'string' | 'number' | 'regex' | 'op' | 'punct';
  text: string;
  pos: number;
  end: number;
  regex?: RegExp;
}

class QueryError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const prev = () => out[out.length - 1];
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      let text = '';
      i++;
      while (i < q.length && q[i] !== c) {
        if (q[i] === '\\' && i + 1 < q.length) i++;
        text += q[i];
        i++;
      }
      if (i >= q.length) throw new QueryError('unterminated string', start, q.length);
      i++;
      out.push({ kind: 'string', text, pos: start, end: i });
      continue;
    }
    const p = prev();
    // A slash starts a regex only where a pattern is expected; arithmetic is not simulated.
    if (c === '/' && p && ((p.kind === 'ident' && p.text.toLowerCase() === 'like') || p.text === '=~')) {
      let body = '';
      i++;
      while (i < q.length && q[i] !== '/') {
        if (q[i] === '\\' && i + 1 < q.length) {
          body += q[i];
          i++;
        }
        body += q[i];
        i++;
      }
      if (i >= q.length) throw new QueryError('unterminated regular expression', start, q.length);
      i++;
      const flags = /^[a-z]*/.exec(q.slice(i))?.[0] ?? '';
      i += flags.length;
      let regex: RegExp;
      try {
        regex = new RegExp(body, flags.replace(/[^ims]/g, ''));
      } catch {
        throw new QueryError('invalid regular expression', start, i);
      }
      out.push({ kind: 'regex', text: body, pos: start, end: i, regex });
      continue;
    }
    const two = q.slice(i, i + 2);
    if (['!=', '<=', '>=', '==', '=~'].includes(two)) {
      i += 2;
      out.push({ kind: 'op', text: two, pos: start, end: i });
      continue;
    }
    if ('=<>'.includes(c)) {
      i++;
      out.push({ kind: 'op', text: c, pos: start, end: i });
      continue;
    }
    if ('|(),*'.includes(c)) {
      i++;
      out.push({ kind: 'punct', text: c, pos: start, end: i });
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(q.slice(i));
    if (num) {
      i += num[0].length;
      out.push({ kind: 'number', text: num[0], pos: start, end: i });
      continue;
    }
    const ident = /^@?[A-Za-z_][\w.]*/.exec(q.slice(i));
    if (ident) {
      i += ident[0].length;
      out.push({ kind: 'ident', text: ident[0], pos: start, end: i });
      continue;
    }
    throw new QueryError(`unexpected character '${c}'`, start, start + 1);
  }
  return out;
}

type Cond =
  | { kind: 'and' | 'or'; left: Cond; right: Cond }
  | { kind: 'not'; inner: Cond }
  | { kind: 'compare'; field: string; op: string; value: FieldValue }
  | { kind: 'like'; field: string; pattern: RegExp | string }
  | { kind: 'present'; field: string }
  | { kind: 'contains'; field: string; text: string };

type ValueExpr = { kind: 'field'; field: string } | { kind: 'contains'; field: string; text: string };

interface Aggregate {
  fn: 'count' | 'sum' | 'min' | 'max' | 'avg' | 'pct';
  /** Undefined for count(*). */
  arg?: ValueExpr;
  percentile?: number;
  name: string;
}

interface ParsedQuery {
  filters: Cond[];
  stats?: { aggregates: Aggregate[]; by: string[] };
  fields?: string[];
  limit?: number;
}

const aggregateNames: Record<string, Aggregate['fn']> = {
  count: 'count',
  sum: 'sum',
  min: 'min',
  max: 'max',
  avg: 'avg',
  pct: 'pct',
  percentile: 'pct',
};

class QueryParser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private fail(message: string, t = this.peek()): never {
    const at = t?.pos ?? this.source.length;
    throw new QueryError(message, at, t?.end ?? at);
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (!t) this.fail('unexpected end of query');
    this.i++;
    return t;
  }

  private isWord(word: string, t = this.peek()): boolean {
    return t?.kind === 'ident' && t.text.toLowerCase() === word;
  }

  private expectPunct(p: string): Token {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) this.fail(`expected '${p}'`, t);
    return t;
  }

  private field(): string {
    const t = this.next();
    if (t.kind !== 'ident') this.fail('expected a field name', t);
    return t.text;
  }

  private stringLiteral(): string {
    const t = this.next();
    if (t.kind !== 'string') this.fail('expected a string', t);
    return t.text;
  }

  parse(): ParsedQuery {
    const q: ParsedQuery = { filters: [] };
    if (!this.peek()) this.fail('empty query');
    for (;;) {
      const cmd = this.next();
      const word = cmd.kind === 'ident' ? cmd.text.toLowerCase() : '';
      if (word === 'filter') {
        if (q.stats) this.fail('filter after stats is not supported by the simulator', cmd);
        q.filters.push(this.orCond());
      } else if (word === 'stats') {
        if (q.stats) this.fail('only one stats command is supported by the simulator', cmd);
        q.stats = this.stats();
      } else if (word === 'fields') {
        const fields = [this.field()];
        while (this.peek()?.text === ',') {
          this.next();
          fields.push(this.field());
        }
        q.fields = fields;
      } else if (word === 'limit') {
        const n = this.next();
        if (n.kind !== 'number' || !/^\d+$/.test(n.text) || Number(n.text) < 1)
          this.fail('expected a count', n);
        q.limit = Number(n.text);
      } else {
        this.fail(`unsupported command '${cmd.text}'`, cmd);
      }
      const t = this.peek();
      if (!t) return q;
      if (t.kind !== 'punct' || t.text !== '|') this.fail(`unexpected '${t.text}'`, t);
      this.next();
    }
  }

  private orCond(): Cond {
    let left = this.andCond();
    while (this.isWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.andCond() };
    }
    return left;
  }

  private andCond(): Cond {
    let left = this.unaryCond();
    while (this.isWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.unaryCond() };
    }
    return left;
  }

  private unaryCond(): Cond {
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', inner: this.unaryCond() };
    }
    const t = this.peek();
    if (t?.kind === 'punct' && t.text === '(') {
      this.next();
      const inner = this.orCond();
      this.expectPunct(')');
      return inner;
    }
    if (this.isWord('ispresent') || this.isWord('strcontains')) {
      const fn = this.next().text.toLowerCase();
      this.expectPunct('(');
      const field = this.field();
      let cond: Cond = { kind: 'present', field };
      if (fn === 'strcontains') {
        this.expectPunct(',');
        cond = { kind: 'contains', field, text: this.stringLiteral() };
      }
      this.expectPunct(')');
      return cond;
    }
    const field = this.field();
    if (this.isWord('not') || this.isWord('like')) {
      const negate = this.isWord('not');
      if (negate) {
        this.next();
        if (!this.isWord('like')) this.fail("expected 'like'");
      }
      this.next();
      const cond = this.likePattern(field);
      return negate ? { kind: 'not', inner: cond } : cond;
    }
    const op = this.next();
    if (op.kind !== 'op') this.fail('expected a comparison', op);
    if (op.text === '=~') return this.likePattern(field);
    const v = this.next();
    if (v.kind !== 'string' && v.kind !== 'number') this.fail('expected a string or a number', v);
    return {
      kind: 'compare',
      field,
      op: op.text === '==' ? '=' : op.text,
      value: v.kind === 'number' ? Number(v.text) : v.text,
    };
  }

  private likePattern(field: string): Cond {
    const p = this.next();
    if (p.kind === 'regex' && p.regex) return { kind: 'like', field, pattern: p.regex };
    if (p.kind === 'string') return { kind: 'like', field, pattern: p.text };
    return this.fail('expected a string or a /regular expression/', p);
  }

  private valueExpr(): ValueExpr {
    if (this.isWord('strcontains')) {
      this.next();
      this.expectPunct('(');
      const field = this.field();
      this.expectPunct(',');
      const text = this.stringLiteral();
      this.expectPunct(')');
      return { kind: 'contains', field, text };
    }
    return { kind: 'field', field: this.field() };
  }

  private stats(): { aggregates: Aggregate[]; by: string[] } {
    const aggregates: Aggregate[] = [];
    for (;;) {
      const fnTok = this.next();
      const fn = fnTok.kind === 'ident' ? aggregateNames[fnTok.text.toLowerCase()] : undefined;
      if (!fn) this.fail(`unsupported aggregate '${fnTok.text}'`, fnTok);
      this.expectPunct('(');
      const agg: Aggregate = { fn, name: '' };
      const t = this.peek();
      if (fn === 'count' && t?.kind === 'punct' && (t.text === '*' || t.text === ')')) {
        if (t.text === '*') this.next();
      } else {
        agg.arg = this.valueExpr();
        if (fn === 'pct') {
          this.expectPunct(',');
          const n = this.next();
          if (n.kind !== 'number' || Number(n.text) > 100)
            this.fail('expected a percentile from 0 to 100', n);
          agg.percentile = Number(n.text);
        }
      }
      const close = this.expectPunct(')');
      agg.name = this.source.slice(fnTok.pos, close.end);
      if (this.isWord('as')) {
        this.next();
        agg.name = this.field();
      }
      aggregates.push(agg);
      if (this.peek()?.text !== ',') break;
      this.next();
    }
    const by: string[] = [];
    if (this.isWord('by')) {
      this.next();
      by.push(this.field());
      while (this.peek()?.text === ',') {
        this.next();
        by.push(this.field());
      }
    }
    return { aggregates, by };
  }
}

function parseInsightsQuery(query: string): ParsedQuery {
  return new QueryParser(tokenize(query), query).parse();
}

/** Insights reports REPORT memory in bytes, counting a megabyte as 1,000,000 bytes. */
const BYTES_PER_MB = 1_000_000;

const reportFields: Record<string, { name: string; scale: number }> = {
  Duration: { name: '@duration', scale: 1 },
  'Billed Duration': { name: '@billedDuration', scale: 1 },
  'Memory Size': { name: '@memorySize', scale: BYTES_PER_MB },
  'Max Memory Used': { name: '@maxMemoryUsed', scale: BYTES_PER_MB },
  'Init Duration': { name: '@initDuration', scale: 1 },
};

function flatten(value: unknown, prefix: string, into: LogRecord): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      flatten(v, prefix ? `${prefix}.${k}` : k, into);
    return;
  }
  if (typeof value === 'number') into.set(prefix, value);
  else if (typeof value === 'string') into.set(prefix, value);
  else into.set(prefix, JSON.stringify(value));
}

function recordOf(group: SimLogGroup, e: StoredLogEvent): LogRecord {
  const r: LogRecord = new Map<string, FieldValue>([
    ['@timestamp', e.timestamp],
    ['@message', e.message],
    ['@logStream', e.logStreamName],
    ['@log', `${group.account}:${group.name}`],
    ['@ingestionTime', e.ingestionTime],
  ]);
  const m = e.message;
  const platform = /^(START|END|REPORT) RequestId: ([\w-]+)/.exec(m);
  if (platform) {
    r.set('@type', platform[1] as string);
    r.set('@requestId', platform[2] as string);
    if (platform[1] === 'REPORT') {
      for (const part of m.split('\t').slice(1)) {
        const kv = /^([A-Za-z ]+): ([\d.]+) (?:ms|MB)$/.exec(part.trim());
        const f = kv ? reportFields[kv[1] as string] : undefined;
        if (kv && f) r.set(f.name, Number(kv[2]) * f.scale);
      }
    }
  } else if (m.startsWith('{')) {
    try {
      flatten(JSON.parse(m), '', r);
    } catch {
      // Not JSON after all: only the built-in fields.
    }
  }
  return r;
}

function evalCond(c: Cond, r: LogRecord): boolean {
  switch (c.kind) {
    case 'and':
      return evalCond(c.left, r) && evalCond(c.right, r);
    case 'or':
      return evalCond(c.left, r) || evalCond(c.right, r);
    case 'not':
      return !evalCond(c.inner, r);
    case 'present':
      return r.has(c.field);
    case 'contains': {
      const v = r.get(c.field);
      return v !== undefined && String(v).includes(c.text);
    }
    case 'like': {
      const v = r.get(c.field);
      if (v === undefined) return false;
      return typeof c.pattern === 'string' ? String(v).includes(c.pattern) : c.pattern.test(String(v));
    }
    case 'compare': {
      const v = r.get(c.field);
      if (v === undefined) return false;
      const numeric = typeof c.value === 'number' && !Number.isNaN(Number(v));
      const a = numeric ? Number(v) : String(v);
      const b = numeric ? c.value : String(c.value);
      switch (c.op) {
        case '=':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        default:
          return a >= b;
      }
    }
  }
}

function evalValue(v: ValueExpr, r: LogRecord): number | undefined {
  const raw = r.get(v.field);
  if (raw === undefined) return undefined;
  if (v.kind === 'contains') return String(raw).includes(v.text) ? 1 : 0;
  const n = Number(raw);
  return Number.isNaN(n) ? undefined : n;
}

function aggregate(a: Aggregate, records: LogRecord[]): number | undefined {
  if (a.fn === 'count') {
    return a.arg
      ? records.filter((r) => evalValue(a.arg as ValueExpr, r) !== undefined).length
      : records.length;
  }
  const values = records
    .map((r) => evalValue(a.arg as ValueExpr, r))
    .filter((v): v is number => v !== undefined);
  if (values.length === 0) return undefined;
  switch (a.fn) {
    case 'sum':
      return values.reduce((s, v) => s + v, 0);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'avg':
      return values.reduce((s, v) => s + v, 0) / values.length;
    case 'pct': {
      // Nearest rank; Insights estimates, which no caller should depend on to the digit.
      const sorted = values.sort((x, y) => x - y);
      const rank = Math.ceil(((a.percentile ?? 50) / 100) * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }
  }
}

function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function runQuery(
  q: ParsedQuery,
  groups: SimLogGroup[],
  visible: (g: SimLogGroup) => StoredLogEvent[],
  start: number,
  end: number,
  apiLimit: number,
): Pick<SimInsightsQuery, 'results' | 'statistics'> {
  let scanned = 0;
  let bytes = 0;
  const matched: LogRecord[] = [];
  for (const g of groups) {
    for (const e of visible(g)) {
      if (e.timestamp < start || e.timestamp > end) continue;
      scanned++;
      bytes += e.size;
      const r = recordOf(g, e);
      if (q.filters.every((f) => evalCond(f, r))) matched.push(r);
    }
  }
  const limit = Math.min(q.limit ?? apiLimit, apiLimit);
  let results: { field: string; value: string }[][];
  if (q.stats) {
    const { aggregates, by } = q.stats;
    const buckets = new Map<string, { keys: (FieldValue | undefined)[]; records: LogRecord[] }>();
    for (const r of matched) {
      const keys = by.map((f) => r.get(f));
      const key = JSON.stringify(keys);
      const b = buckets.get(key) ?? { keys, records: [] };
      b.records.push(r);
      buckets.set(key, b);
    }
    results = [...buckets.values()].slice(0, limit).map((b) => {
      const row: { field: string; value: string }[] = [];
      by.forEach((f, i) => {
        const k = b.keys[i];
        if (k !== undefined) row.push({ field: f, value: String(k) });
      });
      for (const a of aggregates) {
        const v = aggregate(a, b.records);
        if (v !== undefined) row.push({ field: a.name, value: String(v) });
      }
      return row;
    });
  } else {
    const fields = q.fields ?? ['@timestamp', '@message'];
    results = matched
      .sort((x, y) => (y.get('@timestamp') as number) - (x.get('@timestamp') as number))
      .slice(0, limit)
      .map((r) =>
        fields.flatMap((f) => {
          const v = r.get(f);
          if (v === undefined) return [];
          return [{ field: f, value: f === '@timestamp' ? formatTimestamp(v as number) : String(v) }];
        }),
      );
  }
  return {
    results,
    statistics: { recordsMatched: matched.length, recordsScanned: scanned, bytesScanned: bytes },
  };
}

const startQuery = defineOperation({
  name: 'StartQuery',
  input: z.object({
    queryLanguage: z.enum(['CWLI', 'SQL', 'PPL']).optional(),
    logGroupName: groupNameSchema.optional(),
    logGroupNames: z.array(groupNameSchema).min(1).max(50).optional(),
    logGroupIdentifiers: z.array(z.string().min(1).max(2048)).min(1).max(50).optional(),
    startTime: z.number().int().nonnegative(),
    endTime: z.number().int().nonnegative(),
    queryString: z.string().min(0).max(10000),
    limit: z.number().int().min(1).max(10000).optional(),
  }),
  target: (input, ctx) => {
    const names = [
      ...(input.logGroupName === undefined ? [] : [input.logGroupName]),
      ...(input.logGroupNames ?? []),
      ...(input.logGroupIdentifiers ?? []).map((i) => groupNameFromIdentifier(i).name),
    ];
    return {
      ...(names.length === 1 ? { logGroup: names[0] as string } : {}),
      resource: groupResource(ctx, names[0] ?? ''),
    };
  },
  handle(ctx, input) {
    if ((input.queryLanguage ?? 'CWLI') !== 'CWLI') {
      throw invalid('Only the Logs Insights query language (CWLI) is simulated.');
    }
    const given = [input.logGroupName, input.logGroupNames, input.logGroupIdentifiers].filter(
      (x) => x !== undefined,
    );
    if (given.length !== 1) {
      throw invalid('Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.');
    }
    if (input.endTime < input.startTime) throw invalid('End time should not be before the start time.');
    let parsed: ParsedQuery;
    try {
      parsed = parseInsightsQuery(input.queryString);
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      throw new AwsError('MalformedQueryException', `Query is malformed: ${e.message}`, {
        extra: {
          queryCompileError: {
            location: { startCharOffset: e.start, endCharOffset: e.end },
            message: e.message,
          },
        },
      });
    }
    const account = ctx.caller.accountId;
    const ids: { name: string; account?: string; region?: string }[] =
      input.logGroupName !== undefined
        ? [{ name: input.logGroupName }]
        : input.logGroupNames !== undefined
          ? input.logGroupNames.map((name) => ({ name }))
          : (input.logGroupIdentifiers ?? []).map(groupNameFromIdentifier);
    const groups = ids.map((id) => {
      const g =
        (id.account === undefined || id.account === account) &&
        (id.region === undefined || id.region === ctx.region)
          ? ctx.state.logGroup(account, ctx.region, id.name)
          : undefined;
      if (!g) {
        throw new AwsError(
          'ResourceNotFoundException',
          `Log group '${id.name}' does not exist for account ID '${account}'`,
        );
      }
      return g;
    });
    // Times are epoch seconds; the end second is included whole.
    const outcome = runQuery(
      parsed,
      groups,
      (g) => ctx.state.visibleEvents(g),
      input.startTime * 1000,
      input.endTime * 1000 + 999,
      input.limit ?? 10000,
    );
    const stored = ctx.state.addQuery({
      account,
      region: ctx.region,
      queryString: input.queryString,
      status: 'Complete',
      ...outcome,
    });
    return { queryId: stored.queryId };
  },
});

const getQueryResults = defineOperation({
  name: 'GetQueryResults',
  input: z.object({ queryId: z.string().min(1).max(256) }),
  target: (_input, ctx) => ({ resource: groupResource(ctx) }),
  handle(ctx, input) {
    const q = ctx.state.query(input.queryId);
    if (!q || q.account !== ctx.caller.accountId || q.region !== ctx.region) {
      throw new AwsError('ResourceNotFoundException', 'Query does not exist.');
    }
    q.polls++;
    const running = q.polls <= (ctx.state.insightsBehavior.pollsBeforeComplete ?? 1);
    if (running) {
      return {
        queryLanguage: 'CWLI',
        results: [],
        statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
        status: 'Running',
      };
    }
    return { queryLanguage: 'CWLI', results: q.results, statistics: q.statistics, status: q.status };
  },
});

export const logsService: ServiceDefinition = {
  id: 'logs',
  signingName: 'logs',
  iamPrefix: 'logs',
  protocol: 'awsJson1_1',
  targetPrefix: 'Logs_20140328',
  validationErrorCode: 'InvalidParameterException',
  errors: {
    ServiceUnavailableException: { status: 500, server: true },
  },
  operations: [
    describeLogGroups,
    describeLogStreams,
    filterLogEvents,
    createLogGroup,
    createLogStream,
    putLogEvents,
    describeSubscriptionFilters,
    describeResourcePolicies,
    startQuery,
    getQueryResults,
  ],
};

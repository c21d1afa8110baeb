import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AwsError } from '../errors.js';
import { compileFilterPattern, FilterPatternError } from '../filter-pattern.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimLogGroup, StoredLogEvent } from '../state.js';

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
  ],
};

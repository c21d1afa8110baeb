import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  type FilteredLogEvent,
  FilterLogEventsCommand,
  type FilterLogEventsCommandInput,
  PutLogEventsCommand,
  paginateDescribeLogGroups,
  paginateFilterLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import type { FakeClock } from '../../../helpers/clock.js';
import { ACCOUNT, clientConfig, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let clock: FakeClock;
let logs: CloudWatchLogsClient;

beforeEach(async () => {
  ({ sim, clock } = await startTestSim());
  logs = new CloudWatchLogsClient(clientConfig(sim));
});

afterEach(async () => {
  logs.destroy();
  vi.unstubAllEnvs();
  await sim.close();
});

const GROUP = '/aws/lambda/orders-api';

function putLines(
  count: number,
  options: { stream?: string; start?: number; step?: number; text?: (i: number) => string } = {},
) {
  const start = options.start ?? clock.now() - 3_600_000;
  const events = Array.from({ length: count }, (_, i) => ({
    timestamp: start + i * (options.step ?? 100),
    message: options.text ? options.text(i) : `line ${i}`,
  }));
  return sim.state.putLogEvents(
    ACCOUNT,
    REGION,
    GROUP,
    options.stream ?? '2026/11/28/[$LATEST]0123456789abcdef0123456789abcdef',
    events,
  );
}

async function readAll(input: FilterLogEventsCommandInput, pageSize?: number) {
  const pages: FilteredLogEvent[][] = [];
  const paginator = paginateFilterLogEvents({ client: logs, ...(pageSize ? { pageSize } : {}) }, input);
  for await (const page of paginator) pages.push(page.events ?? []);
  return pages;
}

describe('DescribeLogGroups', () => {
  it('pages through groups in name order, 50 by default', async () => {
    for (let i = 0; i < 120; i++)
      sim.state.createLogGroup(ACCOUNT, REGION, `/aws/lambda/fn-${String(i).padStart(3, '0')}`);
    const first = await logs.send(new DescribeLogGroupsCommand({}));
    expect(first.logGroups).toHaveLength(50);
    expect(first.nextToken).toBeTruthy();
    const names: string[] = [];
    const sizes: number[] = [];
    for await (const page of paginateDescribeLogGroups({ client: logs }, {})) {
      sizes.push(page.logGroups?.length ?? 0);
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName as string));
    }
    expect(sizes).toEqual([50, 50, 20]);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(120);
    const g = first.logGroups?.[0];
    expect(g).toMatchObject({
      logGroupName: '/aws/lambda/fn-000',
      arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/fn-000:*`,
      logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/fn-000`,
      logGroupClass: 'STANDARD',
      metricFilterCount: 0,
      storedBytes: 0,
      creationTime: clock.now(),
    });
  });

  it('filters by prefix and by case-insensitive pattern, not both', async () => {
    for (const n of [
      '/aws/lambda/Orders',
      '/aws/lambda/payments',
      '/custom/orders-audit',
      '/aws/apigateway/x',
    ]) {
      sim.state.createLogGroup(ACCOUNT, REGION, n);
    }
    const byPrefix = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    expect(byPrefix.logGroups?.map((g) => g.logGroupName)).toEqual([
      '/aws/lambda/Orders',
      '/aws/lambda/payments',
    ]);
    const byPattern = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'orders' }));
    expect(byPattern.logGroups?.map((g) => g.logGroupName)).toEqual([
      '/aws/lambda/Orders',
      '/custom/orders-audit',
    ]);
    const both = await rejectionOf(
      logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws', logGroupNamePattern: 'x' })),
    );
    expect(both.name).toBe('InvalidParameterException');
  });

  it('validates limit like AWS', async () => {
    const e = await rejectionOf(logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
    expect(e.name).toBe('InvalidParameterException');
    expect(e.message).toBe(
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });

  it('keeps accounts and regions apart', async () => {
    sim.state.createLogGroup(ACCOUNT, 'eu-west-1', '/aws/lambda/eu-only');
    sim.state.createLogGroup('444455556666', REGION, '/aws/lambda/staging-only');
    const res = await logs.send(new DescribeLogGroupsCommand({}));
    expect(res.logGroups).toEqual([]);
    const eu = new CloudWatchLogsClient(clientConfig(sim, ACCOUNT, 'eu-west-1'));
    const euRes = await eu.send(new DescribeLogGroupsCommand({}));
    expect(euRes.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/lambda/eu-only']);
    eu.destroy();
  });
});

describe('FilterLogEvents', () => {
  it('pages through many pages in timestamp order without losing or repeating events', async () => {
    putLines(1200, { stream: 'a' });
    putLines(1300, { stream: 'b', start: clock.now() - 3_600_000 + 50 });
    const pages = await readAll({ logGroupName: GROUP }, 100);
    expect(pages.length).toBe(25);
    const events = pages.flat();
    expect(events).toHaveLength(2500);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(2500);
    const ts = events.map((e) => e.timestamp as number);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
  });

  it('returns at most 10,000 events per page by default', async () => {
    putLines(10_050, { step: 1 });
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP }));
    expect(first.events).toHaveLength(10_000);
    expect(first.nextToken).toBeTruthy();
    const second = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, nextToken: first.nextToken }),
    );
    expect(second.events).toHaveLength(50);
    expect(second.nextToken).toBeUndefined();
  });

  it('caps a page at 1 MB', async () => {
    putLines(25, { text: (i) => `${i} ${'x'.repeat(100_000)}` });
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP }));
    // 10 events of 100,028 bytes fit in 1,048,576; an eleventh does not.
    expect(first.events).toHaveLength(10);
    expect(first.nextToken).toBeTruthy();
    const pages = await readAll({ logGroupName: GROUP });
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
  });

  it('can answer empty pages that still carry nextToken, as AWS does', async () => {
    putLines(30);
    sim.state.setLogsBehavior({ emptyPages: { first: 2, every: 3 } });
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 10 }));
    expect(first.events).toEqual([]);
    expect(first.nextToken).toBeTruthy();
    const pages = await readAll({ logGroupName: GROUP }, 10);
    expect(pages.map((p) => p.length)).toEqual([0, 0, 0, 10, 10, 0, 10]);
    expect(pages.flat().map((e) => e.message)).toEqual(Array.from({ length: 30 }, (_, i) => `line ${i}`));
  });

  it('filters on event timestamp with an inclusive start and end', async () => {
    const t0 = clock.now() - 60_000;
    putLines(10, { start: t0, step: 1000 });
    const res = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, startTime: t0 + 2000, endTime: t0 + 5000 }),
    );
    expect(res.events?.map((e) => e.message)).toEqual(['line 2', 'line 3', 'line 4', 'line 5']);
    const bad = await rejectionOf(
      logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, startTime: t0 + 10, endTime: t0 })),
    );
    expect(bad.name).toBe('InvalidParameterException');
  });

  it('applies filter patterns and rejects malformed ones', async () => {
    putLines(6, {
      text: (i) =>
        [
          'START RequestId: a Version: $LATEST',
          '2026-11-28T11:00:00.000Z\ta\tERROR\tInvoke Error \t{"errorType":"TypeError"}',
          'END RequestId: a',
          'REPORT RequestId: a\tDuration: 3000.00 ms\tStatus: timeout',
          '{"level":"ERROR","message":"json failure"}',
          'ERRORS in plural',
        ][i] as string,
    });
    const messages = async (filterPattern: string) =>
      (await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern }))).events?.map(
        (e) => e.message,
      );
    expect(await messages('ERROR')).toHaveLength(2);
    expect(await messages('?"Invoke Error" ?timeout')).toHaveLength(2);
    expect(await messages('{ $.level = "ERROR" }')).toEqual(['{"level":"ERROR","message":"json failure"}']);
    expect(await messages('%^END%')).toEqual(['END RequestId: a']);
    const e = await rejectionOf(
      logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '"open' })),
    );
    expect(e.name).toBe('InvalidParameterException');
    expect(e.message).toBe('Invalid filter pattern');
    expect(e.$metadata).toMatchObject({ httpStatusCode: 400 });
  });

  it('honours limit and keeps the same paging through the token', async () => {
    putLines(25);
    const first = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, limit: 7, filterPattern: 'line' }),
    );
    expect(first.events).toHaveLength(7);
    const tampered = await rejectionOf(
      logs.send(
        new FilterLogEventsCommand({
          logGroupName: GROUP,
          filterPattern: 'other',
          nextToken: first.nextToken,
        }),
      ),
    );
    expect(tampered.name).toBe('InvalidParameterException');
    const tooBig = await rejectionOf(
      logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 10_001 })),
    );
    expect(tooBig.name).toBe('InvalidParameterException');
  });

  it('selects streams by name or prefix, but not both', async () => {
    putLines(3, { stream: '2026/11/28/[$LATEST]aaaa' });
    putLines(3, { stream: '2026/11/28/[$LATEST]bbbb' });
    putLines(3, { stream: '2026/11/27/[$LATEST]cccc' });
    const byName = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, logStreamNames: ['2026/11/28/[$LATEST]bbbb'] }),
    );
    expect(new Set(byName.events?.map((e) => e.logStreamName))).toEqual(
      new Set(['2026/11/28/[$LATEST]bbbb']),
    );
    const byPrefix = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, logStreamNamePrefix: '2026/11/28/' }),
    );
    expect(byPrefix.events).toHaveLength(6);
    const both = await rejectionOf(
      logs.send(
        new FilterLogEventsCommand({ logGroupName: GROUP, logStreamNames: ['a'], logStreamNamePrefix: 'a' }),
      ),
    );
    expect(both.name).toBe('InvalidParameterException');
  });

  it('takes exactly one of logGroupName and logGroupIdentifier (name or ARN)', async () => {
    putLines(2);
    const arn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${GROUP}`;
    for (const logGroupIdentifier of [GROUP, arn, `${arn}:*`]) {
      const res = await logs.send(new FilterLogEventsCommand({ logGroupIdentifier }));
      expect(res.events).toHaveLength(2);
    }
    const both = await rejectionOf(
      logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, logGroupIdentifier: GROUP })),
    );
    expect(both.name).toBe('InvalidParameterException');
    const neither = await rejectionOf(logs.send(new FilterLogEventsCommand({})));
    expect(neither.name).toBe('InvalidParameterException');
  });

  it('answers ResourceNotFoundException for an unknown group', async () => {
    const e = await rejectionOf(logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/nope' })));
    expect(e.name).toBe('ResourceNotFoundException');
    expect(e.message).toBe('The specified log group does not exist.');
    expect(e.$metadata).toMatchObject({ httpStatusCode: 400 });
  });

  it('shows late arrivals on a re-read of an overlapping window, with stable ids', async () => {
    const t0 = clock.now() - 120_000;
    putLines(3, { start: t0, step: 10_000 });
    const before = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, startTime: t0 }));
    expect(before.events).toHaveLength(3);
    clock.advance(30_000);
    // An event stamped in the middle of the window arrives 30 s later.
    sim.state.putLogEvents(ACCOUNT, REGION, GROUP, 'late-stream', [
      { timestamp: t0 + 5_000, message: 'late' },
    ]);
    const after = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, startTime: t0 }));
    expect(after.events?.map((e) => e.message)).toEqual(['line 0', 'late', 'line 1', 'line 2']);
    const late = after.events?.[1];
    expect(late?.ingestionTime).toBe(clock.now());
    expect((late?.ingestionTime as number) - (late?.timestamp as number)).toBe(145_000);
    expect(after.events?.filter((e) => e.message !== 'late').map((e) => e.eventId)).toEqual(
      before.events?.map((e) => e.eventId),
    );
    expect(late?.eventId).toMatch(/^\d{56}$/);
  });

  it('hides events whose ingestion time is still in the future', async () => {
    const now = clock.now();
    sim.state.putLogEvents(ACCOUNT, REGION, GROUP, 's', [
      { timestamp: now - 1000, message: 'visible' },
      { timestamp: now + 5000, message: 'later', ingestionTime: now + 7000 },
    ]);
    const a = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP }));
    expect(a.events?.map((e) => e.message)).toEqual(['visible']);
    clock.advance(7000);
    const b = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP }));
    expect(b.events?.map((e) => e.message)).toEqual(['visible', 'later']);
  });

  it('orders equal timestamps by ingestion time, then by put order', async () => {
    const t = clock.now() - 10_000;
    sim.state.putLogEvents(ACCOUNT, REGION, GROUP, 's1', [
      { timestamp: t, message: 'second', ingestionTime: t + 2000 },
    ]);
    sim.state.putLogEvents(ACCOUNT, REGION, GROUP, 's2', [
      { timestamp: t, message: 'first', ingestionTime: t + 1000 },
    ]);
    sim.state.putLogEvents(ACCOUNT, REGION, GROUP, 's3', [
      { timestamp: t, message: 'third', ingestionTime: t + 2000 },
    ]);
    const res = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP }));
    expect(res.events?.map((e) => e.message)).toEqual(['first', 'second', 'third']);
    expect(res.searchedLogStreams).toEqual([]);
  });
});

describe('writing logs through the SDK', () => {
  it('creates a group and stream and puts events that FilterLogEvents then reads', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/demo/app' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/demo/app', logStreamName: 'main' }));
    const t = clock.now() - 5000;
    const put = await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/demo/app',
        logStreamName: 'main',
        logEvents: [
          { timestamp: t, message: 'hello' },
          { timestamp: t + 1, message: 'world' },
        ],
      }),
    );
    expect(put.rejectedLogEventsInfo).toBeUndefined();
    const res = await logs.send(new FilterLogEventsCommand({ logGroupName: '/demo/app' }));
    expect(res.events?.map((e) => [e.message, e.ingestionTime, e.logStreamName])).toEqual([
      ['hello', clock.now(), 'main'],
      ['world', clock.now(), 'main'],
    ]);
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/demo/app' }));
    expect(streams.logStreams?.[0]).toMatchObject({ logStreamName: 'main', lastEventTimestamp: t + 1 });
  });

  it('answers like AWS for duplicates, missing streams, disorder and too-old events', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/demo/app' }));
    const dup = await rejectionOf(logs.send(new CreateLogGroupCommand({ logGroupName: '/demo/app' })));
    expect(dup.name).toBe('ResourceAlreadyExistsException');
    const noStream = await rejectionOf(
      logs.send(
        new PutLogEventsCommand({
          logGroupName: '/demo/app',
          logStreamName: 'x',
          logEvents: [{ timestamp: 1, message: 'm' }],
        }),
      ),
    );
    expect(noStream.name).toBe('ResourceNotFoundException');
    expect(noStream.message).toBe('The specified log stream does not exist.');
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/demo/app', logStreamName: 'x' }));
    const now = clock.now();
    const disorder = await rejectionOf(
      logs.send(
        new PutLogEventsCommand({
          logGroupName: '/demo/app',
          logStreamName: 'x',
          logEvents: [
            { timestamp: now, message: 'b' },
            { timestamp: now - 1, message: 'a' },
          ],
        }),
      ),
    );
    expect(disorder.name).toBe('InvalidParameterException');
    const old = await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/demo/app',
        logStreamName: 'x',
        logEvents: [
          { timestamp: now - 14 * 86_400_000 - 3_600_000, message: 'ancient' },
          { timestamp: now - 14 * 86_400_000 - 3_599_999, message: 'ancient too' },
          { timestamp: now - 14 * 86_400_000 + 60_000, message: 'kept' },
        ],
      }),
    );
    expect(old.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1 });
    const res = await logs.send(new FilterLogEventsCommand({ logGroupName: '/demo/app' }));
    expect(res.events?.map((e) => e.message)).toEqual(['kept']);
  });
});

describe('endpoint from the environment', () => {
  it('reaches the sim through AWS_ENDPOINT_URL and the standard credential variables', async () => {
    sim.state.createLogGroup(ACCOUNT, REGION, '/from/env');
    const creds = sim.credentials(ACCOUNT);
    vi.stubEnv('AWS_ENDPOINT_URL', sim.url);
    vi.stubEnv('AWS_ACCESS_KEY_ID', creds.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', creds.secretAccessKey);
    vi.stubEnv('AWS_REGION', REGION);
    const client = new CloudWatchLogsClient({ maxAttempts: 1 });
    const res = await client.send(new DescribeLogGroupsCommand({}));
    expect(res.logGroups?.map((g) => g.logGroupName)).toEqual(['/from/env']);
    client.destroy();
    expect(sim.env(ACCOUNT)).toMatchObject({
      AWS_ENDPOINT_URL: sim.url,
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
    });
  });
});

import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeResourcePoliciesCommand,
  DescribeSubscriptionFiltersCommand,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  StartQueryCommand,
  type StartQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderInvocation, type SimAws } from '../../../../sim/aws/index.js';
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
  await sim.close();
});

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Writes invocations of one function: memory used per invocation, the first a cold start. */
function writeReports(
  fn: string,
  format: 'Text' | 'JSON',
  memoryUsed: number[],
  extra: { outcome?: 'timeout' | 'out_of_memory'; timeoutStyle?: 'legacy' | 'status' }[] = [],
) {
  memoryUsed.forEach((mem, i) => {
    const events = renderInvocation({
      runtime: 'nodejs22.x',
      format,
      functionName: fn,
      region: REGION,
      memorySizeMB: 512,
      timeoutSec: 3,
      requestId: `${fn}-${String(i).padStart(4, '0')}-4bbb-8ccc-000000000000`,
      start: clock.now() - 3_600_000 + i * 10_000,
      maxMemoryUsedMB: mem,
      outcome: extra[i]?.outcome ?? 'success',
      ...(extra[i]?.timeoutStyle ? { timeoutStyle: extra[i]?.timeoutStyle } : {}),
      ...(i === 0 ? { coldStart: { initDurationMs: 250 } } : {}),
    });
    sim.state.putLogEvents(ACCOUNT, REGION, `/aws/lambda/${fn}`, `stream-${fn}`, events);
  });
}

async function run(input: Partial<StartQueryCommandInput> & { queryString: string }) {
  const started = await logs.send(
    new StartQueryCommand({
      startTime: seconds(clock.now() - 2 * 3_600_000),
      endTime: seconds(clock.now()),
      ...input,
    }),
  );
  let out: GetQueryResultsCommandOutput;
  const statuses: string[] = [];
  do {
    out = await logs.send(new GetQueryResultsCommand({ queryId: started.queryId }));
    statuses.push(out.status ?? '');
  } while (out.status === 'Running');
  const rows = (out.results ?? []).map((r) => Object.fromEntries(r.map((f) => [f.field, f.value])));
  return { rows, statuses, statistics: out.statistics };
}

describe('Logs Insights', () => {
  it('answers Running first, then Complete, with REPORT memory in bytes per @log', async () => {
    writeReports('alpha', 'Text', [100, 300, 200]);
    writeReports('beta', 'Text', [50]);
    const { rows, statuses, statistics } = await run({
      logGroupNames: ['/aws/lambda/alpha', '/aws/lambda/beta'],
      queryString:
        'filter @type = "REPORT" | stats max(@maxMemoryUsed) as mem, max(@memorySize) as size, count(*) as n, count(@initDuration) by @log',
    });
    expect(statuses).toEqual(['Running', 'Complete']);
    expect(rows).toEqual([
      {
        '@log': `${ACCOUNT}:/aws/lambda/alpha`,
        mem: '300000000',
        size: '512000000',
        n: '3',
        'count(@initDuration)': '1',
      },
      {
        '@log': `${ACCOUNT}:/aws/lambda/beta`,
        mem: '50000000',
        size: '512000000',
        n: '1',
        'count(@initDuration)': '1',
      },
    ]);
    expect(statistics?.recordsMatched).toBe(4);
    expect(statistics?.recordsScanned).toBeGreaterThan(4);
    expect(statistics?.bytesScanned).toBeGreaterThan(0);
  });

  it('reads JSON platform.report records by their dotted field names, and percentiles by nearest rank', async () => {
    writeReports('gamma', 'JSON', [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    const { rows } = await run({
      logGroupName: '/aws/lambda/gamma',
      queryString:
        'filter type = "platform.report" | stats pct(record.metrics.maxMemoryUsedMB, 90) as p90, percentile(record.metrics.maxMemoryUsedMB, 50) as p50, sum(strcontains(record.status, "success")) as ok',
    });
    expect(rows).toEqual([{ p90: '90', p50: '50', ok: '10' }]);
  });

  it('counts timeouts in both shapes with like, regex and strcontains', async () => {
    writeReports(
      'delta',
      'Text',
      [100, 100, 100],
      [{ outcome: 'timeout' }, { outcome: 'timeout', timeoutStyle: 'legacy' }, {}],
    );
    const { rows } = await run({
      logGroupNames: ['/aws/lambda/delta'],
      queryString:
        'filter @type = "REPORT" or @message like /Task timed out after/ | stats sum(strcontains(@message, "Status: timeout")) as status, sum(strcontains(@message, "Task timed out after")) as lines, count(@maxMemoryUsed) as reports',
    });
    expect(rows).toEqual([{ status: '1', lines: '1', reports: '3' }]);
    const notLike = await run({
      logGroupNames: ['/aws/lambda/delta'],
      queryString: 'filter @type = "REPORT" and not @message like "Status: timeout" | stats count(*) as n',
    });
    expect(notLike.rows).toEqual([{ n: '2' }]);
  });

  it('honours the time range and lists matching events when there is no stats', async () => {
    writeReports('eps', 'Text', [100, 200]);
    const { rows } = await run({
      logGroupNames: ['/aws/lambda/eps'],
      startTime: seconds(clock.now() - 3_600_000 + 5_000),
      queryString: 'filter @type = "REPORT" | fields @timestamp, @maxMemoryUsed | limit 5',
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.['@maxMemoryUsed']).toBe('200000000');
    expect(rows[0]?.['@timestamp']).toMatch(/^2026-11-28 11:00:\d\d\.\d{3}$/);
  });

  it('rejects what it does not support as MalformedQueryException, naming where', async () => {
    sim.state.createLogGroup(ACCOUNT, REGION, '/aws/lambda/x');
    for (const queryString of [
      'sort @timestamp desc',
      'stats avg(@duration / 1000)',
      'filter @duration >',
      'stats count(*) | stats count(*)',
      'parse @message "* *" as a, b',
    ]) {
      const e = await rejectionOf(
        logs.send(
          new StartQueryCommand({ logGroupName: '/aws/lambda/x', startTime: 0, endTime: 1, queryString }),
        ),
      );
      expect(e.name, queryString).toBe('MalformedQueryException');
      expect(e.queryCompileError).toMatchObject({ location: { startCharOffset: expect.any(Number) } });
    }
  });

  it('validates the groups: at most 50, exactly one way of naming them, all existing', async () => {
    const names = Array.from({ length: 51 }, (_, i) => `/aws/lambda/f${i}`);
    for (const n of names) sim.state.createLogGroup(ACCOUNT, REGION, n);
    const q = { startTime: 0, endTime: 10, queryString: 'stats count(*)' };
    const tooMany = await rejectionOf(logs.send(new StartQueryCommand({ ...q, logGroupNames: names })));
    expect(tooMany.name).toBe('InvalidParameterException');
    const both = await rejectionOf(
      logs.send(new StartQueryCommand({ ...q, logGroupName: names[0], logGroupNames: [names[1] as string] })),
    );
    expect(both.name).toBe('InvalidParameterException');
    const missing = await rejectionOf(
      logs.send(new StartQueryCommand({ ...q, logGroupNames: [names[0] as string, '/aws/lambda/ghost'] })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toContain('/aws/lambda/ghost');
    const ok = await logs.send(new StartQueryCommand({ ...q, logGroupNames: names.slice(0, 50) }));
    expect(ok.queryId).toMatch(/^[0-9a-f-]{36}$/);
    const unknown = await rejectionOf(logs.send(new GetQueryResultsCommand({ queryId: 'nope' })));
    expect(unknown.name).toBe('ResourceNotFoundException');
  });

  it('keeps a query Running for as many polls as the behaviour says', async () => {
    sim.state.createLogGroup(ACCOUNT, REGION, '/aws/lambda/slow');
    sim.state.setInsightsBehavior({ pollsBeforeComplete: 3 });
    const { statuses } = await run({ logGroupName: '/aws/lambda/slow', queryString: 'stats count(*)' });
    expect(statuses).toEqual(['Running', 'Running', 'Running', 'Complete']);
  });
});

describe('log group settings, subscription filters and resource policies', () => {
  it('DescribeLogGroups reports retention, KMS key, class and metric filters set through state', async () => {
    sim.state.createLogGroup(ACCOUNT, REGION, '/aws/lambda/a', {
      retentionInDays: 30,
      kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
      metricFilterCount: 2,
    });
    sim.state.createLogGroup(ACCOUNT, REGION, '/aws/lambda/b');
    sim.state.updateLogGroup(ACCOUNT, REGION, '/aws/lambda/a', {
      retentionInDays: null,
      logGroupClass: 'INFREQUENT_ACCESS',
    });
    await logs.send(
      new CreateLogGroupCommand({
        logGroupName: '/c',
        kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k2',
      }),
    );
    const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
    expect(groups.map((g) => g.logGroupName)).toEqual(['/aws/lambda/a', '/aws/lambda/b', '/c']);
    expect(groups[0]).toMatchObject({
      kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
      logGroupClass: 'INFREQUENT_ACCESS',
      metricFilterCount: 2,
    });
    expect(groups[0]).not.toHaveProperty('retentionInDays');
    expect(groups[1]).not.toHaveProperty('kmsKeyId');
    expect(groups[2]?.kmsKeyId).toBe('arn:aws:kms:us-east-1:111122223333:key/k2');
  });

  it('DescribeSubscriptionFilters lists a group filters; a missing group is not found', async () => {
    sim.state.createLogGroup(ACCOUNT, REGION, '/aws/lambda/a', {
      subscriptionFilters: [
        {
          filterName: 'to-firehose',
          destinationArn: 'arn:aws:firehose:us-east-1:111122223333:deliverystream/x',
        },
        {
          filterName: 'errors',
          destinationArn: 'arn:aws:lambda:us-east-1:111122223333:function:y',
          filterPattern: 'ERROR',
        },
      ],
    });
    const out = await logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/aws/lambda/a' }));
    expect(out.subscriptionFilters?.map((f) => [f.filterName, f.filterPattern, f.logGroupName])).toEqual([
      ['errors', 'ERROR', '/aws/lambda/a'],
      ['to-firehose', '', '/aws/lambda/a'],
    ]);
    const e = await rejectionOf(logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/nope' })));
    expect(e.name).toBe('ResourceNotFoundException');
    expect(() =>
      sim.state.updateLogGroup(ACCOUNT, REGION, '/aws/lambda/a', {
        subscriptionFilters: [1, 2, 3].map((i) => ({ filterName: `f${i}`, destinationArn: 'arn:x' })),
      }),
    ).toThrow(/at most 2/);
  });

  it('DescribeResourcePolicies returns documents as JSON strings', async () => {
    sim.state.putLogResourcePolicy(ACCOUNT, REGION, 'open', [
      { Principal: '*', Action: 'logs:PutLogEvents' },
    ]);
    const out = await logs.send(new DescribeResourcePoliciesCommand({}));
    expect(out.resourcePolicies).toHaveLength(1);
    expect(out.resourcePolicies?.[0]?.policyName).toBe('open');
    expect(JSON.parse(out.resourcePolicies?.[0]?.policyDocument ?? '').Statement[0].Principal).toBe('*');
  });
});

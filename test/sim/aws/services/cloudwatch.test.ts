import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deriveInvocations,
  type InvocationOutcome,
  renderInvocation,
  renderRetriedInvocation,
  type SimAws,
  type SimLogFormat,
  type SimRuntime,
} from '../../../../sim/aws/index.js';
import type { FakeClock } from '../../../helpers/clock.js';
import { ACCOUNT, clientConfig, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let clock: FakeClock;
let cw: CloudWatchClient;
let base: number;

beforeEach(async () => {
  ({ sim, clock } = await startTestSim());
  cw = new CloudWatchClient(clientConfig(sim));
  base = clock.now() - 10 * 60_000;
});

afterEach(async () => {
  cw.destroy();
  await sim.close();
});

let counter = 0;
function invoke(
  fn: string,
  at: number,
  outcome: InvocationOutcome,
  durationMs = 100,
  runtime: SimRuntime = 'nodejs20.x',
  format: SimLogFormat = 'Text',
) {
  counter++;
  const events = renderInvocation({
    runtime,
    format,
    functionName: fn,
    memorySizeMB: 256,
    timeoutSec: 3,
    requestId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    start: at,
    durationMs,
    outcome,
  });
  sim.state.putLogEvents(ACCOUNT, REGION, `/aws/lambda/${fn}`, `stream-${counter}`, events);
}

function query(id: string, metric: string, stat: string, fn?: string): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        ...(fn ? { Dimensions: [{ Name: 'FunctionName', Value: fn }] } : {}),
      },
      Period: 60,
      Stat: stat,
    },
  };
}

async function series(
  queries: MetricDataQuery[],
  extra: Partial<ConstructorParameters<typeof GetMetricDataCommand>[0]> = {},
) {
  const res = await cw.send(
    new GetMetricDataCommand({
      StartTime: new Date(base),
      EndTime: new Date(base + 5 * 60_000),
      ScanBy: 'TimestampAscending',
      MetricDataQueries: queries,
      ...extra,
    }),
  );
  return Object.fromEntries(
    (res.MetricDataResults ?? []).map((r) => [
      r.Id,
      {
        t: (r.Timestamps ?? []).map((d) => (d.getTime() - base) / 60_000),
        v: r.Values ?? [],
        status: r.StatusCode,
      },
    ]),
  );
}

describe('GetMetricData for AWS/Lambda derived from logs', () => {
  beforeEach(() => {
    sim.state.addFunction(ACCOUNT, REGION, { name: 'orders-api', runtime: 'nodejs20.x', timeout: 3 });
    sim.state.addFunction(ACCOUNT, REGION, {
      name: 'payments',
      runtime: 'python3.12',
      logFormat: 'JSON',
      timeout: 3,
    });
    // minute 0: three good calls; minute 1: two good, an exception, a timeout; minute 2: an OOM kill.
    invoke('orders-api', base + 1_000, 'success', 50);
    invoke('orders-api', base + 20_000, 'success', 150);
    invoke('orders-api', base + 40_000, 'logged_error', 100);
    invoke('orders-api', base + 61_000, 'success', 10);
    invoke('orders-api', base + 62_000, 'success', 20);
    invoke('orders-api', base + 63_000, 'uncaught_exception', 30);
    invoke('orders-api', base + 64_000, 'timeout');
    invoke('orders-api', base + 125_000, 'out_of_memory', 400);
    invoke('payments', base + 5_000, 'success', 70, 'python3.12', 'JSON');
    invoke('payments', base + 7_000, 'uncaught_exception', 80, 'python3.12', 'JSON');
  });

  it('counts invocations and errors per minute', async () => {
    const r = await series([
      query('inv', 'Invocations', 'Sum', 'orders-api'),
      query('err', 'Errors', 'Sum', 'orders-api'),
    ]);
    expect(r.inv).toEqual({ t: [0, 1, 2], v: [3, 4, 1], status: 'Complete' });
    expect(r.err).toEqual({ t: [0, 1, 2], v: [0, 2, 1], status: 'Complete' });
  });

  it('computes Duration statistics from REPORT lines', async () => {
    const r = await series([
      query('max', 'Duration', 'Maximum', 'orders-api'),
      query('avg', 'Duration', 'Average', 'orders-api'),
      query('p99', 'Duration', 'p99', 'orders-api'),
      query('n', 'Duration', 'SampleCount', 'orders-api'),
      query('rate', 'Errors', 'Average', 'orders-api'),
    ]);
    expect(r.max?.v).toEqual([150, 3000, 400]);
    expect(r.avg?.v[0]).toBe(100);
    expect(r.p99?.v).toEqual([150, 3000, 400]);
    expect(r.n?.v).toEqual([3, 4, 1]);
    expect(r.rate?.v).toEqual([0, 0.5, 1]);
  });

  it('reads JSON-format platform records and aggregates without dimensions', async () => {
    const r = await series([
      query('inv', 'Invocations', 'Sum', 'payments'),
      query('all', 'Invocations', 'Sum'),
      query('allErr', 'Errors', 'Sum'),
    ]);
    expect(r.inv?.v).toEqual([2]);
    expect(r.all?.v).toEqual([5, 4, 1]);
    expect(r.allErr?.v).toEqual([1, 2, 1]);
  });

  it('merges injected datapoints and serves metrics only injection provides', async () => {
    sim.state.putMetric({
      account: ACCOUNT,
      region: REGION,
      namespace: 'AWS/Lambda',
      metricName: 'Throttles',
      dimensions: { FunctionName: 'orders-api' },
      timestamp: base + 90_000,
      value: 7,
    });
    sim.state.putMetric({
      account: ACCOUNT,
      region: REGION,
      namespace: 'AWS/Lambda',
      metricName: 'Invocations',
      dimensions: { FunctionName: 'orders-api' },
      timestamp: base + 30_000,
      value: 10,
    });
    const r = await series([
      query('thr', 'Throttles', 'Sum', 'orders-api'),
      query('inv', 'Invocations', 'Sum', 'orders-api'),
    ]);
    expect(r.thr).toMatchObject({ t: [1], v: [7] });
    expect(r.inv?.v).toEqual([13, 4, 1]);
  });

  it('counts an async retry (same request id again) as another invocation', async () => {
    const attempts = renderRetriedInvocation({
      runtime: 'nodejs22.x',
      format: 'Text',
      functionName: 'webhook',
      memorySizeMB: 128,
      timeoutSec: 3,
      requestId: 'aaaaaaaa-0000-4000-8000-000000000001',
      start: base + 10_000,
    });
    sim.state.addFunction(ACCOUNT, REGION, { name: 'webhook', runtime: 'nodejs22.x' });
    attempts.forEach((events, i) => {
      sim.state.putLogEvents(ACCOUNT, REGION, '/aws/lambda/webhook', `env-${i}`, events);
    });
    const r = await series([
      query('inv', 'Invocations', 'Sum', 'webhook'),
      query('err', 'Errors', 'Sum', 'webhook'),
    ]);
    expect(r.inv).toMatchObject({ t: [0, 1], v: [1, 1] });
    expect(r.err).toMatchObject({ t: [0, 1], v: [1, 0] });
  });

  it('scans newest first by default and pages on MaxDatapoints', async () => {
    const res = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(base),
        EndTime: new Date(base + 5 * 60_000),
        MetricDataQueries: [query('inv', 'Invocations', 'Sum', 'orders-api')],
      }),
    );
    expect(res.MetricDataResults?.[0]?.Values).toEqual([1, 4, 3]);
    const page1 = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(base),
        EndTime: new Date(base + 5 * 60_000),
        MaxDatapoints: 2,
        MetricDataQueries: [
          query('inv', 'Invocations', 'Sum', 'orders-api'),
          query('err', 'Errors', 'Sum', 'orders-api'),
        ],
      }),
    );
    expect(page1.MetricDataResults?.map((r) => [r.Id, r.Values, r.StatusCode])).toEqual([
      ['inv', [1, 4], 'PartialData'],
    ]);
    expect(page1.NextToken).toBeTruthy();
    const page2 = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(base),
        EndTime: new Date(base + 5 * 60_000),
        MaxDatapoints: 2,
        NextToken: page1.NextToken,
        MetricDataQueries: [
          query('inv', 'Invocations', 'Sum', 'orders-api'),
          query('err', 'Errors', 'Sum', 'orders-api'),
        ],
      }),
    );
    expect(page2.MetricDataResults?.map((r) => [r.Id, r.Values, r.StatusCode])).toEqual([
      ['inv', [3], 'Complete'],
      ['err', [1], 'PartialData'],
    ]);
    expect(page2.NextToken).toBeTruthy();
  });

  it('takes up to 500 queries and rejects more, and rejects unknown statistics', async () => {
    const many = Array.from({ length: 500 }, (_, i) => query(`q${i}`, 'Invocations', 'Sum', 'orders-api'));
    const ok = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(base),
        EndTime: new Date(base + 60_000),
        MetricDataQueries: many,
      }),
    );
    expect(ok.MetricDataResults).toHaveLength(500);
    const tooMany = await rejectionOf(
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(base),
          EndTime: new Date(base + 60_000),
          MetricDataQueries: [...many, query('q500', 'Errors', 'Sum')],
        }),
      ),
    );
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.$metadata).toMatchObject({ httpStatusCode: 400 });
    const badStat = await rejectionOf(
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(base),
          EndTime: new Date(base + 60_000),
          MetricDataQueries: [query('a', 'Invocations', 'Median', 'orders-api')],
        }),
      ),
    );
    expect(badStat.name).toBe('InvalidParameterValueException');
  });
});

describe('deriveInvocations', () => {
  it('attributes failure lines without a request id to the open invocation of their stream', () => {
    const inv = deriveInvocations([
      { timestamp: 1, logStreamName: 'a', message: 'START RequestId: r1 Version: $LATEST' },
      { timestamp: 2, logStreamName: 'b', message: 'START RequestId: r2 Version: $LATEST' },
      {
        timestamp: 3,
        logStreamName: 'a',
        message: "[ERROR] KeyError: 'x'\nTraceback (most recent call last):",
      },
      {
        timestamp: 4,
        logStreamName: 'b',
        message: 'REPORT RequestId: r2\tDuration: 5.00 ms\tBilled Duration: 5 ms',
      },
      {
        timestamp: 5,
        logStreamName: 'a',
        message: 'REPORT RequestId: r1\tDuration: 7.50 ms\tBilled Duration: 8 ms',
      },
    ]);
    expect(inv.map((i) => [i.requestId, i.failed, i.durationMs])).toEqual([
      ['r1', true, 7.5],
      ['r2', false, 5],
    ]);
  });
});

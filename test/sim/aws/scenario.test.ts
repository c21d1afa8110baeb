import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../sim/aws/index.js';
import { defaultScenario, generateScenario, SimState, writeScenario } from '../../../sim/aws/index.js';
import { FakeClock } from '../../helpers/clock.js';
import { ACCOUNT, clientConfig, REGION, startTestSim } from './helpers.js';

const START = Date.parse('2026-11-28T12:00:00.000Z');
const MIN = 60_000;

describe('scenario generation', () => {
  it('is deterministic: same seed, same events; another seed, other events', () => {
    const spec = defaultScenario({ start: START, durationMs: 20 * MIN });
    const a = generateScenario(spec);
    const b = generateScenario(spec);
    expect(b).toEqual(a);
    const c = generateScenario({ ...spec, seed: 'another' });
    expect(c.invocations.map((i) => i.requestId)).not.toEqual(a.invocations.map((i) => i.requestId));
    // Writing it twice into fresh states stores the same events with the same ids.
    const s1 = new SimState(new FakeClock(START));
    const s2 = new SimState(new FakeClock(START));
    writeScenario(s1, spec);
    writeScenario(s2, spec);
    const ids = (s: SimState) =>
      s
        .logGroups(ACCOUNT, REGION)
        .flatMap((g) => g.events.map((e) => `${e.eventId} ${e.timestamp} ${e.message.length}`));
    expect(ids(s2)).toEqual(ids(s1));
    expect(ids(s1).length).toBeGreaterThan(1000);
  });

  it('runs one invocation at a time per log stream, each stream opening with a cold start', () => {
    const gen = generateScenario(defaultScenario({ start: START, durationMs: 30 * MIN }));
    expect(gen.streams.length).toBeGreaterThan(13);
    for (const stream of gen.streams) {
      expect(stream.logStream).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
      const first = stream.events[0]?.message ?? '';
      expect(first.startsWith('INIT_START') || first.includes('"type":"platform.initStart"')).toBe(true);
      let open = 0;
      for (const e of stream.events) {
        const m = e.message;
        if (m.startsWith('START RequestId:') || m.includes('"type":"platform.start"')) open++;
        if (m.startsWith('REPORT RequestId:') || m.includes('"type":"platform.report"')) open--;
        expect(open).toBeGreaterThanOrEqual(0);
        expect(open).toBeLessThanOrEqual(1);
      }
      expect(open).toBe(0);
      for (const e of stream.events) {
        const lag = (e.ingestionTime as number) - e.timestamp;
        expect(lag).toBeGreaterThanOrEqual(800);
        expect(lag).toBeLessThanOrEqual(120_000);
      }
    }
    const byStream = new Map<string, number>();
    for (const inv of gen.invocations) {
      const n = byStream.get(inv.logStreamName) ?? 0;
      if (n === 0) expect(inv.coldStart).toBe(true);
      byStream.set(inv.logStreamName, n + 1);
    }
    expect(gen.invocations.filter((i) => !i.coldStart).length).toBeGreaterThan(gen.invocations.length / 2);
  });

  it('scripts the demo failures within the first two minutes', () => {
    const gen = generateScenario(defaultScenario({ start: START }));
    const early = gen.invocations.filter((i) => i.scripted && i.start < START + 2 * MIN);
    const kinds = (fn: string) => early.filter((i) => i.functionName === fn).map((i) => i.outcome);
    expect(kinds('orders-api')).toEqual(Array(5).fill('uncaught_exception'));
    expect(kinds('inventory-sync')).toEqual(['timeout']);
    expect(kinds('image-resizer')).toEqual(['out_of_memory']);
    expect(kinds('event-router')).toEqual(['init_failure', 'init_failure', 'init_failure']);
    // Once, then again at 110 s after the demo resolved it: a regression within two minutes.
    expect(kinds('ledger-reconciler')).toEqual(['uncaught_exception', 'uncaught_exception']);
    const retry = gen.invocations.filter((i) => i.functionName === 'payments-webhook' && i.scripted);
    expect(retry.map((i) => [i.attempt, i.outcome])).toEqual([
      [1, 'uncaught_exception'],
      [2, 'success'],
    ]);
    expect(retry[1]?.requestId).toBe(retry[0]?.requestId);
    expect((retry[1]?.start as number) - (retry[0]?.start as number)).toBeGreaterThanOrEqual(MIN);
    expect((retry[1]?.start as number) - START).toBeLessThan(2 * MIN);
    // The recurring error comes back later with the same type and message.
    const ledger = gen.invocations.filter((i) => i.functionName === 'ledger-reconciler' && i.scripted);
    expect(ledger.map((i) => Math.round((i.start - START) / 1000))).toEqual([50, 110, 1500, 2700]);
    // Init failures follow a deploy: the function was modified shortly before.
    expect(gen.lastModified['event-router']).toBeGreaterThan(START);
    expect(gen.lastModified['event-router']).toBeLessThan(START + 90_000);
    // Every init failure lands on its own fresh environment.
    const initStreams = gen.invocations
      .filter((i) => i.outcome === 'init_failure')
      .map((i) => i.logStreamName);
    expect(new Set(initStreams).size).toBe(3);
  });

  it('refuses failures for unknown functions and duplicate names', () => {
    const spec: ScenarioSpec = {
      seed: 1,
      start: START,
      end: START + MIN,
      functions: [{ name: 'a', runtime: 'nodejs20.x' }],
      failures: [{ at: START, function: 'b', kind: 'timeout' }],
    };
    expect(() => generateScenario(spec)).toThrow(/unknown function b/);
    expect(() =>
      generateScenario({ ...spec, failures: [], functions: [spec.functions[0]!, spec.functions[0]!] }),
    ).toThrow(/duplicate/);
  });
});

describe('the default scenario through the SDK', () => {
  it('shows its functions, custom log group and failures as time passes', async () => {
    const { sim, clock } = await startTestSim({ clock: new FakeClock(START) });
    writeScenario(sim.state, defaultScenario({ start: START, durationMs: 10 * MIN }));

    const lambda = new LambdaClient(clientConfig(sim));
    const us = await lambda.send(new ListFunctionsCommand({}));
    expect(us.Functions).toHaveLength(11);
    const runtimes = new Set(us.Functions?.map((f) => f.Runtime));
    expect(runtimes).toEqual(
      new Set([
        'nodejs20.x',
        'nodejs22.x',
        'python3.12',
        'python3.13',
        'java21',
        'provided.al2023',
        'dotnet8',
        'ruby3.3',
      ]),
    );
    expect(new Set(us.Functions?.map((f) => f.LoggingConfig?.LogFormat))).toEqual(new Set(['Text', 'JSON']));
    const euLambda = new LambdaClient(clientConfig(sim, ACCOUNT, 'eu-west-1'));
    const eu = await euLambda.send(new ListFunctionsCommand({}));
    expect(eu.Functions?.find((f) => f.FunctionName === 'checkout-api')?.LoggingConfig?.LogGroup).toBe(
      '/pillar-demo/checkout-api',
    );

    const logs = new CloudWatchLogsClient(clientConfig(sim));
    const read = async (logGroupName: string, filterPattern: string) => {
      const out: string[] = [];
      for await (const page of paginateFilterLogEvents(
        { client: logs },
        { logGroupName, filterPattern, startTime: START },
      )) {
        out.push(...(page.events ?? []).map((e) => e.message as string));
      }
      return out;
    };
    // Nothing has been ingested at the scenario's start.
    expect(await read('/aws/lambda/orders-api', '')).toEqual([]);
    clock.advance(2 * MIN + 30_000);
    expect(await read('/aws/lambda/orders-api', '"Invoke Error"')).toHaveLength(5);
    expect(await read('/aws/lambda/inventory-sync', '"Status: timeout"')).toHaveLength(1);
    expect(await read('/aws/lambda/image-resizer', '"signal: killed"')).toHaveLength(1);
    expect(await read('/aws/lambda/event-router', '"Phase: invoke"')).toHaveLength(3);

    const cw = new CloudWatchClient(clientConfig(sim));
    const res = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(START),
        EndTime: new Date(START + 2 * MIN),
        MetricDataQueries: ['orders-api', 'event-router', 'payments-webhook'].map((fn, i) => ({
          Id: `e${i}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/Lambda',
              MetricName: 'Errors',
              Dimensions: [{ Name: 'FunctionName', Value: fn }],
            },
            Period: 120,
            Stat: 'Sum',
          },
        })),
      }),
    );
    expect(res.MetricDataResults?.map((r) => r.Values?.[0])).toEqual([5, 3, 1]);

    lambda.destroy();
    euLambda.destroy();
    logs.destroy();
    cw.destroy();
    await sim.close();
  });
});

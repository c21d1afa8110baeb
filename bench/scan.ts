import { allChecks } from '../checks/index.js';
import { runChecks, summarize } from '../checks/runner.js';
import { Prng } from '../sim/aws/index.js';
import { awsCallsForScan, scanShapeOf, totalCalls } from '../src/inventory/calls.js';
import { restApi, v2Api } from '../test/checks/apigateway.builders.js';
import {
  alarm,
  esm,
  fn,
  group,
  queue,
  snapshot,
  stateMachine,
  statement,
  table,
  tel,
} from '../test/checks/builders.js';
import { bus, rule, target } from '../test/checks/eventbridge.builders.js';
import { stream } from '../test/checks/kinesis.builders.js';
import { subscription, topic } from '../test/checks/sns.builders.js';

/**
 * Checks over a generated snapshot of 1,000 functions and 500 other resources (log groups, event
 * source mappings, queues, tables, state machines, alarms, APIs, topics, streams and rules), with
 * a realistic share of problems, and the AWS calls a scan of such an account makes (predicted by
 * the same counts the collectors keep).
 */
export function benchScan(): void {
  const rng = new Prng('bench-scan');
  const runtimes = [
    'nodejs24.x',
    'nodejs22.x',
    'python3.13',
    'python3.9',
    'java21',
    'nodejs16.x',
    'provided.al2023',
  ];
  const functions = Array.from({ length: 1000 }, (_, i) =>
    fn({
      name: `fn-${i}`,
      runtime: runtimes[rng.int(0, runtimes.length - 1)]!,
      memorySizeMB: rng.chance(0.2) ? 128 : 1024,
      timeoutSeconds: rng.chance(0.2) ? 3 : 30,
      architectures: rng.chance(0.5) ? ['x86_64'] : ['arm64'],
      tracingMode: rng.chance(0.5) ? 'PassThrough' : 'Active',
      ...(rng.chance(0.05) ? { policy: [statement({ principals: ['*'], conditionKeys: [] })] } : {}),
    }),
  );
  const telemetry = Object.fromEntries(
    functions.map((f) => [
      f.name,
      tel({
        invocations: rng.int(0, 100_000),
        maxMemoryUsedMB: rng.int(50, f.memorySizeMB),
        durationP99Ms: rng.int(10, f.timeoutSeconds * 1000),
      }),
    ]),
  );
  const groups = [
    ...functions.map((f) =>
      group({ name: f.logging.logGroup, ...(rng.chance(0.3) ? { retentionInDays: undefined } : {}) }),
    ),
    ...Array.from({ length: 150 }, (_, i) => group({ name: `/app/other-${i}` })),
  ];
  const mappings = Array.from({ length: 100 }, (_, i) =>
    esm({ uuid: `esm-${i}`, functionArn: functions[i]!.arn }),
  );
  // 150 groups + 100 mappings + 250 resources of the other eight services = 500 other resources.
  const queues = Array.from({ length: 40 }, (_, i) =>
    queue({ name: `queue-${i}`, ...(rng.chance(0.3) ? { redrivePolicy: undefined } : {}) }),
  );
  const tables = Array.from({ length: 30 }, (_, i) =>
    table({ name: `table-${i}`, pointInTimeRecovery: rng.chance(0.6) }),
  );
  const stateMachines = Array.from({ length: 20 }, (_, i) =>
    stateMachine({ name: `machine-${i}`, tracingEnabled: rng.chance(0.5) }),
  );
  const alarms = Array.from({ length: 40 }, (_, i) =>
    alarm({ name: `alarm-${i}`, ...(rng.chance(0.2) ? { alarmActions: [] } : {}) }),
  );
  const restApis = Array.from({ length: 30 }, (_, i) => restApi({ id: `rest${i}`, name: `rest-${i}` }));
  const v2Apis = Array.from({ length: 20 }, (_, i) => v2Api({ id: `http${i}`, name: `http-${i}` }));
  const topics = Array.from({ length: 30 }, (_, i) =>
    topic({
      name: `topic-${i}`,
      subscriptions: [subscription()],
      ...(rng.chance(0.4) ? { kmsMasterKeyId: undefined } : {}),
    }),
  );
  const streams = Array.from({ length: 20 }, (_, i) => stream({ name: `stream-${i}` }));
  const rules = Array.from({ length: 20 }, (_, i) =>
    rule({ name: `rule-${i}`, targets: [target(rng.chance(0.3) ? { deadLetterArn: undefined } : {})] }),
  );
  const snap = {
    ...snapshot({
      functions,
      logGroups: groups,
      eventSourceMappings: mappings,
      telemetry,
      queues,
      tables,
      stateMachines,
      alarms,
    }),
    apigateway: { restApis, v2Apis },
    sns: { topics },
    kinesis: { streams },
    eventbridge: { buses: [bus()], rules },
  };

  runChecks(snap); // warm up
  const runs = 5;
  const t = process.hrtime.bigint();
  let results = runChecks(snap);
  for (let i = 1; i < runs; i++) results = runChecks(snap);
  const ms = Number(process.hrtime.bigint() - t) / 1e6 / runs;
  const summary = summarize(results);
  const findings = summary.total.findings;
  const calls = awsCallsForScan(scanShapeOf(snap));
  const slowest = [...results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
  console.log('\n## Checks over a generated snapshot: 1,000 functions, 500 other resources');
  console.log(
    `${allChecks.length} checks in ${ms.toFixed(1)} ms per run (mean of ${runs}); ${findings.toLocaleString('en-US')} findings; slowest: ${slowest.map((r) => `${r.meta.id} ${r.durationMs.toFixed(1)} ms`).join(', ')}`,
  );
  console.log(
    `AWS calls a scan of this account makes: ${totalCalls(calls).toLocaleString('en-US')} — ${Object.entries(
      calls,
    )
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
}

import { allChecks } from '../checks/index.js';
import { runChecks, summarize } from '../checks/runner.js';
import { awsCallsForScan, scanShapeOf, totalCalls } from '../src/inventory/calls.js';
import { Prng } from '../src/sim/aws/index.js';
import { esm, fn, group, snapshot, statement, tel } from '../test/checks/builders.js';

/**
 * Checks over a generated snapshot of 1,000 functions and 500 other resources (log groups and
 * event source mappings), with a realistic share of problems, and the AWS calls a scan of such
 * an account makes (predicted by the same counts the collectors keep).
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
    ...Array.from({ length: 300 }, (_, i) => group({ name: `/app/other-${i}` })),
  ];
  const mappings = Array.from({ length: 200 }, (_, i) =>
    esm({ uuid: `esm-${i}`, functionArn: functions[i]!.arn }),
  );
  const snap = snapshot({ functions, logGroups: groups, eventSourceMappings: mappings, telemetry });

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

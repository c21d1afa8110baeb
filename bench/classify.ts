import { generateScenario, type ScenarioSpec, simRuntimes } from '../sim/aws/index.js';
import { parseEvent } from '../src/logs/parse.js';
import type { LogFormat } from '../src/logs/record.js';

/**
 * Classification throughput on a realistic mix: a generated scenario's events (every runtime,
 * steady traffic with cold starts and a share of failures), written as the newline-delimited
 * JSON events that `pillar classify --events` reads, then parsed back from one buffer. The floor
 * is the same run without the classification: decode, split into lines, parse the envelope.
 */
const TARGET_EVENTS = 1_000_000;

function sampleEvents(format: LogFormat): string[] {
  const start = Date.parse('2026-11-28T00:00:00Z');
  const functions = simRuntimes.flatMap((runtime, i) =>
    [0, 1, 2].map((k) => ({
      name: `fn-${runtime.replace(/[^a-z0-9]/g, '')}-${k}`,
      runtime,
      format,
      memoryMB: 512,
      timeoutSec: 10 + i,
      ratePerMinute: 20,
      typicalDurationMs: 120,
    })),
  );
  const failureKinds = [
    'uncaught_exception',
    'logged_error',
    'timeout',
    'out_of_memory',
    'init_failure',
    'retry',
  ] as const;
  const spec: ScenarioSpec = {
    seed: `bench-${format}`,
    start,
    end: start + 3 * 3_600_000,
    functions,
    failures: functions.flatMap((f, i) =>
      failureKinds.map((kind, j) => ({
        at: start + (i * 7 + j * 13) * 60_000,
        function: f.name,
        kind,
        count: 20,
        spacingMs: 30_000,
      })),
    ),
  };
  const generated = generateScenario(spec);
  const lines: string[] = [];
  for (const s of generated.streams) {
    for (const e of s.events) {
      lines.push(JSON.stringify({ message: e.message, timestamp: e.timestamp, logStreamName: s.logStream }));
    }
  }
  return lines;
}

function buildInput(format: LogFormat): { buffer: Buffer; distinct: number; failures: number } {
  const sample = sampleEvents(format);
  const lines: string[] = [];
  for (let i = 0; lines.length < TARGET_EVENTS; i++) lines.push(sample[i % sample.length]!);
  let failures = 0;
  for (const l of sample) {
    const r = parseEvent(JSON.parse(l), { format });
    if (r.failure) failures++;
  }
  return {
    buffer: Buffer.from(`${lines.join('\n')}\n`),
    distinct: sample.length,
    failures: failures / sample.length,
  };
}

type Pass = (buffer: Buffer, format: LogFormat) => number;

const splitOnly: Pass = (buffer) => {
  const text = buffer.toString('utf8');
  let n = 0;
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl === -1) break;
    const line = text.slice(from, nl);
    if (line.length > 0) n++;
    from = nl + 1;
  }
  return n;
};

const splitAndEnvelope: Pass = (buffer) => {
  const text = buffer.toString('utf8');
  let n = 0;
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl === -1) break;
    const e = JSON.parse(text.slice(from, nl)) as { message: string };
    if (e.message.length >= 0) n++;
    from = nl + 1;
  }
  return n;
};

const classify: Pass = (buffer, format) => {
  const text = buffer.toString('utf8');
  let failures = 0;
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl === -1) break;
    const e = JSON.parse(text.slice(from, nl)) as { message: string; timestamp: number };
    if (parseEvent(e, { format }).failure !== null) failures++;
    from = nl + 1;
  }
  return failures;
};

function time(pass: Pass, buffer: Buffer, format: LogFormat, runs = 3): number {
  pass(buffer, format); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    pass(buffer, format);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!; // median
}

export function benchClassify(): void {
  console.log('## Classification throughput (median of 3 runs, 1,000,000 events per format)');
  for (const format of ['Text', 'JSON'] as const) {
    const { buffer, distinct, failures } = buildInput(format);
    const heapBefore = process.memoryUsage().heapUsed;
    const floor = time(splitOnly, buffer, format);
    const envelope = time(splitAndEnvelope, buffer, format);
    const full = time(classify, buffer, format);
    const heapAfter = process.memoryUsage().heapUsed;
    const eps = (ms: number) => Math.round(TARGET_EVENTS / (ms / 1000)).toLocaleString('en-US');
    console.log(
      `${format.padEnd(4)}: input ${(buffer.length / 1e6).toFixed(0)} MB, ${distinct.toLocaleString('en-US')} distinct events repeated, ${(failures * 100).toFixed(1)}% failures`,
    );
    console.log(
      `      read+split              ${floor.toFixed(0).padStart(6)} ms  ${eps(floor).padStart(12)} events/s`,
    );
    console.log(
      `      read+split+envelope     ${envelope.toFixed(0).padStart(6)} ms  ${eps(envelope).padStart(12)} events/s`,
    );
    console.log(
      `      read+split+classify     ${full.toFixed(0).padStart(6)} ms  ${eps(full).padStart(12)} events/s`,
    );
    console.log(
      `      classify cost: ${(full / envelope).toFixed(2)}x the read-and-split floor (envelope parse included); ${(full / floor).toFixed(2)}x bare line splitting; heap ${((heapAfter - heapBefore) / 1e6).toFixed(0)} MB`,
    );
  }
}

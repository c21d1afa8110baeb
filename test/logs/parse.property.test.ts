import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toClassifyOutput } from '../../src/logs/classify.js';
import { parseEvent } from '../../src/logs/parse.js';
import { failureKinds, type LogRecord, recordKinds } from '../../src/logs/record.js';

const kinds = new Set<string>(recordKinds);
const failures = new Set<string>(failureKinds);
const numericFields = [
  'durationMs',
  'billedDurationMs',
  'memorySizeMB',
  'maxMemoryUsedMB',
  'initDurationMs',
  'restoreDurationMs',
  'timeoutSeconds',
] as const;
const stringFields = ['requestId', 'version', 'status', 'errorType', 'level'] as const;

/** Everything that must hold for any record, whatever the input. */
function checkRecord(r: LogRecord): void {
  expect(kinds.has(r.kind)).toBe(true);
  expect(r.failure === null || failures.has(r.failure)).toBe(true);
  // A kind named after a failure is that failure; these kinds never carry one.
  if (failures.has(r.kind)) expect(r.failure).toBe(r.kind);
  if (r.kind === 'start' || r.kind === 'init_start' || r.kind === 'info' || r.kind === 'warning') {
    expect(r.failure).toBeNull();
  }
  for (const f of numericFields) {
    const v = r[f];
    if (v !== undefined) {
      expect(Number.isFinite(v), f).toBe(true);
      expect(v, f).toBeGreaterThanOrEqual(0);
    }
  }
  for (const f of stringFields) {
    const v = r[f];
    if (v !== undefined) {
      expect(typeof v).toBe('string');
      expect(v.length, f).toBeLessThanOrEqual(256);
      expect(v.length, f).toBeGreaterThan(0);
    }
  }
  if (r.errorMessage !== undefined) expect(r.errorMessage.length).toBeLessThanOrEqual(4000);
  expect((r.excerpt ?? '').length).toBeLessThanOrEqual(2000);
  expect(r.frames === undefined || r.frames.length <= 50).toBe(true);
  // What classify prints is plain JSON that survives a round trip.
  const out = toClassifyOutput(r);
  expect(JSON.parse(JSON.stringify(out))).toEqual(out);
}

function parseChecked(message: string, format?: 'Text' | 'JSON'): LogRecord {
  const r = parseEvent({ message }, format === undefined ? undefined : { format });
  checkRecord(r);
  return r;
}

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

const realMessages: string[] = readFileSync(new URL('../fixtures/logs/cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { message: string }).message);

/** Pieces of real lines: prefixes, separators, keys, numbers, JSON punctuation. */
const fragments = [
  'START RequestId: ',
  'END RequestId: ',
  'REPORT RequestId: ',
  'INIT_START Runtime Version: ',
  'INIT_REPORT Init Duration: ',
  'RESTORE_REPORT ',
  'RequestId: ',
  ' Error: ',
  'Runtime exited with error: signal: killed',
  'Runtime.ExitError',
  'Runtime.OutOfMemory',
  'Task timed out after ',
  ' seconds',
  'Duration: ',
  'Billed Duration: ',
  'Memory Size: ',
  'Max Memory Used: ',
  'Status: ',
  'timeout',
  'error',
  'Error Type: ',
  ' ms',
  ' MB',
  '\t',
  '  ',
  '\n',
  '\r',
  '\r\n',
  '3.00',
  '1e999',
  '-5',
  'NaN',
  '12.34.56',
  '8f5c3a1e-2b4d-4e6f-9a1b-3c5d7e9f1a2b',
  'undefined',
  '2024-03-05T10:11:12.345Z',
  '2024/03/05 10:11:12 ',
  '\tINFO\t',
  '\tERROR\t',
  '\tfail\t',
  'Invoke Error \t',
  'Uncaught Exception \t',
  '[ERROR] ',
  '[ERROR]\t',
  '[WARNING]\t',
  'Traceback (most recent call last):\n',
  '  File "/var/task/app.py", line 3, in h\n',
  '    at handler (/var/task/index.js:1:2)\n',
  '\tat com.x.Y.m(Y.java:1)\n',
  'ValueError: bad',
  'java.lang.OutOfMemoryError: Java heap space',
  'LAMBDA_WARNING: Unhandled exception.',
  '{',
  '}',
  '[',
  ']',
  '"',
  '\\',
  ':',
  ',',
  '"level":',
  '"log_level":',
  '"ERROR"',
  '"errorType":',
  '"errorMessage":',
  '"stackTrace":[',
  '"type":"platform.report"',
  '"record":{',
  '"metrics":{"durationMs":',
  '"@message":',
  'E, [2024-03-05T10:11:12.345678 #8] ERROR ',
  'DD_EXTENSION | ERROR | ',
  'panic: ',
  '\ud800',
  '\udfff',
  '\u0000',
  '\ufeff',
];

const fromFragments = fc
  .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: codeUnit, maxLength: 8 })), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

/** A real message with a random cut, insertion, deletion or duplication. */
const mutatedReal = fc
  .record({
    base: fc.constantFrom(...realMessages),
    at: fc.nat(),
    len: fc.nat({ max: 40 }),
    insert: fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: codeUnit, maxLength: 6 })),
    op: fc.constantFrom('cut', 'insert', 'delete', 'double', 'upper'),
  })
  .map(({ base, at, len, insert, op }) => {
    const i = base.length === 0 ? 0 : at % (base.length + 1);
    switch (op) {
      case 'cut':
        return base.slice(0, i);
      case 'insert':
        return base.slice(0, i) + insert + base.slice(i);
      case 'delete':
        return base.slice(0, i) + base.slice(i + len);
      case 'double':
        return base + base;
      default:
        return base.toUpperCase();
    }
  });

describe('parseEvent properties', () => {
  it('never throws and keeps its invariants on arbitrary UTF-16 (lone surrogates included)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: codeUnit, maxLength: 300 }),
        fc.constantFrom('Text', 'JSON', undefined),
        (s, f) => {
          parseChecked(s, f);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on strings built from fragments of real lines', () => {
    fc.assert(
      fc.property(fromFragments, (s) => {
        parseChecked(s);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on mutated real messages', () => {
    fc.assert(
      fc.property(mutatedReal, (s) => {
        parseChecked(s);
        parseChecked(s, 'JSON');
      }),
      { numRuns: 3000 },
    );
  });

  it('handles huge messages with bounded output', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...fragments, ...realMessages.slice(0, 40)),
          fc.string({ unit: codeUnit, maxLength: 20 }),
        ),
        fc.integer({ min: 200_000, max: 300_000 }),
        fc.constantFrom(
          '',
          'START RequestId: x Version: 1 ',
          '{"level":"ERROR","message":"',
          '[ERROR] ValueError: ',
        ),
        (piece, size, prefix) => {
          const body = piece === '' ? 'x' : piece;
          const s = prefix + body.repeat(Math.ceil(size / body.length)).slice(0, size);
          parseChecked(s);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(fromFragments, mutatedReal), (s) => {
        expect(parseEvent({ message: s })).toEqual(parseEvent({ message: s }));
      }),
      { numRuns: 500 },
    );
  });

  it('reads back every REPORT field, in any order, with tabs or runs of spaces', () => {
    const num = fc.double({ min: 0, max: 1_000_000, noNaN: true }).map((n) => Math.round(n * 100) / 100);
    const int = fc.integer({ min: 1, max: 10_240 });
    fc.assert(
      fc.property(
        fc.record({
          id: fc.constantFrom(
            '8f5c3a1e-2b4d-4e6f-9a1b-3c5d7e9f1a2b',
            'xyz',
            '123',
            '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
          ),
          duration: num,
          billed: int,
          size: int,
          used: int,
          init: fc.option(num, { nil: undefined }),
          status: fc.constantFrom(undefined, 'timeout', 'error'),
          sep: fc.constantFrom('\t', ' \t', '  ', '\t\t'),
          shuffle: fc.boolean(),
          tail: fc.constantFrom('', '\t', '\t\n', '\n'),
        }),
        (v) => {
          const fields = [
            `Duration: ${v.duration.toFixed(2)} ms`,
            `Billed Duration: ${v.billed} ms`,
            `Memory Size: ${v.size} MB`,
            `Max Memory Used: ${v.used} MB`,
          ];
          if (v.init !== undefined) fields.push(`Init Duration: ${v.init.toFixed(2)} ms`);
          if (v.status !== undefined) fields.push(`Status: ${v.status}`);
          if (v.shuffle) fields.reverse();
          const line = `REPORT RequestId: ${v.id}${v.sep}${fields.join(v.sep)}${v.tail}`;
          const r = parseChecked(line);
          expect(r.kind).toBe('report');
          expect(r.requestId).toBe(v.id);
          expect(r.durationMs).toBe(Number(v.duration.toFixed(2)));
          expect(r.billedDurationMs).toBe(v.billed);
          expect(r.memorySizeMB).toBe(v.size);
          expect(r.maxMemoryUsedMB).toBe(v.used);
          expect(r.initDurationMs).toBe(v.init === undefined ? undefined : Number(v.init.toFixed(2)));
          expect(r.status).toBe(v.status);
          expect(r.failure).toBe(
            v.status === 'timeout' ? 'timeout' : v.status === 'error' ? 'runtime_exit' : null,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

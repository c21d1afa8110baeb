import { describe, expect, it } from 'vitest';
import { InvocationJoiner, type JoinerOptions } from '../../src/logs/invocations.js';
import type { LogRecord } from '../../src/logs/record.js';

const opts: JoinerOptions = { reportGraceMs: 5_000, maxOpenMs: 900_000, initOrphanMs: 30_000 };
const T0 = Date.parse('2026-11-28T12:00:00Z');

const start = (requestId: string): LogRecord => ({
  kind: 'start',
  failure: null,
  requestId,
  version: '$LATEST',
});
const end = (requestId: string): LogRecord => ({ kind: 'end', failure: null, requestId });
const report = (requestId: string, extra: Partial<LogRecord> = {}): LogRecord => ({
  kind: 'report',
  failure: null,
  requestId,
  durationMs: 120,
  billedDurationMs: 121,
  memorySizeMB: 256,
  maxMemoryUsedMB: 80,
  ...extra,
});
const info = (text: string, requestId?: string): LogRecord => ({
  kind: 'info',
  failure: null,
  source: 'app',
  excerpt: text,
  ...(requestId ? { requestId } : {}),
});

function feed(j: InvocationJoiner, stream: string, records: LogRecord[], from = T0, step = 10) {
  records.forEach((r, i) => {
    j.push(stream, r, from + i * step);
  });
}

describe('InvocationJoiner', () => {
  it('joins START … REPORT into a successful invocation with its figures, after the grace period', () => {
    const j = new InvocationJoiner(opts);
    feed(j, 's1', [start('a'), info('hello', 'a'), end('a'), report('a', { initDurationMs: 250 })]);
    expect(j.flush(T0 + 1_000).completed).toEqual([]);
    const [inv] = j.flush(T0 + 10_000).completed;
    expect(inv).toMatchObject({
      requestId: 'a',
      outcome: 'success',
      durationMs: 120,
      memorySizeMB: 256,
      maxMemoryUsedMB: 80,
      coldStart: true,
      initDurationMs: 250,
      attempt: 1,
      retry: false,
      tail: ['hello'],
      occurrences: [],
    });
  });

  it('attributes lines without a request id (Python traceback) to the open invocation', () => {
    const j = new InvocationJoiner(opts);
    feed(j, 's1', [
      start('b'),
      {
        kind: 'uncaught_exception',
        failure: 'uncaught_exception',
        errorType: 'KeyError',
        errorMessage: "'id'",
      },
      end('b'),
      report('b', { status: 'error', errorType: 'KeyError', failure: 'uncaught_exception' }),
    ]);
    const [inv] = j.flush(T0 + 100).completed;
    expect(inv?.outcome).toBe('error');
    expect(inv?.occurrences).toHaveLength(1);
    expect(inv?.occurrences[0]).toMatchObject({
      kind: 'uncaught_exception',
      errorType: 'KeyError',
      requestId: 'b',
    });
  });

  it('turns `signal: killed` with memory at the size into an out-of-memory failure', () => {
    const j = new InvocationJoiner(opts);
    feed(j, 's1', [
      start('c'),
      end('c'),
      report('c', { maxMemoryUsedMB: 256 }),
      {
        kind: 'runtime_exit',
        failure: 'runtime_exit',
        requestId: 'c',
        errorType: 'Runtime.ExitError',
        errorMessage: 'Runtime exited with error: signal: killed',
      },
    ]);
    const [inv] = j.flush(T0 + 100).completed;
    expect(inv?.outcome).toBe('out_of_memory');
    expect(inv?.occurrences[0]?.kind).toBe('out_of_memory');
  });

  it('keeps `exit status 137` with little memory used as a runtime exit, not OOM', () => {
    const j = new InvocationJoiner(opts);
    feed(j, 's1', [
      start('d'),
      report('d', { maxMemoryUsedMB: 18 }),
      {
        kind: 'runtime_exit',
        failure: 'runtime_exit',
        requestId: 'd',
        errorType: 'Runtime.ExitError',
        errorMessage: 'Runtime exited with error: exit status 137',
      },
    ]);
    expect(j.flush(T0 + 100).completed[0]?.outcome).toBe('error');
  });

  it('catches the legacy timeout line that comes after REPORT, within the grace period', () => {
    const j = new InvocationJoiner(opts);
    feed(j, 's1', [
      start('e'),
      end('e'),
      report('e', { durationMs: 3001 }),
      { kind: 'timeout', failure: 'timeout', requestId: 'e', timeoutSeconds: 3 },
    ]);
    const [inv] = j.flush(T0 + 100).completed;
    expect(inv?.outcome).toBe('timeout');
    expect(inv?.occurrences[0]).toMatchObject({ kind: 'timeout', timeoutSeconds: 3 });
  });

  it('closes the previous invocation when the next START arrives in the stream', () => {
    const j = new InvocationJoiner(opts);
    feed(j, 's1', [start('f'), end('f'), report('f'), start('g')]);
    const { completed, states } = j.flush(T0 + 40);
    expect(completed.map((c) => c.requestId)).toEqual(['f']);
    expect(states.get('s1')?.current?.requestId).toBe('g');
  });

  it('marks the same request id starting again after a failure as a retry', () => {
    const j = new InvocationJoiner({ ...opts, priorAttempt: () => undefined });
    feed(j, 's1', [start('h'), report('h', { status: 'timeout', failure: 'timeout', durationMs: 3000 })]);
    feed(j, 's2', [start('h'), report('h')], T0 + 60_000);
    const { completed } = j.flush(T0 + 120_000);
    expect(completed.map((c) => [c.attempt, c.retry, c.outcome])).toEqual([
      [1, false, 'timeout'],
      [2, true, 'success'],
    ]);
  });

  it('uses earlier cycles to recognise a retry', () => {
    const j = new InvocationJoiner({
      ...opts,
      priorAttempt: (id) => (id === 'k' ? { attempt: 1, failed: true } : undefined),
    });
    feed(j, 's1', [start('k'), report('k')]);
    expect(j.flush(T0 + 10_000).completed[0]).toMatchObject({ attempt: 2, retry: true });
  });

  it('joins init-phase failures to the START that follows, as an init failure', () => {
    const j = new InvocationJoiner(opts);
    feed(j, 's1', [
      { kind: 'init_start', failure: null, phase: 'init' },
      {
        kind: 'init_error',
        failure: 'init_error',
        requestId: 'undefined',
        errorType: 'Runtime.ImportModuleError',
        errorMessage: "Cannot find module 'x'",
      },
      { kind: 'init_report', failure: 'init_error', phase: 'init', status: 'error', initDurationMs: 300 },
      start('m'),
      report('m', { status: 'error', errorType: 'Runtime.ImportModuleError', failure: 'runtime_exit' }),
    ]);
    const [inv] = j.flush(T0 + 100).completed;
    expect(inv?.outcome).toBe('init_failure');
    expect(inv?.coldStart).toBe(true);
    expect(inv?.occurrences).toHaveLength(1);
    expect(inv?.occurrences[0]).toMatchObject({ kind: 'init_error', errorType: 'Runtime.ImportModuleError' });
  });

  it('reports an init failure that never reached a START on its own, after a while', () => {
    const j = new InvocationJoiner(opts);
    feed(j, 's1', [
      { kind: 'init_start', failure: null, phase: 'init' },
      {
        kind: 'init_report',
        failure: 'init_error',
        phase: 'init',
        status: 'timeout',
        initDurationMs: 10_000,
      },
    ]);
    expect(j.flush(T0 + 1_000).completed).toEqual([]);
    const [inv] = j.flush(T0 + 60_000).completed;
    expect(inv?.outcome).toBe('init_failure');
    expect(inv?.requestId).toMatch(/^init:s1:/);
  });

  it('keeps distinct logged errors as extra occurrences, but not a logged-then-raised one', () => {
    const j = new InvocationJoiner(opts);
    const logged = (type: string, msg: string): LogRecord => ({
      kind: 'error_log',
      failure: 'error_log',
      requestId: 'n',
      errorType: type,
      errorMessage: msg,
    });
    feed(j, 's1', [
      start('n'),
      logged('ValueError', 'bad'),
      logged('ConnectionError', 'db down'),
      logged('ConnectionError', 'db down'),
      {
        kind: 'uncaught_exception',
        failure: 'uncaught_exception',
        errorType: 'ValueError',
        errorMessage: 'bad',
      },
      report('n', { status: 'error', errorType: 'ValueError', failure: 'uncaught_exception' }),
    ]);
    const [inv] = j.flush(T0 + 100).completed;
    expect(inv?.occurrences.map((o) => [o.kind, o.errorType])).toEqual([
      ['uncaught_exception', 'ValueError'],
      ['error_log', 'ConnectionError'],
    ]);
  });

  it('reports a failure line for a request no longer open as a stray', () => {
    const j = new InvocationJoiner(opts);
    feed(j, 's1', [start('p'), { kind: 'timeout', failure: 'timeout', requestId: 'old', timeoutSeconds: 3 }]);
    const { strays } = j.flush(T0 + 100);
    expect(strays).toHaveLength(1);
    expect(strays[0]).toMatchObject({ requestId: 'old', kind: 'timeout', logStream: 's1' });
  });

  it('carries an open invocation across cycles through its saved state', () => {
    const first = new InvocationJoiner(opts);
    feed(first, 's1', [start('q'), info('working', 'q')]);
    const saved = first.flush(T0 + 100).states.get('s1')!;
    const second = new InvocationJoiner(opts);
    second.load('s1', JSON.parse(JSON.stringify(saved)));
    feed(
      second,
      's1',
      [end('q'), report('q', { status: 'timeout', failure: 'timeout', durationMs: 3000 })],
      T0 + 3000,
    );
    const [inv] = second.flush(T0 + 3100).completed;
    expect(inv).toMatchObject({ requestId: 'q', outcome: 'timeout', tail: ['working'] });
  });

  it('gives up on an invocation with no REPORT after maxOpenMs, as unknown', () => {
    const j = new InvocationJoiner(opts);
    feed(j, 's1', [start('r')]);
    expect(j.flush(T0 + 60_000).completed).toEqual([]);
    expect(j.flush(T0 + 1_000_000).completed[0]?.outcome).toBe('unknown');
  });
});

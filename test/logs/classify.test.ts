import { readFileSync } from 'node:fs';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classifyStream, toClassifyOutput } from '../../src/logs/classify.js';
import { parseEvent } from '../../src/logs/parse.js';
import { failureKinds, publicFields } from '../../src/logs/record.js';

const RID = '8f5c3a1e-2b4d-4e6f-9a1b-3c5d7e9f1a2b';

/** Runs classifyStream over `chunks` (strings or bytes) and returns the parsed output objects. */
async function classify(
  chunks: (string | Uint8Array)[],
  options: { events: boolean; format?: 'Text' | 'JSON' },
): Promise<{ out: Record<string, unknown>[]; raw: string; result: { events: number; invalid: number } }> {
  const input = Readable.from(
    chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c))),
  );
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (b: Buffer) => parts.push(b));
  const result = await classifyStream(input, sink, options);
  const raw = Buffer.concat(parts).toString('utf8');
  const out = raw
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { out, raw, result };
}

const allowedKeys = ['kind', 'failure', ...publicFields];

/** Keys are kind, failure, then public fields in contract order; nothing else. */
function expectContractShape(o: Record<string, unknown>): void {
  const keys = Object.keys(o);
  expect(keys.slice(0, 2)).toEqual(['kind', 'failure']);
  const positions = keys.map((k) => allowedKeys.indexOf(k));
  expect(
    positions.every((p) => p >= 0),
    `unexpected key in ${keys.join(',')}`,
  ).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

describe('toClassifyOutput', () => {
  it('keeps kind, failure and the public fields present, in contract order, and drops internal fields', () => {
    const record = parseEvent({
      message: `[ERROR]\t2024-03-05T10:11:12.345Z\t${RID}\tFailed\nTraceback (most recent call last):\n  File "/var/task/app.py", line 3, in h\n    x()\nValueError: bad`,
      timestamp: 1,
    });
    expect(record.frames?.length).toBe(1);
    expect(record.excerpt).toBeDefined();
    const out = toClassifyOutput(record);
    expect(Object.keys(out)).toEqual(['kind', 'failure', 'requestId', 'errorType', 'errorMessage', 'level']);
    expect(out).toEqual({
      kind: 'error_log',
      failure: 'error_log',
      requestId: RID,
      errorType: 'ValueError',
      errorMessage: 'bad',
      level: 'ERROR',
    });
  });

  it('orders REPORT fields as the contract lists them, whatever the line order', () => {
    const out = toClassifyOutput(
      parseEvent({
        message: `REPORT RequestId: ${RID}\tInit Duration: 0.21 ms\tDuration: 5.22 ms\tBilled Duration: 6 ms\tMemory Size: 3008 MB\tMax Memory Used: 3008 MB\tStatus: error\tError Type: Runtime.ExitError`,
      }),
    );
    expect(Object.keys(out)).toEqual([
      'kind',
      'failure',
      'requestId',
      'durationMs',
      'billedDurationMs',
      'memorySizeMB',
      'maxMemoryUsedMB',
      'initDurationMs',
      'status',
      'errorType',
    ]);
    expect(out['failure']).toBe('runtime_exit');
  });
});

describe('classifyStream, one message per line', () => {
  it('writes one object per non-empty line, in order, from CRLF input', async () => {
    const input = [
      `START RequestId: ${RID} Version: $LATEST\r\n`,
      '\n',
      `2024-03-05T10:11:12.345Z\t${RID}\tINFO\tProcessing order 42\r\n`,
      '   \n',
      `END RequestId: ${RID}\r\n`,
      `REPORT RequestId: ${RID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\tStatus: timeout\r\n`,
    ];
    const { out, result } = await classify(input, { events: false });
    expect(result).toEqual({ events: 4, invalid: 0 });
    expect(out.map((o) => o['kind'])).toEqual(['start', 'info', 'end', 'report']);
    expect(out[0]).toEqual({ kind: 'start', failure: null, requestId: RID, version: '$LATEST' });
    expect(out[2]).toEqual({ kind: 'end', failure: null, requestId: RID });
    expect(out[3]).toMatchObject({ failure: 'timeout', status: 'timeout', durationMs: 3000 });
    for (const o of out) expectContractShape(o);
  });

  it('reads the last line without a trailing newline and lines split across chunks', async () => {
    const line = `2024-03-05T10:11:12.345Z\t${RID}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x is undefined","stack":[]}`;
    const { out } = await classify(
      [line.slice(0, 30), line.slice(30, 61), line.slice(61), '\nTask timed out after 3.00 seconds'],
      {
        events: false,
      },
    );
    expect(out).toEqual([
      {
        kind: 'uncaught_exception',
        failure: 'uncaught_exception',
        requestId: RID,
        errorType: 'TypeError',
        errorMessage: 'x is undefined',
        level: 'ERROR',
      },
      { kind: 'timeout', failure: 'timeout', timeoutSeconds: 3 },
    ]);
  });

  it('decodes bytes that are not UTF-8 as U+FFFD, and multi-byte characters split across chunks', async () => {
    const euro = Buffer.from('€', 'utf8'); // 3 bytes
    const chunks = [
      Buffer.concat([Buffer.from('[ERROR] ValueError: price '), euro.subarray(0, 1)]),
      Buffer.concat([euro.subarray(1), Buffer.from(' is bad\n')]),
      Buffer.from([0xff, 0xfe, 0x41, 0xc3, 0x28, 0x0a]),
      Buffer.from(`END RequestId: ${RID}\n`),
    ];
    const { out, result } = await classify(chunks, { events: false });
    expect(result.events).toBe(3);
    expect(out[0]).toMatchObject({
      kind: 'uncaught_exception',
      errorType: 'ValueError',
      errorMessage: 'price € is bad',
    });
    expect(out[1]).toEqual({ kind: 'info', failure: null });
    expect(out[2]).toEqual({ kind: 'end', failure: null, requestId: RID });
  });

  it('drops a byte-order mark at the start of the input', async () => {
    const { out } = await classify(['\ufeffSTART RequestId: abc Version: 3\n'], { events: false });
    expect(out).toEqual([{ kind: 'start', failure: null, requestId: 'abc', version: '3' }]);
  });

  it('reads a stream that yields strings', async () => {
    const input = new PassThrough();
    input.setEncoding('utf8');
    const sink = new PassThrough();
    let text = '';
    sink.on('data', (b: Buffer | string) => {
      text += b.toString();
    });
    input.end(`END RequestId: ${RID}\nLAMBDA_WARNING: Unhandled exception.\n`);
    const result = await classifyStream(input, sink, { events: false });
    expect(result).toEqual({ events: 2, invalid: 0 });
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).kind),
    ).toEqual(['end', 'warning']);
  });

  it('waits for a slow output to drain and loses nothing', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `START RequestId: id-${i} Version: $LATEST\n`);
    const received: string[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        received.push(chunk.toString('utf8'));
        setImmediate(cb);
      },
    });
    const result = await classifyStream(Readable.from(lines), slow, { events: false });
    expect(result.events).toBe(3000);
    const ids = received
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).requestId);
    expect(ids).toEqual(lines.map((_, i) => `id-${i}`));
  });
});

describe('classifyStream --events', () => {
  it('classifies a multi-line message as one event', async () => {
    const event = {
      timestamp: 1_795_867_200_000,
      logStreamName: '2026/11/28/[$LATEST]0a1b2c3d',
      message: `[ERROR]\t2026-11-28T12:00:00.200Z\t${RID}\tFailed to process record\nTraceback (most recent call last):\n  File "/var/task/app.py", line 9, in process\n    raise ValueError("bad record")\nValueError: bad record\n`,
    };
    const { out, result } = await classify([`${JSON.stringify(event)}\n`], { events: true });
    expect(result).toEqual({ events: 1, invalid: 0 });
    expect(out).toEqual([
      {
        kind: 'error_log',
        failure: 'error_log',
        requestId: RID,
        errorType: 'ValueError',
        errorMessage: 'bad record',
        level: 'ERROR',
      },
    ]);
  });

  it('puts an error object with the line number in place of a bad line and carries on', async () => {
    const input = [
      `${JSON.stringify({ message: `START RequestId: ${RID} Version: $LATEST` })}\n`,
      '{"message": "END RequestId: broken\n',
      '\n',
      `${JSON.stringify({ msg: 'no message field' })}\n`,
      `${JSON.stringify({ message: 'Task timed out after 3.00 seconds', timestamp: 'yesterday' })}\n`,
      '[1, 2, 3]\n',
      `${JSON.stringify({ message: `END RequestId: ${RID}`, timestamp: 5, eventId: 'e1', extra: true })}\n`,
    ];
    const { out, result } = await classify(input, { events: true });
    expect(result).toEqual({ events: 2, invalid: 4 });
    expect(out.map((o) => o['line'] ?? o['kind'])).toEqual(['start', 2, 4, 5, 6, 'end']);
    for (const o of out.filter((x) => 'error' in x)) {
      expect(Object.keys(o)).toEqual(['error', 'line']);
      expect(o['error']).toMatch(new RegExp(`^Line ${o['line']} `));
    }
    expect(out[1]!['error']).toContain('not valid JSON');
    expect(out[2]!['error']).toContain('"message"');
    expect(out[3]!['error']).toContain('timestamp');
    expect(out[5]).toEqual({ kind: 'end', failure: null, requestId: RID });
  });

  it('keeps U+FFFD for bytes that are not UTF-8 inside an event', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"message":"[ERROR] ValueError: caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}\n'),
    ]);
    const { out, result } = await classify([bytes], { events: true });
    expect(result).toEqual({ events: 1, invalid: 0 });
    expect(out[0]).toMatchObject({ kind: 'uncaught_exception', errorMessage: 'caf\ufffd' });
  });

  it('reports a line longer than any event instead of holding it', async () => {
    const huge = `{"message":"${'x'.repeat(9 * 1024 * 1024)}"}\n`;
    const { out, result } = await classify([huge, `${JSON.stringify({ message: 'END RequestId: a' })}\n`], {
      events: true,
    });
    expect(result).toEqual({ events: 1, invalid: 1 });
    expect(out[0]).toEqual({ error: expect.stringMatching(/^Line 1 is longer than/), line: 1 });
    expect(out[1]).toEqual({ kind: 'end', failure: null, requestId: 'a' });
  });
});

describe('the CLI sample fixtures', () => {
  const sample = readFileSync(new URL('../fixtures/logs/classify-sample.txt', import.meta.url), 'utf8');
  const events = readFileSync(
    new URL('../fixtures/logs/classify-sample.events.jsonl', import.meta.url),
    'utf8',
  );

  it('classify-sample.txt: one object per non-empty line, every failure kind present', async () => {
    const nonEmpty = sample.split('\n').filter((l) => l.trim() !== '').length;
    const { out, result } = await classify([sample], { events: false });
    expect(result).toEqual({ events: nonEmpty, invalid: 0 });
    const failures = new Set(out.map((o) => o['failure']));
    for (const f of failureKinds) expect(failures.has(f), f).toBe(true);
    for (const o of out) expectContractShape(o);
  });

  it('classify-sample.events.jsonl: one object per event, multi-line messages read whole', async () => {
    const lines = events.split('\n').filter((l) => l.trim() !== '');
    const { out, result } = await classify([events], { events: true });
    expect(result).toEqual({ events: lines.length, invalid: 0 });
    expect(lines.some((l) => (JSON.parse(l) as { message: string }).message.trimEnd().includes('\n'))).toBe(
      true,
    );
    for (const o of out) expectContractShape(o);
    // The Python traceback, the pretty Node error, the Java trace and the .NET exception are single failures.
    expect(out.filter((o) => o['failure'] === 'error_log').map((o) => o['errorType'])).toEqual([
      'ValueError',
    ]);
    expect(out.filter((o) => o['failure'] === 'uncaught_exception').map((o) => o['errorType'])).toEqual([
      'KeyError',
      'Error',
      'java.lang.IllegalStateException',
      'System.InvalidOperationException',
      'Function<NoMethodError>',
      'panic',
      'ZeroDivisionError',
    ]);
  });
});

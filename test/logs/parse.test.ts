import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { framesFromArray, framesFromText } from '../../src/logs/frames.js';
import { parseEvent } from '../../src/logs/parse.js';
import { failureKinds, type LogEvent, type LogRecord, recordKinds } from '../../src/logs/record.js';

/**
 * test/fixtures/logs/cases.jsonl: one real-shaped event per line, written from
 * /work/shared/reference/lambda-log-formats.md. `format` is the format the event is written in (and the
 * record's `format`); `hint` is the log group's configured format when it matters; `expect` holds the
 * kind, failure and the fields that must be equal, plus two frame checks (`inAppFile`: file of the first
 * in-app frame, `frameCount`: at least this many frames); `absent` lists fields that must be missing.
 */
const Case = z.object({
  id: z.string(),
  runtime: z.string(),
  format: z.enum(['Text', 'JSON']),
  message: z.string(),
  hint: z.enum(['Text', 'JSON']).optional(),
  expect: z
    .object({
      kind: z.enum(recordKinds),
      failure: z.enum(failureKinds).nullable(),
      inAppFile: z.string().optional(),
      frameCount: z.number().int().optional(),
    })
    .catchall(z.unknown()),
  absent: z.array(z.string()).optional(),
});
type Case = z.infer<typeof Case>;

const cases: Case[] = readFileSync(new URL('../fixtures/logs/cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => Case.parse(JSON.parse(line)));

const EVENT_TIME = 1_709_633_472_345;

function run(c: Case): LogRecord {
  return parseEvent(
    { message: c.message, timestamp: EVENT_TIME },
    c.hint === undefined ? undefined : { format: c.hint },
  );
}

describe('parseEvent on the fixture table', () => {
  it('has well over 100 cases with unique ids', () => {
    expect(cases.length).toBeGreaterThan(200);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('covers every kind and every failure', () => {
    const kinds = new Set(cases.map((c) => c.expect.kind));
    const failures = new Set(cases.map((c) => c.expect.failure));
    expect([...recordKinds].filter((k) => !kinds.has(k))).toEqual([]);
    expect([...failureKinds].filter((f) => !failures.has(f))).toEqual([]);
    expect(failures.has(null)).toBe(true);
  });

  it('covers every runtime in the text format and in the JSON format', () => {
    const runtimes = ['nodejs', 'python', 'java', 'go', 'dotnet', 'ruby', 'custom', 'platform', 'extension'];
    for (const runtime of runtimes) {
      for (const format of ['Text', 'JSON'] as const) {
        expect(
          cases.some((c) => c.runtime === runtime && c.format === format),
          `${runtime} ${format}`,
        ).toBe(true);
      }
    }
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = run(c);
    const { inAppFile, frameCount, ...fields } = c.expect;
    expect({ kind: r.kind, failure: r.failure }).toEqual({ kind: fields.kind, failure: fields.failure });
    expect(r.format).toBe(c.format);
    for (const [key, value] of Object.entries(fields)) {
      expect(r[key as keyof LogRecord], key).toEqual(value);
    }
    for (const key of c.absent ?? []) expect(r[key as keyof LogRecord], key).toBeUndefined();
    if (inAppFile !== undefined) expect(r.frames?.find((f) => f.inApp)?.file).toBe(inAppFile);
    if (frameCount !== undefined) expect(r.frames?.length ?? 0).toBeGreaterThanOrEqual(frameCount);
    expect(r.timestamp).toBe(EVENT_TIME);
    expect(r.excerpt?.length ?? 0).toBeLessThanOrEqual(2000);
  });
});

const RID = '8f5c3a1e-2b4d-4e6f-9a1b-3c5d7e9f1a2b';

describe('bounded work and output on long messages', () => {
  it('cuts errorMessage to 4 000 and excerpt to 2 000 characters', () => {
    const r = parseEvent({ message: `[ERROR] ValueError: ${'x'.repeat(262_144)}` });
    expect(r.kind).toBe('uncaught_exception');
    expect(r.errorType).toBe('ValueError');
    expect(r.errorMessage).toHaveLength(4000);
    expect(r.excerpt).toHaveLength(2000);
  });

  it('reads a 256 KB JSON error record and cuts its message', () => {
    const message = JSON.stringify({
      timestamp: '2024-03-05T10:11:12Z',
      log_level: 'ERROR',
      errorType: 'ValueError',
      errorMessage: 'y'.repeat(300_000),
      requestId: RID,
    });
    const r = parseEvent({ message });
    expect(r).toMatchObject({
      kind: 'uncaught_exception',
      errorType: 'ValueError',
      requestId: RID,
      format: 'JSON',
    });
    expect(r.errorMessage).toHaveLength(4000);
  });

  it('reads the head of a JSON record that CloudWatch cut at 256 KB', () => {
    const full = JSON.stringify({
      timestamp: '2024-03-05T10:11:12Z',
      level: 'ERROR',
      requestId: RID,
      errorType: 'Error',
      message: 'z'.repeat(300_000),
    });
    const r = parseEvent({ message: full.slice(0, 262_144) });
    expect(r).toMatchObject({
      kind: 'error_log',
      failure: 'error_log',
      requestId: RID,
      level: 'ERROR',
      errorType: 'Error',
      format: 'JSON',
    });
  });

  it('does not split a surrogate pair when it cuts', () => {
    const r = parseEvent({ message: `[ERROR] ValueError: ${'a'.repeat(3999)}\u{1F600}tail` });
    const em = r.errorMessage ?? '';
    expect(em.length).toBeLessThanOrEqual(4000);
    const last = em.charCodeAt(em.length - 1);
    expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
  });

  it('stays fast on hostile 256 KB lines (no regex backtracking)', () => {
    const n = 262_144;
    const hostile = [
      'a'.repeat(n),
      '\t'.repeat(n),
      ' '.repeat(n) + 'x',
      `2024-01-01${' '.repeat(n)}`,
      `2024-01-01T00:00:00Z\t${'i'.repeat(n)}`,
      `2024/01/01 00:00:00 ${'{'.repeat(n)}`,
      `[ERROR] ${'a.'.repeat(n / 2)}`,
      `[ERROR]\t2024-01-01${'1'.repeat(n)}`,
      `REPORT RequestId: x${' Duration: 1'.repeat(n / 12)}`,
      `START RequestId: ${'x'.repeat(n)}`,
      `at ${'a('.repeat(n / 2)}`,
      `Error: x\n${'    at f (/var/task/a.js:1:1)\n'.repeat(n / 32)}`,
      `Traceback (most recent call last):\n${'  File "/a.py", line 1, in f\n'.repeat(n / 32)}`,
      `{"level":"ERROR","message":"${'\\"'.repeat(n / 2)}`,
      `${'x: '.repeat(n / 3)}java.lang.Error`,
      `E, [${'['.repeat(n)}`,
      `Task timed out after ${'9'.repeat(n)}`,
      `${'END RequestId: x'.repeat(n / 16)}`,
      `${'\r{'.repeat(n / 2)}`,
    ];
    const t0 = performance.now();
    for (const message of hostile) {
      const r = parseEvent({ message });
      expect(recordKinds).toContain(r.kind);
    }
    // Linear work is a few ms per line; a backtracking regex would take seconds or hang.
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('inputs and options', () => {
  it('never throws on events that are not what the type says', () => {
    const throwing = {
      get message(): string {
        throw new Error('boom');
      },
    };
    for (const e of [
      null,
      undefined,
      {},
      { message: 5 },
      { message: null },
      throwing,
      { message: 'x', timestamp: Number.NaN },
    ]) {
      const r = parseEvent(e as unknown as LogEvent);
      expect(r.kind).toBe('info');
      expect(r.failure).toBeNull();
      expect(r.timestamp).toBeUndefined();
    }
  });

  it('copies the event timestamp', () => {
    expect(parseEvent({ message: 'hello', timestamp: 42 }).timestamp).toBe(42);
  });

  it('reads JSON lines in Text groups and text lines in JSON groups; the hint only decides broken JSON', () => {
    const json = JSON.stringify({ timestamp: 't', level: 'ERROR', requestId: RID, message: 'boom' });
    expect(parseEvent({ message: json }, { format: 'Text' })).toMatchObject({
      kind: 'error_log',
      format: 'JSON',
    });
    const text = `RequestId: ${RID} Error: Runtime exited with error: exit status 1\nRuntime.ExitError`;
    expect(parseEvent({ message: text }, { format: 'JSON' })).toMatchObject({
      kind: 'runtime_exit',
      format: 'Text',
    });
    expect(parseEvent({ message: '{ not json' }, { format: 'JSON' }).format).toBe('JSON');
    expect(parseEvent({ message: '{ not json' }, { format: 'Text' }).format).toBe('Text');
  });

  it('keeps the error word in a DEBUG line from making it a failure', () => {
    for (const level of ['DEBUG', 'TRACE', 'INFO']) {
      const r = parseEvent({
        message: `2024-03-05T10:11:12.345Z\t${RID}\t${level}\tError: could not list environment variable`,
      });
      expect(r.failure).toBeNull();
    }
  });
});

describe('stack frames', () => {
  it.each([
    ['at handler (/var/task/index.js:3:9)', true, '/var/task/index.js', 'handler'],
    ['at Runtime.handler (file:///var/task/index.mjs:5:11)', true, '/var/task/index.mjs', 'Runtime.handler'],
    ['at /var/task/src/app.js:10:2', true, '/var/task/src/app.js', undefined],
    [
      'at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
      false,
      '/var/runtime/index.mjs',
      undefined,
    ],
    ['at Object.get (/var/task/node_modules/axios/lib/core/Axios.js:45:12)', false, undefined, undefined],
    [
      'at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      false,
      undefined,
      undefined,
    ],
    ['at new Promise (<anonymous>)', false, undefined, undefined],
    ['at async Promise.all (index 0)', false, undefined, undefined],
    ['at layer (/opt/nodejs/node_modules/shared/index.js:2:3)', false, undefined, undefined],
    ['File "/var/task/app.py", line 3, in handler', true, '/var/task/app.py', 'handler'],
    [
      'File "/var/lang/lib/python3.12/site-packages/botocore/client.py", line 553, in _api_call',
      false,
      undefined,
      undefined,
    ],
    [
      'File "/opt/python/lib/python3.12/site-packages/requests/api.py", line 59, in request',
      false,
      undefined,
      undefined,
    ],
    ['File "/var/runtime/bootstrap.py", line 60, in main', false, undefined, undefined],
    [
      'at com.example.Handler.handleRequest(Handler.java:42)',
      true,
      'Handler.java',
      'com.example.Handler.handleRequest',
    ],
    ['at java.base/java.lang.Thread.run(Thread.java:829)', false, 'Thread.java', 'java.lang.Thread.run'],
    ['at software.amazon.awssdk.core.internal.Http.execute(Http.java:10)', false, undefined, undefined],
    [
      'at com.amazonaws.services.lambda.runtime.api.client.AWSLambda.main(AWSLambda.java:1)',
      false,
      undefined,
      undefined,
    ],
    ['at sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)', false, undefined, undefined],
    [
      'at Ledger.Function.Handler(Entry input, ILambdaContext context) in /src/Function.cs:line 20',
      true,
      '/src/Function.cs',
      'Ledger.Function.Handler',
    ],
    ['at System.Threading.Tasks.Task.Wait()', false, undefined, 'System.Threading.Tasks.Task.Wait'],
    ['at Amazon.Lambda.RuntimeSupport.Bootstrap.InvokeOnceAsync()', false, undefined, undefined],
    ["/var/task/app.rb:12:in `handler'", true, '/var/task/app.rb', 'handler'],
    [
      "/var/task/vendor/bundle/ruby/3.3.0/gems/httparty-0.21.0/lib/httparty.rb:1:in 'get'",
      false,
      undefined,
      undefined,
    ],
    ["/var/runtime/lib/aws_lambda_ric.rb:3:in 'run'", false, undefined, undefined],
    ['#1      handler (file:///var/task/main.dart:12:20)', true, '/var/task/main.dart', 'handler'],
    ['#0      Object.noSuchMethod (dart:core-patch/object_patch.dart:51:5)', false, undefined, undefined],
  ] as const)('%s', (line, inApp, file, fn) => {
    const [f] = framesFromText(line);
    expect(f?.inApp).toBe(inApp);
    if (file !== undefined) expect(f?.file).toBe(file);
    if (fn !== undefined) expect(f?.fn).toBe(fn);
    expect(f?.raw).toBe(line);
  });

  it('reads Go traces (function line, then file line)', () => {
    const frames = framesFromText(
      'goroutine 1 [running]:\nmain.handler(...)\n\t/var/task/main.go:20 +0x1d\nruntime/debug.Stack()\n\t/usr/local/go/src/runtime/debug/stack.go:24 +0x5e',
    );
    expect(frames.map((f) => [f.fn, f.file, f.inApp])).toEqual([
      ['main.handler', '/var/task/main.go', true],
      ['runtime/debug.Stack', '/usr/local/go/src/runtime/debug/stack.go', false],
    ]);
  });

  it('reads stack arrays of Node, Java and aws-lambda-go, skipping the header line', () => {
    expect(framesFromArray(['TypeError: x', '    at h (/var/task/i.js:1:1)']).map((f) => f.file)).toEqual([
      '/var/task/i.js',
    ]);
    expect(
      framesFromArray(['com.example.H.handle(H.java:3)', 'java.lang.Thread.run(Thread.java:1)']).map(
        (f) => f.inApp,
      ),
    ).toEqual([true, false]);
    expect(
      framesFromArray([
        {
          path: 'github.com/aws/aws-lambda-go@v1.47.0/lambda/errors.go',
          line: 39,
          label: 'lambdaPanicResponse',
        },
        { path: 'main.go', line: 20, label: 'handler' },
      ]).map((f) => f.inApp),
    ).toEqual([false, true]);
  });

  it('keeps at most 50 frames', () => {
    expect(framesFromText('    at f (/var/task/a.js:1:1)\n'.repeat(500))).toHaveLength(50);
  });
});

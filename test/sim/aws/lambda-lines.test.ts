import { describe, expect, it } from 'vitest';
import {
  deriveInvocations,
  type InvocationSpec,
  logStreamName,
  type RenderedEvent,
  renderInvocation,
  renderOutcome,
  renderRetriedInvocation,
  scenarioOutcomes,
  simLogFormats,
  simRuntimes,
} from '../../../sim/aws/index.js';

const RID = '8f5a3c2e-1b4d-4e6f-9a7b-0c1d2e3f4a5b';
const T0 = Date.parse('2026-11-28T12:00:00.000Z');

function base(overrides: Partial<InvocationSpec> = {}): InvocationSpec {
  return {
    runtime: 'nodejs20.x',
    format: 'Text',
    functionName: 'orders-api',
    memorySizeMB: 256,
    timeoutSec: 3,
    requestId: RID,
    start: T0,
    durationMs: 12.34,
    ...overrides,
  };
}

const messages = (events: RenderedEvent[]) => events.map((e) => e.message);
const find = (events: RenderedEvent[], re: RegExp) => events.find((e) => re.test(e.message))?.message;

describe('every runtime × format × outcome renders', () => {
  const combos = simRuntimes.flatMap((runtime) =>
    simLogFormats.flatMap((format) => scenarioOutcomes.map((outcome) => ({ runtime, format, outcome }))),
  );
  it.each(combos)('$runtime $format $outcome', ({ runtime, format, outcome }) => {
    const events = renderOutcome(outcome, base({ runtime, format }));
    expect(events.length).toBeGreaterThanOrEqual(3);
    for (const e of events) {
      expect(typeof e.message).toBe('string');
      expect(e.message.length).toBeGreaterThan(0);
      expect(Number.isInteger(e.timestamp)).toBe(true);
    }
    const ts = events.map((e) => e.timestamp);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    // Every platform record in a JSON group is a well-formed envelope.
    for (const m of messages(events)) {
      if (m.startsWith('{"time"')) {
        const rec = JSON.parse(m);
        expect(rec.type).toMatch(/^platform\.\w+$/);
        expect(rec.record).toBeTypeOf('object');
      }
    }
    if (format === 'Text') {
      expect(messages(events).some((m) => m.startsWith('{"time"'))).toBe(false);
      expect(find(events, /^START RequestId: /)).toBe(`START RequestId: ${RID} Version: $LATEST`);
      expect(find(events, /^END RequestId: /)).toBe(`END RequestId: ${RID}`);
    } else {
      expect(messages(events).some((m) => m.startsWith('START '))).toBe(false);
    }
    // The sim's own metric derivation reads the rendering back consistently.
    const derived = deriveInvocations(events.map((e) => ({ ...e, logStreamName: 's' })));
    const failing = !['success', 'cold_start', 'logged_error'].includes(outcome);
    if (outcome === 'retry') {
      expect(derived.map((d) => [d.requestId, d.failed])).toEqual([
        [RID, true],
        [RID, false],
      ]);
    } else {
      expect(derived.map((d) => [d.requestId, d.failed])).toEqual([[RID, failing]]);
    }
  });

  it('is a pure function of its spec', () => {
    for (const runtime of simRuntimes) {
      expect(renderOutcome('cold_start', base({ runtime }))).toEqual(
        renderOutcome('cold_start', base({ runtime })),
      );
    }
  });
});

describe('platform lines (text)', () => {
  it('writes REPORT with tabs and 1 ms billing for a warm start', () => {
    const events = renderInvocation(base());
    expect(find(events, /^REPORT/)).toBe(
      `REPORT RequestId: ${RID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\t`,
    );
  });

  it('bills the init phase on a cold start (2025+) and writes INIT_START first', () => {
    const events = renderInvocation(base({ coldStart: { initDurationMs: 130.49 }, durationMs: 15.74 }));
    expect(events[0]?.message).toMatch(
      /^INIT_START Runtime Version: nodejs:20\.v\d+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/,
    );
    expect(events[0]?.timestamp).toBeLessThan(T0 - 130);
    expect(find(events, /^REPORT/)).toContain('\tDuration: 15.74 ms\tBilled Duration: 147 ms\t');
    expect(find(events, /^REPORT/)).toMatch(/\tInit Duration: 130\.49 ms\t$/);
  });

  it('writes the current timeout shape: Status: timeout and Duration = the timeout', () => {
    const events = renderInvocation(base({ outcome: 'timeout' }));
    expect(find(events, /^REPORT/)).toBe(
      `REPORT RequestId: ${RID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\tStatus: timeout`,
    );
    expect(find(events, /Task timed out/)).toBeUndefined();
  });

  it('writes the legacy timeout line before END with billing capped at the timeout', () => {
    const events = renderInvocation(base({ outcome: 'timeout', timeoutStyle: 'legacy' }));
    const all = messages(events);
    const line = find(events, /Task timed out/) as string;
    expect(line).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${RID} Task timed out after 3\\.03 seconds\\n\\n$`),
    );
    expect(all.indexOf(line)).toBeLessThan(all.findIndex((m) => m.startsWith('END')));
    expect(find(events, /^REPORT/)).toContain('\tDuration: 3025.37 ms\tBilled Duration: 3000 ms\t');
  });

  it('writes the classic OOM kill and the newer Runtime.OutOfMemory status', () => {
    const classic = renderInvocation(base({ outcome: 'out_of_memory' }));
    expect(find(classic, /^REPORT/)).toContain('\tMemory Size: 256 MB\tMax Memory Used: 256 MB\t');
    expect(classic[classic.length - 1]?.message).toBe(
      `RequestId: ${RID} Error: Runtime exited with error: signal: killed\nRuntime.ExitError`,
    );
    const modern = renderInvocation(base({ outcome: 'out_of_memory', oomStyle: 'status' }));
    expect(find(modern, /^REPORT/)).toMatch(
      /Max Memory Used: 256 MB\tStatus: error\tError Type: Runtime\.OutOfMemory$/,
    );
  });

  it('writes an init failure in both phases and a failed REPORT', () => {
    const events = renderInvocation(base({ outcome: 'init_failure' }));
    const initReports = messages(events).filter((m) => m.startsWith('INIT_REPORT'));
    expect(initReports).toHaveLength(2);
    expect(initReports[0]).toMatch(
      /^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime\.ImportModuleError$/,
    );
    expect(initReports[1]).toContain('\tPhase: invoke\t');
    expect(find(events, /\tundefined\tERROR\tUncaught Exception \t/)).toBeDefined();
    expect(find(events, /^REPORT/)).toMatch(/\tStatus: error\tError Type: Runtime\.ImportModuleError$/);
  });
});

describe('runtime error shapes', () => {
  it('Node: Invoke Error with a space before the tab and a JSON stack', () => {
    const line = find(renderInvocation(base({ outcome: 'uncaught_exception' })), /Invoke Error/) as string;
    const [prefix, json] = line.split('\tInvoke Error \t');
    expect(prefix).toBe(`2026-11-28T12:00:00.011Z\t${RID}\tERROR`);
    const doc = JSON.parse(json as string);
    expect(doc.errorType).toBe('TypeError');
    expect(doc.stack[0]).toBe(`TypeError: ${doc.errorMessage}`);
    expect(doc.stack.some((f: string) => f.includes('/var/task/'))).toBe(true);
    expect(doc.stack.some((f: string) => f.includes('file:///var/runtime/index.mjs'))).toBe(true);
  });

  it('Python: the warning, then [ERROR] Type: message and a traceback with app and runtime frames', () => {
    const events = renderInvocation(base({ runtime: 'python3.12', outcome: 'uncaught_exception' }));
    const warnAt = messages(events).findIndex((m) => m.includes('LAMBDA_WARNING: Unhandled exception.'));
    const error = messages(events)[warnAt + 1] as string;
    expect(error).toMatch(
      /^\[ERROR\] KeyError: 'order_id'\nTraceback \(most recent call last\):\n {2}File "\/var\/task\/app\.py"/,
    );
    expect(error).toContain('File "/var/lang/lib/python3.12/json/__init__.py"');
    const json = renderInvocation(
      base({ runtime: 'python3.13', format: 'JSON', outcome: 'uncaught_exception' }),
    );
    const rec = find(json, /"log_level": "ERROR"/) as string;
    const [warning, record] = rec.split('\r');
    expect(warning).toMatch(/^LAMBDA_WARNING: /);
    expect(JSON.parse(record as string)).toMatchObject({
      log_level: 'ERROR',
      errorType: 'JSONDecodeError',
      requestId: RID,
    });
  });

  it('Java: message: Type, then the exception and tab-indented frames', () => {
    const line = find(
      renderInvocation(base({ runtime: 'java21', outcome: 'uncaught_exception' })),
      /IllegalStateException/,
    );
    expect(line).toMatch(
      /^Invoice 42 has no line items: java\.lang\.IllegalStateException\njava\.lang\.IllegalStateException: Invoice 42 has no line items\n\tat com\.example/,
    );
  });

  it('Go: a panic with aws-lambda-go stack, then Runtime.Unknown', () => {
    const events = renderInvocation(base({ runtime: 'provided.al2023', outcome: 'uncaught_exception' }));
    expect(find(events, /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \{"errorMessage"/)).toBeDefined();
    expect(
      find(events, /calling the handler function resulted in a panic, the process should exit/),
    ).toBeDefined();
    expect(events[events.length - 1]?.message).toBe(
      `RequestId: ${RID} Error: Unknown application error occurred\nRuntime.Unknown`,
    );
  });

  it('.NET: fail with the exception and indented frames', () => {
    const line = find(
      renderInvocation(base({ runtime: 'dotnet8', outcome: 'uncaught_exception' })),
      /\tfail\t/,
    );
    expect(line).toMatch(
      new RegExp(
        `^2026-11-28T[\\d:.]+Z\\t${RID}\\tfail\\tSystem\\.InvalidOperationException: .+\\n {3}at Ledger`,
      ),
    );
  });

  it('Ruby: Critical exception from handler with Function<...> JSON', () => {
    const line = find(
      renderInvocation(base({ runtime: 'ruby3.3', outcome: 'uncaught_exception' })),
      /Critical exception/,
    ) as string;
    const doc = JSON.parse(line.slice(line.indexOf('\n') + 1));
    expect(doc.errorType).toBe('Function<NoMethodError>');
    expect(doc.stackTrace[0]).toContain('/var/task/');
  });

  it('uses the error the spec asks for', () => {
    const line = find(
      renderInvocation(
        base({
          outcome: 'uncaught_exception',
          error: { type: 'RangeError', message: 'Invalid array length' },
        }),
      ),
      /Invoke Error/,
    );
    expect(line).toContain('"errorType":"RangeError","errorMessage":"Invalid array length"');
  });

  it('JSON groups: platform.report carries status and metrics', () => {
    const events = renderInvocation(
      base({ format: 'JSON', outcome: 'timeout', coldStart: { initDurationMs: 100 } }),
    );
    const report = JSON.parse(find(events, /platform\.report/) as string);
    expect(report.record).toMatchObject({
      requestId: RID,
      status: 'timeout',
      metrics: { durationMs: 3000, billedDurationMs: 3000, memorySizeMB: 256, initDurationMs: 100 },
    });
    const start = JSON.parse(find(events, /platform\.start/) as string);
    expect(start.record).toEqual({ requestId: RID, version: '$LATEST' });
    const app = JSON.parse(find(events, /"level":"INFO"/) as string);
    expect(app).toMatchObject({ level: 'INFO', requestId: RID });
  });
});

describe('retries and streams', () => {
  it('starts the same request id again about a minute later', () => {
    const attempts = renderRetriedInvocation(base(), { attempts: 3 });
    const starts = attempts.map((a) => a.find((e) => e.message.startsWith('START')) as RenderedEvent);
    expect(starts.map((s) => s.message)).toEqual(Array(3).fill(`START RequestId: ${RID} Version: $LATEST`));
    expect((starts[1]?.timestamp as number) - (starts[0]?.timestamp as number)).toBeGreaterThanOrEqual(
      60_000,
    );
    expect(find(attempts[0] as RenderedEvent[], /Invoke Error/)).toBeDefined();
    expect(find(attempts[2] as RenderedEvent[], /Invoke Error/)).toBeUndefined();
  });

  it('names log streams like Lambda', () => {
    expect(logStreamName(T0, '0123456789abcdef0123456789abcdef')).toBe(
      '2026/11/28/[$LATEST]0123456789abcdef0123456789abcdef',
    );
  });
});

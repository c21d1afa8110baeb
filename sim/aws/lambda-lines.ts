/**
 * Realistic CloudWatch Logs events for one Lambda invocation, per runtime and log format.
 * Pure functions: the same spec always renders the same events. Shapes follow
 * /work/shared/reference/lambda-log-formats.md (platform lines with tabs, `Invoke Error \t`,
 * REPORT fields and the 2025+ billed-duration rule, the current and legacy timeout shapes, ...).
 */
import { Prng } from './prng.js';

export const simRuntimes = [
  'nodejs20.x',
  'nodejs22.x',
  'python3.12',
  'python3.13',
  'java21',
  'provided.al2023',
  'dotnet8',
  'ruby3.3',
] as const;
export type SimRuntime = (typeof simRuntimes)[number];

export const simLogFormats = ['Text', 'JSON'] as const;
export type SimLogFormat = (typeof simLogFormats)[number];

/** What happened in one invocation attempt. */
export const invocationOutcomes = [
  'success',
  'uncaught_exception',
  'logged_error',
  'timeout',
  'out_of_memory',
  'init_failure',
] as const;
export type InvocationOutcome = (typeof invocationOutcomes)[number];

/** Everything a scenario can ask for: outcomes plus a cold start and an async retry. */
export const scenarioOutcomes = [...invocationOutcomes, 'cold_start', 'retry'] as const;
export type ScenarioOutcome = (typeof scenarioOutcomes)[number];

export interface RenderedEvent {
  timestamp: number;
  message: string;
}

export interface InvocationSpec {
  runtime: SimRuntime;
  format: SimLogFormat;
  functionName: string;
  region?: string;
  /** `$LATEST` or a published version number. */
  version?: string;
  memorySizeMB: number;
  timeoutSec: number;
  requestId: string;
  /** START timestamp (epoch ms). */
  start: number;
  /** Handler duration in ms (default 42.17); a timeout always lasts the configured timeout. */
  durationMs?: number;
  maxMemoryUsedMB?: number;
  /** A cold start: INIT_START before START and `Init Duration` in REPORT. */
  coldStart?: { initDurationMs: number };
  outcome?: InvocationOutcome;
  /** `status`: REPORT ends `Status: timeout` (current). `legacy`: a `Task timed out after` line (2023). */
  timeoutStyle?: 'status' | 'legacy';
  /** `classic`: `signal: killed` + Runtime.ExitError. `status`: `Status: error\tError Type: Runtime.OutOfMemory`. */
  oomStyle?: 'classic' | 'status';
  /** Error type and message for failures (each runtime has a default). */
  error?: { type?: string; message?: string };
  /** Application INFO lines (default: two lines about an order). */
  appMessages?: string[];
}

type Family = 'node' | 'python' | 'java' | 'go' | 'dotnet' | 'ruby';

interface RuntimeProfile {
  family: Family;
  runtimeVersion: string;
  error: { type: string; message: string };
  initError: { type: string; message: string };
}

const profiles: Record<SimRuntime, RuntimeProfile> = {
  'nodejs20.x': {
    family: 'node',
    runtimeVersion: 'nodejs:20.v33',
    error: { type: 'TypeError', message: "Cannot read properties of undefined (reading 'id')" },
    initError: { type: 'Runtime.ImportModuleError', message: "Error: Cannot find module 'lodash'" },
  },
  'nodejs22.x': {
    family: 'node',
    runtimeVersion: 'nodejs:22.v41',
    error: { type: 'TypeError', message: "Cannot read properties of undefined (reading 'id')" },
    initError: { type: 'Runtime.ImportModuleError', message: "Error: Cannot find module 'uuid'" },
  },
  'python3.12': {
    family: 'python',
    runtimeVersion: 'python:3.12.v62',
    error: { type: 'KeyError', message: "'order_id'" },
    initError: {
      type: 'Runtime.ImportModuleError',
      message: "Unable to import module 'app': No module named 'requests'",
    },
  },
  'python3.13': {
    family: 'python',
    runtimeVersion: 'python:3.13.v31',
    error: { type: 'JSONDecodeError', message: 'Expecting value: line 1 column 1 (char 0)' },
    initError: {
      type: 'Runtime.ImportModuleError',
      message: "Unable to import module 'app': No module named 'boto3_stubs'",
    },
  },
  java21: {
    family: 'java',
    runtimeVersion: 'java:21.v32',
    error: { type: 'java.lang.IllegalStateException', message: 'Invoice 42 has no line items' },
    initError: { type: 'java.lang.ClassNotFoundException', message: 'com.example.invoices.Handler' },
  },
  'provided.al2023': {
    family: 'go',
    runtimeVersion: 'provided:al2023.v98',
    error: {
      type: 'runtimeError',
      message: 'runtime error: invalid memory address or nil pointer dereference',
    },
    initError: {
      type: 'Runtime.InvalidEntrypoint',
      message: "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]",
    },
  },
  dotnet8: {
    family: 'dotnet',
    runtimeVersion: 'dotnet:8.v52',
    error: { type: 'System.InvalidOperationException', message: 'Ledger entry 42 is out of balance' },
    initError: {
      type: 'Runtime.ExitError',
      message:
        'Error: .NET binaries for Lambda function are not correctly installed in the /var/task directory of the image when the image was built. The /var/task directory is missing the required .deps.json file.',
    },
  },
  'ruby3.3': {
    family: 'ruby',
    runtimeVersion: 'ruby:3.3.v38',
    error: { type: 'NoMethodError', message: "undefined method `fetch' for nil" },
    initError: { type: 'LoadError', message: 'cannot load such file -- httparty' },
  },
};

export function runtimeFamily(runtime: SimRuntime): Family {
  return profiles[runtime].family;
}

const LAMBDA_WARNING =
  'LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare cases, a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, runtime updates can be triggered by a function change, or can be applied automatically. To determine if the runtime has been updated, check the runtime version in the INIT_START log entry. If this error correlates with a change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the previous runtime version. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html';

// --- formatting helpers ----------------------------------------------------------------------

const iso = (t: number): string => new Date(t).toISOString();
const isoSeconds = (t: number): string => iso(t).replace(/\.\d{3}Z$/, 'Z');
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Go's `log` prefix: `2024/05/01 12:00:00`. */
function goTime(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** log4j's `yyyy-MM-dd HH:mm:ss`. */
function log4jTime(t: number): string {
  return iso(t).slice(0, 19).replace('T', ' ');
}

/** Ruby Logger: `2024-05-01T12:00:00.123456`. */
function rubyTime(t: number): string {
  return `${iso(t).slice(0, 23)}000`;
}

/** Python's json.dumps spacing (`", "` and `": "`), which Python runtimes' JSON records use. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

function runtimeVersionArn(spec: InvocationSpec): string {
  const hex = new Prng(`${profiles[spec.runtime].runtimeVersion}:${spec.region ?? 'us-east-1'}`).hex(64);
  return `arn:aws:lambda:${spec.region ?? 'us-east-1'}::runtime:${hex}`;
}

function platform(t: number, type: string, record: Record<string, unknown>): RenderedEvent {
  return { timestamp: t, message: JSON.stringify({ time: iso(t), type: `platform.${type}`, record }) };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

// --- application lines -----------------------------------------------------------------------

type Level = 'INFO' | 'ERROR';

function appLine(
  spec: InvocationSpec,
  t: number,
  level: Level,
  text: string,
  requestId = spec.requestId,
): string {
  const family = profiles[spec.runtime].family;
  const json = spec.format === 'JSON';
  switch (family) {
    case 'node':
      return json
        ? JSON.stringify({ timestamp: iso(t), level, requestId, message: text })
        : `${iso(t)}\t${requestId}\t${level}\t${text}`;
    case 'python':
      return json
        ? pythonJson({ timestamp: isoSeconds(t), level, message: text, logger: 'root', requestId })
        : `[${level}]\t${iso(t)}\t${requestId}\t${text}\n`;
    case 'java':
      // The Java runtime's JSON records name the request id AWSRequestId (AWS docs' example).
      return json
        ? JSON.stringify({ timestamp: iso(t), level, message: text, AWSRequestId: requestId })
        : `${log4jTime(t)} ${requestId} ${level.padEnd(5)} ${spec.functionName} - ${text}\n`;
    case 'go':
      // Go writes plain stdout; Lambda cannot structure it, so JSON groups get the same text.
      return `${goTime(t)} ${level === 'ERROR' ? 'ERROR: ' : ''}${text}\n`;
    case 'dotnet':
      return json
        ? JSON.stringify({
            timestamp: iso(t),
            level: level === 'INFO' ? 'Information' : 'Error',
            requestId,
            traceId: `Root=1-${new Prng(requestId).hex(8)}-${new Prng(`${requestId}x`).hex(24)}`,
            message: text,
          })
        : `${iso(t)}\t${requestId}\t${level === 'INFO' ? 'info' : 'fail'}\t${text}`;
    case 'ruby':
      return json
        ? JSON.stringify({ timestamp: iso(t), level, message: text, requestId })
        : `${level[0]}, [${rubyTime(t)} #8] ${level.padStart(5)} ${requestId} -- : ${text}\n`;
  }
}

// --- error shapes per runtime ----------------------------------------------------------------

interface ErrorInfo {
  type: string;
  message: string;
}

function errorOf(spec: InvocationSpec, init = false): ErrorInfo {
  const p = profiles[spec.runtime];
  const base = init ? p.initError : p.error;
  return { type: spec.error?.type ?? base.type, message: spec.error?.message ?? base.message };
}

function nodeStack(spec: InvocationSpec, e: ErrorInfo): string[] {
  const v = spec.runtime === 'nodejs22.x' ? [1206, 1211] : [1173, 1177];
  return [
    `${e.type}: ${e.message}`,
    '    at OrderService.load (/var/task/src/orders/service.js:57:13)',
    '    at Runtime.handler (/var/task/index.js:23:28)',
    `    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:${v[0]}:29)`,
    `    at Runtime.handleOnce (file:///var/runtime/index.mjs:${v[1]}:18)`,
  ];
}

function pythonFrames(spec: InvocationSpec): string[] {
  const ver = spec.runtime === 'python3.13' ? '3.13' : '3.12';
  return [
    '  File "/var/task/app.py", line 41, in handler\n    return process_order(event)\n',
    '  File "/var/task/orders/service.py", line 17, in process_order\n    payload = json.loads(event["body"])\n',
    `  File "/var/lang/lib/python${ver}/json/__init__.py", line 346, in loads\n    return _default_decoder.decode(s)\n`,
    `  File "/var/lang/lib/python${ver}/json/decoder.py", line 338, in decode\n    obj, end = self.raw_decode(s, idx=_w(s, 0).end())\n`,
  ];
}

const javaFrames = [
  'com.example.invoices.InvoiceService.render(InvoiceService.java:57)',
  'com.example.invoices.Handler.handleRequest(Handler.java:23)',
  'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(Unknown Source)',
  'java.base/java.lang.reflect.Method.invoke(Unknown Source)',
];

const goPanicFrames = [
  { path: 'github.com/aws/aws-lambda-go@v1.47.0/lambda/errors.go', line: 39, label: 'lambdaPanicResponse' },
  {
    path: 'github.com/aws/aws-lambda-go@v1.47.0/lambda/invoke_loop.go',
    line: 129,
    label: 'callBytesHandlerFunc.func1',
  },
  { path: 'runtime/panic.go', line: 785, label: 'panic' },
  { path: 'runtime/signal_unix.go', line: 917, label: 'sigpanic' },
  { path: 'github.com/acme/events/internal/route/route.go', line: 58, label: '(*Router).Dispatch' },
  { path: 'github.com/acme/events/main.go', line: 31, label: 'handle' },
];

const dotnetFrames = [
  '   at Ledger.Reconciler.Reconcile(Int32 entryId) in /src/Ledger/Reconciler.cs:line 57',
  '   at Ledger.Function.FunctionHandler(SQSEvent input, ILambdaContext context) in /src/Ledger/Function.cs:line 23',
  '   at lambda_method1(Closure, Stream, ILambdaContext, Stream)',
  '   at Amazon.Lambda.RuntimeSupport.HandlerWrapper.<>c__DisplayClass8_0.<GetHandlerWrapper>b__0(InvocationRequest invocation)',
  '   at Amazon.Lambda.RuntimeSupport.LambdaBootstrap.InvokeOnceAsync(CancellationToken cancellationToken)',
];

const rubyFrames = [
  "/var/task/lib/billing/customer.rb:27:in `fetch_customer'",
  "/var/task/app.rb:12:in `handler'",
  "/var/runtime/lib/aws_lambda_ric/lambda_handler.rb:28:in `call_handler'",
  "/var/runtime/lib/aws_lambda_ric.rb:88:in `run_user_code'",
  "/var/runtime/lib/aws_lambda_ric.rb:64:in `start_runtime_loop'",
];

function prettyRubyJson(e: ErrorInfo, prefix: string, frames: string[]): string {
  const doc = { errorMessage: e.message, errorType: `${prefix}<${e.type}>`, stackTrace: frames };
  return JSON.stringify(doc, null, 2);
}

/** The events an unhandled error in the handler writes (before END). */
function uncaughtEvents(spec: InvocationSpec, t: number): RenderedEvent[] {
  const e = errorOf(spec);
  const json = spec.format === 'JSON';
  const rid = spec.requestId;
  switch (profiles[spec.runtime].family) {
    case 'node': {
      const stack = nodeStack(spec, e);
      const message = json
        ? JSON.stringify({
            timestamp: iso(t),
            level: 'ERROR',
            requestId: rid,
            message: 'Invoke Error',
            errorType: e.type,
            errorMessage: e.message,
            stackTrace: stack,
          })
        : `${iso(t)}\t${rid}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: e.type, errorMessage: e.message, stack })}`;
      return [{ timestamp: t, message }];
    }
    case 'python': {
      const frames = pythonFrames(spec);
      if (json) {
        const record = pythonJson({
          timestamp: isoSeconds(t),
          log_level: 'ERROR',
          errorMessage: e.message,
          errorType: e.type,
          requestId: rid,
          stackTrace: frames,
        });
        // In JSON groups the companion warning shares the error's event, separated by \r.
        return [{ timestamp: t, message: `${LAMBDA_WARNING}\r${record}` }];
      }
      const warning =
        spec.runtime === 'python3.13' ? `[WARNING]\t${iso(t)}\t\t${LAMBDA_WARNING}\n` : `${LAMBDA_WARNING}\r`;
      return [
        { timestamp: t, message: warning },
        {
          timestamp: t,
          message: `[ERROR] ${e.type}: ${e.message}\nTraceback (most recent call last):\n${frames.join('')}`,
        },
      ];
    }
    case 'java': {
      const text = `${e.message}: ${e.type}\n${e.type}: ${e.message}\n${javaFrames.map((f) => `\tat ${f}`).join('\n')}\n`;
      const message = json
        ? JSON.stringify({
            timestamp: iso(t),
            level: 'ERROR',
            message: { errorMessage: e.message, errorType: e.type, stackTrace: javaFrames },
            AWSRequestId: rid,
          })
        : text;
      return [{ timestamp: t, message }];
    }
    case 'go': {
      // A panic: aws-lambda-go reports it with a stack, then the process exits.
      const doc = JSON.stringify({ errorMessage: e.message, errorType: e.type, stackTrace: goPanicFrames });
      return [
        { timestamp: t, message: `${goTime(t)} ${doc}\n` },
        {
          timestamp: t,
          message: `${goTime(t)} calling the handler function resulted in a panic, the process should exit\n`,
        },
      ];
    }
    case 'dotnet':
      // JSON log format does not apply to the runtime's `fail` exception lines (aws-lambda-dotnet#1831).
      return [
        {
          timestamp: t,
          message: `${iso(t)}\t${rid}\tfail\t${e.type}: ${e.message}\n${dotnetFrames.join('\n')}`,
        },
      ];
    case 'ruby':
      return [
        {
          timestamp: t,
          message: `Critical exception from handler\n${prettyRubyJson(e, 'Function', rubyFrames)}\n`,
        },
      ];
  }
}

/** Lines a handled error writes through the app's logger (the invocation still succeeds). */
function loggedErrorEvents(spec: InvocationSpec, t: number): RenderedEvent[] {
  const text = spec.error?.message ?? 'Payment provider rejected charge for order 42: card_declined';
  const family = profiles[spec.runtime].family;
  if (family === 'python') {
    const type = spec.error?.type ?? 'CardError';
    const frames = [
      '  File "/var/task/payments.py", line 88, in charge\n    resp = client.create_charge(order)\n',
      '  File "/opt/python/payments_sdk/client.py", line 212, in create_charge\n    raise CardError(body["message"])\n',
    ];
    if (spec.format === 'JSON') {
      return [
        {
          timestamp: t,
          message: pythonJson({
            timestamp: isoSeconds(t),
            level: 'ERROR',
            message: text,
            logger: 'root',
            requestId: spec.requestId,
            errorType: type,
            errorMessage: 'Your card was declined.',
            stackTrace: frames,
            location: '/var/task/payments.py:charge:93',
          }),
        },
      ];
    }
    return [
      {
        timestamp: t,
        message: `[ERROR]\t${iso(t)}\t${spec.requestId}\t${text}\nTraceback (most recent call last):\n${frames.join('')}payments_sdk.errors.${type}: Your card was declined.\n`,
      },
    ];
  }
  return [{ timestamp: t, message: appLine(spec, t, 'ERROR', text) }];
}

/** Lines an init failure writes (request id `undefined` for Node, empty for Python). */
function initErrorEvents(spec: InvocationSpec, t: number, requestId: string | undefined): RenderedEvent[] {
  const e = errorOf(spec, true);
  const json = spec.format === 'JSON';
  switch (profiles[spec.runtime].family) {
    case 'node': {
      const errorMessage = `${e.message}\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs`;
      const stack = [
        `${e.type}: ${e.message}`,
        'Require stack:',
        '- /var/task/index.js',
        '- /var/runtime/index.mjs',
        '    at _loadUserApp (file:///var/runtime/index.mjs:1087:17)',
        '    at async UserFunction.js.module.exports.load (file:///var/runtime/index.mjs:1119:21)',
        '    at async start (file:///var/runtime/index.mjs:1282:23)',
        '    at async file:///var/runtime/index.mjs:1288:1',
      ];
      const message = json
        ? JSON.stringify({
            timestamp: iso(t),
            level: 'ERROR',
            message: 'Uncaught Exception',
            errorType: e.type,
            errorMessage,
            stackTrace: stack,
          })
        : `${iso(t)}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify({ errorType: e.type, errorMessage, stack })}`;
      return [{ timestamp: t, message }];
    }
    case 'python': {
      const message = json
        ? pythonJson({
            timestamp: isoSeconds(t),
            log_level: 'ERROR',
            errorMessage: e.message,
            errorType: e.type,
            requestId: '',
            stackTrace: [],
          })
        : `[ERROR] ${e.type}: ${e.message}\nTraceback (most recent call last):`;
      return [{ timestamp: t, message }];
    }
    case 'java':
      return [
        {
          timestamp: t,
          message: `Class not found: ${e.message}: ${e.type}\n${e.type}: ${e.message}. Current classpath: file:/var/task/:file:/var/task/lib/\n\tat java.base/java.net.URLClassLoader.findClass(Unknown Source)\n\tat java.base/java.lang.ClassLoader.loadClass(Unknown Source)\n\tat java.base/java.lang.Class.forName0(Native Method)\n\tat java.base/java.lang.Class.forName(Unknown Source)\n`,
        },
      ];
    case 'go':
      // A missing bootstrap writes only the platform's own line (after START, with the id).
      return requestId
        ? [{ timestamp: t, message: `RequestId: ${requestId} Error: ${e.message}\n${e.type}` }]
        : [];
    case 'dotnet':
      return [{ timestamp: t, message: `${e.message}\n` }];
    case 'ruby':
      return [
        {
          timestamp: t,
          message: `Init error when loading handler app.handler\n${prettyRubyJson(e, 'Init', [
            "/var/lang/lib/ruby/3.3.0/rubygems/core_ext/kernel_require.rb:136:in `require'",
            "/var/task/app.rb:3:in `<top (required)>'",
            "/var/runtime/lib/aws_lambda_ric/lambda_handler.rb:14:in `require'",
          ])}\n`,
        },
      ];
  }
}

/** The Error Type the platform reports for an init failure. */
function initErrorType(spec: InvocationSpec): string {
  const family = profiles[spec.runtime].family;
  const e = errorOf(spec, true);
  if (family === 'ruby') return `Init<${e.type}>`;
  if (family === 'java') return 'Runtime.Unknown';
  return e.type;
}

// --- platform lines --------------------------------------------------------------------------

interface ReportFields {
  durationMs: number;
  billedMs: number;
  maxMemoryUsedMB: number;
  initDurationMs?: number;
  status?: 'timeout' | 'error';
  errorType?: string;
}

function reportEvent(spec: InvocationSpec, t: number, r: ReportFields): RenderedEvent {
  if (spec.format === 'JSON') {
    const metrics: Record<string, number> = {
      durationMs: round2(r.durationMs),
      billedDurationMs: r.billedMs,
      memorySizeMB: spec.memorySizeMB,
      maxMemoryUsedMB: r.maxMemoryUsedMB,
    };
    if (r.initDurationMs !== undefined) metrics.initDurationMs = round2(r.initDurationMs);
    return platform(t, 'report', {
      requestId: spec.requestId,
      metrics,
      status: r.status ?? 'success',
      ...(r.errorType === undefined ? {} : { errorType: r.errorType }),
    });
  }
  let line =
    `REPORT RequestId: ${spec.requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${r.billedMs} ms\t` +
    `Memory Size: ${spec.memorySizeMB} MB\tMax Memory Used: ${r.maxMemoryUsedMB} MB\t`;
  if (r.initDurationMs !== undefined) line += `Init Duration: ${r.initDurationMs.toFixed(2)} ms\t`;
  if (r.status === 'timeout') line += 'Status: timeout';
  else if (r.status === 'error') line += `Status: error\tError Type: ${r.errorType ?? 'Runtime.Unknown'}`;
  return { timestamp: t, message: line };
}

function initStartEvent(spec: InvocationSpec, t: number, phase: 'init' | 'invoke' = 'init'): RenderedEvent {
  const version = profiles[spec.runtime].runtimeVersion;
  if (spec.format === 'JSON') {
    return platform(t, 'initStart', {
      initializationType: 'on-demand',
      phase,
      runtimeVersion: version,
      runtimeVersionArn: runtimeVersionArn(spec),
      functionName: spec.functionName,
      functionVersion: spec.version ?? '$LATEST',
    });
  }
  return {
    timestamp: t,
    message: `INIT_START Runtime Version: ${version}\tRuntime Version ARN: ${runtimeVersionArn(spec)}`,
  };
}

function initReportEvent(
  spec: InvocationSpec,
  t: number,
  durationMs: number,
  phase: 'init' | 'invoke',
  errorType: string,
): RenderedEvent {
  if (spec.format === 'JSON') {
    return platform(t, 'initReport', {
      initializationType: 'on-demand',
      phase,
      status: 'error',
      errorType,
      metrics: { durationMs: round2(durationMs) },
    });
  }
  return {
    timestamp: t,
    message: `INIT_REPORT Init Duration: ${durationMs.toFixed(2)} ms\tPhase: ${phase}\tStatus: error\tError Type: ${errorType}`,
  };
}

function startEvent(spec: InvocationSpec, t: number): RenderedEvent {
  const version = spec.version ?? '$LATEST';
  if (spec.format === 'JSON') return platform(t, 'start', { requestId: spec.requestId, version });
  return { timestamp: t, message: `START RequestId: ${spec.requestId} Version: ${version}` };
}

function endEvents(spec: InvocationSpec, t: number): RenderedEvent[] {
  // JSON groups have no END record; platform.report closes the invocation.
  return spec.format === 'JSON' ? [] : [{ timestamp: t, message: `END RequestId: ${spec.requestId}` }];
}

function runtimeExitEvent(spec: InvocationSpec, t: number, reason: string, type: string): RenderedEvent {
  if (spec.format === 'JSON') {
    return platform(t, 'runtimeDone', { requestId: spec.requestId, status: 'error', errorType: type });
  }
  return { timestamp: t, message: `RequestId: ${spec.requestId} Error: ${reason}\n${type}` };
}

// --- the invocation --------------------------------------------------------------------------

/** Renders one invocation attempt: INIT (cold start), START, app lines, the outcome, END, REPORT. */
export function renderInvocation(spec: InvocationSpec): RenderedEvent[] {
  const outcome = spec.outcome ?? 'success';
  if (outcome === 'init_failure') return renderInitFailure(spec);
  const events: RenderedEvent[] = [];
  const s = spec.start;
  const timeoutMs = spec.timeoutSec * 1000;
  const memUsed = Math.min(
    spec.memorySizeMB,
    spec.maxMemoryUsedMB ?? Math.max(40, Math.round(spec.memorySizeMB * 0.35)),
  );
  const init = spec.coldStart?.initDurationMs;
  if (init !== undefined) events.push(initStartEvent(spec, s - Math.ceil(init) - 2));
  events.push(startEvent(spec, s));

  let duration = spec.durationMs ?? 42.17;
  if (outcome === 'timeout') duration = spec.timeoutStyle === 'legacy' ? timeoutMs + 25.37 : timeoutMs;
  else duration = Math.min(duration, timeoutMs - 1);
  const messages = spec.appMessages ?? [`Processing order 42 for ${spec.functionName}`, 'Order 42 validated'];
  messages.forEach((text, i) => {
    const t = s + 1 + Math.floor(((i + 1) * duration) / (messages.length + 2));
    events.push({ timestamp: t, message: appLine(spec, t, 'INFO', text) });
  });
  const failAt = s + Math.max(1, Math.floor(duration) - 1);
  const end = s + Math.ceil(duration) + 1;
  // From Aug 2025 a cold start bills the init phase too; a timeout bills at most the timeout.
  let billed = Math.ceil(duration + (init ?? 0));
  if (outcome === 'timeout') billed = timeoutMs;

  const report: ReportFields = { durationMs: duration, billedMs: billed, maxMemoryUsedMB: memUsed };
  if (init !== undefined) report.initDurationMs = init;

  switch (outcome) {
    case 'success':
      events.push(...endEvents(spec, end), reportEvent(spec, end, report));
      break;
    case 'logged_error':
      events.push(
        ...loggedErrorEvents(spec, failAt),
        ...endEvents(spec, end),
        reportEvent(spec, end, report),
      );
      break;
    case 'uncaught_exception': {
      events.push(...uncaughtEvents(spec, failAt));
      const family = profiles[spec.runtime].family;
      if (family === 'go') {
        // The panic kills the runtime: REPORT says so and the exit line follows it.
        events.push(
          ...endEvents(spec, end),
          reportEvent(spec, end, { ...report, status: 'error', errorType: 'Runtime.Unknown' }),
          runtimeExitEvent(spec, end, 'Unknown application error occurred', 'Runtime.Unknown'),
        );
      } else {
        const jsonReport =
          spec.format === 'JSON' ? { status: 'error' as const, errorType: errorOf(spec).type } : {};
        events.push(...endEvents(spec, end), reportEvent(spec, end, { ...report, ...jsonReport }));
      }
      break;
    }
    case 'timeout':
      if (spec.timeoutStyle === 'legacy') {
        // 2023 shape: the line comes before END, single spaces, ending in a blank line.
        events.push(
          {
            timestamp: end,
            message: `${iso(end)} ${spec.requestId} Task timed out after ${(duration / 1000).toFixed(2)} seconds\n\n`,
          },
          ...endEvents(spec, end),
          reportEvent(spec, end, report),
        );
      } else {
        events.push(...endEvents(spec, end), reportEvent(spec, end, { ...report, status: 'timeout' }));
      }
      break;
    case 'out_of_memory': {
      const oom: ReportFields = { ...report, maxMemoryUsedMB: spec.memorySizeMB };
      if (spec.oomStyle === 'status') {
        events.push(
          ...endEvents(spec, end),
          reportEvent(spec, end, { ...oom, status: 'error', errorType: 'Runtime.OutOfMemory' }),
        );
      } else if (spec.format === 'JSON') {
        events.push(
          runtimeExitEvent(spec, end, 'Runtime exited with error: signal: killed', 'Runtime.ExitError'),
          reportEvent(spec, end, { ...oom, status: 'error', errorType: 'Runtime.ExitError' }),
        );
      } else {
        // Classic: REPORT shows memory at the limit and the kill line follows it.
        events.push(
          ...endEvents(spec, end),
          reportEvent(spec, end, oom),
          runtimeExitEvent(spec, end, 'Runtime exited with error: signal: killed', 'Runtime.ExitError'),
        );
      }
      break;
    }
  }
  return events;
}

/**
 * An init failure (bad deploy): the init phase fails, Lambda retries init inside the invoke,
 * which fails the same way, and REPORT carries `Status: error` with the init error type.
 */
function renderInitFailure(spec: InvocationSpec): RenderedEvent[] {
  const events: RenderedEvent[] = [];
  const s = spec.start;
  const family = profiles[spec.runtime].family;
  const type = initErrorType(spec);
  const initMs = spec.coldStart?.initDurationMs ?? (family === 'go' ? 0.61 : 187.45);
  const t0 = s - Math.ceil(initMs) - 4;
  events.push(initStartEvent(spec, t0));
  const initEnd = t0 + Math.ceil(initMs);
  events.push(...initErrorEvents(spec, initEnd, undefined));
  events.push(initReportEvent(spec, initEnd, initMs, 'init', type));
  events.push(startEvent(spec, s));
  if (spec.format === 'JSON') events.push(initStartEvent(spec, s, 'invoke'));
  const retryMs = round2(initMs * 0.93);
  const t1 = s + Math.ceil(retryMs);
  events.push(...initErrorEvents(spec, t1, spec.requestId));
  events.push(initReportEvent(spec, t1, retryMs, 'invoke', type));
  if (family === 'dotnet') {
    events.push(
      runtimeExitEvent(spec, t1, 'Runtime exited with error: exit status 131', 'Runtime.ExitError'),
    );
  }
  const memUsed = Math.min(spec.memorySizeMB, Math.max(20, Math.round(spec.memorySizeMB * 0.15)));
  events.push(
    ...endEvents(spec, t1 + 1),
    reportEvent(spec, t1 + 1, {
      durationMs: retryMs,
      billedMs: Math.ceil(retryMs),
      maxMemoryUsedMB: memUsed,
      status: 'error',
      errorType: type,
    }),
  );
  return events;
}

/**
 * An async invocation that fails and is retried by Lambda with the same request id, about a
 * minute apart. Every attempt but the last fails with `spec.outcome` (default
 * uncaught_exception); the last one ends with `finalOutcome` (default success).
 */
export function renderRetriedInvocation(
  spec: InvocationSpec,
  options: { attempts?: number; delayMs?: number; finalOutcome?: InvocationOutcome } = {},
): RenderedEvent[][] {
  const attempts = Math.max(2, Math.min(3, options.attempts ?? 2));
  const delay = options.delayMs ?? 60_000;
  const out: RenderedEvent[][] = [];
  let start = spec.start;
  for (let i = 0; i < attempts; i++) {
    const last = i === attempts - 1;
    const outcome = last ? (options.finalOutcome ?? 'success') : (spec.outcome ?? 'uncaught_exception');
    out.push(renderInvocation({ ...spec, start, outcome, ...(i === 0 ? {} : { coldStart: undefined }) }));
    const lastEvent = out[i]?.[out[i]!.length - 1];
    start = Math.max(start + delay, (lastEvent?.timestamp ?? start) + delay);
  }
  return out;
}

/** Renders any scenario outcome with defaults, for tests and previews (all attempts flattened). */
export function renderOutcome(
  outcome: ScenarioOutcome,
  spec: Omit<InvocationSpec, 'outcome'>,
): RenderedEvent[] {
  if (outcome === 'cold_start') {
    return renderInvocation({
      ...spec,
      outcome: 'success',
      coldStart: spec.coldStart ?? { initDurationMs: 163.72 },
    });
  }
  if (outcome === 'retry') return renderRetriedInvocation({ ...spec, outcome: 'uncaught_exception' }).flat();
  return renderInvocation({ ...spec, outcome });
}

/** The Lambda log stream name of a new execution environment. */
export function logStreamName(created: number, hex32: string, version = '$LATEST'): string {
  const d = new Date(created);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/[${version}]${hex32}`;
}

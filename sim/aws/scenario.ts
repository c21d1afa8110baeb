/**
 * Seeded traffic for the simulated account: steady invocations with cold starts on new
 * execution environments (one log stream each, one invocation at a time per stream) plus
 * scripted failures. Same spec and seed, same events.
 */

import { demoApiGateway } from './demo/apigateway.js';
import { demoEventBridge } from './demo/eventbridge.js';
import { demoKinesis } from './demo/kinesis.js';
import { putDailyMetric } from './demo/metrics.js';
import { demoSns } from './demo/sns.js';
import {
  type InvocationOutcome,
  type InvocationSpec,
  logStreamName,
  type RenderedEvent,
  renderInvocation,
  runtimeFamily,
  type SimLogFormat,
  type SimRuntime,
} from './lambda-lines.js';
import { Prng } from './prng.js';
import type { SimAlarmSpec, SimLogEventInput, SimState, SimStateMachineSpec } from './state.js';

export interface ScenarioFunction {
  name: string;
  runtime: SimRuntime;
  format?: SimLogFormat;
  memoryMB?: number;
  timeoutSec?: number;
  account?: string;
  region?: string;
  /** Custom log group (LoggingConfig.LogGroup); default `/aws/lambda/<name>`. */
  logGroup?: string;
  /** Steady traffic, invocations per minute (default 4; 0 for none). */
  ratePerMinute?: number;
  /** Typical handler duration in ms (default 80). */
  typicalDurationMs?: number;
  description?: string;
}

export type ScriptedFailureKind =
  | 'uncaught_exception'
  | 'logged_error'
  | 'timeout'
  | 'out_of_memory'
  | 'init_failure'
  | 'retry';

export interface ScriptedFailure {
  /** Epoch ms or ISO time of the first occurrence. */
  at: number | string;
  /** Function name (as in ScenarioFunction.name). */
  function: string;
  kind: ScriptedFailureKind;
  /** Occurrences (default 1), `spacingMs` apart (default 2 s). */
  count?: number;
  spacingMs?: number;
  error?: { type?: string; message?: string };
  timeoutStyle?: 'status' | 'legacy';
  oomStyle?: 'classic' | 'status';
  /** retry: attempts including the first (2 or 3, default 2); the last one succeeds. */
  attempts?: number;
  /** retry: what the failing attempts do (default uncaught_exception). */
  retryOutcome?: InvocationOutcome;
}

export interface ScenarioSpec {
  seed: number | string;
  start: number | string;
  end: number | string;
  functions: ScenarioFunction[];
  failures?: ScriptedFailure[];
  /** Ingestion lag range in ms (default 800-4000). */
  ingestionLagMs?: [number, number];
  /** Share of invocations whose events arrive late, 30-120 s after their timestamp (default 0.01). */
  lateEventRate?: number;
  /** Idle execution environments are reclaimed after this long (default 8 minutes). */
  idleTimeoutMs?: number;
}

export interface GeneratedInvocation {
  functionName: string;
  account: string;
  region: string;
  logGroup: string;
  logStreamName: string;
  requestId: string;
  start: number;
  outcome: InvocationOutcome;
  coldStart: boolean;
  /** 1 for the first attempt; retries of an async invocation count up with the same request id. */
  attempt: number;
  scripted: boolean;
}

export interface GeneratedStream {
  account: string;
  region: string;
  logGroup: string;
  logStream: string;
  /** Created with the environment (its first event). */
  creationTime: number;
  events: SimLogEventInput[];
}

export interface GeneratedScenario {
  functions: Required<Omit<ScenarioFunction, 'description'>>[];
  /** Functions as ScenarioFunction plus their resolved defaults and when they were last deployed. */
  lastModified: Record<string, number>;
  streams: GeneratedStream[];
  invocations: GeneratedInvocation[];
}

const DEFAULT_ACCOUNT = '111122223333';
const MINUTE = 60_000;

const toMs = (t: number | string): number => (typeof t === 'number' ? t : Date.parse(t));

function initDurationRange(runtime: SimRuntime): [number, number] {
  switch (runtimeFamily(runtime)) {
    case 'node':
      return [140, 260];
    case 'python':
      return [180, 420];
    case 'java':
      return [450, 1800];
    case 'go':
      return [45, 110];
    case 'dotnet':
      return [250, 700];
    case 'ruby':
      return [180, 380];
  }
}

interface Arrival {
  t: number;
  outcome: InvocationOutcome;
  requestId: string;
  attempt: number;
  scripted: boolean;
  failure?: ScriptedFailure;
  /** Order among arrivals at the same time, for a stable sort. */
  order: number;
}

interface Environment {
  stream: string;
  busyUntil: number;
  lastUsed: number;
  needsInit: boolean;
  dead: boolean;
  fresh: boolean;
}

function resolveFunction(f: ScenarioFunction): Required<Omit<ScenarioFunction, 'description'>> {
  return {
    name: f.name,
    runtime: f.runtime,
    format: f.format ?? 'Text',
    memoryMB: f.memoryMB ?? 256,
    timeoutSec: f.timeoutSec ?? 30,
    account: f.account ?? DEFAULT_ACCOUNT,
    region: f.region ?? 'us-east-1',
    logGroup: f.logGroup ?? `/aws/lambda/${f.name}`,
    ratePerMinute: f.ratePerMinute ?? 4,
    typicalDurationMs: f.typicalDurationMs ?? 80,
  };
}

/** Builds the events of a scenario without touching any state (pure and deterministic). */
export function generateScenario(spec: ScenarioSpec): GeneratedScenario {
  const start = toMs(spec.start);
  const end = toMs(spec.end);
  if (!(end > start)) throw new Error('scenario end must be after its start');
  const [lagMin, lagMax] = spec.ingestionLagMs ?? [800, 4000];
  const lateRate = spec.lateEventRate ?? 0.01;
  const idleTimeout = spec.idleTimeoutMs ?? 8 * MINUTE;
  const functions = spec.functions.map(resolveFunction);
  const names = new Set<string>();
  for (const f of functions) {
    if (names.has(f.name)) throw new Error(`duplicate scenario function ${f.name}`);
    names.add(f.name);
  }
  for (const failure of spec.failures ?? []) {
    if (!names.has(failure.function))
      throw new Error(`scripted failure names unknown function ${failure.function}`);
  }

  const streams = new Map<string, GeneratedStream>();
  const invocations: GeneratedInvocation[] = [];
  const lastModified: Record<string, number> = {};

  for (const fn of functions) {
    const traffic = new Prng(`${spec.seed}:${fn.name}:traffic`);
    const arrivals: Arrival[] = [];
    let order = 0;
    if (fn.ratePerMinute > 0) {
      const mean = MINUTE / fn.ratePerMinute;
      for (let t = start + traffic.exponential(mean); t < end; t += traffic.exponential(mean)) {
        arrivals.push({
          t: Math.floor(t),
          outcome: 'success',
          requestId: traffic.uuid(),
          attempt: 1,
          scripted: false,
          order: order++,
        });
      }
    }
    // Functions were deployed weeks ago unless a scripted bad deploy says otherwise.
    lastModified[fn.name] = start - traffic.int(3, 40) * 24 * 60 * MINUTE - traffic.int(0, 86_399_999);
    (spec.failures ?? []).forEach((failure, index) => {
      if (failure.function !== fn.name) return;
      const prng = new Prng(`${spec.seed}:${fn.name}:failure:${index}`);
      const at = toMs(failure.at);
      if (failure.kind === 'init_failure')
        lastModified[fn.name] = Math.min(at - 30_000 - prng.int(0, 20_000), end);
      const count = failure.count ?? 1;
      const spacing = failure.spacingMs ?? 2000;
      for (let k = 0; k < count; k++) {
        const t = at + k * spacing + prng.int(0, 400);
        if (failure.kind === 'retry') {
          const attempts = Math.max(2, Math.min(3, failure.attempts ?? 2));
          const requestId = prng.uuid();
          let when = t;
          for (let a = 1; a <= attempts; a++) {
            const outcome = a === attempts ? 'success' : (failure.retryOutcome ?? 'uncaught_exception');
            arrivals.push({
              t: when,
              outcome,
              requestId,
              attempt: a,
              scripted: true,
              failure,
              order: order++,
            });
            // Lambda's async retries come about one and then two minutes later.
            when += a * MINUTE + prng.int(0, 5000);
          }
        } else {
          arrivals.push({
            t,
            outcome: failure.kind,
            requestId: prng.uuid(),
            attempt: 1,
            scripted: true,
            failure,
            order: order++,
          });
        }
      }
    });
    arrivals.sort((a, b) => a.t - b.t || a.order - b.order);

    const envPrng = new Prng(`${spec.seed}:${fn.name}:environments`);
    const detail = new Prng(`${spec.seed}:${fn.name}:detail`);
    const envs: Environment[] = [];
    for (const arrival of arrivals) {
      for (const env of envs)
        if (!env.dead && env.busyUntil <= arrival.t && arrival.t - env.lastUsed > idleTimeout)
          env.dead = true;
      // An init failure always lands on a fresh environment: a failed init leaves none behind.
      let env =
        arrival.outcome === 'init_failure'
          ? undefined
          : envs
              .filter((e) => !e.dead && e.busyUntil <= arrival.t)
              .sort((a, b) => b.lastUsed - a.lastUsed)[0];
      if (!env) {
        env = {
          stream: logStreamName(arrival.t, envPrng.hex(32)),
          busyUntil: arrival.t,
          lastUsed: arrival.t,
          needsInit: true,
          dead: false,
          fresh: true,
        };
        envs.push(env);
      }
      const cold = env.needsInit;
      const [initMin, initMax] = initDurationRange(fn.runtime);
      const factor = Math.exp((detail.next() + detail.next() + detail.next() - 1.5) * 0.6);
      const invocation: InvocationSpec = {
        runtime: fn.runtime,
        format: fn.format,
        functionName: fn.name,
        region: fn.region,
        memorySizeMB: fn.memoryMB,
        timeoutSec: fn.timeoutSec,
        requestId: arrival.requestId,
        start: arrival.t,
        durationMs: Math.round(fn.typicalDurationMs * factor * 100) / 100,
        maxMemoryUsedMB: Math.min(fn.memoryMB, Math.round(fn.memoryMB * detail.float(0.22, 0.55))),
        outcome: arrival.outcome,
        appMessages: [
          `Handling request ${arrival.requestId.slice(0, 8)}`,
          `Done in ${Math.round(fn.typicalDurationMs * factor)} ms`,
        ],
      };
      if (cold)
        invocation.coldStart = { initDurationMs: Math.round(detail.float(initMin, initMax) * 100) / 100 };
      const f = arrival.failure;
      if (f?.error) invocation.error = f.error;
      if (f?.timeoutStyle) invocation.timeoutStyle = f.timeoutStyle;
      if (f?.oomStyle) invocation.oomStyle = f.oomStyle;
      const events = renderInvocation(invocation);
      const last = events[events.length - 1] as RenderedEvent;
      env.busyUntil = last.timestamp + 1;
      env.lastUsed = last.timestamp;
      env.needsInit = false;
      // A timeout, an OOM kill or a Go panic resets the environment: the next invoke re-inits.
      if (
        arrival.outcome === 'timeout' ||
        arrival.outcome === 'out_of_memory' ||
        (arrival.outcome === 'uncaught_exception' && runtimeFamily(fn.runtime) === 'go')
      ) {
        env.needsInit = true;
      }
      if (arrival.outcome === 'init_failure') env.dead = true;

      const late = detail.chance(lateRate);
      const lag = late ? detail.int(30_000, 120_000) : detail.int(lagMin, lagMax);
      const key = `${fn.account}/${fn.region}/${fn.logGroup}/${env.stream}`;
      let stream = streams.get(key);
      if (!stream) {
        stream = {
          account: fn.account,
          region: fn.region,
          logGroup: fn.logGroup,
          logStream: env.stream,
          creationTime: (events[0] as RenderedEvent).timestamp,
          events: [],
        };
        streams.set(key, stream);
      }
      for (const e of events)
        stream.events.push({ timestamp: e.timestamp, message: e.message, ingestionTime: e.timestamp + lag });
      invocations.push({
        functionName: fn.name,
        account: fn.account,
        region: fn.region,
        logGroup: fn.logGroup,
        logStreamName: env.stream,
        requestId: arrival.requestId,
        start: arrival.t,
        outcome: arrival.outcome,
        coldStart: cold,
        attempt: arrival.attempt,
        scripted: arrival.scripted,
      });
    }
  }
  for (const s of streams.values()) s.events.sort((a, b) => a.timestamp - b.timestamp);
  return { functions, lastModified, streams: [...streams.values()], invocations };
}

/**
 * Generates a scenario and writes it into the sim: functions (with their LoggingConfig), log
 * groups, streams and events. Events whose ingestion time is still in the future stay invisible
 * until the sim's clock reaches it, so a scenario can run ahead of a live demo.
 */
export function writeScenario(state: SimState, spec: ScenarioSpec): GeneratedScenario {
  const generated = generateScenario(spec);
  const start = toMs(spec.start);
  const descriptions = new Map(spec.functions.map((f) => [f.name, f.description]));
  for (const fn of generated.functions) {
    if (!state.getFunction(fn.account, fn.region, fn.name)) {
      state.addFunction(fn.account, fn.region, {
        name: fn.name,
        runtime: fn.runtime,
        memorySize: fn.memoryMB,
        timeout: fn.timeoutSec,
        logFormat: fn.format,
        ...(fn.logGroup === `/aws/lambda/${fn.name}` ? {} : { logGroup: fn.logGroup }),
        description: descriptions.get(fn.name) ?? '',
        lastModified: generated.lastModified[fn.name] as number,
        architectures: [runtimeFamily(fn.runtime) === 'go' ? 'arm64' : 'x86_64'],
      });
    }
    if (!state.logGroup(fn.account, fn.region, fn.logGroup)) {
      state.createLogGroup(fn.account, fn.region, fn.logGroup, {
        creationTime: Math.min(generated.lastModified[fn.name] as number, start) - 86_400_000,
        ...(fn.format === 'JSON' ? { retentionInDays: 30 } : {}),
      });
    }
  }
  for (const s of generated.streams) {
    state.createLogStream(s.account, s.region, s.logGroup, s.logStream, s.creationTime);
    state.putLogEvents(s.account, s.region, s.logGroup, s.logStream, s.events);
  }
  return generated;
}

/**
 * The demo's account: 13 functions across Node.js, Python, Java, Go, .NET and Ruby, both log
 * formats, in 111122223333 us-east-1 and eu-west-1, with (in the first two minutes) a burst of
 * one exception, a timeout, an OOM kill, an init failure after a bad deploy, a recurring error
 * (again at 25 and 45 minutes, for regressions) and an async retry.
 */
export function defaultScenario(
  options: { start?: number; durationMs?: number; seed?: number | string } = {},
): ScenarioSpec {
  const start = options.start ?? Date.parse('2026-11-28T12:00:00.000Z');
  const end = start + (options.durationMs ?? 60 * MINUTE);
  const at = (seconds: number): number => start + seconds * 1000;
  const ledgerError = {
    type: 'System.InvalidOperationException',
    message: 'Ledger entry 4711 is out of balance by 0.01 EUR',
  };
  return {
    seed: options.seed ?? 'pillar-demo',
    start,
    end,
    functions: [
      {
        name: 'orders-api',
        runtime: 'nodejs20.x',
        format: 'Text',
        memoryMB: 512,
        timeoutSec: 10,
        ratePerMinute: 12,
        typicalDurationMs: 85,
        description: 'Orders REST API',
      },
      {
        name: 'payments-webhook',
        runtime: 'nodejs22.x',
        format: 'JSON',
        memoryMB: 256,
        timeoutSec: 15,
        ratePerMinute: 6,
        typicalDurationMs: 120,
        description: 'Payment provider webhooks (async)',
      },
      {
        name: 'inventory-sync',
        runtime: 'python3.12',
        format: 'Text',
        memoryMB: 1024,
        timeoutSec: 60,
        ratePerMinute: 2,
        typicalDurationMs: 2400,
      },
      {
        name: 'image-resizer',
        runtime: 'python3.13',
        format: 'Text',
        memoryMB: 512,
        timeoutSec: 30,
        ratePerMinute: 4,
        typicalDurationMs: 900,
      },
      {
        name: 'report-builder',
        runtime: 'python3.13',
        format: 'JSON',
        memoryMB: 1024,
        timeoutSec: 120,
        ratePerMinute: 1,
        typicalDurationMs: 5200,
      },
      {
        name: 'invoice-renderer',
        runtime: 'java21',
        format: 'Text',
        memoryMB: 2048,
        timeoutSec: 30,
        ratePerMinute: 3,
        typicalDurationMs: 640,
      },
      {
        name: 'fraud-scorer',
        runtime: 'java21',
        format: 'JSON',
        memoryMB: 1536,
        timeoutSec: 10,
        ratePerMinute: 5,
        typicalDurationMs: 210,
      },
      {
        name: 'event-router',
        runtime: 'provided.al2023',
        format: 'Text',
        memoryMB: 128,
        timeoutSec: 5,
        ratePerMinute: 10,
        typicalDurationMs: 12,
      },
      {
        name: 'notifications-fanout',
        runtime: 'provided.al2023',
        format: 'JSON',
        memoryMB: 256,
        timeoutSec: 10,
        ratePerMinute: 4,
        typicalDurationMs: 35,
      },
      {
        name: 'ledger-reconciler',
        runtime: 'dotnet8',
        format: 'Text',
        memoryMB: 1024,
        timeoutSec: 60,
        ratePerMinute: 2,
        typicalDurationMs: 1300,
      },
      {
        name: 'billing-legacy',
        runtime: 'ruby3.3',
        format: 'Text',
        memoryMB: 512,
        timeoutSec: 30,
        ratePerMinute: 2,
        typicalDurationMs: 450,
      },
      {
        name: 'checkout-api',
        runtime: 'nodejs20.x',
        format: 'Text',
        memoryMB: 512,
        timeoutSec: 10,
        region: 'eu-west-1',
        logGroup: '/pillar-demo/checkout-api',
        ratePerMinute: 8,
        typicalDurationMs: 95,
      },
      {
        name: 'gdpr-export',
        runtime: 'python3.13',
        format: 'JSON',
        memoryMB: 512,
        timeoutSec: 300,
        region: 'eu-west-1',
        ratePerMinute: 1,
        typicalDurationMs: 3100,
      },
    ],
    failures: [
      {
        at: at(20),
        function: 'payments-webhook',
        kind: 'retry',
        error: { type: 'PaymentProviderError', message: 'Upstream returned 502 Bad Gateway' },
      },
      {
        at: at(30),
        function: 'orders-api',
        kind: 'uncaught_exception',
        count: 5,
        spacingMs: 1500,
        error: { type: 'TypeError', message: "Cannot read properties of undefined (reading 'customerId')" },
      },
      {
        at: at(40),
        function: 'checkout-api',
        kind: 'logged_error',
        error: { message: 'Stripe charge failed for cart 8812: card_declined' },
      },
      { at: at(45), function: 'inventory-sync', kind: 'timeout' },
      { at: at(50), function: 'ledger-reconciler', kind: 'uncaught_exception', error: ledgerError },
      { at: at(70), function: 'image-resizer', kind: 'out_of_memory', oomStyle: 'classic' },
      { at: at(90), function: 'event-router', kind: 'init_failure', count: 3, spacingMs: 4000 },
      // Comes back after the demo's scripted resolve (35 s into the demo): a regression.
      { at: at(110), function: 'ledger-reconciler', kind: 'uncaught_exception', error: ledgerError },
      { at: at(25 * 60), function: 'ledger-reconciler', kind: 'uncaught_exception', error: ledgerError },
      { at: at(45 * 60), function: 'ledger-reconciler', kind: 'uncaught_exception', error: ledgerError },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The demo's inventory: configuration for the Well-Architected checks

const DEMO_ACCOUNT = '111122223333';
const DEMO_REGION = 'us-east-1';

/** What `demoInventory` set up, for tests and the demo's own description. */
export interface DemoInventory {
  account: string;
  region: string;
  /** Functions added beyond the traffic scenario's (no traffic of their own). */
  addedFunctions: string[];
  /** Scenario functions whose configuration was changed. */
  configuredFunctions: string[];
  logGroups: string[];
  /** SQS queues and DynamoDB tables added (existing ones of the same name are replaced). */
  queues: string[];
  tables: string[];
  /** CloudWatch metric alarms added (existing ones of the same name are replaced). */
  alarms: string[];
  /** Step Functions state machines added (existing ones of the same name are replaced). */
  stateMachines: string[];
  /** API Gateway REST, HTTP and WebSocket APIs added. */
  apis: string[];
  /** SNS topics added. */
  topics: string[];
  /** Kinesis data streams added. */
  streams: string[];
  /** EventBridge rules (and custom buses) added. */
  eventbridge: string[];
}

/**
 * Gives the demo account resources the checks have something to say about, compliant and not:
 * deprecated runtimes (nodejs16.x, python3.8), a function left at 128 MB / 3 s, a public resource
 * policy, a Function URL with AuthType NONE and CORS `*`, secret-looking environment variables, an
 * async function without DLQ or destination, an SQS mapping without ReportBatchItemFailures, a
 * stream mapping retrying forever (and one set up well), reserved concurrency 0, x86_64 and arm64,
 * Text and JSON logging, SnapStart on one Java function and not the other, a failed update, log
 * groups without retention, with KMS, kept ten years, orphaned, on the Infrequent Access class,
 * and a public Logs resource policy; SQS queues with and without DLQs, encryption, TLS-only
 * policies and long polling (one DLQ holding messages, one public queue) and DynamoDB tables with
 * and without PITR, deletion protection, a KMS key and TTL (plus an empty one, a legacy global table
 * and a stream nobody reads); CloudWatch alarms on some functions and not others (one stream
 * consumer with an IteratorAge alarm, one without), one muted, one without an action and one
 * left watching a deleted function for two months; Step Functions state machines, one well kept and
 * others without logging, tracing, Retry, Catch or a timeout; plus throttles, iterator age and dropped async events in
 * metrics. Call it after `writeScenario(state, defaultScenario(...))`; functions the scenario did
 * not create are added. Same state in, same resources out.
 */
export function demoInventory(
  state: SimState,
  options: { account?: string; region?: string } = {},
): DemoInventory {
  const account = options.account ?? DEMO_ACCOUNT;
  const region = options.region ?? DEMO_REGION;
  const now = state.clock.now();
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
  const configured: string[] = [];
  const added: string[] = [];
  const configure = (name: string, runtime: string, patch: Parameters<SimState['updateFunction']>[3]) => {
    if (state.getFunction(account, region, name)) {
      state.updateFunction(account, region, name, patch);
      configured.push(name);
    } else {
      state.addFunction(account, region, { name, runtime, ...patch });
      added.push(name);
    }
  };
  const add = (spec: Parameters<SimState['addFunction']>[2]) => {
    if (!state.getFunction(account, region, spec.name)) {
      state.addFunction(account, region, { lastModified: now - 200 * 86_400_000, ...spec });
      added.push(spec.name);
    }
  };

  // --- scenario functions ----------------------------------------------------------------------
  configure('orders-api', 'nodejs20.x', {
    // Public invoke with no source condition, and an unauthenticated URL open to any origin.
    policy: [{ Sid: 'public-invoke', Principal: '*', Action: 'lambda:InvokeFunctionUrl' }],
    urls: [{ authType: 'NONE', cors: { allowOrigins: ['*'], allowMethods: ['GET', 'POST'] } }],
    environment: { TABLE_NAME: 'orders', STRIPE_SECRET_KEY: 'sk_live_51H8demoDemoDemoDemoDemo0000' },
    tags: { team: 'orders', env: 'prod' },
  });
  configure('payments-webhook', 'nodejs22.x', {
    // Invoked asynchronously by SNS, with neither a DLQ nor an on-failure destination.
    policy: [
      {
        Sid: 'sns-invoke',
        Principal: { Service: 'sns.amazonaws.com' },
        Condition: { ArnLike: { 'AWS:SourceArn': arn('sns', 'payment-events') } },
      },
    ],
    environment: {
      PROVIDER_URL: 'https://api.payments.example',
      WEBHOOK_SECRET_ARN: arn('secretsmanager', 'secret:webhook'),
    },
    architectures: ['arm64'],
    tags: { team: 'payments', env: 'prod' },
  });
  configure('inventory-sync', 'python3.12', { reservedConcurrency: 5, tags: { team: 'inventory' } });
  configure('image-resizer', 'python3.13', {
    // S3 notifications, scoped to the bucket and account; failures go to a DLQ and a destination.
    policy: [
      {
        Sid: 's3-invoke',
        Principal: { Service: 's3.amazonaws.com' },
        Condition: {
          ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::demo-uploads' },
          StringEquals: { 'AWS:SourceAccount': account },
        },
      },
    ],
    deadLetterTargetArn: arn('sqs', 'image-resizer-dlq'),
    eventInvokeConfigs: [
      {
        maximumRetryAttempts: 1,
        maximumEventAgeSeconds: 3600,
        onFailure: arn('sqs', 'image-resizer-failures'),
      },
    ],
    architectures: ['arm64'],
    tracingMode: 'Active',
  });
  configure('report-builder', 'python3.13', {
    // The well-kept one: arm64, tracing, CMK for its variables, a cap, Lambda Insights, in a VPC.
    architectures: ['arm64'],
    tracingMode: 'Active',
    environment: { REPORT_BUCKET: 'demo-reports', LOG_LEVEL: 'INFO' },
    kmsKeyArn: arn('kms', 'key/6f1c2d3e-0a1b-4c5d-8e9f-0123456789ab'),
    reservedConcurrency: 10,
    layers: [{ arn: `arn:aws:lambda:${region}:580247275435:layer:LambdaInsightsExtension-Arm64:20` }],
    vpc: {
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      subnetIds: ['subnet-0aa11bb22cc33dd44', 'subnet-0ee55ff66aa77bb88'],
      securityGroupIds: ['sg-0123456789abcdef0'],
    },
    codeSigningConfigArn: arn('lambda', 'code-signing-config:csc-0a1b2c3d4e5f60718'),
    tags: { team: 'analytics', env: 'prod' },
  });
  configure('invoice-renderer', 'java21', { snapStart: 'None' });
  configure('fraud-scorer', 'java21', {
    snapStart: 'PublishedVersions',
    aliases: [{ name: 'live', functionVersion: '7', routingWeights: { '8': 0.1 } }],
    provisionedConcurrency: [{ qualifier: 'live', requested: 20 }],
  });
  configure('notifications-fanout', 'provided.al2023', { architectures: ['arm64'] });
  configure('ledger-reconciler', 'dotnet8', { runtimeUpdateMode: 'Manual' });
  configure('billing-legacy', 'ruby3.3', {
    environment: { DATABASE_URL: 'postgres://billing:Tr0ub4dor3@billing-db.internal:5432/billing' },
    // A cross-account layer from an account that is neither the owner nor a known vendor.
    layers: [{ arn: `arn:aws:lambda:${region}:999988887777:layer:shared-utils:3` }],
    recursiveLoop: 'Allow',
  });

  // --- functions without traffic ---------------------------------------------------------------
  add({
    name: 'legacy-cron',
    runtime: 'python3.8',
    memorySize: 128,
    timeout: 3,
    environment: { API_TOKEN: 'c2VjcmV0LXRva2VuLWZvci1kZW1v', REGION: region },
    description: 'Nightly clean-up, untouched since 2023',
  });
  add({
    name: 'thumbnail-legacy',
    runtime: 'nodejs16.x',
    memorySize: 256,
    timeout: 30,
    urls: [{ authType: 'NONE', cors: { allowOrigins: ['*'] } }],
    policy: [
      {
        Sid: 'url-public',
        Principal: '*',
        Action: 'lambda:InvokeFunctionUrl',
        Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
      },
    ],
  });
  add({
    name: 'archive-exporter',
    runtime: 'nodejs22.x',
    memorySize: 1024,
    timeout: 900,
    architectures: ['arm64'],
    logFormat: 'JSON',
    // Switched off by reserved concurrency 0: every invoke is throttled.
    reservedConcurrency: 0,
  });
  add({
    name: 'search-indexer',
    runtime: 'python3.13',
    memorySize: 512,
    timeout: 60,
    lastUpdateStatus: 'Failed',
    lastUpdateStatusReason: 'The function could not be updated: the security group does not exist.',
    state: 'Active',
  });
  add({
    name: 'catalog-api-image',
    runtime: '',
    packageType: 'Image',
    memorySize: 2048,
    timeout: 29,
    architectures: ['arm64'],
    urls: [{ authType: 'AWS_IAM', cors: { allowOrigins: ['https://shop.example.com'] } }],
  });

  // --- event source mappings -------------------------------------------------------------------
  const hasMapping = (fn: string) =>
    state.eventSourceMappings(account, region).some((m) => m.functionArn.endsWith(`:function:${fn}`));
  if (!hasMapping('inventory-sync')) {
    state.addEventSourceMapping(account, region, {
      functionName: 'inventory-sync',
      kind: 'sqs',
      sourceName: 'inventory-updates',
      batchSize: 10,
    });
  }
  if (!hasMapping('notifications-fanout')) {
    // Retries a bad record until it expires, without bisecting and with nowhere to send it.
    state.addEventSourceMapping(account, region, {
      functionName: 'notifications-fanout',
      kind: 'kinesis',
      sourceName: 'notifications',
      batchSize: 500,
    });
  }
  if (!hasMapping('ledger-reconciler')) {
    state.addEventSourceMapping(account, region, {
      functionName: 'ledger-reconciler',
      kind: 'dynamodb',
      sourceName: 'ledger',
      maximumRetryAttempts: 3,
      maximumRecordAgeSeconds: 3600,
      bisectBatchOnFunctionError: true,
      onFailureDestination: arn('sqs', 'ledger-stream-failures'),
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
  }
  if (!hasMapping('search-indexer')) {
    state.addEventSourceMapping(account, region, {
      functionName: 'search-indexer',
      kind: 'sqs',
      sourceName: 'search-updates',
      state: 'Disabled',
      stateTransitionReason: 'USER_INITIATED',
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
  }

  // --- log groups ------------------------------------------------------------------------------
  const group = (name: string, patch: Parameters<SimState['updateLogGroup']>[3]) => {
    if (!state.logGroup(account, region, name)) {
      state.createLogGroup(account, region, name, { creationTime: now - 400 * 86_400_000 });
    }
    state.updateLogGroup(account, region, name, patch);
    return name;
  };
  const groups = [
    group('/aws/lambda/report-builder', {
      retentionInDays: 30,
      kmsKeyId: arn('kms', 'key/6f1c2d3e-0a1b-4c5d-8e9f-0123456789ab'),
      metricFilterCount: 2,
      subscriptionFilters: [
        {
          filterName: 'errors-to-pillar',
          destinationArn: arn('firehose', 'deliverystream/pillar-errors'),
          filterPattern: '?ERROR ?"Task timed out"',
        },
      ],
    }),
    group('/aws/lambda/ledger-reconciler', { retentionInDays: 3653 }),
    group('/aws/lambda/legacy-cron', { retentionInDays: null }),
    group('/aws/lambda/deleted-function', { retentionInDays: 7 }),
    group('/aws/lambda/catalog-api-image', { retentionInDays: 14, logGroupClass: 'INFREQUENT_ACCESS' }),
    group('/aws/lambda/archive-exporter', { retentionInDays: 90 }),
    group('/aws/lambda/orders-api', { retentionInDays: null }),
  ];
  state.putLogResourcePolicy(account, region, 'AllowAnyoneToWrite', [
    {
      Sid: 'open',
      Principal: '*',
      Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
      Resource: arn('logs', 'log-group:*'),
    },
  ]);
  state.putLogResourcePolicy(account, region, 'Route53QueryLogs', [
    {
      Sid: 'route53',
      Principal: { Service: 'route53.amazonaws.com' },
      Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
      Resource: arn('logs', 'log-group:/aws/route53/*'),
      Condition: { StringEquals: { 'aws:SourceAccount': account } },
    },
  ]);

  // --- sqs and dynamodb -----------------------------------------------------------------------
  const cmk = arn('kms', 'key/6f1c2d3e-0a1b-4c5d-8e9f-0123456789ab');
  const tlsOnly = {
    Sid: 'deny-insecure-transport',
    Effect: 'Deny' as const,
    Principal: '*',
    Action: 'sqs:*',
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
  const queueSpecs: Parameters<SimState['addQueue']>[2][] = [
    {
      name: 'inventory-updates',
      visibilityTimeout: 60,
      receiveMessageWaitTimeSeconds: 20,
      deadLetterTarget: 'inventory-updates-dlq',
      maxReceiveCount: 5,
      kmsMasterKeyId: cmk,
      policy: [tlsOnly],
      tags: { team: 'inventory' },
    },
    {
      name: 'inventory-updates-dlq',
      messageRetentionPeriod: 1_209_600,
      receiveMessageWaitTimeSeconds: 20,
      kmsMasterKeyId: cmk,
      policy: [tlsOnly],
      approximateNumberOfMessages: 17,
    },
    // No DLQ, no encryption, one hour of retention, short polling.
    { name: 'search-updates', messageRetentionPeriod: 3600, sqsManagedSseEnabled: false },
    {
      name: 'orders-events',
      deadLetterTarget: 'orders-events-dlq',
      maxReceiveCount: 1,
      receiveMessageWaitTimeSeconds: 20,
    },
    // Kept no longer than its source: moved messages expire almost at once.
    { name: 'orders-events-dlq', messageRetentionPeriod: 345_600 },
    { name: 'image-resizer-dlq', messageRetentionPeriod: 1_209_600 },
    // Anyone may send to it.
    {
      name: 'image-resizer-failures',
      policy: [{ Sid: 'anyone', Principal: '*', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'] }],
    },
    { name: 'ledger-stream-failures', messageRetentionPeriod: 1_209_600, kmsMasterKeyId: 'alias/aws/sqs' },
  ];
  for (const q of queueSpecs) state.addQueue(account, region, q);
  const tableSpecs: Parameters<SimState['addTable']>[2][] = [
    {
      name: 'ledger',
      billingMode: 'PROVISIONED',
      readCapacityUnits: 50,
      writeCapacityUnits: 20,
      itemCount: 1_250_000,
      sizeBytes: 2_400_000_000,
      kmsKeyArn: cmk,
      streamViewType: 'NEW_AND_OLD_IMAGES',
      deletionProtection: true,
      pointInTimeRecovery: true,
      ttlAttribute: 'expiresAt',
      tags: { team: 'finance' },
      creationTime: now - 700 * 86_400_000,
    },
    // Defaults everywhere: AWS owned key, no PITR, no deletion protection, no TTL.
    { name: 'orders', itemCount: 84_000, sizeBytes: 61_000_000, creationTime: now - 500 * 86_400_000 },
    {
      name: 'sessions',
      ttlAttribute: 'ttl',
      pointInTimeRecovery: true,
      deletionProtection: true,
      streamViewType: 'KEYS_ONLY',
      itemCount: 9_100,
      sizeBytes: 2_000_000,
      creationTime: now - 300 * 86_400_000,
    },
    {
      name: 'audit-archive',
      billingMode: 'PROVISIONED',
      readCapacityUnits: 5,
      writeCapacityUnits: 5,
      itemCount: 310_000_000,
      sizeBytes: 860 * 1024 ** 3,
      globalTableVersion: '2017.11.29',
      pointInTimeRecovery: true,
      deletionProtection: true,
      kmsKeyArn: cmk,
      creationTime: now - 1500 * 86_400_000,
    },
    { name: 'old-experiments', itemCount: 0, creationTime: now - 400 * 86_400_000 },
  ];
  for (const t of tableSpecs) state.addTable(account, region, t);

  // --- CloudWatch alarms -----------------------------------------------------------------------
  const oncall = arn('sns', 'oncall');
  const lambdaAlarm = (fn: string, metricName: string, extra: Partial<SimAlarmSpec> = {}): SimAlarmSpec => ({
    name: `${fn}-${metricName.toLowerCase()}`,
    namespace: 'AWS/Lambda',
    metricName,
    dimensions: { FunctionName: fn },
    alarmActions: [oncall],
    stateValue: 'OK',
    stateUpdatedTimestamp: now - 3 * 86_400_000,
    ...extra,
  });
  const alarmSpecs: SimAlarmSpec[] = [
    lambdaAlarm('orders-api', 'Errors'),
    lambdaAlarm('orders-api', 'Throttles', { stateValue: 'ALARM', stateUpdatedTimestamp: now - 3_600_000 }),
    // Errors and throttles of the ledger consumer in one metric-math alarm, and its iterator age.
    {
      name: 'ledger-reconciler-health',
      metrics: ['Errors', 'Throttles'].map((metricName) => ({
        namespace: 'AWS/Lambda',
        metricName,
        dimensions: { FunctionName: 'ledger-reconciler' },
      })),
      alarmActions: [oncall],
      stateValue: 'OK',
    },
    lambdaAlarm('ledger-reconciler', 'IteratorAge', { statistic: 'Maximum', threshold: 60_000 }),
    // Muted during an incident and never switched back on.
    lambdaAlarm('payments-webhook', 'Errors', { actionsEnabled: false }),
    // Turns red in the console and tells nobody.
    lambdaAlarm('inventory-sync', 'Errors', { alarmActions: [] }),
    // The function was deleted two months ago; the alarm stayed.
    lambdaAlarm('legacy-export', 'Errors', {
      stateValue: 'INSUFFICIENT_DATA',
      stateUpdatedTimestamp: now - 60 * 86_400_000,
    }),
    {
      name: 'orders-events-dlq-depth',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'orders-events-dlq' },
      alarmActions: [oncall],
      stateValue: 'OK',
    },
  ];
  for (const a of alarmSpecs) state.addAlarm(account, region, a);

  // --- Step Functions --------------------------------------------------------------------------
  const invoke = (fn: string, extra: Record<string, unknown> = {}) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: arn('lambda', `function:${fn}`), 'Payload.$': '$' },
    ...extra,
  });
  const retryLambda = {
    Retry: [
      {
        ErrorEquals: [
          'Lambda.ServiceException',
          'Lambda.AWSLambdaException',
          'Lambda.TooManyRequestsException',
        ],
        IntervalSeconds: 2,
        MaxAttempts: 3,
        BackoffRate: 2,
      },
    ],
  };
  const machineSpecs: SimStateMachineSpec[] = [
    // Logged, traced, bounded, with retries and a Catch on every task.
    {
      name: 'order-fulfilment',
      logging: {
        level: 'ERROR',
        includeExecutionData: true,
        logGroupArn: arn('logs', 'log-group:/sfn/order-fulfilment:*'),
      },
      tracing: true,
      definition: {
        StartAt: 'Reserve',
        TimeoutSeconds: 3600,
        States: {
          Reserve: invoke('inventory-sync', {
            ...retryLambda,
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
            Next: 'Charge',
          }),
          Charge: invoke('payments-webhook', {
            ...retryLambda,
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
            End: true,
          }),
          Failed: { Type: 'Fail', Error: 'OrderFailed' },
        },
      },
      creationDate: now - 400 * 86_400_000,
    },
    // Defaults everywhere: no logs, no tracing, no timeout, no Retry or Catch.
    {
      name: 'nightly-export',
      definition: {
        StartAt: 'Export',
        States: { Export: invoke('archive-exporter', { End: true }) },
      },
      creationDate: now - 250 * 86_400_000,
    },
    // Express with logging off: its executions leave no trace at all.
    {
      name: 'image-pipeline',
      type: 'EXPRESS',
      tracing: true,
      definition: {
        StartAt: 'Resize',
        States: {
          Resize: invoke('image-resizer', {
            ...retryLambda,
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
            Next: 'Done',
          }),
          Done: { Type: 'Succeed' },
        },
      },
    },
    // Every setting the catalog asks for: ALL logging with data, a customer managed key, a bounded
    // Map, a Choice with a Default, and a callback that heartbeats. Alarmed on failed executions.
    {
      name: 'refund-approval',
      logging: {
        level: 'ALL',
        includeExecutionData: true,
        logGroupArn: arn('logs', 'log-group:/sfn/refund-approval:*'),
      },
      tracing: true,
      kmsKeyId: cmk,
      definition: {
        StartAt: 'Route',
        TimeoutSeconds: 7 * 86_400,
        States: {
          Route: {
            Type: 'Choice',
            Choices: [{ Variable: '$.amount', NumericGreaterThan: 500, Next: 'AskFinance' }],
            Default: 'Refund',
          },
          AskFinance: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Parameters: {
              FunctionName: arn('lambda', 'function:notifications-fanout'),
              Payload: { 'token.$': '$$.Task.Token', 'order.$': '$.orderId' },
            },
            TimeoutSeconds: 3 * 86_400,
            HeartbeatSeconds: 3600,
            ...retryLambda,
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
            Next: 'Refund',
          },
          Refund: {
            Type: 'Map',
            ItemsPath: '$.lines',
            MaxConcurrency: 5,
            ItemProcessor: {
              StartAt: 'RefundLine',
              States: {
                RefundLine: invoke('payments-webhook', {
                  ...retryLambda,
                  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'LineFailed' }],
                  End: true,
                }),
                LineFailed: { Type: 'Fail', Error: 'RefundLineFailed' },
              },
            },
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
            End: true,
          },
          Failed: { Type: 'Fail', Error: 'RefundFailed' },
        },
      },
      creationDate: now - 120 * 86_400_000,
    },
    // Written in a hurry: a partner API key pasted into the definition, a Choice with no way out,
    // a Map that fans out without limit and a callback that can wait forever.
    {
      name: 'partner-sync',
      logging: { level: 'ERROR', logGroupArn: arn('logs', 'log-group:/sfn/partner-sync:*') },
      tracing: true,
      definition: {
        StartAt: 'Kind',
        TimeoutSeconds: 3600,
        States: {
          Kind: {
            Type: 'Choice',
            Choices: [{ Variable: '$.kind', StringEquals: 'catalog', Next: 'PushAll' }],
          },
          PushAll: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemProcessor: {
              StartAt: 'Push',
              States: {
                Push: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::http:invoke',
                  Parameters: {
                    ApiEndpoint: 'https://partner.example.com/v1/items',
                    Method: 'POST',
                    Headers: { 'x-api-key': 'pk_live_demo_7f3a9c2e1b5d' },
                    Authentication: { ConnectionArn: arn('events', 'connection/partner/0a1b2c3d') },
                  },
                  Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 3 }],
                  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Skipped' }],
                  End: true,
                },
                Skipped: { Type: 'Pass', End: true },
              },
            },
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
            Next: 'AwaitAck',
          },
          AwaitAck: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            Parameters: {
              QueueUrl: `https://sqs.${region}.amazonaws.com/${account}/orders-events`,
              MessageBody: { 'token.$': '$$.Task.Token' },
            },
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
            End: true,
          },
          Failed: { Type: 'Fail', Error: 'PartnerSyncFailed' },
        },
      },
      creationDate: now - 45 * 86_400_000,
    },
    // Express, yet it waits ten minutes for late events: every execution times out at five.
    {
      name: 'session-rollup',
      type: 'EXPRESS',
      logging: {
        level: 'ALL',
        includeExecutionData: true,
        logGroupArn: arn('logs', 'log-group:/sfn/session-rollup:*'),
      },
      tracing: true,
      definition: {
        StartAt: 'LateEvents',
        States: {
          LateEvents: { Type: 'Wait', Seconds: 600, Next: 'Rollup' },
          Rollup: invoke('ledger-reconciler', {
            ...retryLambda,
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
            Next: 'Done',
          }),
          Done: { Type: 'Succeed' },
        },
      },
    },
  ];
  for (const m of machineSpecs) state.addStateMachine(account, region, m);
  // Failed refunds page someone; the other machines fail silently (stepfunctions-alarm).
  state.addAlarm(account, region, {
    name: 'refund-approval-failed',
    namespace: 'AWS/States',
    metricName: 'ExecutionsFailed',
    dimensions: { StateMachineArn: arn('states', 'stateMachine:refund-approval') },
    alarmActions: [oncall],
    stateValue: 'OK',
    stateUpdatedTimestamp: now - 10 * 86_400_000,
  });

  // Execution metrics: partner-sync fails a quarter of its runs, session-rollup is throttled,
  // nightly-export has not run in months; order-fulfilment and refund-approval run cleanly.
  const executions = (name: string, metricName: string, values: number[]) =>
    putDailyMetric(
      state,
      { account, region },
      'AWS/States',
      metricName,
      { StateMachineArn: arn('states', `stateMachine:${name}`) },
      values,
    );
  executions('order-fulfilment', 'ExecutionsStarted', [410, 388, 402, 395]);
  executions('order-fulfilment', 'ExecutionsFailed', [1, 0, 2, 0]);
  executions('refund-approval', 'ExecutionsStarted', [35, 41, 29]);
  executions('partner-sync', 'ExecutionsStarted', [40, 38, 41]);
  executions('partner-sync', 'ExecutionsFailed', [9, 12, 7]);
  executions('partner-sync', 'ExecutionsTimedOut', [1, 0, 2]);
  executions('image-pipeline', 'ExecutionsStarted', [5200, 4870, 5010]);
  executions('session-rollup', 'ExecutionsStarted', [900, 870]);
  executions('session-rollup', 'ExecutionThrottled', [14, 3]);

  // --- metrics that logs cannot show -----------------------------------------------------------
  const metric = (name: string, metricName: string, values: number[], dims?: Record<string, string>) => {
    values.forEach((value, i) => {
      state.putMetric({
        account,
        region,
        namespace: 'AWS/Lambda',
        metricName,
        dimensions: dims ?? { FunctionName: name },
        timestamp: now - (i + 1) * 86_400_000 + 3_600_000,
        value,
      });
    });
  };
  metric('archive-exporter', 'Throttles', [42, 17, 55]);
  metric('orders-api', 'Throttles', [3]);
  metric('notifications-fanout', 'IteratorAge', [185_000, 240_000, 96_000]);
  metric('payments-webhook', 'AsyncEventsDropped', [4, 0, 1]);
  metric('fraud-scorer', 'ProvisionedConcurrencyUtilization', [0.18, 0.22], {
    FunctionName: 'fraud-scorer',
    Resource: 'fraud-scorer:live',
  });
  metric('', 'ConcurrentExecutions', [612, 840, 455], {});

  return {
    account,
    region,
    addedFunctions: added,
    configuredFunctions: configured,
    logGroups: groups,
    queues: queueSpecs.map((q) => q.name),
    tables: tableSpecs.map((t) => t.name),
    alarms: alarmSpecs.map((a) => a.name),
    stateMachines: machineSpecs.map((m) => m.name),
    apis: demoApiGateway(state, account, region),
    topics: demoSns(state, account, region),
    streams: demoKinesis(state, account, region),
    eventbridge: demoEventBridge(state, account, region),
  };
}

import type { FailureKind, LogRecord, StackFrame } from './record.js';

/**
 * Joins the records of one log stream into invocations. A Lambda log stream belongs to one
 * execution environment, which runs one invocation at a time, so records between START and the
 * next START belong to the same invocation even when they carry no request id (Python's runtime
 * traceback, Go's log lines, Java's stdout).
 *
 * The joiner is a pure state machine: `push` records in stream order, `flush(now)` returns what
 * is complete. Its per-stream state is plain JSON so it can be stored between cycles.
 */

export type Outcome = 'success' | 'error' | 'timeout' | 'out_of_memory' | 'init_failure' | 'unknown';

export interface FailureSignal {
  kind: FailureKind;
  at: number;
  requestId?: string;
  errorType?: string;
  errorMessage?: string;
  frames?: StackFrame[];
  excerpt?: string;
  timeoutSeconds?: number;
}

export interface InvocationState {
  requestId: string;
  attempt: number;
  retry: boolean;
  startedAt?: number;
  endedAt?: number;
  reportAt?: number;
  lastEventAt: number;
  version?: string;
  durationMs?: number;
  billedDurationMs?: number;
  memorySizeMB?: number;
  maxMemoryUsedMB?: number;
  initDurationMs?: number;
  restoreDurationMs?: number;
  status?: string;
  coldStart: boolean;
  failures: FailureSignal[];
  /** The last few application lines, for the log excerpt shown with an incident. */
  tail: string[];
}

export interface PendingInit {
  at: number;
  lastEventAt: number;
  initDurationMs?: number;
  failures: FailureSignal[];
  tail: string[];
}

export interface StreamState {
  current?: InvocationState;
  pendingInit?: PendingInit;
  lastEventAt: number;
}

export interface CompletedInvocation extends InvocationState {
  logStream: string;
  outcome: Outcome;
  /** Failures worth an occurrence: the invocation's main failure first, then distinct logged errors. */
  occurrences: FailureSignal[];
}

/** A failure line for an invocation that is no longer open in this stream (e.g. a late timeout line). */
export interface StrayFailure extends FailureSignal {
  logStream: string;
}

export interface PriorAttempt {
  attempt: number;
  failed: boolean;
}

export interface JoinerOptions {
  /** How long a REPORT that looked successful waits for a late failure line (ms). */
  reportGraceMs: number;
  /** An invocation with no REPORT is given up on after this long without events (ms). */
  maxOpenMs: number;
  /** Init records with no START after this long are reported on their own (ms). */
  initOrphanMs: number;
  /** The latest earlier attempt of a request id in this function, for retry detection. */
  priorAttempt?: (requestId: string) => PriorAttempt | undefined;
}

const TAIL_LINES = 6;
const TAIL_CHARS = 400;
/** A classic out-of-memory kill shows Max Memory Used at (or within a hair of) Memory Size. */
const OOM_MEMORY_RATIO = 0.97;

/** Which failure speaks for an invocation when it shows several. */
const FAILURE_PRIORITY: Record<FailureKind, number> = {
  out_of_memory: 6,
  timeout: 5,
  init_error: 4,
  uncaught_exception: 3,
  runtime_exit: 2,
  error_log: 1,
};

function noRequestId(id: string | undefined): boolean {
  return id === undefined || id === '' || id === 'undefined';
}

export class InvocationJoiner {
  private readonly streams = new Map<string, StreamState>();
  private readonly completed: CompletedInvocation[] = [];
  private readonly strays: StrayFailure[] = [];
  private readonly attempts = new Map<string, PriorAttempt>();

  constructor(private readonly options: JoinerOptions) {}

  /** Restores a stream's state saved from an earlier cycle. */
  load(stream: string, state: StreamState): void {
    this.streams.set(stream, state);
  }

  streamNames(): string[] {
    return [...this.streams.keys()];
  }

  push(stream: string, record: LogRecord, at: number): void {
    let s = this.streams.get(stream);
    if (!s) {
      s = { lastEventAt: at };
      this.streams.set(stream, s);
    }
    s.lastEventAt = Math.max(s.lastEventAt, at);
    const requestId = noRequestId(record.requestId) ? undefined : record.requestId;

    switch (record.kind) {
      case 'init_start': {
        if (s.current && record.phase === 'invoke' && s.current.reportAt === undefined) {
          // Init re-run inside the first invoke after a failed or suppressed init.
          s.current.coldStart = true;
          break;
        }
        if (s.current) this.complete(stream, s);
        s.pendingInit = { at, lastEventAt: at, failures: [], tail: [] };
        break;
      }
      case 'start': {
        if (!requestId) break;
        if (s.current) this.complete(stream, s);
        this.completeElsewhere(requestId, stream);
        const prior = this.attempts.get(requestId) ?? this.options.priorAttempt?.(requestId);
        const inv: InvocationState = {
          requestId,
          attempt: prior ? prior.attempt + 1 : 1,
          retry: prior?.failed ?? false,
          startedAt: at,
          lastEventAt: at,
          coldStart: false,
          failures: [],
          tail: [],
        };
        if (record.version !== undefined) inv.version = record.version;
        if (s.pendingInit) {
          inv.coldStart = true;
          if (s.pendingInit.initDurationMs !== undefined) inv.initDurationMs = s.pendingInit.initDurationMs;
          inv.failures.push(...s.pendingInit.failures.map((f) => ({ ...f, requestId })));
          inv.tail.push(...s.pendingInit.tail);
          s.pendingInit = undefined;
        }
        s.current = inv;
        break;
      }
      case 'end': {
        const inv = this.target(s, requestId);
        if (inv) {
          inv.endedAt = at;
          inv.lastEventAt = at;
        }
        break;
      }
      case 'report': {
        const inv = this.target(s, requestId) ?? this.synthesize(stream, s, requestId, at);
        if (!inv) break;
        inv.reportAt = at;
        inv.lastEventAt = at;
        if (inv.endedAt === undefined) inv.endedAt = at;
        copyReport(inv, record);
        if (record.failure) inv.failures.push(signal(record, at, inv.requestId));
        break;
      }
      case 'init_report': {
        if (s.current && s.current.reportAt === undefined && record.phase === 'invoke') {
          if (record.initDurationMs !== undefined) s.current.initDurationMs ??= record.initDurationMs;
          if (record.failure) s.current.failures.push(signal(record, at, s.current.requestId));
          break;
        }
        if (!s.pendingInit) s.pendingInit = { at, lastEventAt: at, failures: [], tail: [] };
        s.pendingInit.lastEventAt = at;
        if (record.initDurationMs !== undefined) s.pendingInit.initDurationMs = record.initDurationMs;
        if (record.failure) s.pendingInit.failures.push(signal(record, at, undefined));
        break;
      }
      default: {
        // Application, runtime and extension lines.
        if (record.source === 'extension') break;
        const line = record.excerpt;
        if (requestId && s.current && s.current.requestId !== requestId) {
          // A line for another request: the late line of an invocation already completed.
          if (record.failure) this.strays.push({ ...signal(record, at, requestId), logStream: stream });
          break;
        }
        const inv = requestId
          ? (this.target(s, requestId) ?? this.synthesize(stream, s, requestId, at))
          : s.current;
        if (inv) {
          inv.lastEventAt = at;
          if (line) pushTail(inv.tail, line);
          if (record.failure) inv.failures.push(signal(record, at, inv.requestId));
          break;
        }
        if (!requestId && (s.pendingInit || record.failure === 'init_error')) {
          s.pendingInit ??= { at, lastEventAt: at, failures: [], tail: [] };
          s.pendingInit.lastEventAt = at;
          if (line) pushTail(s.pendingInit.tail, line);
          if (record.failure) s.pendingInit.failures.push(signal(record, at, undefined));
          break;
        }
        if (record.failure) this.strays.push({ ...signal(record, at, requestId), logStream: stream });
      }
    }
  }

  /**
   * Completes what can be completed at `now` (event time of the read window's end) and returns
   * it, with the stray failures and the state to keep for each stream.
   */
  flush(now: number): {
    completed: CompletedInvocation[];
    strays: StrayFailure[];
    states: Map<string, StreamState>;
  } {
    const { reportGraceMs, maxOpenMs, initOrphanMs } = this.options;
    for (const [stream, s] of this.streams) {
      const inv = s.current;
      if (inv) {
        const reported = inv.reportAt !== undefined;
        const decided = reported && inv.failures.some((f) => f.kind !== 'error_log');
        if (
          decided ||
          (reported && now - inv.reportAt! >= reportGraceMs) ||
          now - inv.lastEventAt >= maxOpenMs
        ) {
          this.complete(stream, s);
        }
      }
      const init = s.pendingInit;
      if (init && !s.current && now - init.lastEventAt >= initOrphanMs) {
        if (init.failures.length > 0) {
          // An init that failed and never reached a START: report it on its own.
          const inv: InvocationState = {
            requestId: `init:${stream}:${init.at}`,
            attempt: 1,
            retry: false,
            lastEventAt: init.lastEventAt,
            coldStart: true,
            failures: init.failures,
            tail: init.tail,
          };
          if (init.initDurationMs !== undefined) inv.initDurationMs = init.initDurationMs;
          s.current = inv;
          this.complete(stream, s);
        }
        s.pendingInit = undefined;
      }
    }
    const completed = this.completed.splice(0);
    const strays = this.strays.splice(0);
    return { completed, strays, states: new Map(this.streams) };
  }

  /** The same request starting in another stream means its earlier attempt there is over. */
  private completeElsewhere(requestId: string, stream: string): void {
    for (const [name, other] of this.streams) {
      if (name !== stream && other.current?.requestId === requestId) this.complete(name, other);
    }
  }

  private target(s: StreamState, requestId: string | undefined): InvocationState | undefined {
    if (!s.current) return undefined;
    if (requestId === undefined || s.current.requestId === requestId) return s.current;
    return undefined;
  }

  /** A REPORT or line whose START was never read (it fell before the read window): start it here. */
  private synthesize(stream: string, s: StreamState, requestId: string | undefined, at: number) {
    if (!requestId) return undefined;
    if (s.current) this.complete(stream, s);
    const prior = this.attempts.get(requestId) ?? this.options.priorAttempt?.(requestId);
    if (prior && prior.attempt > 0 && !prior.failed) {
      // Most likely a late line of a completed invocation, not a new one.
      return undefined;
    }
    const inv: InvocationState = {
      requestId,
      attempt: prior ? prior.attempt + 1 : 1,
      retry: prior?.failed ?? false,
      lastEventAt: at,
      coldStart: false,
      failures: [],
      tail: [],
    };
    s.current = inv;
    return inv;
  }

  private complete(stream: string, s: StreamState): void {
    const inv = s.current;
    if (!inv) return;
    s.current = undefined;
    const done = finish(inv, stream);
    this.attempts.set(inv.requestId, { attempt: inv.attempt, failed: done.outcome !== 'success' });
    this.completed.push(done);
  }
}

function finish(inv: InvocationState, logStream: string): CompletedInvocation {
  const failures = inv.failures.map((f) => ({ ...f }));
  // A classic out-of-memory kill is `signal: killed` with memory used at the size.
  const nearLimit =
    inv.maxMemoryUsedMB !== undefined &&
    inv.memorySizeMB !== undefined &&
    inv.maxMemoryUsedMB >= inv.memorySizeMB * OOM_MEMORY_RATIO;
  for (const f of failures) {
    if (
      f.kind === 'runtime_exit' &&
      nearLimit &&
      /signal: killed|exit status 137/.test(f.errorMessage ?? '')
    ) {
      f.kind = 'out_of_memory';
      f.errorType = 'Runtime.OutOfMemory';
    }
  }
  const crashes = failures.filter((f) => f.kind !== 'error_log');
  let main: FailureSignal | undefined;
  for (const f of crashes) {
    if (!main || FAILURE_PRIORITY[f.kind] > FAILURE_PRIORITY[main.kind]) main = f;
    else if (f.kind === main.kind && !main.errorMessage && f.errorMessage) main = f;
  }
  if (main) {
    // The most telling failure speaks, enriched with the details others carried.
    const richest = crashes.find((f) => f.kind === 'uncaught_exception' && f.frames?.length);
    if (richest && main !== richest && (main.kind === 'runtime_exit' || main.kind === 'init_error')) {
      main = { ...richest, kind: main.kind === 'init_error' ? 'init_error' : richest.kind };
    }
    if (main.kind === 'timeout' && main.timeoutSeconds === undefined && inv.durationMs !== undefined) {
      main = { ...main, timeoutSeconds: Math.round(inv.durationMs / 1000) };
    }
  }
  const occurrences: FailureSignal[] = main ? [main] : [];
  const seen = new Set<string>(main ? [`${main.errorType ?? ''}|${main.errorMessage ?? ''}`] : []);
  const mainType = main?.errorType;
  for (const f of failures) {
    if (f.kind !== 'error_log') continue;
    // `logger.exception` followed by a re-raise is one problem, not two.
    if (mainType && f.errorType === mainType) continue;
    const key = `${f.errorType ?? ''}|${f.errorMessage ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    occurrences.push(f);
  }
  let outcome: Outcome;
  if (!main) outcome = inv.reportAt === undefined && inv.startedAt !== undefined ? 'unknown' : 'success';
  else if (main.kind === 'timeout') outcome = 'timeout';
  else if (main.kind === 'out_of_memory') outcome = 'out_of_memory';
  else if (main.kind === 'init_error') outcome = 'init_failure';
  else outcome = 'error';
  if (!main && inv.reportAt === undefined && inv.startedAt === undefined) outcome = 'unknown';
  return { ...inv, failures, logStream, outcome, occurrences };
}

function copyReport(inv: InvocationState, r: LogRecord): void {
  if (r.durationMs !== undefined) inv.durationMs = r.durationMs;
  if (r.billedDurationMs !== undefined) inv.billedDurationMs = r.billedDurationMs;
  if (r.memorySizeMB !== undefined) inv.memorySizeMB = r.memorySizeMB;
  if (r.maxMemoryUsedMB !== undefined) inv.maxMemoryUsedMB = r.maxMemoryUsedMB;
  if (r.initDurationMs !== undefined) {
    inv.initDurationMs = r.initDurationMs;
    inv.coldStart = true;
  }
  if (r.restoreDurationMs !== undefined) {
    inv.restoreDurationMs = r.restoreDurationMs;
    inv.coldStart = true;
  }
  if (r.status !== undefined) inv.status = r.status;
  if (r.version !== undefined) inv.version ??= r.version;
}

function signal(r: LogRecord, at: number, requestId: string | undefined): FailureSignal {
  const f: FailureSignal = { kind: r.failure ?? 'error_log', at };
  if (requestId !== undefined) f.requestId = requestId;
  if (r.errorType !== undefined) f.errorType = r.errorType;
  if (r.errorMessage !== undefined) f.errorMessage = r.errorMessage;
  if (r.frames !== undefined && r.frames.length > 0) f.frames = r.frames.slice(0, 30);
  if (r.excerpt !== undefined) f.excerpt = r.excerpt;
  if (r.timeoutSeconds !== undefined) f.timeoutSeconds = r.timeoutSeconds;
  return f;
}

function pushTail(tail: string[], line: string): void {
  tail.push(line.length > TAIL_CHARS ? `${line.slice(0, TAIL_CHARS)}…` : line);
  if (tail.length > TAIL_LINES) tail.splice(0, tail.length - TAIL_LINES);
}

/**
 * JSON log records: the platform envelope `{"time","type":"platform.*","record"}` and application
 * records (runtime JSON format, Powertools, pino, bare error documents). Used by parse.ts and, for JSON
 * payloads after a text prefix, by parse-app.ts.
 */
import { framesFrom } from './frames.js';
import { parseTimeout } from './parse-platform.js';
import {
  asObject,
  failureForInitStatus,
  failureForStatus,
  failureForThrown,
  failureRecord,
  firstLine,
  head,
  isErrorLevel,
  isOomType,
  MAX_JSON_CHARS,
  make,
  normLevel,
  str,
  toNumber,
} from './parse-util.js';
import type { FailureKind, LogRecord } from './record.js';

/** JSON.parse that never throws; only objects are of interest. */
export function parseJsonDoc(text: string): Record<string, unknown> | undefined {
  if (text.length > MAX_JSON_CHARS) return undefined;
  try {
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * The keys a classification needs, read with one linear regex from the head of a JSON document that
 * did not parse (CloudWatch cuts events over 256 KB, consoles cut long lines). The first occurrence
 * of each key wins; values may be cut.
 */
const LOOSE_FIELD =
  /"(level|log_level|requestId|errorType|errorMessage|message|type|function_request_id|exception_name|location)"\s*:\s*"((?:[^"\\]|\\.){0,4000})/g;

export function looseJsonFields(text: string): Record<string, unknown> | undefined {
  const h = head(text);
  let out: Record<string, unknown> | undefined;
  LOOSE_FIELD.lastIndex = 0;
  for (let i = 0; i < 32; i++) {
    const m = LOOSE_FIELD.exec(h);
    if (m === null) break;
    out ??= {};
    const key = m[1]!;
    if (key in out) continue;
    let value = m[2]!;
    try {
      value = JSON.parse(`"${value}"`) as string;
    } catch {
      // Cut in the middle of an escape: keep the raw text.
    }
    out[key] = value;
  }
  return out;
}

export interface AppJsonContext {
  /**
   * True when nothing but the document is on the line: a bare `{errorMessage, errorType, stackTrace}`
   * is then what a runtime prints for a failed invocation (Java, Go, Ruby, legacy Node callback).
   * After a leveled text prefix it is just something the code logged.
   */
  bareErrorIsUncaught: boolean;
  /** Level and request id of a text prefix, used when the payload carries none (the payload wins). */
  prefixLevel?: string | undefined;
  prefixRequestId?: string | undefined;
}

/** A JSON log record: a platform envelope or an application record. */
export function classifyJsonObject(o: Record<string, unknown>, ctx: AppJsonContext): LogRecord {
  const type = o['type'];
  if (typeof type === 'string' && type.startsWith('platform.') && 'record' in o) {
    const r = platformRecord(type.slice(9), o['record']);
    r.format = 'JSON';
    return r;
  }
  const r = appRecord(o, ctx);
  r.format = 'JSON';
  return r;
}

function metricsInto(r: LogRecord, metrics: Record<string, unknown> | undefined): void {
  if (metrics === undefined) return;
  const d = toNumber(metrics['durationMs']);
  if (d !== undefined) r.durationMs = d;
  const b = toNumber(metrics['billedDurationMs']);
  if (b !== undefined) r.billedDurationMs = b;
  const m = toNumber(metrics['memorySizeMB']);
  if (m !== undefined) r.memorySizeMB = m;
  const u = toNumber(metrics['maxMemoryUsedMB']);
  if (u !== undefined) r.maxMemoryUsedMB = u;
  const i = toNumber(metrics['initDurationMs']);
  if (i !== undefined) r.initDurationMs = i;
  const rd = toNumber(metrics['restoreDurationMs']);
  if (rd !== undefined) r.restoreDurationMs = rd;
}

function phaseOf(v: unknown): 'init' | 'invoke' | undefined {
  return v === 'init' || v === 'invoke' ? v : undefined;
}

/**
 * `{"time","type":"platform.<x>","record":{...}}`. initRuntimeDone/restoreRuntimeDone are info: the
 * initReport that follows carries the init outcome, and counting both would double it. runtimeDone is
 * the JSON END; its status is judged like a REPORT's because older JSON reports carry no status.
 */
function platformRecord(sub: string, recordValue: unknown): LogRecord {
  const rec = asObject(recordValue) ?? {};
  const requestId = str(rec['requestId']);
  const status = str(rec['status']);
  const errorType = str(rec['errorType']);
  const metrics = asObject(rec['metrics']);
  let r: LogRecord;
  switch (sub) {
    case 'start':
      r = make('start', null, 'platform');
      if (requestId !== undefined) r.requestId = requestId;
      if (str(rec['version']) !== undefined) r.version = str(rec['version']);
      return r;
    case 'runtimeDone':
    case 'end':
      r = make('end', failureForStatus(status, errorType), 'platform');
      break;
    case 'report':
      r = make('report', failureForStatus(status, errorType), 'platform');
      metricsInto(r, metrics);
      break;
    case 'initStart':
    case 'restoreStart': {
      r = make('init_start', null, 'platform');
      const v = str(rec['runtimeVersion']);
      if (v !== undefined) r.version = v;
      const phase = phaseOf(rec['phase']);
      if (phase !== undefined) r.phase = phase;
      return r;
    }
    case 'initReport':
    case 'restoreReport': {
      r = make('init_report', failureForInitStatus(status, errorType), 'platform');
      const d = toNumber(metrics?.['durationMs']);
      if (d !== undefined) {
        if (sub === 'initReport') r.initDurationMs = d;
        else r.restoreDurationMs = d;
      }
      const phase = phaseOf(rec['phase']);
      if (phase !== undefined) r.phase = phase;
      break;
    }
    case 'initRuntimeDone':
    case 'restoreRuntimeDone': {
      r = make('info', null, 'platform');
      const phase = phaseOf(rec['phase']);
      if (phase !== undefined) r.phase = phase;
      break;
    }
    case 'extension': {
      const state = str(rec['state']);
      const bad = state !== undefined && state !== 'Ready' && state !== 'Registered';
      r = make(bad ? 'warning' : 'info', null, 'extension');
      if (bad) r.status = state;
      if (errorType !== undefined) r.errorType = errorType;
      return r;
    }
    case 'telemetrySubscription':
    case 'logsSubscription':
      return make('info', null, 'extension');
    case 'logsDropped':
      // Lambda dropped log lines: not a failure of the function, but evidence may be missing.
      return make('warning', null, 'platform');
    case 'fault': {
      r = failureRecord('runtime_exit', 'platform');
      const text = typeof recordValue === 'string' ? recordValue.trim() : undefined;
      if (text !== undefined && text !== '') {
        r.errorMessage = text;
        const m = /RequestId:\s*([^\s]{1,128})/.exec(text.length > 300 ? text.slice(0, 300) : text);
        if (m !== null) r.requestId = m[1];
      }
      return r;
    }
    default:
      r = make('info', null, 'platform');
  }
  if (requestId !== undefined) r.requestId = requestId;
  if (status !== undefined) r.status = status;
  if (errorType !== undefined) r.errorType = errorType;
  return r;
}

/** What the Node runtime prints in front of the errors it catches (text format). */
const NODE_LABELS = new Set(['Invoke Error', 'Uncaught Exception', 'Unhandled Promise Rejection']);

function firstString(o: Record<string, unknown> | undefined, keys: readonly string[]): string | undefined {
  if (o === undefined) return undefined;
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return undefined;
}

const REQUEST_ID_KEYS = [
  'requestId',
  'function_request_id',
  'AWSRequestId',
  'awsRequestId',
  'aws-request-id',
  'request_id',
] as const;

/**
 * An application record: `{"timestamp","level","requestId","message",...}` from the runtimes' JSON
 * format, Powertools, pino/bunyan and friends, or a bare error document. Decisions:
 * - Python's runtime prints uncaught errors with `log_level` (not `level`) and no message:
 *   uncaught_exception (init_error for the handler-loading types).
 * - Powertools with `location: log_uncaught_exception_hook...`: uncaught_exception.
 * - Node's JSON format prints the runtime's caught error as `message: {errorType, errorMessage,
 *   stackTrace}` at ERROR: uncaught_exception (init_error when there is no request id, i.e. init).
 *   `console.error(err)` in user code prints the very same shape and cannot be told apart.
 * - A bare error document (no level, no message) alone on a line: uncaught_exception.
 * - Otherwise the payload level decides: ERROR/FATAL error_log, WARN warning, the rest info. A
 *   LAMBDA_WARNING message is a warning whatever its level.
 * - The up proxy's `{"level":"info","message":"REPORT ..."}` stays an info line: it is the proxy's
 *   log of a line, and the platform writes its own REPORT/timeout lines, so unwrapping would count twice.
 */
function appRecord(o: Record<string, unknown>, ctx: AppJsonContext): LogRecord {
  const levelRaw = o['level'] ?? o['log_level'] ?? o['severity'] ?? o['levelname'];
  const level = normLevel(levelRaw) ?? ctx.prefixLevel;
  if (level !== undefined && level !== 'ERROR' && level !== 'FATAL' && o['log_level'] === undefined) {
    // Below ERROR nothing in the record can make it a failure: skip the error fields (most records).
    const msg = o['message'] ?? o['msg'];
    const warn = level === 'WARN' || (typeof msg === 'string' && msg.startsWith('LAMBDA_WARNING'));
    const quick = make(warn ? 'warning' : 'info', null, 'app');
    quick.level = level;
    const id = firstString(o, REQUEST_ID_KEYS) ?? ctx.prefixRequestId;
    if (id !== undefined && id !== 'undefined') quick.requestId = id;
    return quick;
  }
  const msgVal = o['message'] ?? o['msg'];
  const msgObj = asObject(msgVal);
  const msgStr = typeof msgVal === 'string' ? msgVal : undefined;
  const errObj = asObject(o['error']) ?? asObject(o['err']) ?? asObject(o['exception']);
  const requestId = firstString(o, REQUEST_ID_KEYS) ?? ctx.prefixRequestId;
  const errorType =
    str(o['errorType']) ??
    str(msgObj?.['errorType']) ??
    str(o['exception_name']) ??
    firstString(errObj, ['errorType', 'name', 'type']);
  let errorMessage =
    str(o['errorMessage']) ??
    str(msgObj?.['errorMessage']) ??
    firstString(errObj, ['errorMessage', 'message']);
  const stack =
    o['stackTrace'] ??
    msgObj?.['stackTrace'] ??
    (typeof o['exception'] === 'string' ? o['exception'] : undefined) ??
    errObj?.['stack'] ??
    errObj?.['stackTrace'] ??
    o['stack'] ??
    msgObj?.['stack'];

  let failure: FailureKind | null = null;
  const location = str(o['location']);
  if (o['log_level'] !== undefined && o['level'] === undefined && (errorType ?? errorMessage) !== undefined) {
    failure = failureForThrown(errorType);
  } else if (location?.startsWith('log_uncaught_exception_hook')) {
    failure = failureForThrown(errorType);
  } else if (
    msgStr !== undefined &&
    NODE_LABELS.has(msgStr) &&
    (level === undefined || isErrorLevel(level))
  ) {
    failure = failureForThrown(errorType);
    // Uncaught at init (no request id yet) is an init failure whatever the type.
    const atInit = requestId === undefined || requestId === 'undefined';
    if (msgStr === 'Uncaught Exception' && failure === 'uncaught_exception' && atInit) failure = 'init_error';
  } else if (
    msgObj !== undefined &&
    str(msgObj['errorType']) !== undefined &&
    Array.isArray(msgObj['stackTrace']) &&
    (level === undefined || isErrorLevel(level))
  ) {
    failure = failureForThrown(errorType);
    if (requestId === undefined && failure === 'uncaught_exception') failure = 'init_error';
  } else if (
    ctx.bareErrorIsUncaught &&
    levelRaw === undefined &&
    msgVal === undefined &&
    (o['errorMessage'] !== undefined || o['errorType'] !== undefined)
  ) {
    if (errorMessage?.includes('Task timed out after')) {
      const t = parseTimeout(errorMessage.trim());
      if (t !== undefined) {
        t.source = 'app';
        return t;
      }
    }
    failure = failureForThrown(errorType);
  } else if (isErrorLevel(level)) {
    failure = isOomType(errorType) ? 'out_of_memory' : 'error_log';
  }

  let r: LogRecord;
  if (failure !== null) r = failureRecord(failure, 'app');
  else if (level === 'WARN' || msgStr?.startsWith('LAMBDA_WARNING')) r = make('warning', null, 'app');
  else r = make('info', null, 'app');

  if (requestId !== undefined && requestId !== 'undefined') r.requestId = requestId;
  if (level !== undefined) r.level = level;
  if (failure !== null) {
    if (errorType !== undefined) r.errorType = errorType;
    if (errorMessage === undefined && typeof stack === 'string' && o['exception'] === stack) {
      // Powertools: the message is the app's words; the exception text ends with `Type: message`.
      const last = lastLine(stack);
      const colon = last.indexOf(': ');
      if (colon > 0) errorMessage = last.slice(colon + 2);
    }
    if (errorMessage === undefined && msgStr !== undefined) errorMessage = firstLine(msgStr);
    if (errorMessage !== undefined) r.errorMessage = errorMessage;
    const frames = framesFrom(stack);
    if (frames.length > 0) r.frames = frames;
  }
  return r;
}

function lastLine(text: string): string {
  const t = text.length > 4096 ? text.slice(-4096) : text;
  const trimmed = t.trimEnd();
  const nl = Math.max(trimmed.lastIndexOf('\n'), trimmed.lastIndexOf('\r'));
  return trimmed.slice(nl + 1).trim();
}

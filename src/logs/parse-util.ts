/** Shared pieces of the log parser: bounds, cheap scanning helpers, levels, and the failure rules by error type. */
import type { FailureKind, LogRecord, RecordKind } from './record.js';

/** Dispatch and regexes only ever look at this many leading characters of a message. */
export const HEAD_CHARS = 8192;
/** Limits from the classify contract: bounded output whatever the input. */
export const MAX_ERROR_MESSAGE = 4000;
export const MAX_EXCERPT = 2000;
/** Ids, types, versions and levels longer than this are garbage; cut them rather than carry them. */
export const MAX_FIELD = 256;
/** CloudWatch events are at most 256 KB; anything far larger is not a log event and is not JSON-parsed. */
export const MAX_JSON_CHARS = 1_048_576;

export type Source = NonNullable<LogRecord['source']>;

/**
 * Every record is created with the same properties in the same order (absent ones undefined), so V8
 * gives them all one hidden class: code that reads records (finish, classify output, the invocation
 * joiner) then stays monomorphic on a mixed stream, which measured about a third faster than records
 * shaped by whichever fields a line happened to carry. Absent fields read as undefined either way and
 * JSON.stringify leaves them out.
 */
export function make(kind: RecordKind, failure: FailureKind | null, source: Source): LogRecord {
  return {
    kind,
    failure,
    requestId: undefined,
    version: undefined,
    durationMs: undefined,
    billedDurationMs: undefined,
    memorySizeMB: undefined,
    maxMemoryUsedMB: undefined,
    initDurationMs: undefined,
    restoreDurationMs: undefined,
    status: undefined,
    errorType: undefined,
    errorMessage: undefined,
    timeoutSeconds: undefined,
    level: undefined,
    phase: undefined,
    frames: undefined,
    source,
    format: undefined,
    timestamp: undefined,
    excerpt: undefined,
  };
}

/** A record whose kind is the failure itself (uncaught_exception, init_error, ...). */
export function failureRecord(failure: FailureKind, source: Source): LogRecord {
  return make(failure, failure, source);
}

/** Cuts `s` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

export function head(s: string): string {
  return s.length > HEAD_CHARS ? cut(s, HEAD_CHARS) : s;
}

export function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

export function skipWs(s: string, i: number, end: number = s.length): number {
  while (i < end && isWs(s.charCodeAt(i))) i++;
  return i;
}

/** Skips spaces and tabs only (platform separators), not line breaks. */
export function skipBlanks(s: string, i: number, end: number = s.length): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

export function tokenEnd(s: string, i: number, end: number = s.length): number {
  while (i < end && !isWs(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Index of the first `\n` or `\r` at or after `from`, or the length. Native scans: a JS charCodeAt
 * loop costs a few ns per character, indexOf a few ns per call.
 */
export function lineEnd(s: string, from = 0): number {
  const a = s.indexOf('\n', from);
  if (a < 0) {
    const b = s.indexOf('\r', from);
    return b < 0 ? s.length : b;
  }
  // A `\r` before the `\n`? lastIndexOf is bounded by `a`; only then find the first one.
  return s.lastIndexOf('\r', a) >= from ? s.indexOf('\r', from) : a;
}

export function firstLine(s: string): string {
  const e = lineEnd(s);
  return e === s.length ? s : s.slice(0, e);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A finite, non-negative number from a number or a numeric string; anything else is dropped. */
export function toNumber(v: unknown): number | undefined {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.length > 0 && v.length < 40) n = Number.parseFloat(v);
  else return undefined;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

const LEVELS: Record<string, string> = {
  trace: 'TRACE',
  trce: 'TRACE',
  debug: 'DEBUG',
  dbug: 'DEBUG',
  info: 'INFO',
  information: 'INFO',
  notice: 'INFO',
  warn: 'WARN',
  warning: 'WARN',
  error: 'ERROR',
  err: 'ERROR',
  fail: 'ERROR',
  fatal: 'FATAL',
  crit: 'FATAL',
  critical: 'FATAL',
  alert: 'FATAL',
  emerg: 'FATAL',
};

/** pino/bunyan numeric levels. */
const NUMERIC_LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/**
 * Upper-case canonical level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL). .NET's `fail`/`crit`, Python's
 * WARNING/CRITICAL and pino's numbers map onto these; an unknown word is kept upper-cased.
 */
export function normLevel(raw: unknown): string | undefined {
  if (typeof raw === 'number') return NUMERIC_LEVELS[raw];
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 16) return undefined;
  // The spellings that make up nearly every line, without lower-casing a fresh string.
  switch (raw) {
    case 'INFO':
    case 'ERROR':
    case 'WARN':
    case 'DEBUG':
    case 'TRACE':
    case 'FATAL':
      return raw;
    case 'info':
      return 'INFO';
    case 'error':
      return 'ERROR';
    case 'WARNING':
    case 'warn':
    case 'warning':
      return 'WARN';
    case 'debug':
      return 'DEBUG';
  }
  const known = LEVELS[raw.toLowerCase()];
  if (known !== undefined) return known;
  return /^[A-Za-z]+$/.test(raw) ? raw.toUpperCase() : undefined;
}

export function isErrorLevel(level: string | undefined): boolean {
  return level === 'ERROR' || level === 'FATAL';
}

/** Error types the runtimes raise when the handler cannot be loaded: the init phase failed. */
const INIT_ERROR_TYPES = new Set([
  'Runtime.ImportModuleError',
  'Runtime.UserCodeSyntaxError',
  'Runtime.HandlerNotFound',
  'Runtime.MalformedHandlerName',
  'Runtime.InvalidEntrypoint',
  'Runtime.BadFunctionCode',
  'Runtime.InvalidHandler',
  'java.lang.ClassNotFoundException',
  'java.lang.NoClassDefFoundError',
  'java.lang.ExceptionInInitializerError',
  'lambdainternal.HandlerInfo$InvalidHandlerException',
]);

export function isInitErrorType(t: string | undefined): boolean {
  if (t === undefined) return false;
  // Ruby wraps init failures as Init<LoadError>, Init<SyntaxError>, ...
  return INIT_ERROR_TYPES.has(t) || t.startsWith('Init<');
}

export function isOomType(t: string | undefined): boolean {
  if (t === undefined) return false;
  return (
    t === 'Runtime.OutOfMemory' ||
    t === 'java.lang.OutOfMemoryError' ||
    t === 'OutOfMemoryError' ||
    t === 'System.OutOfMemoryException' ||
    t === 'MemoryError'
  );
}

/** Types of the platform's own runtime/sandbox failures (the process died, not the code threw). */
function isPlatformExitType(t: string): boolean {
  return (
    t.startsWith('Runtime.') || t.startsWith('Extension.') || t.startsWith('Sandbox.') || t === 'Unhandled' // what the Logs API reports for a crashed runtime
  );
}

/**
 * The failure an error thrown out of the handler (or reported by the runtime for it) shows.
 * OOM types are out_of_memory, handler-loading types are init_error, the platform's own
 * Runtime.ExitError/Runtime.Unknown/Extension.Crash/Sandbox.* are runtime_exit, the rest
 * uncaught_exception.
 */
export function failureForThrown(errorType: string | undefined): FailureKind {
  if (errorType === undefined) return 'uncaught_exception';
  if (isOomType(errorType)) return 'out_of_memory';
  if (isInitErrorType(errorType)) return 'init_error';
  if (errorType === 'Runtime.UnhandledPromiseRejection') return 'uncaught_exception';
  if (isPlatformExitType(errorType)) return 'runtime_exit';
  return 'uncaught_exception';
}

/**
 * The failure a REPORT / platform.report / platform.runtimeDone status shows.
 * `timeout` is a timeout. `error` (or the Logs API's `failure`): Runtime.OutOfMemory is out_of_memory;
 * handler-loading types (init re-run inside the invoke) are init_error; Runtime.* / Extension.* /
 * Sandbox.* types, or no type at all, mean the runtime process failed, so runtime_exit; any other
 * type is the function's own error surfacing through the platform, so uncaught_exception.
 * Memory used == memory size is not judged here: the invocation joiner decides OOM from that.
 */
export function failureForStatus(
  status: string | undefined,
  errorType: string | undefined,
): FailureKind | null {
  if (status === undefined) return null;
  const s = status.toLowerCase();
  if (s === 'timeout') return 'timeout';
  if (s !== 'error' && s !== 'failure') return null;
  if (errorType === undefined) return 'runtime_exit';
  if (isOomType(errorType)) return 'out_of_memory';
  if (isInitErrorType(errorType)) return 'init_error';
  if (isPlatformExitType(errorType)) return 'runtime_exit';
  return 'uncaught_exception';
}

/**
 * The failure an INIT_REPORT / platform.initReport status shows: an init that timed out or errored is
 * an init failure (not an invocation timeout), unless the type says it ran out of memory.
 */
export function failureForInitStatus(
  status: string | undefined,
  errorType: string | undefined,
): FailureKind | null {
  if (status === undefined) return null;
  const s = status.toLowerCase();
  if (s === 'success') return null;
  if (isOomType(errorType)) return 'out_of_memory';
  return 'init_error';
}

/**
 * `Type` or `Type: message` at the start of a line, where Type looks like an exception class
 * (`TypeError`, `java.lang.IllegalStateException`, `System.InvalidOperationException`). The regex only
 * sees the first 2 000 characters (a type is short); the message is the rest of the line, whatever its length.
 */
const EXCEPTION_HEADER = /^([A-Za-z_$][\w$]{0,100}(?:[.+/][A-Za-z_$<>][\w$<>`]{0,100}){0,12})(?::[ \t]?|$)/;
const EXCEPTION_SUFFIX = /(?:Error|Exception|Fault|Failure|Panic|Throwable|Interrupt|Exit)(?:<[^>]*>)?$/;

export interface ExceptionHeader {
  type: string;
  message: string | undefined;
}

/** Reads `Type: message` from one line; unless `loose`, Type must end like an exception name. */
export function exceptionHeader(line: string, loose = false): ExceptionHeader | undefined {
  const m = EXCEPTION_HEADER.exec(line.length > 2000 ? line.slice(0, 2000) : line);
  if (m === null) return undefined;
  const type = m[1]!;
  if (!loose && !EXCEPTION_SUFFIX.test(type)) return undefined;
  if (m[0].length === type.length) {
    // `Type` alone, or `Type` then something that is not `: ` (the regex allowed only the end).
    return line.length === type.length ? { type, message: undefined } : undefined;
  }
  const message = line.slice(m[0].length).trim();
  return { type, message: message === '' ? undefined : message };
}

/** Looks like the start of a timestamp column (`2024-01-02...`, `2024/01/02...`). */
export function looksLikeDate(s: string, i = 0): boolean {
  return (
    s.length >= i + 10 &&
    isDigit(s.charCodeAt(i)) &&
    isDigit(s.charCodeAt(i + 1)) &&
    isDigit(s.charCodeAt(i + 2)) &&
    isDigit(s.charCodeAt(i + 3)) &&
    (s.charCodeAt(i + 4) === 45 || s.charCodeAt(i + 4) === 47) &&
    isDigit(s.charCodeAt(i + 5)) &&
    isDigit(s.charCodeAt(i + 6))
  );
}

export interface TracebackTail {
  type: string;
  message: string | undefined;
}

/**
 * The exception a Python traceback ends with: the first unindented line after the last `  File ...`
 * frame (`ValueError: bad input`). Reads only the tail of long messages.
 */
export function tracebackException(text: string): TracebackTail | undefined {
  const t = text.length > 8192 ? text.slice(-8192) : text;
  const frameAt = t.lastIndexOf('\n  File "');
  const start = frameAt >= 0 ? frameAt + 1 : t.lastIndexOf('Traceback (most recent call last):');
  if (start < 0) return undefined;
  const n = t.length;
  let pos = lineEnd(t, start) + 1;
  while (pos < n) {
    const e = lineEnd(t, pos);
    const c = t.charCodeAt(pos);
    if (e > pos && c !== 32 && c !== 9) return exceptionHeader(t.slice(pos, e), true);
    pos = e + 1;
  }
  return undefined;
}

/** The Lambda platform's text lines: START, END, REPORT, INIT_*, RESTORE_*, timeouts, runtime exits, extensions. */
import {
  failureForInitStatus,
  failureForStatus,
  failureRecord,
  isInitErrorType,
  isOomType,
  isWs,
  lineEnd,
  make,
  skipBlanks,
  skipWs,
  tokenEnd,
  toNumber,
} from './parse-util.js';
import type { LogRecord } from './record.js';

/**
 * Pairs of the platform line being read, reused across calls (the parser is synchronous and does not
 * re-enter while a line is being read) so that reading a REPORT allocates only its values.
 */
const pairKeys: string[] = [];
const pairValues: string[] = [];

/**
 * Reads the `Key: value [unit]` pairs of a platform line from `from` on into pairKeys/pairValues and
 * returns how many. Keys may hold spaces (`Max Memory Used`); a tab and a run of spaces are the same
 * separator, and a trailing `ms`/`MB` unit is skipped. Values are single tokens. Linear, no regex.
 */
function scanPairs(s: string, from: number): number {
  const n = s.length;
  let pos = from;
  let count = 0;
  while (count < 32 && pos < n) {
    pos = skipWs(s, pos);
    if (pos >= n) break;
    // Key: up to the next ':' on this line, at most 40 characters away.
    let colon = -1;
    const limit = Math.min(pos + 40, n);
    for (let i = pos; i < limit; i++) {
      const c = s.charCodeAt(i);
      if (c === 58 /* : */) {
        colon = i;
        break;
      }
      if (c === 10 || c === 13 || c === 9) break;
    }
    if (colon < 0) {
      // Not a pair (a stray token left by a quirk): skip it.
      pos = tokenEnd(s, pos);
      continue;
    }
    let key = s.slice(pos, colon);
    if (key.includes('  ')) key = key.replace(/ {2,}/g, ' ');
    const v0 = skipBlanks(s, colon + 1);
    const v1 = tokenEnd(s, v0);
    pairKeys[count] = key;
    pairValues[count] = s.slice(v0, v1);
    count++;
    pos = v1;
    const u0 = skipBlanks(s, pos);
    if (u0 + 2 <= n && (u0 + 2 === n || isWs(s.charCodeAt(u0 + 2)))) {
      if (s.startsWith('ms', u0) || s.startsWith('MB', u0)) pos = u0 + 2;
    }
  }
  return count;
}

/*
 * The common platform lines are read with one anchored regex each: on V8 a single exec that captures
 * every field is cheaper than a handful of startsWith/indexOf calls. Each regex is a chain of literals
 * and bounded character classes that cannot overlap, so it runs in linear time. A line the regex does
 * not fit (another order, an unknown field) goes through the pair scanner instead.
 */
const START = /^START[ \t]+RequestId:[ \t]*([^\s]+)(?:[ \t]+Version:[ \t]*([^\s]+))?/;
const END = /^END[ \t]+RequestId:[ \t]*([^\s]+)/;
const REPORT =
  /^REPORT[ \t]+RequestId:[ \t]*([^\s]+)\s+(?:Init Duration:[ \t]*([\d.]+)[ \t]*ms\s+)?Duration:[ \t]*([\d.]+)[ \t]*ms\s+Billed Duration:[ \t]*([\d.]+)[ \t]*ms\s+Memory Size:[ \t]*([\d.]+)[ \t]*MB\s+Max Memory Used:[ \t]*([\d.]+)[ \t]*MB(?:\s+Init Duration:[ \t]*([\d.]+)[ \t]*ms)?(?:\s+Restore Duration:[ \t]*([\d.]+)[ \t]*ms)?(?:\s+Billed Restore Duration:[ \t]*[\d.]+[ \t]*ms)?(?:\s+Status:[ \t]*([^\s]+))?(?:\s+Error Type:[ \t]*([^\s]+))?(?:\s+XRAY TraceId:[^\n]*)?\s*$/;
const INIT_START = /^(?:INIT|RESTORE)_START[ \t]+Runtime Version:[ \t]*([^\s]+)/;

/** `START RequestId: <id> Version: <v>` */
export function parseStart(s: string): LogRecord {
  const r = make('start', null, 'platform');
  const m = START.exec(s);
  if (m !== null) {
    r.requestId = m[1];
    if (m[2] !== undefined) r.version = m[2];
  }
  return r;
}

/** `END RequestId: <id>` */
export function parseEnd(s: string): LogRecord {
  const r = make('end', null, 'platform');
  const m = END.exec(s);
  if (m !== null) r.requestId = m[1];
  return r;
}

/**
 * `REPORT RequestId: <id>\tDuration: ...` with its optional fields in any order (RIE puts Init Duration
 * first), trailing tab/newline or not, `27 ms \t`, and the X-Ray part. Status timeout is a timeout;
 * Status error is judged by its Error Type (see failureForStatus).
 */
export function parseReport(s: string): LogRecord {
  const r = make('report', null, 'platform');
  const m = REPORT.exec(s);
  if (m !== null) {
    // Direct stores, one per field, and unary plus on the captured digits: measurable on this path.
    r.requestId = m[1];
    const d = +m[3]!;
    if (d >= 0 && d < Infinity) r.durationMs = d;
    const b = +m[4]!;
    if (b >= 0 && b < Infinity) r.billedDurationMs = b;
    const size = +m[5]!;
    if (size >= 0 && size < Infinity) r.memorySizeMB = size;
    const used = +m[6]!;
    if (used >= 0 && used < Infinity) r.maxMemoryUsedMB = used;
    const init = m[2] ?? m[7];
    if (init !== undefined) setNumber(r, 'initDurationMs', init);
    if (m[8] !== undefined) setNumber(r, 'restoreDurationMs', m[8]);
    if (m[9] !== undefined) r.status = m[9];
    if (m[10] !== undefined) r.errorType = m[10];
  } else {
    const count = scanPairs(s, 6);
    for (let i = 0; i < count; i++) reportField(r, pairKeys[i]!, pairValues[i]!);
  }
  r.failure = failureForStatus(r.status, r.errorType);
  return r;
}

/** REPORT keys that carry a number, and the field each fills. */
const reportNumbers = new Map<string, NumberField>([
  ['Duration', 'durationMs'],
  ['Billed Duration', 'billedDurationMs'],
  ['Memory Size', 'memorySizeMB'],
  ['Max Memory Used', 'maxMemoryUsedMB'],
  ['Init Duration', 'initDurationMs'],
  ['Restore Duration', 'restoreDurationMs'],
]);

/** One `Key: value` of a REPORT read by the pair scanner. */
function reportField(r: LogRecord, key: string, v: string): void {
  const field = reportNumbers.get(key);
  if (field !== undefined) setNumber(r, field, v);
  else if (v === '') return;
  else if (key === 'RequestId') r.requestId = v;
  else if (key === 'Status') r.status = v;
  else if (key === 'Error Type') r.errorType = v;
}

type NumberField =
  | 'durationMs'
  | 'billedDurationMs'
  | 'memorySizeMB'
  | 'maxMemoryUsedMB'
  | 'initDurationMs'
  | 'restoreDurationMs';

function setNumber(r: LogRecord, field: NumberField, v: string | undefined): void {
  if (v === undefined) return;
  const n = toNumber(v);
  if (n !== undefined) r[field] = n;
}

/** `INIT_START Runtime Version: python:3.12.v18\tRuntime Version ARN: ...` (and RESTORE_START). */
export function parseInitStart(s: string, from: number): LogRecord {
  const r = make('init_start', null, 'platform');
  const m = INIT_START.exec(s);
  if (m !== null) {
    r.version = m[1];
    return r;
  }
  const count = scanPairs(s, from);
  for (let i = 0; i < count; i++) {
    if (pairKeys[i] === 'Runtime Version' && pairValues[i] !== '') r.version = pairValues[i];
  }
  return r;
}

/**
 * `INIT_REPORT Init Duration: <f> ms\tPhase: init|invoke\tStatus: error|timeout[\tError Type: <t>]`
 * (and RESTORE_REPORT with Restore Duration). A failed or timed-out init is an init_error, not an
 * invocation timeout; Runtime.OutOfMemory is out_of_memory.
 */
export function parseInitReport(s: string, from: number): LogRecord {
  const r = make('init_report', null, 'platform');
  const count = scanPairs(s, from);
  for (let i = 0; i < count; i++) {
    const v = pairValues[i]!;
    switch (pairKeys[i]) {
      case 'Init Duration':
        setNumber(r, 'initDurationMs', v);
        break;
      case 'Restore Duration':
        setNumber(r, 'restoreDurationMs', v);
        break;
      case 'Phase':
        if (v === 'init' || v === 'invoke') r.phase = v;
        break;
      case 'Status':
        if (v !== '') r.status = v;
        break;
      case 'Error Type':
        if (v !== '') r.errorType = v;
        break;
    }
  }
  r.failure = failureForInitStatus(r.status, r.errorType);
  return r;
}

/**
 * `Task timed out after 3.00 seconds`, bare or after `<ISO-ts> <id> ` (single spaces, or tabs from a
 * viewer). Returns undefined when the text before it is not a timestamp and/or an id.
 */
const TIMEOUT =
  /^(?:(\d{4}-\d\d-\d\d[T ][\d:.,]{1,20}(?:Z|[+-]\d\d:?\d\d)?)\s+)?(?:([^\s]{1,128})\s+)?Task timed out after\s+(\d{1,7}(?:\.\d{1,9})?)\s+seconds/;

export function parseTimeout(s: string): LogRecord | undefined {
  const m = TIMEOUT.exec(s.length > 400 ? s.slice(0, 400) : s);
  if (m === null) return undefined;
  const r = failureRecord('timeout', 'platform');
  const id = m[2];
  if (id !== undefined && !/^\d{4}-\d\d-\d\d/.test(id)) r.requestId = id;
  const secs = toNumber(m[3]);
  if (secs !== undefined) r.timeoutSeconds = secs;
  return r;
}

const PLATFORM_EXIT_TYPE = /^(?:Runtime|Extension|Sandbox)\.[A-Za-z]{1,60}$/;

/**
 * The runtime-exit family: `<reason>` then `\n<ErrorType>` (or the type flattened onto the same line
 * by a console). Reasons for a missing or unstartable bootstrap are init failures; Runtime.OutOfMemory
 * is out_of_memory; everything else (signal: killed, exit status n, Extension.Crash, Runtime.Unknown,
 * legacy `Process exited before completing request`) is runtime_exit. `signal: killed` is only a
 * hint of OOM: the joiner decides from memory used.
 */
export function exitRecord(text: string, requestId: string | undefined, trusted: true): LogRecord;
export function exitRecord(
  text: string,
  requestId: string | undefined,
  trusted: boolean,
): LogRecord | undefined;
export function exitRecord(
  text: string,
  requestId: string | undefined,
  trusted: boolean,
): LogRecord | undefined {
  const eol = lineEnd(text);
  let reason = text.slice(0, eol).trim();
  let errorType: string | undefined;
  if (eol < text.length) {
    const after = text.slice(eol + 1, eol + 200).trimStart();
    const t = after.slice(0, lineEnd(after)).trim();
    if (PLATFORM_EXIT_TYPE.test(t)) errorType = t;
  }
  if (errorType === undefined) {
    // Flattened: `... exit status 1 Runtime.ExitError`.
    const sp = reason.lastIndexOf(' ');
    if (sp > 0) {
      const t = reason.slice(sp + 1);
      if (PLATFORM_EXIT_TYPE.test(t)) {
        errorType = t;
        reason = reason.slice(0, sp).trimEnd();
      }
    }
  }
  const lead = reason.slice(0, 60);
  if (lead.startsWith('Task timed out after')) {
    const t = parseTimeout(reason);
    if (t !== undefined) {
      if (requestId !== undefined) t.requestId = requestId;
      return t;
    }
  }
  const known =
    trusted ||
    lead.startsWith('Runtime exited') ||
    lead.startsWith("Couldn't find valid bootstrap") ||
    lead.startsWith('Runtime failed to start') ||
    lead.startsWith('Unknown application error occurred') ||
    lead.startsWith('Process exited before completing request') ||
    errorType !== undefined;
  if (!known) return undefined;
  let r: LogRecord;
  if (isOomType(errorType)) r = failureRecord('out_of_memory', 'platform');
  else if (
    isInitErrorType(errorType) ||
    lead.startsWith("Couldn't find valid bootstrap") ||
    lead.startsWith('Runtime failed to start')
  ) {
    r = failureRecord('init_error', 'platform');
  } else r = failureRecord('runtime_exit', 'platform');
  if (requestId !== undefined) r.requestId = requestId;
  if (errorType !== undefined) r.errorType = errorType;
  if (reason !== '') r.errorMessage = reason;
  return r;
}

/**
 * `RequestId: <id> Error: <reason>\n<Type>` and `RequestId: <id> Process exited before completing request`.
 * Anything else after `RequestId:` is not a platform line.
 */
export function parseRequestIdLine(s: string): LogRecord | undefined {
  let i = skipBlanks(s, 10);
  const idEnd = tokenEnd(s, i);
  if (idEnd === i) return undefined;
  const requestId = s.slice(i, idEnd);
  i = skipBlanks(s, idEnd);
  if (s.startsWith('Error:', i)) return exitRecord(s.slice(skipBlanks(s, i + 6)), requestId, true);
  if (s.startsWith('Process exited before completing request', i))
    return exitRecord(s.slice(i), requestId, true);
  return undefined;
}

/** `EXTENSION\tName: x\tState: Ready\tEvents: [...]`, `TELEMETRY\t...`, `LOGS\t...`: extension lifecycle. */
export function parseExtensionLine(s: string, wordLen: number): LogRecord | undefined {
  if (s.length > wordLen && !isWs(s.charCodeAt(wordLen))) return undefined;
  const r = make('info', null, 'extension');
  const st = /\bState:\s*([A-Za-z]{1,40})/.exec(s.length > 500 ? s.slice(0, 500) : s);
  // Ready/Subscribed/Already subscribed are normal; LaunchError, Crashed and friends are worth a look.
  if (st !== null) {
    const state = st[1]!;
    if (state !== 'Ready' && state !== 'Subscribed' && state !== 'Already' && state !== 'Registered') {
      r.kind = 'warning';
      r.status = state;
    }
  }
  return r;
}

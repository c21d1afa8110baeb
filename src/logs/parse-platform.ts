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
  toNumber,
  tokenEnd,
} from './parse-util.js';
import type { LogRecord } from './record.js';

/**
 * Calls `visit(key, value)` for each `Key: value [unit]` pair of a platform line, from `from` on.
 * Keys may hold spaces (`Max Memory Used`); a tab and a run of spaces are the same separator, and
 * a trailing `ms`/`MB` unit is skipped. Values are single tokens. Linear, no regex.
 */
function scanPairs(s: string, from: number, visit: (key: string, value: string) => void): void {
  const n = s.length;
  let pos = from;
  for (let guard = 0; guard < 64 && pos < n; guard++) {
    pos = skipWs(s, pos);
    if (pos >= n) return;
    // Key: up to the next ':' on this line, at most 40 characters away.
    let colon = -1;
    const limit = Math.min(n, pos + 40);
    for (let i = pos; i < limit; i++) {
      const c = s.charCodeAt(i);
      if (c === 58 /* : */) {
        colon = i;
        break;
      }
      if (c === 10 || c === 13 || c === 9) break;
    }
    if (colon < 0) {
      // Not a pair (stray token such as a unit left by a quirk): skip one token.
      pos = tokenEnd(s, pos);
      continue;
    }
    let key = s.slice(pos, colon);
    if (key.includes('  ')) key = key.replace(/ {2,}/g, ' ');
    const v0 = skipBlanks(s, colon + 1);
    const v1 = tokenEnd(s, v0);
    visit(key, s.slice(v0, v1));
    pos = v1;
    const u0 = skipBlanks(s, pos);
    const u1 = tokenEnd(s, u0);
    const unit = u1 - u0 === 2 ? s.slice(u0, u1) : '';
    if (unit === 'ms' || unit === 'MB') pos = u1;
  }
}

/** `START RequestId: <id> Version: <v>` */
export function parseStart(s: string): LogRecord {
  const r = make('start', null, 'platform');
  scanPairs(s, 5, (k, v) => {
    if (k === 'RequestId') r.requestId = v;
    else if (k === 'Version') r.version = v;
  });
  return r;
}

/** `END RequestId: <id>` */
export function parseEnd(s: string): LogRecord {
  const r = make('end', null, 'platform');
  scanPairs(s, 3, (k, v) => {
    if (k === 'RequestId') r.requestId = v;
  });
  return r;
}

/**
 * `REPORT RequestId: <id>\tDuration: ...` with its optional fields in any order (RIE puts Init Duration
 * first), trailing tab/newline or not, `27 ms \t`, and the X-Ray part. Status timeout is a timeout;
 * Status error is judged by its Error Type (see failureForStatus).
 */
export function parseReport(s: string): LogRecord {
  const r = make('report', null, 'platform');
  scanPairs(s, 6, (k, v) => {
    switch (k) {
      case 'RequestId':
        r.requestId = v;
        break;
      case 'Duration':
        r.durationMs = toNumber(v);
        break;
      case 'Billed Duration':
        r.billedDurationMs = toNumber(v);
        break;
      case 'Memory Size':
        r.memorySizeMB = toNumber(v);
        break;
      case 'Max Memory Used':
        r.maxMemoryUsedMB = toNumber(v);
        break;
      case 'Init Duration':
        r.initDurationMs = toNumber(v);
        break;
      case 'Restore Duration':
        r.restoreDurationMs = toNumber(v);
        break;
      case 'Status':
        r.status = v;
        break;
      case 'Error Type':
        r.errorType = v;
        break;
    }
  });
  r.failure = failureForStatus(r.status, r.errorType);
  return r;
}

/** `INIT_START Runtime Version: python:3.12.v18\tRuntime Version ARN: ...` (and RESTORE_START). */
export function parseInitStart(s: string, from: number): LogRecord {
  const r = make('init_start', null, 'platform');
  scanPairs(s, from, (k, v) => {
    if (k === 'Runtime Version') r.version = v;
  });
  return r;
}

/**
 * `INIT_REPORT Init Duration: <f> ms\tPhase: init|invoke\tStatus: error|timeout[\tError Type: <t>]`
 * (and RESTORE_REPORT with Restore Duration). A failed or timed-out init is an init_error, not an
 * invocation timeout; Runtime.OutOfMemory is out_of_memory.
 */
export function parseInitReport(s: string, from: number): LogRecord {
  const r = make('init_report', null, 'platform');
  scanPairs(s, from, (k, v) => {
    switch (k) {
      case 'Init Duration':
        r.initDurationMs = toNumber(v);
        break;
      case 'Restore Duration':
        r.restoreDurationMs = toNumber(v);
        break;
      case 'Phase':
        if (v === 'init' || v === 'invoke') r.phase = v;
        break;
      case 'Status':
        r.status = v;
        break;
      case 'Error Type':
        r.errorType = v;
        break;
    }
  });
  r.failure = failureForInitStatus(r.status, r.errorType);
  return r;
}

/**
 * `Task timed out after 3.00 seconds`, bare or after `<ISO-ts> <id> ` (single spaces, or tabs from a
 * viewer). Returns undefined when the text before it is not a timestamp and/or an id.
 */
const TIMEOUT = /^(?:(\d{4}-\d\d-\d\d[T ][\d:.,]{1,20}(?:Z|[+-]\d\d:?\d\d)?)\s+)?(?:([^\s]{1,128})\s+)?Task timed out after\s+(\d{1,7}(?:\.\d{1,9})?)\s+seconds/;

export function parseTimeout(s: string): LogRecord | undefined {
  const m = TIMEOUT.exec(s.length > 400 ? s.slice(0, 400) : s);
  if (m === null) return undefined;
  const r = failureRecord('timeout', 'platform');
  const id = m[2];
  if (id !== undefined && !/^\d{4}-\d\d-\d\d/.test(id)) r.requestId = id;
  r.timeoutSeconds = toNumber(m[3]);
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
export function exitRecord(text: string, requestId: string | undefined, trusted: boolean): LogRecord | undefined;
export function exitRecord(text: string, requestId: string | undefined, trusted: boolean): LogRecord | undefined {
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
  if (s.startsWith('Process exited before completing request', i)) return exitRecord(s.slice(i), requestId, true);
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

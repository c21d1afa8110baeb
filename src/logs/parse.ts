import { parseBracketLine, parseDigitLine, parseFreeText } from './parse-app.js';
import { classifyJsonObject, looseJsonFields, parseJsonDoc } from './parse-json.js';
import {
  parseEnd,
  parseExtensionLine,
  parseInitReport,
  parseInitStart,
  parseReport,
  parseRequestIdLine,
  parseStart,
  parseTimeout,
} from './parse-platform.js';
import { cut, head, isDigit, isWs, MAX_ERROR_MESSAGE, MAX_EXCERPT, MAX_FIELD, make } from './parse-util.js';
import type { LogEvent, LogFormat, LogRecord } from './record.js';

export interface ParseOptions {
  /**
   * The log group's configured format. Only a hint: Text groups hold JSON lines and JSON groups hold
   * plain text, so each event is read for what it is. It decides the `format` of a broken JSON line.
   */
  format?: LogFormat | undefined;
}

/**
 * One CloudWatch Logs event → one record. Pure, and never throws: whatever the input, the answer is a
 * record (at worst `info`). Work is bounded: dispatch is on the first characters, regexes only see the
 * first HEAD_CHARS, JSON.parse only runs on messages that start with `{` (or carry a JSON payload the
 * prefix cannot settle), and output strings are cut (errorMessage 4 000, excerpt 2 000).
 */
export function parseEvent(event: LogEvent, options?: ParseOptions): LogRecord {
  let message = '';
  let timestamp: number | undefined;
  let hint: LogFormat | undefined;
  try {
    const m: unknown = event?.message;
    if (typeof m === 'string') message = m;
    const t: unknown = event?.timestamp;
    if (typeof t === 'number' && Number.isFinite(t)) timestamp = t;
    hint = options?.format;
  } catch {
    // A hostile object (throwing getter): treat as an empty event.
  }
  let r: LogRecord;
  try {
    r = parseMessage(message, hint, 0);
  } catch {
    r = make('info', null, 'app');
  }
  return finish(r, message, timestamp);
}

/**
 * Common fields and output bounds. Kept cheap (it runs on every event): no loops over field lists and
 * no `delete` on the hot path, which would push records into slow dictionary mode.
 */
function finish(r: LogRecord, message: string, timestamp: number | undefined): LogRecord {
  if (r.source === undefined) r.source = 'app';
  if (r.format === undefined) r.format = 'Text';
  if (timestamp !== undefined) r.timestamp = timestamp;
  const id = r.requestId;
  if (id !== undefined) {
    if (id === '' || id === 'undefined') r.requestId = undefined;
    else if (id.length > MAX_FIELD) r.requestId = cut(id, MAX_FIELD);
  }
  if (r.version !== undefined && r.version.length > MAX_FIELD) r.version = cut(r.version, MAX_FIELD);
  if (r.status !== undefined && r.status.length > MAX_FIELD) r.status = cut(r.status, MAX_FIELD);
  if (r.errorType !== undefined && r.errorType.length > MAX_FIELD) r.errorType = cut(r.errorType, MAX_FIELD);
  if (r.level !== undefined && r.level.length > MAX_FIELD) r.level = cut(r.level, MAX_FIELD);
  const em = r.errorMessage;
  if (em !== undefined) {
    const t = (em.length > MAX_ERROR_MESSAGE + 64 ? cut(em, MAX_ERROR_MESSAGE + 64) : em).trim();
    if (t === '') r.errorMessage = undefined;
    else r.errorMessage = t.length > MAX_ERROR_MESSAGE ? cut(t, MAX_ERROR_MESSAGE) : t;
  }
  const n = message.length;
  r.excerpt =
    n <= MAX_EXCERPT && (n === 0 || !isWs(message.charCodeAt(n - 1)))
      ? message
      : cut(trimEnd(n > MAX_EXCERPT + 256 ? cut(message, MAX_EXCERPT + 256) : message), MAX_EXCERPT);
  return r;
}

function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0 && isWs(s.charCodeAt(e - 1))) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** Follow-on lines of a trace logged as their own events: never errors by themselves. */
function isContinuation(s: string): boolean {
  return (
    s.startsWith('at ') ||
    s.startsWith('File "') ||
    s.startsWith('... ') ||
    s.startsWith('---> ') ||
    s.startsWith('--- End of') ||
    s.startsWith('Caused by: ') ||
    s.startsWith('"') ||
    s.startsWith('}') ||
    s.startsWith(']')
  );
}

/** Significance for choosing between records glued into one event. */
function rank(r: LogRecord): number {
  if (r.failure !== null) return 4;
  if (r.source === 'platform' && r.kind !== 'info') return 3;
  if (r.kind === 'warning') return 1;
  return 0;
}

function parseMessage(message: string, hint: LogFormat | undefined, depth: number): LogRecord {
  const n = message.length;
  let i = 0;
  while (i < n) {
    const c = message.charCodeAt(i);
    if (!isWs(c) && c !== 0xfeff) break;
    i++;
  }
  if (i === n) return make('info', null, 'app');
  let s = i === 0 ? message : message.slice(i);
  // An indented line alone in an event is the tail of something printed before it.
  if (i > 0 && message.charCodeAt(i - 1) !== 0xfeff && isContinuation(s)) return make('info', null, 'app');
  s = trimEnd(s);
  // START/END/REPORT/INIT_* are a third or more of all events and never glued: read them first.
  const c = s.charCodeAt(0);
  if (c === 0x53 || c === 0x45 || c === 0x52 || c === 0x49) {
    const p = platformLine(s, c);
    if (p !== undefined) return p;
  }
  const h = head(s);

  // Several records in one event, separated by `\r` (LAMBDA_WARNING then the JSON error record in
  // JSON groups): the first failure wins, else the most significant record.
  if (depth === 0 && h.includes('\r{')) return parseGlued(s, hint);

  // `END RequestId: <id>` glued onto the end of the previous line by a console copy: the other record
  // wins when it is a failure or a platform record (it gets the END's request id if it has none);
  // otherwise the END, which the invocation joiner needs more than an app line.
  if (s.length > 20) {
    const k = s.indexOf('END RequestId:', s.length > 160 ? s.length - 160 : 1);
    if (k > 0) {
      const end = parseEnd(s.slice(k));
      const tail = s.slice(k + 14).trim();
      if (end.requestId !== undefined && !tail.includes(' ') && !tail.includes('\t')) {
        const before = trimEnd(s.slice(0, k));
        if (before === '') return end;
        const r = dispatch(before, head(before), hint, depth);
        if (rank(r) >= 3) {
          r.requestId ??= end.requestId;
          return r;
        }
        return end;
      }
    }
  }
  return dispatch(s, h, hint, depth);
}

function parseGlued(s: string, hint: LogFormat | undefined): LogRecord {
  let best: LogRecord | undefined;
  let from = 0;
  for (let part = 0; part < 8 && from < s.length; part++) {
    let k = s.indexOf('\r{', from);
    if (part === 7 || k < 0) k = s.length;
    const piece = s.slice(from, k).trim();
    from = k + 1;
    if (piece === '') continue;
    const r = dispatch(piece, head(piece), hint, 1);
    if (r.failure !== null) return r;
    if (best === undefined || rank(r) > rank(best)) best = r;
  }
  return best ?? make('info', null, 'app');
}

function startsWithWord(s: string, word: string): boolean {
  return s.startsWith(word) && (s.length === word.length || isWs(s.charCodeAt(word.length)));
}

/** The platform's own lines by their first word, or undefined. */
function platformLine(s: string, c: number): LogRecord | undefined {
  switch (c) {
    case 0x53 /* S */:
      {
        const start = parseStart(s);
        return start.requestId !== undefined ? start : undefined;
      }
    case 0x45 /* E */:
      {
        const end = parseEnd(s);
        return end.requestId !== undefined ? end : undefined;
      }
    case 0x52 /* R */:
      if (s.startsWith('REPORT') && (s.length === 6 || isWs(s.charCodeAt(6)))) return parseReport(s);
      if (startsWithWord(s, 'RESTORE_START')) return parseInitStart(s, 13);
      if (startsWithWord(s, 'RESTORE_REPORT')) return parseInitReport(s, 14);
      return undefined;
    case 0x49 /* I */:
      if (startsWithWord(s, 'INIT_START')) return parseInitStart(s, 10);
      if (startsWithWord(s, 'INIT_REPORT')) return parseInitReport(s, 11);
      return undefined;
    default:
      return undefined;
  }
}

function dispatch(s: string, h: string, hint: LogFormat | undefined, depth: number): LogRecord {
  const c = s.charCodeAt(0);
  let r: LogRecord | undefined;
  switch (c) {
    case 0x7b /* { */:
      return parseJsonLine(s, h, hint, depth);
    case 0x5b /* [ */:
      r = parseBracketLine(s, h);
      break;
    case 0x53 /* S */:
    case 0x45 /* E */:
    case 0x52 /* R */:
    case 0x49 /* I */:
      r = platformLine(s, c);
      if (r === undefined) {
        if (c === 0x45 && s.startsWith('EXTENSION')) r = parseExtensionLine(s, 9);
        else if (c === 0x52 && s.startsWith('RequestId:')) r = parseRequestIdLine(s);
      }
      break;
    case 0x54 /* T */:
      if (s.startsWith('Task timed out after')) r = parseTimeout(s);
      else if (s.startsWith('TELEMETRY')) r = parseExtensionLine(s, 9);
      break;
    case 0x4c /* L */:
      if (s.startsWith('LOGS')) r = parseExtensionLine(s, 4);
      break;
    case 0x44 /* D */:
      if (s.startsWith('DD_EXTENSION')) {
        const m = /^DD_EXTENSION\s*\|\s*([A-Za-z]{1,10})\s*\|/.exec(h.length > 64 ? h.slice(0, 64) : h);
        const lv = m?.[1]?.toUpperCase();
        r = make(lv === 'ERROR' || lv === 'WARN' || lv === 'FATAL' ? 'warning' : 'info', null, 'extension');
        if (lv !== undefined) r.level = lv === 'WARNING' ? 'WARN' : lv;
        return r;
      }
      break;
    default:
      if (isDigit(c)) {
        r = parseDigitLine(s, h);
        if (r === undefined && depth === 0) r = unwrapTail(s, h, hint);
      }
  }
  return r ?? parseFreeText(s, h);
}

/**
 * `aws logs tail` prints `<ts> [<stream>] <message>`: read the message, and keep the answer only when
 * it recognised something (a plain line stays a plain info line).
 */
const TAIL_PREFIX =
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?[ \t]+(?:\d{4}\/\d\d\/\d\d\/\[[^\]\s]{1,64}\][0-9A-Za-z]{1,64}[ \t]+)?/;

function unwrapTail(s: string, h: string, hint: LogFormat | undefined): LogRecord | undefined {
  const m = TAIL_PREFIX.exec(h);
  if (m === null || m[0].length >= s.length) return undefined;
  const inner = parseMessage(s.slice(m[0].length), hint, 1);
  return inner.kind === 'info' && inner.source === 'app' ? undefined : inner;
}

function parseJsonLine(s: string, h: string, hint: LogFormat | undefined, depth: number): LogRecord {
  let o = parseJsonDoc(s);
  if (o === undefined) {
    // Cut, pretty-printed across events, or not JSON at all: read what the head says.
    o = looseJsonFields(h);
    if (o === undefined) {
      const r = make('info', null, 'app');
      r.format = hint === 'JSON' ? 'JSON' : 'Text';
      return r;
    }
  }
  // CloudWatch Logs Insights export: `{"@timestamp":..,"@message":"..."}`.
  const inner = o['@message'];
  if (typeof inner === 'string' && depth === 0) return parseMessage(inner, hint, 1);
  return classifyJsonObject(o, { bareErrorIsUncaught: true });
}

/**
 * Application and runtime lines in text form: the per-runtime prefixes (Node, .NET, Python logging, Go
 * `log`, Ruby Logger, log4j-style timestamps), the runtimes' own error reports, and unprefixed output.
 * Used by parse.ts; the decisions for ambiguous shapes are in the comments next to each rule.
 */
import { framesFrom, framesFromText } from './frames.js';
import { classifyJsonObject, looseJsonFields, parseJsonDoc } from './parse-json.js';
import { exitRecord, parseTimeout } from './parse-platform.js';
import {
  exceptionHeader,
  failureForThrown,
  failureRecord,
  firstLine,
  head,
  isDigit,
  isErrorLevel,
  isOomType,
  lineEnd,
  looksLikeDate,
  make,
  normLevel,
  skipBlanks,
  str,
  tokenEnd,
  tracebackException,
} from './parse-util.js';
import type { FailureKind, LogRecord } from './record.js';

type Flavor = 'node' | 'dotnet' | 'python' | 'generic';

/** A JSON payload after a text prefix is only parsed when it could say something the prefix does not. */
const PAYLOAD_HINT = /"(?:level|log_level|severity|errorType|errorMessage)"\s*:/;

function payloadRecord(
  msg: string,
  level: string | undefined,
  requestId: string | undefined,
  bareErrorIsUncaught: boolean,
): LogRecord | undefined {
  if (!isErrorLevel(level) && !PAYLOAD_HINT.test(head(msg))) return undefined;
  const o = parseJsonDoc(msg) ?? (msg.length > 4096 ? looseJsonFields(msg) : undefined);
  if (o === undefined) return undefined;
  const r = classifyJsonObject(o, { bareErrorIsUncaught, prefixLevel: level, prefixRequestId: requestId });
  // The event is a text line carrying a JSON document.
  r.format = 'Text';
  return r;
}

/** error_log (or out_of_memory for a logged OOM) with the type/message/frames the text gives. */
function errorLog(level: string | undefined, requestId: string | undefined, msg: string): LogRecord {
  const r = failureRecord('error_log', 'app');
  if (level !== undefined) r.level = level;
  if (requestId !== undefined) r.requestId = requestId;
  describeError(r, msg);
  if (isOomType(r.errorType)) {
    r.kind = 'out_of_memory';
    r.failure = 'out_of_memory';
  }
  return r;
}

/** Fills errorType/errorMessage/frames from an error's text (header line, traceback, stack lines). */
function describeError(r: LogRecord, msg: string): void {
  const h = head(msg);
  const line1 = firstLine(h).trim();
  if (h.includes('Traceback (most recent call last):')) {
    const tb = tracebackException(msg);
    if (tb !== undefined) {
      r.errorType = tb.type;
      r.errorMessage = tb.message ?? line1;
    } else r.errorMessage = line1;
  } else {
    const hd = exceptionHeader(line1);
    if (hd !== undefined) {
      r.errorType = hd.type;
      r.errorMessage = hd.message ?? line1;
    } else if (line1 !== '') r.errorMessage = line1;
  }
  if (line1.length < h.length) {
    const frames = framesFromText(msg);
    if (frames.length > 0) r.frames = frames;
  }
}

/**
 * What the Node runtime prints for the errors it catches: `Invoke Error \t{json}` (handler threw or
 * rejected), `Uncaught Exception \t{json}` (init failures, or a crash), `Unhandled Promise Rejection \t{json}`.
 * The JSON may be pretty-printed after `\t\n`.
 */
function nodeRuntimeError(label: string, rest: string, requestId: string | undefined): LogRecord {
  const brace = rest.indexOf('{');
  const text = brace >= 0 ? rest.slice(brace) : '';
  const doc = text === '' ? undefined : (parseJsonDoc(text) ?? looseJsonFields(text));
  const errorType = str(doc?.['errorType']);
  let failure: FailureKind = failureForThrown(errorType);
  if (label === 'Uncaught Exception' && failure === 'uncaught_exception' && requestId === undefined) {
    failure = 'init_error';
  }
  const r = failureRecord(failure, 'app');
  r.level = 'ERROR';
  if (requestId !== undefined) r.requestId = requestId;
  const type =
    errorType ?? (label === 'Unhandled Promise Rejection' ? 'Runtime.UnhandledPromiseRejection' : undefined);
  if (type !== undefined) r.errorType = type;
  const em = str(doc?.['errorMessage']);
  if (em !== undefined) r.errorMessage = em;
  const frames = framesFrom(doc?.['stack'] ?? doc?.['stackTrace'] ?? doc?.['trace']);
  if (frames.length > 0) r.frames = frames;
  return r;
}

const NODE_LABELS = ['Invoke Error', 'Uncaught Exception', 'Unhandled Promise Rejection'] as const;

/** A line with a level column (Node, .NET, Python logging, Rust/log4j/Go-with-level...). */
function leveledRecord(
  level: string | undefined,
  idRaw: string | undefined,
  msg: string,
  flavor: Flavor,
): LogRecord {
  // Node writes `undefined`, Python an empty column, for lines printed during init.
  const requestId = idRaw === undefined || idRaw === '' || idRaw === 'undefined' ? undefined : idRaw;
  let m = msg;
  const c0 = m.charCodeAt(0);
  if (c0 === 32 || c0 === 9 || c0 === 10 || c0 === 13) m = m.trimStart();
  const c = m.charCodeAt(0);
  if (c === 0x49 /* I */ || c === 0x55 /* U */) {
    for (const label of NODE_LABELS) {
      if (m.startsWith(label) && isErrorLevel(level))
        return nodeRuntimeError(label, m.slice(label.length), requestId);
    }
  }
  if (c === 0x7b /* { */) {
    const p = payloadRecord(m, level, requestId, false);
    if (p !== undefined) return p;
  }
  if (flavor === 'generic' && m.includes('Error response for ') && m.includes('accepted by Runtime API')) {
    // Rust lambda_runtime_core logs a handler failure only as this INFO line.
    const r = failureRecord('uncaught_exception', 'app');
    if (level !== undefined) r.level = level;
    const id = /Error response for\s+([^\s]{1,128})/.exec(head(m));
    if (id !== null) r.requestId = id[1];
    else if (requestId !== undefined) r.requestId = requestId;
    r.errorMessage = firstLine(m).trim();
    return r;
  }
  if (isErrorLevel(level)) {
    if (flavor === 'dotnet' && /^[\w.`+]{1,300}(?:Exception|Error)\b/.test(head(m))) {
      // .NET 6+ prints the unhandled exception at fail: `System.X: msg\n ---> ...\n   at ...`.
      const r = errorLog(level, requestId, m);
      if (r.failure === 'error_log') {
        r.failure = failureForThrown(r.errorType);
        r.kind = r.failure;
      }
      return r;
    }
    return errorLog(level, requestId, m);
  }
  const r = make(level === 'WARN' ? 'warning' : 'info', null, 'app');
  if (level !== undefined) r.level = level;
  if (requestId !== undefined) r.requestId = requestId;
  return r;
}

/**
 * Legacy Node (4.3–8.10) `<ts>\t<id>\t<msg>` with no level column, and `<ts>\t<id>\n{json}` for an error
 * returned through the callback. A crash stack or a callback error is the invocation failing.
 */
function legacyNodeRecord(id: string, msg: string): LogRecord {
  const requestId = id === '' || id === 'undefined' ? undefined : id;
  const m = msg.trim();
  if (m.charCodeAt(0) === 0x7b) {
    const o = parseJsonDoc(m) ?? looseJsonFields(m);
    if (o !== undefined) {
      const r = classifyJsonObject(o, { bareErrorIsUncaught: true, prefixRequestId: requestId });
      r.format = 'Text';
      return r;
    }
  }
  if (m.startsWith('Unable to import module')) return initError(m, requestId);
  if (m.startsWith('Task timed out after')) {
    // The legacy timeout line whose spaces a viewer turned into tabs.
    const t = parseTimeout(m);
    if (t !== undefined) {
      if (requestId !== undefined) t.requestId = requestId;
      return t;
    }
  }
  const h = head(m);
  const hd = exceptionHeader(firstLine(h));
  if (hd !== undefined && /[\n\r][ \t]+at /.test(h)) {
    const r = failureRecord(failureForThrown(hd.type), 'app');
    if (requestId !== undefined) r.requestId = requestId;
    describeError(r, m);
    return r;
  }
  const r = make('info', null, 'app');
  if (requestId !== undefined) r.requestId = requestId;
  return r;
}

function initError(text: string, requestId?: string): LogRecord {
  const r = failureRecord('init_error', 'app');
  if (requestId !== undefined) r.requestId = requestId;
  const line1 = firstLine(text).trim();
  if (line1 !== '') r.errorMessage = line1;
  const frames = framesFromText(text);
  if (frames.length > 0) r.frames = frames;
  return r;
}

/**
 * `<ISO-ts>\t<requestId>\t<LEVEL>\t<msg>` (Node), `...\t<lvl>\t...` (.NET 6+), `<ts>\t<id>\t<msg>` and
 * `<ts>\t<id>\n{json}` (legacy Node). The timestamp column is anything date-like up to 40 characters
 * (serverless prints `2017-10-08 11:48:14.171 (-04:00)`). One regex: cheaper than splitting by hand.
 */
const RUNTIME_PREFIX =
  /^\d{4}-\d\d-\d\d[\dT:.,Z+\-() ]*\t([^\t\n\r]*)\t(INFO|WARN|ERROR|DEBUG|TRACE|FATAL|info|warn|fail|crit|dbug|trce)(?:[\t\n\r]|$)/;
const LEGACY_PREFIX = /^\d{4}-\d\d-\d\d[\dT:.,Z+\-() ]*\t([^\t\n\r]*)(?:[\t\n\r]|$)/;

/** .NET's lower-case levels, told apart by their first letter (no lookup keyed by a fresh string). */
function dotnetLevel(lv: string): string | undefined {
  switch (lv.charCodeAt(0)) {
    case 0x69 /* i */:
      return 'INFO';
    case 0x77 /* w */:
      return 'WARN';
    case 0x66 /* f */:
      return 'ERROR';
    case 0x63 /* c */:
      return 'FATAL';
    case 0x64 /* d */:
      return 'DEBUG';
    case 0x74 /* t */:
      return 'TRACE';
    default:
      return undefined;
  }
}

function tabbedRuntimeLine(s: string, h: string): LogRecord | undefined {
  const m = RUNTIME_PREFIX.exec(h);
  if (m !== null) {
    const lv = m[2]!;
    const dotnet = dotnetLevel(lv);
    const rest = m[0].length < s.length ? s.slice(m[0].length) : '';
    if (m[1]!.length > 200) return undefined;
    return leveledRecord(dotnet ?? lv, m[1], rest, dotnet === undefined ? 'node' : 'dotnet');
  }
  const l = LEGACY_PREFIX.exec(h);
  if (l === null) return undefined;
  const id = l[1]!;
  if (id.length > 200) return undefined;
  if (l[0].length >= s.length) return id.includes(' ') ? undefined : make('info', null, 'app');
  return legacyNodeRecord(id, s.slice(l[0].length));
}

/**
 * `<date> <time> [UTC] [<id>] [[thread]] LEVEL msg`: Node/.NET lines whose tabs a viewer turned into
 * spaces, log4j2's Lambda layout, Spring Boot, Rust simple_logger. Bounded quantifiers only.
 */
const GENERIC_LEVEL =
  /^(\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?(?: UTC)?)[ \t]+(?:([^\s[\]]{1,128})[ \t]+)?(?:\[[^\]\r\n]{0,100}\][ \t]+)?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL|trce|dbug|info|warn|fail|crit)(?=[ \t:|\]]|$)[ \t:|\]]*/;
const UUID_LIKE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Python bootstrap chatter and the emulator's `(rapid)` lines: `26 Jan 2022 09:05:13,763 [INFO] (x) msg`. */
const DMY_BRACKET =
  /^\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d(?:,\d{1,6})? \[([A-Za-z]{1,10})\] \(([^)\r\n]{1,200})\)\s?/;

/** Lines that start with a digit: runtime prefixes, timestamps of loggers, the legacy timeout line. */
export function parseDigitLine(s: string, h: string): LogRecord | undefined {
  if (s.charCodeAt(4) === 45 /* - */) {
    const r = tabbedRuntimeLine(s, h);
    if (r !== undefined) return r;
  }
  if (h.length > 20 && h.includes('Task timed out after')) {
    const t = parseTimeout(s);
    if (t !== undefined) return t;
  }
  // Go `log`: `2024/01/02 15:04:05[.000000] msg`.
  if (
    s.charCodeAt(4) === 47 &&
    s.charCodeAt(7) === 47 &&
    s.charCodeAt(10) === 32 &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58
  ) {
    let i = 19;
    if (s.charCodeAt(i) === 46) {
      i++;
      while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    }
    if (i >= s.length || s.charCodeAt(i) === 32) return goLine(s.slice(i + 1));
  }
  const dd = h.indexOf('| DD_EXTENSION |');
  if (dd > 0 && dd < 48) return datadogLine(s.slice(dd + 2));
  if (s.charCodeAt(1) === 32 || s.charCodeAt(2) === 32) {
    const m = DMY_BRACKET.exec(h);
    if (m !== null) return bootstrapChatter(m[1]!, m[2]!, s.slice(m[0].length));
  }
  if (looksLikeDate(s)) {
    const m = GENERIC_LEVEL.exec(h);
    if (m !== null) {
      const id = m[2];
      const flavor: Flavor = m[3]!.length === 4 && m[3] === m[3]!.toLowerCase() ? 'dotnet' : 'generic';
      const requestId = id !== undefined && UUID_LIKE.test(id) ? id : undefined;
      return leveledRecord(normLevel(m[3]), requestId, s.slice(m[0].length), flavor);
    }
  }
  return undefined;
}

/**
 * After the Go `log` prefix: aws-lambda-go's `{"errorMessage":..,"errorType":..}` for a failed invoke
 * (no errorType when the error value has none), the panic line, or a level word some apps add.
 */
function goLine(rest: string): LogRecord {
  const m = rest.trim();
  if (m.charCodeAt(0) === 0x7b) {
    const o = parseJsonDoc(m) ?? looseJsonFields(m);
    if (o !== undefined) {
      const r = classifyJsonObject(o, { bareErrorIsUncaught: true });
      r.format = 'Text';
      return r;
    }
  }
  if (m.startsWith('calling the handler function resulted in a panic')) return panicRecord(m);
  const lv = /^\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\]?[:\s]/.exec(m);
  if (lv !== null) return leveledRecord(normLevel(lv[1]), undefined, m.slice(lv[0].length), 'generic');
  return make('info', null, 'app');
}

function panicRecord(text: string): LogRecord {
  const r = failureRecord('uncaught_exception', 'app');
  const line1 = firstLine(text).trim();
  if (line1.startsWith('panic: ')) {
    r.errorType = 'panic';
    r.errorMessage = line1.slice(7).trim() || line1;
  } else r.errorMessage = line1;
  const frames = framesFromText(text);
  if (frames.length > 0) r.frames = frames;
  return r;
}

/** Datadog extension `DD_EXTENSION | LEVEL | msg`: its ERRORs are the extension's, not the function's. */
function datadogLine(fromTag: string): LogRecord {
  const m = /^DD_EXTENSION\s*\|\s*([A-Za-z]{1,10})\s*\|/.exec(
    fromTag.length > 64 ? fromTag.slice(0, 64) : fromTag,
  );
  const level = m === null ? undefined : normLevel(m[1]);
  const r = make(
    level === 'ERROR' || level === 'FATAL' || level === 'WARN' ? 'warning' : 'info',
    null,
    'extension',
  );
  if (level !== undefined) r.level = level;
  return r;
}

/**
 * `(rapid)` lines come from the emulator (RIE, SAM local), the others from the legacy Python bootstrap.
 * Both are runtime diagnostics, not the function's output: ERROR is a warning, except the emulator's
 * `Init failed`, the only line an emulated init failure leaves.
 */
function bootstrapChatter(levelRaw: string, who: string, msg: string): LogRecord {
  const level = normLevel(levelRaw);
  if (who === 'rapid' && msg.startsWith('Init failed')) {
    const r = failureRecord('init_error', 'platform');
    if (level !== undefined) r.level = level;
    r.errorMessage = firstLine(msg).trim();
    const et = /error=((?:Runtime|Extension|Sandbox)\.[A-Za-z]{1,60})/.exec(head(msg));
    if (et !== null) r.errorType = et[1];
    return r;
  }
  const r = make(isErrorLevel(level) || level === 'WARN' ? 'warning' : 'info', null, 'platform');
  if (level !== undefined) r.level = level;
  return r;
}

/** `[LEVEL]\t<ts>\t<requestId>\t<msg>` from Python's logging with the runtime's handler (id empty at init). */
const PY_PREFIX =
  /^\[(ERROR|WARNING|INFO|DEBUG|CRITICAL|WARN|FATAL|TRACE|NOTSET)\](?:\t(\d{4}-\d\d-\d\d[^\t\n\r]*)\t([^\t\n\r]*)(?:\t|$))?/;

/** `[LEVEL]...` (Python logging and the Python runtime) and `[AWS Parameters and Secrets Lambda Extension]`. */
export function parseBracketLine(s: string, h: string): LogRecord | undefined {
  const m = PY_PREFIX.exec(h);
  if (m === null) {
    if (s.startsWith('[AWS Parameters and Secrets Lambda Extension]')) {
      return make(/\b(?:ERROR|WARN(?:ING)?)\b/.test(firstLine(h)) ? 'warning' : 'info', null, 'extension');
    }
    return undefined;
  }
  const word = m[1]!;
  const level = normLevel(word);
  const rest = m[0].length < s.length ? s.slice(m[0].length) : '';
  // Apps may add columns after the id; they stay in the message.
  if (m[2] !== undefined) return leveledRecord(level, m[3], rest, 'python');
  const sep = rest.charCodeAt(0);
  if (sep === 9 /* \t */) return leveledRecord(level, undefined, rest.slice(1), 'python');
  if (sep === 32 /* space */) {
    const i = skipBlanks(rest, 0);
    if (looksLikeDate(rest, i)) {
      // Tabs turned into spaces by a viewer: `[ERROR] <ts> <id> msg`.
      const tsEnd = tokenEnd(rest, i);
      const idStart = skipBlanks(rest, tsEnd);
      const idEnd = tokenEnd(rest, idStart);
      const id = rest.slice(idStart, idEnd);
      if (UUID_LIKE.test(id)) return leveledRecord(level, id, rest.slice(skipBlanks(rest, idEnd)), 'python');
      return leveledRecord(level, undefined, rest.slice(idStart), 'python');
    }
    if (word === 'ERROR') return pythonRuntimeError(rest.slice(i), h);
    return leveledRecord(level, undefined, rest.slice(i), 'python');
  }
  if (rest === '') return leveledRecord(level, undefined, '', 'python');
  return undefined;
}

/**
 * The Python runtime's own report of an uncaught error: `[ERROR] Type: msg\nTraceback ...` (space, no
 * timestamp, no id). `[ERROR] Runtime.ImportModuleError: ...` is an init failure. Text that does not
 * look like `Type: msg` from the runtime (no traceback, no exception-like type) is an app's error line.
 */
function pythonRuntimeError(rest: string, h: string): LogRecord {
  const line1 = firstLine(rest).trim();
  const hd = exceptionHeader(line1, true);
  const hasTraceback = h.includes('Traceback (most recent call last):');
  if (
    hd !== undefined &&
    (hasTraceback || hd.type.startsWith('Runtime.') || exceptionHeader(line1) !== undefined)
  ) {
    const r = failureRecord(failureForThrown(hd.type), 'app');
    r.level = 'ERROR';
    r.errorType = hd.type;
    if (hd.message !== undefined) r.errorMessage = hd.message;
    const frames = framesFromText(rest);
    if (frames.length > 0) r.frames = frames;
    return r;
  }
  return errorLog('ERROR', undefined, rest);
}

/** Ruby stdlib Logger: `E, [2024-01-02T03:04:05.678 #8] ERROR <requestId> -- : msg`. */
function rubyLoggerLine(s: string): LogRecord | undefined {
  const close = s.indexOf(']', 4);
  if (close < 0 || close > 100) return undefined;
  let i = skipBlanks(s, close + 1);
  const lvEnd = tokenEnd(s, i);
  const level = s.slice(i, lvEnd);
  if (!/^(?:DEBUG|INFO|WARN|ERROR|FATAL|ANY|UNKNOWN)$/.test(level)) return undefined;
  i = skipBlanks(s, lvEnd);
  let id: string | undefined;
  let tokEnd = tokenEnd(s, i);
  if (s.slice(i, tokEnd) !== '--') {
    id = s.slice(i, tokEnd);
    i = skipBlanks(s, tokEnd);
    tokEnd = tokenEnd(s, i);
  }
  const colon = s.indexOf(': ', tokEnd);
  const nl = lineEnd(s, tokEnd);
  const msg = colon >= 0 && colon <= nl ? s.slice(colon + 2) : s.slice(tokEnd);
  return leveledRecord(level === 'ANY' || level === 'UNKNOWN' ? 'INFO' : level, id, msg, 'generic');
}

/** `Init error when loading handler h` / `Critical exception from handler` then (often) a JSON document. */
function rubyRuntimeError(text: string, failure: FailureKind): LogRecord {
  const brace = text.indexOf('{');
  const doc = brace < 0 ? undefined : (parseJsonDoc(text.slice(brace)) ?? looseJsonFields(text.slice(brace)));
  const errorType = str(doc?.['errorType']);
  const r = failureRecord(isOomType(errorType) ? 'out_of_memory' : failure, 'app');
  if (errorType !== undefined) r.errorType = errorType;
  r.errorMessage = str(doc?.['errorMessage']) ?? firstLine(text).trim();
  const frames = framesFrom(doc?.['stackTrace']);
  if (frames.length > 0) r.frames = frames;
  return r;
}

/** An error thrown out of the handler, as the runtime reported it; the type decides the failure. */
function thrownRecord(type: string, message: string, text: string): LogRecord {
  const r = failureRecord(failureForThrown(type), 'app');
  r.errorType = type;
  if (message !== '') r.errorMessage = message;
  const frames = framesFromText(text);
  if (frames.length > 0) r.frames = frames;
  return r;
}

const EXIT_REASON =
  /^(?:Runtime exited|Runtime failed to start|Couldn't find valid bootstrap|Unknown application error|Process exited before)/;
const JVM_TYPE = /^[a-z][\w$]*(?:\.[\w$]+)+$/;

/**
 * Lines with no prefix: print/puts/System.out output, stderr of runtimes and hosts. Only shapes known to
 * mean a failure become one; anything else is info, however many error words it holds.
 */
export function parseFreeText(s: string, h: string): LogRecord {
  const c = s.charCodeAt(0);
  switch (c) {
    case 0x4c /* L */:
      if (s.startsWith('LAMBDA_WARNING')) return make('warning', null, 'app');
      if (s.startsWith('log4j:')) return make('warning', null, 'app');
      break;
    case 0x6c /* l */:
      if (s.startsWith('log4j:')) return make('warning', null, 'app');
      break;
    case 0x50 /* P */:
      if (s.startsWith('Picked up ')) return make('info', null, 'app');
      if (s.startsWith('Process exited before completing request')) return exitRecord(s, undefined, true);
      break;
    case 0x4f /* O */:
      if (s.startsWith('OpenJDK ') && s.includes(' warning')) return make('warning', null, 'app');
      break;
    case 0x43 /* C */:
      if (s.startsWith('Class not found:')) {
        // java8: `Class not found: example.Hello: java.lang.ClassNotFoundException`.
        const r = initError(s);
        const line1 = firstLine(s).trim();
        const k = line1.lastIndexOf(': ');
        if (k > 16 && JVM_TYPE.test(line1.slice(k + 2))) {
          r.errorType = line1.slice(k + 2);
          r.errorMessage = line1.slice(0, k);
        }
        return r;
      }
      if (s.startsWith('Critical exception from handler')) return rubyRuntimeError(s, 'uncaught_exception');
      if (s.startsWith("Couldn't find valid bootstrap")) return exitRecord(s, undefined, true);
      if (s.startsWith('Caused by: ')) return make('info', null, 'app');
      break;
    case 0x55 /* U */:
      if (s.startsWith('Unknown application error occurred')) return exitRecord(s, undefined, true);
      if (s.startsWith('Unable to import module')) return initError(s);
      if (s.startsWith('Unhandled exception:')) {
        // Dart: the exception is on the next line.
        const r = failureRecord('uncaught_exception', 'app');
        const rest = s.slice(lineEnd(s) + 1).trimStart();
        const hd = exceptionHeader(firstLine(rest).trim(), true);
        if (hd !== undefined) {
          r.errorType = hd.type;
          if (hd.message !== undefined) r.errorMessage = hd.message;
        } else if (rest !== '') r.errorMessage = firstLine(rest).trim();
        const frames = framesFromText(rest);
        if (frames.length > 0) r.frames = frames;
        return r;
      }
      break;
    case 0x49 /* I */:
      if (s.startsWith('Init error when loading handler')) return rubyRuntimeError(s, 'init_error');
      break;
    case 0x46 /* F */:
      if (s.startsWith('Failed to initialize CoreCLR')) return initError(s);
      break;
    case 0x41 /* A */:
      if (s.startsWith('A fatal error was encountered')) return initError(s);
      break;
    case 0x45 /* E */:
      if (s.startsWith('Error: ')) {
        // `Error: Runtime exited ...` (sys.exit, a console's copy without the RequestId part) and host failures;
        // any other `Error: msg` is a JavaScript error header, handled below.
        const reason = s.slice(7);
        if (EXIT_REASON.test(reason)) return exitRecord(reason, undefined, true);
        if (reason.startsWith('.NET binaries') || reason.startsWith('Unable to access jarfile'))
          return initError(s);
      }
      if (s.startsWith('Exception in thread ')) {
        const q = s.indexOf('" ', 20);
        const rest = q > 0 ? s.slice(q + 2) : s.slice(20);
        const hd = exceptionHeader(firstLine(rest).trim());
        const r = failureRecord(hd !== undefined ? failureForThrown(hd.type) : 'uncaught_exception', 'app');
        if (hd !== undefined) {
          r.errorType = hd.type;
          if (hd.message !== undefined) r.errorMessage = hd.message;
        }
        const frames = framesFromText(rest);
        if (frames.length > 0) r.frames = frames;
        return r;
      }
      break;
    case 0x52 /* R */:
      if (s.startsWith('Runtime exited') || s.startsWith('Runtime failed to start'))
        return exitRecord(s, undefined, true);
      break;
    case 0x63 /* c */:
      if (s.startsWith('calling the handler function resulted in a panic')) return panicRecord(s);
      break;
    case 0x70 /* p */:
      if (s.startsWith('panic: ')) return panicRecord(s);
      break;
    case 0x54 /* T */:
      if (s.startsWith('Traceback (most recent call last):')) {
        const tb = tracebackException(s);
        if (tb === undefined) return make('info', null, 'app');
        // A printed traceback (traceback.print_exc()): the code saw an error and carried on.
        const r = failureRecord('error_log', 'app');
        r.errorType = tb.type;
        if (tb.message !== undefined) r.errorMessage = tb.message;
        const frames = framesFromText(s);
        if (frames.length > 0) r.frames = frames;
        return r;
      }
      break;
  }
  // Ruby Logger: `E, [ts #pid] ERROR ...`.
  if (s.charCodeAt(1) === 44 && s.charCodeAt(2) === 32 && s.charCodeAt(3) === 91) {
    const r = rubyLoggerLine(s);
    if (r !== undefined) return r;
  }
  if (h.includes('JavaScript heap out of memory') || h.includes('java.lang.OutOfMemoryError')) {
    const r = failureRecord('out_of_memory', 'app');
    const k = h.indexOf('java.lang.OutOfMemoryError');
    if (k >= 0) {
      r.errorType = 'java.lang.OutOfMemoryError';
      const hd = exceptionHeader(firstLine(h.slice(k)).trim());
      if (hd?.message !== undefined) r.errorMessage = hd.message;
    } else r.errorMessage = firstLine(h.slice(Math.max(0, h.indexOf('FATAL ERROR')))).trim();
    return r;
  }
  const line1 = firstLine(h);
  const hd = exceptionHeader(line1.trim());
  if (hd !== undefined) {
    if (JVM_TYPE.test(hd.type)) {
      // A JVM exception printed to stderr (printStackTrace, a logger): logged, not thrown out of the handler.
      const r = failureRecord(isOomType(hd.type) ? 'out_of_memory' : 'error_log', 'app');
      r.errorType = hd.type;
      if (hd.message !== undefined) r.errorMessage = hd.message;
      const frames = framesFromText(s);
      if (frames.length > 0) r.frames = frames;
      return r;
    }
    if (/[\n\r] {2,}at /.test(h)) {
      // A raw JavaScript stack with no runtime prefix: nodejs24 prints unhandled rejections this way.
      const r = failureRecord(failureForThrown(hd.type), 'app');
      r.errorType = hd.type;
      if (hd.message !== undefined) r.errorMessage = hd.message;
      const frames = framesFromText(s);
      if (frames.length > 0) r.frames = frames;
      return r;
    }
  }
  if (line1.length < h.length) {
    const k = line1.lastIndexOf(': ');
    const type = k > 0 ? line1.slice(k + 2).trim() : '';
    const next = h.slice(line1.length + 1);
    if (
      type !== '' &&
      next.startsWith('Traceback (most recent call last):') &&
      /^[A-Za-z_][\w.]{0,200}$/.test(type)
    ) {
      // Python 2.7/3.6 runtime: `<msg>: <Type>\nTraceback ...` for an uncaught error.
      return thrownRecord(type, line1.slice(0, k), s);
    }
    if (
      type !== '' &&
      next.trimStart().startsWith(type) &&
      (JVM_TYPE.test(type) ||
        exceptionHeader(type) !== undefined ||
        // A class in the default package: the repeated type line and a `\tat` frame still say it.
        (/^[A-Za-z_$][\w$]{0,200}$/.test(type) &&
          next.trimStart().startsWith(`${type}: `) &&
          next.includes('\n\tat ')))
    ) {
      // The Java runtime: `<msg>: <Type>\n<Type>: <msg>\n\tat ...` for an error thrown out of the handler
      // (java8's `Class not found: <cls>: java.lang.ClassNotFoundException` is the same shape).
      return thrownRecord(type, line1.slice(0, k), s);
    }
  }
  if (line1.length === h.length) {
    // The Java runtime's header line on its own (the trace went to other events or other lines).
    const k = line1.lastIndexOf(': ');
    const type = k > 0 ? line1.slice(k + 2).trim() : '';
    if (JVM_TYPE.test(type) && exceptionHeader(type) !== undefined)
      return thrownRecord(type, line1.slice(0, k), s);
  }
  if (/: \*?(?:errors\.)?errorString$/.test(line1)) {
    // go1.x: `<msg>: errorString` for a handler error.
    const r = failureRecord('uncaught_exception', 'app');
    const k = line1.lastIndexOf(': ');
    r.errorType = line1.slice(k + 2);
    r.errorMessage = line1.slice(0, k);
    return r;
  }
  if (h.includes('Warning: ') && /(?:^|: )[A-Z]\w{0,40}Warning: /.test(line1)) {
    // Python warnings module: `/var/task/app.py:3: SyntaxWarning: invalid escape sequence '\d'`.
    return make('warning', null, 'app');
  }
  return make('info', null, 'app');
}

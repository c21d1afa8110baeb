import { createHash } from 'node:crypto';
import type { FailureKind, StackFrame } from '../logs/record.js';

/**
 * Grouping of failures into incidents: the same error with different data (ids, numbers, times,
 * URLs) must give the same fingerprint, while a different error type, message shape or in-app
 * top frame must give a different one. Bump FINGERPRINT_VERSION when the rules change, so that
 * old and new fingerprints can never be confused with each other.
 */
const FINGERPRINT_VERSION = 'v1';

/** Only this much of a message is masked: error messages can be megabytes of JSON. */
const MAX_MASK_INPUT = 2000;
/** Masking can grow text (`1` → `<n>`); templates stay bounded whatever the input. */
const MAX_TEMPLATE = 2000;
const MAX_ERROR_TYPE = 256;

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}';
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}';
const CLOCK = '\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?';
const ZONE =
  '(?:\\s?(?:Z|UTC|GMT)(?![A-Za-z])(?:[+-]\\d{2}:?\\d{2})?|[+-]\\d{2}:?\\d{2})?(?:\\s\\([A-Za-z ]{1,60}\\))?';

/**
 * The masking rules, applied in order. Earlier rules take the most specific shapes (a URL holds
 * numbers, an ISO timestamp holds a date and a clock) so that later, broader rules see only what
 * is left. Placeholders contain no digits, so no later rule rewrites them. No pattern nests
 * quantifiers and the input is cut to 2,000 characters first, so a hostile message cannot make
 * matching slow.
 */
const RULES: ReadonlyArray<readonly [RegExp, string | ((m: string, ...groups: string[]) => string)]> = [
  // Credentials in URLs are part of the URL: mask the whole thing.
  [/\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s'"`<>()[\]{}]{1,2000}/gi, '<url>'],
  [/\barn:aws[a-z-]{0,20}:[^\s'"`,;()[\]{}]{1,2000}/gi, '<arn>'],
  [/\b[\w.+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,10}\b/gi, '<email>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  // X-Ray trace ids (`1-5759e988-bd862e3fe1be46a994272793`).
  [/\b1-[0-9a-f]{8}-[0-9a-f]{24}\b/gi, '<id>'],
  // Source positions (`handler.js:12:9`, `app.py", line 42`, `F.cs:line 20`); before the timestamps,
  // which would read `12:34` as a time.
  [/(\.[a-z]{1,10}):(?:line )?\d{1,7}(?::\d{1,7})?\b/gi, '$1:<n>'],
  [/(\.[a-z]{1,10}", line )\d{1,7}\b/gi, '$1<n>'],
  // ISO 8601 and SQL-style timestamps, with optional fraction and zone.
  [new RegExp(`\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]${CLOCK})?${ZONE}`, 'g'), '<ts>'],
  // `2026/11/28 12:00:00` (Go's log package), `11/28/2026`, `28.11.2026`.
  [new RegExp(`\\b\\d{4}/\\d{2}/\\d{2}(?: ${CLOCK})?`, 'g'), '<ts>'],
  [/\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b/g, '<ts>'],
  // `Sat, 28 Nov 2026 12:00:00 GMT` (HTTP dates) and `Sat Nov 28 2026 12:00:00 GMT+0000 (…)` (JS).
  [new RegExp(`\\b(?:${WEEKDAY},?\\s)?\\d{1,2}\\s${MONTH}\\s\\d{4}(?:\\s${CLOCK})?${ZONE}`, 'g'), '<ts>'],
  [new RegExp(`\\b(?:${WEEKDAY},?\\s)?${MONTH}\\s\\d{1,2},?\\s\\d{4}(?:\\s${CLOCK})?${ZONE}`, 'g'), '<ts>'],
  [new RegExp(`\\b${CLOCK}${ZONE}(?![\\w:])`, 'g'), '<ts>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g, '<ip>'],
  // IPv6 with a `::` or the full eight groups; `std::string` is not hex, so it stays.
  [/(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])/gi, '<ip>'],
  [
    /(?<![\w:])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?(?![\w:])/gi,
    ipv6,
  ],
  [/\b0x[0-9a-f]{1,64}\b/gi, '<hex>'],
  // Hex of 8+ characters with at least one digit and one letter (a digit-only run is a number,
  // a letter-only word like `deadbeef` is rare enough in errors and may be a real word).
  [/\b(?=[0-9a-f]{0,200}[a-f])(?=[0-9a-f]{0,200}\d)[0-9a-f]{8,}\b/gi, '<hex>'],
  // Request ids of AWS services (DynamoDB, STS, S3: upper-case letters and digits, 16+).
  [/\b(?=[A-Z0-9]{0,100}\d)(?=[A-Z0-9]{0,100}[A-Z])[A-Z0-9]{16,}\b/g, '<id>'],
  // Tokens, keys, base64 and random suffixes: 20+ characters mixing letters and digits.
  [/(?<![\w+/=-])[A-Za-z0-9+/_-]{20,}={0,2}(?![\w+/=-])/g, base64ish],
  // Quoted values; the quote must not follow a letter, so `can't` and `user's` stay words.
  [/(?<![\w'])'[^'\n]{0,300}'(?!\w)/g, '<str>'],
  [/(?<![\w"\\])"(?:[^"\\\n]|\\.){0,300}"(?!\w)/g, '<str>'],
  [/`[^`\n]{0,300}`/g, '<str>'],
  // key=value: the key says what failed, the value is data.
  [/\b([A-Za-z_][\w.-]{0,60})=(?!<[a-z]+>(?:[\s,;&)\]}]|$))[^\s,;&)\]}]{1,500}/g, '$1=<val>'],
  // Numbers that stand alone (`after 3.00 seconds`, `500ms`, `-1`), not inside names (`S3`, `utf8`,
  // `python3`). Codes that say what went wrong stay: HTTP statuses, exit statuses and signals
  // tell different failures apart (`exit status 1` is not `exit status 137`).
  [
    /(?<![A-Za-z0-9_.])(?<!\b(?:status(?: ?code)?|exit (?:status|code)|signal|http)\s?:?\s?)-?\d+(?:[.,]\d+)*/gi,
    '<n>',
  ],
];

function ipv6(m: string): string {
  // `::` alone, or `a::b` with too few groups, is C++/Rust/Ruby scope syntax; `::1` is loopback.
  if (m === '::') return m;
  const groups = m.split(':').filter((g) => g.length > 0).length;
  return groups >= 2 || m.startsWith('::') ? '<ip>' : m;
}

function base64ish(m: string): string {
  // A path (`/opt/python/lib`) or a long identifier (`ResourceNotFoundException`) stays.
  if (m.startsWith('/')) return m;
  let digits = 0;
  let letters = 0;
  for (let i = 0; i < m.length; i++) {
    const c = m.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
  }
  return digits >= 2 && letters >= 2 ? '<token>' : m;
}

/** Cuts without splitting a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

/**
 * The message with its variable parts replaced by placeholders (`<uuid>`, `<arn>`, `<url>`,
 * `<email>`, `<ip>`, `<ts>`, `<hex>`, `<id>`, `<token>`, `<str>`, `<val>`, `<n>`), so that the same
 * error with different data reads the same. Error words stay. Whitespace is collapsed.
 */
export function maskMessage(message: string): string {
  let s = cut(message, MAX_MASK_INPUT);
  for (const [pattern, replacement] of RULES) {
    s = typeof replacement === 'string' ? s.replace(pattern, replacement) : s.replace(pattern, replacement);
  }
  return cut(s.replace(/\s+/g, ' ').trim(), MAX_TEMPLATE);
}

/** Where deployed code lives; the part after it is what the team recognises. */
const DEPLOY_ROOTS = ['/var/task/', '/var/app/', '/app/', '/code/', '/src/'];

/** `/var/task/src/handlers/orders.js` → `src/handlers/orders.js`: the last three segments at most. */
function shortPath(file: string): string {
  let p = file.replace(/\\/g, '/');
  if (p.startsWith('file://')) p = p.slice(7);
  // A position left on the path would change on every deploy.
  p = p.replace(/(?::line \d+|(?::\d+){1,2})$/, '');
  for (const root of DEPLOY_ROOTS) {
    const i = p.indexOf(root);
    if (i >= 0) {
      p = p.slice(i + root.length);
      break;
    }
  }
  const segments = p.split('/').filter((x) => x.length > 0);
  // Bundlers put a content hash in file names (`main.3f2a1b9c.js`), which changes on every build.
  return segments
    .slice(-3)
    .join('/')
    .replace(/\b(?=[0-9a-f]{0,64}\d)[0-9a-f]{8,64}\b/gi, '<hex>');
}

/**
 * The first frame in the function's own code as `file:function`, without line or column (they move
 * on every deploy) and with the path cut to its last segments; undefined when no frame is in-app.
 */
export function topFrame(frames?: StackFrame[]): string | undefined {
  const frame = frames?.find((f) => f.inApp);
  if (frame === undefined) return undefined;
  const file = frame.file !== undefined ? shortPath(frame.file) : '';
  const fn = frame.fn?.trim() ?? '';
  if (file === '' && fn === '') return undefined;
  if (file === '') return fn;
  if (fn === '') return file;
  return `${file}:${fn}`;
}

/** What a group is called when its occurrences carry no message of their own. */
const DEFAULT_TEMPLATES: Record<FailureKind, string> = {
  timeout: 'Task timed out',
  out_of_memory: 'Out of memory',
  init_error: 'Init failed',
  runtime_exit: 'Runtime exited',
  uncaught_exception: 'Uncaught exception',
  error_log: 'Error logged',
};

export interface FailureToFingerprint {
  functionName: string;
  failureKind: FailureKind;
  errorType?: string;
  errorMessage?: string;
  frames?: StackFrame[];
  /**
   * Where the function runs. The same function name in two accounts or regions is two
   * deployments: each gets its own incidents, so that an incident's log link and region are right.
   */
  account?: string;
  region?: string;
}

export interface Fingerprint {
  /** 32 hex characters. */
  fingerprint: string;
  /** The masked message, or a readable default when there is none. */
  template: string;
  topFrame?: string;
}

/**
 * The grouping key of a failure. A timeout or an out-of-memory kill varies only in numbers and
 * ids, so it is one incident per function and kind, whatever the message. An init error is
 * grouped by its type and message (its stack is the import chain, which says little more). Every
 * other failure adds the in-app top frame, so one message thrown from two places is two incidents.
 */
export function fingerprintFailure(f: FailureToFingerprint): Fingerprint {
  const kind = f.failureKind;
  const errorType = f.errorType !== undefined ? cut(f.errorType.trim(), MAX_ERROR_TYPE) : '';
  const masked = f.errorMessage !== undefined ? maskMessage(f.errorMessage) : '';
  const frame = topFrame(f.frames);
  const messageFree = kind === 'timeout' || kind === 'out_of_memory';
  const template = messageFree || masked === '' ? DEFAULT_TEMPLATES[kind] : masked;

  const parts: string[] = [FINGERPRINT_VERSION, f.account ?? '', f.region ?? '', f.functionName, kind];
  if (!messageFree) {
    parts.push(errorType, masked);
    if (kind !== 'init_error') parts.push(frame ?? '');
  }
  // JSON keeps the parts apart: `a|b` + `c` can never hash like `a` + `b|c`.
  const fingerprint = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
  const out: Fingerprint = { fingerprint, template };
  if (frame !== undefined) out.topFrame = frame;
  return out;
}

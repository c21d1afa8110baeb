/**
 * Masks credentials in untrusted text (log lines, AWS resource attributes) before anything shows
 * it: every path that shows such text to people goes through `maskSecrets`.
 *
 * The regexes are written for hostile 10 MB lines: matches start only at the beginning of a run
 * of the characters they consume (look-behind), and every quantifier has a bound, so the work is
 * a few linear passes, never a quadratic scan, and never deep enough to overflow the regex
 * engine's backtracking stack (an unbounded `+` over a huge run does). Where a bound would let
 * the tail of a secret through (PEM bodies, cookie headers) the scan is done by hand.
 */

const ELLIPSIS = '…';
export const MASK = '****';

/** The first line of a PEM private key; its body is found by `maskPem`. */
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/y;
/** `scheme://user:password@host`: the password goes, the rest stays readable. */
const URL_PASSWORD =
  /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/)([^\s:/?#@[\]]{0,256}):([^\s/?#]{1,1024})@/g;
const SLACK_WEBHOOK = /(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]{1,512}/g;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{4,65536}\.[A-Za-z0-9_-]{0,8192}/g;
const SLACK_TOKEN = /(?<![A-Za-z0-9])(xox[abposre]|xapp)-[A-Za-z0-9-]{4,512}/g;
/** Well-known token prefixes of other services that end up in logs. */
const VENDOR_TOKEN =
  /(?<![A-Za-z0-9_])(gh[pousr]_|github_pat_|glpat-|sk_live_|sk_test_|rk_live_|npm_|AIza)[A-Za-z0-9_-]{16,512}/g;
/** STS session tokens start with these base64 prefixes. */
const AWS_SESSION_TOKEN = /(?<![A-Za-z0-9/+=])(IQoJb3JpZ2lu|FwoGZXIvYXdz)[A-Za-z0-9/+=]{20,8192}/g;
const AWS_KEY_ID = /(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;
/** A secret access key on its own: 40 base64 characters, masked when an access key id is near. */
const AWS_SECRET_STANDALONE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g;
const AWS_SECRET_NEAR = 300;
const BEARER = /(?<![A-Za-z0-9])(Bearer)\s{1,8}[A-Za-z0-9\-._~+/]{16,8192}={0,2}/gi;
/** A cookie header carries several secrets separated by `;`: everything to the end of the line. */
const COOKIE_HEADER = /(?<![A-Za-z0-9_-])(?:set-)?cookie\s{0,3}:(?![ \t]{0,8}["'\\])[ \t]{0,8}(?=[^\s])/gi;
/**
 * `key=value`, `key: value`, `"key": "value"`, `\"key\":\"value\"` (JSON inside a JSON string),
 * and `Authorization: Bearer x`. The key decides (see `isSecretKey`), so this matches any key.
 */
const KEY_VALUE =
  /(?<![A-Za-z0-9_.-])(\\?["']|)([A-Za-z_][A-Za-z0-9_.-]{0,63})\1(\s{0,3}[:=]\s{0,3})((?:Bearer|Basic|Digest|Token|Negotiate|AWS4-HMAC-SHA256)\s{1,8}[^\s,;"'\\]{1,8192}|"(?:[^"\\\r\n]|\\.){0,4096}"|'(?:[^'\\\r\n]|\\.){0,4096}'|\\"(?:(?!\\")[^\r\n]){0,4096}\\"|[^\s,;&"'`}\])<>\\]{1,8192})/g;

/** Key words whose value is a secret when the key ends with them (`dbPassword`, `AWS_SESSION_TOKEN`). */
const SECRET_SUFFIXES = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'cookie',
  'credential',
  'credentials',
  'sessionid',
  'privatekey',
  'accesskey',
  'secretkey',
];
/** Short words that only count as the whole last word (`pwd`, but not `cwd`; `auth`, not `author`). */
const SECRET_WORDS = new Set(['pwd', 'pass', 'auth', 'authorization', 'session', 'sig', 'signature', 'jwt']);
/** `<word> key` pairs: `api_key`, `x-api-key`, `aws_secret_access_key`, `signingKey`. */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'signing',
  'encryption',
  'master',
  'client',
  'app',
  'license',
]);
/** Values that say there is no secret; masking them would only hide what went wrong. */
const EMPTY_VALUES = new Set(['null', 'undefined', 'true', 'false', 'none', 'nil', '""', "''", '\\"\\"']);

const SECRET_HINT = /pass|pwd|secret|token|key|cookie|auth|session|sig|credential|jwt/i;

function keyWords(key: string): string[] {
  return key.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g)?.map((w) => w.toLowerCase()) ?? [];
}

/** Whether a key names a secret, judged on its last word so `TokenExpiredError: …` is left alone. */
export function isSecretKey(key: string): boolean {
  // Most keys in a log line are not secret: skip splitting them into words.
  if (!SECRET_HINT.test(key)) return false;
  const words = keyWords(key);
  const last = words.at(-1);
  if (last === undefined) return false;
  if (SECRET_WORDS.has(last)) return true;
  if (SECRET_SUFFIXES.some((s) => last.endsWith(s))) return true;
  if (last === 'key' || last === 'id') {
    const before = words.at(-2);
    if (before === undefined) return false;
    return last === 'key' ? KEY_QUALIFIERS.has(before) : before === 'session';
  }
  return false;
}

function maskValue(value: string): string {
  if (EMPTY_VALUES.has(value.toLowerCase())) return value;
  const scheme = /^(Bearer|Basic|Digest|Token|Negotiate|AWS4-HMAC-SHA256)\s+/i.exec(value);
  if (scheme) return `${scheme[1]} ${MASK}`;
  if (value.startsWith('\\"')) return `\\"${MASK}\\"`;
  const q = value[0];
  if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) return `${q}${MASK}${q}`;
  return MASK;
}

/** Whether a sorted list of positions has one within `AWS_SECRET_NEAR` of `at` (binary search). */
function nearAny(sorted: number[], at: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  const after = sorted[lo];
  const before = sorted[lo - 1];
  return (
    (after !== undefined && after - at <= AWS_SECRET_NEAR) ||
    (before !== undefined && at - before <= AWS_SECRET_NEAR)
  );
}

/** Characters of a PEM body: base64, line breaks (also as literal `\\n`), and armor headers. */
function isPemBody(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x2b || // +
    c === 0x2f || // /
    c === 0x3d || // =
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x5c || // backslash of an escaped newline
    c === 0x3a || // :
    c === 0x2c || // ,
    c === 0x2e || // .
    c === 0x28 ||
    c === 0x29 ||
    c === 0x2d // -
  );
}

/**
 * PEM private keys, body and all, also when the END line was cut off (excerpts are cut
 * upstream). A scan rather than one regex: a key body can be longer than any bounded quantifier.
 */
function maskPem(s: string): string {
  if (!s.includes('PRIVATE KEY')) return s;
  let out = '';
  let last = 0;
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(s); m !== null; m = PEM_BEGIN.exec(s)) {
    const bodyStart = m.index + m[0].length;
    let j = bodyStart;
    while (j < s.length && isPemBody(s.charCodeAt(j)) && !s.startsWith('-----END ', j)) j++;
    PEM_END.lastIndex = j;
    const end = PEM_END.exec(s);
    const stop = end ? j + end[0].length : j;
    out += `${s.slice(last, bodyStart)}${MASK}${end ? end[0] : ''}`;
    last = stop;
    PEM_BEGIN.lastIndex = stop;
  }
  return out + s.slice(last);
}

/** Masks from the end of each match of `re` to the end of its line. */
function maskToLineEnd(s: string, re: RegExp): string {
  let out = '';
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const valueStart = m.index + m[0].length;
    let eol = s.indexOf('\n', valueStart);
    if (eol === -1) eol = s.length;
    if (s[eol - 1] === '\r') eol--;
    out += `${s.slice(last, valueStart)}${MASK}`;
    last = eol;
    re.lastIndex = Math.max(eol, valueStart + 1);
  }
  return out + s.slice(last);
}

/**
 * Masks what has the shape of a credential (keys, tokens, JWTs, PEM keys, passwords in URLs),
 * but not `word: value` pairs: for Pillar's own advice, which names tokens on purpose
 * ("the bot token: check SLACK_BOT_TOKEN").
 */
export function maskSecretShapes(s: string): string {
  let out = maskPem(s);
  out = out.replace(URL_PASSWORD, (_m, scheme: string, user: string) => `${scheme}${user}:${MASK}@`);
  out = out.replace(SLACK_WEBHOOK, `$1${MASK}`);
  out = out.replace(JWT, `eyJ${ELLIPSIS}${MASK}`);
  out = out.replace(SLACK_TOKEN, `$1-${MASK}`);
  out = out.replace(VENDOR_TOKEN, `$1${MASK}`);
  out = out.replace(AWS_SESSION_TOKEN, `$1${ELLIPSIS}${MASK}`);
  // Secret keys next to a key id first, while the key ids still mark where they are.
  const keyAt = [...out.matchAll(AWS_KEY_ID)].map((m) => m.index);
  if (keyAt.length > 0) {
    out = out.replace(AWS_SECRET_STANDALONE, (m, offset: number) => (nearAny(keyAt, offset) ? MASK : m));
    out = out.replace(AWS_KEY_ID, `$1${ELLIPSIS}${MASK}`);
  }
  return out;
}

/**
 * Masks credentials so they never reach a channel, keeping enough to recognise what was there:
 * everything `maskSecretShapes` masks, and bearer tokens, cookie headers and the values of
 * secret-looking keys.
 */
export function maskSecrets(s: string): string {
  let out = maskSecretShapes(s);
  out = out.replace(BEARER, `$1 ${MASK}`);
  out = maskToLineEnd(out, COOKIE_HEADER);
  out = out.replace(KEY_VALUE, (m, quote: string, key: string, sep: string, value: string) =>
    isSecretKey(key) ? `${quote}${key}${quote}${sep}${maskValue(value)}` : m,
  );
  return out;
}

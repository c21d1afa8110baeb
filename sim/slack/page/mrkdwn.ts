/**
 * Slack mrkdwn → a small tree of typed nodes, and Slack's `<!date^…>` tokens → text. Pure and
 * DOM-free: vitest imports it as TypeScript, the stand-in serves it to the browser (through
 * esbuild's transform). Text in the tree is already decoded (`&amp;` → `&`, exactly once); the
 * renderer only ever turns it into text nodes, never into markup.
 */

export type MdNode =
  | { t: 'text'; s: string }
  | { t: 'br' }
  | { t: 'b' | 'i' | 's'; c: MdNode[] }
  | { t: 'code'; c: MdNode[] }
  | { t: 'pre'; c: MdNode[] }
  | { t: 'quote'; c: MdNode[] }
  /** `href` is null when the target is not a web or mail link (`javascript:` and the like). */
  | { t: 'link'; url: string; href: string | null; label: string }
  | { t: 'user'; id: string; label?: string }
  | { t: 'channel'; id: string; label?: string }
  | { t: 'broadcast'; name: string }
  | { t: 'usergroup'; id: string; label?: string }
  | { t: 'date'; ts: number; format: string; link: string | null; fallback: string };

/** Slack escapes exactly these three; one pass, so `&amp;lt;` reads `&lt;`. */
export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt);/g, (_m, e: string) => (e === 'amp' ? '&' : e === 'lt' ? '<' : '>'));
}

const SAFE_URL = /^(?:https?:\/\/|mailto:)[^\s\u0000-\u001f]*$/i;

/** The URL itself when a browser may follow it from the page, else null. */
export function safeHref(url: string | undefined): string | null {
  if (url === undefined) return null;
  return SAFE_URL.test(url) ? url : null;
}

const FENCE = '```';

/** Parses one mrkdwn string (a section's text, a field, a context element, a message's `text`). */
export function parseMrkdwn(text: string): MdNode[] {
  const out: MdNode[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf(FENCE, i);
    const close = open === -1 ? -1 : text.indexOf(FENCE, open + FENCE.length);
    if (open === -1 || close === -1) {
      out.push(...parseLines(text.slice(i)));
      break;
    }
    // A code block is a block of its own: the line break around its fences is part of it.
    if (open > i) out.push(...parseLines(text.slice(i, open).replace(/\n$/, '')));
    const body = text
      .slice(open + FENCE.length, close)
      .replace(/^\n/, '')
      .replace(/\n$/, '');
    out.push({ t: 'pre', c: parseInline(body, false) });
    i = close + FENCE.length;
    if (text[i] === '\n') i++;
  }
  return out;
}

/** Lines starting with a raw `>` are quotes (an escaped `&gt;` is just text). */
function parseLines(seg: string): MdNode[] {
  const out: MdNode[] = [];
  const lines = seg.split('\n');
  let plain: string[] = [];
  let quote: string[] = [];
  const flushPlain = () => {
    if (plain.length > 0) out.push(...parseInline(plain.join('\n'), true));
    plain = [];
  };
  const flushQuote = () => {
    if (quote.length > 0) out.push({ t: 'quote', c: parseInline(quote.join('\n'), true) });
    quote = [];
  };
  for (const line of lines) {
    if (line.startsWith('>')) {
      flushPlain();
      quote.push(line.slice(1).replace(/^ /, ''));
    } else {
      flushQuote();
      plain.push(line);
    }
  }
  flushPlain();
  flushQuote();
  return out;
}

/** One character of text, or something already parsed (a link, a mention, a code span). */
type Item = string | MdNode;

const MARKERS: Record<string, 'b' | 'i' | 's'> = { '*': 'b', _: 'i', '~': 's' };
/** How far a closing marker is looked for: keeps hostile input linear. */
const MAX_SPAN = 4000;

function tokenize(s: string, codeSpans: boolean): Item[] {
  const items: Item[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s.charAt(i);
    if (ch === '<') {
      const end = s.indexOf('>', i + 1);
      const nl = s.indexOf('\n', i + 1);
      if (end > i + 1 && (nl === -1 || end < nl)) {
        items.push(controlSequence(s.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
    }
    if (ch === '`' && codeSpans) {
      const end = s.indexOf('`', i + 1);
      const nl = s.indexOf('\n', i + 1);
      if (end > i + 1 && (nl === -1 || end < nl)) {
        items.push({ t: 'code', c: parseInline(s.slice(i + 1, end), false) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '&') {
      const m = /^&(amp|lt|gt);/.exec(s.slice(i, i + 5));
      if (m) {
        items.push(decodeEntities(m[0]));
        i += m[0].length;
        continue;
      }
    }
    items.push(ch);
    i++;
  }
  return items;
}

/** Inline text: control sequences, and (outside code) code spans and `*bold* _italic_ ~strike~`. */
function parseInline(s: string, formatting: boolean): MdNode[] {
  const items = tokenize(s, formatting);
  return emphasize(items, 0, items.length, formatting);
}

const isSpace = (it: Item | undefined): boolean => typeof it === 'string' && /\s/.test(it);
/** Letters and digits glue a marker to a word (`snake_case`, `2*3*4` stay as they are). */
const isWordChar = (it: Item | undefined): boolean => typeof it === 'string' && /[\p{L}\p{N}]/u.test(it);

function canOpen(items: Item[], i: number): boolean {
  const next = items[i + 1];
  if (next === undefined || isSpace(next)) return false;
  return !isWordChar(items[i - 1]);
}

function findCloser(items: Item[], i: number, to: number): number {
  const marker = items[i];
  const stop = Math.min(to, i + MAX_SPAN);
  for (let j = i + 2; j < stop; j++) {
    const it = items[j];
    if (it === '\n') return -1;
    if (it === marker && !isSpace(items[j - 1]) && !isWordChar(items[j + 1])) return j;
  }
  return -1;
}

function emphasize(items: Item[], from: number, to: number, formatting: boolean): MdNode[] {
  const out: MdNode[] = [];
  let buf = '';
  const flush = () => {
    if (buf !== '') out.push({ t: 'text', s: buf });
    buf = '';
  };
  for (let i = from; i < to; i++) {
    const it = items[i] as Item;
    if (typeof it !== 'string') {
      flush();
      out.push(it);
      continue;
    }
    if (it === '\n') {
      flush();
      out.push({ t: 'br' });
      continue;
    }
    const kind = formatting ? MARKERS[it] : undefined;
    if (kind && canOpen(items, i)) {
      const j = findCloser(items, i, to);
      if (j !== -1) {
        flush();
        out.push({ t: kind, c: emphasize(items, i + 1, j, formatting) });
        i = j;
        continue;
      }
    }
    buf += it;
  }
  flush();
  return out;
}

/** `<…>`: mentions, channel links, broadcasts, user groups, dates and links. */
export function controlSequence(raw: string): MdNode {
  const bar = raw.indexOf('|');
  const target = bar === -1 ? raw : raw.slice(0, bar);
  const label = bar === -1 ? undefined : decodeEntities(raw.slice(bar + 1));
  const withLabel = label !== undefined && label !== '' ? { label } : {};
  if (target.startsWith('@')) return { t: 'user', id: target.slice(1), ...withLabel };
  if (target.startsWith('#')) return { t: 'channel', id: target.slice(1), ...withLabel };
  if (target.startsWith('!')) {
    const cmd = target.slice(1);
    if (cmd === 'here' || cmd === 'channel' || cmd === 'everyone') return { t: 'broadcast', name: cmd };
    if (cmd.startsWith('subteam^')) return { t: 'usergroup', id: cmd.slice('subteam^'.length), ...withLabel };
    if (cmd.startsWith('date^')) {
      const [, ts, format, link] = cmd.split('^');
      return {
        t: 'date',
        ts: Number(ts),
        format: decodeEntities(format ?? ''),
        link: safeHref(link === undefined ? undefined : decodeEntities(link)),
        fallback: label ?? decodeEntities(raw),
      };
    }
    // An unknown command (`<!foo>`): Slack shows its label, or nothing useful; show what was sent.
    return { t: 'text', s: label ?? `<${decodeEntities(raw)}>` };
  }
  const url = decodeEntities(target);
  return { t: 'link', url, href: safeHref(url), label: label ?? url };
}

// ---- dates ----------------------------------------------------------------------------------

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface Zoned {
  year: number;
  month: number;
  day: number;
  weekday: string;
  hour: number;
  minute: number;
  second: number;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'long',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    };
    try {
      f = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      // An unknown zone in a user's profile must not break the page: UTC then.
      f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

function zoned(ms: number, timeZone: string): Zoned {
  const p: Record<string, string> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(new Date(ms))) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    weekday: p.weekday ?? '',
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function clock12(z: Zoned, seconds: boolean): string {
  const h = z.hour % 12 === 0 ? 12 : z.hour % 12;
  return `${h}:${pad2(z.minute)}${seconds ? `:${pad2(z.second)}` : ''} ${z.hour < 12 ? 'AM' : 'PM'}`;
}

const dayNumber = (z: Zoned) => Math.round(Date.UTC(z.year, z.month - 1, z.day) / 86_400_000);

/** `3 minutes ago`, `in 2 hours`, `a few seconds ago`. */
export function formatAgo(ms: number, now: number): string {
  const diff = now - ms;
  const abs = Math.abs(diff);
  const s = Math.round(abs / 1000);
  let phrase: string;
  if (s < 45) phrase = 'a few seconds';
  else if (s < 90) phrase = 'a minute';
  else if (s < 45 * 60) phrase = `${Math.round(s / 60)} minutes`;
  else if (s < 90 * 60) phrase = 'an hour';
  else if (s < 22 * 3600) phrase = `${Math.round(s / 3600)} hours`;
  else if (s < 36 * 3600) phrase = 'a day';
  else if (s < 26 * 86400) phrase = `${Math.round(s / 86400)} days`;
  else if (s < 45 * 86400) phrase = 'a month';
  else if (s < 320 * 86400) phrase = `${Math.round(s / (30 * 86400))} months`;
  else if (s < 548 * 86400) phrase = 'a year';
  else phrase = `${Math.round(s / (365 * 86400))} years`;
  return diff >= 0 ? `${phrase} ago` : `in ${phrase}`;
}

export interface DateOptions {
  /** The stand-in's clock, for `today`/`yesterday` and `{ago}`. */
  now: number;
  /** The reader's zone: each reader sees the time in their own. */
  timeZone: string;
}

/**
 * A `<!date^…>` format in the reader's zone, as Slack shows it (`{date_short_pretty} at {time}`
 * → `today at 12:01 PM`); null when the timestamp is not a number (the fallback is shown then).
 * Unknown tokens stay as written.
 */
export function formatSlackDate(epochSeconds: number, format: string, opts: DateOptions): string | null {
  if (!Number.isFinite(epochSeconds)) return null;
  const ms = epochSeconds * 1000;
  const z = zoned(ms, opts.timeZone);
  const today = zoned(opts.now, opts.timeZone);
  const monthName = MONTHS[z.month - 1] ?? '';
  const date = `${monthName} ${ordinal(z.day)}, ${z.year}`;
  const dateShort = `${monthName.slice(0, 3)} ${z.day}, ${z.year}`;
  const dateLong = `${z.weekday}, ${date}`;
  const relative = (): string | null => {
    const d = dayNumber(z) - dayNumber(today);
    return d === 0 ? 'today' : d === -1 ? 'yesterday' : d === 1 ? 'tomorrow' : null;
  };
  const tokens: Record<string, () => string> = {
    date_num: () => `${z.year}-${pad2(z.month)}-${pad2(z.day)}`,
    date: () => date,
    date_short: () => dateShort,
    date_long: () => dateLong,
    date_pretty: () => relative() ?? date,
    date_short_pretty: () => relative() ?? dateShort,
    date_long_pretty: () => relative() ?? dateLong,
    time: () => clock12(z, false),
    time_secs: () => clock12(z, true),
    ago: () => formatAgo(ms, opts.now),
  };
  return format.replace(/\{([a-z_]+)\}/g, (m, name: string) => tokens[name]?.() ?? m);
}

/** A message's time in the reader's zone: `12:01 PM`. */
export function formatClock(ms: number, timeZone: string): string {
  return clock12(zoned(ms, timeZone), false);
}

/** A message's full date for its tooltip: `Saturday, November 28th, 2026 at 12:01:05 PM`. */
export function formatFull(ms: number, timeZone: string): string {
  const z = zoned(ms, timeZone);
  return `${z.weekday}, ${MONTHS[z.month - 1] ?? ''} ${ordinal(z.day)}, ${z.year} at ${clock12(z, true)}`;
}

/** Milliseconds of a Slack ts (`1764331200.000100`). */
export function tsToMs(ts: string): number {
  return Math.floor(Number(ts) * 1000);
}

/** Orders Slack timestamps numerically without float rounding. */
export function compareTs(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  const d = Number(as) - Number(bs);
  if (d !== 0) return d;
  return Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

/**
 * The one path for untrusted text (log lines, error messages, AWS names, what people type) into
 * Slack: secrets masked, control characters dropped, `&`, `<`, `>` escaped, broadcast mentions
 * broken, and the result cut to a limit measured after escaping (slack.md §2).
 *
 * The regexes are written for hostile 10 MB lines: matches start only at the beginning of a run
 * of the characters they consume (look-behind), and every quantifier has a bound, so the work is
 * a few linear passes, never a quadratic scan, and never deep enough to overflow the regex
 * engine's backtracking stack (an unbounded `+` over a huge run does). Where a bound would let
 * the tail of a secret through (PEM bodies, cookie headers) the scan is done by hand.
 */

export const ELLIPSIS = '…';
const ZWSP = '\u200B';

import { maskSecrets } from '../../redact.js';

// ---------------------------------------------------------------------------------------------
// Escaping

/**
 * Escapes mrkdwn: `&`, `<`, `>` and nothing else (& first), so `<!channel>` or a disguised
 * `<https://evil|link>` shows as text. Also breaks `@here`/`@channel`/`@everyone` and a leading
 * `#channel` with a zero-width space, in case a client or a `link_names` call links plain names.
 */
export function escapeMrkdwn(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=(?:here|channel|everyone))/gi, `@${ZWSP}`)
    .replace(/(?<![\p{L}\p{N}_])#(?=[\p{L}\p{N}_-])/gu, `#${ZWSP}`);
}

/**
 * C0 controls (but tab and newline), DEL, and bidi overrides that could make a line read
 * differently from what it says. Carriage returns go too: Slack would show them as breaks.
 */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

function sanitize(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** Any run of whitespace becomes one space: for text that must stay on one line. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Backticks would end a code span or block early; U+02CB looks alike and does not. */
function neutraliseBackticks(s: string): string {
  return s.replace(/`/g, 'ˋ');
}

// ---------------------------------------------------------------------------------------------
// Cutting

/** Raw characters read beyond the output limit: room for masking to shrink the text. */
const WINDOW_MARGIN = 8192;

/**
 * Keeps the head of a huge input. The trailing part of a token that the cut split is dropped
 * too: half a secret would no longer match its pattern and could otherwise slip through.
 */
function window(s: string, max: number): { text: string; cut: boolean } {
  const limit = max + WINDOW_MARGIN;
  if (s.length <= limit) return { text: s, cut: false };
  let end = limit;
  // Back off over at most 128 token characters (a longer run is no single secret).
  while (end > limit - 128 && /[A-Za-z0-9/+=_.-]/.test(s.charAt(end - 1))) end--;
  return { text: s.slice(0, end), cut: true };
}

/**
 * Cuts to at most `max` characters including the ellipsis, never inside an `&amp;`-style entity
 * nor between the halves of a surrogate pair.
 */
export function cut(s: string, max: number, forced = false): string {
  if (max <= 0) return '';
  if (s.length <= max && !forced) return s;
  let end = Math.min(s.length, max - ELLIPSIS.length);
  if (end <= 0) return ELLIPSIS.slice(0, max);
  const amp = s.lastIndexOf('&', end - 1);
  if (amp !== -1 && end - amp < 5) {
    const semi = s.indexOf(';', amp);
    if (semi === -1 || semi >= end) end = amp;
  }
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end).trimEnd() + ELLIPSIS;
}

export interface TextOptions {
  /** Collapse all whitespace (newlines too) into single spaces. */
  oneLine?: boolean;
}

function prepare(
  s: string | null | undefined,
  max: number,
  opts: TextOptions,
): { text: string; cut: boolean } {
  const w = window(s ?? '', max);
  let text = maskSecrets(sanitize(w.text));
  if (opts.oneLine) text = oneLine(text);
  return { text, cut: w.cut };
}

/**
 * Untrusted text for a mrkdwn field: masked, escaped, then cut to `max` characters measured
 * after escaping (escaping makes text longer: `<` is four characters on the wire).
 */
export function untrusted(s: string | null | undefined, max: number, opts: TextOptions = {}): string {
  const p = prepare(s, max, opts);
  return cut(escapeMrkdwn(p.text), max, p.cut);
}

/** Untrusted text for a plain_text field: masked and cut; plain_text needs no escaping. */
export function plain(s: string | null | undefined, max: number, opts: TextOptions = {}): string {
  const p = prepare(s, max, opts);
  return cut(p.text, max, p.cut);
}

const FENCE = '```';

/**
 * Untrusted text as a ``` block: masked, escaped, backticks neutralised, and cut so the whole
 * block, fences included, fits in `max`.
 */
export function codeBlock(s: string | null | undefined, max: number): string {
  const overhead = FENCE.length * 2 + 2;
  const budget = Math.max(1, max - overhead);
  const p = prepare(s, budget, {});
  let body = cut(escapeMrkdwn(neutraliseBackticks(p.text)), budget, p.cut);
  // Slack trims blank lines at the edges of a block anyway; an empty block would show its fences.
  body = body.replace(/^\n+/, '').trimEnd();
  if (body === '') body = ' ';
  return `${FENCE}\n${body}\n${FENCE}`;
}

/** Untrusted text as an inline code span on one line (function names, request ids, stack frames). */
export function inlineCode(s: string | null | undefined, max: number): string {
  const budget = Math.max(1, max - 2);
  const p = prepare(s, budget, { oneLine: true });
  const body = cut(escapeMrkdwn(neutraliseBackticks(p.text)), budget, p.cut);
  return `\`${body === '' ? ' ' : body}\``;
}

const SAFE_URL = /^https:\/\/[^\s<>|"]{1,1000}$/;

/**
 * A link with `label` (already-safe mrkdwn) when `url` is a plain https URL, else the label alone:
 * a URL from outside (the Tool, a setting) cannot close the link early or add a label of its own.
 */
export function link(url: string | null | undefined, label: string): string {
  if (!url || !SAFE_URL.test(url) || maskSecrets(url) !== url) return label;
  return `<${url}|${label.replace(/\|/g, '/')}>`;
}

/**
 * CloudWatch Logs filter patterns, as FilterLogEvents applies them.
 *
 * Unstructured (term) patterns:
 * - an empty pattern matches every event;
 * - space-separated terms are ANDed: `ERROR Exception`;
 * - `?term` terms are ORed among themselves: `?ERROR ?WARN`. Mixed with plain terms, every
 *   plain term must match AND at least one `?` term must match (the sim's reading; AWS does not
 *   document the mix);
 * - `-term` excludes events that contain the term;
 * - `"a phrase"` matches that exact text anywhere (case-sensitive substring);
 * - an unquoted term is case-sensitive and matches as a whole term: the characters either side
 *   of it must not be letters or digits, so `ERROR` matches `[ERROR]` and `\tERROR\t` but not
 *   `ERRORS` (the conservative reading of "terms");
 * - `%regex%` matches when the JavaScript regular expression finds a match (AWS allows at
 *   most two regex terms per pattern, and so does the sim).
 *
 * JSON patterns: `{ $.a = "x" || ($.b.c != 1 && $.d EXISTS) }` with `=`, `!=`, `<`, `>`, `<=`,
 * `>=`, `&&`, `||`, parentheses, `IS NULL`, `IS TRUE`, `IS FALSE`, `EXISTS`, `NOT EXISTS`, string
 * values (quoted or bare) with `*` wildcards, numbers and `%regex%` values. Selectors are
 * `$.name`, `$.a.b`, `$.list[0]`. Events that are not JSON never match.
 *
 * Space-delimited patterns: `[ip, user, ..., status = 5*, bytes > 1000]` over fields split on
 * spaces (`"..."` and `[...]` group a field), `...` matching any number of fields.
 *
 * Anything else that cannot be read throws FilterPatternError ("Invalid filter pattern").
 */

export class FilterPatternError extends Error {
  constructor(detail: string) {
    super(`Invalid filter pattern: ${detail}`);
    this.name = 'FilterPatternError';
  }
}

export type Matcher = (message: string) => boolean;

const MAX_LENGTH = 1024;
const MAX_REGEX = 2;

export function compileFilterPattern(pattern: string): Matcher {
  if (pattern.length > MAX_LENGTH) throw new FilterPatternError('longer than 1024 characters');
  const trimmed = pattern.trim();
  if (trimmed === '') return () => true;
  const regexCount = { n: 0 };
  if (trimmed.startsWith('{')) return compileJson(trimmed, regexCount);
  if (trimmed.startsWith('[')) return compileSpaceDelimited(trimmed, regexCount);
  return compileTerms(trimmed, regexCount);
}

/** Convenience for one-off checks. */
export function matchesFilterPattern(pattern: string, message: string): boolean {
  return compileFilterPattern(pattern)(message);
}

function makeRegex(source: string, counter: { n: number }): RegExp {
  if (source === '') throw new FilterPatternError('empty regular expression');
  counter.n++;
  if (counter.n > MAX_REGEX) throw new FilterPatternError('more than two regular expressions');
  try {
    return new RegExp(source);
  } catch {
    throw new FilterPatternError(`bad regular expression %${source}%`);
  }
}

// --- term patterns ---------------------------------------------------------------------------

interface Term {
  mod: '' | '?' | '-';
  test: (message: string) => boolean;
}

function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9]/.test(ch);
}

/** True when `term` occurs in `message` with no letter or digit glued to its edges. */
export function containsWholeTerm(message: string, term: string): boolean {
  const checkStart = isAlnum(term[0]);
  const checkEnd = isAlnum(term[term.length - 1]);
  let from = 0;
  for (;;) {
    const i = message.indexOf(term, from);
    if (i < 0) return false;
    const end = i + term.length;
    const okStart = !checkStart || i === 0 || !isAlnum(message[i - 1]);
    const okEnd = !checkEnd || end === message.length || !isAlnum(message[end]);
    if (okStart && okEnd) return true;
    from = i + 1;
  }
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  // text[start] is the opening quote.
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '"') return { value, end: i + 1 };
    value += ch;
    i++;
  }
  throw new FilterPatternError('unterminated quoted phrase');
}

function readRegex(text: string, start: number): { source: string; end: number } {
  let i = start + 1;
  let source = '';
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\\' && text[i + 1] === '%') {
      source += '%';
      i += 2;
      continue;
    }
    if (ch === '%') return { source, end: i + 1 };
    source += ch;
    i++;
  }
  throw new FilterPatternError('unterminated regular expression');
}

function compileTerms(text: string, counter: { n: number }): Matcher {
  const terms: Term[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) {
      i++;
      continue;
    }
    let mod: Term['mod'] = '';
    if (text[i] === '?' || text[i] === '-') {
      mod = text[i] as '?' | '-';
      i++;
      if (i >= text.length || /[\s?]/.test(text[i] as string) || (mod === '-' && text[i] === '-')) {
        throw new FilterPatternError(`dangling ${mod}`);
      }
    }
    const ch = text[i];
    if (ch === '"') {
      const q = readQuoted(text, i);
      if (q.value === '') throw new FilterPatternError('empty phrase');
      const phrase = q.value;
      terms.push({ mod, test: (m) => m.includes(phrase) });
      i = q.end;
    } else if (ch === '%') {
      const r = readRegex(text, i);
      const re = makeRegex(r.source, counter);
      terms.push({ mod, test: (m) => re.test(m) });
      i = r.end;
    } else {
      let word = '';
      while (i < text.length && !/\s/.test(text[i] as string)) {
        if (text[i] === '"') throw new FilterPatternError('quote inside a term');
        word += text[i];
        i++;
      }
      if (/^[{}[\]]$/.test(word)) throw new FilterPatternError(`stray ${word}`);
      terms.push({ mod, test: (m) => containsWholeTerm(m, word) });
    }
    if (i < text.length && !/\s/.test(text[i] as string))
      throw new FilterPatternError('terms must be separated by spaces');
  }
  const required = terms.filter((t) => t.mod === '');
  const optional = terms.filter((t) => t.mod === '?');
  const excluded = terms.filter((t) => t.mod === '-');
  return (message) =>
    required.every((t) => t.test(message)) &&
    (optional.length === 0 || optional.some((t) => t.test(message))) &&
    !excluded.some((t) => t.test(message));
}

// --- shared value comparison -----------------------------------------------------------------

type Op = '=' | '!=' | '<' | '>' | '<=' | '>=';

type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'regex'; re: RegExp };

function globToRegex(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

function compareString(op: Op, actual: string, lit: Literal): boolean {
  if (lit.kind === 'regex') {
    const hit = lit.re.test(actual);
    return op === '=' ? hit : op === '!=' ? !hit : false;
  }
  if (lit.kind === 'number') {
    const n = Number(actual);
    if (actual.trim() === '' || Number.isNaN(n)) return op === '!=';
    return compareNumber(op, n, lit.value);
  }
  const hit = lit.value.includes('*') ? globToRegex(lit.value).test(actual) : actual === lit.value;
  return op === '=' ? hit : op === '!=' ? !hit : false;
}

function compareNumber(op: Op, a: number, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
}

// --- JSON patterns ---------------------------------------------------------------------------

type JsonToken =
  | { t: 'punct'; v: '(' | ')' | '&&' | '||' | Op }
  | { t: 'selector'; path: (string | number)[] }
  | { t: 'string'; v: string }
  | { t: 'regex'; v: string }
  | { t: 'word'; v: string };

function tokenizeJson(body: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const two = body.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ t: 'punct', v: two });
      i += 2;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === '=' || ch === '<' || ch === '>') {
      tokens.push({ t: 'punct', v: ch });
      i++;
      continue;
    }
    if (ch === '"') {
      const q = readQuoted(body, i);
      tokens.push({ t: 'string', v: q.value });
      i = q.end;
      continue;
    }
    if (ch === '%') {
      const r = readRegex(body, i);
      tokens.push({ t: 'regex', v: r.source });
      i = r.end;
      continue;
    }
    if (ch === '$') {
      i++;
      const path: (string | number)[] = [];
      for (;;) {
        if (body[i] === '.') {
          const m = /^[A-Za-z0-9_@$-]+/.exec(body.slice(i + 1));
          if (!m) throw new FilterPatternError('bad selector');
          path.push(m[0]);
          i += 1 + m[0].length;
        } else if (body[i] === '[') {
          const m = /^\[(\d+)\]/.exec(body.slice(i));
          if (!m) throw new FilterPatternError('bad selector index');
          path.push(Number(m[1]));
          i += m[0].length;
        } else break;
      }
      if (path.length === 0) throw new FilterPatternError('selector needs a field');
      tokens.push({ t: 'selector', path });
      continue;
    }
    const m = /^[^\s()=<>!&|"%]+/.exec(body.slice(i));
    if (!m) throw new FilterPatternError(`unexpected ${ch}`);
    tokens.push({ t: 'word', v: m[0] });
    i += m[0].length;
  }
  return tokens;
}

type JsonExpr = (doc: unknown) => boolean;

function lookup(doc: unknown, path: (string | number)[]): { found: boolean; value: unknown } {
  let cur: unknown = doc;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return { found: false, value: undefined };
    if (typeof key === 'number') {
      if (!Array.isArray(cur) || key >= cur.length) return { found: false, value: undefined };
      cur = cur[key];
    } else {
      if (Array.isArray(cur) || !Object.hasOwn(cur, key)) return { found: false, value: undefined };
      cur = (cur as Record<string, unknown>)[key];
    }
  }
  return { found: true, value: cur };
}

function compileJson(text: string, counter: { n: number }): Matcher {
  if (!text.endsWith('}')) throw new FilterPatternError('JSON pattern must end with }');
  const tokens = tokenizeJson(text.slice(1, -1));
  let pos = 0;
  const peek = (): JsonToken | undefined => tokens[pos];
  const isPunct = (v: string): boolean => {
    const t = peek();
    return t?.t === 'punct' && t.v === v;
  };
  const isWord = (v: string): boolean => {
    const t = peek();
    return t?.t === 'word' && t.v.toUpperCase() === v;
  };

  const parseOr = (): JsonExpr => {
    const parts = [parseAnd()];
    while (isPunct('||')) {
      pos++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? (parts[0] as JsonExpr) : (d) => parts.some((p) => p(d));
  };
  const parseAnd = (): JsonExpr => {
    const parts = [parsePrimary()];
    while (isPunct('&&')) {
      pos++;
      parts.push(parsePrimary());
    }
    return parts.length === 1 ? (parts[0] as JsonExpr) : (d) => parts.every((p) => p(d));
  };
  const parsePrimary = (): JsonExpr => {
    if (isPunct('(')) {
      pos++;
      const inner = parseOr();
      if (!isPunct(')')) throw new FilterPatternError('missing )');
      pos++;
      return inner;
    }
    const sel = peek();
    if (sel?.t !== 'selector') throw new FilterPatternError('expected a $ selector');
    pos++;
    const path = sel.path;
    if (isWord('IS')) {
      pos++;
      const what = peek();
      pos++;
      if (what?.t !== 'word') throw new FilterPatternError('IS needs NULL, TRUE or FALSE');
      const w = what.v.toUpperCase();
      if (w === 'NULL') return (d) => lookup(d, path).found && lookup(d, path).value === null;
      if (w === 'TRUE') return (d) => lookup(d, path).value === true;
      if (w === 'FALSE') return (d) => lookup(d, path).value === false;
      throw new FilterPatternError('IS needs NULL, TRUE or FALSE');
    }
    if (isWord('NOT')) {
      pos++;
      if (!isWord('EXISTS')) throw new FilterPatternError('NOT needs EXISTS');
      pos++;
      return (d) => !lookup(d, path).found;
    }
    if (isWord('EXISTS')) {
      pos++;
      return (d) => lookup(d, path).found;
    }
    const opTok = peek();
    if (opTok?.t !== 'punct' || ['(', ')', '&&', '||'].includes(opTok.v))
      throw new FilterPatternError('expected an operator');
    const op = opTok.v as Op;
    pos++;
    const valTok = peek();
    pos++;
    let lit: Literal;
    if (valTok?.t === 'string') lit = { kind: 'string', value: valTok.v };
    else if (valTok?.t === 'regex') lit = { kind: 'regex', re: makeRegex(valTok.v, counter) };
    else if (valTok?.t === 'word') {
      const n = Number(valTok.v);
      lit =
        /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(valTok.v) && !Number.isNaN(n)
          ? { kind: 'number', value: n }
          : { kind: 'string', value: valTok.v };
    } else throw new FilterPatternError('expected a value');
    if (op !== '=' && op !== '!=' && lit.kind !== 'number')
      throw new FilterPatternError(`${op} needs a number`);
    const word = valTok.t === 'word' ? valTok.v.toLowerCase() : undefined;
    return (d) => {
      const { found, value } = lookup(d, path);
      if (!found) return false;
      if (typeof value === 'number') {
        if (lit.kind === 'number') return compareNumber(op, value, lit.value);
        return compareString(op, String(value), lit);
      }
      if (typeof value === 'string') return compareString(op, value, lit);
      if (typeof value === 'boolean' || value === null) {
        // Bare true/false/null compare against the JSON literal.
        if (word === String(value)) return op === '=';
        return op === '!=' && lit.kind !== 'number';
      }
      return false;
    };
  };

  const expr = parseOr();
  if (pos !== tokens.length) throw new FilterPatternError('unexpected text after the expression');
  return (message) => {
    const trimmed = message.trim();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch {
      return false;
    }
    return expr(doc);
  };
}

// --- space-delimited patterns ----------------------------------------------------------------

type FieldCond = (value: string) => boolean;
interface FieldPattern {
  ellipsis: boolean;
  cond?: FieldCond;
}

function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && text.startsWith(sep, i)) {
      out.push(cur);
      cur = '';
      i += sep.length - 1;
      continue;
    }
    cur += ch;
  }
  if (quoted) throw new FilterPatternError('unterminated quoted phrase');
  out.push(cur);
  return out;
}

function compileFieldCondition(text: string, counter: { n: number }): FieldCond | undefined {
  const ors = splitTopLevel(text, '||');
  if (ors.length > 1) {
    const parts = ors.map((p) => compileFieldCondition(p, counter));
    if (parts.some((p) => p === undefined))
      throw new FilterPatternError('|| needs a condition on both sides');
    return (v) => parts.some((p) => (p as FieldCond)(v));
  }
  const ands = splitTopLevel(text, '&&');
  if (ands.length > 1) {
    const parts = ands.map((p) => compileFieldCondition(p, counter));
    if (parts.some((p) => p === undefined))
      throw new FilterPatternError('&& needs a condition on both sides');
    return (v) => parts.every((p) => (p as FieldCond)(v));
  }
  const m = /^\s*([A-Za-z_][\w-]*)\s*(?:(!=|<=|>=|=|<|>)\s*(.*?))?\s*$/s.exec(text);
  if (!m) throw new FilterPatternError(`bad field ${text.trim()}`);
  if (m[2] === undefined) return undefined;
  const op = m[2] as Op;
  const raw = m[3] ?? '';
  if (raw === '') throw new FilterPatternError(`field ${m[1]} needs a value`);
  let lit: Literal;
  if (raw.startsWith('"')) {
    const q = readQuoted(raw, 0);
    if (q.end !== raw.length) throw new FilterPatternError('text after a quoted value');
    lit = { kind: 'string', value: q.value };
  } else if (raw.startsWith('%')) {
    const r = readRegex(raw, 0);
    lit = { kind: 'regex', re: makeRegex(r.source, counter) };
  } else if (/^-?\d+(\.\d+)?$/.test(raw)) lit = { kind: 'number', value: Number(raw) };
  else lit = { kind: 'string', value: raw };
  if (op !== '=' && op !== '!=' && lit.kind !== 'number')
    throw new FilterPatternError(`${op} needs a number`);
  return (v) => compareString(op, v, lit);
}

function splitEventFields(message: string): string[] {
  const fields: string[] = [];
  const re = /"([^"]*)"|\[([^\]]*)\]|(\S+)/g;
  for (let m = re.exec(message); m; m = re.exec(message)) fields.push(m[1] ?? m[2] ?? m[3] ?? '');
  return fields;
}

function compileSpaceDelimited(text: string, counter: { n: number }): Matcher {
  if (!text.endsWith(']')) throw new FilterPatternError('space-delimited pattern must end with ]');
  const inner = text.slice(1, -1);
  if (inner.trim() === '') throw new FilterPatternError('empty field list');
  const fields: FieldPattern[] = splitTopLevel(inner, ',').map((f) => {
    if (f.trim() === '...') return { ellipsis: true };
    const cond = compileFieldCondition(f, counter);
    return cond ? { ellipsis: false, cond } : { ellipsis: false };
  });
  const match = (pi: number, values: string[], vi: number): boolean => {
    if (pi === fields.length) return vi === values.length;
    const f = fields[pi] as FieldPattern;
    if (f.ellipsis) {
      for (let k = vi; k <= values.length; k++) if (match(pi + 1, values, k)) return true;
      return false;
    }
    if (vi >= values.length) return false;
    if (f.cond && !f.cond(values[vi] as string)) return false;
    return match(pi + 1, values, vi + 1);
  };
  return (message) => match(0, splitEventFields(message), 0);
}

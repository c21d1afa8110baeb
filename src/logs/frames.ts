/** Stack frames out of error text or stack arrays, for fingerprinting (which frame is the function's own). */
import { cut } from './parse-util.js';
import type { StackFrame } from './record.js';

/** Fingerprinting needs the top few frames; a 10 000-frame recursion trace is not worth more work. */
const MAX_FRAMES = 50;
/** Only this much of a message is scanned for frames. */
const MAX_SCAN = 16_384;
const MAX_RAW = 300;

/**
 * Paths and names of code that is not the function's own: the runtime, layers (/opt), dependencies,
 * language and platform libraries. A frame matching none of these is in the app.
 */
const NOT_APP_PATH = [
  '/var/runtime/',
  '/var/lang/',
  '/opt/',
  'node_modules/',
  'site-packages/',
  'dist-packages/',
  'node:',
  'internal/',
  '<anonymous>',
  '<frozen ',
  '/usr/lib/',
  '/usr/local/lib/',
  'bootstrap.py',
  'awslambdaric',
  'aws_lambda_ric',
  'github.com/aws/aws-lambda-go',
  '/gems/',
  'dart:',
  '/rustc/',
  '.cargo/registry',
];

const NOT_APP_PREFIX = [
  'java.',
  'javax.',
  'jdk.',
  'sun.',
  'com.sun.',
  'software.amazon.',
  'com.amazonaws.',
  'lambdainternal.',
  'kotlin.',
  'kotlinx.',
  'scala.',
  'System.',
  'Microsoft.',
  'Amazon.Lambda.',
  'runtime.',
  'runtime/',
  'reflect.',
  'net/http.',
];

function inApp(file: string | undefined, fn: string | undefined): boolean {
  if (file !== undefined) {
    for (const p of NOT_APP_PATH) if (file.includes(p)) return false;
    // Go frames are `runtime/debug.Stack` or `/usr/local/go/src/runtime/panic.go`.
    if (file.startsWith('runtime/') || file.includes('/go/src/runtime/')) return false;
  }
  if (fn !== undefined) {
    for (const p of NOT_APP_PREFIX) if (fn.startsWith(p)) return false;
    if (fn.includes('<anonymous>')) return false;
  }
  if (file === undefined && fn === undefined) return false;
  return true;
}

function frame(raw: string, file: string | undefined, fn: string | undefined): StackFrame {
  const f: StackFrame = { raw: cut(raw, MAX_RAW), inApp: inApp(file, fn) };
  if (file !== undefined && file !== '') f.file = cut(file, MAX_RAW);
  if (fn !== undefined && fn !== '') f.fn = cut(fn, MAX_RAW);
  return f;
}

/** `/var/task/index.js:12:9` → `/var/task/index.js`; `file:///var/task/a.mjs:3:1` → `/var/task/a.mjs`. */
function stripPosition(loc: string): string {
  let file = loc.startsWith('file://') ? loc.slice(7) : loc;
  const m = /(?::\d+){1,2}$/.exec(file);
  if (m !== null) file = file.slice(0, m.index);
  return file;
}

const PY_FRAME = /^File "([^"]{1,1000})", line \d+(?:, in (.{1,300}))?$/;
const RUBY_FRAME = /^(.{1,1000}?):\d+:in [`'](.{1,300})'$/;
const JVM_SOURCE = /^[\w$.-]{1,200}\.(?:java|kt|scala|groovy|clj)(?::\d+)?$/;
const DART_FRAME = /^#\d+\s+(.{1,300}?) \((.{1,500})\)$/;
const GO_FILE_LINE = /^(\/.{1,1000}\.go):\d+(?: \+0x[0-9a-f]+)?$/;

/**
 * `at ...` frames of JavaScript (`at fn (/var/task/i.js:1:2)`, `at /var/task/i.js:1:2`), the JVM
 * (`at com.x.Y.m(Y.java:42)`) and .NET (`at Ns.C.M(String s) in /src/F.cs:line 20`). Parsed by hand:
 * these lines can be long and hostile, and a regex with nested quantifiers could backtrack.
 */
function parseAtFrame(line: string): StackFrame {
  const rest = line.slice(3).trimStart();
  const inIdx = rest.indexOf(') in ');
  if (inIdx > 0) {
    const sig = rest.slice(0, inIdx + 1);
    let loc = rest.slice(inIdx + 5);
    const li = loc.lastIndexOf(':line ');
    if (li >= 0) loc = loc.slice(0, li);
    const p = sig.indexOf('(');
    return frame(line, loc, p > 0 ? sig.slice(0, p) : sig);
  }
  let body = rest.startsWith('async ') ? rest.slice(6) : rest;
  if (body.startsWith('new ')) body = body.slice(4);
  const open = body.lastIndexOf(' (');
  if (open > 0 && body.endsWith(')')) {
    const fn = body.slice(0, open);
    const loc = body.slice(open + 2, -1);
    // `(index 0)`, `(native)`, `(<anonymous>)`: the engine's own frames.
    if (!loc.includes(':') && !loc.includes('/')) return frame(line, '<anonymous>', fn);
    return frame(line, stripPosition(loc), fn);
  }
  const p = body.indexOf('(');
  const space = body.indexOf(' ');
  if (p > 0 && (space === -1 || p < space)) {
    const fn = body.slice(0, p).replace(/^(?:[\w$.-]{0,100}\/)+/, '');
    const close = body.indexOf(')', p);
    const inside = close > p ? body.slice(p + 1, close) : '';
    const file = JVM_SOURCE.test(inside) ? inside.split(':')[0] : undefined;
    return frame(line, file, fn);
  }
  return frame(line, stripPosition(body), undefined);
}

/** One trimmed line of a stack trace → a frame, or undefined when the line is not a frame. */
function parseFrameLine(line: string, prev: string | undefined): StackFrame | undefined {
  if (line.length === 0 || line.length > 2000) return undefined;
  const c = line.charCodeAt(0);
  if (c === 0x61 /* a */ && line.startsWith('at ')) return parseAtFrame(line);
  if (c === 0x46 /* F */ && line.startsWith('File "')) {
    const m = PY_FRAME.exec(line);
    if (m !== null) return frame(line, m[1], m[2]);
    return undefined;
  }
  if (c === 0x23 /* # */) {
    const m = DART_FRAME.exec(line);
    if (m !== null) return frame(line, stripPosition(m[2]!), m[1]);
    return undefined;
  }
  if (line.includes(':in ')) {
    const m = RUBY_FRAME.exec(line);
    if (m !== null) return frame(line, m[1], m[2]);
  }
  if (line.endsWith('.go') || line.includes('.go:')) {
    const m = GO_FILE_LINE.exec(line);
    if (m !== null) {
      // The function is on the line before: `main.handler(...)`.
      const fn = prev?.endsWith(')') ? prev.slice(0, prev.lastIndexOf('(')) : undefined;
      return frame(prev !== undefined ? `${prev} ${line}` : line, m[1], fn || undefined);
    }
  }
  return undefined;
}

/** Frames of a stack trace written as text (one frame per line; Go uses two lines per frame). */
export function framesFromText(text: string): StackFrame[] {
  const out: StackFrame[] = [];
  const src = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  let prev: string | undefined;
  let start = 0;
  const n = src.length;
  while (start <= n && out.length < MAX_FRAMES) {
    let end = start;
    while (end < n) {
      const ch = src.charCodeAt(end);
      if (ch === 10 || ch === 13) break;
      end++;
    }
    const line = src.slice(start, end).trim();
    const f = parseFrameLine(line, prev);
    if (f !== undefined) out.push(f);
    prev = line;
    start = end + 1;
  }
  return out;
}

/**
 * Frames of a `stackTrace`/`stack` array: strings (Node `"    at ..."`, Java `"com.x.Y.m(Y.java:1)"`,
 * Python `"  File \"...\", line 3, in h\n    code\n"`, Ruby `"/var/task/f.rb:3:in `h'"`) or aws-lambda-go's
 * `{path, line, label}` objects.
 */
export function framesFromArray(arr: readonly unknown[]): StackFrame[] {
  const out: StackFrame[] = [];
  const n = Math.min(arr.length, MAX_FRAMES * 2);
  for (let i = 0; i < n && out.length < MAX_FRAMES; i++) {
    const item = arr[i];
    if (typeof item === 'string') {
      const line = firstLineTrimmed(item);
      let f = parseFrameLine(line, undefined);
      // Java's JSON stackTrace drops the `at `.
      if (f === undefined && /^[\w$.<>/-]{1,300}\(/.test(line)) f = parseFrameLine(`at ${line}`, undefined);
      if (f !== undefined) out.push(f);
    } else if (typeof item === 'object' && item !== null) {
      const o = item as Record<string, unknown>;
      const path = typeof o['path'] === 'string' ? o['path'] : undefined;
      const label = typeof o['label'] === 'string' ? o['label'] : undefined;
      if (path !== undefined || label !== undefined) {
        const raw = `${label ?? '?'} ${path ?? '?'}:${typeof o['line'] === 'number' ? o['line'] : '?'}`;
        out.push(frame(raw, path, label));
      }
    }
  }
  return out;
}

function firstLineTrimmed(s: string): string {
  const src = s.length > 2000 ? s.slice(0, 2000) : s;
  const t = src.trimStart();
  let e = 0;
  while (e < t.length) {
    const ch = t.charCodeAt(e);
    if (ch === 10 || ch === 13) break;
    e++;
  }
  return t.slice(0, e).trimEnd();
}

/** Frames from whatever an error document holds: an array, a string trace, or nothing. */
export function framesFrom(value: unknown): StackFrame[] {
  if (Array.isArray(value)) return framesFromArray(value);
  if (typeof value === 'string') return framesFromText(value);
  return [];
}

import { describe, expect, it } from 'vitest';
import {
  compileFilterPattern,
  containsWholeTerm,
  FilterPatternError,
} from '../../../sim/aws/filter-pattern.js';

const nodeError =
  '2026-11-28T12:00:00.010Z\tc0ffee00-0000-4000-8000-000000000001\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"boom"}';
const report =
  'REPORT RequestId: abc\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\tStatus: timeout';
const timedOut = '2023-05-01T10:00:03.025Z abc Task timed out after 3.03 seconds\n\n';
const pyError = "[ERROR] KeyError: 'order_id'\nTraceback (most recent call last):";
const jsonLine = JSON.stringify({
  level: 'ERROR',
  message: 'payment failed',
  latency: 830,
  ok: false,
  user: { id: 'u-17', plan: 'pro', tags: ['a', 'b'] },
  nothing: null,
  code: '503',
});

interface Case {
  pattern: string;
  message: string;
  match: boolean;
}

const cases: Case[] = [
  // empty and whitespace match everything
  { pattern: '', message: 'anything', match: true },
  { pattern: '   ', message: 'anything', match: true },
  // single terms: case-sensitive, whole-term
  { pattern: 'ERROR', message: nodeError, match: true },
  { pattern: 'ERROR', message: '[ERROR] x', match: true },
  { pattern: 'ERROR', message: 'a\tERROR\tb', match: true },
  { pattern: 'ERROR', message: 'ERRORS happened', match: false },
  { pattern: 'ERROR', message: 'NOERROR', match: false },
  { pattern: 'ERROR', message: 'error in lower case', match: false },
  { pattern: 'ERROR', message: 'ERROR_CODE=1', match: true },
  {
    pattern: 'Runtime.ExitError',
    message: 'RequestId: a Error: Runtime exited\nRuntime.ExitError',
    match: true,
  },
  { pattern: 'KeyError:', message: pyError, match: true },
  // AND
  { pattern: 'ERROR TypeError', message: nodeError, match: true },
  { pattern: 'ERROR RangeError', message: nodeError, match: false },
  // OR
  { pattern: '?timeout ?Invoke', message: nodeError, match: true },
  { pattern: '?timeout ?Invoke', message: report, match: true },
  { pattern: '?Panic ?Fatal', message: nodeError, match: false },
  // plain AND at least one optional
  { pattern: 'REPORT ?timeout ?error', message: report, match: true },
  { pattern: 'REPORT ?crash ?error', message: report, match: false },
  { pattern: 'START ?timeout', message: report, match: false },
  // exclusion
  { pattern: 'ERROR -TypeError', message: nodeError, match: false },
  { pattern: 'ERROR -RangeError', message: nodeError, match: true },
  { pattern: '-DEBUG', message: 'INFO hello', match: true },
  { pattern: '-DEBUG', message: 'DEBUG hello', match: false },
  { pattern: '?ERROR ?REPORT -Invoke', message: nodeError, match: false },
  { pattern: '?ERROR ?REPORT -Invoke', message: report, match: true },
  // quoted phrases: exact substring, can hold spaces and punctuation
  { pattern: '"Task timed out"', message: timedOut, match: true },
  { pattern: '?ERROR ?"Task timed out"', message: timedOut, match: true },
  { pattern: '"task timed out"', message: timedOut, match: false },
  { pattern: '"Invoke Error \t"', message: nodeError, match: true },
  { pattern: '"ERR"', message: nodeError, match: true },
  { pattern: '-"Task timed out"', message: timedOut, match: false },
  { pattern: '"say \\"hi\\""', message: 'they say "hi" loudly', match: true },
  // regex terms
  { pattern: '%Task timed out after \\d+\\.\\d+ seconds%', message: timedOut, match: true },
  { pattern: '%Status: (timeout|error)%', message: report, match: true },
  { pattern: '%^START%', message: report, match: false },
  { pattern: '?%KeyError% ?%ValueError%', message: pyError, match: true },
  { pattern: 'REPORT -%Status: timeout%', message: report, match: false },
  // JSON patterns
  { pattern: '{ $.level = "ERROR" }', message: jsonLine, match: true },
  { pattern: '{ $.level = ERROR }', message: jsonLine, match: true },
  { pattern: '{ $.level = "error" }', message: jsonLine, match: false },
  { pattern: '{ $.level != "INFO" }', message: jsonLine, match: true },
  { pattern: '{ $.message = "payment*" }', message: jsonLine, match: true },
  { pattern: '{ $.message = "*fail*" }', message: jsonLine, match: true },
  { pattern: '{ $.message = "*succeeded" }', message: jsonLine, match: false },
  { pattern: '{ $.latency > 500 }', message: jsonLine, match: true },
  { pattern: '{ $.latency >= 830 }', message: jsonLine, match: true },
  { pattern: '{ $.latency < 830 }', message: jsonLine, match: false },
  { pattern: '{ $.latency <= 830 }', message: jsonLine, match: true },
  { pattern: '{ $.latency = 830 }', message: jsonLine, match: true },
  { pattern: '{ $.latency != 830 }', message: jsonLine, match: false },
  { pattern: '{ $.user.id = "u-17" }', message: jsonLine, match: true },
  { pattern: '{ $.user.tags[1] = "b" }', message: jsonLine, match: true },
  { pattern: '{ $.user.tags[5] = "b" }', message: jsonLine, match: false },
  { pattern: '{ $.nothing IS NULL }', message: jsonLine, match: true },
  { pattern: '{ $.latency IS NULL }', message: jsonLine, match: false },
  { pattern: '{ $.missing IS NULL }', message: jsonLine, match: false },
  { pattern: '{ $.ok IS FALSE }', message: jsonLine, match: true },
  { pattern: '{ $.ok IS TRUE }', message: jsonLine, match: false },
  { pattern: '{ $.user EXISTS }', message: jsonLine, match: true },
  { pattern: '{ $.missing EXISTS }', message: jsonLine, match: false },
  { pattern: '{ $.missing NOT EXISTS }', message: jsonLine, match: true },
  { pattern: '{ $.user.plan NOT EXISTS }', message: jsonLine, match: false },
  { pattern: '{ $.missing = "x" }', message: jsonLine, match: false },
  { pattern: '{ $.missing != "x" }', message: jsonLine, match: false },
  { pattern: '{ $.level = "INFO" || $.latency > 500 }', message: jsonLine, match: true },
  { pattern: '{ $.level = "INFO" && $.latency > 500 }', message: jsonLine, match: false },
  {
    pattern: '{ $.level = "INFO" || $.latency > 500 && $.user.plan = "free" }',
    message: jsonLine,
    match: false,
  },
  {
    pattern: '{ ($.level = "INFO" || $.latency > 500) && $.user.plan = "pro" }',
    message: jsonLine,
    match: true,
  },
  {
    pattern: '{ $.level = "ERROR" && ($.missing EXISTS || $.nothing IS NULL) }',
    message: jsonLine,
    match: true,
  },
  { pattern: '{ $.code = 503 }', message: jsonLine, match: true },
  { pattern: '{ $.code = "5*" }', message: jsonLine, match: true },
  { pattern: '{ $.message = %pay.*fail% }', message: jsonLine, match: true },
  // JSON patterns never match text events; text patterns see JSON as text
  { pattern: '{ $.level = "ERROR" }', message: nodeError, match: false },
  { pattern: '{ $.level = "ERROR" }', message: `prefix ${jsonLine}`, match: false },
  { pattern: 'ERROR', message: jsonLine, match: true },
  // space-delimited patterns
  {
    pattern: '[ip, user, ..., status = 5*, bytes > 1000]',
    message: '10.0.0.1 alice GET /x 503 2048',
    match: true,
  },
  {
    pattern: '[ip, user, ..., status = 5*, bytes > 1000]',
    message: '10.0.0.1 alice GET /x 404 2048',
    match: false,
  },
  {
    pattern: '[ip, user, ..., status = 4* || status = 5*, bytes]',
    message: '10.0.0.1 alice GET /x 404 10',
    match: true,
  },
  { pattern: '[a, b]', message: 'one two three', match: false },
  { pattern: '[a, ...]', message: 'one two three', match: true },
  { pattern: '[w1 = "GET /x", w2]', message: '"GET /x" 200', match: true },
];

describe('filter patterns', () => {
  it.each(cases)('$pattern on %# → $match', ({ pattern, message, match }) => {
    expect(compileFilterPattern(pattern)(message)).toBe(match);
  });

  const malformed = [
    '"unterminated',
    '?',
    'ERROR ?',
    '- ERROR',
    '%unterminated',
    '%%',
    '%(unclosed%',
    '%a% %b% %c%',
    'ERR"OR',
    '{ $.a = "x" ',
    '{ $.a = }',
    '{ a = "x" }',
    '{ $.a == "x" }',
    '{ $.a = "x" && }',
    '{ ($.a = "x" }',
    '{ $.a > "x" }',
    '{ $.a IS MAYBE }',
    '{ $.a NOT THERE }',
    '{ $. = 1 }',
    '[a, b',
    '[]',
    '[a > x]',
    'x'.repeat(1025),
  ];
  it.each(malformed)('rejects %j', (pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError);
  });

  it('bounds unquoted terms by letters and digits only', () => {
    expect(containsWholeTerm('x [ERROR] y', 'ERROR')).toBe(true);
    expect(containsWholeTerm('ERROR2', 'ERROR')).toBe(false);
    expect(containsWholeTerm('2ERROR', 'ERROR')).toBe(false);
    expect(containsWholeTerm('ERRORS ERROR', 'ERROR')).toBe(true);
    expect(containsWholeTerm('a.b.c', '.b.')).toBe(true);
  });
});

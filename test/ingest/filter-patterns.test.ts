import { describe, expect, it } from 'vitest';
import { compileFilterPattern, renderInvocation, simRuntimes } from '../../sim/aws/index.js';
import { filterPatternFor } from '../../src/ingest/filter-patterns.js';
import { parseEvent } from '../../src/logs/parse.js';

const outcomes = ['uncaught_exception', 'logged_error', 'timeout', 'out_of_memory', 'init_failure'] as const;

describe('filterPatternFor', () => {
  it('fits CloudWatch: at most 1024 characters, and the simulated account accepts it', () => {
    for (const format of ['Text', 'JSON'] as const) {
      const pattern = filterPatternFor(format);
      expect(pattern.length).toBeLessThanOrEqual(1024);
      expect(() => compileFilterPattern(pattern)).not.toThrow();
    }
  });

  // Every failure the parser recognises in a rendered invocation must survive the server-side
  // filter, or Pillar would never see it.
  for (const runtime of simRuntimes) {
    for (const format of ['Text', 'JSON'] as const) {
      for (const outcome of outcomes) {
        it(`keeps the failure lines of ${runtime} ${format} ${outcome}`, () => {
          const matcher = compileFilterPattern(filterPatternFor(format));
          const events = renderInvocation({
            runtime,
            format,
            functionName: 'fn',
            memorySizeMB: 256,
            timeoutSec: 3,
            requestId: '0b6c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3',
            start: Date.parse('2026-11-28T12:00:00Z'),
            outcome,
            error: { type: 'ShippingQuoteError', message: 'carrier 7 said no' },
          });
          const failing = events.filter((e) => parseEvent(e, { format }).failure !== null);
          expect(failing.length).toBeGreaterThan(0);
          for (const e of failing) expect(matcher(e.message), e.message.slice(0, 120)).toBe(true);
          const platform = events.filter((e) => ['start', 'report'].includes(parseEvent(e, { format }).kind));
          for (const e of platform) expect(matcher(e.message)).toBe(true);
        });
      }
    }
  }
});

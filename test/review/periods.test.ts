import { describe, expect, it } from 'vitest';
import { milestoneName, runKeyFor } from '../../src/review/periods.js';

describe('review periods', () => {
  it('are half years in the configured time zone', () => {
    expect(runKeyFor(Date.parse('2026-06-30T23:59:59Z'))).toBe('2026-H1');
    expect(runKeyFor(Date.parse('2026-07-01T00:00:00Z'))).toBe('2026-H2');
    // Already 1 January in Tokyo, still 2026 in UTC.
    expect(runKeyFor(Date.parse('2026-12-31T20:00:00Z'), 'Asia/Tokyo')).toBe('2027-H1');
    expect(runKeyFor(Date.parse('2026-12-31T20:00:00Z'), 'UTC')).toBe('2026-H2');
  });
});

describe('milestone names', () => {
  it('number a name already taken (in any case), and name a repeated run after its period', () => {
    expect(milestoneName('2026-H2-3', [])).toBe('2026-H2 review');
    expect(milestoneName('2026-H2', ['2026-h2 REVIEW', '2026-H2 review (2)'])).toBe('2026-H2 review (3)');
    expect(milestoneName('2026-H1', ['2026-H2 review'])).toBe('2026-H1 review');
  });
});

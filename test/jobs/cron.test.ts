import { describe, expect, it } from 'vitest';
import { msBetweenRuns, nextRunAfter, parseCron } from '../../src/jobs/cron.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('nextRunAfter', () => {
  it('finds the next twice-yearly review time', () => {
    expect(iso(nextRunAfter('0 9 1 1,7 *', Date.parse('2026-11-28T10:00:00Z')))).toBe(
      '2027-01-01T09:00:00.000Z',
    );
    expect(iso(nextRunAfter('0 9 1 1,7 *', Date.parse('2026-01-01T09:00:00Z')))).toBe(
      '2026-07-01T09:00:00.000Z',
    );
    expect(iso(nextRunAfter('0 9 1 1,7 *', Date.parse('2026-01-01T08:59:59Z')))).toBe(
      '2026-01-01T09:00:00.000Z',
    );
  });

  it('follows the time zone, summer time included', () => {
    // 09:00 in Paris is 07:00 UTC in July (CEST) and 08:00 UTC in January (CET).
    expect(iso(nextRunAfter('0 9 1 1,7 *', Date.parse('2026-06-15T00:00:00Z'), 'Europe/Paris'))).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    expect(iso(nextRunAfter('0 9 1 1,7 *', Date.parse('2026-12-15T00:00:00Z'), 'Europe/Paris'))).toBe(
      '2027-01-01T08:00:00.000Z',
    );
  });

  it('handles seconds, steps, ranges and names', () => {
    expect(iso(nextRunAfter('*/30 * * * * *', Date.parse('2026-03-01T00:00:10Z')))).toBe(
      '2026-03-01T00:00:30.000Z',
    );
    expect(iso(nextRunAfter('0 8 * * mon-fri', Date.parse('2026-11-28T12:00:00Z')))).toBe(
      '2026-11-30T08:00:00.000Z',
    );
    expect(iso(nextRunAfter('0 0 1 jan *', Date.parse('2026-11-28T12:00:00Z')))).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });

  it('treats day of month and day of week as either when both are set', () => {
    // The 13th, or any Friday: after Sat 28 Nov 2026 comes Fri 4 Dec.
    expect(iso(nextRunAfter('0 0 13 * 5', Date.parse('2026-11-28T00:00:00Z')))).toBe(
      '2026-12-04T00:00:00.000Z',
    );
  });

  it('says what is wrong with a bad expression', () => {
    expect(() => parseCron('0 25 * * *')).toThrow(/hour field "25": 25 is out of range; use 0-23/);
    expect(() => parseCron('* *')).toThrow(/5 or 6 fields/);
    // What settings refuse is never read some other way here.
    expect(() => parseCron('*/61 * * * * *')).toThrow(/step 61 is out of range/);
    expect(() => parseCron('5/15 * * * *')).toThrow(/step without a range/);
  });

  it('reads full month and weekday names and ? in the day fields', () => {
    expect(iso(nextRunAfter('0 0 1 july ?', Date.parse('2026-11-28T12:00:00Z')))).toBe(
      '2027-07-01T00:00:00.000Z',
    );
    expect(iso(nextRunAfter('0 8 ? * Monday', Date.parse('2026-11-28T12:00:00Z')))).toBe(
      '2026-11-30T08:00:00.000Z',
    );
  });

  it.each([
    ['*/2 * * * * *', '2026-12-07T23:59:59.000Z', 'UTC', '2026-12-08T00:00:00.000Z'],
    ['*/30 * * * * *', '2026-12-07T21:00:29.999Z', 'UTC', '2026-12-07T21:00:30.000Z'],
    ['*/2 * * * * *', '2026-12-07T23:59:59.000Z', 'Asia/Kolkata', '2026-12-08T00:00:00.000Z'],
    ['15 * * * * *', '2026-03-29T00:59:30.000Z', 'Europe/London', '2026-03-29T01:00:15.000Z'],
  ])(
    'finds the next run of a seconds-level schedule late in the day (%s after %s in %s)',
    (expr, after, tz, want) => {
      expect(iso(nextRunAfter(expr, Date.parse(after), tz))).toBe(want);
    },
  );
});

describe('msBetweenRuns', () => {
  it.each([
    ['*/2 * * * * *', 2_000],
    ['*/30 * * * * *', 30_000],
    ['0 8 * * *', 86_400_000],
    ['0 */6 * * *', 6 * 3_600_000],
  ])('is the gap between runs of %s', (expr, gap) => {
    expect(msBetweenRuns(expr, Date.parse('2026-12-07T23:59:58Z'))).toBe(gap);
  });
});

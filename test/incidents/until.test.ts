import { describe, expect, it } from 'vitest';
import { PillarError } from '../../src/errors.js';
import { parseDuration, parseUntil } from '../../src/incidents/service.js';
import { HOUR, MINUTE, T0 } from './helpers.js';

const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['30m', 30 * MINUTE],
    ['1h', HOUR],
    ['24h', 24 * HOUR],
    ['7d', 7 * DAY],
    ['2w', 14 * DAY],
    [' 2H ', 2 * HOUR],
    ['3 days', 3 * DAY],
    ['1 hour', HOUR],
    ['45 min', 45 * MINUTE],
  ])('reads %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '0h', 'h', '1', '1y', '1.5h', '-1h', '1h30m', 'soon', '1234567h'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('parseUntil', () => {
  it.each([
    ['24h', T0 + 24 * HOUR],
    ['7d', T0 + 7 * DAY],
    ['2026-12-01', Date.parse('2026-12-01T00:00:00Z')],
    ['2026-12-01T09:30', Date.parse('2026-12-01T09:30:00Z')],
    ['2026-12-01 09:30:15', Date.parse('2026-12-01T09:30:15Z')],
    ['2026-12-01T09:30:00+02:00', Date.parse('2026-12-01T07:30:00Z')],
    ['2026-12-01T09:30:00.500Z', Date.parse('2026-12-01T09:30:00.500Z')],
  ])('reads %j', (text, ms) => {
    expect(parseUntil(text, T0)).toBe(ms);
  });

  it.each([
    ['', /Say how long to mute: a duration like 30m, 1h, 24h, 7d, 2w or a date like 2026-12-01/],
    ['tomorrow', /Cannot read "tomorrow" as a mute end: use a duration like .* or a date like 2026-12-01/],
    ['2026-02-30', /Cannot read "2026-02-30"/],
    ['2026-12-01T25:00', /Cannot read/],
    ['2026-11-01', /2026-11-01 is in the past/],
    ['2026-11-28', /is in the past/],
  ])('refuses %j naming the accepted forms', (text, message) => {
    let error: unknown;
    try {
      parseUntil(text, T0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PillarError);
    expect((error as PillarError).code).toBe('input_invalid');
    expect((error as PillarError).message).toMatch(message);
  });
});

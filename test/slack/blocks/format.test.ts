import { describe, expect, it } from 'vitest';
import { failureKinds } from '../../../src/logs/record.js';
import {
  failureKindLabel,
  formatCount,
  formatDuration,
  formatMillis,
  formatSeconds,
  formatTime,
  severityEmoji,
  slackDate,
  userRef,
} from '../../../src/slack/blocks/format.js';
import { incidentSeverities } from '../../../src/vocabulary.js';
import { DAY, HOUR, MINUTE, T0 } from './fixtures.js';

describe('formatDuration', () => {
  it.each([
    [0, 'under 1 s'],
    [-5, 'under 1 s'],
    [Number.NaN, 'under 1 s'],
    [45_000, '45 s'],
    [3 * MINUTE, '3 min'],
    [3 * MINUTE + 59_000, '3 min'],
    [2 * HOUR + 5 * MINUTE, '2 h 5 min'],
    [2 * HOUR, '2 h'],
    [4 * DAY, '4 d'],
    [4 * DAY + 3 * HOUR + 10 * MINUTE, '4 d 3 h'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('number formats', () => {
  it('formats invocation durations and counts', () => {
    expect(formatSeconds(3000)).toBe('3.00 s');
    expect(formatSeconds(2 * MINUTE)).toBe('2 min');
    expect(formatMillis(812.4)).toBe('812 ms');
    expect(formatMillis(1250)).toBe('1.25 s');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('time', () => {
  it('writes the fallback in the configured zone', () => {
    expect(formatTime(T0, 'UTC')).toBe('2026-11-28 12:00 UTC');
    expect(formatTime(T0, 'America/New_York')).toBe('2026-11-28 07:00 EST');
  });

  it('falls back to UTC for an unknown zone instead of throwing', () => {
    expect(formatTime(T0, 'Mars/Olympus')).toBe('2026-11-28 12:00 UTC');
    expect(formatTime(T0, '<!channel>')).toBe('2026-11-28 12:00 UTC');
  });

  it('builds Slack date tokens', () => {
    expect(slackDate(T0, '{date_short_pretty} at {time}', 'UTC')).toBe(
      `<!date^${T0 / 1000}^{date_short_pretty} at {time}|2026-11-28 12:00 UTC>`,
    );
    expect(slackDate(Number.NaN, '{time}', 'UTC')).toBe('unknown time');
  });

  it('says unknown for a time beyond what a Date holds, instead of throwing', () => {
    expect(formatTime(1e20, 'UTC')).toBe('unknown time');
    expect(slackDate(-1e20, '{time}', 'UTC')).toBe('unknown time');
  });
});

describe('labels', () => {
  it('has an emoji for every severity and a word for every failure kind', () => {
    for (const s of incidentSeverities) expect(severityEmoji[s]).toMatch(/\p{Extended_Pictographic}/u);
    expect(failureKinds.map(failureKindLabel)).toEqual([
      'Timeout',
      'Out of memory',
      'Init failure',
      'Runtime exit',
      'Uncaught exception',
      'Logged error',
    ]);
    expect(failureKindLabel('new_kind')).toBe('new kind');
    // Unknown kinds are stored text: cut and masked like any other.
    expect(failureKindLabel(`x_${'y'.repeat(10_000)}`).length).toBeLessThanOrEqual(40);
  });

  it('mentions only real user ids', () => {
    expect(userRef('U0123ANA')).toBe('<@U0123ANA>');
    expect(userRef('W0123ANA')).toBe('<@W0123ANA>');
    expect(userRef('pillar')).toBe('Pillar');
    expect(userRef('U1><!channel')).toBe('U1&gt;&lt;!channel');
    expect(userRef(null)).toBe('someone');
  });
});

import { describe, expect, it } from 'vitest';
import { createRepeatTracker } from '../src/log-repeats.js';
import { FakeClock } from './helpers/clock.js';
import { captureLogger, ERROR, INFO, WARN } from './helpers/log.js';

const denied = {
  code: 'aws_access_denied',
  message: 'Access denied: logs:FilterLogEvents in prod/us-east-1.',
};
const context = { account: 'prod', region: 'us-east-1' };

describe('createRepeatTracker', () => {
  it('logs a failure in full once, then one short line a cycle, then its recovery', () => {
    const clock = new FakeClock('2026-11-28T12:00:00Z');
    const { logger, lines } = captureLogger();
    const repeats = createRepeatTracker({ clock });
    for (let cycle = 0; cycle < 3; cycle++) {
      repeats.failed(logger, 'prod/us-east-1', { ...denied, err: new Error('AccessDenied'), context });
      clock.advance(30_000);
    }
    repeats.succeeded(logger, 'prod/us-east-1', context);
    repeats.succeeded(logger, 'prod/us-east-1', context);

    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [ERROR, denied.message],
      [WARN, `Still failing for 2 cycles (since 2026-11-28T12:00:00.000Z): ${denied.message}`],
      [WARN, `Still failing for 3 cycles (since 2026-11-28T12:00:00.000Z): ${denied.message}`],
      [INFO, 'Recovered after failing for 3 cycles'],
    ]);
    expect(lines[0]?.err?.stack).toMatch(/AccessDenied/);
    expect(lines[0]).toMatchObject({ ...context, code: denied.code });
    for (const l of lines.slice(1)) {
      expect(l.err).toBeUndefined();
      expect(l).toMatchObject(context);
    }
    expect(lines[3]).toMatchObject({ cycles: 3, since: '2026-11-28T12:00:00.000Z' });
  });

  it('logs in full again when the error changes, keeping how long it has been failing', () => {
    const clock = new FakeClock('2026-11-28T12:00:00Z');
    const { logger, lines } = captureLogger();
    const repeats = createRepeatTracker({ clock });
    repeats.failed(logger, 'k', { ...denied, err: new Error('one') });
    clock.advance(30_000);
    repeats.failed(logger, 'k', {
      ...denied,
      message: 'Access denied: other wording.',
      err: new Error('two'),
    });
    clock.advance(30_000);
    repeats.failed(logger, 'k', { code: 'aws_throttled', message: 'Throttled.', err: new Error('three') });
    clock.advance(30_000);
    repeats.failed(logger, 'k', { code: 'aws_throttled', message: 'Throttled.', err: new Error('three') });

    expect(lines.map((l) => [l.level, l.msg, l.err?.message])).toEqual([
      [ERROR, denied.message, 'one'],
      [ERROR, 'Access denied: other wording.', 'two'],
      [ERROR, 'Throttled.', 'three'],
      [WARN, 'Still failing for 4 cycles (since 2026-11-28T12:00:00.000Z): Throttled.', undefined],
    ]);
    expect(lines[2]).toMatchObject({ cycles: 3, since: '2026-11-28T12:00:00.000Z' });
  });

  it('follows each key on its own, at the level asked, in the unit asked', () => {
    const clock = new FakeClock('2026-11-28T12:00:00Z');
    const { logger, lines } = captureLogger();
    const repeats = createRepeatTracker({ clock, unit: 'run' });
    repeats.failed(logger, 'a', { ...denied, err: new Error('a'), level: 'warn' });
    repeats.failed(logger, 'b', { ...denied, err: new Error('b'), level: 'warn' });
    repeats.succeeded(logger, 'a');
    clock.advance(60_000);
    repeats.failed(logger, 'a', { ...denied, err: new Error('a again'), level: 'warn' });
    repeats.failed(logger, 'b', { ...denied, err: new Error('b'), level: 'warn' });

    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [WARN, denied.message],
      [WARN, denied.message],
      [INFO, 'Recovered after failing for 1 run'],
      // `a` recovered in between, so this is a new failure, logged in full since now.
      [WARN, denied.message],
      [WARN, `Still failing for 2 runs (since 2026-11-28T12:00:00.000Z): ${denied.message}`],
    ]);
    expect(lines[3]?.err?.message).toBe('a again');
  });

  it('forgets a key that will not come back', () => {
    const { logger, lines } = captureLogger();
    const repeats = createRepeatTracker({ clock: new FakeClock() });
    repeats.failed(logger, 'gone', { ...denied, err: new Error('x') });
    repeats.forget('gone');
    repeats.succeeded(logger, 'gone');
    repeats.failed(logger, 'gone', { ...denied, err: new Error('x') });
    expect(lines.map((l) => l.level)).toEqual([ERROR, ERROR]);
  });
});

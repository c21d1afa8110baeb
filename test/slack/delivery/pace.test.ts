import { describe, expect, it, vi } from 'vitest';
import { deliveryStatus } from '../../../src/db/schema.js';
import { silentLogger } from '../../../src/logger.js';
import { createChannels } from '../../../src/slack/delivery/pace.js';
import { describeSlackError } from '../../../src/slack/slack-errors.js';
import { FakeClock } from '../../helpers/clock.js';
import { testDb } from '../../helpers/db.js';
import { platformError, rateLimitedError } from '../../helpers/web-client.js';
import { ALERTS, OPS, SECOND, T0 } from './helpers.js';

function setup() {
  const db = testDb();
  const clock = new FakeClock(T0);
  const logger = silentLogger();
  const warn = vi.spyOn(logger, 'warn');
  const stats = { rateLimited: 0, errors: 0 };
  const channels = createChannels({ db, clock, logger, stats, gapMs: 1_100 });
  return { db, clock, channels, stats, warn };
}

describe('channel pacing', () => {
  it('keeps posts to one channel a gap apart, and channels independent', async () => {
    const { clock, channels } = setup();
    await channels.pace(ALERTS);
    await channels.pace(ALERTS);
    await channels.pace(ALERTS);
    await channels.pace(OPS);
    expect(clock.sleeps).toEqual([1_100, 1_100]);
    expect(clock.now()).toBe(T0 + 2_200);
  });

  it('does not wait when the gap has already passed', async () => {
    const { clock, channels } = setup();
    await channels.pace(ALERTS);
    clock.advance(5 * SECOND);
    await channels.pace(ALERTS);
    clock.advance(500);
    await channels.pace(ALERTS);
    expect(clock.sleeps).toEqual([600]);
  });
});

describe('channel status', () => {
  it('pauses a channel for Retry-After and counts the rate limit', () => {
    const { db, clock, channels, stats, warn } = setup();
    channels.failed(ALERTS, describeSlackError(rateLimitedError(30), ALERTS));
    channels.failed(ALERTS, describeSlackError(rateLimitedError(30), ALERTS));
    expect(stats).toEqual({ rateLimited: 2, errors: 0 });
    expect(db.select().from(deliveryStatus).all()).toMatchObject([
      { channel: ALERTS, rateLimitedUntil: T0 + 30 * SECOND, rateLimits: 2, lastError: 'ratelimited' },
    ]);
    expect([...channels.paused(clock.now())]).toEqual([ALERTS]);
    expect([...channels.paused(T0 + 30 * SECOND)]).toEqual([]);
    // Rate limits are expected: no warning in the log.
    expect(warn).not.toHaveBeenCalled();
  });

  it('stores an error with its fix, counts and logs it, and keeps the last success', () => {
    const { db, clock, channels, stats, warn } = setup();
    channels.succeeded(ALERTS);
    clock.advance(SECOND);
    channels.failed(ALERTS, describeSlackError(platformError('not_in_channel'), ALERTS));
    expect(stats).toEqual({ rateLimited: 0, errors: 1 });
    expect(db.select().from(deliveryStatus).all()).toMatchObject([
      {
        channel: ALERTS,
        lastSuccessAt: T0,
        lastErrorAt: T0 + SECOND,
        lastError: 'not_in_channel',
        fix: expect.stringContaining('/invite @Pillar'),
        rateLimitedUntil: null,
      },
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect([...channels.paused(clock.now())]).toEqual([]);
    clock.advance(SECOND);
    channels.succeeded(ALERTS);
    expect(db.select().from(deliveryStatus).get()).toMatchObject({
      lastSuccessAt: T0 + 2 * SECOND,
      lastError: 'not_in_channel',
    });
  });
});

import { gt, sql } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { deliveryStatus } from '../../db/schema.js';
import type { Logger } from '../../logger.js';
import type { SlackErrorInfo } from '../slack-errors.js';
import type { DeliveryStats } from './types.js';

/**
 * Per-channel pacing and health: the gap between two posts, the pause a Retry-After asks for,
 * and each channel's delivery status (delivery_status, shown by `/wa status`).
 */
export interface Channels {
  /** Channels still rate limited at `now`: a pass skips them. */
  paused(now: number): Set<string>;
  /** Waits for the channel's posting gap, so bursts stay under Slack's one-per-second. */
  pace(channel: string): Promise<void>;
  succeeded(channel: string): void;
  /** Stores the error (a rate limit pauses the channel until Retry-After) and counts it. */
  failed(channel: string, info: SlackErrorInfo): void;
}

export interface ChannelsDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  stats: Pick<DeliveryStats, 'rateLimited' | 'errors'>;
  gapMs: number;
}

export function createChannels({ db, clock, logger, stats, gapMs }: ChannelsDeps): Channels {
  // In memory only: after a restart the first post to a channel goes at once.
  const nextPostAt = new Map<string, number>();

  return {
    paused: (now) =>
      new Set(
        db
          .select({ channel: deliveryStatus.channel })
          .from(deliveryStatus)
          .where(gt(deliveryStatus.rateLimitedUntil, now))
          .all()
          .map((r) => r.channel),
      ),

    async pace(channel) {
      const now = clock.now();
      const at = nextPostAt.get(channel) ?? 0;
      if (at > now) await clock.sleep(at - now);
      nextPostAt.set(channel, Math.max(at, now) + gapMs);
    },

    succeeded(channel) {
      const now = clock.now();
      db.insert(deliveryStatus)
        .values({ channel, lastSuccessAt: now })
        .onConflictDoUpdate({ target: deliveryStatus.channel, set: { lastSuccessAt: now } })
        .run();
    },

    failed(channel, info) {
      const now = clock.now();
      const until = info.retryAfterMs !== undefined ? now + info.retryAfterMs : null;
      db.insert(deliveryStatus)
        .values({
          channel,
          lastErrorAt: now,
          lastError: info.error,
          fix: info.fix,
          rateLimitedUntil: until,
          rateLimits: info.rateLimited ? 1 : 0,
        })
        .onConflictDoUpdate({
          target: deliveryStatus.channel,
          set: info.rateLimited
            ? { rateLimitedUntil: until, rateLimits: sql`${deliveryStatus.rateLimits} + 1` }
            : { lastErrorAt: now, lastError: info.error, fix: info.fix },
        })
        .run();
      if (info.rateLimited) stats.rateLimited++;
      else {
        stats.errors++;
        logger.warn(
          { channel, slackError: info.error },
          `Slack delivery to ${channel} failed: ${info.error}. ${info.fix}`,
        );
      }
    },
  };
}

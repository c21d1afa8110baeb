import type { WebClient } from '@slack/web-api';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { incidents } from '../db/schema.js';
import type { FindingsService } from '../findings/service.js';
import type { IncidentService } from '../incidents/service.js';
import { nextRunAfter } from '../jobs/cron.js';
import type { Logger } from '../logger.js';
import type { ReviewService } from '../review/api.js';
import { homeView } from './blocks/home.js';
import { readHealth } from './health.js';
import { withFastRetry } from './retry.js';
import { messageLink } from './review-posts.js';

export interface HomePublisher {
  /** Publishes the App Home tab for one user now. */
  publish(userId: string): Promise<void>;
  /** Something changed: republish for everyone who opened the tab, at most once per interval. */
  changed(): void;
  /** Publishes what `changed()` asked for, if the interval has passed; called by the delivery loop. */
  flush(): Promise<void>;
}

const DEBOUNCE_MS = 15_000;
const MAX_USERS = 200;

export function createHomePublisher(deps: {
  db: Db;
  incidents: IncidentService;
  findings?: Pick<FindingsService, 'failingByPillar'>;
  slack: WebClient;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** Open reviews and the review schedule, when workloads are configured. */
  reviews?: { service: Pick<ReviewService, 'openReviews'>; schedule: string };
}): HomePublisher {
  const viewers = new Map<string, number>();
  let dirty = false;
  let lastFlush = 0;

  function build() {
    const now = deps.clock.now();
    const open = deps.incidents.list({ states: ['open', 'acknowledged', 'muted'], limit: 200 });
    const recentlyResolved = deps.db
      .select()
      .from(incidents)
      .where(and(eq(incidents.state, 'resolved'), gt(incidents.resolvedAt, now - 7 * 86_400_000)))
      .orderBy(desc(incidents.resolvedAt))
      .limit(10)
      .all();
    const failingChecksByPillar = deps.findings?.failingByPillar();
    const reviews = deps.reviews;
    const nextAt = reviews ? nextRunAfter(reviews.schedule, now, deps.timeZone) : undefined;
    return homeView({
      ...(failingChecksByPillar ? { failingChecksByPillar } : {}),
      ...(reviews
        ? {
            reviews: {
              open: reviews.service.openReviews().map((r) => ({
                workload: r.workload.name,
                runKey: r.runKey,
                answered: r.pillars.reduce((n, p) => n + p.answered, 0),
                questions: r.pillars.reduce((n, p) => n + p.questions, 0),
                ...(r.slack ? { url: messageLink(r.slack.channel, r.slack.ts) } : {}),
              })),
              ...(nextAt === undefined ? {} : { nextAt }),
            },
          }
        : {}),
      open,
      recentlyResolved,
      targets: readHealth(deps.db).targets,
      now,
      timeZone: deps.timeZone,
    });
  }

  async function publish(userId: string): Promise<void> {
    viewers.set(userId, deps.clock.now());
    if (viewers.size > MAX_USERS) {
      const oldest = [...viewers.entries()].sort((a, b) => a[1] - b[1])[0];
      if (oldest) viewers.delete(oldest[0]);
    }
    await withFastRetry(() => deps.slack.views.publish({ user_id: userId, view: build() }));
  }

  return {
    publish,
    changed() {
      dirty = true;
    },
    async flush() {
      const now = deps.clock.now();
      if (!dirty || now - lastFlush < DEBOUNCE_MS || viewers.size === 0) return;
      dirty = false;
      lastFlush = now;
      for (const user of viewers.keys()) {
        try {
          await withFastRetry(() => deps.slack.views.publish({ user_id: user, view: build() }));
        } catch (err) {
          deps.logger.warn({ err, user }, 'Could not republish App Home');
        }
      }
    },
  };
}

import { channelFor } from '../routing.js';
import { createContext } from './context.js';
import { createEditor } from './edit.js';
import { createPoster } from './post.js';
import { createThreads } from './threads.js';
import type { Delivery, DeliveryDeps } from './types.js';

export {
  type Delivery,
  type DeliveryDeps,
  type DeliverySettings,
  type DeliveryStats,
  defaultDeliverySettings,
} from './types.js';

const zero = { posts: 0, edits: 0, notes: 0, reminders: 0, recovered: 0, rateLimited: 0, errors: 0 };

/**
 * Drains incident changes to Slack. What to send is derived from the database (see
 * incident_messages), which the ingestion and triage write in their own transactions, so a
 * change can never be lost between being stored and being sent.
 */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const ctx = createContext(deps);
  const { stats } = ctx;
  const poster = createPoster(ctx);
  const editor = createEditor(ctx);
  const threads = createThreads(ctx);

  return {
    stats,
    updateNow: editor.updateNow,
    channelOf: (incident) =>
      ctx.outbox.posted(incident.id)[0]?.channel ?? channelFor(incident, deps.settings.slack),
    stop() {
      ctx.halt.requested = true;
    },
    async drain() {
      const before = { ...stats };
      if (ctx.halt.requested) return { ...zero };
      const paused = ctx.channels.paused(deps.clock.now());
      await poster.postNew(paused);
      await editor.editChanged(paused);
      await threads.noteThreads(paused);
      return {
        posts: stats.posts - before.posts,
        edits: stats.edits - before.edits,
        notes: stats.notes - before.notes,
        reminders: stats.reminders - before.reminders,
        recovered: stats.recovered - before.recovered,
        rateLimited: stats.rateLimited - before.rateLimited,
        errors: stats.errors - before.errors,
      };
    },
  };
}

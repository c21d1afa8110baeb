import { isProcessDeath } from '../../errors.js';
import type { Incident } from '../../incidents/types.js';
import type { SlackErrorInfo } from '../slack-errors.js';
import type { DeliveryContext } from './context.js';
import type { MessageRow } from './types.js';

export interface Editor {
  /** Edits, at most one per message per editInterval: bursts fold into one edit. */
  editChanged(paused: Set<string>): Promise<void>;
  /** Edits an incident's posted messages at once, whatever the interval (a person's click). */
  updateNow(incidentId: number): Promise<void>;
}

export function createEditor(ctx: DeliveryContext): Editor {
  const { deps, outbox, channels, stats } = ctx;
  const { clock, slack } = deps;

  /** Renders the incident into its message; returns the Slack error, if any, after recording it. */
  async function edit(row: MessageRow, incident: Incident): Promise<SlackErrorInfo | undefined> {
    const message = ctx.render(incident);
    try {
      await slack.chat.update({
        channel: row.channel,
        ts: row.ts!,
        text: message.text,
        blocks: message.blocks,
      });
      outbox.edited(row, incident.revision);
      stats.edits++;
      channels.succeeded(row.channel);
      return undefined;
    } catch (e) {
      if (isProcessDeath(e)) throw e;
      return ctx.failed(row, e);
    }
  }

  return {
    async editChanged(paused) {
      for (const { message: row, incident } of outbox.editsDue(clock.now())) {
        if (ctx.halt.requested) return;
        if (paused.has(row.channel) || !row.ts) continue;
        const info = await edit(row, incident);
        if (info?.rateLimited) paused.add(row.channel);
      }
    },

    async updateNow(incidentId) {
      const incident = deps.incidents.get(incidentId);
      if (!incident) return;
      // A failed edit is retried by the next drain (the revision is still ahead).
      for (const row of outbox.posted(incidentId)) if (row.ts) await edit(row, incident);
    },
  };
}

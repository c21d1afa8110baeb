import type { KnownBlock } from '@slack/types';
import { isProcessDeath } from '../../errors.js';
import type { Incident } from '../../incidents/types.js';
import { actionNote, occurrenceNote, reminderNote } from '../blocks/incident.js';
import type { DeliveryContext } from './context.js';
import type { DeliverySettings, MessageRow } from './types.js';

export interface Threads {
  /** Thread notes: who did what, and occurrences summed ("14 more in the last 5 min"). */
  noteThreads(paused: Set<string>): Promise<void>;
}

/** Occurrences not yet noted in the thread, when a note about them is due (at most one per interval). */
export function occurrencesToNote(
  row: Pick<MessageRow, 'notedOccurrences' | 'lastNoteAt'>,
  incident: Pick<Incident, 'occurrences'>,
  now: number,
  noteIntervalMs: number,
): number {
  const fresh = incident.occurrences - row.notedOccurrences;
  return fresh > 0 && (row.lastNoteAt === null || now - row.lastNoteAt >= noteIntervalMs) ? fresh : 0;
}

/** Whether the thread owes a reminder: open (not acknowledged) for remindAfter, not reminded for remindEvery. */
export function reminderDue(
  row: Pick<MessageRow, 'lastReminderAt'>,
  incident: Pick<Incident, 'state' | 'openedAt'>,
  now: number,
  cfg: Pick<DeliverySettings, 'remindAfterMs' | 'remindEveryMs'>,
): boolean {
  return (
    incident.state === 'open' &&
    now - incident.openedAt >= cfg.remindAfterMs &&
    (row.lastReminderAt === null || now - row.lastReminderAt >= cfg.remindEveryMs)
  );
}

export function createThreads(ctx: DeliveryContext): Threads {
  const { deps, cfg, outbox, channels, stats, timeZone } = ctx;
  const { clock, slack } = deps;

  async function postInThread(
    row: MessageRow,
    note: { text: string; blocks?: KnownBlock[] },
    broadcast: boolean,
  ): Promise<boolean> {
    await channels.pace(row.channel);
    try {
      await slack.chat.postMessage({
        channel: row.channel,
        thread_ts: row.ts!,
        text: note.text,
        ...(note.blocks ? { blocks: note.blocks } : {}),
        reply_broadcast: broadcast,
        unfurl_links: false,
        unfurl_media: false,
      });
      channels.succeeded(row.channel);
      return true;
    } catch (e) {
      if (isProcessDeath(e)) throw e;
      ctx.failed(row, e);
      return false;
    }
  }

  async function noteThreads(paused: Set<string>): Promise<void> {
    const now = clock.now();
    for (const { message: row, incident } of outbox.threadsDue(now)) {
      if (ctx.halt.requested) return;
      if (paused.has(row.channel) || !row.ts) continue;
      let notedActionId = row.notedActionId;
      for (const action of outbox.unnotedActions(row)) {
        notedActionId = action.id;
        // The message itself announces the opening.
        if (action.action === 'opened') continue;
        const note = actionNote({ incident, action, timeZone, now });
        const ok = await postInThread(row, note, action.action === 'regressed');
        // The row is backed off now: the rest of this pass waits too.
        if (!ok) return;
        outbox.notedAction(row, notedActionId);
        stats.notes++;
      }
      if (notedActionId !== row.notedActionId) outbox.notedAction(row, notedActionId);
      const fresh = occurrencesToNote(row, incident, now, cfg.noteIntervalMs);
      if (fresh > 0) {
        const sample = deps.incidents.samples(incident.id)[0];
        const note = occurrenceNote({
          incident,
          newOccurrences: fresh,
          sinceMs: now - (row.lastNoteAt ?? row.createdAt),
          ...(sample ? { sample } : {}),
          timeZone,
          now,
        });
        if (!(await postInThread(row, note, false))) continue;
        outbox.notedOccurrences(row, incident.occurrences);
        stats.notes++;
      }
      if (reminderDue(row, incident, now, cfg)) {
        const note = reminderNote({ incident, now, unacknowledgedForMs: now - incident.openedAt, timeZone });
        if (!(await postInThread(row, note, false))) continue;
        outbox.reminded(row);
        stats.reminders++;
      }
    }
  }

  return { noteThreads };
}

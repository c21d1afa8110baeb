import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import { deliveryStatus, incidentActions, incidentMessages, incidents, logGroups } from '../db/schema.js';
import { isProcessDeath } from '../errors.js';
import type { FindingsService } from '../findings/service.js';
import { checkMeta } from '../findings/store.js';
import type { Incident, IncidentService } from '../incidents/service.js';
import type { Logger } from '../logger.js';
import { actionNote, incidentMessage, occurrenceNote, reminderNote } from './blocks/incident.js';
import { INCIDENT_METADATA_EVENT } from './ids.js';
import { channelFor } from './routing.js';
import { describeSlackError, type SlackErrorInfo } from './slack-errors.js';

export interface DeliverySettings {
  /** At most one edit of one message per this many ms. */
  editIntervalMs: number;
  /** At most one occurrences note per incident thread per this many ms. */
  noteIntervalMs: number;
  /** Minimum gap between two posts to one channel (Slack allows about one per second). */
  channelGapMs: number;
  /** Remind about an unacknowledged incident after this long, then at most this often. */
  remindAfterMs: number;
  remindEveryMs: number;
  /** Incidents last seen longer ago than this are not posted when delivery first sees them. */
  backlogMs: number;
}

export const defaultDeliverySettings: DeliverySettings = {
  editIntervalMs: 10_000,
  noteIntervalMs: 5 * 60_000,
  channelGapMs: 1_100,
  remindAfterMs: 30 * 60_000,
  remindEveryMs: 60 * 60_000,
  backlogMs: 24 * 3_600_000,
};

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  slack: WebClient;
  incidents: IncidentService;
  /** Failing checks of an incident's function, listed on its message. */
  findings?: Pick<FindingsService, 'forIncident'>;
  settings: Pick<Settings, 'slack' | 'schedules'> & Partial<Pick<Settings, 'incidents'>>;
  delivery?: Partial<DeliverySettings>;
  /** Test hooks: throw to stop a pass as a killed process would. */
  hooks?: { beforePost?: (incidentId: number) => void; afterPost?: (incidentId: number, ts: string) => void };
}

export interface DeliveryStats {
  posts: number;
  edits: number;
  notes: number;
  reminders: number;
  recovered: number;
  rateLimited: number;
  errors: number;
}

type MessageRow = typeof incidentMessages.$inferSelect;

export interface Delivery {
  /** One pass over everything due; returns what it sent. Never throws for Slack errors. */
  drain(): Promise<DeliveryStats>;
  /** Edits an incident's messages at once: a person's click should show without waiting. */
  updateNow(incidentId: number): Promise<void>;
  stats: DeliveryStats;
}

/**
 * Drains incident changes to Slack. What to send is derived from the database (see
 * incident_messages), which the ingestion and triage write in their own transactions, so a
 * change can never be lost between being stored and being sent.
 */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const inc = deps.settings.incidents;
  const cfg: DeliverySettings = {
    ...defaultDeliverySettings,
    ...(inc
      ? {
          remindAfterMs: inc.remindAfterMinutes * 60_000,
          remindEveryMs: inc.remindEveryMinutes * 60_000,
          noteIntervalMs: inc.threadNoteMinutes * 60_000,
        }
      : {}),
    ...deps.delivery,
  };
  const { db, clock, logger, slack } = deps;
  const stats: DeliveryStats = {
    posts: 0,
    edits: 0,
    notes: 0,
    reminders: 0,
    recovered: 0,
    rateLimited: 0,
    errors: 0,
  };
  const nextPostAt = new Map<string, number>();
  const timeZone = deps.settings.schedules.timezone;
  /** Rows this process wrote; any other row still `posting` may have reached Slack already. */
  const createdHere = new Set<number>();

  function pausedChannels(now: number): Set<string> {
    return new Set(
      db
        .select({ channel: deliveryStatus.channel })
        .from(deliveryStatus)
        .where(gt(deliveryStatus.rateLimitedUntil, now))
        .all()
        .map((r) => r.channel),
    );
  }

  /** Waits for the channel's posting gap, so bursts stay under Slack's one-per-second. */
  async function paceChannel(channel: string): Promise<void> {
    const now = clock.now();
    const at = nextPostAt.get(channel) ?? 0;
    if (at > now) await clock.sleep(at - now);
    nextPostAt.set(channel, Math.max(at, now) + cfg.channelGapMs);
  }

  function recordSuccess(channel: string): void {
    const now = clock.now();
    db.insert(deliveryStatus)
      .values({ channel, lastSuccessAt: now })
      .onConflictDoUpdate({ target: deliveryStatus.channel, set: { lastSuccessAt: now } })
      .run();
  }

  function recordFailure(channel: string, info: SlackErrorInfo): void {
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
  }

  function backoff(row: MessageRow, info: SlackErrorInfo): void {
    const now = clock.now();
    const attempts = row.attempts + 1;
    const wait = info.retryAfterMs ?? Math.min(30 * 60_000, 15_000 * 2 ** Math.min(attempts - 1, 7));
    db.update(incidentMessages)
      .set({
        attempts,
        nextAttemptAt: now + wait,
        lastError: info.error,
        ...(info.permanent ? { state: 'failed' } : {}),
      })
      .where(eq(incidentMessages.id, row.id))
      .run();
  }

  /** The function's tags as the ingestion stored them (only when a route uses tags). */
  function tagsOf(incident: Incident): Record<string, string> | undefined {
    const row = db
      .select({ tags: logGroups.tags })
      .from(logGroups)
      .where(
        and(
          eq(logGroups.account, incident.account),
          eq(logGroups.region, incident.region),
          eq(logGroups.logGroup, incident.logGroup),
        ),
      )
      .get();
    if (!row?.tags) return undefined;
    try {
      return JSON.parse(row.tags) as Record<string, string>;
    } catch {
      return undefined;
    }
  }

  function latestSample(incidentId: number) {
    return deps.incidents.samples(incidentId)[0];
  }

  function render(incident: Incident) {
    const sample = latestSample(incident.id);
    const failingChecks = failingChecksOf(incident);
    return incidentMessage({
      incident,
      ...(sample ? { sample } : {}),
      ...(failingChecks.length > 0 ? { failingChecks } : {}),
      now: clock.now(),
      timeZone,
    });
  }

  /** The failing, unsuppressed checks of the incident's function that bear on its failure kind. */
  function failingChecksOf(incident: Incident): { id: string; title: string }[] {
    if (!deps.findings) return [];
    try {
      const seen = new Set<string>();
      const out: { id: string; title: string }[] = [];
      for (const f of deps.findings.forIncident(incident.functionName, incident.failureKind)) {
        if (seen.has(f.checkId) || f.account !== incident.account || f.region !== incident.region) continue;
        seen.add(f.checkId);
        out.push({ id: f.checkId, title: checkMeta(f.checkId)?.title ?? f.checkId });
      }
      return out;
    } catch (err) {
      deps.logger.warn({ err, incident: incident.id }, 'Could not read the failing checks of an incident');
      return [];
    }
  }

  /** New incidents: write the row first, then post with metadata naming the incident. */
  async function postNew(paused: Set<string>): Promise<void> {
    const now = clock.now();
    const unposted = db
      .select()
      .from(incidents)
      .leftJoin(incidentMessages, eq(incidentMessages.incidentId, incidents.id))
      .where(and(isNull(incidentMessages.id), gt(incidents.lastSeenAt, now - cfg.backlogMs)))
      .orderBy(asc(incidents.id))
      .all()
      .map((r) => r.incidents)
      .filter((i) => i.state !== 'muted' && i.state !== 'resolved');
    for (const incident of unposted) {
      const channel = channelFor(incident, deps.settings.slack, tagsOf);
      if (!channel || paused.has(channel)) continue;
      const row = db
        .insert(incidentMessages)
        .values({ incidentId: incident.id, channel, state: 'posting', createdAt: now })
        .onConflictDoNothing()
        .returning({ id: incidentMessages.id })
        .get();
      if (row) createdHere.add(row.id);
    }
    const posting = db
      .select()
      .from(incidentMessages)
      .where(and(eq(incidentMessages.state, 'posting'), lte(incidentMessages.nextAttemptAt, clock.now())))
      .orderBy(asc(incidentMessages.id))
      .all();
    for (const row of posting) {
      if (paused.has(row.channel)) continue;
      const incident = deps.incidents.get(row.incidentId);
      if (!incident) continue;
      if (row.attempts > 0 || !createdHere.has(row.id)) {
        // A post may have reached Slack before the process died: look before posting again.
        const found = await findPosted(row);
        if (found === 'error') continue;
        if (found) {
          adopt(row, found, incident.revision - 1);
          stats.recovered++;
          continue;
        }
      }
      const message = render(incident);
      await paceChannel(row.channel);
      deps.hooks?.beforePost?.(incident.id);
      try {
        const res = await slack.chat.postMessage({
          channel: row.channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: {
            event_type: INCIDENT_METADATA_EVENT,
            event_payload: { incident_id: incident.id, fingerprint: incident.fingerprint },
          },
        });
        const ts = String(res.ts);
        deps.hooks?.afterPost?.(incident.id, ts);
        adopt(row, ts, incident.revision, incident.occurrences);
        stats.posts++;
        recordSuccess(row.channel);
      } catch (e) {
        if (isCrash(e)) throw e;
        const info = describeSlackError(e, row.channel);
        recordFailure(row.channel, info);
        backoff(row, info);
        if (info.rateLimited) paused.add(row.channel);
        if (info.error === 'not_in_channel') await tryJoin(row.channel);
      }
    }
  }

  function adopt(row: MessageRow, ts: string, revision: number, occurrences?: number): void {
    const now = clock.now();
    db.update(incidentMessages)
      .set({
        ts,
        state: 'posted',
        renderedRevision: revision,
        lastUpdateAt: now,
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
        ...(occurrences !== undefined ? { notedOccurrences: occurrences, lastNoteAt: now } : {}),
        notedActionId: maxActionId(row.incidentId),
      })
      .where(eq(incidentMessages.id, row.id))
      .run();
  }

  function maxActionId(incidentId: number): number {
    const r = db
      .select({ id: sql<number>`coalesce(max(${incidentActions.id}), 0)` })
      .from(incidentActions)
      .where(eq(incidentActions.incidentId, incidentId))
      .get();
    return r?.id ?? 0;
  }

  async function findPosted(row: MessageRow): Promise<string | undefined | 'error'> {
    try {
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const res = await slack.conversations.history({
          channel: row.channel,
          oldest: String((row.createdAt - 60_000) / 1000),
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        for (const m of res.messages ?? []) {
          const meta = (
            m as { metadata?: { event_type?: string; event_payload?: { incident_id?: unknown } } }
          ).metadata;
          if (
            meta?.event_type === INCIDENT_METADATA_EVENT &&
            Number(meta.event_payload?.incident_id) === row.incidentId
          ) {
            return m.ts;
          }
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return undefined;
    } catch (e) {
      const info = describeSlackError(e, row.channel);
      recordFailure(row.channel, info);
      backoff(row, info);
      return 'error';
    }
  }

  async function tryJoin(channel: string): Promise<void> {
    try {
      await slack.conversations.join({ channel });
      logger.info({ channel }, 'Joined the channel to post alerts');
    } catch {
      // Private channels need an invitation; the status line already says so.
    }
  }

  /** Edits, at most one per message per editInterval: bursts fold into one edit. */
  async function editChanged(paused: Set<string>): Promise<void> {
    const now = clock.now();
    const due = db
      .select()
      .from(incidentMessages)
      .innerJoin(incidents, eq(incidents.id, incidentMessages.incidentId))
      .where(
        and(
          eq(incidentMessages.state, 'posted'),
          gt(incidents.revision, incidentMessages.renderedRevision),
          or(
            isNull(incidentMessages.lastUpdateAt),
            lte(incidentMessages.lastUpdateAt, now - cfg.editIntervalMs),
          ),
          lte(incidentMessages.nextAttemptAt, now),
        ),
      )
      .orderBy(asc(incidentMessages.lastUpdateAt))
      .all();
    for (const { incident_messages: row, incidents: incident } of due) {
      if (paused.has(row.channel) || !row.ts) continue;
      const info = await edit(row, incident);
      if (info?.rateLimited) paused.add(row.channel);
    }
  }

  /** Renders the incident into its message; returns the Slack error, if any, after recording it. */
  async function edit(row: MessageRow, incident: Incident): Promise<SlackErrorInfo | undefined> {
    const message = render(incident);
    try {
      await slack.chat.update({
        channel: row.channel,
        ts: row.ts!,
        text: message.text,
        blocks: message.blocks,
      });
      db.update(incidentMessages)
        .set({ renderedRevision: incident.revision, lastUpdateAt: clock.now(), attempts: 0, lastError: null })
        .where(eq(incidentMessages.id, row.id))
        .run();
      stats.edits++;
      recordSuccess(row.channel);
      return undefined;
    } catch (e) {
      if (isCrash(e)) throw e;
      const info = describeSlackError(e, row.channel);
      recordFailure(row.channel, info);
      backoff(row, info);
      return info;
    }
  }

  /** Thread notes: who did what, and occurrences summed ("14 more in the last 5 min"). */
  async function noteThreads(paused: Set<string>): Promise<void> {
    const now = clock.now();
    const rows = db
      .select()
      .from(incidentMessages)
      .innerJoin(incidents, eq(incidents.id, incidentMessages.incidentId))
      .where(
        and(
          eq(incidentMessages.state, 'posted'),
          lte(incidentMessages.nextAttemptAt, now),
          // Only threads with something to say: new actions, new occurrences, or a reminder due.
          or(
            sql`exists (select 1 from ${incidentActions} a where a.incident_id = ${incidents.id} and a.id > ${incidentMessages.notedActionId})`,
            gt(incidents.occurrences, incidentMessages.notedOccurrences),
            and(eq(incidents.state, 'open'), lte(incidents.openedAt, now - cfg.remindAfterMs)),
          ),
        ),
      )
      .all();
    for (const { incident_messages: row, incidents: incident } of rows) {
      if (paused.has(row.channel) || !row.ts) continue;
      const actions = db
        .select()
        .from(incidentActions)
        .where(and(eq(incidentActions.incidentId, incident.id), gt(incidentActions.id, row.notedActionId)))
        .orderBy(asc(incidentActions.id))
        .all();
      let notedActionId = row.notedActionId;
      for (const action of actions) {
        notedActionId = action.id;
        if (action.action === 'opened') continue;
        const note = actionNote({ incident, action, timeZone, now });
        const ok = await postInThread(row, note, action.action === 'regressed');
        if (!ok) return;
        db.update(incidentMessages).set({ notedActionId }).where(eq(incidentMessages.id, row.id)).run();
        stats.notes++;
      }
      if (notedActionId !== row.notedActionId) {
        db.update(incidentMessages).set({ notedActionId }).where(eq(incidentMessages.id, row.id)).run();
      }
      const fresh = incident.occurrences - row.notedOccurrences;
      if (fresh > 0 && (row.lastNoteAt === null || now - row.lastNoteAt >= cfg.noteIntervalMs)) {
        const sample = latestSample(incident.id);
        const note = occurrenceNote({
          incident,
          newOccurrences: fresh,
          sinceMs: now - (row.lastNoteAt ?? row.createdAt),
          ...(sample ? { sample } : {}),
          timeZone,
          now,
        });
        if (!(await postInThread(row, note, false))) continue;
        db.update(incidentMessages)
          .set({ notedOccurrences: incident.occurrences, lastNoteAt: clock.now() })
          .where(eq(incidentMessages.id, row.id))
          .run();
        stats.notes++;
      }
      if (
        incident.state === 'open' &&
        now - incident.openedAt >= cfg.remindAfterMs &&
        (row.lastReminderAt === null || now - row.lastReminderAt >= cfg.remindEveryMs)
      ) {
        const note = reminderNote({ incident, now, unacknowledgedForMs: now - incident.openedAt, timeZone });
        if (!(await postInThread(row, note, false))) continue;
        db.update(incidentMessages)
          .set({ lastReminderAt: clock.now() })
          .where(eq(incidentMessages.id, row.id))
          .run();
        stats.reminders++;
      }
    }
  }

  async function postInThread(
    row: MessageRow,
    note: { text: string; blocks?: KnownBlock[] },
    broadcast: boolean,
  ): Promise<boolean> {
    await paceChannel(row.channel);
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
      recordSuccess(row.channel);
      return true;
    } catch (e) {
      if (isCrash(e)) throw e;
      const info = describeSlackError(e, row.channel);
      recordFailure(row.channel, info);
      backoff(row, info);
      return false;
    }
  }

  async function updateNow(incidentId: number): Promise<void> {
    const incident = deps.incidents.get(incidentId);
    if (!incident) return;
    const rows = db
      .select()
      .from(incidentMessages)
      .where(and(eq(incidentMessages.incidentId, incidentId), eq(incidentMessages.state, 'posted')))
      .all();
    // A failed edit is retried by the next drain (the revision is still ahead).
    for (const row of rows) if (row.ts) await edit(row, incident);
  }

  return {
    stats,
    updateNow,
    async drain() {
      const before = { ...stats };
      const paused = pausedChannels(clock.now());
      await postNew(paused);
      await editChanged(paused);
      await noteThreads(paused);
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

function isCrash(e: unknown): boolean {
  return isProcessDeath(e);
}

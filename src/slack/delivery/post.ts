import type { WebClient } from '@slack/web-api';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { logGroups } from '../../db/schema.js';
import { isProcessDeath } from '../../errors.js';
import type { Incident } from '../../incidents/types.js';
import { INCIDENT_METADATA_EVENT } from '../ids.js';
import { channelFor } from '../routing.js';
import type { DeliveryContext } from './context.js';
import type { MessageRow } from './types.js';

export interface Poster {
  /** Posts new incidents: writes the row first, then posts with metadata naming the incident. */
  postNew(paused: Set<string>): Promise<void>;
}

export function createPoster(ctx: DeliveryContext): Poster {
  const { deps, outbox, channels, stats } = ctx;
  const { db, clock, logger, slack } = deps;

  async function postNew(paused: Set<string>): Promise<void> {
    const now = clock.now();
    for (const incident of outbox.unposted(now)) {
      if (ctx.halt.requested) return;
      const channel = channelFor(incident, deps.settings.slack, (i) => tagsOf(db, i));
      if (!channel || paused.has(channel)) continue;
      outbox.claim(incident.id, channel, now);
    }
    for (const row of outbox.postingDue(clock.now())) {
      if (ctx.halt.requested) return;
      if (paused.has(row.channel)) continue;
      const incident = deps.incidents.get(row.incidentId);
      if (!incident) continue;
      if (outbox.mayBeInSlack(row)) {
        // A post may have reached Slack before the process died: look before posting again.
        let found: string | undefined;
        try {
          found = await findPosted(slack, row);
        } catch (e) {
          ctx.failed(row, e);
          continue;
        }
        if (found) {
          outbox.adopt(row, found, incident.revision - 1);
          stats.recovered++;
          continue;
        }
      }
      const message = ctx.render(incident);
      await channels.pace(row.channel);
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
        outbox.adopt(row, ts, incident.revision, incident.occurrences);
        stats.posts++;
        channels.succeeded(row.channel);
      } catch (e) {
        if (isProcessDeath(e)) throw e;
        const info = ctx.failed(row, e);
        if (info.rateLimited) paused.add(row.channel);
        if (info.error === 'not_in_channel') await tryJoin(row.channel);
      }
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

  return { postNew };
}

/**
 * The ts of the row's message if it is in the channel: looks for the incident's metadata in the
 * history since shortly before the row was written (at most 5 pages). Slack errors are thrown.
 */
export async function findPosted(slack: WebClient, row: MessageRow): Promise<string | undefined> {
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
      const meta = (m as { metadata?: { event_type?: string; event_payload?: { incident_id?: unknown } } })
        .metadata;
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
}

/** The function's tags as the ingestion stored them (only read when a route uses tags). */
function tagsOf(db: Db, incident: Incident): Record<string, string> | undefined {
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

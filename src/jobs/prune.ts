import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { incidents, invocations, streamStates } from '../db/schema.js';

export interface PruneResult {
  invocations: number;
  incidents: number;
  streamStates: number;
}

/** Retention: invocations after a week, resolved incidents after `retentionDays`, stale stream states. */
export function prune(db: Db, now: number, retentionDays: number): PruneResult {
  return db.transaction((tx) => {
    const inv = tx
      .delete(invocations)
      .where(lt(invocations.updatedAt, now - 7 * 86_400_000))
      .run().changes;
    const inc = tx
      .delete(incidents)
      .where(and(eq(incidents.state, 'resolved'), lt(incidents.updatedAt, now - retentionDays * 86_400_000)))
      .run().changes;
    const st = tx
      .delete(streamStates)
      .where(lt(streamStates.lastEventAt, now - 86_400_000))
      .run().changes;
    return { invocations: inv, incidents: inc, streamStates: st };
  });
}

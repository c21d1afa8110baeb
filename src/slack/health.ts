import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { deliveryStatus, ingestionTargets, logGroups } from '../db/schema.js';

export type TargetRow = typeof ingestionTargets.$inferSelect;
export type GroupRow = typeof logGroups.$inferSelect;
export type DeliveryRow = typeof deliveryStatus.$inferSelect;

export interface HealthSnapshot {
  targets: TargetRow[];
  groups: { total: number; failing: GroupRow[] };
  delivery: DeliveryRow[];
}

/** Ingestion and delivery health, as `/wa status` and App Home show it. */
export function readHealth(db: Db): HealthSnapshot {
  const targets = db
    .select()
    .from(ingestionTargets)
    .orderBy(ingestionTargets.account, ingestionTargets.region)
    .all();
  const all = db.select({ id: logGroups.id }).from(logGroups).where(eq(logGroups.present, true)).all();
  const failing = db
    .select()
    .from(logGroups)
    .where(and(eq(logGroups.present, true), isNotNull(logGroups.lastErrorCode)))
    .orderBy(desc(logGroups.lastErrorAt))
    .limit(20)
    .all();
  const delivery = db.select().from(deliveryStatus).orderBy(deliveryStatus.channel).all();
  return { targets, groups: { total: all.length, failing }, delivery };
}

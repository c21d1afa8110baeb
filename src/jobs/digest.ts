import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { incidentActions, incidents, invocations, logGroups } from '../db/schema.js';

export interface DigestStats {
  from: number;
  to: number;
  opened: number;
  resolved: number;
  reopened: number;
  stillOpen: number;
  noisiest: { functionName: string; occurrences: number }[];
  meanTimeToAcknowledgeMs?: number;
  meanTimeToResolveMs?: number;
}

/** What the daily digest reports for the window [from, to). */
export function digestStats(db: Db, from: number, to: number): DigestStats {
  const count = (action: string) =>
    db
      .select({ n: sql<number>`count(distinct ${incidentActions.incidentId})` })
      .from(incidentActions)
      .where(
        and(eq(incidentActions.action, action), gte(incidentActions.at, from), lt(incidentActions.at, to)),
      )
      .get()?.n ?? 0;
  const stillOpen =
    db
      .select({ n: sql<number>`count(*)` })
      .from(incidents)
      .where(inArray(incidents.state, ['open', 'acknowledged']))
      .get()?.n ?? 0;
  const noisiest = db
    .select({ functionName: logGroups.functionName, occurrences: sql<number>`count(*)` })
    .from(invocations)
    .innerJoin(logGroups, eq(logGroups.id, invocations.logGroupId))
    .where(
      and(
        gte(invocations.endedAt, from),
        lt(invocations.endedAt, to),
        sql`${invocations.outcome} != 'success'`,
      ),
    )
    .groupBy(logGroups.functionName)
    .orderBy(desc(sql`count(*)`))
    .limit(5)
    .all()
    .map((r) => ({ functionName: r.functionName ?? '?', occurrences: r.occurrences }));
  const mean = (action: string) => {
    const r = db
      .select({ ms: sql<number | null>`avg(${incidentActions.at} - ${incidents.openedAt})` })
      .from(incidentActions)
      .innerJoin(incidents, eq(incidents.id, incidentActions.incidentId))
      .where(
        and(
          eq(incidentActions.action, action),
          gte(incidentActions.at, from),
          lt(incidentActions.at, to),
          sql`${incidentActions.at} >= ${incidents.openedAt}`,
        ),
      )
      .get();
    return r?.ms ?? undefined;
  };
  const tta = mean('acknowledged');
  const ttr = mean('resolved');
  return {
    from,
    to,
    opened: count('opened'),
    resolved: count('resolved'),
    reopened: count('regressed'),
    stillOpen,
    noisiest,
    ...(tta !== undefined && tta !== null ? { meanTimeToAcknowledgeMs: Math.round(tta) } : {}),
    ...(ttr !== undefined && ttr !== null ? { meanTimeToResolveMs: Math.round(ttr) } : {}),
  };
}

import type { Db } from '../db/client.js';
import type { IngestionTelemetrySource } from './collectors/telemetry.js';
import type { FunctionTelemetry } from './snapshot.js';

/**
 * REPORT-line figures from Pillar's own ingestion (the `invocations` table), per function of one
 * account and region since `sinceMs`: what stands in for Logs Insights when the role may not run
 * queries. Read once, up front; the returned lookup is a plain map access.
 *
 * Percentiles are nearest-rank over the stored invocations (SQLite window functions), so `p99`
 * is the value at rank ceil(0.99 × n).
 */
export function ingestionTelemetry(
  db: Db,
  account: string,
  region: string,
  sinceMs: number,
): IngestionTelemetrySource {
  const sqlite = db.$client;
  // An invocation counts from when it ended (or started, or was last written, if that is all we have).
  const scope = `FROM invocations i JOIN log_groups g ON g.id = i.log_group_id
    WHERE g.account = ? AND g.region = ? AND g.function_name IS NOT NULL
      AND coalesce(i.ended_at, i.started_at, i.updated_at) >= ?`;
  const params = [account, region, sinceMs];

  const totals = sqlite
    .prepare(
      `SELECT g.function_name AS fn,
         sum(CASE WHEN i.duration_ms IS NOT NULL OR i.max_memory_used_mb IS NOT NULL THEN 1 ELSE 0 END) AS reports,
         max(i.max_memory_used_mb) AS memMax,
         sum(i.cold_start) AS coldStarts,
         sum(CASE WHEN i.outcome = 'timeout' THEN 1 ELSE 0 END) AS timeouts,
         sum(CASE WHEN i.outcome = 'out_of_memory' THEN 1 ELSE 0 END) AS oom
       ${scope} GROUP BY g.function_name`,
    )
    .all(...params) as {
    fn: string;
    reports: number;
    memMax: number | null;
    coldStarts: number;
    timeouts: number;
    oom: number;
  }[];

  const percentile = (column: string, pct: number): Map<string, number> => {
    const rows = sqlite
      .prepare(
        `SELECT fn, v FROM (
           SELECT g.function_name AS fn, i.${column} AS v,
             row_number() OVER (PARTITION BY g.function_name ORDER BY i.${column}) AS rn,
             count(*) OVER (PARTITION BY g.function_name) AS n
           ${scope} AND i.${column} IS NOT NULL
         ) WHERE rn = max(1, (n * CAST(? AS INTEGER) + 99) / 100)`,
      )
      .all(...params, pct) as { fn: string; v: number }[];
    return new Map(rows.map((r) => [r.fn, r.v]));
  };
  const memP99 = percentile('max_memory_used_mb', 99);
  const initP95 = percentile('init_duration_ms', 95);

  const byFunction = new Map<string, Partial<FunctionTelemetry>>();
  for (const t of totals) {
    const figures: Partial<FunctionTelemetry> = {
      reportCount: t.reports,
      coldStarts: t.coldStarts,
      timeouts: t.timeouts,
      outOfMemory: t.oom,
    };
    if (t.memMax !== null) figures.maxMemoryUsedMB = t.memMax;
    const p99 = memP99.get(t.fn);
    if (p99 !== undefined) figures.p99MemoryUsedMB = p99;
    const init = initP95.get(t.fn);
    if (init !== undefined) figures.initDurationP95Ms = init;
    byFunction.set(t.fn, figures);
  }
  return (functionName) => byFunction.get(functionName);
}

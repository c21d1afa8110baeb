import type { Snapshot } from '../../src/inventory/snapshot.js';

/** Adds `snapshot.serviceMetrics` (resource ARN → metric name → figure) to a built snapshot. */
export function withMetrics(
  base: Snapshot,
  byResource: Record<string, Record<string, number>>,
  windowDays = 14,
): Snapshot {
  return { ...base, serviceMetrics: { windowDays, byResource } };
}

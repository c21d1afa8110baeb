import type { Snapshot } from '../src/inventory/snapshot.js';
import { notAssessed, verdict } from './helpers.js';
import type { CheckResult, Finding } from './types.js';

/**
 * The shared frame of the checks over `snapshot.serviceMetrics` (CloudWatch metrics of state
 * machines, topics, streams and APIs): not assessed when the metrics were not collected or no
 * resource has figures, else the verdict over the measured resources.
 */

const NOT_COLLECTED = 'CloudWatch metrics (GetMetricData) were not collected';

/** Metric name → figure over the window for one resource; undefined when it was not measured. */
export function metricsOf(snapshot: Snapshot, arn: string): Record<string, number> | undefined {
  return snapshot.serviceMetrics?.byResource[arn];
}

/** Runs `judge` over the resources that have figures; `what` names them for the reason text. */
export function overMeasuredResources<R extends { arn: string }>(
  snapshot: Snapshot,
  resources: readonly R[],
  what: string,
  judge: (resource: R, metrics: Record<string, number>, windowDays: number) => Finding | undefined,
): CheckResult {
  const section = snapshot.serviceMetrics;
  if (!section) return notAssessed(NOT_COLLECTED);
  const findings: Finding[] = [];
  let measured = 0;
  for (const r of resources) {
    const m = section.byResource[r.arn];
    if (!m) continue;
    measured++;
    const f = judge(r, m, section.windowDays);
    if (f) findings.push(f);
  }
  if (measured === 0) return notAssessed(`no ${what} has CloudWatch metrics in the snapshot`);
  return verdict(findings);
}

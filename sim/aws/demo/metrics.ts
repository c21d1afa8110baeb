import type { SimState } from '../state.js';

const DAY_MS = 86_400_000;

/**
 * Adds one datapoint per day for the demo, newest first (`values[0]` is yesterday), at 01:00 past
 * each day boundary back from now. Skipped when the metric already has datapoints, so running the
 * demo twice does not double its figures.
 */
export function putDailyMetric(
  state: SimState,
  target: { account: string; region: string },
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  values: number[],
): void {
  const { account, region } = target;
  const same = (d: Record<string, string>) =>
    Object.keys(d).length === Object.keys(dimensions).length &&
    Object.entries(dimensions).every(([k, v]) => d[k] === v);
  const exists = state
    .metrics(account, region)
    .some((d) => d.namespace === namespace && d.metricName === metricName && same(d.dimensions));
  if (exists) return;
  const now = state.clock.now();
  values.forEach((value, i) => {
    state.putMetric({
      account,
      region,
      namespace,
      metricName,
      dimensions,
      timestamp: now - (i + 1) * DAY_MS + 3_600_000,
      value,
    });
  });
}

/**
 * The inventory: collectors per service that fill a typed `Snapshot` from read-only AWS calls,
 * for the checks to run over.
 *
 *   const { snapshot, calls } = await collectSnapshot({ clients, clock, logger, target });
 */
export { awsCallsForScan, type ScanShape, scanShapeOf, totalCalls } from './calls.js';
export { type CollectDeps, type CollectorProgress, type CollectResult, collectSnapshot } from './collect.js';
export {
  type IngestionTelemetrySource,
  insightsBatchesFor,
  insightsQueries,
  metricRequestsFor,
} from './collectors/telemetry.js';
export { ingestionTelemetry } from './ingestion-telemetry.js';
export { looksLikeSecret } from './secrets.js';
export type * from './snapshot.js';

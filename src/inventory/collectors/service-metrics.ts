import { type CollectorContext, chunk } from '../context.js';
import { streamsReadByLambda } from '../kinesis-consumers.js';
import type {
  ApiGatewayInventory,
  EventSourceMapping,
  KinesisInventory,
  ServiceMetrics,
  SnsInventory,
  StateMachine,
} from '../snapshot.js';
import { METRIC_QUERIES_PER_CALL, readMetricBatch, telemetryWindow } from './telemetry.js';

/** GetMetricData takes up to 500 queries per call (the same limit Lambda telemetry batches by). */
export const SERVICE_METRIC_QUERIES_PER_CALL = METRIC_QUERIES_PER_CALL;

/** One metric of one resource that a scan asks for. */
export interface ServiceMetricRequest {
  resourceArn: string;
  namespace: 'AWS/States' | 'AWS/SNS' | 'AWS/Kinesis' | 'AWS/ApiGateway';
  metricName: string;
  stat: 'Sum' | 'Maximum';
  dimensions: { Name: string; Value: string }[];
}

/** What decides the queries: the service sections as collected, and Lambda's mappings. */
export interface ServiceMetricsInput {
  stepfunctions?: { stateMachines: readonly StateMachine[] } | undefined;
  sns?: SnsInventory | undefined;
  kinesis?: KinesisInventory | undefined;
  apigateway?: ApiGatewayInventory | undefined;
  eventSourceMappings: readonly EventSourceMapping[];
}

const executionMetrics = [
  'ExecutionsStarted',
  'ExecutionsFailed',
  'ExecutionsTimedOut',
  'ExecutionsAborted',
  'ExecutionThrottled',
] as const;
const notificationMetrics = [
  'NumberOfNotificationsFailed',
  'NumberOfNotificationsFailedToRedriveToDlq',
] as const;
const throughputMetrics = [
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
] as const;

/**
 * The queries of a scan, one per (resource, metric): five per state machine, two per topic, two
 * per stream (plus iterator age for streams no Lambda mapping reads: Lambda's own IteratorAge
 * covers the others), two per REST API (by ApiName, all stages together) and two per HTTP API
 * (by ApiId). WebSocket APIs publish other metrics and are not queried.
 */
export function serviceMetricRequestsFor(input: ServiceMetricsInput): ServiceMetricRequest[] {
  const out: ServiceMetricRequest[] = [];
  const add = (
    resourceArn: string,
    namespace: ServiceMetricRequest['namespace'],
    dimension: [string, string],
    metricName: string,
    stat: ServiceMetricRequest['stat'] = 'Sum',
  ) =>
    out.push({
      resourceArn,
      namespace,
      metricName,
      stat,
      dimensions: [{ Name: dimension[0], Value: dimension[1] }],
    });
  for (const m of input.stepfunctions?.stateMachines ?? []) {
    for (const name of executionMetrics) add(m.arn, 'AWS/States', ['StateMachineArn', m.arn], name);
  }
  for (const t of input.sns?.topics ?? []) {
    for (const name of notificationMetrics) add(t.arn, 'AWS/SNS', ['TopicName', t.name], name);
  }
  const lambdaRead = streamsReadByLambda(input.eventSourceMappings);
  for (const s of input.kinesis?.streams ?? []) {
    for (const name of throughputMetrics) add(s.arn, 'AWS/Kinesis', ['StreamName', s.name], name);
    if (!lambdaRead.has(s.arn)) {
      add(s.arn, 'AWS/Kinesis', ['StreamName', s.name], 'GetRecords.IteratorAgeMilliseconds', 'Maximum');
    }
  }
  for (const api of input.apigateway?.restApis ?? []) {
    for (const name of ['5XXError', 'Count']) add(api.arn, 'AWS/ApiGateway', ['ApiName', api.name], name);
  }
  for (const api of input.apigateway?.v2Apis ?? []) {
    if (api.protocolType !== 'HTTP') continue;
    for (const name of ['5xx', 'Count']) add(api.arn, 'AWS/ApiGateway', ['ApiId', api.id], name);
  }
  return out;
}

/**
 * Reads the service metrics in batches of 500 queries, following NextToken. Undefined when any
 * batch could not be read (the failure is in `snapshot.unavailable`, so the metric checks are not
 * assessed rather than judged on part of the figures).
 */
export async function collectServiceMetrics(
  ctx: CollectorContext,
  input: ServiceMetricsInput & { windowDays: number },
): Promise<ServiceMetrics | undefined> {
  const requests = serviceMetricRequestsFor(input);
  // Nothing to send, but the action already failed this scan: the figures are not known either.
  if (requests.length === 0 && ctx.isUnavailable('cloudwatch:GetMetricData')) return undefined;
  ctx.progress({ collector: 'service-metrics', state: 'start' });
  const window = telemetryWindow(ctx.clock.now(), input.windowDays);
  const byResource: Record<string, Record<string, number>> = {};
  for (const batch of chunk(requests, SERVICE_METRIC_QUERIES_PER_CALL)) {
    const values = await readMetricBatch(ctx, batch, window);
    if (!values) {
      ctx.progress({
        collector: 'service-metrics',
        state: 'failed',
        message: 'not read: cloudwatch:GetMetricData',
      });
      return undefined;
    }
    batch.forEach((r, i) => {
      const points = (values[i] ?? []).map((p) => p.v);
      const figures = byResource[r.resourceArn] ?? {};
      byResource[r.resourceArn] = figures;
      if (r.stat === 'Sum') figures[r.metricName] = points.reduce((a, b) => a + b, 0);
      else if (points.length > 0) figures[r.metricName] = Math.max(...points);
    });
  }
  ctx.progress({ collector: 'service-metrics', state: 'done', items: Object.keys(byResource).length });
  return { windowDays: input.windowDays, byResource };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../checks/runner.js';
import { serviceMetricRequestsFor } from '../../../src/inventory/collectors/service-metrics.js';
import { awsCallsForScan, scanShapeOf, totalCalls } from '../../../src/inventory/index.js';
import { ACCOUNT, type InventoryHarness, inventoryHarness, REGION } from '../helpers.js';

let h: InventoryHarness;

beforeEach(async () => {
  h = await inventoryHarness();
});

afterEach(async () => {
  await h.close();
});

const DAY = 86_400_000;
const smArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
const streamArn = (name: string) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
const topicArn = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
const metricIds = [
  'stepfunctions-executions-failing',
  'stepfunctions-executions-throttled',
  'stepfunctions-unused',
];
const serviceMetricChecks = [
  ...metricIds,
  'sns-failed-notifications',
  'kinesis-throughput-exceeded',
  'apigateway-5xx-rate',
];

/** Daily datapoints, newest first, one day apart from yesterday back. */
function daily(namespace: string, metricName: string, dimensions: Record<string, string>, values: number[]) {
  values.forEach((value, i) => {
    h.sim.state.putMetric({
      account: ACCOUNT,
      region: REGION,
      namespace,
      metricName,
      dimensions,
      timestamp: h.clock.now() - (i + 1) * DAY,
      value,
    });
  });
}

/** Two machines, two topics, three streams (one read by Lambda), a REST, an HTTP and a WebSocket API. */
function seed(): { httpApiId: string } {
  const s = h.sim.state;
  const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
  s.addStateMachine(ACCOUNT, REGION, { name: 'orders', definition, creationDate: h.clock.now() - 200 * DAY });
  s.addStateMachine(ACCOUNT, REGION, { name: 'idle', definition, creationDate: h.clock.now() - 200 * DAY });
  s.sns.addTopic(ACCOUNT, REGION, { name: 'alerts' });
  s.sns.addTopic(ACCOUNT, REGION, { name: 'events' });
  s.kinesis.addStream(ACCOUNT, REGION, { name: 'clicks', mode: 'PROVISIONED', shards: 2 });
  s.kinesis.addStream(ACCOUNT, REGION, { name: 'audit', mode: 'PROVISIONED', shards: 1 });
  s.kinesis.addStream(ACCOUNT, REGION, { name: 'feed', mode: 'ON_DEMAND' });
  s.addFunction(ACCOUNT, REGION, { name: 'feed-reader', runtime: 'nodejs22.x' });
  s.addEventSourceMapping(ACCOUNT, REGION, {
    functionName: 'feed-reader',
    kind: 'kinesis',
    sourceName: 'feed',
  });
  s.apigateway.addRestApi(ACCOUNT, REGION, { name: 'shop-api' });
  const http = s.apigateway.addV2Api(ACCOUNT, REGION, { name: 'hooks', protocolType: 'HTTP' });
  s.apigateway.addV2Api(ACCOUNT, REGION, { name: 'live', protocolType: 'WEBSOCKET' });

  daily('AWS/States', 'ExecutionsStarted', { StateMachineArn: smArn('orders') }, [50, 50]);
  daily('AWS/States', 'ExecutionsFailed', { StateMachineArn: smArn('orders') }, [10, 5]);
  daily('AWS/States', 'ExecutionThrottled', { StateMachineArn: smArn('orders') }, [3]);
  daily('AWS/SNS', 'NumberOfNotificationsFailed', { TopicName: 'alerts' }, [4, 2]);
  daily('AWS/Kinesis', 'WriteProvisionedThroughputExceeded', { StreamName: 'clicks' }, [7, 0, 9]);
  daily('AWS/Kinesis', 'GetRecords.IteratorAgeMilliseconds', { StreamName: 'audit' }, [1200, 86_000]);
  // Lambda reads `feed`: its iterator age is Lambda's IteratorAge, so this one is not asked for.
  daily('AWS/Kinesis', 'GetRecords.IteratorAgeMilliseconds', { StreamName: 'feed' }, [5000]);
  daily('AWS/ApiGateway', 'Count', { ApiName: 'shop-api' }, [1000, 1000]);
  daily('AWS/ApiGateway', '5XXError', { ApiName: 'shop-api' }, [60, 40]);
  daily('AWS/ApiGateway', 'Count', { ApiId: http.id }, [500]);
  daily('AWS/ApiGateway', '5xx', { ApiId: http.id }, [1]);
  // Other dimensions (a stage) and points outside the window are not counted.
  daily('AWS/ApiGateway', '5XXError', { ApiName: 'shop-api', Stage: 'prod' }, [999]);
  h.sim.state.putMetric({
    account: ACCOUNT,
    region: REGION,
    namespace: 'AWS/SNS',
    metricName: 'NumberOfNotificationsFailed',
    dimensions: { TopicName: 'events' },
    timestamp: h.clock.now() - 40 * DAY,
    value: 500,
  });
  return { httpApiId: http.id };
}

describe('service metrics collector over the real SDK', () => {
  it('asks one query per resource and metric, fills snapshot.serviceMetrics and feeds the checks', async () => {
    const { httpApiId } = seed();
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable).toEqual([]);

    const requests = serviceMetricRequestsFor({
      stepfunctions: snapshot.stepfunctions,
      sns: snapshot.sns,
      kinesis: snapshot.kinesis,
      apigateway: snapshot.apigateway,
      eventSourceMappings: snapshot.lambda.eventSourceMappings,
    });
    const asked = (arn: string) =>
      requests
        .filter((r) => r.resourceArn === arn)
        .map(
          (r) =>
            `${r.namespace} ${r.metricName} ${r.stat} ${r.dimensions.map((d) => `${d.Name}=${d.Value}`)}`,
        );
    expect(asked(smArn('orders'))).toEqual(
      [
        'ExecutionsStarted',
        'ExecutionsFailed',
        'ExecutionsTimedOut',
        'ExecutionsAborted',
        'ExecutionThrottled',
      ].map((m) => `AWS/States ${m} Sum StateMachineArn=${smArn('orders')}`),
    );
    expect(asked(topicArn('alerts'))).toEqual([
      'AWS/SNS NumberOfNotificationsFailed Sum TopicName=alerts',
      'AWS/SNS NumberOfNotificationsFailedToRedriveToDlq Sum TopicName=alerts',
    ]);
    expect(asked(streamArn('audit'))).toEqual([
      'AWS/Kinesis WriteProvisionedThroughputExceeded Sum StreamName=audit',
      'AWS/Kinesis ReadProvisionedThroughputExceeded Sum StreamName=audit',
      'AWS/Kinesis GetRecords.IteratorAgeMilliseconds Maximum StreamName=audit',
    ]);
    expect(asked(streamArn('feed'))).toHaveLength(2);
    const rest = snapshot.apigateway?.restApis?.[0];
    const [http, ws] = ['hooks', 'live'].map((n) => snapshot.apigateway?.v2Apis?.find((a) => a.name === n));
    expect(asked(rest!.arn)).toEqual([
      'AWS/ApiGateway 5XXError Sum ApiName=shop-api',
      'AWS/ApiGateway Count Sum ApiName=shop-api',
    ]);
    expect(asked(http!.arn)).toEqual([
      `AWS/ApiGateway 5xx Sum ApiId=${httpApiId}`,
      `AWS/ApiGateway Count Sum ApiId=${httpApiId}`,
    ]);
    expect(asked(ws!.arn)).toEqual([]);
    // 2 machines × 5 + 2 topics × 2 + 3 streams × 2 + 2 iterator ages + 2 APIs × 2.
    expect(requests).toHaveLength(26);

    const m = snapshot.serviceMetrics!;
    expect(m.windowDays).toBe(14);
    expect(m.byResource[smArn('orders')]).toEqual({
      ExecutionsStarted: 100,
      ExecutionsFailed: 15,
      ExecutionsTimedOut: 0,
      ExecutionsAborted: 0,
      ExecutionThrottled: 3,
    });
    expect(m.byResource[smArn('idle')]).toMatchObject({ ExecutionsStarted: 0 });
    expect(m.byResource[topicArn('alerts')]).toEqual({
      NumberOfNotificationsFailed: 6,
      NumberOfNotificationsFailedToRedriveToDlq: 0,
    });
    expect(m.byResource[topicArn('events')]?.NumberOfNotificationsFailed).toBe(0);
    expect(m.byResource[streamArn('clicks')]).toEqual({
      WriteProvisionedThroughputExceeded: 16,
      ReadProvisionedThroughputExceeded: 0,
    });
    expect(m.byResource[streamArn('audit')]?.['GetRecords.IteratorAgeMilliseconds']).toBe(86_000);
    expect(m.byResource[streamArn('feed')]).not.toHaveProperty('GetRecords.IteratorAgeMilliseconds');
    expect(m.byResource[rest!.arn]).toEqual({ '5XXError': 100, Count: 2000 });
    expect(m.byResource[http!.arn]).toEqual({ '5xx': 1, Count: 500 });

    // One function's Lambda batch and one service batch.
    expect(calls['cloudwatch:GetMetricData']).toBe(2);
    expect(totalCalls(calls)).toBe(h.sim.requests.count());
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);

    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r]));
    const failing = (id: string) => {
      const r = results.get(id);
      return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : r?.status;
    };
    expect(failing('stepfunctions-executions-failing')).toEqual(['orders']);
    expect(failing('stepfunctions-executions-throttled')).toEqual(['orders']);
    expect(failing('stepfunctions-unused')).toEqual(['idle']);
    expect(failing('sns-failed-notifications')).toEqual(['alerts']);
    expect(failing('kinesis-throughput-exceeded')).toEqual(['clicks']);
    expect(failing('apigateway-5xx-rate')).toEqual(['shop-api']);
  });

  it('batches 500 queries per call: 101 state machines (505 queries) take 2 calls', async () => {
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    for (let i = 0; i < 101; i++) {
      h.sim.state.addStateMachine(ACCOUNT, REGION, { name: `sm-${String(i).padStart(3, '0')}`, definition });
    }
    daily('AWS/States', 'ExecutionThrottled', { StateMachineArn: smArn('sm-100') }, [8]);
    daily('AWS/States', 'ExecutionsStarted', { StateMachineArn: smArn('sm-000') }, [2]);
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable).toEqual([]);
    // No functions: every GetMetricData call is the service metrics'.
    expect(calls['cloudwatch:GetMetricData']).toBe(2);
    const sent = h.sim.requests
      .find({ operation: 'GetMetricData' })
      .map((r) => (r.params as Record<string, unknown>).MetricDataQueries);
    // The request log counts long lists and keeps short ones.
    expect(sent[0]).toBe('[500 items]');
    expect(sent[1]).toHaveLength(5);
    // The last machine's figures came back in the second call, the first one's in the first.
    expect(snapshot.serviceMetrics?.byResource[smArn('sm-100')]).toMatchObject({
      ExecutionThrottled: 8,
      ExecutionsStarted: 0,
    });
    expect(snapshot.serviceMetrics?.byResource[smArn('sm-000')]).toMatchObject({ ExecutionsStarted: 2 });
    expect(Object.keys(snapshot.serviceMetrics?.byResource ?? {})).toHaveLength(101);
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);
  });

  it('without GetMetricData the section is absent and listed unavailable; the rest is collected', async () => {
    seed();
    h.sim.faults.add({ service: 'cloudwatch', operation: 'GetMetricData', error: 'AccessDeniedException' });
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(snapshot.unavailable.map((u) => [u.service, u.action, u.code])).toEqual([
      ['cloudwatch', 'cloudwatch:GetMetricData', 'aws_access_denied'],
    ]);
    expect(snapshot.serviceMetrics).toBeUndefined();
    expect(snapshot.stepfunctions?.stateMachines).toHaveLength(2);
    expect(snapshot.sns?.topics).toHaveLength(2);
    expect(snapshot.kinesis?.streams).toHaveLength(3);
    expect(snapshot.apigateway?.restApis).toHaveLength(1);
    // Lambda telemetry was denied first; the service metrics call was not sent again.
    expect(calls['cloudwatch:GetMetricData']).toBe(1);
    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r.status]));
    for (const id of serviceMetricChecks) expect(results.get(id), id).toBe('not_assessed');
    // Configuration checks of the same services are still judged.
    expect(results.get('stepfunctions-xray')).toBe('non_compliant');
  });

  it('a denied call with no function to measure first: the service batch is the one refused', async () => {
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    h.sim.state.addStateMachine(ACCOUNT, REGION, { name: 'orders', definition });
    h.sim.faults.add({ service: 'cloudwatch', operation: 'GetMetricData', error: 'AccessDeniedException' });
    const progress: { collector: string; state: string }[] = [];
    const { snapshot, calls } = await h.collect({
      telemetry: { insights: false },
      onProgress: (e) => progress.push(e),
    });
    expect(calls['cloudwatch:GetMetricData']).toBe(1);
    expect(snapshot.serviceMetrics).toBeUndefined();
    expect(snapshot.unavailable.map((u) => u.action)).toEqual(['cloudwatch:GetMetricData']);
    expect(progress).toContainEqual(
      expect.objectContaining({ collector: 'service-metrics', state: 'failed' }),
    );
    expect(snapshot.stepfunctions?.stateMachines.map((m) => m.name)).toEqual(['orders']);
  });

  it('an account with none of these resources sends no service metric query', async () => {
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(calls['cloudwatch:GetMetricData']).toBeUndefined();
    expect(snapshot.serviceMetrics).toEqual({ windowDays: 14, byResource: {} });
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);
  });
});

import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  awsCallsForScan,
  type CollectorProgress,
  scanShapeOf,
  totalCalls,
} from '../../src/inventory/index.js';
import { createLogger } from '../../src/logger.js';
import { arn, DAY, fnArn, SECRET_VALUES, seedAccount } from './fixtures.js';
import { ACCOUNT, type InventoryHarness, inventoryHarness, REGION } from './helpers.js';

let h: InventoryHarness;

beforeEach(async () => {
  h = await inventoryHarness();
});

afterEach(async () => {
  await h.close();
});

describe('collectSnapshot over a simulated account', () => {
  it('fills every field of the snapshot from the real SDK calls', async () => {
    seedAccount(h.sim, h.clock);
    const now = h.clock.now();
    const progress: CollectorProgress[] = [];
    const { snapshot, calls } = await h.collect({ onProgress: (e) => progress.push(e) });

    expect(snapshot).toMatchObject({ account: 'prod', accountId: ACCOUNT, region: REGION, takenAt: now });
    expect(snapshot.unavailable).toEqual([]);
    const [bad, good, image] = snapshot.lambda.functions;
    expect(snapshot.lambda.functions.map((f) => f.name)).toEqual(['bad', 'good', 'image']);

    expect(good).toEqual({
      name: 'good',
      arn: fnArn('good'),
      runtime: 'nodejs22.x',
      packageType: 'Zip',
      handler: 'index.handler',
      memorySizeMB: 1024,
      timeoutSeconds: 30,
      architectures: ['arm64'],
      role: `arn:aws:iam::${ACCOUNT}:role/good-role`,
      codeSizeBytes: 4096,
      lastModified: Date.parse('2026-11-01T08:30:00.000Z'),
      description: 'Well kept',
      tracingMode: 'Active',
      deadLetterTargetArn: arn('sqs', 'good-dlq'),
      environmentVariableNames: ['LOG_LEVEL', 'SECRET_ARN', 'TABLE_NAME'],
      secretLookingVariables: [],
      kmsKeyArn: arn('kms', 'key/k-good'),
      vpc: { vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-1'] },
      layers: [
        {
          arn: `arn:aws:lambda:${REGION}:580247275435:layer:LambdaInsightsExtension-Arm64:20`,
          codeSizeBytes: 5000,
        },
      ],
      ephemeralStorageMB: 1024,
      snapStart: 'None',
      logging: {
        format: 'JSON',
        logGroup: '/aws/lambda/good',
        applicationLogLevel: 'WARN',
        systemLogLevel: 'WARN',
      },
      state: 'Active',
      lastUpdateStatus: 'Successful',
      reservedConcurrency: 50,
      // The unqualified configuration, not the alias's.
      asyncConfig: {
        maximumRetryAttempts: 1,
        maximumEventAgeSeconds: 3600,
        onFailureDestination: arn('sqs', 'good-failures'),
        onSuccessDestination: arn('sns', 'good-done'),
      },
      policy: [
        {
          sid: 'sns',
          effect: 'Allow',
          principals: ['sns.amazonaws.com'],
          actions: ['lambda:InvokeFunction'],
          conditionKeys: ['AWS:SourceAccount', 'AWS:SourceArn'],
        },
      ],
      url: { authType: 'AWS_IAM', allowOrigins: ['https://app.example.com'] },
      aliases: [
        { name: 'live', functionVersion: '7', routingWeights: { '8': 0.1 } },
        { name: 'beta', functionVersion: '8' },
      ],
      provisionedConcurrency: [{ qualifier: 'live', requested: 10, allocated: 8, status: 'IN_PROGRESS' }],
      tags: { team: 'orders', env: 'prod' },
      runtimeUpdateMode: 'Auto',
      codeSigningConfigArn: arn('lambda', 'code-signing-config:csc-1'),
      recursiveLoop: 'Terminate',
    });

    expect(bad).toEqual({
      name: 'bad',
      arn: fnArn('bad'),
      runtime: 'python3.8',
      packageType: 'Zip',
      handler: 'app.handler',
      memorySizeMB: 128,
      timeoutSeconds: 3,
      architectures: ['x86_64'],
      role: `arn:aws:iam::${ACCOUNT}:role/shared-role`,
      codeSizeBytes: 1024,
      lastModified: Date.parse('2024-02-01T00:00:00.000Z'),
      tracingMode: 'PassThrough',
      environmentVariableNames: ['AWS_ACCESS_KEY_ID', 'DATABASE_URL', 'DB_PASSWORD', 'NOTIFY', 'STAGE'],
      secretLookingVariables: ['AWS_ACCESS_KEY_ID', 'DATABASE_URL', 'DB_PASSWORD', 'NOTIFY'],
      layers: [{ arn: `arn:aws:lambda:${REGION}:999988887777:layer:shared:3`, codeSizeBytes: 100 }],
      ephemeralStorageMB: 512,
      snapStart: 'None',
      logging: { format: 'Text', logGroup: '/aws/lambda/bad' },
      state: 'Failed',
      lastUpdateStatus: 'Failed',
      reservedConcurrency: 0,
      policy: [
        {
          sid: 'anyone',
          effect: 'Allow',
          principals: ['*'],
          actions: ['lambda:InvokeFunction'],
          conditionKeys: [],
        },
        {
          sid: 'any-aws',
          effect: 'Allow',
          principals: ['*'],
          actions: ['lambda:InvokeFunction', 'lambda:GetFunction'],
          conditionKeys: [],
        },
        {
          sid: 'partner',
          effect: 'Deny',
          principals: ['210987654321'],
          actions: ['lambda:InvokeFunction'],
          conditionKeys: [],
        },
      ],
      // The least restrictive of its two URLs, with the origins of both.
      url: { authType: 'NONE', allowOrigins: ['https://a.example.com', '*'] },
      aliases: [],
      provisionedConcurrency: [],
      tags: {},
      runtimeUpdateMode: 'Manual',
      codeSigningConfigArn: null,
      recursiveLoop: 'Allow',
    });

    // No runtime, no handler, and no runtime-management call for a container image.
    expect(image).toEqual({
      name: 'image',
      arn: fnArn('image'),
      packageType: 'Image',
      memorySizeMB: 2048,
      timeoutSeconds: 60,
      architectures: ['x86_64'],
      role: `arn:aws:iam::${ACCOUNT}:role/shared-role`,
      codeSizeBytes: 0,
      lastModified: Date.parse('2026-10-01T00:00:00.000Z'),
      tracingMode: 'PassThrough',
      environmentVariableNames: [],
      secretLookingVariables: [],
      layers: [],
      ephemeralStorageMB: 512,
      snapStart: 'None',
      logging: { format: 'Text', logGroup: '/aws/lambda/image' },
      state: 'Active',
      lastUpdateStatus: 'Successful',
      aliases: [],
      provisionedConcurrency: [],
      tags: {},
      codeSigningConfigArn: null,
      recursiveLoop: 'Terminate',
    });

    expect(snapshot.lambda.eventSourceMappings).toEqual([
      {
        uuid: '00000000-0000-4000-8000-000000000001',
        functionArn: fnArn('bad'),
        eventSourceArn: arn('sqs', 'jobs'),
        sourceType: 'sqs',
        state: 'Enabled',
        stateTransitionReason: 'USER_INITIATED',
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        functionResponseTypes: [],
      },
      {
        uuid: '00000000-0000-4000-8000-000000000002',
        functionArn: fnArn('bad'),
        eventSourceArn: arn('dynamodb', 'table/ledger/stream/2026-01-01T00:00:00.000'),
        sourceType: 'dynamodb',
        state: 'Disabled',
        stateTransitionReason: 'USER_INITIATED',
        lastProcessingResult: 'PROBLEM: Function call failed',
        batchSize: 100,
        maximumBatchingWindowSeconds: 0,
        maximumRetryAttempts: -1,
        maximumRecordAgeSeconds: -1,
        bisectBatchOnFunctionError: false,
        functionResponseTypes: [],
      },
      {
        uuid: '00000000-0000-4000-8000-000000000003',
        functionArn: fnArn('good'),
        eventSourceArn: arn('kinesis', 'stream/clicks'),
        sourceType: 'kinesis',
        state: 'Enabled',
        stateTransitionReason: 'USER_INITIATED',
        lastProcessingResult: 'OK',
        batchSize: 200,
        maximumBatchingWindowSeconds: 5,
        maximumRetryAttempts: 3,
        maximumRecordAgeSeconds: 3600,
        bisectBatchOnFunctionError: true,
        onFailureDestination: arn('sqs', 'clicks-failures'),
        functionResponseTypes: ['ReportBatchItemFailures'],
      },
    ]);
    expect(snapshot.lambda.account).toEqual({
      concurrentExecutionsLimit: 1000,
      unreservedConcurrentExecutions: 950,
      totalCodeSizeLimitBytes: 80_530_636_800,
      totalCodeSizeBytes: 5120,
      functionCount: 3,
    });

    const stored = (name: string) => h.sim.state.logGroup(ACCOUNT, REGION, name)?.storedBytes;
    expect(snapshot.logs.logGroups).toEqual([
      {
        name: '/aws/lambda/bad',
        arn: arn('logs', 'log-group:/aws/lambda/bad'),
        creationTime: Date.parse('2024-02-01T00:00:00Z'),
        storedBytes: stored('/aws/lambda/bad'),
        logGroupClass: 'STANDARD',
        metricFilterCount: 0,
        subscriptionFilterCount: 0,
        lastIngestionTime: now,
      },
      {
        name: '/aws/lambda/good',
        arn: arn('logs', 'log-group:/aws/lambda/good'),
        creationTime: Date.parse('2026-01-01T00:00:00Z'),
        retentionInDays: 30,
        storedBytes: stored('/aws/lambda/good'),
        kmsKeyId: arn('kms', 'key/k-logs'),
        logGroupClass: 'STANDARD',
        metricFilterCount: 1,
        subscriptionFilterCount: 1,
        lastIngestionTime: now,
      },
      {
        // Left by a deleted function: no subscription filters read, but its (absent) streams are.
        name: '/aws/lambda/orphan',
        arn: arn('logs', 'log-group:/aws/lambda/orphan'),
        creationTime: Date.parse('2023-05-01T00:00:00Z'),
        retentionInDays: 3653,
        storedBytes: 0,
        logGroupClass: 'INFREQUENT_ACCESS',
        metricFilterCount: 0,
        lastIngestionTime: null,
      },
    ]);
    expect(stored('/aws/lambda/good')).toBeGreaterThan(0);
    expect(snapshot.logs.resourcePolicies).toEqual([
      {
        name: 'open-to-all',
        statements: [
          {
            sid: 'all',
            effect: 'Allow',
            principals: ['*'],
            actions: ['logs:PutLogEvents'],
            conditionKeys: [],
          },
        ],
      },
    ]);

    expect(snapshot.telemetry).toEqual({
      windowDays: 14,
      account: { concurrentExecutionsMax: 310 },
      functions: {
        good: {
          invocations: 10,
          errors: 0,
          throttles: 0,
          maxDailyErrorRate: 0,
          durationP99Ms: 999.5,
          durationMaxMs: 999.5,
          iteratorAgeMaxMs: 120_000,
          asyncEventsDropped: 0,
          deadLetterErrors: 2,
          destinationDeliveryFailures: 1,
          provisionedConcurrencyUtilizationMax: 0.9,
          provisionedConcurrencySpilloverInvocations: 4,
          reportCount: 10,
          maxMemoryUsedMB: 190,
          p99MemoryUsedMB: 190,
          coldStarts: 2,
          initDurationP95Ms: 500,
          timeouts: 0,
          outOfMemory: 0,
          logSource: 'insights',
        },
        bad: {
          invocations: 9,
          // Two timeouts yesterday out of four; one OOM kill today out of five.
          errors: 3,
          maxDailyErrorRate: 0.5,
          throttles: 12,
          durationP99Ms: 3025.37,
          durationMaxMs: 3025.37,
          asyncEventsDropped: 3,
          reportCount: 9,
          maxMemoryUsedMB: 128,
          p99MemoryUsedMB: 128,
          coldStarts: 1,
          initDurationP95Ms: 800,
          timeouts: 2,
          outOfMemory: 1,
          logSource: 'insights',
        },
        // Never invoked and no log group: metrics say zero, Insights is not asked.
        image: { invocations: 0, errors: 0, throttles: 0, asyncEventsDropped: 0 },
      },
    });

    // Every call counted, as the sim saw them, and as the estimate predicts.
    expect(totalCalls(calls)).toBe(h.sim.requests.count());
    expect(calls['lambda:GetRuntimeManagementConfig']).toBe(2);
    expect(calls['lambda:GetPolicy']).toBe(3);
    expect(calls['logs:StartQuery']).toBe(2);
    // Subscription filters for the functions' groups; newest streams for every /aws/lambda/ group.
    expect(calls['logs:DescribeSubscriptionFilters']).toBe(2);
    expect(calls['logs:DescribeLogStreams']).toBe(3);
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);

    expect(progress).toEqual(
      expect.arrayContaining([
        { collector: 'lambda', state: 'start' },
        { collector: 'lambda', state: 'done', items: 3 },
        { collector: 'logs', state: 'done', items: 3 },
        { collector: 'telemetry', state: 'done', items: 3 },
      ]),
    );
  });

  it('never keeps an environment variable value: not in the snapshot, the counts or the log', async () => {
    seedAccount(h.sim, h.clock);
    const lines: string[] = [];
    const logger = createLogger({
      level: 'trace',
      destination: new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    // A failing call makes the collector log something, so the log is not trivially empty.
    h.sim.faults.add({ service: 'lambda', operation: 'GetPolicy', error: 'AccessDeniedException' });
    const result = await h.collect({ logger });
    const text = JSON.stringify(result) + lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(
      result.snapshot.lambda.functions.find((f) => f.name === 'bad')?.secretLookingVariables,
    ).toHaveLength(4);
    const values = h.sim.state.functions(ACCOUNT, REGION).flatMap((f) => Object.values(f.environment ?? {}));
    expect(values).toEqual(expect.arrayContaining(SECRET_VALUES));
    expect(values.length).toBe(8);
    for (const value of values) expect(text).not.toContain(value);
    // Nor a telling piece of one.
    expect(text).not.toContain('S3cretPassw0rd');
  });

  it('pages through functions, mappings and log groups beyond one page', async () => {
    for (let i = 0; i < 120; i++) {
      const name = `fn-${String(i).padStart(3, '0')}`;
      h.sim.state.addFunction(ACCOUNT, REGION, { name, runtime: 'nodejs22.x' });
      h.sim.state.createLogGroup(ACCOUNT, REGION, `/aws/lambda/${name}`);
    }
    for (let i = 0; i < 7; i++) h.sim.state.createLogGroup(ACCOUNT, REGION, `/other/group-${i}`);
    for (let i = 0; i < 230; i++) {
      h.sim.state.addEventSourceMapping(ACCOUNT, REGION, {
        functionName: `fn-${String(i % 120).padStart(3, '0')}`,
        kind: 'sqs',
        sourceName: `q-${i}`,
      });
    }
    const { snapshot, calls } = await h.collect();
    expect(snapshot.lambda.functions).toHaveLength(120);
    expect(new Set(snapshot.lambda.functions.map((f) => f.name)).size).toBe(120);
    expect(snapshot.lambda.eventSourceMappings).toHaveLength(230);
    expect(new Set(snapshot.lambda.eventSourceMappings.map((m) => m.uuid)).size).toBe(230);
    expect(snapshot.logs.logGroups).toHaveLength(127);
    expect(calls['lambda:ListFunctions']).toBe(3);
    expect(calls['lambda:ListEventSourceMappings']).toBe(3);
    expect(calls['logs:DescribeLogGroups']).toBe(3);
    // Only function groups get per-group calls.
    expect(calls['logs:DescribeSubscriptionFilters']).toBe(120);
    // Nothing was invoked: metrics say so and Insights is not run.
    expect(calls['logs:StartQuery']).toBeUndefined();
    expect(snapshot.unavailable).toEqual([]);
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);
  });

  it('batches GetMetricData at 500 queries: 100 functions (601 queries) take 2 calls', async () => {
    for (let i = 0; i < 100; i++) {
      h.sim.state.addFunction(ACCOUNT, REGION, {
        name: `m-${String(i).padStart(3, '0')}`,
        runtime: 'nodejs22.x',
      });
    }
    h.sim.state.putMetric({
      account: ACCOUNT,
      region: REGION,
      namespace: 'AWS/Lambda',
      metricName: 'Throttles',
      dimensions: { FunctionName: 'm-099' },
      timestamp: h.clock.now() - DAY,
      value: 9,
    });
    const { snapshot, calls } = await h.collect();
    expect(calls['cloudwatch:GetMetricData']).toBe(2);
    const sent = h.sim.requests
      .find({ operation: 'GetMetricData' })
      .map((r) => (r.params as Record<string, unknown>).MetricDataQueries);
    expect(sent).toEqual(['[500 items]', '[101 items]']);
    // The last function's figures came back in the second call.
    expect(snapshot.telemetry.functions['m-099']).toMatchObject({ throttles: 9, invocations: 0 });
    expect(snapshot.telemetry.functions['m-000']).toMatchObject({ throttles: 0, invocations: 0 });
  });

  it('retries a throttled call after backing off, and collects it', async () => {
    seedAccount(h.sim, h.clock);
    const fault = h.sim.faults.add({
      service: 'lambda',
      operation: 'GetFunctionConcurrency',
      error: 'ThrottlingException',
      times: 2,
    });
    // Without Insights, whose polling sleeps too, every long sleep is a backoff.
    const { snapshot, calls } = await h.collect({ telemetry: { insights: false } });
    expect(fault.hits).toBe(2);
    expect(snapshot.unavailable).toEqual([]);
    expect(snapshot.lambda.functions.map((f) => f.reservedConcurrency)).toEqual([0, 50, undefined]);
    expect(calls['lambda:GetFunctionConcurrency']).toBe(5);
    // The pacer paused 1 s, then 2 s, on the fake clock.
    expect(h.clock.sleeps.filter((ms) => ms >= 1000)).toEqual([1000, 2000]);
  });
});

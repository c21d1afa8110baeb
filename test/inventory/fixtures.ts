import { type InvocationOutcome, logStreamName, renderInvocation, type SimAws } from '../../sim/aws/index.js';
import type { FakeClock } from '../helpers/clock.js';
import { ACCOUNT, REGION } from './helpers.js';

export const DAY = 86_400_000;
export const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
export const fnArn = (name: string) => arn('lambda', `function:${name}`);

/** Secret values planted in environment variables: none of them may appear in a snapshot. */
export const SECRET_VALUES = [
  'hunter2-Correct-Horse',
  'AKIAIOSFODNN7SIMTEST',
  'postgres://app:S3cretPassw0rd@db.internal:5432/app',
  'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
];

export interface WrittenInvocation {
  at: number;
  memoryUsedMB: number;
  durationMs?: number;
  outcome?: InvocationOutcome;
  timeoutStyle?: 'status' | 'legacy';
  initDurationMs?: number;
}

let streamCounter = 0;

/** Writes invocations of a function into its log group, as Lambda would (one stream per call). */
export function writeInvocations(
  sim: SimAws,
  fn: {
    name: string;
    format: 'Text' | 'JSON';
    memoryMB: number;
    timeoutSec: number;
    runtime?: 'nodejs22.x' | 'python3.13';
  },
  invocations: WrittenInvocation[],
): void {
  for (const inv of invocations) {
    streamCounter++;
    const requestId = `${String(streamCounter).padStart(8, '0')}-1111-4222-8333-444455556666`;
    const events = renderInvocation({
      runtime: fn.runtime ?? 'nodejs22.x',
      format: fn.format,
      functionName: fn.name,
      region: REGION,
      memorySizeMB: fn.memoryMB,
      timeoutSec: fn.timeoutSec,
      requestId,
      start: inv.at,
      maxMemoryUsedMB: inv.memoryUsedMB,
      outcome: inv.outcome ?? 'success',
      ...(inv.durationMs === undefined ? {} : { durationMs: inv.durationMs }),
      ...(inv.timeoutStyle ? { timeoutStyle: inv.timeoutStyle } : {}),
      ...(inv.initDurationMs === undefined ? {} : { coldStart: { initDurationMs: inv.initDurationMs } }),
    });
    const stream = logStreamName(inv.at, streamCounter.toString(16).padStart(32, '0'));
    sim.state.putLogEvents(ACCOUNT, REGION, `/aws/lambda/${fn.name}`, stream, events);
  }
}

/**
 * An account with one well-kept function (`good`, JSON logs), one with everything wrong (`bad`,
 * Text logs), a container-image function, mappings of each kind, log groups with and without
 * retention, an orphaned group, a public Logs resource policy, traffic and metrics.
 */
export function seedAccount(sim: SimAws, clock: FakeClock): void {
  const s = sim.state;
  const now = clock.now();
  s.addFunction(ACCOUNT, REGION, {
    name: 'good',
    runtime: 'nodejs22.x',
    memorySize: 1024,
    timeout: 30,
    logFormat: 'JSON',
    applicationLogLevel: 'WARN',
    systemLogLevel: 'WARN',
    architectures: ['arm64'],
    description: 'Well kept',
    lastModified: '2026-11-01T08:30:00.000Z',
    role: `arn:aws:iam::${ACCOUNT}:role/good-role`,
    codeSize: 4096,
    tracingMode: 'Active',
    environment: {
      TABLE_NAME: 'orders-table-7f3a',
      LOG_LEVEL: 'warn-level-9',
      SECRET_ARN: arn('secretsmanager', 'secret:db'),
    },
    deadLetterTargetArn: arn('sqs', 'good-dlq'),
    kmsKeyArn: arn('kms', 'key/k-good'),
    vpc: { vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-1'] },
    layers: [
      { arn: `arn:aws:lambda:${REGION}:580247275435:layer:LambdaInsightsExtension-Arm64:20`, codeSize: 5000 },
    ],
    ephemeralStorageMB: 1024,
    reservedConcurrency: 50,
    eventInvokeConfigs: [
      { qualifier: 'live', maximumRetryAttempts: 2 },
      {
        maximumRetryAttempts: 1,
        maximumEventAgeSeconds: 3600,
        onFailure: arn('sqs', 'good-failures'),
        onSuccess: arn('sns', 'good-done'),
      },
    ],
    policy: [
      {
        Sid: 'sns',
        Principal: { Service: 'sns.amazonaws.com' },
        Condition: {
          ArnLike: { 'AWS:SourceArn': arn('sns', 'topic') },
          StringEquals: { 'AWS:SourceAccount': ACCOUNT },
        },
      },
    ],
    urls: [{ authType: 'AWS_IAM', cors: { allowOrigins: ['https://app.example.com'] } }],
    aliases: [
      { name: 'live', functionVersion: '7', routingWeights: { '8': 0.1 } },
      { name: 'beta', functionVersion: '8' },
    ],
    provisionedConcurrency: [{ qualifier: 'live', requested: 10, allocated: 8, status: 'IN_PROGRESS' }],
    tags: { team: 'orders', env: 'prod' },
    codeSigningConfigArn: arn('lambda', 'code-signing-config:csc-1'),
  });
  s.addFunction(ACCOUNT, REGION, {
    name: 'bad',
    runtime: 'python3.8',
    memorySize: 128,
    timeout: 3,
    lastModified: '2024-02-01T00:00:00.000Z',
    role: `arn:aws:iam::${ACCOUNT}:role/shared-role`,
    codeSize: 1024,
    environment: {
      DB_PASSWORD: SECRET_VALUES[0] as string,
      AWS_ACCESS_KEY_ID: SECRET_VALUES[1] as string,
      DATABASE_URL: SECRET_VALUES[2] as string,
      NOTIFY: SECRET_VALUES[3] as string,
      STAGE: 'stage-blue-42',
    },
    layers: [{ arn: `arn:aws:lambda:${REGION}:999988887777:layer:shared:3`, codeSize: 100 }],
    reservedConcurrency: 0,
    policy: [
      { Sid: 'anyone', Principal: '*' },
      { Sid: 'any-aws', Principal: { AWS: '*' }, Action: ['lambda:InvokeFunction', 'lambda:GetFunction'] },
      { Sid: 'partner', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Effect: 'Deny' },
    ],
    urls: [
      { authType: 'AWS_IAM', cors: { allowOrigins: ['https://a.example.com'] } },
      { qualifier: 'live', authType: 'NONE', cors: { allowOrigins: ['*'] } },
    ],
    state: 'Failed',
    lastUpdateStatus: 'Failed',
    runtimeUpdateMode: 'Manual',
    recursiveLoop: 'Allow',
  });
  s.addFunction(ACCOUNT, REGION, {
    name: 'image',
    runtime: '',
    packageType: 'Image',
    memorySize: 2048,
    timeout: 60,
    lastModified: '2026-10-01T00:00:00.000Z',
    role: `arn:aws:iam::${ACCOUNT}:role/shared-role`,
    codeSize: 0,
  });

  s.addEventSourceMapping(ACCOUNT, REGION, {
    uuid: '00000000-0000-4000-8000-000000000001',
    functionName: 'bad',
    kind: 'sqs',
    sourceName: 'jobs',
    batchSize: 10,
  });
  s.addEventSourceMapping(ACCOUNT, REGION, {
    uuid: '00000000-0000-4000-8000-000000000002',
    functionName: 'bad',
    kind: 'dynamodb',
    sourceName: 'ledger',
    state: 'Disabled',
    stateTransitionReason: 'USER_INITIATED',
    lastProcessingResult: 'PROBLEM: Function call failed',
  });
  s.addEventSourceMapping(ACCOUNT, REGION, {
    uuid: '00000000-0000-4000-8000-000000000003',
    functionName: 'good',
    kind: 'kinesis',
    sourceName: 'clicks',
    batchSize: 200,
    maximumBatchingWindowSeconds: 5,
    maximumRetryAttempts: 3,
    maximumRecordAgeSeconds: 3600,
    bisectBatchOnFunctionError: true,
    onFailureDestination: arn('sqs', 'clicks-failures'),
    functionResponseTypes: ['ReportBatchItemFailures'],
  });

  s.createLogGroup(ACCOUNT, REGION, '/aws/lambda/good', {
    creationTime: Date.parse('2026-01-01T00:00:00Z'),
    retentionInDays: 30,
    kmsKeyId: arn('kms', 'key/k-logs'),
    metricFilterCount: 1,
    subscriptionFilters: [{ filterName: 'errors', destinationArn: arn('firehose', 'deliverystream/errors') }],
  });
  s.createLogGroup(ACCOUNT, REGION, '/aws/lambda/bad', { creationTime: Date.parse('2024-02-01T00:00:00Z') });
  s.createLogGroup(ACCOUNT, REGION, '/aws/lambda/orphan', {
    creationTime: Date.parse('2023-05-01T00:00:00Z'),
    retentionInDays: 3653,
    logGroupClass: 'INFREQUENT_ACCESS',
  });
  s.putLogResourcePolicy(ACCOUNT, REGION, 'open-to-all', [
    { Sid: 'all', Principal: '*', Action: 'logs:PutLogEvents', Resource: arn('logs', 'log-group:*') },
  ]);

  // good: 10 quiet invocations two days ago, two of them cold.
  writeInvocations(
    sim,
    { name: 'good', format: 'JSON', memoryMB: 1024, timeoutSec: 30 },
    Array.from({ length: 10 }, (_, i) => ({
      at: now - 2 * DAY + i * 60_000,
      memoryUsedMB: 100 + i * 10,
      durationMs: 100 * (i + 1) - 0.5,
      ...(i === 0 ? { initDurationMs: 300 } : i === 5 ? { initDurationMs: 500 } : {}),
    })),
  );
  // bad: yesterday 4 invocations, 2 of them timeouts (one of each shape); today 5, one killed for memory.
  const bad = {
    name: 'bad',
    format: 'Text' as const,
    memoryMB: 128,
    timeoutSec: 3,
    runtime: 'python3.13' as const,
  };
  writeInvocations(sim, bad, [
    { at: now - DAY, memoryUsedMB: 90, initDurationMs: 800, outcome: 'timeout', timeoutStyle: 'status' },
    { at: now - DAY + 10_000, memoryUsedMB: 95, outcome: 'timeout', timeoutStyle: 'legacy' },
    { at: now - DAY + 20_000, memoryUsedMB: 100 },
    { at: now - DAY + 30_000, memoryUsedMB: 110 },
  ]);
  writeInvocations(sim, bad, [
    { at: now - 3_600_000, memoryUsedMB: 120, outcome: 'out_of_memory' },
    ...[1, 2, 3, 4].map((i) => ({ at: now - 3_600_000 + i * 10_000, memoryUsedMB: 60 + i })),
  ]);

  // What never reaches a log.
  const metric = (metricName: string, value: number, at: number, dimensions: Record<string, string>) =>
    s.putMetric({
      account: ACCOUNT,
      region: REGION,
      namespace: 'AWS/Lambda',
      metricName,
      dimensions,
      timestamp: at,
      value,
    });
  metric('Throttles', 7, now - DAY, { FunctionName: 'bad' });
  metric('Throttles', 5, now - 3 * DAY, { FunctionName: 'bad' });
  metric('IteratorAge', 45_000, now - DAY, { FunctionName: 'good' });
  metric('IteratorAge', 120_000, now - 2 * DAY, { FunctionName: 'good' });
  metric('AsyncEventsDropped', 3, now - DAY, { FunctionName: 'bad' });
  metric('DeadLetterErrors', 2, now - DAY, { FunctionName: 'good' });
  metric('DestinationDeliveryFailures', 1, now - DAY, { FunctionName: 'good' });
  metric('ProvisionedConcurrencyUtilization', 0.35, now - DAY, {
    FunctionName: 'good',
    Resource: 'good:live',
  });
  metric('ProvisionedConcurrencyUtilization', 0.9, now - 2 * DAY, {
    FunctionName: 'good',
    Resource: 'good:live',
  });
  metric('ProvisionedConcurrencySpilloverInvocations', 4, now - DAY, {
    FunctionName: 'good',
    Resource: 'good:live',
  });
  metric('ConcurrentExecutions', 310, now - DAY, {});
  // Outside the 14-day window: must not count.
  metric('Throttles', 1000, now - 20 * DAY, { FunctionName: 'bad' });
}

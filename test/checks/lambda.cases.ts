import {
  ACCOUNT,
  accountSettings,
  DAY,
  esm,
  fn,
  fnArn,
  kinesisEsm,
  NOW,
  REGION,
  snapshot,
  statement,
  tel,
} from './builders.js';
import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';

const noFunctions = snapshot({ functions: [] });
const imageOnly = snapshot({
  functions: [fn({ packageType: 'Image', runtime: undefined, handler: undefined })],
});
/** The default function with these telemetry figures. */
const withTel = (over: Parameters<typeof tel>[0], f = fn()) =>
  snapshot({ functions: [f], telemetry: { [f.name]: tel(over) } });
const s3Invoked = (over: Parameters<typeof fn>[0] = {}) => fn({ policy: [statement()], ...over });
const failedQueue = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-failed`;
const ddbStream = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders/stream/2026-01-01T00:00:00.000`;
const provisioned = fn({ provisionedConcurrency: [{ qualifier: 'live', requested: 10, allocated: 10 }] });

export const lambdaCases: CaseTable = {
  'lambda-runtime-deprecated': [
    { name: 'a current runtime passes', snapshot: snapshot(), expect: compliant },
    {
      name: 'nodejs16.x is deprecated',
      snapshot: snapshot({ functions: [fn({ runtime: 'nodejs16.x' })] }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'nodejs16.x reached end of support on 2024-06-12',
      }),
    },
    {
      name: 'dotnet8 passed its date this month',
      snapshot: snapshot({ functions: [fn({ runtime: 'dotnet8' })] }),
      expect: fails({ resourceName: 'orders-api', message: 'dotnet8 reached end of support on 2026-11-10' }),
    },
    {
      name: 'the deprecation day itself counts as deprecated',
      snapshot: snapshot({
        functions: [fn({ runtime: 'nodejs20.x' })],
        takenAt: Date.UTC(2026, 3, 30, 23, 59),
      }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'nodejs20.x reached end of support on 2026-04-30',
      }),
    },
    {
      name: 'the day before is not yet deprecated',
      snapshot: snapshot({
        functions: [fn({ runtime: 'nodejs20.x' })],
        takenAt: Date.UTC(2026, 3, 29, 23, 59),
      }),
      expect: compliant,
    },
    {
      name: 'image functions have no runtime',
      snapshot: imageOnly,
      expect: notApplicable(/no zip functions/),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable(/no Lambda functions/) },
  ],

  'lambda-runtime-deprecation-soon': [
    { name: 'nodejs24.x is years away', snapshot: snapshot(), expect: compliant },
    {
      name: 'nodejs22.x in 153 days is low',
      snapshot: snapshot({ functions: [fn({ runtime: 'nodejs22.x' })] }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'nodejs22.x reaches end of support on 2027-04-30, in 153 days',
        severity: 'low',
      }),
    },
    {
      name: 'within 90 days is medium',
      snapshot: snapshot({ functions: [fn({ runtime: 'nodejs22.x' })], takenAt: Date.UTC(2027, 1, 28, 12) }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'nodejs22.x reaches end of support on 2027-04-30, in 61 days',
        severity: 'medium',
      }),
    },
    {
      name: 'within 30 days is high',
      snapshot: snapshot({ functions: [fn({ runtime: 'nodejs22.x' })], takenAt: Date.UTC(2027, 3, 10) }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'nodejs22.x reaches end of support on 2027-04-30, in 20 days',
        severity: 'high',
      }),
    },
    {
      name: 'a shorter warning window leaves nodejs22.x alone',
      snapshot: snapshot({ functions: [fn({ runtime: 'nodejs22.x' })] }),
      thresholds: { runtimeDeprecationWarningDays: 100 },
      expect: compliant,
    },
    {
      name: 'an already deprecated runtime is left to lambda-runtime-deprecated',
      snapshot: snapshot({ functions: [fn({ runtime: 'nodejs16.x' })] }),
      expect: compliant,
    },
    {
      name: 'image functions have no runtime',
      snapshot: imageOnly,
      expect: notApplicable(/no zip functions/),
    },
  ],

  'lambda-runtime-not-latest': [
    { name: 'the newest Node.js passes', snapshot: snapshot(), expect: compliant },
    {
      name: 'the newest of each family passes',
      snapshot: snapshot({
        functions: ['python3.14', 'java25', 'dotnet10', 'ruby3.4', 'provided.al2023'].map((r) =>
          fn({ name: `fn-${r.replace('.', '-')}`, runtime: r }),
        ),
      }),
      expect: compliant,
    },
    {
      name: 'python3.12 and java21 are behind',
      snapshot: snapshot({
        functions: [fn({ name: 'py', runtime: 'python3.12' }), fn({ name: 'jv', runtime: 'java21' })],
      }),
      expect: fails(
        { resourceName: 'py', message: 'python3.12 is older than python3.14' },
        { resourceName: 'jv', message: 'java21 is older than java25' },
      ),
    },
    {
      name: 'runtimes near or past deprecation are left to the deprecation checks',
      snapshot: snapshot({
        functions: [fn({ name: 'a', runtime: 'nodejs22.x' }), fn({ name: 'b', runtime: 'python3.9' })],
      }),
      expect: compliant,
    },
    {
      name: 'image functions have no runtime',
      snapshot: imageOnly,
      expect: notApplicable(/no zip functions/),
    },
  ],

  'lambda-runtime-updates-manual': [
    { name: 'Auto passes', snapshot: snapshot(), expect: compliant },
    {
      name: 'Manual fails',
      snapshot: snapshot({ functions: [fn({ runtimeUpdateMode: 'Manual' })] }),
      expect: fails({ resourceName: 'orders-api', message: 'runtime updates are Manual on nodejs24.x' }),
    },
    {
      name: 'not collected',
      snapshot: snapshot({ functions: [fn({ runtimeUpdateMode: undefined })] }),
      expect: notAssessed(/not collected/),
    },
    { name: 'image functions only', snapshot: imageOnly, expect: notApplicable(/no zip functions/) },
  ],

  'lambda-dlq-configured': [
    {
      name: 'a DLQ passes',
      snapshot: snapshot({ functions: [s3Invoked({ deadLetterTargetArn: failedQueue })] }),
      expect: compliant,
    },
    {
      name: 'an on-failure destination passes instead of a DLQ',
      snapshot: snapshot({ functions: [s3Invoked({ asyncConfig: { onFailureDestination: failedQueue } })] }),
      expect: compliant,
    },
    {
      name: 'invoked by S3 and SNS with neither',
      snapshot: snapshot({
        functions: [
          fn({ policy: [statement(), statement({ sid: 'sns', principals: ['sns.amazonaws.com'] })] }),
        ],
      }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'invoked asynchronously by s3, sns with no dead-letter queue or on-failure destination',
      }),
    },
    { name: 'no async invoker in any policy', snapshot: snapshot(), expect: notApplicable(/asynchronously/) },
    {
      name: 'a Deny statement is not an invoker',
      snapshot: snapshot({ functions: [fn({ policy: [statement({ effect: 'Deny' })] })] }),
      expect: notApplicable(/asynchronously/),
    },
  ],

  'lambda-async-failure-destination': [
    {
      name: 'an on-failure destination passes',
      snapshot: snapshot({ functions: [s3Invoked({ asyncConfig: { onFailureDestination: failedQueue } })] }),
      expect: compliant,
    },
    {
      name: 'a DLQ alone is not a destination',
      snapshot: snapshot({ functions: [s3Invoked({ deadLetterTargetArn: failedQueue })] }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'invoked asynchronously by s3 with no on-failure destination (it has a dead-letter queue)',
      }),
    },
    { name: 'no async invoker', snapshot: snapshot(), expect: notApplicable(/asynchronously/) },
  ],

  'lambda-async-retry-tuned': [
    {
      name: 'retries tuned to 0',
      snapshot: snapshot({ functions: [s3Invoked({ asyncConfig: { maximumRetryAttempts: 0 } })] }),
      expect: compliant,
    },
    {
      name: 'no config means the defaults',
      snapshot: snapshot({ functions: [s3Invoked()] }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'no asynchronous invocation configuration: 2 retries and 6 h event age by default',
      }),
    },
    {
      name: 'a config that restates the defaults',
      snapshot: snapshot({
        functions: [
          s3Invoked({
            asyncConfig: {
              maximumRetryAttempts: 2,
              maximumEventAgeSeconds: 21_600,
              onFailureDestination: failedQueue,
            },
          }),
        ],
      }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'async retries (2) and maximum event age (6 h) are the defaults',
      }),
    },
    { name: 'no async invoker', snapshot: snapshot(), expect: notApplicable(/asynchronously/) },
  ],

  'lambda-async-delivery-failures': [
    { name: 'nothing dropped', snapshot: withTel({}), expect: compliant },
    {
      name: 'dropped events and failed deliveries',
      snapshot: withTel({ asyncEventsDropped: 3, destinationDeliveryFailures: 1 }),
      expect: fails({
        resourceName: 'orders-api',
        message: '3 events dropped, 1 destination delivery failure in 14 days',
      }),
    },
    { name: 'not measured', snapshot: snapshot(), expect: notAssessed(/async delivery/) },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-esm-failure-destination': [
    {
      name: 'a Kinesis mapping with a destination',
      snapshot: snapshot({ eventSourceMappings: [kinesisEsm()] }),
      expect: compliant,
    },
    {
      name: 'a DynamoDB stream without one',
      snapshot: snapshot({
        eventSourceMappings: [
          kinesisEsm({ eventSourceArn: ddbStream, sourceType: 'dynamodb', onFailureDestination: undefined }),
        ],
      }),
      expect: fails({
        resourceName: 'orders-api ← orders',
        message: 'dynamodb mapping has no on-failure destination',
      }),
    },
    {
      name: 'SQS mappings are out of scope',
      snapshot: snapshot({ eventSourceMappings: [esm({ onFailureDestination: undefined })] }),
      expect: notApplicable(/Kinesis/),
    },
  ],

  'lambda-esm-poison-record-handling': [
    {
      name: 'finite retries and bisect',
      snapshot: snapshot({ eventSourceMappings: [kinesisEsm()] }),
      expect: compliant,
    },
    {
      name: 'unlimited retries still pass when batches are split',
      snapshot: snapshot({ eventSourceMappings: [kinesisEsm({ maximumRetryAttempts: -1 })] }),
      expect: compliant,
    },
    {
      name: 'defaults retry forever without splitting',
      snapshot: snapshot({
        eventSourceMappings: [
          kinesisEsm({
            maximumRetryAttempts: undefined,
            maximumRecordAgeSeconds: undefined,
            bisectBatchOnFunctionError: false,
          }),
        ],
      }),
      expect: fails({
        resourceName: 'orders-api ← clicks',
        message: 'unlimited retries and unlimited record age, and failed batches are not split',
      }),
    },
    {
      name: 'only SQS',
      snapshot: snapshot({ eventSourceMappings: [esm()] }),
      expect: notApplicable(/Kinesis/),
    },
  ],

  'lambda-esm-partial-batch-response': [
    {
      name: 'ReportBatchItemFailures on',
      snapshot: snapshot({ eventSourceMappings: [esm()] }),
      expect: compliant,
    },
    {
      name: 'off on an SQS mapping',
      snapshot: snapshot({ eventSourceMappings: [esm({ functionResponseTypes: [] })] }),
      expect: fails({
        resourceName: 'orders-api ← orders-queue',
        message: 'sqs mapping does not report batch item failures',
      }),
    },
    {
      name: 'Kafka sources are out of scope',
      snapshot: snapshot({
        eventSourceMappings: [
          esm({ sourceType: 'kafka', eventSourceArn: undefined, functionResponseTypes: [] }),
        ],
      }),
      expect: notApplicable(/SQS/),
    },
  ],

  'lambda-esm-sqs-visibility-timeout': [
    { name: '60 s covers 6 × 10 s', snapshot: snapshot({ eventSourceMappings: [esm()] }), expect: compliant },
    {
      name: '30 s is too short',
      snapshot: snapshot({ eventSourceMappings: [esm({ queueVisibilityTimeoutSeconds: 30 })] }),
      expect: fails({
        resourceName: 'orders-api ← orders-queue',
        message: 'visibility timeout 30 s is below 6 × 10 s function timeout (60 s)',
      }),
    },
    {
      name: 'queue attributes not collected',
      snapshot: snapshot({ eventSourceMappings: [esm({ queueVisibilityTimeoutSeconds: undefined })] }),
      expect: notAssessed(/visibility/),
    },
    {
      name: 'no SQS mappings',
      snapshot: snapshot({ eventSourceMappings: [kinesisEsm()] }),
      expect: notApplicable(/SQS/),
    },
  ],

  'lambda-esm-unhealthy': [
    {
      name: 'enabled and OK',
      snapshot: snapshot({ eventSourceMappings: [esm(), kinesisEsm()] }),
      expect: compliant,
    },
    {
      name: 'disabled, and a stream whose last batch failed',
      snapshot: snapshot({
        eventSourceMappings: [
          esm({ state: 'Disabled' }),
          kinesisEsm({ lastProcessingResult: 'PROBLEM: Function call failed' }),
        ],
      }),
      expect: fails(
        { resourceName: 'orders-api ← orders-queue', message: 'state Disabled' },
        { resourceName: 'orders-api ← clicks', message: 'last result PROBLEM: Function call failed' },
      ),
    },
    { name: 'no mappings', snapshot: snapshot(), expect: notApplicable(/no event source mappings/) },
  ],

  'lambda-iterator-age-high': [
    {
      name: 'a consumer keeping up',
      snapshot: snapshot({ eventSourceMappings: [kinesisEsm()], telemetry: { 'orders-api': tel() } }),
      expect: compliant,
    },
    {
      name: 'a consumer five minutes behind',
      snapshot: snapshot({
        eventSourceMappings: [kinesisEsm({ functionArn: `${fnArn('orders-api')}:live` })],
        telemetry: { 'orders-api': tel({ iteratorAgeMaxMs: 312_000 }) },
      }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'iterator age reached 312 s (limit 60 s) in 14 days',
      }),
    },
    {
      name: 'not measured',
      snapshot: snapshot({ eventSourceMappings: [kinesisEsm()] }),
      expect: notAssessed(/IteratorAge/),
    },
    {
      name: 'no stream consumers',
      snapshot: snapshot({ eventSourceMappings: [esm()], telemetry: { 'orders-api': tel() } }),
      expect: notApplicable(/stream/),
    },
  ],

  'lambda-tracing-active': [
    { name: 'Active passes', snapshot: snapshot(), expect: compliant },
    {
      name: 'PassThrough fails',
      snapshot: snapshot({ functions: [fn({ tracingMode: 'PassThrough' })] }),
      expect: fails({ resourceName: 'orders-api', message: 'tracing mode is PassThrough' }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-default-memory': [
    { name: '512 MB passes', snapshot: snapshot(), expect: compliant },
    {
      name: '128 MB fails',
      snapshot: snapshot({ functions: [fn({ memorySizeMB: 128 })] }),
      expect: fails({ resourceName: 'orders-api', message: 'memory is the 128 MB default' }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-default-timeout': [
    { name: '10 s passes', snapshot: snapshot(), expect: compliant },
    {
      name: '3 s fails',
      snapshot: snapshot({ functions: [fn({ timeoutSeconds: 3 })] }),
      expect: fails({ resourceName: 'orders-api', message: 'timeout is the 3 s default' }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-memory-outage-risk': [
    { name: '300 of 512 MB', snapshot: withTel({}), expect: compliant },
    {
      name: '247 of 256 MB',
      snapshot: withTel({ maxMemoryUsedMB: 247 }, fn({ memorySizeMB: 256 })),
      expect: fails({
        resourceName: 'orders-api',
        message: 'max memory used 247 of 256 MB (96%) in 14 days',
      }),
    },
    {
      name: 'out-of-memory kills alone',
      snapshot: withTel({ outOfMemory: 3 }),
      expect: fails({ resourceName: 'orders-api', message: '3 out-of-memory kills in 14 days' }),
    },
    {
      name: 'a higher headroom threshold lets 94% pass',
      snapshot: withTel({ maxMemoryUsedMB: 240 }, fn({ memorySizeMB: 256 })),
      thresholds: { memoryHeadroom: 0.95 },
      expect: compliant,
    },
    { name: 'no REPORT data', snapshot: snapshot(), expect: notAssessed(/REPORT/) },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-memory-overprovisioned': [
    { name: '280 of 512 MB', snapshot: withTel({}), expect: compliant },
    {
      name: '80 of 1024 MB',
      snapshot: withTel(
        { p99MemoryUsedMB: 80, maxMemoryUsedMB: 100, reportCount: 1234 },
        fn({ memorySizeMB: 1024 }),
      ),
      expect: fails({
        resourceName: 'orders-api',
        message: 'p99 memory used 80 of 1024 MB (8%) over 1234 invocations',
      }),
    },
    {
      name: 'too few invocations to judge',
      snapshot: withTel({ p99MemoryUsedMB: 80, reportCount: 5 }, fn({ memorySizeMB: 1024 })),
      expect: notApplicable(/20\+ REPORT lines/),
    },
    {
      name: '128 MB cannot go lower',
      snapshot: withTel({ p99MemoryUsedMB: 40 }, fn({ memorySizeMB: 128 })),
      expect: notApplicable(/above 128 MB/),
    },
    { name: 'no REPORT data', snapshot: snapshot(), expect: notAssessed(/REPORT/) },
  ],

  'lambda-timeout-risk': [
    { name: 'p99 2 s of 10 s', snapshot: withTel({}), expect: compliant },
    {
      name: 'p99 8.4 s of 10 s',
      snapshot: withTel({ durationP99Ms: 8400 }),
      expect: fails({ resourceName: 'orders-api', message: 'p99 duration 8.4 s is 84% of the 10 s timeout' }),
    },
    { name: 'not measured', snapshot: snapshot(), expect: notAssessed(/p99 duration/) },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-timeouts-occurring': [
    { name: 'no timeouts', snapshot: withTel({}), expect: compliant },
    {
      name: 'a few timeouts are medium',
      snapshot: withTel({ timeouts: 12, invocations: 400 }),
      expect: fails({
        resourceName: 'orders-api',
        message: '12 timeouts after 10 s in 14 days (3% of 400 invocations)',
        severity: 'medium',
      }),
    },
    {
      name: 'more than 10% is high',
      snapshot: withTel({ timeouts: 60, invocations: 400 }),
      expect: fails({
        resourceName: 'orders-api',
        message: '60 timeouts after 10 s in 14 days (15% of 400 invocations)',
        severity: 'high',
      }),
    },
    { name: 'not measured', snapshot: snapshot(), expect: notAssessed(/timeout counts/) },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-timeout-overprovisioned': [
    { name: 'a 10 s timeout is never judged', snapshot: withTel({ durationP99Ms: 100 }), expect: compliant },
    {
      name: '900 s with p99 of 200 s',
      snapshot: withTel({ durationP99Ms: 200_000 }, fn({ timeoutSeconds: 900 })),
      expect: compliant,
    },
    {
      name: '900 s with p99 of 20 s',
      snapshot: withTel({ durationP99Ms: 20_000 }, fn({ timeoutSeconds: 900 })),
      expect: fails({ resourceName: 'orders-api', message: 'timeout 900 s is 45× the p99 duration of 20 s' }),
    },
    { name: 'not measured', snapshot: snapshot(), expect: notAssessed() },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-high-error-rate': [
    { name: '1% errors', snapshot: withTel({}), expect: compliant },
    {
      name: 'exactly 10% is still within the limit',
      snapshot: withTel({ maxDailyErrorRate: 0.1 }),
      expect: compliant,
    },
    {
      name: '23% on the worst day',
      snapshot: withTel({ maxDailyErrorRate: 0.23, errors: 120, invocations: 1000 }),
      expect: fails({
        resourceName: 'orders-api',
        message:
          "errors reached 23% of a day's invocations (limit 10%); 120 errors in 1000 invocations overall",
      }),
    },
    { name: 'not measured', snapshot: snapshot(), expect: notAssessed(/error rate/) },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-throttled': [
    { name: 'no throttles', snapshot: withTel({}), expect: compliant },
    {
      name: '42 throttles',
      snapshot: withTel({ throttles: 42 }),
      expect: fails({
        resourceName: 'orders-api',
        message: '42 throttled invocations in 14 days (reserved concurrency 10)',
      }),
    },
    { name: 'not measured', snapshot: snapshot(), expect: notAssessed(/throttle/) },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-zero-concurrency': [
    { name: 'reserved 10', snapshot: snapshot(), expect: compliant },
    {
      name: 'reserved 0',
      snapshot: snapshot({ functions: [fn({ reservedConcurrency: 0 })] }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'reserved concurrency is 0: every invocation is throttled',
      }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-reserved-concurrency-set': [
    { name: 'reserved 10', snapshot: snapshot(), expect: compliant },
    {
      name: 'no reservation',
      snapshot: snapshot({ functions: [fn({ reservedConcurrency: undefined })] }),
      expect: fails({ resourceName: 'orders-api', message: 'no reserved concurrency' }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-account-concurrency-headroom': [
    {
      name: 'peak 500 of 1000',
      snapshot: snapshot({ accountTelemetry: { concurrentExecutionsMax: 500 } }),
      expect: compliant,
    },
    {
      name: 'peak 850 of 1000',
      snapshot: snapshot({ accountTelemetry: { concurrentExecutionsMax: 850 } }),
      expect: fails({
        resourceName: 'prod eu-west-1',
        message: 'peak concurrency 850 of 1000 (85%) in 14 days',
      }),
    },
    { name: 'peak not measured', snapshot: snapshot(), expect: notAssessed(/ConcurrentExecutions/) },
    {
      name: 'account settings not collected',
      snapshot: snapshot({ account: null, accountTelemetry: { concurrentExecutionsMax: 850 } }),
      expect: notAssessed(/account settings/),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-code-storage-quota': [
    { name: '2 of 80 GB', snapshot: snapshot(), expect: compliant },
    {
      name: '70 of 80 GB',
      snapshot: snapshot({ account: accountSettings({ totalCodeSizeBytes: 70 * 1024 ** 3 }) }),
      expect: fails({ resourceName: 'prod eu-west-1', message: 'code storage 70 GB of 80 GB (88%) used' }),
    },
    { name: 'not collected', snapshot: snapshot({ account: null }), expect: notAssessed(/account settings/) },
    {
      name: 'nothing stored',
      snapshot: snapshot({
        functions: [],
        account: accountSettings({ totalCodeSizeBytes: 0, functionCount: 0 }),
      }),
      expect: notApplicable(/no code stored/),
    },
  ],

  'lambda-provisioned-concurrency-fit': [
    { name: '70% peak utilization', snapshot: withTel({}, provisioned), expect: compliant },
    {
      name: '12% peak utilization is waste',
      snapshot: withTel({ provisionedConcurrencyUtilizationMax: 0.12 }, provisioned),
      expect: fails({
        resourceName: 'orders-api',
        message: 'provisioned concurrency (10) peaked at 12% utilization',
      }),
    },
    {
      name: 'spillover means too small',
      snapshot: withTel({ provisionedConcurrencySpilloverInvocations: 212 }, provisioned),
      expect: fails({
        resourceName: 'orders-api',
        message: '212 invocations spilled over 10 provisioned in 14 days',
      }),
    },
    {
      name: 'not measured',
      snapshot: snapshot({ functions: [provisioned] }),
      expect: notAssessed(/provisioned concurrency metrics/),
    },
    { name: 'no provisioned concurrency', snapshot: withTel({}), expect: notApplicable(/provisioned/) },
  ],

  'lambda-cold-start-rate': [
    { name: '2% cold starts, p95 init 400 ms', snapshot: withTel({}), expect: compliant },
    {
      name: '18% cold starts',
      snapshot: withTel({ coldStarts: 216, reportCount: 1200 }),
      expect: fails({ resourceName: 'orders-api', message: 'cold starts 18% of 1200 invocations' }),
    },
    {
      name: 'slow inits',
      snapshot: withTel({ initDurationP95Ms: 1400 }),
      expect: fails({ resourceName: 'orders-api', message: 'p95 init 1.4 s' }),
    },
    {
      name: 'too few invocations to judge',
      snapshot: withTel({ coldStarts: 3, reportCount: 5 }),
      expect: notApplicable(/20\+ REPORT lines/),
    },
    { name: 'no REPORT data', snapshot: snapshot(), expect: notAssessed(/cold-start/) },
  ],

  'lambda-snapstart-java': [
    {
      name: 'SnapStart on',
      snapshot: snapshot({ functions: [fn({ runtime: 'java21', snapStart: 'PublishedVersions' })] }),
      expect: compliant,
    },
    {
      name: 'provisioned concurrency rules SnapStart out',
      snapshot: snapshot({
        functions: [fn({ runtime: 'java21', provisionedConcurrency: [{ qualifier: 'live', requested: 2 }] })],
      }),
      expect: compliant,
    },
    {
      name: 'java21 without SnapStart',
      snapshot: snapshot({ functions: [fn({ runtime: 'java21' })] }),
      expect: fails({ resourceName: 'orders-api', message: 'java21 without SnapStart' }),
    },
    { name: 'no Java functions', snapshot: snapshot(), expect: notApplicable(/Java/) },
  ],

  'lambda-arm64': [
    { name: 'arm64 passes', snapshot: snapshot(), expect: compliant },
    {
      name: 'x86_64 fails',
      snapshot: snapshot({ functions: [fn({ architectures: ['x86_64'] })] }),
      expect: fails({ resourceName: 'orders-api', message: 'architecture is x86_64' }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-unused': [
    { name: 'invoked', snapshot: withTel({}), expect: compliant },
    { name: 'idle but deployed 10 days ago', snapshot: withTel({ invocations: 0 }), expect: compliant },
    {
      name: 'idle and unchanged for 100 days',
      snapshot: withTel({ invocations: 0 }, fn({ lastModified: NOW - 100 * DAY })),
      expect: fails({
        resourceName: 'orders-api',
        message: 'no invocations in 14 days; last changed 2026-08-20',
      }),
    },
    { name: 'not measured', snapshot: snapshot(), expect: notAssessed(/invocation count/) },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-public-policy': [
    {
      name: 'a scoped service principal',
      snapshot: snapshot({ functions: [s3Invoked()] }),
      expect: compliant,
    },
    {
      name: '"*" with a source ARN condition',
      snapshot: snapshot({
        functions: [fn({ policy: [statement({ principals: ['*'], conditionKeys: ['aws:SourceArn'] })] })],
      }),
      expect: compliant,
    },
    {
      name: 'a function URL statement is left to lambda-url-auth-none',
      snapshot: snapshot({
        functions: [
          fn({
            policy: [
              statement({
                principals: ['*'],
                actions: ['lambda:InvokeFunctionUrl'],
                conditionKeys: ['lambda:FunctionUrlAuthType'],
              }),
            ],
          }),
        ],
      }),
      expect: compliant,
    },
    {
      name: '"*" with no condition',
      snapshot: snapshot({
        functions: [fn({ policy: [statement({ sid: 'public', principals: ['*'], conditionKeys: [] })] })],
      }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'policy statement public allows "*" to lambda:InvokeFunction with no source condition',
      }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-url-auth-none': [
    {
      name: 'AWS_IAM',
      snapshot: snapshot({ functions: [fn({ url: { authType: 'AWS_IAM', allowOrigins: [] } })] }),
      expect: compliant,
    },
    {
      name: 'NONE',
      snapshot: snapshot({ functions: [fn({ url: { authType: 'NONE', allowOrigins: [] } })] }),
      expect: fails({ resourceName: 'orders-api', message: 'function URL auth type is NONE' }),
    },
    { name: 'no function URLs', snapshot: snapshot(), expect: notApplicable(/function URL/) },
  ],

  'lambda-url-cors-wildcard': [
    {
      name: 'a listed origin',
      snapshot: snapshot({
        functions: [fn({ url: { authType: 'AWS_IAM', allowOrigins: ['https://shop.example.com'] } })],
      }),
      expect: compliant,
    },
    {
      name: 'any origin',
      snapshot: snapshot({ functions: [fn({ url: { authType: 'AWS_IAM', allowOrigins: ['*'] } })] }),
      expect: fails({ resourceName: 'orders-api', message: 'function URL CORS allows origin "*"' }),
    },
    { name: 'no function URLs', snapshot: snapshot(), expect: notApplicable(/function URL/) },
  ],

  'lambda-env-secrets': [
    {
      name: 'plain settings only',
      snapshot: snapshot({ functions: [fn({ environmentVariableNames: ['STAGE', 'TABLE_NAME'] })] }),
      expect: compliant,
    },
    {
      name: 'one secret-looking variable',
      snapshot: snapshot({
        functions: [
          fn({ environmentVariableNames: ['STAGE', 'DB_PASSWORD'], secretLookingVariables: ['DB_PASSWORD'] }),
        ],
      }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'environment variable DB_PASSWORD looks like a secret',
      }),
    },
    {
      name: 'two',
      snapshot: snapshot({
        functions: [
          fn({
            environmentVariableNames: ['DB_PASSWORD', 'STRIPE_KEY'],
            secretLookingVariables: ['DB_PASSWORD', 'STRIPE_KEY'],
          }),
        ],
      }),
      expect: fails({
        resourceName: 'orders-api',
        message: 'environment variables DB_PASSWORD, STRIPE_KEY look like secrets',
      }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-env-cmk': [
    {
      name: 'a customer key',
      snapshot: snapshot({
        functions: [
          fn({ environmentVariableNames: ['STAGE'], kmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/abcd` }),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'the AWS managed key',
      snapshot: snapshot({ functions: [fn({ environmentVariableNames: ['STAGE', 'TABLE_NAME'] })] }),
      expect: fails({
        resourceName: 'orders-api',
        message: '2 environment variables encrypted with the AWS managed key',
      }),
    },
    {
      name: 'no environment variables',
      snapshot: snapshot(),
      expect: notApplicable(/environment variables/),
    },
  ],

  'lambda-in-vpc': [
    { name: 'in a VPC', snapshot: snapshot(), expect: compliant },
    {
      name: 'not in a VPC',
      snapshot: snapshot({ functions: [fn({ vpc: undefined })] }),
      expect: fails({ resourceName: 'orders-api', message: 'not attached to a VPC', severity: 'info' }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-shared-role': [
    {
      name: 'one role per function',
      snapshot: snapshot({ functions: [fn({ name: 'a' }), fn({ name: 'b' })] }),
      expect: compliant,
    },
    {
      name: 'three functions on one role',
      snapshot: snapshot({
        functions: ['a', 'b', 'c'].map((name) => fn({ name, role: `arn:aws:iam::${ACCOUNT}:role/shared` })),
      }),
      expect: fails({ resourceName: 'shared', message: 'used by 3 functions: a, b, c' }),
    },
    {
      name: 'allowed up to the threshold',
      snapshot: snapshot({
        functions: ['a', 'b', 'c'].map((name) => fn({ name, role: `arn:aws:iam::${ACCOUNT}:role/shared` })),
      }),
      thresholds: { sharedRoleMaxFunctions: 3 },
      expect: compliant,
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-code-signing': [
    { name: 'a signing config', snapshot: snapshot(), expect: compliant },
    {
      name: 'none attached',
      snapshot: snapshot({ functions: [fn({ codeSigningConfigArn: null })] }),
      expect: fails({ resourceName: 'orders-api', message: 'no code-signing configuration' }),
    },
    {
      name: 'not collected',
      snapshot: snapshot({ functions: [fn({ codeSigningConfigArn: undefined })] }),
      expect: notAssessed(/not collected/),
    },
    { name: 'image functions only', snapshot: imageOnly, expect: notApplicable(/no zip functions/) },
  ],

  'lambda-cross-account-layers': [
    { name: 'the Lambda Insights layer is trusted', snapshot: snapshot(), expect: compliant },
    {
      name: 'a layer from the own account',
      snapshot: snapshot({
        functions: [fn({ layers: [{ arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:common:4` }] })],
      }),
      expect: compliant,
    },
    {
      name: 'a layer from an unknown account',
      snapshot: snapshot({
        functions: [fn({ layers: [{ arn: `arn:aws:lambda:${REGION}:999988887777:layer:shady-lib:3` }] })],
      }),
      expect: fails({ resourceName: 'orders-api', message: 'layers from account 999988887777: shady-lib:3' }),
    },
    {
      name: 'a vendor account listed as trusted',
      snapshot: snapshot({
        functions: [fn({ layers: [{ arn: `arn:aws:lambda:${REGION}:999988887777:layer:vendor:3` }] })],
      }),
      thresholds: { trustedLayerAccounts: ['999988887777'] },
      expect: compliant,
    },
    {
      name: 'no layers',
      snapshot: snapshot({ functions: [fn({ layers: [] })] }),
      expect: notApplicable(/layers/),
    },
  ],

  'lambda-log-format-json': [
    { name: 'JSON', snapshot: snapshot(), expect: compliant },
    {
      name: 'Text',
      snapshot: snapshot({
        functions: [fn({ logging: { format: 'Text', logGroup: '/aws/lambda/orders-api' } })],
      }),
      expect: fails({ resourceName: 'orders-api', message: 'log format is Text' }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-insights-enabled': [
    { name: 'the Insights layer', snapshot: snapshot(), expect: compliant },
    {
      name: 'no layers',
      snapshot: snapshot({ functions: [fn({ layers: [] })] }),
      expect: fails({ resourceName: 'orders-api', message: 'no LambdaInsightsExtension layer' }),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-recursion-allowed': [
    { name: 'Terminate', snapshot: snapshot(), expect: compliant },
    {
      name: 'Allow',
      snapshot: snapshot({ functions: [fn({ recursiveLoop: 'Allow' })] }),
      expect: fails({ resourceName: 'orders-api', message: 'recursive loops are allowed' }),
    },
    {
      name: 'not collected',
      snapshot: snapshot({ functions: [fn({ recursiveLoop: undefined })] }),
      expect: notAssessed(/not collected/),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],

  'lambda-state-failed': [
    { name: 'Active and Successful', snapshot: snapshot(), expect: compliant },
    {
      name: 'Failed state and a failed update',
      snapshot: snapshot({
        functions: [fn({ name: 'a', state: 'Failed' }), fn({ name: 'b', lastUpdateStatus: 'Failed' })],
      }),
      expect: fails(
        { resourceName: 'a', message: 'state is Failed' },
        { resourceName: 'b', message: 'last update failed' },
      ),
    },
    {
      name: 'not collected',
      snapshot: snapshot({ functions: [fn({ state: undefined, lastUpdateStatus: undefined })] }),
      expect: notAssessed(/not collected/),
    },
    { name: 'no functions', snapshot: noFunctions, expect: notApplicable() },
  ],
};

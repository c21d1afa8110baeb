import type {
  Alarm,
  DynamoTable,
  EventSourceMapping,
  FunctionTelemetry,
  LambdaAccountSettings,
  LambdaFunction,
  LogGroupInfo,
  PolicyStatement,
  Snapshot,
  SqsQueue,
  StateMachine,
  Unavailable,
} from '../../src/inventory/snapshot.js';

/**
 * Snapshot builders for check tests. Every default is compliant with every check, so a case only
 * states the one thing that makes it fail.
 */

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
/** "Now" for every test snapshot: 2026-11-28 08:00 UTC. */
export const NOW = Date.UTC(2026, 10, 28, 8, 0, 0);
export const DAY = 86_400_000;

export const INSIGHTS_LAYER = `arn:aws:lambda:${REGION}:580247275435:layer:LambdaInsightsExtension-Arm64:20`;

export function fnArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

export function fn(over: Partial<LambdaFunction> = {}): LambdaFunction {
  const name = over.name ?? 'orders-api';
  return {
    name,
    arn: fnArn(name),
    runtime: 'nodejs24.x',
    packageType: 'Zip',
    handler: 'index.handler',
    memorySizeMB: 512,
    timeoutSeconds: 10,
    architectures: ['arm64'],
    // One role per function, as the shared-role check wants.
    role: `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
    codeSizeBytes: 2_000_000,
    lastModified: NOW - 10 * DAY,
    tracingMode: 'Active',
    environmentVariableNames: [],
    secretLookingVariables: [],
    vpc: { vpcId: 'vpc-0abc', subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-1'] },
    layers: [{ arn: INSIGHTS_LAYER }],
    ephemeralStorageMB: 512,
    snapStart: 'None',
    logging: { format: 'JSON', logGroup: `/aws/lambda/${name}` },
    state: 'Active',
    lastUpdateStatus: 'Successful',
    reservedConcurrency: 10,
    aliases: [],
    provisionedConcurrency: [],
    tags: {},
    runtimeUpdateMode: 'Auto',
    codeSigningConfigArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:code-signing-config:csc-0123456789abcdef0`,
    recursiveLoop: 'Terminate',
    ...over,
  };
}

export function group(over: Partial<LogGroupInfo> = {}): LogGroupInfo {
  const name = over.name ?? '/aws/lambda/orders-api';
  return {
    name,
    arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`,
    creationTime: NOW - 100 * DAY,
    retentionInDays: 30,
    storedBytes: 5_000_000,
    kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    logGroupClass: 'STANDARD',
    metricFilterCount: 0,
    subscriptionFilterCount: 0,
    lastIngestionTime: NOW - DAY,
    ...over,
  };
}

export function esm(over: Partial<EventSourceMapping> = {}): EventSourceMapping {
  return {
    uuid: 'a1b2c3d4-0000-4000-8000-000000000001',
    functionArn: fnArn('orders-api'),
    eventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-queue`,
    sourceType: 'sqs',
    state: 'Enabled',
    stateTransitionReason: 'USER_INITIATED',
    lastProcessingResult: 'OK',
    batchSize: 10,
    maximumRetryAttempts: 3,
    maximumRecordAgeSeconds: 3600,
    bisectBatchOnFunctionError: true,
    onFailureDestination: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-failed`,
    functionResponseTypes: ['ReportBatchItemFailures'],
    queueVisibilityTimeoutSeconds: 60,
    ...over,
  };
}

/** A Kinesis mapping with sound error handling. */
export function kinesisEsm(over: Partial<EventSourceMapping> = {}): EventSourceMapping {
  return esm({
    eventSourceArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/clicks`,
    sourceType: 'kinesis',
    queueVisibilityTimeoutSeconds: undefined,
    ...over,
  });
}

/** Healthy figures for a busy function with 512 MB and a 10 s timeout. */
export function tel(over: Partial<FunctionTelemetry> = {}): FunctionTelemetry {
  return {
    invocations: 1000,
    errors: 5,
    throttles: 0,
    maxDailyErrorRate: 0.01,
    durationP99Ms: 2000,
    durationMaxMs: 3000,
    iteratorAgeMaxMs: 1000,
    asyncEventsDropped: 0,
    deadLetterErrors: 0,
    destinationDeliveryFailures: 0,
    maxMemoryUsedMB: 300,
    p99MemoryUsedMB: 280,
    reportCount: 1000,
    coldStarts: 20,
    initDurationP95Ms: 400,
    timeouts: 0,
    outOfMemory: 0,
    provisionedConcurrencyUtilizationMax: 0.7,
    provisionedConcurrencySpilloverInvocations: 0,
    ...over,
  };
}

export function statement(over: Partial<PolicyStatement> = {}): PolicyStatement {
  return {
    sid: 's3-invoke',
    effect: 'Allow',
    principals: ['s3.amazonaws.com'],
    actions: ['lambda:InvokeFunction'],
    conditionKeys: ['AWS:SourceAccount', 'AWS:SourceArn'],
    ...over,
  };
}

export function accountSettings(over: Partial<LambdaAccountSettings> = {}): LambdaAccountSettings {
  return {
    concurrentExecutionsLimit: 1000,
    unreservedConcurrentExecutions: 900,
    totalCodeSizeLimitBytes: 80 * 1024 ** 3,
    totalCodeSizeBytes: 2 * 1024 ** 3,
    functionCount: 1,
    ...over,
  };
}

export function unavailable(over: Partial<Unavailable> = {}): Unavailable {
  return {
    service: 'lambda',
    action: 'lambda:ListFunctions',
    code: 'AccessDeniedException',
    message: 'not authorized',
    ...over,
  };
}

export function queueArn(name: string): string {
  return `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
}

/** A queue every SQS check passes: CMK, TLS-only policy, a DLQ (not in the snapshot), long polling. */
export function queue(over: Partial<SqsQueue> = {}): SqsQueue {
  const name = over.name ?? 'orders-queue';
  return {
    name,
    url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
    arn: queueArn(name),
    fifo: false,
    visibilityTimeoutSeconds: 60,
    messageRetentionSeconds: 4 * 86_400,
    delaySeconds: 0,
    receiveMessageWaitTimeSeconds: 20,
    kmsMasterKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    sqsManagedSseEnabled: false,
    redrivePolicy: { deadLetterTargetArn: queueArn('orders-dlq'), maxReceiveCount: 5 },
    policy: [
      statement({
        sid: 'tls-only',
        effect: 'Deny',
        principals: ['*'],
        actions: ['sqs:*'],
        conditionKeys: ['aws:SecureTransport'],
      }),
    ],
    denyInsecureTransport: true,
    approximateNumberOfMessages: 0,
    deadLetterSourceArns: [],
    tags: {},
    ...over,
  };
}

/** A DLQ of `source` (defaults: kept 14 days, empty, no redrive policy of its own). */
export function dlq(source: SqsQueue, over: Partial<SqsQueue> = {}): SqsQueue {
  return queue({
    name: source.redrivePolicy?.deadLetterTargetArn.split(':').at(-1) ?? `${source.name}-dlq`,
    messageRetentionSeconds: 14 * 86_400,
    redrivePolicy: undefined,
    deadLetterSourceArns: [source.arn],
    ...over,
  });
}

/** A table every DynamoDB check passes: on-demand, CMK, PITR, deletion protection, TTL, items. */
export function table(over: Partial<DynamoTable> = {}): DynamoTable {
  const name = over.name ?? 'orders';
  return {
    name,
    arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
    status: 'ACTIVE',
    creationTime: NOW - 100 * DAY,
    billingMode: 'PAY_PER_REQUEST',
    readCapacityUnits: 0,
    writeCapacityUnits: 0,
    itemCount: 1000,
    sizeBytes: 5_000_000,
    sseType: 'KMS',
    kmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    streamEnabled: false,
    tableClass: 'STANDARD',
    deletionProtection: true,
    globalSecondaryIndexes: [],
    pointInTimeRecovery: true,
    ttlStatus: 'ENABLED',
    ttlAttribute: 'expiresAt',
    tags: {},
    ...over,
  };
}

export function stateMachineArn(name: string): string {
  return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
}

/** A Lambda task with Retry on Lambda's transient errors and a Catch, as the definitions below use. */
export function lambdaTask(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: fnArn('orders-api'), 'Payload.$': '$' },
    Retry: [
      {
        ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'],
        IntervalSeconds: 1,
        MaxAttempts: 3,
        BackoffRate: 2,
      },
    ],
    Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
    End: true,
    ...over,
  };
}

/** A Standard state machine with ERROR logging, tracing and a definition every check accepts. */
export function stateMachine(over: Partial<StateMachine> = {}): StateMachine {
  const name = over.name ?? 'order-flow';
  return {
    name,
    arn: stateMachineArn(name),
    type: 'STANDARD',
    creationDate: NOW - 100 * DAY,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/order-flow`,
    logging: { level: 'ERROR', includeExecutionData: true },
    tracingEnabled: true,
    encryptionType: 'AWS_OWNED_KEY',
    definition: {
      StartAt: 'Charge',
      TimeoutSeconds: 3600,
      States: { Charge: lambdaTask(), Failed: { Type: 'Fail' } },
    },
    ...over,
  };
}

export function alarmArn(name: string): string {
  return `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`;
}

/** An account-wide alarm on AWS/Lambda Errors with an SNS action, in OK. */
export function alarm(over: Partial<Alarm> = {}): Alarm {
  const name = over.name ?? 'lambda-errors';
  return {
    name,
    arn: alarmArn(name),
    metrics: [{ namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: {} }],
    actionsEnabled: true,
    alarmActions: [`arn:aws:sns:${REGION}:${ACCOUNT}:oncall`],
    okActions: [],
    stateValue: 'OK',
    stateUpdatedTimestamp: NOW - DAY,
    ...over,
  };
}

/** An alarm on `metricName` in `namespace` for one resource (`{ FunctionName: 'orders-api' }`), or account-wide. */
export function alarmOn(namespace: string, metricName: string, dimensions: Record<string, string>): Alarm {
  const name = `${Object.values(dimensions).join('-') || 'account'}-${metricName}`;
  return alarm({ name, metrics: [{ namespace, metricName, dimensions }] });
}

export function defaultAlarms(): Alarm[] {
  return ['Errors', 'Throttles', 'IteratorAge'].map((m) => alarmOn('AWS/Lambda', m, {}));
}

export interface SnapshotParts {
  functions?: LambdaFunction[];
  eventSourceMappings?: EventSourceMapping[];
  /** `null` leaves the account settings out (not collected). */
  account?: LambdaAccountSettings | null;
  /** Defaults to one compliant group per function. */
  logGroups?: LogGroupInfo[];
  resourcePolicies?: { name: string; statements: PolicyStatement[] }[];
  telemetry?: Record<string, FunctionTelemetry>;
  accountTelemetry?: { concurrentExecutionsMax?: number };
  windowDays?: number;
  unavailable?: Unavailable[];
  takenAt?: number;
  /** SQS queues (default none); `null` leaves the section out (not collected). */
  queues?: SqsQueue[] | null;
  /** DynamoDB tables (default none); `null` leaves the section out (not collected). */
  tables?: DynamoTable[] | null;
  /** Step Functions state machines (default none); `null` leaves the section out (not collected). */
  stateMachines?: StateMachine[] | null;
  /**
   * CloudWatch metric alarms (default: account-wide AWS/Lambda Errors, Throttles and IteratorAge
   * alarms); `null` leaves the section out (not collected).
   */
  alarms?: Alarm[] | null;
}

export function snapshot(parts: SnapshotParts = {}): Snapshot {
  const functions = parts.functions ?? [fn()];
  return {
    account: 'prod',
    accountId: ACCOUNT,
    region: REGION,
    takenAt: parts.takenAt ?? NOW,
    lambda: {
      functions,
      eventSourceMappings: parts.eventSourceMappings ?? [],
      ...(parts.account === null ? {} : { account: parts.account ?? accountSettings() }),
    },
    logs: {
      logGroups: parts.logGroups ?? functions.map((f) => group({ name: f.logging.logGroup })),
      ...(parts.resourcePolicies ? { resourcePolicies: parts.resourcePolicies } : {}),
    },
    telemetry: {
      windowDays: parts.windowDays ?? 14,
      functions: parts.telemetry ?? {},
      ...(parts.accountTelemetry ? { account: parts.accountTelemetry } : {}),
    },
    ...(parts.queues === null ? {} : { sqs: { queues: parts.queues ?? [] } }),
    ...(parts.tables === null ? {} : { dynamodb: { tables: parts.tables ?? [] } }),
    ...(parts.stateMachines === null ? {} : { stepfunctions: { stateMachines: parts.stateMachines ?? [] } }),
    ...(parts.alarms === null ? {} : { alarms: { alarms: parts.alarms ?? defaultAlarms() } }),
    unavailable: parts.unavailable ?? [],
  };
}

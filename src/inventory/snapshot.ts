/**
 * The typed inventory of one account and region that checks run over. Collectors fill it from
 * read-only AWS calls (and Pillar's own ingestion data); checks are pure functions of it and
 * never call AWS, Slack or the database. A service the collectors could not read is listed in
 * `unavailable` with the reason, so its checks report "not assessed" instead of passing.
 */

import type { ApiGatewayInventory } from './collectors/apigateway.js';
import type { EventBridgeInventory } from './collectors/eventbridge.js';
import type { KinesisInventory } from './collectors/kinesis.js';
import type { ServiceMetrics } from './collectors/service-metrics.js';
import type { SnsInventory } from './collectors/sns.js';

export type { ApiGatewayInventory, EventBridgeInventory, KinesisInventory, ServiceMetrics, SnsInventory };

export type ServiceName =
  | 'lambda'
  | 'logs'
  | 'cloudwatch'
  | 'sqs'
  | 'dynamodb'
  | 'stepfunctions'
  /** REST (v1) and HTTP/WebSocket (v2) APIs: one IAM prefix, one quota. */
  | 'apigateway'
  | 'sns'
  | 'kinesis'
  | 'eventbridge';

export interface Snapshot {
  account: string;
  /** 12-digit account id when known (from ARNs or STS). */
  accountId?: string;
  region: string;
  /** When the snapshot was taken (epoch ms). */
  takenAt: number;
  lambda: LambdaInventory;
  logs: LogsInventory;
  /** Metrics and log-derived figures per function name, over `telemetry.windowDays`. */
  telemetry: Telemetry;
  /** SQS queues; absent when not collected. */
  sqs?: { queues: SqsQueue[] };
  /** DynamoDB tables; absent when not collected. */
  dynamodb?: { tables: DynamoTable[] };
  /** Step Functions state machines; absent when not collected. */
  stepfunctions?: { stateMachines: StateMachine[] };
  /** CloudWatch metric alarms (`cloudwatch:DescribeAlarms`); absent when not collected. */
  alarms?: { alarms: Alarm[] };
  /** API Gateway REST, HTTP and WebSocket APIs; absent when not collected. */
  apigateway?: ApiGatewayInventory;
  /** SNS topics and subscriptions; absent when not collected. */
  sns?: SnsInventory;
  /** Kinesis data streams; absent when not collected. */
  kinesis?: KinesisInventory;
  /** EventBridge buses, rules and targets; absent when not collected. */
  eventbridge?: EventBridgeInventory;
  /** CloudWatch metrics of state machines, topics, streams and APIs; absent when GetMetricData failed. */
  serviceMetrics?: ServiceMetrics;
  /** Services (or single calls) that could not be read, with why: their checks are not assessed. */
  unavailable: Unavailable[];
}

export interface Unavailable {
  service: ServiceName;
  /** IAM action that failed, e.g. `lambda:GetPolicy`. */
  action: string;
  code: string;
  message: string;
  /**
   * When only some calls of a per-resource action failed (a throttled or broken GetPolicy on two
   * functions): their names. Absent when the action failed as a whole (denied, or an account call).
   */
  resources?: string[];
}

export interface LambdaInventory {
  functions: LambdaFunction[];
  eventSourceMappings: EventSourceMapping[];
  account?: LambdaAccountSettings;
}

export interface LambdaFunction {
  name: string;
  arn: string;
  /** Absent for container-image functions. */
  runtime?: string;
  packageType: 'Zip' | 'Image';
  handler?: string;
  memorySizeMB: number;
  timeoutSeconds: number;
  architectures: ('x86_64' | 'arm64')[];
  role: string;
  codeSizeBytes: number;
  lastModified: number;
  description?: string;
  tracingMode: 'Active' | 'PassThrough';
  deadLetterTargetArn?: string;
  /** Names only: values are never kept, so a snapshot cannot leak them. */
  environmentVariableNames: string[];
  /** Names of environment variables whose value looks like a secret (decided at collection, value dropped). */
  secretLookingVariables: string[];
  kmsKeyArn?: string;
  vpc?: { vpcId: string; subnetIds: string[]; securityGroupIds: string[] };
  layers: { arn: string; codeSizeBytes?: number }[];
  ephemeralStorageMB: number;
  snapStart: 'None' | 'PublishedVersions';
  logging: {
    format: 'Text' | 'JSON';
    logGroup: string;
    applicationLogLevel?: string;
    systemLogLevel?: string;
  };
  state?: string;
  lastUpdateStatus?: string;
  /** Undefined: no function-level reservation. 0 means the function is throttled completely. */
  reservedConcurrency?: number;
  asyncConfig?: AsyncInvokeConfig;
  /** The resource-based policy's statements, parsed; undefined when there is none. */
  policy?: PolicyStatement[];
  url?: { authType: 'NONE' | 'AWS_IAM'; allowOrigins: string[] };
  aliases: { name: string; functionVersion: string; routingWeights?: Record<string, number> }[];
  provisionedConcurrency: { qualifier: string; requested: number; allocated?: number; status?: string }[];
  tags: Record<string, string>;
  /** `lambda:GetRuntimeManagementConfig` → `UpdateRuntimeOn`; undefined when not collected. */
  runtimeUpdateMode?: 'Auto' | 'FunctionUpdate' | 'Manual';
  /** `lambda:GetFunctionCodeSigningConfig`: null when none is attached, undefined when not collected. */
  codeSigningConfigArn?: string | null;
  /** `lambda:GetFunctionRecursionConfig` → `RecursiveLoop`; undefined when not collected. */
  recursiveLoop?: 'Allow' | 'Terminate';
}

export interface AsyncInvokeConfig {
  maximumRetryAttempts?: number;
  maximumEventAgeSeconds?: number;
  onFailureDestination?: string;
  onSuccessDestination?: string;
}

export interface PolicyStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** `*`, an account id, or a service principal such as `sns.amazonaws.com`. */
  principals: string[];
  actions: string[];
  /** Condition keys present (e.g. `AWS:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`). */
  conditionKeys: string[];
}

export interface EventSourceMapping {
  uuid: string;
  functionArn: string;
  eventSourceArn?: string;
  /** `sqs`, `kinesis`, `dynamodb`, `kafka`, `mq`, … from the source ARN. */
  sourceType: string;
  state: string;
  stateTransitionReason?: string;
  lastProcessingResult?: string;
  batchSize?: number;
  maximumBatchingWindowSeconds?: number;
  maximumRetryAttempts?: number;
  maximumRecordAgeSeconds?: number;
  bisectBatchOnFunctionError?: boolean;
  onFailureDestination?: string;
  functionResponseTypes: string[];
  /** For SQS sources, the queue's visibility timeout when known. */
  queueVisibilityTimeoutSeconds?: number;
}

export interface LambdaAccountSettings {
  concurrentExecutionsLimit: number;
  unreservedConcurrentExecutions: number;
  totalCodeSizeLimitBytes: number;
  totalCodeSizeBytes: number;
  functionCount: number;
}

export interface LogsInventory {
  logGroups: LogGroupInfo[];
  /** Account-level resource policies (`logs:DescribeResourcePolicies`); undefined when not collected. */
  resourcePolicies?: { name: string; statements: PolicyStatement[] }[];
}

export interface LogGroupInfo {
  name: string;
  arn: string;
  creationTime: number;
  retentionInDays?: number;
  storedBytes: number;
  kmsKeyId?: string;
  logGroupClass: 'STANDARD' | 'INFREQUENT_ACCESS' | string;
  metricFilterCount: number;
  subscriptionFilterCount?: number;
  /**
   * Newest `lastIngestionTime` of the group's streams (`logs:DescribeLogStreams` ordered by
   * LastEventTime, limit 1): null when the group has no stream, undefined when not collected.
   */
  lastIngestionTime?: number | null;
}

export interface Telemetry {
  windowDays: number;
  functions: Record<string, FunctionTelemetry>;
  /** Account-level AWS/Lambda figures over the window. */
  account?: { concurrentExecutionsMax?: number };
}

/** What metrics and logs say about one function over the window. Absent figures were not measured. */
export interface FunctionTelemetry {
  invocations?: number;
  errors?: number;
  throttles?: number;
  /** Highest daily error rate (errors / invocations) in the window. */
  maxDailyErrorRate?: number;
  durationP99Ms?: number;
  durationMaxMs?: number;
  iteratorAgeMaxMs?: number;
  asyncEventsDropped?: number;
  deadLetterErrors?: number;
  destinationDeliveryFailures?: number;
  /** From REPORT lines (Logs Insights or Pillar's own ingestion). */
  maxMemoryUsedMB?: number;
  p99MemoryUsedMB?: number;
  reportCount?: number;
  coldStarts?: number;
  initDurationP95Ms?: number;
  timeouts?: number;
  outOfMemory?: number;
  /** Where the REPORT-line figures above came from: Logs Insights, or Pillar's own ingestion when Insights gave none. */
  logSource?: 'insights' | 'ingestion';
  /** Highest `ProvisionedConcurrencyUtilization` (0–1) across the function's aliases and versions. */
  provisionedConcurrencyUtilizationMax?: number;
  /** Sum of `ProvisionedConcurrencySpilloverInvocations`. */
  provisionedConcurrencySpilloverInvocations?: number;
}

/** One SQS queue (`sqs:ListQueues`, `sqs:GetQueueAttributes` with All, `sqs:ListQueueTags`). */
export interface SqsQueue {
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  delaySeconds: number;
  receiveMessageWaitTimeSeconds: number;
  /** Customer or AWS managed KMS key id/alias/ARN; absent when not KMS-encrypted. */
  kmsMasterKeyId?: string;
  sqsManagedSseEnabled: boolean;
  redrivePolicy?: { deadLetterTargetArn: string; maxReceiveCount: number };
  redriveAllowPolicy?: { redrivePermission: string; sourceQueueArns?: string[] };
  /** The queue policy's statements, parsed; undefined when there is none. */
  policy?: PolicyStatement[];
  /** Whether a Deny statement conditions on `aws:SecureTransport` (TLS enforced). */
  denyInsecureTransport: boolean;
  approximateNumberOfMessages?: number;
  /** ARNs of the collected queues whose redrive policy names this queue: non-empty means it is a DLQ. */
  deadLetterSourceArns: string[];
  /** Undefined when `sqs:ListQueueTags` failed. */
  tags?: Record<string, string>;
}

/** One DynamoDB table (`DescribeTable`, `DescribeContinuousBackups`, `DescribeTimeToLive`). */
export interface DynamoTable {
  name: string;
  arn: string;
  status: string;
  creationTime: number;
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  /** Provisioned read/write capacity units (0 for on-demand tables). */
  readCapacityUnits: number;
  writeCapacityUnits: number;
  itemCount: number;
  sizeBytes: number;
  /** `SSEDescription.SSEType`: `KMS` for AWS managed or customer managed keys; absent means AWS owned key. */
  sseType?: 'KMS' | 'AES256';
  kmsKeyArn?: string;
  streamEnabled: boolean;
  streamViewType?: string;
  latestStreamArn?: string;
  tableClass: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  deletionProtection: boolean;
  globalTableVersion?: string;
  globalSecondaryIndexes: { name: string; readCapacityUnits: number; writeCapacityUnits: number }[];
  /** `PointInTimeRecoveryStatus == ENABLED`; undefined when not collected. */
  pointInTimeRecovery?: boolean;
  /** `TimeToLiveStatus` (ENABLED, DISABLED, ENABLING, DISABLING); undefined when not collected. */
  ttlStatus?: string;
  ttlAttribute?: string;
  tags?: Record<string, string>;
}

/** One metric an alarm watches: the alarm's own, or one of a metric-math alarm's `Metrics`. */
export interface AlarmMetric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

/** One CloudWatch metric alarm (`cloudwatch:DescribeAlarms`, metric alarms only). */
export interface Alarm {
  name: string;
  arn: string;
  /** Every metric the alarm reads (one for a single-metric alarm; metric math may read several). */
  metrics: AlarmMetric[];
  actionsEnabled: boolean;
  /** Actions run on entering ALARM (SNS topics, Auto Scaling, Incident Manager, …). */
  alarmActions: string[];
  okActions: string[];
  stateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | string;
  /** When the state last changed (epoch ms). */
  stateUpdatedTimestamp?: number;
}

/** One state machine (`states:ListStateMachines`, `states:DescribeStateMachine`). */
export interface StateMachine {
  name: string;
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  creationDate: number;
  roleArn: string;
  logging: { level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF' | string; includeExecutionData: boolean };
  tracingEnabled: boolean;
  /** `encryptionConfiguration.type`: AWS_OWNED_KEY or CUSTOMER_MANAGED_KMS_KEY. */
  encryptionType: string;
  kmsKeyId?: string;
  /** The Amazon States Language document, parsed; undefined when it is not valid JSON. */
  definition?: unknown;
}

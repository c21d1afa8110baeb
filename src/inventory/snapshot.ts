/**
 * The typed inventory of one account and region that checks run over. Collectors fill it from
 * read-only AWS calls (and Pillar's own ingestion data); checks are pure functions of it and
 * never call AWS, Slack or the database. A service the collectors could not read is listed in
 * `unavailable` with the reason, so its checks report "not assessed" instead of passing.
 *
 * Every type a check reads is declared here and this file imports nothing: collectors depend on
 * it, never the other way, so a check that imports it does not load a collector or the AWS SDK.
 */

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

/** One entry of a REST stage's `methodSettings` (GetStages `methodSettings[key]`). */
export interface RestMethodSettings {
  /** `loggingLevel`: OFF, ERROR or INFO (execution logging). */
  loggingLevel: string;
  /** `metricsEnabled`: detailed per-method CloudWatch metrics. */
  metricsEnabled: boolean;
  /** `dataTraceEnabled`: full request/response bodies written to the execution log. */
  dataTraceEnabled: boolean;
  /** `throttlingBurstLimit`; absent when not set at this level (AWS answers -1). */
  throttlingBurstLimit?: number;
  /** `throttlingRateLimit` (requests per second); absent when not set (-1). */
  throttlingRateLimit?: number;
  /** `cachingEnabled`. */
  cachingEnabled: boolean;
  /** `cacheDataEncrypted`. */
  cacheDataEncrypted: boolean;
}

export interface RestStage {
  /** `stageName`. */
  name: string;
  /** `arn:aws:apigateway:{region}::/restapis/{id}/stages/{name}` (the ARN WAF and IAM use). */
  arn: string;
  /** `tracingEnabled` (X-Ray). */
  tracingEnabled: boolean;
  /** `webAclArn`: the WAF web ACL associated with the stage. */
  webAclArn?: string;
  /** `clientCertificateId`: the certificate API Gateway presents to HTTP backends. */
  clientCertificateId?: string;
  /** `cacheClusterEnabled`. */
  cacheClusterEnabled: boolean;
  /** `accessLogSettings.destinationArn`. */
  accessLogDestinationArn?: string;
  /** `accessLogSettings.format` (a template of `$context` variables, no request data). */
  accessLogFormat?: string;
  /** `methodSettings`, keyed `{resourcePath}/{httpMethod}`; `*\/*` is the stage-wide default. */
  methodSettings: Record<string, RestMethodSettings>;
}

/** One method of the resource tree (GetResources `embed=methods` → `resourceMethods`). */
export interface RestMethod {
  /** `path` of the resource. */
  path: string;
  /** `httpMethod`. */
  httpMethod: string;
  /** `authorizationType`: NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS. */
  authorizationType: string;
  /** `apiKeyRequired`. */
  apiKeyRequired: boolean;
  /** `methodIntegration.type`: AWS, AWS_PROXY, HTTP, HTTP_PROXY or MOCK. */
  integrationType?: string;
}

export interface RestApiInfo {
  /** `id`. */
  id: string;
  /** `name`. */
  name: string;
  /** `arn:aws:apigateway:{region}::/restapis/{id}`. */
  arn: string;
  /** `endpointConfiguration.types`: EDGE, REGIONAL or PRIVATE. */
  endpointTypes: string[];
  /** `createdDate` (epoch ms). */
  createdDate?: number;
  /** GetStages; absent when the call failed for this API. */
  stages?: RestStage[];
  /** GetAuthorizers → number of authorizers; absent when the call failed. */
  authorizerCount?: number;
  /** GetResources (embed=methods), every method of every resource; absent when the call failed. */
  methods?: RestMethod[];
}

/** `defaultRouteSettings` / `routeSettings[routeKey]` of an HTTP or WebSocket stage. */
export interface V2RouteSettings {
  /** `detailedMetricsEnabled`. */
  detailedMetricsEnabled: boolean;
  /** `loggingLevel` (WebSocket only): OFF, ERROR or INFO. */
  loggingLevel?: string;
  /** `dataTraceEnabled` (WebSocket only). */
  dataTraceEnabled?: boolean;
  /** `throttlingBurstLimit`; absent when not set. */
  throttlingBurstLimit?: number;
  /** `throttlingRateLimit`; absent when not set. */
  throttlingRateLimit?: number;
}

export interface V2Stage {
  /** `stageName` (`$default` for an HTTP API's default stage). */
  name: string;
  /** `arn:aws:apigateway:{region}::/apis/{id}/stages/{name}`. */
  arn: string;
  /** `accessLogSettings.destinationArn`. */
  accessLogDestinationArn?: string;
  /** `accessLogSettings.format`. */
  accessLogFormat?: string;
  /** `defaultRouteSettings`. */
  defaultRouteSettings: V2RouteSettings;
  /** `routeSettings`, keyed by route key. */
  routeSettings: Record<string, V2RouteSettings>;
}

export interface V2Route {
  /** `routeKey` (`GET /orders`, `$default`, `$connect`). */
  routeKey: string;
  /** `authorizationType`: NONE, AWS_IAM, CUSTOM or JWT. */
  authorizationType: string;
  /** `authorizerId`. */
  authorizerId?: string;
  /** `target` (`integrations/{id}`). */
  target?: string;
}

export interface V2ApiInfo {
  /** `apiId`. */
  id: string;
  /** `name`. */
  name: string;
  /** `protocolType`: HTTP or WEBSOCKET. */
  protocolType: 'HTTP' | 'WEBSOCKET';
  /** `arn:aws:apigateway:{region}::/apis/{id}`. */
  arn: string;
  /** `createdDate` (epoch ms). */
  createdDate?: number;
  /** GetStages; absent when the call failed for this API. */
  stages?: V2Stage[];
  /** GetRoutes; absent when the call failed. */
  routes?: V2Route[];
  /** GetAuthorizers → number of authorizers; absent when the call failed. */
  authorizerCount?: number;
}

/**
 * The API Gateway section of the snapshot. Each half is absent when its listing could not be read
 * (GetRestApis for v1, apigatewayv2 GetApis for v2); the other half is still collected.
 */
export interface ApiGatewayInventory {
  /** REST APIs (GetRestApis). */
  restApis?: RestApiInfo[];
  /** HTTP and WebSocket APIs (apigatewayv2 GetApis). */
  v2Apis?: V2ApiInfo[];
}

/** Protocols SNS can log delivery status for (the collector maps attribute prefixes onto these). */
export type SnsFeedbackProtocol = 'application' | 'firehose' | 'http' | 'lambda' | 'sqs';

export interface SnsInventory {
  topics: SnsTopic[];
}

/** One topic (`sns:ListTopics`, `sns:GetTopicAttributes`, `sns:ListSubscriptionsByTopic`). */
export interface SnsTopic {
  /** The last part of `TopicArn`. */
  name: string;
  /** `TopicArn`. */
  arn: string;
  /** `FifoTopic == "true"`. */
  fifo: boolean;
  /** `KmsMasterKeyId`: key id, ARN or alias; absent when the topic is not encrypted at rest. */
  kmsMasterKeyId?: string;
  /** `Policy`, parsed; undefined when it is missing or not JSON. */
  policy?: PolicyStatement[];
  /** `Policy` has a Deny statement conditioned on `aws:SecureTransport`. */
  denyInsecureTransport: boolean;
  /** `TracingConfig`; SNS's default when absent is `PassThrough`. */
  tracing: 'Active' | 'PassThrough';
  /** `SignatureVersion`: `1` (SHA1, the default) or `2` (SHA256). */
  signatureVersion: string;
  /** `SubscriptionsConfirmed`. */
  subscriptionsConfirmed: number;
  /** `SubscriptionsPending`. */
  subscriptionsPending: number;
  /** `<Protocol>SuccessFeedbackRoleArn` / `<Protocol>FailureFeedbackRoleArn`, for each protocol that has one. */
  deliveryStatusLogging: SnsDeliveryLogging[];
  /** `sns:ListSubscriptionsByTopic`; undefined when it could not be read. */
  subscriptions?: SnsSubscription[];
}

export interface SnsDeliveryLogging {
  protocol: SnsFeedbackProtocol;
  successRoleArn?: string;
  failureRoleArn?: string;
}

/** One subscription (`ListSubscriptionsByTopic`, plus `GetSubscriptionAttributes` when confirmed). */
export interface SnsSubscription {
  /** `SubscriptionArn`; absent while it is `PendingConfirmation`. */
  arn?: string;
  /** `Protocol`: sqs, lambda, http, https, email, email-json, sms, application, firehose. */
  protocol: string;
  /**
   * `Endpoint` for ARN endpoints (queues, functions, streams) and URLs without credentials or query
   * string. E-mail addresses and phone numbers are personal data and are not kept.
   */
  endpoint?: string;
  /** `Owner`: the subscriber's account. */
  owner: string;
  /** `SubscriptionArn == "PendingConfirmation"`. */
  pendingConfirmation: boolean;
  /** `RedrivePolicy.deadLetterTargetArn`; absent when there is none or the attributes were not read. */
  deadLetterTargetArn?: string;
  /** Whether `sns:GetSubscriptionAttributes` was read (confirmed `SUBSCRIPTION_DETAIL_PROTOCOLS` ones, collectors/sns.ts). */
  attributesRead: boolean;
}

/** One data stream (`kinesis:ListStreams`, `kinesis:DescribeStreamSummary`). */
export interface KinesisStream {
  /** `StreamName`. */
  name: string;
  /** `StreamARN`. */
  arn: string;
  /** `StreamStatus`: CREATING, DELETING, ACTIVE or UPDATING. */
  status: string;
  /** `StreamModeDetails.StreamMode`. */
  mode: 'PROVISIONED' | 'ON_DEMAND';
  /** `RetentionPeriodHours`. */
  retentionHours: number;
  /** `EncryptionType`: NONE or KMS. */
  encryptionType: 'NONE' | 'KMS';
  /** `KeyId`: a key ARN, id or alias (`alias/aws/kinesis` is the AWS managed key). */
  kmsKeyId?: string;
  /** `EnhancedMonitoring[].ShardLevelMetrics`, flattened (`ALL` stays as sent). */
  shardLevelMetrics: string[];
  /** `OpenShardCount`. */
  openShardCount: number;
  /** `ConsumerCount`: registered enhanced fan-out consumers. */
  consumerCount: number;
  /** `StreamCreationTimestamp` (epoch ms). */
  createdAt: number;
}

/** The kinesis section of the snapshot. */
export interface KinesisInventory {
  streams: KinesisStream[];
}

/** One event bus (`events:ListEventBuses`). */
export interface EventBridgeBus {
  /** `Name`: `default` for the account's default bus. */
  name: string;
  /** `Arn`. */
  arn: string;
  /** `Policy`, parsed; undefined when the bus has none. */
  policy?: PolicyStatement[];
}

/** One rule target (`events:ListTargetsByRule`). Input and input paths are not kept: they may carry data. */
export interface EventBridgeTarget {
  /** `Id`. */
  id: string;
  /** `Arn`: the function, queue, topic, state machine, bus or API destination. */
  arn: string;
  /** `RoleArn`. */
  roleArn?: string;
  /** `DeadLetterConfig.Arn`. */
  deadLetterArn?: string;
  /** `RetryPolicy`; undefined when the target uses the defaults (185 attempts, 86,400 s). */
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAgeSeconds?: number };
  /** Whether an `InputTransformer` reshapes the event. */
  inputTransformer: boolean;
}

/** One rule (`events:ListRules` per bus) with its targets. */
export interface EventBridgeRule {
  /** `Name`. */
  name: string;
  /** `Arn`. */
  arn: string;
  /** `EventBusName`. */
  bus: string;
  /** `State`: ENABLED, DISABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS. */
  state: string;
  /** `ScheduleExpression`, for scheduled rules. */
  scheduleExpression?: string;
  /** `ManagedBy`: set when another AWS service owns the rule. */
  managedBy?: string;
  /** Undefined when `events:ListTargetsByRule` failed for this rule. */
  targets?: EventBridgeTarget[];
}

/** The eventbridge section of the snapshot. */
export interface EventBridgeInventory {
  buses: EventBridgeBus[];
  rules: EventBridgeRule[];
}

/**
 * CloudWatch metrics of Step Functions, SNS, Kinesis and API Gateway resources over the telemetry
 * window (`cloudwatch:GetMetricData`, daily period). Absent when GetMetricData could not be read.
 */
export interface ServiceMetrics {
  windowDays: number;
  /**
   * Resource ARN → CloudWatch metric name → figure over the window. Sums are totals (a metric with
   * no datapoints is a measured 0); maxima (`GetRecords.IteratorAgeMilliseconds`) are the highest
   * daily Maximum, left out when there were no datapoints. Metric names per namespace:
   * AWS/States `ExecutionsStarted`, `ExecutionsFailed`, `ExecutionsTimedOut`, `ExecutionsAborted`,
   * `ExecutionThrottled`; AWS/SNS `NumberOfNotificationsFailed`,
   * `NumberOfNotificationsFailedToRedriveToDlq`; AWS/Kinesis `WriteProvisionedThroughputExceeded`,
   * `ReadProvisionedThroughputExceeded`, `GetRecords.IteratorAgeMilliseconds`; AWS/ApiGateway
   * `5XXError` and `Count` (REST) or `5xx` and `Count` (HTTP).
   */
  byResource: Record<string, Record<string, number>>;
}

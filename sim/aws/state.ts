import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { hash32, Prng } from './prng.js';
import { SimApiGatewayStore } from './stores/apigateway.js';
import { SimEventBridgeStore } from './stores/eventbridge.js';
import { SimKinesisStore } from './stores/kinesis.js';
import { SimSnsStore } from './stores/sns.js';
import { SimWellArchitectedStore } from './stores/wellarchitected.js';
import { TokenBucket } from './token-bucket.js';

// ---------------------------------------------------------------------------------------------
// Accounts, credentials and roles

export interface SimAccessKeySpec {
  accessKeyId: string;
  secretAccessKey: string;
  /** IAM user the key belongs to (default `pillar`). */
  userName?: string;
}

export interface SimRoleSpec {
  name: string;
  /** IAM path, e.g. `/service-role/` (default `/`). */
  path?: string;
  /** Account ids whose principals may assume the role; `'*'` (default) trusts every simulated account. */
  trustedAccounts?: string[] | '*';
  /** Upper bound for AssumeRole DurationSeconds (default 3600, as IAM's default). */
  maxSessionDurationSeconds?: number;
}

export interface SimAccountSpec {
  /** 12 digits. */
  id: string;
  name?: string;
  /** Long-term keys; when omitted the account gets one derived key (see `defaultAccessKey`). */
  accessKeys?: SimAccessKeySpec[];
  roles?: SimRoleSpec[];
}

/** Who made a call, as STS GetCallerIdentity would say. */
export interface Principal {
  accountId: string;
  arn: string;
  userId: string;
  accessKeyId: string;
  kind: 'user' | 'assumed-role';
  /** Assumed roles: the role's name and session. */
  roleName?: string;
  sessionName?: string;
}

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
}

export interface SimAccount {
  id: string;
  name: string;
  keys: Map<string, SimAccessKeySpec>;
  roles: Map<
    string,
    Required<Omit<SimRoleSpec, 'trustedAccounts'>> & { trustedAccounts: string[] | '*'; roleId: string }
  >;
}

/** The derived key of an account created without explicit keys: `AKIASIM<account id>K`. */
export function defaultAccessKey(accountId: string): SimAccessKeySpec {
  return {
    accessKeyId: `AKIASIM${accountId}K`,
    secretAccessKey: `simSecretKey/${accountId}/${'x'.repeat(15)}`,
    userName: 'pillar',
  };
}

/**
 * The accounts a sim starts with when none are given: two workload accounts with a
 * `PillarReadOnly` role each, and the account Pillar itself runs in. The home account also
 * accepts the AWS documentation example key so that copied snippets work.
 */
export const defaultAccounts: SimAccountSpec[] = [
  { id: '111122223333', name: 'prod', roles: [{ name: 'PillarReadOnly' }] },
  { id: '444455556666', name: 'staging', roles: [{ name: 'PillarReadOnly' }] },
  {
    id: '123456789012',
    name: 'pillar',
    accessKeys: [
      defaultAccessKey('123456789012'),
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Logs

export interface SimLogEventInput {
  timestamp: number;
  message: string;
  /**
   * When the event counts as ingested (default: the clock's now at put time). An event whose
   * ingestion time is still in the future is invisible until the clock reaches it, which lets
   * a scenario write a whole hour of traffic up front and have it "arrive" as time passes.
   */
  ingestionTime?: number;
}

export interface StoredLogEvent {
  timestamp: number;
  ingestionTime: number;
  message: string;
  logStreamName: string;
  eventId: string;
  /** Put order within the sim; breaks ties after timestamp and ingestion time. */
  seq: number;
  /** Size as CloudWatch counts it: UTF-8 bytes of the message plus 26. */
  size: number;
}

export interface SimLogStream {
  name: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes: number;
}

export interface SimLogGroup {
  account: string;
  region: string;
  name: string;
  /** ARN without the `:*` suffix (`logGroupArn` in DescribeLogGroups). */
  arn: string;
  creationTime: number;
  retentionInDays?: number;
  /** KMS key ARN the group is encrypted with; absent means AWS-owned keys. */
  kmsKeyId?: string;
  logGroupClass: 'STANDARD' | 'INFREQUENT_ACCESS';
  metricFilterCount: number;
  subscriptionFilters: SimSubscriptionFilter[];
  streams: Map<string, SimLogStream>;
  /** Sorted by timestamp, then ingestion time, then put order. */
  events: StoredLogEvent[];
  storedBytes: number;
}

export interface LogGroupOptions {
  creationTime?: number;
  retentionInDays?: number;
  logGroupClass?: 'STANDARD' | 'INFREQUENT_ACCESS';
  kmsKeyId?: string;
  /** What DescribeLogGroups reports; the sim keeps no metric filters of its own. */
  metricFilterCount?: number;
  subscriptionFilters?: SimSubscriptionFilterSpec[];
}

/** Settable after creation; `null` removes retention or the KMS key. */
export interface LogGroupPatch {
  retentionInDays?: number | null;
  kmsKeyId?: string | null;
  logGroupClass?: 'STANDARD' | 'INFREQUENT_ACCESS';
  metricFilterCount?: number;
  subscriptionFilters?: SimSubscriptionFilterSpec[];
}

export interface SimSubscriptionFilterSpec {
  filterName: string;
  destinationArn: string;
  filterPattern?: string;
  roleArn?: string;
  distribution?: 'Random' | 'ByLogStream';
  creationTime?: number;
}

export interface SimSubscriptionFilter extends Required<Omit<SimSubscriptionFilterSpec, 'roleArn'>> {
  roleArn?: string;
}

/** A Logs Insights query as StartQuery stored it: results are computed at start. */
export interface SimInsightsQuery {
  queryId: string;
  account: string;
  region: string;
  queryString: string;
  createTime: number;
  /** GetQueryResults calls so far; the query reports Running until `pollsBeforeComplete` of them. */
  polls: number;
  /** Failed: the query could not run (answered as status Failed). */
  status: 'Complete' | 'Failed';
  results: { field: string; value: string }[][];
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

/** Knobs for Logs Insights. */
export interface InsightsBehavior {
  /** GetQueryResults calls answered `Running` before `Complete` (default 1). */
  pollsBeforeComplete?: number;
}

/** Knobs for FilterLogEvents paging behaviour that real AWS shows. */
export interface LogsBehavior {
  /**
   * Pages that come back empty while still carrying `nextToken`: the first `first` pages of
   * every paging run, and then every `every`-th page. Real AWS does this on large groups.
   */
  emptyPages?: { first?: number; every?: number };
  /** Page size cap in bytes (AWS: 1 MB). */
  maxPageBytes?: number;
}

// ---------------------------------------------------------------------------------------------
// Lambda

export type LambdaLogFormat = 'Text' | 'JSON';

export interface SimFunctionSpec {
  name: string;
  runtime: string;
  handler?: string;
  memorySize?: number;
  /** Seconds. */
  timeout?: number;
  logFormat?: LambdaLogFormat;
  /** Custom log group (LoggingConfig.LogGroup); default `/aws/lambda/<name>`. */
  logGroup?: string;
  applicationLogLevel?: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
  systemLogLevel?: 'DEBUG' | 'INFO' | 'WARN';
  description?: string;
  architectures?: ('x86_64' | 'arm64')[];
  codeSize?: number;
  /** Epoch ms or ISO; default the clock's now when added. */
  lastModified?: number | string;
  packageType?: 'Zip' | 'Image';
  role?: string;
  tags?: Record<string, string>;
  /** Environment variables (Environment.Variables). */
  environment?: Record<string, string>;
  deadLetterTargetArn?: string;
  kmsKeyArn?: string;
  vpc?: { vpcId: string; subnetIds: string[]; securityGroupIds: string[] };
  layers?: { arn: string; codeSize?: number }[];
  tracingMode?: 'Active' | 'PassThrough';
  /** /tmp size in MB (default 512). */
  ephemeralStorageMB?: number;
  snapStart?: 'None' | 'PublishedVersions';
  /** GetFunctionConfiguration's State (default Active); ListFunctions does not return it. */
  state?: 'Pending' | 'Active' | 'Inactive' | 'Failed';
  stateReason?: string;
  lastUpdateStatus?: 'Successful' | 'Failed' | 'InProgress';
  lastUpdateStatusReason?: string;
  /** Function-level reserved concurrency; absent means none (0 disables the function). */
  reservedConcurrency?: number;
  /** Async invoke configurations (ListFunctionEventInvokeConfigs), per qualifier. */
  eventInvokeConfigs?: SimEventInvokeConfig[];
  /** Resource-based policy statements in IAM's JSON shape; `Resource` defaults to the function ARN. */
  policy?: SimPolicyStatement[];
  /** Function URLs (ListFunctionUrlConfigs). */
  urls?: SimFunctionUrl[];
  aliases?: SimAlias[];
  provisionedConcurrency?: SimProvisionedConcurrency[];
  /** GetRuntimeManagementConfig's UpdateRuntimeOn (default Auto). */
  runtimeUpdateMode?: 'Auto' | 'FunctionUpdate' | 'Manual';
  /** An attached code-signing configuration (default none). */
  codeSigningConfigArn?: string;
  /** GetFunctionRecursionConfig's RecursiveLoop (default Terminate). */
  recursiveLoop?: 'Allow' | 'Terminate';
}

export interface SimEventInvokeConfig {
  /** `$LATEST` (default), a version or an alias. */
  qualifier?: string;
  maximumRetryAttempts?: number;
  maximumEventAgeSeconds?: number;
  onSuccess?: string;
  onFailure?: string;
}

export interface SimPolicyStatement {
  Sid?: string;
  Effect?: 'Allow' | 'Deny';
  Principal: string | Record<string, string | string[]>;
  Action?: string | string[];
  Resource?: string;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface SimFunctionUrl {
  /** An alias name; absent for the unqualified function. */
  qualifier?: string;
  authType: 'NONE' | 'AWS_IAM';
  cors?: {
    allowOrigins?: string[];
    allowMethods?: string[];
    allowHeaders?: string[];
    allowCredentials?: boolean;
  };
  invokeMode?: 'BUFFERED' | 'RESPONSE_STREAM';
}

export interface SimAlias {
  name: string;
  functionVersion: string;
  description?: string;
  /** AdditionalVersionWeights: version → weight (0-1). */
  routingWeights?: Record<string, number>;
}

export interface SimProvisionedConcurrency {
  /** Alias or version. */
  qualifier: string;
  requested: number;
  /** Default: equal to `requested` when READY. */
  allocated?: number;
  status?: 'IN_PROGRESS' | 'READY' | 'FAILED';
  statusReason?: string;
}

export type SimEventSourceKind = 'sqs' | 'kinesis' | 'dynamodb' | 'kafka' | 'mq';

export interface SimEventSourceMappingSpec {
  /** The function's name (same account and region). */
  functionName: string;
  /** Full ARN; or give `kind` and `sourceName` and the sim builds one. */
  eventSourceArn?: string;
  kind?: SimEventSourceKind;
  sourceName?: string;
  uuid?: string;
  state?: 'Creating' | 'Enabling' | 'Enabled' | 'Disabling' | 'Disabled' | 'Updating' | 'Deleting';
  stateTransitionReason?: string;
  lastProcessingResult?: string;
  batchSize?: number;
  maximumBatchingWindowSeconds?: number;
  /** Streams: -1 (default) retries until the record expires. */
  maximumRetryAttempts?: number;
  /** Streams: -1 (default) means no limit. */
  maximumRecordAgeSeconds?: number;
  bisectBatchOnFunctionError?: boolean;
  onFailureDestination?: string;
  functionResponseTypes?: 'ReportBatchItemFailures'[];
  startingPosition?: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
  parallelizationFactor?: number;
  lastModified?: number;
}

export interface SimEventSourceMapping {
  uuid: string;
  account: string;
  region: string;
  functionArn: string;
  eventSourceArn: string;
  kind: SimEventSourceKind;
  spec: SimEventSourceMappingSpec;
  lastModified: number;
}

/** GetAccountSettings: limits are settable, usage is computed from the functions. */
export interface SimLambdaAccountLimits {
  concurrentExecutions?: number;
  /** Bytes (default 75 GB). */
  totalCodeSize?: number;
}

export interface SimFunction {
  account: string;
  region: string;
  name: string;
  arn: string;
  runtime: string;
  handler: string;
  memorySize: number;
  timeout: number;
  logFormat: LambdaLogFormat;
  logGroup: string;
  applicationLogLevel: string;
  systemLogLevel: string;
  description: string;
  architectures: ('x86_64' | 'arm64')[];
  codeSize: number;
  lastModified: number;
  packageType: 'Zip' | 'Image';
  role: string;
  codeSha256: string;
  revisionId: string;
  tags: Record<string, string>;
  environment?: Record<string, string>;
  deadLetterTargetArn?: string;
  kmsKeyArn?: string;
  vpc?: { vpcId: string; subnetIds: string[]; securityGroupIds: string[] };
  layers: { arn: string; codeSize: number }[];
  tracingMode: 'Active' | 'PassThrough';
  ephemeralStorageMB: number;
  snapStart: 'None' | 'PublishedVersions';
  state: 'Pending' | 'Active' | 'Inactive' | 'Failed';
  stateReason?: string;
  lastUpdateStatus: 'Successful' | 'Failed' | 'InProgress';
  lastUpdateStatusReason?: string;
  reservedConcurrency?: number;
  eventInvokeConfigs: SimEventInvokeConfig[];
  policy?: SimPolicyStatement[];
  urls: SimFunctionUrl[];
  aliases: SimAlias[];
  provisionedConcurrency: SimProvisionedConcurrency[];
  runtimeUpdateMode: 'Auto' | 'FunctionUpdate' | 'Manual';
  codeSigningConfigArn?: string;
  recursiveLoop: 'Allow' | 'Terminate';
}

/** A CloudWatch Logs resource policy (PutResourcePolicy), account-wide in one region. */
export interface SimLogResourcePolicy {
  name: string;
  statements: SimPolicyStatement[];
  lastUpdatedTime: number;
}

// ---------------------------------------------------------------------------------------------
// SQS and DynamoDB

export interface SimQueueSpec {
  /** Ends in `.fifo` for FIFO queues. */
  name: string;
  visibilityTimeout?: number;
  /** Seconds (default 345600, four days). */
  messageRetentionPeriod?: number;
  delaySeconds?: number;
  receiveMessageWaitTimeSeconds?: number;
  maximumMessageSize?: number;
  kmsMasterKeyId?: string;
  /** Default true, as SQS has for new queues since 2022 (false when a KMS key is set). */
  sqsManagedSseEnabled?: boolean;
  /** Name or ARN of the dead-letter queue. */
  deadLetterTarget?: string;
  maxReceiveCount?: number;
  redriveAllowPolicy?: { redrivePermission: 'allowAll' | 'denyAll' | 'byQueue'; sourceQueueArns?: string[] };
  policy?: SimPolicyStatement[];
  approximateNumberOfMessages?: number;
  tags?: Record<string, string>;
  createdTimestamp?: number;
}

export interface SimQueue {
  account: string;
  region: string;
  name: string;
  arn: string;
  url: string;
  spec: SimQueueSpec;
  createdTimestamp: number;
}

export interface SimTableSpec {
  name: string;
  billingMode?: 'PROVISIONED' | 'PAY_PER_REQUEST';
  readCapacityUnits?: number;
  writeCapacityUnits?: number;
  itemCount?: number;
  sizeBytes?: number;
  /** `KMS` with a key ARN (customer or AWS managed); absent means AWS owned key. */
  kmsKeyArn?: string;
  streamViewType?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  tableClass?: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  deletionProtection?: boolean;
  pointInTimeRecovery?: boolean;
  ttlAttribute?: string;
  globalTableVersion?: '2017.11.29' | '2019.11.21';
  globalSecondaryIndexes?: { name: string; readCapacityUnits?: number; writeCapacityUnits?: number }[];
  tags?: Record<string, string>;
  creationTime?: number;
}

export interface SimTable {
  account: string;
  region: string;
  name: string;
  arn: string;
  tableId: string;
  spec: SimTableSpec;
  creationTime: number;
}

// ---------------------------------------------------------------------------------------------
// Step Functions

export interface SimStateMachineSpec {
  name: string;
  /** Default STANDARD. */
  type?: 'STANDARD' | 'EXPRESS';
  /** The Amazon States Language document (an object is serialised; a string is sent as is). */
  definition: unknown;
  roleArn?: string;
  /** Default level OFF without execution data, as the console creates machines. */
  logging?: {
    level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
    includeExecutionData?: boolean;
    logGroupArn?: string;
  };
  /** X-Ray tracing; default off. */
  tracing?: boolean;
  /** Default AWS owned key. */
  kmsKeyId?: string;
  creationDate?: number;
}

export interface SimStateMachine {
  account: string;
  region: string;
  name: string;
  arn: string;
  spec: SimStateMachineSpec;
  creationDate: number;
}

// ---------------------------------------------------------------------------------------------
// CloudWatch alarms

/** One metric an alarm watches: the alarm's own metric, or one of a metric-math alarm's. */
export interface SimAlarmMetric {
  namespace: string;
  metricName: string;
  dimensions?: Record<string, string>;
}

export interface SimAlarmSpec {
  name: string;
  /** Single-metric alarm: Namespace, MetricName and Dimensions on the alarm itself. */
  namespace?: string;
  metricName?: string;
  dimensions?: Record<string, string>;
  /** Metric-math alarm: its `Metrics` queries (used instead of namespace and metricName). */
  metrics?: SimAlarmMetric[];
  /** Default true. */
  actionsEnabled?: boolean;
  alarmActions?: string[];
  okActions?: string[];
  /** Default INSUFFICIENT_DATA, as for a new alarm. */
  stateValue?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  /** Default now. */
  stateUpdatedTimestamp?: number;
  statistic?: string;
  period?: number;
  threshold?: number;
  comparisonOperator?: string;
  evaluationPeriods?: number;
}

export interface SimAlarm {
  account: string;
  region: string;
  name: string;
  arn: string;
  spec: SimAlarmSpec;
  stateUpdatedTimestamp: number;
}

// ---------------------------------------------------------------------------------------------
// Metrics and quotas

export interface SimMetricDatum {
  account: string;
  region: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  timestamp: number;
  value: number;
  unit?: string;
}

export interface SimQuota {
  /** FilterLogEvents calls per second per account and region; null or undefined switches it off. */
  filterLogEventsTps?: number | null;
  /** Bucket size (default: the rate). */
  filterLogEventsBurst?: number;
}

interface RegionData {
  logGroups: Map<string, SimLogGroup>;
  functions: Map<string, SimFunction>;
  metrics: SimMetricDatum[];
  eventSourceMappings: SimEventSourceMapping[];
  lambdaLimits: SimLambdaAccountLimits;
  logResourcePolicies: SimLogResourcePolicy[];
  queues: Map<string, SimQueue>;
  tables: Map<string, SimTable>;
  alarms: Map<string, SimAlarm>;
  stateMachines: Map<string, SimStateMachine>;
}

export class SimState {
  readonly clock: Clock;
  private readonly accountsById = new Map<string, SimAccount>();
  private readonly keyIndex = new Map<string, { account: string; key: SimAccessKeySpec }>();
  private readonly temporary = new Map<string, TemporaryCredentials & { principal: Principal }>();
  private readonly regions = new Map<string, RegionData>();
  private readonly quotas = new Map<string, SimQuota>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly queries = new Map<string, SimInsightsQuery>();
  private seq = 0;
  private tempCounter = 0;
  private queryCounter = 0;
  logsBehavior: LogsBehavior = {};
  insightsBehavior: InsightsBehavior = {};
  /** Services kept in their own stores (one file each): API Gateway v1 and v2, SNS, Kinesis, EventBridge, the Well-Architected Tool. */
  readonly apigateway: SimApiGatewayStore;
  readonly sns: SimSnsStore;
  readonly kinesis: SimKinesisStore;
  readonly eventbridge: SimEventBridgeStore;
  readonly wellarchitected: SimWellArchitectedStore;

  constructor(clock: Clock, accounts: SimAccountSpec[] = defaultAccounts) {
    this.clock = clock;
    this.apigateway = new SimApiGatewayStore(clock);
    this.sns = new SimSnsStore(clock);
    this.kinesis = new SimKinesisStore(clock);
    this.eventbridge = new SimEventBridgeStore(clock);
    this.wellarchitected = new SimWellArchitectedStore(clock);
    for (const a of accounts) this.addAccount(a);
  }

  // --- accounts --------------------------------------------------------------------------------

  addAccount(spec: SimAccountSpec): SimAccount {
    if (!/^\d{12}$/.test(spec.id)) throw new Error(`account id must be 12 digits: ${spec.id}`);
    if (this.accountsById.has(spec.id)) throw new Error(`account ${spec.id} already exists`);
    const account: SimAccount = {
      id: spec.id,
      name: spec.name ?? spec.id,
      keys: new Map(),
      roles: new Map(),
    };
    this.accountsById.set(spec.id, account);
    for (const key of spec.accessKeys ?? [defaultAccessKey(spec.id)]) this.addAccessKey(spec.id, key);
    for (const role of spec.roles ?? []) this.addRole(spec.id, role);
    return account;
  }

  account(id: string): SimAccount {
    const a = this.accountsById.get(id);
    if (!a) throw new Error(`unknown simulated account ${id}`);
    return a;
  }

  accounts(): SimAccount[] {
    return [...this.accountsById.values()];
  }

  addAccessKey(accountId: string, key: SimAccessKeySpec): SimAccessKeySpec {
    const account = this.account(accountId);
    if (this.keyIndex.has(key.accessKeyId)) throw new Error(`access key ${key.accessKeyId} already exists`);
    const stored = { userName: 'pillar', ...key };
    account.keys.set(key.accessKeyId, stored);
    this.keyIndex.set(key.accessKeyId, { account: accountId, key: stored });
    return stored;
  }

  /** Adds an IAM role and returns its ARN. */
  addRole(accountId: string, spec: SimRoleSpec): string {
    const account = this.account(accountId);
    const path = spec.path ?? '/';
    account.roles.set(spec.name, {
      name: spec.name,
      path,
      trustedAccounts: spec.trustedAccounts ?? '*',
      maxSessionDurationSeconds: spec.maxSessionDurationSeconds ?? 3600,
      roleId: `AROA${derivedId(`${accountId}:role:${spec.name}`)}`,
    });
    return roleArn(accountId, spec.name, path);
  }

  /** Resolves a request's access key (and session token for temporary keys). */
  resolveAccessKey(
    accessKeyId: string,
    sessionToken: string | undefined,
  ): { principal: Principal } | { error: 'unknown' | 'expired' } {
    const temp = this.temporary.get(accessKeyId);
    if (temp) {
      if (sessionToken !== temp.sessionToken) return { error: 'unknown' };
      if (this.clock.now() >= temp.expiration) return { error: 'expired' };
      return { principal: temp.principal };
    }
    const found = this.keyIndex.get(accessKeyId);
    if (!found) return { error: 'unknown' };
    const userName = found.key.userName ?? 'pillar';
    return {
      principal: {
        accountId: found.account,
        arn: `arn:aws:iam::${found.account}:user/${userName}`,
        userId: `AIDA${derivedId(`${found.account}:user:${userName}`)}`,
        accessKeyId,
        kind: 'user',
      },
    };
  }

  /**
   * AssumeRole's decision and credentials. Returns `denied` when the role does not exist or its
   * trust does not name the caller's account.
   */
  assumeRole(
    caller: Principal,
    arn: string,
    sessionName: string,
    durationSeconds: number,
  ): { denied: true } | { denied: false; credentials: TemporaryCredentials; principal: Principal } {
    const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn);
    if (!m) return { denied: true };
    const accountId = m[1] as string;
    const name = m[2] as string;
    const role = this.accountsById.get(accountId)?.roles.get(name);
    if (!role) return { denied: true };
    if (role.trustedAccounts !== '*' && !role.trustedAccounts.includes(caller.accountId))
      return { denied: true };
    this.tempCounter++;
    const accessKeyId = `ASIASIM${String(this.tempCounter).padStart(13, '0')}`;
    const principal: Principal = {
      accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${name}/${sessionName}`,
      userId: `${role.roleId}:${sessionName}`,
      accessKeyId,
      kind: 'assumed-role',
      roleName: name,
      sessionName,
    };
    const credentials: TemporaryCredentials = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(180).toString('base64')}`,
      // Whole seconds, as STS's Expiration carries no milliseconds.
      expiration: Math.floor((this.clock.now() + durationSeconds * 1000) / 1000) * 1000,
    };
    this.temporary.set(accessKeyId, { ...credentials, principal });
    return { denied: false, credentials, principal };
  }

  maxSessionDuration(arn: string): number | undefined {
    const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn);
    if (!m) return undefined;
    return this.accountsById.get(m[1] as string)?.roles.get(m[2] as string)?.maxSessionDurationSeconds;
  }

  // --- regions ---------------------------------------------------------------------------------

  private region(account: string, region: string): RegionData {
    this.account(account);
    const key = `${account}/${region}`;
    let data = this.regions.get(key);
    if (!data) {
      data = {
        logGroups: new Map(),
        functions: new Map(),
        metrics: [],
        eventSourceMappings: [],
        lambdaLimits: {},
        logResourcePolicies: [],
        queues: new Map(),
        tables: new Map(),
        alarms: new Map(),
        stateMachines: new Map(),
      };
      this.regions.set(key, data);
    }
    return data;
  }

  // --- logs ------------------------------------------------------------------------------------

  createLogGroup(account: string, region: string, name: string, options: LogGroupOptions = {}): SimLogGroup {
    const data = this.region(account, region);
    const existing = data.logGroups.get(name);
    if (existing) return existing;
    const group: SimLogGroup = {
      account,
      region,
      name,
      arn: `arn:aws:logs:${region}:${account}:log-group:${name}`,
      creationTime: options.creationTime ?? this.clock.now(),
      logGroupClass: options.logGroupClass ?? 'STANDARD',
      metricFilterCount: options.metricFilterCount ?? 0,
      subscriptionFilters: [],
      streams: new Map(),
      events: [],
      storedBytes: 0,
    };
    if (options.retentionInDays !== undefined) group.retentionInDays = options.retentionInDays;
    if (options.kmsKeyId !== undefined) group.kmsKeyId = options.kmsKeyId;
    if (options.subscriptionFilters) this.setSubscriptionFilters(group, options.subscriptionFilters);
    data.logGroups.set(name, group);
    return group;
  }

  /** Changes a group's settings (retention, KMS key, class, filters), as the Put* calls would. */
  updateLogGroup(account: string, region: string, name: string, patch: LogGroupPatch): SimLogGroup {
    const group = this.logGroup(account, region, name);
    if (!group) throw new Error(`unknown log group ${name} in ${account}/${region}`);
    if (patch.retentionInDays === null) delete group.retentionInDays;
    else if (patch.retentionInDays !== undefined) group.retentionInDays = patch.retentionInDays;
    if (patch.kmsKeyId === null) delete group.kmsKeyId;
    else if (patch.kmsKeyId !== undefined) group.kmsKeyId = patch.kmsKeyId;
    if (patch.logGroupClass !== undefined) group.logGroupClass = patch.logGroupClass;
    if (patch.metricFilterCount !== undefined) group.metricFilterCount = patch.metricFilterCount;
    if (patch.subscriptionFilters !== undefined)
      this.setSubscriptionFilters(group, patch.subscriptionFilters);
    return group;
  }

  private setSubscriptionFilters(group: SimLogGroup, specs: SimSubscriptionFilterSpec[]): void {
    // CloudWatch Logs allows two subscription filters per group.
    if (specs.length > 2) throw new Error('a log group has at most 2 subscription filters');
    group.subscriptionFilters = specs
      .map((f) => ({
        filterName: f.filterName,
        destinationArn: f.destinationArn,
        filterPattern: f.filterPattern ?? '',
        distribution: f.distribution ?? 'ByLogStream',
        creationTime: f.creationTime ?? this.clock.now(),
        ...(f.roleArn === undefined ? {} : { roleArn: f.roleArn }),
      }))
      .sort((a, b) => compareStrings(a.filterName, b.filterName));
  }

  logGroup(account: string, region: string, name: string): SimLogGroup | undefined {
    return this.region(account, region).logGroups.get(name);
  }

  /** Log groups of one account and region, sorted by name as DescribeLogGroups lists them. */
  logGroups(account: string, region: string): SimLogGroup[] {
    return [...this.region(account, region).logGroups.values()].sort((a, b) =>
      compareStrings(a.name, b.name),
    );
  }

  createLogStream(
    account: string,
    region: string,
    group: string,
    name: string,
    creationTime?: number,
  ): SimLogStream {
    const g = this.logGroup(account, region, group) ?? this.createLogGroup(account, region, group);
    const existing = g.streams.get(name);
    if (existing) return existing;
    const stream: SimLogStream = { name, creationTime: creationTime ?? this.clock.now(), storedBytes: 0 };
    g.streams.set(name, stream);
    return stream;
  }

  /**
   * Stores events as PutLogEvents would, creating the group and stream when missing (the wire
   * API is strict about that; this helper is for tests and scenarios). Returns the stored events.
   */
  putLogEvents(
    account: string,
    region: string,
    logGroup: string,
    logStream: string,
    events: SimLogEventInput[],
  ): StoredLogEvent[] {
    const group = this.logGroup(account, region, logGroup) ?? this.createLogGroup(account, region, logGroup);
    const firstTs = events.reduce((min, e) => Math.min(min, e.timestamp), Number.POSITIVE_INFINITY);
    const stream =
      group.streams.get(logStream) ??
      this.createLogStream(
        account,
        region,
        logGroup,
        logStream,
        Number.isFinite(firstTs) ? firstTs : undefined,
      );
    const now = this.clock.now();
    const groupHash = hash32(group.arn) % 1_000_000_000_000;
    const stored: StoredLogEvent[] = [];
    for (const e of events) {
      this.seq++;
      const size = Buffer.byteLength(e.message, 'utf8') + 26;
      const ev: StoredLogEvent = {
        timestamp: e.timestamp,
        ingestionTime: e.ingestionTime ?? now,
        message: e.message,
        logStreamName: logStream,
        // 56 digits like real ids; unique through the sequence, stable because stored.
        eventId: `${String(e.timestamp).padStart(20, '0')}${String(groupHash).padStart(12, '0')}${String(this.seq).padStart(24, '0')}`,
        seq: this.seq,
        size,
      };
      insertSorted(group.events, ev);
      stored.push(ev);
      stream.storedBytes += size;
      group.storedBytes += size;
      stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? ev.timestamp, ev.timestamp);
      stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? ev.timestamp, ev.timestamp);
      stream.lastIngestionTime = Math.max(stream.lastIngestionTime ?? ev.ingestionTime, ev.ingestionTime);
    }
    return stored;
  }

  /** Events of a group that have been ingested by now (see SimLogEventInput.ingestionTime). */
  visibleEvents(group: SimLogGroup): StoredLogEvent[] {
    const now = this.clock.now();
    return group.events.filter((e) => e.ingestionTime <= now);
  }

  /** Adds or replaces a Logs resource policy by name (PutResourcePolicy). */
  putLogResourcePolicy(
    account: string,
    region: string,
    name: string,
    statements: SimPolicyStatement[],
  ): void {
    const list = this.region(account, region).logResourcePolicies;
    const policy = {
      name,
      statements: statements.map((st) => ({ ...st })),
      lastUpdatedTime: this.clock.now(),
    };
    const i = list.findIndex((p) => p.name === name);
    if (i >= 0) list[i] = policy;
    else list.push(policy);
  }

  logResourcePolicies(account: string, region: string): SimLogResourcePolicy[] {
    return this.region(account, region).logResourcePolicies;
  }

  // --- logs insights ---------------------------------------------------------------------------

  /** Stores a started query and returns its id (a UUID-shaped counter, stable across runs). */
  addQuery(query: Omit<SimInsightsQuery, 'queryId' | 'polls' | 'createTime'>): SimInsightsQuery {
    this.queryCounter++;
    const hex = String(this.queryCounter).padStart(12, '0');
    const stored: SimInsightsQuery = {
      ...query,
      queryId: `0000${hex.slice(0, 4)}-51ae-4a1c-9e1a-${hex}`,
      polls: 0,
      createTime: this.clock.now(),
    };
    this.queries.set(stored.queryId, stored);
    return stored;
  }

  query(queryId: string): SimInsightsQuery | undefined {
    return this.queries.get(queryId);
  }

  setInsightsBehavior(behavior: InsightsBehavior): void {
    this.insightsBehavior = { ...behavior };
  }

  setLogsBehavior(behavior: LogsBehavior): void {
    // Every page empty would never end a paging run.
    if (behavior.emptyPages?.every === 1) throw new Error('emptyPages.every must be 0 (off) or at least 2');
    this.logsBehavior = { ...behavior };
  }

  // --- lambda ----------------------------------------------------------------------------------

  addFunction(account: string, region: string, spec: SimFunctionSpec): SimFunction {
    const data = this.region(account, region);
    const lastModified =
      spec.lastModified === undefined
        ? this.clock.now()
        : typeof spec.lastModified === 'number'
          ? spec.lastModified
          : Date.parse(spec.lastModified);
    const prng = new Prng(`${account}:${region}:${spec.name}`);
    const fn: SimFunction = {
      account,
      region,
      name: spec.name,
      arn: `arn:aws:lambda:${region}:${account}:function:${spec.name}`,
      runtime: spec.runtime,
      handler: spec.handler ?? defaultHandler(spec.runtime),
      memorySize: spec.memorySize ?? 128,
      timeout: spec.timeout ?? 3,
      logFormat: spec.logFormat ?? 'Text',
      logGroup: spec.logGroup ?? `/aws/lambda/${spec.name}`,
      applicationLogLevel: spec.applicationLogLevel ?? 'INFO',
      systemLogLevel: spec.systemLogLevel ?? 'INFO',
      description: spec.description ?? '',
      architectures: spec.architectures ?? ['x86_64'],
      codeSize: spec.codeSize ?? prng.int(2_000, 9_000_000),
      lastModified,
      packageType: spec.packageType ?? 'Zip',
      role: spec.role ?? `arn:aws:iam::${account}:role/service-role/${spec.name}-role-${prng.hex(8)}`,
      codeSha256: Buffer.from(prng.hex(64), 'hex').toString('base64'),
      revisionId: prng.uuid(),
      tags: { ...spec.tags },
      layers: [],
      tracingMode: 'PassThrough',
      ephemeralStorageMB: 512,
      snapStart: 'None',
      state: 'Active',
      lastUpdateStatus: 'Successful',
      eventInvokeConfigs: [],
      urls: [],
      aliases: [],
      provisionedConcurrency: [],
      runtimeUpdateMode: 'Auto',
      recursiveLoop: 'Terminate',
    };
    applyFunctionSpec(fn, spec);
    data.functions.set(spec.name, fn);
    return fn;
  }

  /** Changes a function's configuration, as UpdateFunctionConfiguration and the Put calls would (name and ARN stay). */
  updateFunction(
    account: string,
    region: string,
    name: string,
    patch: Partial<Omit<SimFunctionSpec, 'name'>>,
  ): SimFunction {
    const fn = this.getFunction(account, region, name);
    if (!fn) throw new Error(`unknown function ${name} in ${account}/${region}`);
    if (patch.runtime !== undefined) fn.runtime = patch.runtime;
    if (patch.handler !== undefined) fn.handler = patch.handler;
    if (patch.memorySize !== undefined) fn.memorySize = patch.memorySize;
    if (patch.timeout !== undefined) fn.timeout = patch.timeout;
    if (patch.logFormat !== undefined) fn.logFormat = patch.logFormat;
    if (patch.logGroup !== undefined) fn.logGroup = patch.logGroup;
    if (patch.description !== undefined) fn.description = patch.description;
    if (patch.architectures !== undefined) fn.architectures = [...patch.architectures];
    if (patch.role !== undefined) fn.role = patch.role;
    if (patch.tags !== undefined) fn.tags = { ...patch.tags };
    applyFunctionSpec(fn, patch);
    return fn;
  }

  // --- lambda: event source mappings and account settings --------------------------------------

  addEventSourceMapping(
    account: string,
    region: string,
    spec: SimEventSourceMappingSpec,
  ): SimEventSourceMapping {
    const data = this.region(account, region);
    const fn = data.functions.get(spec.functionName);
    if (!fn) throw new Error(`unknown function ${spec.functionName} in ${account}/${region}`);
    const kind = spec.kind ?? kindOfSourceArn(spec.eventSourceArn ?? '');
    if (!kind) throw new Error('an event source mapping needs a kind or a recognisable eventSourceArn');
    const source = spec.sourceName ?? `${fn.name}-source`;
    const arn = spec.eventSourceArn ?? sourceArn(kind, region, account, source);
    const prng = new Prng(`${account}:${region}:esm:${fn.name}:${arn}`);
    const esm: SimEventSourceMapping = {
      uuid: spec.uuid ?? prng.uuid(),
      account,
      region,
      functionArn: fn.arn,
      eventSourceArn: arn,
      kind,
      spec: { ...spec },
      lastModified: spec.lastModified ?? this.clock.now(),
    };
    data.eventSourceMappings.push(esm);
    return esm;
  }

  /** Mappings of one account and region, in creation order (ListEventSourceMappings' order). */
  eventSourceMappings(account: string, region: string): SimEventSourceMapping[] {
    return this.region(account, region).eventSourceMappings;
  }

  setLambdaAccountLimits(account: string, region: string, limits: SimLambdaAccountLimits): void {
    this.region(account, region).lambdaLimits = { ...limits };
  }

  lambdaAccountLimits(account: string, region: string): Required<SimLambdaAccountLimits> {
    const l = this.region(account, region).lambdaLimits;
    // Lambda's defaults: 1,000 concurrent executions and 75 GB of code storage.
    return {
      concurrentExecutions: l.concurrentExecutions ?? 1000,
      totalCodeSize: l.totalCodeSize ?? 80_530_636_800,
    };
  }

  /** Functions of one account and region, sorted by name. */
  functions(account: string, region: string): SimFunction[] {
    return [...this.region(account, region).functions.values()].sort((a, b) =>
      compareStrings(a.name, b.name),
    );
  }

  getFunction(account: string, region: string, name: string): SimFunction | undefined {
    return this.region(account, region).functions.get(name);
  }

  // --- sqs and dynamodb ------------------------------------------------------------------------

  /** Adds or replaces a queue. A dead-letter target given by name is turned into its ARN. */
  addQueue(account: string, region: string, spec: SimQueueSpec): SimQueue {
    const target = spec.deadLetterTarget;
    const queue: SimQueue = {
      account,
      region,
      name: spec.name,
      arn: `arn:aws:sqs:${region}:${account}:${spec.name}`,
      url: `https://sqs.${region}.amazonaws.com/${account}/${spec.name}`,
      spec: {
        ...spec,
        ...(target && !target.startsWith('arn:')
          ? { deadLetterTarget: `arn:aws:sqs:${region}:${account}:${target}` }
          : {}),
      },
      createdTimestamp: spec.createdTimestamp ?? this.clock.now(),
    };
    this.region(account, region).queues.set(spec.name, queue);
    return queue;
  }

  /** Queues of one account and region, sorted by name. */
  queues(account: string, region: string): SimQueue[] {
    return [...this.region(account, region).queues.values()].sort((a, b) => compareStrings(a.name, b.name));
  }

  getQueue(account: string, region: string, name: string): SimQueue | undefined {
    return this.region(account, region).queues.get(name);
  }

  /** Adds or replaces a table. */
  addTable(account: string, region: string, spec: SimTableSpec): SimTable {
    const prng = new Prng(`${account}:${region}:table:${spec.name}`);
    const table: SimTable = {
      account,
      region,
      name: spec.name,
      arn: `arn:aws:dynamodb:${region}:${account}:table/${spec.name}`,
      tableId: prng.uuid(),
      spec: { ...spec },
      creationTime: spec.creationTime ?? this.clock.now(),
    };
    this.region(account, region).tables.set(spec.name, table);
    return table;
  }

  /** Tables of one account and region, sorted by name (ListTables' order). */
  tables(account: string, region: string): SimTable[] {
    return [...this.region(account, region).tables.values()].sort((a, b) => compareStrings(a.name, b.name));
  }

  getTable(account: string, region: string, name: string): SimTable | undefined {
    return this.region(account, region).tables.get(name);
  }

  // --- metrics ---------------------------------------------------------------------------------

  /** Adds a datapoint that GetMetricData merges with what it derives from logs. */
  /** Adds or replaces a state machine. */
  addStateMachine(account: string, region: string, spec: SimStateMachineSpec): SimStateMachine {
    const machine: SimStateMachine = {
      account,
      region,
      name: spec.name,
      arn: `arn:aws:states:${region}:${account}:stateMachine:${spec.name}`,
      spec,
      creationDate: spec.creationDate ?? this.clock.now(),
    };
    this.region(account, region).stateMachines.set(spec.name, machine);
    return machine;
  }

  /** State machines of one account and region, sorted by name. */
  stateMachines(account: string, region: string): SimStateMachine[] {
    return [...this.region(account, region).stateMachines.values()].sort((a, b) =>
      compareStrings(a.name, b.name),
    );
  }

  getStateMachine(account: string, region: string, name: string): SimStateMachine | undefined {
    return this.region(account, region).stateMachines.get(name);
  }

  /** Adds or replaces a metric alarm. */
  addAlarm(account: string, region: string, spec: SimAlarmSpec): SimAlarm {
    const alarm: SimAlarm = {
      account,
      region,
      name: spec.name,
      arn: `arn:aws:cloudwatch:${region}:${account}:alarm:${spec.name}`,
      spec,
      stateUpdatedTimestamp: spec.stateUpdatedTimestamp ?? this.clock.now(),
    };
    this.region(account, region).alarms.set(spec.name, alarm);
    return alarm;
  }

  /** Metric alarms of one account and region, sorted by name (as DescribeAlarms lists them). */
  alarms(account: string, region: string): SimAlarm[] {
    return [...this.region(account, region).alarms.values()].sort((a, b) => compareStrings(a.name, b.name));
  }

  putMetric(datum: Omit<SimMetricDatum, 'dimensions'> & { dimensions?: Record<string, string> }): void {
    this.region(datum.account, datum.region).metrics.push({ ...datum, dimensions: datum.dimensions ?? {} });
  }

  metrics(account: string, region: string): SimMetricDatum[] {
    return this.region(account, region).metrics;
  }

  // --- quotas ----------------------------------------------------------------------------------

  /**
   * Sets quotas for every account and region, or for one account and/or region. Off by default.
   * Resets the affected token buckets.
   */
  setQuota(quota: SimQuota, scope: { account?: string; region?: string } = {}): void {
    this.quotas.set(`${scope.account ?? '*'}/${scope.region ?? '*'}`, { ...quota });
    this.buckets.clear();
  }

  private quotaFor(account: string, region: string): SimQuota {
    return {
      ...this.quotas.get('*/*'),
      ...this.quotas.get(`*/${region}`),
      ...this.quotas.get(`${account}/*`),
      ...this.quotas.get(`${account}/${region}`),
    };
  }

  /** True when a FilterLogEvents call may go ahead under the account-region quota. */
  takeFilterLogEventsToken(account: string, region: string): boolean {
    const q = this.quotaFor(account, region);
    if (q.filterLogEventsTps === undefined || q.filterLogEventsTps === null) return true;
    const key = `${account}/${region}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(
        this.clock,
        q.filterLogEventsTps,
        q.filterLogEventsBurst ?? q.filterLogEventsTps,
      );
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }
}

/** Copies the optional configuration of a spec or patch onto a function. */
function applyFunctionSpec(fn: SimFunction, spec: Partial<SimFunctionSpec>): void {
  if (spec.environment !== undefined) fn.environment = { ...spec.environment };
  if (spec.deadLetterTargetArn !== undefined) fn.deadLetterTargetArn = spec.deadLetterTargetArn;
  if (spec.kmsKeyArn !== undefined) fn.kmsKeyArn = spec.kmsKeyArn;
  if (spec.vpc !== undefined) fn.vpc = { ...spec.vpc };
  if (spec.layers !== undefined) {
    fn.layers = spec.layers.map((l) => ({
      arn: l.arn,
      codeSize: l.codeSize ?? new Prng(l.arn).int(10_000, 20_000_000),
    }));
  }
  if (spec.tracingMode !== undefined) fn.tracingMode = spec.tracingMode;
  if (spec.ephemeralStorageMB !== undefined) fn.ephemeralStorageMB = spec.ephemeralStorageMB;
  if (spec.snapStart !== undefined) fn.snapStart = spec.snapStart;
  if (spec.state !== undefined) fn.state = spec.state;
  if (spec.stateReason !== undefined) fn.stateReason = spec.stateReason;
  if (spec.lastUpdateStatus !== undefined) fn.lastUpdateStatus = spec.lastUpdateStatus;
  if (spec.lastUpdateStatusReason !== undefined) fn.lastUpdateStatusReason = spec.lastUpdateStatusReason;
  if (spec.reservedConcurrency !== undefined) fn.reservedConcurrency = spec.reservedConcurrency;
  if (spec.eventInvokeConfigs !== undefined)
    fn.eventInvokeConfigs = spec.eventInvokeConfigs.map((c) => ({ ...c }));
  if (spec.policy !== undefined) fn.policy = spec.policy.map((p) => ({ ...p }));
  if (spec.urls !== undefined) fn.urls = spec.urls.map((u) => ({ ...u }));
  if (spec.aliases !== undefined) fn.aliases = spec.aliases.map((a) => ({ ...a }));
  if (spec.provisionedConcurrency !== undefined)
    fn.provisionedConcurrency = spec.provisionedConcurrency.map((p) => ({ ...p }));
  if (spec.runtimeUpdateMode !== undefined) fn.runtimeUpdateMode = spec.runtimeUpdateMode;
  if (spec.codeSigningConfigArn !== undefined) fn.codeSigningConfigArn = spec.codeSigningConfigArn;
  if (spec.recursiveLoop !== undefined) fn.recursiveLoop = spec.recursiveLoop;
}

function kindOfSourceArn(arn: string): SimEventSourceKind | undefined {
  const service = /^arn:aws[\w-]*:([\w-]+):/.exec(arn)?.[1];
  if (service === 'sqs' || service === 'kinesis' || service === 'dynamodb' || service === 'mq')
    return service;
  if (service === 'kafka') return 'kafka';
  return undefined;
}

function sourceArn(kind: SimEventSourceKind, region: string, account: string, name: string): string {
  switch (kind) {
    case 'sqs':
      return `arn:aws:sqs:${region}:${account}:${name}`;
    case 'kinesis':
      return `arn:aws:kinesis:${region}:${account}:stream/${name}`;
    case 'dynamodb':
      return `arn:aws:dynamodb:${region}:${account}:table/${name}/stream/2026-01-01T00:00:00.000`;
    case 'kafka':
      return `arn:aws:kafka:${region}:${account}:cluster/${name}/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-1`;
    case 'mq':
      return `arn:aws:mq:${region}:${account}:broker:${name}:b-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
  }
}

export function roleArn(accountId: string, name: string, path = '/'): string {
  return `arn:aws:iam::${accountId}:role${path}${name}`;
}

function derivedId(seed: string): string {
  const prng = new Prng(seed);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  for (let i = 0; i < 17; i++) out += alphabet[prng.int(0, alphabet.length - 1)];
  return out;
}

function defaultHandler(runtime: string): string {
  if (runtime.startsWith('nodejs')) return 'index.handler';
  if (runtime.startsWith('python')) return 'app.handler';
  if (runtime.startsWith('java')) return 'com.example.Handler::handleRequest';
  if (runtime.startsWith('dotnet')) return 'Function::Function.Handler::FunctionHandler';
  if (runtime.startsWith('ruby')) return 'app.handler';
  return 'bootstrap';
}

/** Byte-order comparison, as AWS sorts names (not locale order). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders events by timestamp, then ingestion time, then put order (FilterLogEvents' order). */
export function compareEvents(a: StoredLogEvent, b: StoredLogEvent): number {
  return a.timestamp - b.timestamp || a.ingestionTime - b.ingestionTime || a.seq - b.seq;
}

function insertSorted(events: StoredLogEvent[], ev: StoredLogEvent): void {
  const last = events[events.length - 1];
  if (!last || compareEvents(last, ev) <= 0) {
    events.push(ev);
    return;
  }
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEvents(events[mid] as StoredLogEvent, ev) <= 0) lo = mid + 1;
    else hi = mid;
  }
  events.splice(lo, 0, ev);
}

import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { hash32, Prng } from './prng.js';
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
  logGroupClass: 'STANDARD' | 'INFREQUENT_ACCESS';
  metricFilterCount: number;
  streams: Map<string, SimLogStream>;
  /** Sorted by timestamp, then ingestion time, then put order. */
  events: StoredLogEvent[];
  storedBytes: number;
}

export interface LogGroupOptions {
  creationTime?: number;
  retentionInDays?: number;
  logGroupClass?: 'STANDARD' | 'INFREQUENT_ACCESS';
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
}

export class SimState {
  readonly clock: Clock;
  private readonly accountsById = new Map<string, SimAccount>();
  private readonly keyIndex = new Map<string, { account: string; key: SimAccessKeySpec }>();
  private readonly temporary = new Map<string, TemporaryCredentials & { principal: Principal }>();
  private readonly regions = new Map<string, RegionData>();
  private readonly quotas = new Map<string, SimQuota>();
  private readonly buckets = new Map<string, TokenBucket>();
  private seq = 0;
  private tempCounter = 0;
  logsBehavior: LogsBehavior = {};

  constructor(clock: Clock, accounts: SimAccountSpec[] = defaultAccounts) {
    this.clock = clock;
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
      data = { logGroups: new Map(), functions: new Map(), metrics: [] };
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
      metricFilterCount: 0,
      streams: new Map(),
      events: [],
      storedBytes: 0,
    };
    if (options.retentionInDays !== undefined) group.retentionInDays = options.retentionInDays;
    data.logGroups.set(name, group);
    return group;
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
    };
    data.functions.set(spec.name, fn);
    return fn;
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

  // --- metrics ---------------------------------------------------------------------------------

  /** Adds a datapoint that GetMetricData merges with what it derives from logs. */
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

import type {
  Alarm,
  EventBridgeTarget,
  EventSourceMapping,
  FunctionTelemetry,
  LambdaFunction,
  LogGroupInfo,
  PolicyStatement,
  RestApiInfo,
  RestStage,
  Snapshot,
  SnsTopic,
  V2ApiInfo,
  V2Stage,
} from '../src/inventory/snapshot.js';
import type { CheckResult, CheckSeverity, Finding } from './types.js';

/** Small pure helpers shared by the checks: lookups, verdicts and message formatting. */

export function verdict(findings: Finding[]): CheckResult {
  return findings.length === 0 ? { status: 'compliant' } : { status: 'non_compliant', findings };
}

export function notApplicable(reason: string): CheckResult {
  return { status: 'not_applicable', reason };
}

export function notAssessed(reason: string): CheckResult {
  return { status: 'not_assessed', reason };
}

export const NO_FUNCTIONS = 'no Lambda functions in this account and region';

export function functionFinding(
  fn: LambdaFunction,
  message: string,
  details?: Finding['details'],
  severity?: CheckSeverity,
): Finding {
  return {
    resourceId: fn.arn,
    resourceName: fn.name,
    message,
    ...(severity ? { severity } : {}),
    ...(details ? { details } : {}),
  };
}

export function logGroupFinding(group: LogGroupInfo, message: string, details?: Finding['details']): Finding {
  return { resourceId: group.arn, resourceName: group.name, message, ...(details ? { details } : {}) };
}

export function telemetryOf(snapshot: Snapshot, fn: LambdaFunction): FunctionTelemetry | undefined {
  return snapshot.telemetry.functions[fn.name];
}

/**
 * Runs `judge` over the functions whose telemetry has the figures it needs. Functions without them
 * were not measured and are skipped; when no function was measured the check is not assessed
 * rather than compliant.
 */
export function overMeasured(
  snapshot: Snapshot,
  what: string,
  has: (t: FunctionTelemetry) => boolean,
  judge: (fn: LambdaFunction, t: FunctionTelemetry) => Finding | undefined,
): CheckResult {
  if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
  const findings: Finding[] = [];
  let measured = 0;
  for (const fn of snapshot.lambda.functions) {
    const t = telemetryOf(snapshot, fn);
    if (!t || !has(t)) continue;
    measured++;
    const f = judge(fn, t);
    if (f) findings.push(f);
  }
  if (measured === 0) return notAssessed(`no function has ${what} in the snapshot`);
  return verdict(findings);
}

/** `arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]` → `name`. */
export function functionNameFromArn(arn: string): string {
  return arn.split(':')[6] ?? arn;
}

/** The 12-digit account of an ARN, when it has one. */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** The function an event source mapping invokes (its ARN may carry an alias or version). */
export function mappedFunction(snapshot: Snapshot, esm: EventSourceMapping): LambdaFunction | undefined {
  const name = functionNameFromArn(esm.functionArn);
  return snapshot.lambda.functions.find((f) => f.name === name);
}

export function mappingFinding(snapshot: Snapshot, esm: EventSourceMapping, message: string): Finding {
  const fn = mappedFunction(snapshot, esm);
  const source = esm.eventSourceArn ? sourceName(esm.eventSourceArn) : esm.sourceType;
  return {
    resourceId: esm.eventSourceArn ? `${esm.functionArn}|${esm.eventSourceArn}` : esm.uuid,
    resourceName: `${fn?.name ?? functionNameFromArn(esm.functionArn)} ← ${source}`,
    message,
    details: { uuid: esm.uuid, sourceType: esm.sourceType },
  };
}

/** The last part of a source ARN: a queue, stream or table name. */
export function sourceName(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const parts = resource.split('/');
  // DynamoDB streams: table/<name>/stream/<label>; Kinesis: stream/<name>.
  if (parts[0] === 'table' || parts[0] === 'stream') return parts[1] ?? resource;
  return parts.at(-1) ?? resource;
}

const STREAM_SOURCES = new Set(['kinesis', 'dynamodb', 'kafka', 'self-managed-kafka', 'msk']);
export function isStreamSource(esm: EventSourceMapping): boolean {
  return STREAM_SOURCES.has(esm.sourceType);
}

/** Kinesis and DynamoDB streams: the sources with bisect, retry and record-age settings. */
export function isShardSource(esm: EventSourceMapping): boolean {
  return esm.sourceType === 'kinesis' || esm.sourceType === 'dynamodb';
}

/**
 * Service principals that invoke Lambda asynchronously (event invocation) through a resource
 * policy. EventBridge Scheduler uses a role instead, so it cannot be seen here.
 */
const ASYNC_PRINCIPALS = new Set([
  's3.amazonaws.com',
  'sns.amazonaws.com',
  'events.amazonaws.com',
  'logs.amazonaws.com',
  'ses.amazonaws.com',
  'iot.amazonaws.com',
  'codecommit.amazonaws.com',
  'config.amazonaws.com',
]);

/** The async service principals allowed to invoke the function, e.g. `s3.amazonaws.com`. */
export function asyncInvokers(fn: LambdaFunction): string[] {
  const found = new Set<string>();
  for (const st of fn.policy ?? []) {
    if (st.effect !== 'Allow') continue;
    for (const p of st.principals) if (ASYNC_PRINCIPALS.has(p)) found.add(p);
  }
  return [...found].sort();
}

/**
 * The shared frame of the async-invocation checks: not applicable without functions or without
 * any a service may invoke asynchronously, else the verdict over `judge` for those functions.
 */
export function overAsyncFunctions(
  snapshot: Snapshot,
  judge: (asyncFunctions: LambdaFunction[]) => Finding[],
): CheckResult {
  if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
  const asyncFunctions = snapshot.lambda.functions.filter((f) => asyncInvokers(f).length > 0);
  if (asyncFunctions.length === 0) {
    return notApplicable('no function is allowed to be invoked asynchronously by a service');
  }
  return verdict(judge(asyncFunctions));
}

/** The short names of principals for a message: `s3.amazonaws.com` → `s3`. */
export function shortPrincipals(principals: string[]): string {
  return principals.map((p) => p.replace(/\.amazonaws\.com$/, '')).join(', ');
}

/** Condition keys (case-insensitive) that scope a `*` principal to known callers. */
const SCOPING_KEYS = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:principalorgid',
  'aws:sourceowner',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceorgid',
  'aws:principalorgpaths',
  'aws:sourcevpce',
  'aws:sourcevpc',
];

/** An Allow statement open to anyone: principal `*` and no condition naming the caller. */
export function isPublicStatement(st: PolicyStatement): boolean {
  if (st.effect !== 'Allow' || !st.principals.includes('*')) return false;
  return !st.conditionKeys.some((k) => SCOPING_KEYS.includes(k.toLowerCase()));
}

/** The statement a Function URL with auth NONE needs; `lambda-url-auth-none` reports those. */
export function isFunctionUrlStatement(st: PolicyStatement): boolean {
  return (
    st.actions.length > 0 &&
    st.actions.every((a) => a.toLowerCase() === 'lambda:invokefunctionurl') &&
    st.conditionKeys.some((k) => k.toLowerCase() === 'lambda:functionurlauthtype')
  );
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export function gigabytes(bytes: number): string {
  const gb = bytes / 1024 ** 3;
  return `${gb >= 10 ? Math.round(gb) : gb.toFixed(1)} GB`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const DAY_MS = 86_400_000;

/** Judges every function; not applicable when there are none. */
export function overFunctions(
  snapshot: Snapshot,
  judge: (fn: LambdaFunction) => Finding | undefined,
): CheckResult {
  if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
  const findings: Finding[] = [];
  for (const fn of snapshot.lambda.functions) {
    const f = judge(fn);
    if (f) findings.push(f);
  }
  return verdict(findings);
}

/**
 * Whether an alarm watches `metricName` in `namespace` for the resource whose `dimension` is
 * `value`, or for the whole account (the metric without dimensions). Extra dimensions (Lambda's
 * `Resource` for an alias) still count; metric-math alarms count for every metric they read.
 */
export function hasAlarmOn(
  alarms: readonly Alarm[],
  namespace: string,
  metricName: string,
  dimension: string,
  value: string,
): boolean {
  return alarms.some((a) =>
    a.metrics.some(
      (m) =>
        m.namespace === namespace &&
        m.metricName === metricName &&
        (Object.keys(m.dimensions).length === 0 || m.dimensions[dimension] === value),
    ),
  );
}

/**
 * The shared frame of the alarm checks: not assessed when alarms were not collected, not
 * applicable when there are none, else the verdict over `judge`.
 */
export function overAlarms(snapshot: Snapshot, judge: (alarms: Alarm[]) => Finding[]): CheckResult {
  const alarms = snapshot.alarms?.alarms;
  if (!alarms) return notAssessed('CloudWatch alarms were not collected');
  if (alarms.length === 0) return notApplicable('no CloudWatch metric alarms');
  return verdict(judge(alarms));
}

/** One API Gateway stage with the API it belongs to. */
export interface StageRef<A = RestApiInfo | V2ApiInfo, S = RestStage | V2Stage> {
  api: A;
  stage: S;
}

/**
 * The shared frame of the API Gateway stage checks: not assessed when the API list (`kind`: REST
 * only, or REST, HTTP and WebSocket together) or every API's stages could not be read, not
 * applicable when no stage is left to judge (`none` says why), else the verdict over `judge`.
 */
export function overApiStages<K extends 'rest' | 'all'>(
  snapshot: Snapshot,
  kind: K,
  judge: (stages: K extends 'rest' ? StageRef<RestApiInfo, RestStage>[] : StageRef[]) => Finding[],
  options: {
    apis?: (api: K extends 'rest' ? RestApiInfo : RestApiInfo | V2ApiInfo) => boolean;
    stages?: (stage: K extends 'rest' ? RestStage : RestStage | V2Stage) => boolean;
    none?: string;
  } = {},
): CheckResult {
  const section = snapshot.apigateway;
  if (!section) return notAssessed('API Gateway APIs were not collected');
  const lists = kind === 'rest' ? [section.restApis] : [section.restApis, section.v2Apis];
  if (lists.every((l) => l === undefined))
    return notAssessed(
      kind === 'rest' ? 'REST APIs could not be listed' : 'no API Gateway API list could be read',
    );
  type Api = RestApiInfo | V2ApiInfo;
  const keepApi = (options.apis ?? (() => true)) as (api: Api) => boolean;
  const keepStage = (options.stages ?? (() => true)) as (stage: RestStage | V2Stage) => boolean;
  const apis = lists.flatMap((l) => (l ?? []) as Api[]).filter(keepApi);
  // APIs whose stages could not be read are left out; when none could be read, nothing is judged.
  const judged = apis.filter((a) => a.stages !== undefined);
  if (apis.length > 0 && judged.length === 0)
    return notAssessed(kind === 'rest' ? 'no REST API stages could be read' : 'no API stages could be read');
  const stages = judged.flatMap((api) =>
    ((api.stages ?? []) as (RestStage | V2Stage)[]).filter(keepStage).map((stage) => ({ api, stage })),
  );
  if (stages.length === 0)
    return notApplicable(options.none ?? (kind === 'rest' ? 'no REST API stages' : 'no API Gateway stages'));
  return verdict(judge(stages as Parameters<typeof judge>[0]));
}

export function stageFinding(ref: StageRef, message: string): Finding {
  return { resourceId: ref.stage.arn, resourceName: `${ref.api.name}/${ref.stage.name}`, message };
}

/**
 * The shared frame of the SNS topic checks: not assessed when topics were not collected, not
 * applicable when there are none, else the verdict over `judge`.
 */
export function overTopics(snapshot: Snapshot, judge: (topics: SnsTopic[]) => Finding[]): CheckResult {
  const topics = snapshot.sns?.topics;
  if (!topics) return notAssessed('SNS topics were not collected');
  if (topics.length === 0) return notApplicable('no SNS topics');
  return verdict(judge(topics));
}

/**
 * The shared frame of the EventBridge target checks: the enabled rules with targets that Pillar's
 * users own (disabled rules deliver nothing; rules another service manages cannot be changed),
 * one finding per rule naming its targets that `offends` picks.
 */
export function overRuleTargets(
  snapshot: Snapshot,
  offends: (target: EventBridgeTarget) => boolean,
  message: (targets: string) => string,
): CheckResult {
  const rules = snapshot.eventbridge?.rules;
  if (!rules) return notAssessed('EventBridge rules were not collected');
  const judged = rules.filter((r) => r.state !== 'DISABLED' && !r.managedBy && (r.targets?.length ?? 0) > 0);
  if (judged.length === 0) return notApplicable('no enabled EventBridge rule with targets');
  return verdict(
    judged.flatMap((r) => {
      const ids = (r.targets ?? []).filter(offends).map((t) => t.id);
      if (ids.length === 0) return [];
      const targets = `${ids.length === 1 ? 'target' : 'targets'} ${ids.join(', ')}`;
      return [
        {
          resourceId: r.arn,
          resourceName: r.name,
          message: message(targets),
          details: { bus: r.bus, targets: ids.join(',') },
        },
      ];
    }),
  );
}

/** A finding on a resource that has an ARN and a name (queue, table, topic, …). */
export function resourceFinding(
  resource: { arn: string; name: string },
  message: string,
  details?: Finding['details'],
): Finding {
  return { resourceId: resource.arn, resourceName: resource.name, message, ...(details ? { details } : {}) };
}

import {
  type AliasConfiguration,
  type EventSourceMappingConfiguration,
  type FunctionConfiguration,
  type FunctionEventInvokeConfig,
  type FunctionUrlConfig,
  GetAccountSettingsCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionRecursionConfigCommand,
  GetPolicyCommand,
  GetRuntimeManagementConfigCommand,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListFunctionEventInvokeConfigsCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  ListTagsCommand,
  type ProvisionedConcurrencyConfigListItem,
} from '@aws-sdk/client-lambda';
import { type CollectorContext, mapLimit } from '../context.js';
import { parsePolicy } from '../policy.js';
import { looksLikeSecret } from '../secrets.js';
import type {
  AsyncInvokeConfig,
  EventSourceMapping,
  LambdaAccountSettings,
  LambdaFunction,
  LambdaInventory,
} from '../snapshot.js';

/**
 * The calls made for every function, in order. ListFunctions already carries most of the
 * configuration; these add what it leaves out (State, LastUpdateStatus, concurrency, async
 * config, resource policy, URLs, aliases, provisioned concurrency, tags, runtime updates, code
 * signing, recursion). GetFunction would fold three of them into one but also hands out a
 * download URL for the code, which a read-only role should not need.
 */
export const perFunctionActions = [
  'lambda:GetFunctionConfiguration',
  'lambda:GetFunctionConcurrency',
  'lambda:ListFunctionEventInvokeConfigs',
  'lambda:GetPolicy',
  'lambda:ListFunctionUrlConfigs',
  'lambda:ListAliases',
  'lambda:ListProvisionedConcurrencyConfigs',
  'lambda:ListTags',
  'lambda:GetRuntimeManagementConfig',
  'lambda:GetFunctionCodeSigningConfig',
  'lambda:GetFunctionRecursionConfig',
] as const;

/** Image functions have no runtime to manage: the call is skipped for them. */
export const zipOnlyActions: readonly string[] = ['lambda:GetRuntimeManagementConfig'];

export const LIST_FUNCTIONS_PAGE = 50;
export const LIST_MAPPINGS_PAGE = 100;

export interface LambdaCollection {
  inventory: LambdaInventory;
  /** False when ListFunctions failed: the function list is unknown, not empty. */
  listed: boolean;
}

export async function collectLambda(ctx: CollectorContext, concurrency: number): Promise<LambdaCollection> {
  ctx.progress({ collector: 'lambda', state: 'start' });
  const [listing, account, mappings] = await Promise.all([
    listFunctions(ctx),
    accountSettings(ctx),
    listEventSourceMappings(ctx),
  ]);
  const functions = listing
    ? await mapLimit(listing, concurrency, (fn) => describeFunction(ctx, fn))
    : ([] as LambdaFunction[]);
  const inventory: LambdaInventory = {
    functions,
    eventSourceMappings: mappings ?? [],
    ...(account ? { account } : {}),
  };
  if (listing) ctx.progress({ collector: 'lambda', state: 'done', items: functions.length });
  else {
    const why = ctx.unavailable.find((u) => u.action === 'lambda:ListFunctions');
    ctx.progress({ collector: 'lambda', state: 'failed', ...(why ? { message: why.message } : {}) });
  }
  return { inventory, listed: listing !== undefined };
}

async function listFunctions(ctx: CollectorContext): Promise<FunctionConfiguration[] | undefined> {
  const lambda = ctx.clients.lambda(ctx.target);
  const out: FunctionConfiguration[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.call('lambda', 'lambda:ListFunctions', () =>
      lambda.send(new ListFunctionsCommand({ Marker: marker, MaxItems: LIST_FUNCTIONS_PAGE })),
    );
    if (!page.ok) return undefined;
    out.push(...(page.value.Functions ?? []));
    marker = page.value.NextMarker;
  } while (marker);
  return out;
}

async function accountSettings(ctx: CollectorContext): Promise<LambdaAccountSettings | undefined> {
  const r = await ctx.call('lambda', 'lambda:GetAccountSettings', () =>
    ctx.clients.lambda(ctx.target).send(new GetAccountSettingsCommand({})),
  );
  if (!r.ok) return undefined;
  const { AccountLimit: limit, AccountUsage: usage } = r.value;
  return {
    concurrentExecutionsLimit: limit?.ConcurrentExecutions ?? 0,
    unreservedConcurrentExecutions: limit?.UnreservedConcurrentExecutions ?? 0,
    totalCodeSizeLimitBytes: limit?.TotalCodeSize ?? 0,
    totalCodeSizeBytes: usage?.TotalCodeSize ?? 0,
    functionCount: usage?.FunctionCount ?? 0,
  };
}

async function listEventSourceMappings(ctx: CollectorContext): Promise<EventSourceMapping[] | undefined> {
  const lambda = ctx.clients.lambda(ctx.target);
  const out: EventSourceMapping[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.call('lambda', 'lambda:ListEventSourceMappings', () =>
      lambda.send(new ListEventSourceMappingsCommand({ Marker: marker, MaxItems: LIST_MAPPINGS_PAGE })),
    );
    if (!page.ok) return undefined;
    out.push(...(page.value.EventSourceMappings ?? []).map(toMapping));
    marker = page.value.NextMarker;
  } while (marker);
  return out;
}

/** `sqs`, `kinesis`, `dynamodb`, `kafka`, `mq`, `docdb`, from the source ARN's service. */
export function sourceTypeOf(
  m: Pick<EventSourceMappingConfiguration, 'EventSourceArn' | 'SelfManagedEventSource'>,
): string {
  const service = /^arn:aws[\w-]*:([\w-]+):/.exec(m.EventSourceArn ?? '')?.[1];
  if (service === 'rds') return 'docdb';
  if (service) return service;
  // A self-managed Kafka cluster has bootstrap servers instead of an ARN.
  return m.SelfManagedEventSource ? 'kafka' : 'unknown';
}

function toMapping(m: EventSourceMappingConfiguration): EventSourceMapping {
  return {
    uuid: m.UUID ?? '',
    functionArn: m.FunctionArn ?? '',
    ...(m.EventSourceArn ? { eventSourceArn: m.EventSourceArn } : {}),
    sourceType: sourceTypeOf(m),
    state: m.State ?? 'Unknown',
    ...(m.StateTransitionReason ? { stateTransitionReason: m.StateTransitionReason } : {}),
    ...(m.LastProcessingResult ? { lastProcessingResult: m.LastProcessingResult } : {}),
    ...(m.BatchSize === undefined ? {} : { batchSize: m.BatchSize }),
    ...(m.MaximumBatchingWindowInSeconds === undefined
      ? {}
      : { maximumBatchingWindowSeconds: m.MaximumBatchingWindowInSeconds }),
    ...(m.MaximumRetryAttempts === undefined ? {} : { maximumRetryAttempts: m.MaximumRetryAttempts }),
    ...(m.MaximumRecordAgeInSeconds === undefined
      ? {}
      : { maximumRecordAgeSeconds: m.MaximumRecordAgeInSeconds }),
    ...(m.BisectBatchOnFunctionError === undefined
      ? {}
      : { bisectBatchOnFunctionError: m.BisectBatchOnFunctionError }),
    ...(m.DestinationConfig?.OnFailure?.Destination
      ? { onFailureDestination: m.DestinationConfig.OnFailure.Destination }
      : {}),
    functionResponseTypes: [...(m.FunctionResponseTypes ?? [])],
  };
}

/** Lambda's `2024-01-15T10:20:30.123+0000`. */
function parseLambdaTime(text: string | undefined): number {
  if (!text) return 0;
  const ms = Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(ms) ? 0 : ms;
}

/** One function: ListFunctions' configuration plus the per-function calls, secrets dropped. */
async function describeFunction(
  ctx: CollectorContext,
  listed: FunctionConfiguration,
): Promise<LambdaFunction> {
  const name = listed.FunctionName ?? '';
  const lambda = ctx.clients.lambda(ctx.target);
  const opts = { resource: name };

  const full = await ctx.call(
    'lambda',
    'lambda:GetFunctionConfiguration',
    () => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name })),
    opts,
  );
  const config: FunctionConfiguration = full.ok ? { ...listed, ...full.value } : listed;
  const fn = baseFunction(config);

  const concurrency = await ctx.call(
    'lambda',
    'lambda:GetFunctionConcurrency',
    () => lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name })),
    opts,
  );
  if (concurrency.ok && concurrency.value.ReservedConcurrentExecutions !== undefined) {
    fn.reservedConcurrency = concurrency.value.ReservedConcurrentExecutions;
  }

  const invokeConfigs = await listAll(ctx, 'lambda:ListFunctionEventInvokeConfigs', name, async (Marker) => {
    const out = await lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: name, Marker }));
    return { items: out.FunctionEventInvokeConfigs ?? [], next: out.NextMarker };
  });
  const asyncConfig = invokeConfigs && pickAsyncConfig(invokeConfigs);
  if (asyncConfig) fn.asyncConfig = asyncConfig;

  const policy = await ctx.call(
    'lambda',
    'lambda:GetPolicy',
    () => lambda.send(new GetPolicyCommand({ FunctionName: name })),
    { ...opts, notFoundIsAnswer: true },
  );
  if (policy.ok && policy.value.Policy) {
    const statements = parsePolicy(policy.value.Policy);
    if (statements) fn.policy = statements;
    else
      ctx.logger.warn({ ...ctx.target, function: name }, 'Could not read the resource policy of a function');
  }

  const urls = await listAll(ctx, 'lambda:ListFunctionUrlConfigs', name, async (Marker) => {
    const out = await lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: name, Marker }));
    return { items: out.FunctionUrlConfigs ?? [], next: out.NextMarker };
  });
  const url = urls && mergeUrls(urls);
  if (url) fn.url = url;

  const aliases = await listAll(ctx, 'lambda:ListAliases', name, async (Marker) => {
    const out = await lambda.send(new ListAliasesCommand({ FunctionName: name, Marker }));
    return { items: out.Aliases ?? [], next: out.NextMarker };
  });
  if (aliases) fn.aliases = aliases.map(toAlias);

  const provisioned = await listAll(ctx, 'lambda:ListProvisionedConcurrencyConfigs', name, async (Marker) => {
    const out = await lambda.send(
      new ListProvisionedConcurrencyConfigsCommand({ FunctionName: name, Marker }),
    );
    return { items: out.ProvisionedConcurrencyConfigs ?? [], next: out.NextMarker };
  });
  if (provisioned) fn.provisionedConcurrency = provisioned.map(toProvisioned);

  const tags = await ctx.call(
    'lambda',
    'lambda:ListTags',
    () => lambda.send(new ListTagsCommand({ Resource: fn.arn })),
    opts,
  );
  if (tags.ok) fn.tags = { ...(tags.value.Tags ?? {}) };

  if (fn.packageType === 'Zip') {
    const runtime = await ctx.call(
      'lambda',
      'lambda:GetRuntimeManagementConfig',
      () => lambda.send(new GetRuntimeManagementConfigCommand({ FunctionName: name })),
      opts,
    );
    const mode = runtime.ok ? runtime.value.UpdateRuntimeOn : undefined;
    if (mode === 'Auto' || mode === 'FunctionUpdate' || mode === 'Manual') fn.runtimeUpdateMode = mode;
  }

  const signing = await ctx.call(
    'lambda',
    'lambda:GetFunctionCodeSigningConfig',
    () => lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: name })),
    { ...opts, notFoundIsAnswer: true },
  );
  if (signing.ok) fn.codeSigningConfigArn = signing.value.CodeSigningConfigArn || null;
  else if (!signing.skipped && signing.error.code === 'aws_not_found') fn.codeSigningConfigArn = null;

  const recursion = await ctx.call(
    'lambda',
    'lambda:GetFunctionRecursionConfig',
    () => lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: name })),
    opts,
  );
  const loop = recursion.ok ? recursion.value.RecursiveLoop : undefined;
  if (loop === 'Allow' || loop === 'Terminate') fn.recursiveLoop = loop;

  return fn;
}

/** Pages a per-function list; undefined when a page failed (recorded as unavailable). */
async function listAll<T>(
  ctx: CollectorContext,
  action: string,
  functionName: string,
  page: (marker: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
): Promise<T[] | undefined> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const r = await ctx.call('lambda', action, () => page(marker), { resource: functionName });
    if (!r.ok) return undefined;
    out.push(...r.value.items);
    marker = r.value.next;
  } while (marker);
  return out;
}

function baseFunction(c: FunctionConfiguration): LambdaFunction {
  const name = c.FunctionName ?? '';
  const variables = c.Environment?.Variables ?? {};
  const names = Object.keys(variables).sort();
  // The values are looked at here and nowhere else: only names and the verdict leave this function.
  const secretLooking = names.filter((n) => looksLikeSecret(n, variables[n] ?? ''));
  const fn: LambdaFunction = {
    name,
    arn: c.FunctionArn ?? '',
    ...(c.Runtime ? { runtime: c.Runtime } : {}),
    packageType: c.PackageType === 'Image' ? 'Image' : 'Zip',
    ...(c.Handler ? { handler: c.Handler } : {}),
    memorySizeMB: c.MemorySize ?? 128,
    timeoutSeconds: c.Timeout ?? 3,
    architectures: (c.Architectures ?? ['x86_64']).filter(
      (a): a is 'x86_64' | 'arm64' => a === 'x86_64' || a === 'arm64',
    ),
    role: c.Role ?? '',
    codeSizeBytes: c.CodeSize ?? 0,
    lastModified: parseLambdaTime(c.LastModified),
    ...(c.Description ? { description: c.Description } : {}),
    tracingMode: c.TracingConfig?.Mode === 'Active' ? 'Active' : 'PassThrough',
    ...(c.DeadLetterConfig?.TargetArn ? { deadLetterTargetArn: c.DeadLetterConfig.TargetArn } : {}),
    environmentVariableNames: names,
    secretLookingVariables: secretLooking,
    ...(c.KMSKeyArn ? { kmsKeyArn: c.KMSKeyArn } : {}),
    ...(c.VpcConfig?.VpcId
      ? {
          vpc: {
            vpcId: c.VpcConfig.VpcId,
            subnetIds: [...(c.VpcConfig.SubnetIds ?? [])],
            securityGroupIds: [...(c.VpcConfig.SecurityGroupIds ?? [])],
          },
        }
      : {}),
    layers: (c.Layers ?? []).map((l) => ({
      arn: l.Arn ?? '',
      ...(l.CodeSize === undefined ? {} : { codeSizeBytes: l.CodeSize }),
    })),
    ephemeralStorageMB: c.EphemeralStorage?.Size ?? 512,
    snapStart: c.SnapStart?.ApplyOn === 'PublishedVersions' ? 'PublishedVersions' : 'None',
    logging: {
      format: c.LoggingConfig?.LogFormat === 'JSON' ? 'JSON' : 'Text',
      logGroup: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${name}`,
      ...(c.LoggingConfig?.ApplicationLogLevel
        ? { applicationLogLevel: c.LoggingConfig.ApplicationLogLevel }
        : {}),
      ...(c.LoggingConfig?.SystemLogLevel ? { systemLogLevel: c.LoggingConfig.SystemLogLevel } : {}),
    },
    ...(c.State ? { state: c.State } : {}),
    ...(c.LastUpdateStatus ? { lastUpdateStatus: c.LastUpdateStatus } : {}),
    aliases: [],
    provisionedConcurrency: [],
    tags: {},
  };
  return fn;
}

/** The unqualified ($LATEST) configuration when there is one, else the first. */
function pickAsyncConfig(configs: FunctionEventInvokeConfig[]): AsyncInvokeConfig | undefined {
  const c = configs.find((x) => (x.FunctionArn ?? '').endsWith(':$LATEST')) ?? configs[0];
  if (!c) return undefined;
  return {
    ...(c.MaximumRetryAttempts === undefined ? {} : { maximumRetryAttempts: c.MaximumRetryAttempts }),
    ...(c.MaximumEventAgeInSeconds === undefined
      ? {}
      : { maximumEventAgeSeconds: c.MaximumEventAgeInSeconds }),
    ...(c.DestinationConfig?.OnFailure?.Destination
      ? { onFailureDestination: c.DestinationConfig.OnFailure.Destination }
      : {}),
    ...(c.DestinationConfig?.OnSuccess?.Destination
      ? { onSuccessDestination: c.DestinationConfig.OnSuccess.Destination }
      : {}),
  };
}

/**
 * The snapshot holds one URL per function: the least restrictive of them (NONE beats AWS_IAM)
 * with the origins of all of them, so a wildcard on any alias's URL is seen.
 */
function mergeUrls(urls: FunctionUrlConfig[]): LambdaFunction['url'] {
  if (urls.length === 0) return undefined;
  const origins = [...new Set(urls.flatMap((u) => u.Cors?.AllowOrigins ?? []))];
  return { authType: urls.some((u) => u.AuthType === 'NONE') ? 'NONE' : 'AWS_IAM', allowOrigins: origins };
}

function toAlias(a: AliasConfiguration): LambdaFunction['aliases'][number] {
  const weights = a.RoutingConfig?.AdditionalVersionWeights;
  return {
    name: a.Name ?? '',
    functionVersion: a.FunctionVersion ?? '',
    ...(weights && Object.keys(weights).length > 0 ? { routingWeights: { ...weights } } : {}),
  };
}

function toProvisioned(
  p: ProvisionedConcurrencyConfigListItem,
): LambdaFunction['provisionedConcurrency'][number] {
  // The qualifier is the last ARN segment after `function:<name>:`.
  const qualifier = /:function:[^:]+:([^:]+)$/.exec(p.FunctionArn ?? '')?.[1] ?? '';
  return {
    qualifier,
    requested: p.RequestedProvisionedConcurrentExecutions ?? 0,
    ...(p.AllocatedProvisionedConcurrentExecutions === undefined
      ? {}
      : { allocated: p.AllocatedProvisionedConcurrentExecutions }),
    ...(p.Status ? { status: p.Status } : {}),
  };
}

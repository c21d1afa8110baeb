import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AwsError } from '../errors.js';
import { offsetPage } from '../paging.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimEventSourceMapping, SimFunction } from '../state.js';

/**
 * Lambda: REST-JSON. Most operations live under `/2015-03-31/`; later ones carry the API date
 * they were added with (`/2019-09-30/…/concurrency`, `/2021-10-31/…/urls`), as the SDK sends them.
 */

/** Lambda's LastModified spelling: `2024-01-15T10:20:30.123+0000`. */
function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function functionConfiguration(fn: SimFunction): Record<string, unknown> {
  const logging: Record<string, string> = { LogFormat: fn.logFormat, LogGroup: fn.logGroup };
  // Log levels exist only for the JSON format; AWS omits them for Text.
  if (fn.logFormat === 'JSON') {
    logging.ApplicationLogLevel = fn.applicationLogLevel;
    logging.SystemLogLevel = fn.systemLogLevel;
  }
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    ...(fn.packageType === 'Zip' ? { Runtime: fn.runtime, Handler: fn.handler } : {}),
    Role: fn.role,
    CodeSize: fn.codeSize,
    Description: fn.description,
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lambdaTimestamp(fn.lastModified),
    CodeSha256: fn.codeSha256,
    Version: '$LATEST',
    // ListFunctions returns variables too: that is why Pillar inspects and drops them at once.
    ...(fn.environment && Object.keys(fn.environment).length > 0
      ? { Environment: { Variables: { ...fn.environment } } }
      : {}),
    ...(fn.deadLetterTargetArn ? { DeadLetterConfig: { TargetArn: fn.deadLetterTargetArn } } : {}),
    ...(fn.kmsKeyArn ? { KMSKeyArn: fn.kmsKeyArn } : {}),
    ...(fn.vpc
      ? {
          VpcConfig: {
            SubnetIds: [...fn.vpc.subnetIds],
            SecurityGroupIds: [...fn.vpc.securityGroupIds],
            VpcId: fn.vpc.vpcId,
            Ipv6AllowedForDualStack: false,
          },
        }
      : {}),
    ...(fn.layers.length > 0 ? { Layers: fn.layers.map((l) => ({ Arn: l.arn, CodeSize: l.codeSize })) } : {}),
    TracingConfig: { Mode: fn.tracingMode },
    RevisionId: fn.revisionId,
    PackageType: fn.packageType,
    Architectures: fn.architectures,
    EphemeralStorage: { Size: fn.ephemeralStorageMB },
    SnapStart: { ApplyOn: fn.snapStart, OptimizationStatus: fn.snapStart === 'None' ? 'Off' : 'On' },
    LoggingConfig: logging,
  };
}

/** What GetFunction and GetFunctionConfiguration add to ListFunctions' subset. */
function fullConfiguration(fn: SimFunction): Record<string, unknown> {
  return {
    ...functionConfiguration(fn),
    State: fn.state,
    ...(fn.stateReason ? { StateReason: fn.stateReason } : {}),
    LastUpdateStatus: fn.lastUpdateStatus,
    ...(fn.lastUpdateStatusReason ? { LastUpdateStatusReason: fn.lastUpdateStatusReason } : {}),
  };
}

function findFunction(ctx: OperationContext, nameOrArn: string): SimFunction {
  // Accepts a name, a full ARN or a partial ARN (`123456789012:function:name`), with an optional qualifier.
  const m = /^(?:arn:aws[\w-]*:lambda:([\w-]+):)?(?:(\d{12}):function:)?([\w-]+)(?::[\w$-]+)?$/.exec(
    nameOrArn,
  );
  const region = m?.[1] ?? ctx.region;
  const account = m?.[2] ?? ctx.caller.accountId;
  const name = m?.[3] ?? nameOrArn;
  const fn =
    account === ctx.caller.accountId && region === ctx.region
      ? ctx.state.getFunction(account, region, name)
      : undefined;
  if (!fn) {
    throw new AwsError(
      'ResourceNotFoundException',
      `Function not found: arn:aws:lambda:${region}:${account}:function:${name}`,
    );
  }
  return fn;
}

const functionArn = (ctx: OperationContext, name: string): string =>
  name.startsWith('arn:') ? name : `arn:aws:lambda:${ctx.region}:${ctx.caller.accountId}:function:${name}`;

const listFunctions = defineOperation({
  name: 'ListFunctions',
  http: { method: 'GET', path: '/2015-03-31/functions' },
  input: z.object({
    Marker: z.string().optional(),
    MaxItems: z.coerce.number().int().min(1).max(10000).optional(),
    FunctionVersion: z.enum(['ALL']).optional(),
    MasterRegion: z.string().optional(),
  }),
  target: () => ({ resource: '*' }),
  handle(ctx, input) {
    const after = input.Marker === undefined ? undefined : decodeMarker(input.Marker);
    const all = ctx.state
      .functions(ctx.caller.accountId, ctx.region)
      .filter((f) => after === undefined || f.name > after);
    // Lambda returns at most 50 per page whatever MaxItems says.
    const size = Math.min(input.MaxItems ?? 50, 50);
    const page = all.slice(0, size);
    const last = page[page.length - 1];
    return {
      Functions: page.map(functionConfiguration),
      ...(all.length > size && last ? { NextMarker: Buffer.from(`v1:${last.name}`).toString('base64') } : {}),
    };
  },
});

function decodeMarker(marker: string): string {
  const text = Buffer.from(marker, 'base64').toString('utf8');
  if (!text.startsWith('v1:')) throw new AwsError('InvalidParameterValueException', 'Invalid marker value');
  return text.slice(3);
}

const getFunctionConfiguration = defineOperation({
  name: 'GetFunctionConfiguration',
  http: { method: 'GET', path: '/2015-03-31/functions/{FunctionName}/configuration' },
  input: z.object({ FunctionName: z.string().min(1).max(170), Qualifier: z.string().optional() }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.FunctionName);
    return fullConfiguration(fn);
  },
});

const getFunction = defineOperation({
  name: 'GetFunction',
  http: { method: 'GET', path: '/2015-03-31/functions/{FunctionName}' },
  input: z.object({ FunctionName: z.string().min(1).max(170), Qualifier: z.string().optional() }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.FunctionName);
    return {
      Configuration: fullConfiguration(fn),
      Code: {
        RepositoryType: 'S3',
        Location: `https://awslambda-${fn.region}-tasks.s3.${fn.region}.amazonaws.com/snapshots/${fn.account}/${fn.name}`,
      },
    };
  },
});

const listTags = defineOperation({
  name: 'ListTags',
  http: { method: 'GET', path: '/2017-03-31/tags/{Resource}' },
  input: z.object({ Resource: z.string().min(1).max(256) }),
  target: (input) => ({ resource: input.Resource }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.Resource);
    return { Tags: { ...fn.tags } };
  },
});

// --- paging for the per-function lists -------------------------------------------------------

const maxItems = z.coerce.number().int().min(1).max(50).optional();

/** Opaque offset markers, as the per-function List operations page by position. */
function pageOf<T>(items: T[], marker: string | undefined, max: number | undefined, tag: string) {
  return offsetPage(
    items,
    marker,
    max ?? 50,
    tag,
    () => new AwsError('InvalidParameterValueException', 'Invalid marker value'),
  );
}

const qualified = (fn: SimFunction, qualifier: string): string => `${fn.arn}:${qualifier}`;
const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

// --- concurrency and async invoke configuration ----------------------------------------------

const getFunctionConcurrency = defineOperation({
  name: 'GetFunctionConcurrency',
  http: { method: 'GET', path: '/2019-09-30/functions/{FunctionName}/concurrency' },
  input: z.object({ FunctionName: z.string().min(1).max(140) }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.FunctionName);
    // No reservation: Lambda answers an empty object, not a zero.
    return fn.reservedConcurrency === undefined
      ? {}
      : { ReservedConcurrentExecutions: fn.reservedConcurrency };
  },
});

const listFunctionEventInvokeConfigs = defineOperation({
  name: 'ListFunctionEventInvokeConfigs',
  http: { method: 'GET', path: '/2019-09-25/functions/{FunctionName}/event-invoke-config/list' },
  input: z.object({
    FunctionName: z.string().min(1).max(140),
    Marker: z.string().optional(),
    MaxItems: maxItems,
  }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.FunctionName);
    const { page, next } = pageOf(fn.eventInvokeConfigs, input.Marker, input.MaxItems, 'eic');
    return {
      FunctionEventInvokeConfigs: page.map((c) => {
        const destinations: Record<string, unknown> = {};
        if (c.onSuccess) destinations.OnSuccess = { Destination: c.onSuccess };
        if (c.onFailure) destinations.OnFailure = { Destination: c.onFailure };
        return {
          LastModified: epochSeconds(fn.lastModified),
          FunctionArn: qualified(fn, c.qualifier ?? '$LATEST'),
          ...(c.maximumRetryAttempts === undefined ? {} : { MaximumRetryAttempts: c.maximumRetryAttempts }),
          ...(c.maximumEventAgeSeconds === undefined
            ? {}
            : { MaximumEventAgeInSeconds: c.maximumEventAgeSeconds }),
          DestinationConfig: destinations,
        };
      }),
      ...(next ? { NextMarker: next } : {}),
    };
  },
});

// --- resource policy and function URLs -------------------------------------------------------

const getPolicy = defineOperation({
  name: 'GetPolicy',
  http: { method: 'GET', path: '/2015-03-31/functions/{FunctionName}/policy' },
  input: z.object({ FunctionName: z.string().min(1).max(170), Qualifier: z.string().optional() }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.FunctionName);
    if (!fn.policy || fn.policy.length === 0) {
      throw new AwsError('ResourceNotFoundException', 'The resource you requested does not exist.');
    }
    const policy = {
      Version: '2012-10-17',
      Id: 'default',
      Statement: fn.policy.map((st, i) => ({
        Sid: st.Sid ?? `statement-${i + 1}`,
        Effect: st.Effect ?? 'Allow',
        Principal: st.Principal,
        Action: st.Action ?? 'lambda:InvokeFunction',
        Resource: st.Resource ?? fn.arn,
        ...(st.Condition ? { Condition: st.Condition } : {}),
      })),
    };
    // The policy is a JSON document inside the JSON answer, as Lambda sends it.
    return { Policy: JSON.stringify(policy), RevisionId: fn.revisionId };
  },
});

const listFunctionUrlConfigs = defineOperation({
  name: 'ListFunctionUrlConfigs',
  http: { method: 'GET', path: '/2021-10-31/functions/{FunctionName}/urls' },
  input: z.object({
    FunctionName: z.string().min(1).max(140),
    Marker: z.string().optional(),
    MaxItems: maxItems,
  }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.FunctionName);
    const { page, next } = pageOf(fn.urls, input.Marker, input.MaxItems, 'url');
    const created = lambdaTimestamp(fn.lastModified).replace('+0000', 'Z');
    return {
      FunctionUrlConfigs: page.map((u) => {
        const id = createHash('sha256')
          .update(`${fn.arn}:${u.qualifier ?? ''}`)
          .digest('hex')
          .slice(0, 32)
          .replace(/\d/g, (d) => String.fromCharCode(97 + Number(d)));
        return {
          FunctionUrl: `https://${id}.lambda-url.${fn.region}.on.aws/`,
          FunctionArn: u.qualifier ? qualified(fn, u.qualifier) : fn.arn,
          CreationTime: created,
          LastModifiedTime: created,
          AuthType: u.authType,
          InvokeMode: u.invokeMode ?? 'BUFFERED',
          ...(u.cors
            ? {
                Cors: {
                  AllowCredentials: u.cors.allowCredentials ?? false,
                  AllowHeaders: u.cors.allowHeaders ?? [],
                  AllowMethods: u.cors.allowMethods ?? [],
                  AllowOrigins: u.cors.allowOrigins ?? [],
                  ExposeHeaders: [],
                  MaxAge: 0,
                },
              }
            : {}),
        };
      }),
      ...(next ? { NextMarker: next } : {}),
    };
  },
});

// --- aliases and provisioned concurrency -----------------------------------------------------

const listAliases = defineOperation({
  name: 'ListAliases',
  http: { method: 'GET', path: '/2015-03-31/functions/{FunctionName}/aliases' },
  input: z.object({
    FunctionName: z.string().min(1).max(140),
    FunctionVersion: z.string().optional(),
    Marker: z.string().optional(),
    MaxItems: maxItems,
  }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.FunctionName);
    const all = fn.aliases.filter(
      (a) => input.FunctionVersion === undefined || a.functionVersion === input.FunctionVersion,
    );
    const { page, next } = pageOf(all, input.Marker, input.MaxItems, 'alias');
    return {
      Aliases: page.map((a) => ({
        AliasArn: qualified(fn, a.name),
        Name: a.name,
        FunctionVersion: a.functionVersion,
        Description: a.description ?? '',
        ...(a.routingWeights ? { RoutingConfig: { AdditionalVersionWeights: { ...a.routingWeights } } } : {}),
        RevisionId: fn.revisionId,
      })),
      ...(next ? { NextMarker: next } : {}),
    };
  },
});

const listProvisionedConcurrencyConfigs = defineOperation({
  name: 'ListProvisionedConcurrencyConfigs',
  // The SDK sends `?List=ALL`, which tells this list apart from GetProvisionedConcurrencyConfig.
  http: { method: 'GET', path: '/2019-09-30/functions/{FunctionName}/provisioned-concurrency' },
  input: z.object({
    FunctionName: z.string().min(1).max(140),
    List: z.literal('ALL'),
    Marker: z.string().optional(),
    MaxItems: maxItems,
  }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.FunctionName);
    const { page, next } = pageOf(fn.provisionedConcurrency, input.Marker, input.MaxItems, 'pcc');
    return {
      ProvisionedConcurrencyConfigs: page.map((p) => {
        const status = p.status ?? 'READY';
        const allocated = p.allocated ?? (status === 'READY' ? p.requested : 0);
        return {
          FunctionArn: qualified(fn, p.qualifier),
          RequestedProvisionedConcurrentExecutions: p.requested,
          AvailableProvisionedConcurrentExecutions: allocated,
          AllocatedProvisionedConcurrentExecutions: allocated,
          Status: status,
          ...(p.statusReason ? { StatusReason: p.statusReason } : {}),
          LastModified: lambdaTimestamp(fn.lastModified),
        };
      }),
      ...(next ? { NextMarker: next } : {}),
    };
  },
});

// --- runtime management, code signing, recursion ---------------------------------------------

const getRuntimeManagementConfig = defineOperation({
  name: 'GetRuntimeManagementConfig',
  http: { method: 'GET', path: '/2021-07-20/functions/{FunctionName}/runtime-management-config' },
  input: z.object({ FunctionName: z.string().min(1).max(140), Qualifier: z.string().optional() }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.FunctionName);
    if (fn.packageType === 'Image') {
      throw new AwsError(
        'InvalidParameterValueException',
        'Runtime management configuration is not supported for container image functions.',
      );
    }
    return {
      UpdateRuntimeOn: fn.runtimeUpdateMode,
      FunctionArn: fn.arn,
      ...(fn.runtimeUpdateMode === 'Manual'
        ? { RuntimeVersionArn: `arn:aws:lambda:${fn.region}::runtime:${fn.codeSha256.slice(0, 16)}` }
        : {}),
    };
  },
});

const getFunctionCodeSigningConfig = defineOperation({
  name: 'GetFunctionCodeSigningConfig',
  http: { method: 'GET', path: '/2020-06-30/functions/{FunctionName}/code-signing-config' },
  input: z.object({ FunctionName: z.string().min(1).max(140) }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    const fn = findFunction(ctx, input.FunctionName);
    // Both members are required in the model: a function without a config gets an empty ARN.
    return { CodeSigningConfigArn: fn.codeSigningConfigArn ?? '', FunctionName: fn.name };
  },
});

const getFunctionRecursionConfig = defineOperation({
  name: 'GetFunctionRecursionConfig',
  http: { method: 'GET', path: '/2024-08-31/functions/{FunctionName}/recursion-config' },
  input: z.object({ FunctionName: z.string().min(1).max(140) }),
  target: (input, ctx) => ({ resource: functionArn(ctx, input.FunctionName) }),
  handle(ctx, input) {
    return { RecursiveLoop: findFunction(ctx, input.FunctionName).recursiveLoop };
  },
});

// --- account settings and event source mappings ----------------------------------------------

const getAccountSettings = defineOperation({
  name: 'GetAccountSettings',
  http: { method: 'GET', path: '/2016-08-19/account-settings' },
  input: z.object({}),
  target: () => ({ resource: '*' }),
  handle(ctx) {
    const account = ctx.caller.accountId;
    const limits = ctx.state.lambdaAccountLimits(account, ctx.region);
    const functions = ctx.state.functions(account, ctx.region);
    const reserved = functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
    return {
      AccountLimit: {
        TotalCodeSize: limits.totalCodeSize,
        CodeSizeUnzipped: 262_144_000,
        CodeSizeZipped: 52_428_800,
        ConcurrentExecutions: limits.concurrentExecutions,
        UnreservedConcurrentExecutions: limits.concurrentExecutions - reserved,
      },
      AccountUsage: {
        TotalCodeSize: functions.reduce((sum, f) => sum + f.codeSize, 0),
        FunctionCount: functions.length,
      },
    };
  },
});

const streamKinds = new Set(['kinesis', 'dynamodb', 'kafka']);

function eventSourceMapping(m: SimEventSourceMapping): Record<string, unknown> {
  const s = m.spec;
  const stream = streamKinds.has(m.kind);
  const out: Record<string, unknown> = {
    UUID: m.uuid,
    BatchSize: s.batchSize ?? (m.kind === 'sqs' ? 10 : 100),
    MaximumBatchingWindowInSeconds: s.maximumBatchingWindowSeconds ?? 0,
    EventSourceArn: m.eventSourceArn,
    FunctionArn: m.functionArn,
    LastModified: epochSeconds(m.lastModified),
    State: s.state ?? 'Enabled',
    StateTransitionReason: s.stateTransitionReason ?? 'USER_INITIATED',
    FunctionResponseTypes: [...(s.functionResponseTypes ?? [])],
  };
  if (stream) {
    // Stream sources retry until the record expires unless told otherwise.
    out.StartingPosition = s.startingPosition ?? 'LATEST';
    out.ParallelizationFactor = s.parallelizationFactor ?? 1;
    out.MaximumRetryAttempts = s.maximumRetryAttempts ?? -1;
    out.MaximumRecordAgeInSeconds = s.maximumRecordAgeSeconds ?? -1;
    out.BisectBatchOnFunctionError = s.bisectBatchOnFunctionError ?? false;
    out.LastProcessingResult = s.lastProcessingResult ?? 'OK';
    out.DestinationConfig = s.onFailureDestination
      ? { OnFailure: { Destination: s.onFailureDestination } }
      : { OnFailure: {} };
  } else if (s.lastProcessingResult) {
    out.LastProcessingResult = s.lastProcessingResult;
  }
  return out;
}

const listEventSourceMappings = defineOperation({
  name: 'ListEventSourceMappings',
  http: { method: 'GET', path: '/2015-03-31/event-source-mappings' },
  input: z.object({
    EventSourceArn: z.string().optional(),
    FunctionName: z.string().min(1).max(140).optional(),
    Marker: z.string().optional(),
    MaxItems: z.coerce.number().int().min(1).max(10000).optional(),
  }),
  target: () => ({ resource: '*' }),
  handle(ctx, input) {
    const fnArn = input.FunctionName === undefined ? undefined : findFunction(ctx, input.FunctionName).arn;
    const all = ctx.state
      .eventSourceMappings(ctx.caller.accountId, ctx.region)
      .filter(
        (m) =>
          (fnArn === undefined || m.functionArn === fnArn) &&
          (input.EventSourceArn === undefined || m.eventSourceArn === input.EventSourceArn),
      );
    // Lambda returns up to 100 mappings per page.
    const { page, next } = pageOf(all, input.Marker, Math.min(input.MaxItems ?? 100, 100), 'esm');
    return { EventSourceMappings: page.map(eventSourceMapping), ...(next ? { NextMarker: next } : {}) };
  },
});

export const lambdaService: ServiceDefinition = {
  id: 'lambda',
  signingName: 'lambda',
  iamPrefix: 'lambda',
  protocol: 'restJson1',
  restPathPrefix: '/2015-03-31/',
  validationErrorCode: 'ValidationException',
  errors: {
    ThrottlingException: {
      code: 'TooManyRequestsException',
      status: 429,
      extra: { Reason: 'CallerRateLimitExceeded' },
      headers: { 'Retry-After': '1' },
    },
    AccessDeniedException: { status: 403 },
    ResourceNotFoundException: { status: 404 },
    ServiceUnavailableException: { code: 'ServiceException', status: 500, server: true },
    InternalFailure: { code: 'ServiceException', status: 500, server: true },
    UnrecognizedClientException: { status: 403 },
    ExpiredTokenException: { status: 403 },
    UnknownOperationException: { status: 404 },
    SerializationException: { code: 'InvalidRequestContentException', status: 400 },
  },
  operations: [
    listFunctions,
    getFunctionConfiguration,
    getFunction,
    listTags,
    getFunctionConcurrency,
    listFunctionEventInvokeConfigs,
    getPolicy,
    listFunctionUrlConfigs,
    listAliases,
    listProvisionedConcurrencyConfigs,
    getAccountSettings,
    listEventSourceMappings,
    getRuntimeManagementConfig,
    getFunctionCodeSigningConfig,
    getFunctionRecursionConfig,
  ],
};

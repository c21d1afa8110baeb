import { z } from 'zod';
import { AwsError } from '../errors.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimFunction } from '../state.js';

/** Lambda: REST-JSON under `/2015-03-31/`. */

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
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: fn.revisionId,
    PackageType: fn.packageType,
    Architectures: fn.architectures,
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: logging,
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
    return { ...functionConfiguration(fn), State: 'Active', LastUpdateStatus: 'Successful' };
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
      Configuration: { ...functionConfiguration(fn), State: 'Active', LastUpdateStatus: 'Successful' },
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
  operations: [listFunctions, getFunctionConfiguration, getFunction, listTags],
};

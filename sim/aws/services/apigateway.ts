import { z } from 'zod';
import { AwsError } from '../errors.js';
import { offsetPage } from '../paging.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type {
  SimRestApi,
  SimRestMethodSetting,
  SimRestMethodSpec,
  SimRestStageSpec,
} from '../stores/apigateway.js';

/**
 * API Gateway REST APIs (v1): REST-JSON, signing name `apigateway`. Lists answer `item` plus an
 * opaque `position`, paged with the `position` and `limit` query parameters (limit 1-500,
 * default 25). Dates are epoch seconds. Every read is the IAM action `apigateway:GET` on the
 * path-style resource ARN (`arn:aws:apigateway:us-east-1::/restapis/abc123`).
 */

const DEFAULT_LIMIT = 25;

const limit = z.coerce.number().int().min(1).max(500).optional();

export const restApisResource = (region: string): string => `arn:aws:apigateway:${region}::/restapis`;

function pageOf<T>(items: T[], position: string | undefined, size: number | undefined, tag: string) {
  const { page, next } = offsetPage(
    items,
    position,
    size ?? DEFAULT_LIMIT,
    tag,
    () => new AwsError('BadRequestException', 'Invalid position parameter'),
  );
  return { page, ...(next ? { position: next } : {}) };
}

function restApiOf(ctx: OperationContext, id: string): SimRestApi {
  const api = ctx.state.apigateway.getRestApi(ctx.caller.accountId, ctx.region, id);
  if (!api)
    throw new AwsError('NotFoundException', `Invalid API identifier specified ${ctx.caller.accountId}:${id}`);
  return api;
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

function restApiJson(api: SimRestApi): Record<string, unknown> {
  const s = api.spec;
  return {
    id: api.id,
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    createdDate: seconds(api.createdDate),
    apiKeySource: s.apiKeySource ?? 'HEADER',
    endpointConfiguration: { types: s.endpointTypes ?? ['EDGE'], ipAddressType: 'ipv4' },
    ...(s.minimumCompressionSize === undefined ? {} : { minimumCompressionSize: s.minimumCompressionSize }),
    disableExecuteApiEndpoint: s.disableExecuteApiEndpoint ?? false,
    rootResourceId: api.resources[0]?.id,
    ...(s.tags ? { tags: { ...s.tags } } : {}),
  };
}

/** AWS fills every member of a method setting; -1 throttling means "not set at this level". */
function methodSettingJson(m: SimRestMethodSetting): Record<string, unknown> {
  return {
    metricsEnabled: m.metricsEnabled ?? false,
    loggingLevel: m.loggingLevel ?? 'OFF',
    dataTraceEnabled: m.dataTraceEnabled ?? false,
    throttlingBurstLimit: m.throttlingBurstLimit ?? -1,
    throttlingRateLimit: m.throttlingRateLimit ?? -1,
    cachingEnabled: m.cachingEnabled ?? false,
    cacheTtlInSeconds: m.cacheTtlInSeconds ?? 300,
    cacheDataEncrypted: m.cacheDataEncrypted ?? false,
    requireAuthorizationForCacheControl: true,
    unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
  };
}

function stageJson(api: SimRestApi, st: SimRestStageSpec): Record<string, unknown> {
  return {
    deploymentId: api.deploymentId,
    ...(st.clientCertificateId ? { clientCertificateId: st.clientCertificateId } : {}),
    stageName: st.name,
    ...(st.description ? { description: st.description } : {}),
    cacheClusterEnabled: st.cacheClusterEnabled ?? false,
    ...(st.cacheClusterEnabled ? { cacheClusterSize: st.cacheClusterSize ?? '0.5' } : {}),
    cacheClusterStatus: st.cacheClusterEnabled ? 'AVAILABLE' : 'NOT_AVAILABLE',
    methodSettings: Object.fromEntries(
      Object.entries(st.methodSettings ?? {}).map(([k, v]) => [k, methodSettingJson(v)]),
    ),
    ...(st.variables ? { variables: { ...st.variables } } : {}),
    ...(st.accessLog
      ? { accessLogSettings: { format: st.accessLog.format, destinationArn: st.accessLog.destinationArn } }
      : {}),
    tracingEnabled: st.tracingEnabled ?? false,
    ...(st.webAclArn ? { webAclArn: st.webAclArn } : {}),
    createdDate: seconds(api.createdDate),
    lastUpdatedDate: seconds(api.createdDate),
  };
}

function methodJson(api: SimRestApi, m: SimRestMethodSpec): Record<string, unknown> {
  const authorizer = m.authorizer ? api.authorizers.find((a) => a.name === m.authorizer) : undefined;
  return {
    httpMethod: m.httpMethod,
    authorizationType: m.authorizationType ?? 'NONE',
    ...(authorizer ? { authorizerId: authorizer.id } : {}),
    apiKeyRequired: m.apiKeyRequired ?? false,
    ...(m.integration
      ? {
          methodIntegration: {
            type: m.integration.type,
            ...(m.integration.type === 'MOCK' ? {} : { httpMethod: 'POST' }),
            ...(m.integration.uri ? { uri: m.integration.uri } : {}),
            passthroughBehavior: 'WHEN_NO_MATCH',
            timeoutInMillis: 29000,
            cacheNamespace: api.resources.find((r) => r.methods.includes(m))?.id,
            cacheKeyParameters: [],
          },
        }
      : {}),
  };
}

const getRestApis = defineOperation({
  name: 'GetRestApis',
  http: { method: 'GET', path: '/restapis' },
  input: z.object({ position: z.string().min(1).optional(), limit }),
  target: (_input, ctx) => ({ resource: restApisResource(ctx.region) }),
  handle(ctx, input) {
    const all = ctx.state.apigateway.restApis(ctx.caller.accountId, ctx.region);
    const { page, ...rest } = pageOf(all, input.position, input.limit, 'ra');
    return { item: page.map(restApiJson), ...rest };
  },
});

const getRestApi = defineOperation({
  name: 'GetRestApi',
  http: { method: 'GET', path: '/restapis/{restApiId}' },
  input: z.object({ restApiId: z.string().min(1) }),
  target: (input, ctx) => ({ resource: `${restApisResource(ctx.region)}/${input.restApiId}` }),
  handle(ctx, input) {
    return restApiJson(restApiOf(ctx, input.restApiId));
  },
});

const getStages = defineOperation({
  name: 'GetStages',
  http: { method: 'GET', path: '/restapis/{restApiId}/stages' },
  input: z.object({ restApiId: z.string().min(1), deploymentId: z.string().optional() }),
  target: (input, ctx) => ({ resource: `${restApisResource(ctx.region)}/${input.restApiId}/stages` }),
  handle(ctx, input) {
    const api = restApiOf(ctx, input.restApiId);
    const stages = (api.spec.stages ?? []).filter(
      () => input.deploymentId === undefined || input.deploymentId === api.deploymentId,
    );
    // GetStages is not paged: every stage in one `item` list.
    return { item: stages.map((st) => stageJson(api, st)) };
  },
});

const getAuthorizers = defineOperation({
  name: 'GetAuthorizers',
  http: { method: 'GET', path: '/restapis/{restApiId}/authorizers' },
  input: z.object({ restApiId: z.string().min(1), position: z.string().min(1).optional(), limit }),
  target: (input, ctx) => ({ resource: `${restApisResource(ctx.region)}/${input.restApiId}/authorizers` }),
  handle(ctx, input) {
    const api = restApiOf(ctx, input.restApiId);
    const { page, ...rest } = pageOf(api.authorizers, input.position, input.limit, 'au');
    return {
      item: page.map((a) => ({
        id: a.id,
        name: a.name,
        type: a.type,
        ...(a.providerARNs ? { providerARNs: [...a.providerARNs] } : {}),
        ...(a.authorizerUri ? { authorizerUri: a.authorizerUri } : {}),
        identitySource: a.identitySource ?? 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 300,
      })),
      ...rest,
    };
  },
});

const getResources = defineOperation({
  name: 'GetResources',
  http: { method: 'GET', path: '/restapis/{restApiId}/resources' },
  input: z.object({
    restApiId: z.string().min(1),
    position: z.string().min(1).optional(),
    limit,
    // The SDK sends a list as repeated `embed=`; only `methods` means anything.
    embed: z.union([z.string(), z.array(z.string())]).optional(),
  }),
  target: (input, ctx) => ({ resource: `${restApisResource(ctx.region)}/${input.restApiId}/resources` }),
  handle(ctx, input) {
    const api = restApiOf(ctx, input.restApiId);
    const embed = input.embed === undefined ? [] : [input.embed].flat().flatMap((e) => e.split(','));
    const withMethods = embed.includes('methods');
    const { page, ...rest } = pageOf(api.resources, input.position, input.limit, 'rs');
    return {
      item: page.map((r) => ({
        id: r.id,
        ...(r.parentId ? { parentId: r.parentId } : {}),
        ...(r.pathPart ? { pathPart: r.pathPart } : {}),
        path: r.path,
        ...(withMethods && r.methods.length > 0
          ? { resourceMethods: Object.fromEntries(r.methods.map((m) => [m.httpMethod, methodJson(api, m)])) }
          : {}),
      })),
      ...rest,
    };
  },
});

export const apigatewayService: ServiceDefinition = {
  id: 'apigateway',
  signingName: 'apigateway',
  iamPrefix: 'apigateway',
  protocol: 'restJson1',
  restPathPrefix: '/restapis',
  validationErrorCode: 'BadRequestException',
  errors: {
    BadRequestException: { status: 400 },
    NotFoundException: { status: 404 },
    ResourceNotFoundException: { code: 'NotFoundException', status: 404 },
    TooManyRequestsException: { status: 429 },
    ThrottlingException: { code: 'TooManyRequestsException', status: 429 },
    LimitExceededException: { status: 429 },
    // An IAM denial is not in the v1 model: the SDK raises a generic error named AccessDeniedException.
    AccessDeniedException: { status: 403 },
    UnauthorizedException: { status: 401 },
    ServiceUnavailableException: { status: 503, server: true },
  },
  operations: [getRestApis, getRestApi, getStages, getAuthorizers, getResources],
};

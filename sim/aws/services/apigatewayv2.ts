import { z } from 'zod';
import { AwsError } from '../errors.js';
import { offsetPage } from '../paging.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimV2Api, SimV2RouteSettings, SimV2StageSpec } from '../stores/apigateway.js';

/**
 * API Gateway HTTP and WebSocket APIs (v2): REST-JSON under `/v2/`, signing name `apigateway`.
 * Lists answer `items` plus `nextToken`, paged with the `maxResults` (a string on the wire) and
 * `nextToken` query parameters. Dates are ISO 8601. Reads are `apigateway:GET` on `/apis/...`.
 */

const DEFAULT_MAX_RESULTS = 100;

const paging = {
  maxResults: z.coerce.number().int().min(1).max(500).optional(),
  nextToken: z.string().min(1).optional(),
};

export const v2ApisResource = (region: string): string => `arn:aws:apigateway:${region}::/apis`;

function pageOf<T>(items: T[], token: string | undefined, size: number | undefined, tag: string) {
  const { page, next } = offsetPage(
    items,
    token,
    size ?? DEFAULT_MAX_RESULTS,
    tag,
    () => new AwsError('BadRequestException', 'Invalid nextToken'),
  );
  return { items: page, ...(next ? { nextToken: next } : {}) };
}

function apiOf(ctx: OperationContext, id: string): SimV2Api {
  const api = ctx.state.apigateway.getV2Api(ctx.caller.accountId, ctx.region, id);
  if (!api) {
    throw new AwsError('NotFoundException', `Invalid API identifier specified ${id}`, {
      extra: { resourceType: 'Api' },
    });
  }
  return api;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function apiJson(api: SimV2Api): Record<string, unknown> {
  const s = api.spec;
  const ws = s.protocolType === 'WEBSOCKET';
  return {
    apiId: api.id,
    name: s.name,
    protocolType: s.protocolType,
    apiEndpoint: `${ws ? 'wss' : 'https'}://${api.id}.execute-api.${api.region}.amazonaws.com`,
    apiKeySelectionExpression: '$request.header.x-api-key',
    routeSelectionExpression:
      s.routeSelectionExpression ?? (ws ? '$request.body.action' : '$request.method $request.path'),
    createdDate: iso(api.createdDate),
    ...(s.description ? { description: s.description } : {}),
    disableExecuteApiEndpoint: s.disableExecuteApiEndpoint ?? false,
    ipAddressType: 'ipv4',
    ...(s.cors && !ws
      ? {
          corsConfiguration: {
            ...(s.cors.allowOrigins ? { allowOrigins: [...s.cors.allowOrigins] } : {}),
            ...(s.cors.allowMethods ? { allowMethods: [...s.cors.allowMethods] } : {}),
            allowCredentials: s.cors.allowCredentials ?? false,
          },
        }
      : {}),
    tags: { ...(s.tags ?? {}) },
  };
}

/** HTTP APIs carry only metrics and throttling; logging level and data trace are WebSocket-only. */
function routeSettingsJson(ws: boolean, r: SimV2RouteSettings): Record<string, unknown> {
  return {
    detailedMetricsEnabled: r.detailedMetricsEnabled ?? false,
    ...(ws ? { dataTraceEnabled: r.dataTraceEnabled ?? false, loggingLevel: r.loggingLevel ?? 'OFF' } : {}),
    ...(r.throttlingBurstLimit === undefined ? {} : { throttlingBurstLimit: r.throttlingBurstLimit }),
    ...(r.throttlingRateLimit === undefined ? {} : { throttlingRateLimit: r.throttlingRateLimit }),
  };
}

function stageJson(api: SimV2Api, st: SimV2StageSpec): Record<string, unknown> {
  const ws = api.spec.protocolType === 'WEBSOCKET';
  return {
    stageName: st.name,
    ...(st.description ? { description: st.description } : {}),
    ...(st.accessLog
      ? { accessLogSettings: { destinationArn: st.accessLog.destinationArn, format: st.accessLog.format } }
      : {}),
    autoDeploy: st.autoDeploy ?? !ws,
    apiGatewayManaged: false,
    createdDate: iso(api.createdDate),
    lastUpdatedDate: iso(api.createdDate),
    defaultRouteSettings: routeSettingsJson(ws, st.defaultRouteSettings ?? {}),
    routeSettings: Object.fromEntries(
      Object.entries(st.routeSettings ?? {}).map(([k, v]) => [k, routeSettingsJson(ws, v)]),
    ),
    stageVariables: { ...(st.stageVariables ?? {}) },
    tags: {},
  };
}

const getApis = defineOperation({
  name: 'GetApis',
  http: { method: 'GET', path: '/v2/apis' },
  input: z.object(paging),
  target: (_input, ctx) => ({ resource: v2ApisResource(ctx.region) }),
  handle(ctx, input) {
    const all = ctx.state.apigateway.v2Apis(ctx.caller.accountId, ctx.region);
    const { items, ...rest } = pageOf(all, input.nextToken, input.maxResults, 'api');
    return { items: items.map(apiJson), ...rest };
  },
});

const getStages = defineOperation({
  name: 'GetStages',
  http: { method: 'GET', path: '/v2/apis/{apiId}/stages' },
  input: z.object({ apiId: z.string().min(1), ...paging }),
  target: (input, ctx) => ({ resource: `${v2ApisResource(ctx.region)}/${input.apiId}/stages` }),
  handle(ctx, input) {
    const api = apiOf(ctx, input.apiId);
    const { items, ...rest } = pageOf(api.spec.stages ?? [], input.nextToken, input.maxResults, 'stg');
    return { items: items.map((st) => stageJson(api, st)), ...rest };
  },
});

const getRoutes = defineOperation({
  name: 'GetRoutes',
  http: { method: 'GET', path: '/v2/apis/{apiId}/routes' },
  input: z.object({ apiId: z.string().min(1), ...paging }),
  target: (input, ctx) => ({ resource: `${v2ApisResource(ctx.region)}/${input.apiId}/routes` }),
  handle(ctx, input) {
    const api = apiOf(ctx, input.apiId);
    const { items, ...rest } = pageOf(api.routes, input.nextToken, input.maxResults, 'rt');
    return {
      items: items.map((r) => ({
        routeId: r.id,
        routeKey: r.routeKey,
        apiGatewayManaged: false,
        apiKeyRequired: r.apiKeyRequired ?? false,
        authorizationType: r.authorizationType ?? 'NONE',
        ...(r.authorizerId ? { authorizerId: r.authorizerId } : {}),
        ...(r.target ? { target: r.target } : {}),
      })),
      ...rest,
    };
  },
});

const getAuthorizers = defineOperation({
  name: 'GetAuthorizers',
  http: { method: 'GET', path: '/v2/apis/{apiId}/authorizers' },
  input: z.object({ apiId: z.string().min(1), ...paging }),
  target: (input, ctx) => ({ resource: `${v2ApisResource(ctx.region)}/${input.apiId}/authorizers` }),
  handle(ctx, input) {
    const api = apiOf(ctx, input.apiId);
    const { items, ...rest } = pageOf(api.authorizers, input.nextToken, input.maxResults, 'au');
    return {
      items: items.map((a) => ({
        authorizerId: a.id,
        name: a.name,
        authorizerType: a.authorizerType,
        ...(a.authorizerUri ? { authorizerUri: a.authorizerUri } : {}),
        identitySource: a.identitySource ?? ['$request.header.Authorization'],
        ...(a.jwt ? { jwtConfiguration: { audience: [...a.jwt.audience], issuer: a.jwt.issuer } } : {}),
      })),
      ...rest,
    };
  },
});

const getIntegrations = defineOperation({
  name: 'GetIntegrations',
  http: { method: 'GET', path: '/v2/apis/{apiId}/integrations' },
  input: z.object({ apiId: z.string().min(1), ...paging }),
  target: (input, ctx) => ({ resource: `${v2ApisResource(ctx.region)}/${input.apiId}/integrations` }),
  handle(ctx, input) {
    const api = apiOf(ctx, input.apiId);
    const ws = api.spec.protocolType === 'WEBSOCKET';
    const { items, ...rest } = pageOf(api.integrations, input.nextToken, input.maxResults, 'in');
    return {
      items: items.map((i) => ({
        integrationId: i.id,
        integrationType: i.integrationType,
        integrationUri: i.integrationUri,
        integrationMethod: 'POST',
        connectionType: 'INTERNET',
        payloadFormatVersion: ws ? '1.0' : '2.0',
        timeoutInMillis: ws ? 29000 : 30000,
        apiGatewayManaged: false,
      })),
      ...rest,
    };
  },
});

export const apigatewayv2Service: ServiceDefinition = {
  id: 'apigatewayv2',
  signingName: 'apigateway',
  iamPrefix: 'apigateway',
  protocol: 'restJson1',
  restPathPrefix: '/v2/',
  validationErrorCode: 'BadRequestException',
  errors: {
    BadRequestException: { status: 400 },
    NotFoundException: { status: 404 },
    ResourceNotFoundException: { code: 'NotFoundException', status: 404 },
    TooManyRequestsException: { status: 429 },
    ThrottlingException: { code: 'TooManyRequestsException', status: 429 },
    LimitExceededException: { code: 'TooManyRequestsException', status: 429 },
    AccessDeniedException: { status: 403 },
    ServiceUnavailableException: { status: 503, server: true },
  },
  operations: [getApis, getStages, getRoutes, getAuthorizers, getIntegrations],
};

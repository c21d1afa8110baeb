import {
  GetAuthorizersCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  type Method,
  type MethodSetting,
  type RestApi as SdkRestApi,
  type Stage as SdkStage,
} from '@aws-sdk/client-api-gateway';
import {
  GetApisCommand,
  GetRoutesCommand,
  GetAuthorizersCommand as GetV2AuthorizersCommand,
  GetStagesCommand as GetV2StagesCommand,
  type RouteSettings as SdkRouteSettings,
  type Api as SdkV2Api,
  type Route as SdkV2Route,
  type Stage as SdkV2Stage,
} from '@aws-sdk/client-apigatewayv2';
import { type CollectorContext, mapLimit } from '../context.js';

/**
 * API Gateway's IAM model has one action per HTTP verb: every read, v1 or v2, is `apigateway:GET`
 * on a path-style resource (`arn:aws:apigateway:us-east-1::/restapis/abc123/stages`).
 */
export const APIGATEWAY_READ = 'apigateway:GET';

/** GetRestApis / GetResources page size (the service's maximum is 500). */
export const LIST_REST_APIS_PAGE = 500;
/** apigatewayv2 GetApis / GetStages / GetRoutes page size. */
export const LIST_V2_APIS_PAGE = 500;
/** Per-REST-API calls of a clean scan: GetStages, GetAuthorizers, GetResources (embed=methods). */
export const perRestApiActions = [APIGATEWAY_READ, APIGATEWAY_READ, APIGATEWAY_READ] as const;
/** Per-HTTP/WebSocket-API calls of a clean scan: GetStages, GetRoutes, GetAuthorizers. */
export const perV2ApiActions = [APIGATEWAY_READ, APIGATEWAY_READ, APIGATEWAY_READ] as const;

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

const restArn = (region: string, path: string): string => `arn:aws:apigateway:${region}::${path}`;

/** -1 (and other non-positive values) means "not set at this level". */
const limitOf = (n: number | undefined): number | undefined => (n !== undefined && n >= 0 ? n : undefined);

/**
 * REST, HTTP and WebSocket APIs of the account and region with stage settings, method or route
 * authorization and authorizer counts. Undefined only when neither listing could be read.
 */
export async function collectApiGateway(
  ctx: CollectorContext,
  concurrency: number,
): Promise<ApiGatewayInventory | undefined> {
  ctx.progress({ collector: 'apigateway', state: 'start' });
  const v2Apis = await collectV2(ctx, concurrency);
  const restApis = await collectRest(ctx, concurrency);
  if (!restApis && !v2Apis) {
    ctx.progress({ collector: 'apigateway', state: 'failed', message: 'neither API list could be read' });
    return undefined;
  }
  ctx.progress({
    collector: 'apigateway',
    state: 'done',
    items: (restApis?.length ?? 0) + (v2Apis?.length ?? 0),
  });
  return { ...(restApis ? { restApis } : {}), ...(v2Apis ? { v2Apis } : {}) };
}

async function collectRest(ctx: CollectorContext, concurrency: number): Promise<RestApiInfo[] | undefined> {
  const client = ctx.clients.apigateway(ctx.target);
  const region = ctx.target.region;
  const listed: SdkRestApi[] = [];
  let position: string | undefined;
  do {
    const page = await ctx.call(
      'apigateway',
      APIGATEWAY_READ,
      () => client.send(new GetRestApisCommand({ limit: LIST_REST_APIS_PAGE, position })),
      { resource: '/restapis' },
    );
    if (!page.ok) return undefined;
    listed.push(...(page.value.items ?? []));
    position = page.value.position;
  } while (position);

  return mapLimit(listed, concurrency, async (api) => {
    const id = api.id ?? '';
    const path = `/restapis/${id}`;
    const info: RestApiInfo = {
      id,
      name: api.name ?? id,
      arn: restArn(region, path),
      endpointTypes: api.endpointConfiguration?.types ?? [],
      ...(api.createdDate ? { createdDate: api.createdDate.getTime() } : {}),
    };
    const stages = await ctx.call(
      'apigateway',
      APIGATEWAY_READ,
      () => client.send(new GetStagesCommand({ restApiId: id })),
      { resource: `${path}/stages` },
    );
    if (stages.ok) info.stages = (stages.value.item ?? []).map((s) => toRestStage(region, id, s));

    // Each API pages on its own: the per-API calls run side by side under mapLimit.
    let authorizers = 0;
    let authorizersOk = true;
    let authorizersPosition: string | undefined;
    do {
      const page = await ctx.call(
        'apigateway',
        APIGATEWAY_READ,
        () =>
          client.send(
            new GetAuthorizersCommand({
              restApiId: id,
              limit: LIST_REST_APIS_PAGE,
              position: authorizersPosition,
            }),
          ),
        { resource: `${path}/authorizers` },
      );
      if (!page.ok) {
        authorizersOk = false;
        break;
      }
      authorizers += page.value.items?.length ?? 0;
      authorizersPosition = page.value.position;
    } while (authorizersPosition);
    if (authorizersOk) info.authorizerCount = authorizers;

    const methods: RestMethod[] = [];
    let resourcesOk = true;
    let resourcesPosition: string | undefined;
    do {
      const page = await ctx.call(
        'apigateway',
        APIGATEWAY_READ,
        () =>
          client.send(
            new GetResourcesCommand({
              restApiId: id,
              embed: ['methods'],
              limit: LIST_REST_APIS_PAGE,
              position: resourcesPosition,
            }),
          ),
        { resource: `${path}/resources` },
      );
      if (!page.ok) {
        resourcesOk = false;
        break;
      }
      for (const r of page.value.items ?? []) {
        for (const m of Object.values(r.resourceMethods ?? {})) methods.push(toRestMethod(r.path ?? '/', m));
      }
      resourcesPosition = page.value.position;
    } while (resourcesPosition);
    if (resourcesOk) info.methods = methods;
    return info;
  });
}

export function toRestStage(region: string, apiId: string, s: SdkStage): RestStage {
  const name = s.stageName ?? '';
  return {
    name,
    arn: restArn(region, `/restapis/${apiId}/stages/${name}`),
    tracingEnabled: s.tracingEnabled ?? false,
    ...(s.webAclArn ? { webAclArn: s.webAclArn } : {}),
    ...(s.clientCertificateId ? { clientCertificateId: s.clientCertificateId } : {}),
    cacheClusterEnabled: s.cacheClusterEnabled ?? false,
    ...(s.accessLogSettings?.destinationArn
      ? { accessLogDestinationArn: s.accessLogSettings.destinationArn }
      : {}),
    ...(s.accessLogSettings?.format ? { accessLogFormat: s.accessLogSettings.format } : {}),
    methodSettings: Object.fromEntries(
      Object.entries(s.methodSettings ?? {}).map(([k, v]) => [k, toMethodSettings(v)]),
    ),
  };
}

function toMethodSettings(m: MethodSetting): RestMethodSettings {
  const burst = limitOf(m.throttlingBurstLimit);
  const rate = limitOf(m.throttlingRateLimit);
  return {
    loggingLevel: m.loggingLevel ?? 'OFF',
    metricsEnabled: m.metricsEnabled ?? false,
    dataTraceEnabled: m.dataTraceEnabled ?? false,
    ...(burst === undefined ? {} : { throttlingBurstLimit: burst }),
    ...(rate === undefined ? {} : { throttlingRateLimit: rate }),
    cachingEnabled: m.cachingEnabled ?? false,
    cacheDataEncrypted: m.cacheDataEncrypted ?? false,
  };
}

function toRestMethod(path: string, m: Method): RestMethod {
  return {
    path,
    httpMethod: m.httpMethod ?? '',
    authorizationType: m.authorizationType ?? 'NONE',
    apiKeyRequired: m.apiKeyRequired ?? false,
    ...(m.methodIntegration?.type ? { integrationType: m.methodIntegration.type } : {}),
  };
}

async function collectV2(ctx: CollectorContext, concurrency: number): Promise<V2ApiInfo[] | undefined> {
  const client = ctx.clients.apigatewayv2(ctx.target);
  const region = ctx.target.region;
  const max = String(LIST_V2_APIS_PAGE);
  const listed: SdkV2Api[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call(
      'apigateway',
      APIGATEWAY_READ,
      () => client.send(new GetApisCommand({ MaxResults: max, NextToken: token })),
      { resource: '/apis' },
    );
    if (!page.ok) return undefined;
    listed.push(...(page.value.Items ?? []));
    token = page.value.NextToken;
  } while (token);

  /** Pages one per-API list; undefined when a page failed (already recorded as unavailable). */
  const all = async <T>(
    resource: string,
    send: (next: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>,
  ): Promise<T[] | undefined> => {
    const out: T[] = [];
    let next: string | undefined;
    do {
      const page = await ctx.call('apigateway', APIGATEWAY_READ, () => send(next), { resource });
      if (!page.ok) return undefined;
      out.push(...(page.value.Items ?? []));
      next = page.value.NextToken;
    } while (next);
    return out;
  };

  return mapLimit(listed, concurrency, async (api) => {
    const id = api.ApiId ?? '';
    const path = `/apis/${id}`;
    const stages = await all(`${path}/stages`, (next) =>
      client.send(new GetV2StagesCommand({ ApiId: id, MaxResults: max, NextToken: next })),
    );
    const routes = await all(`${path}/routes`, (next) =>
      client.send(new GetRoutesCommand({ ApiId: id, MaxResults: max, NextToken: next })),
    );
    const authorizers = await all(`${path}/authorizers`, (next) =>
      client.send(new GetV2AuthorizersCommand({ ApiId: id, MaxResults: max, NextToken: next })),
    );
    return {
      id,
      name: api.Name ?? id,
      protocolType: api.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP',
      arn: restArn(region, path),
      ...(api.CreatedDate ? { createdDate: api.CreatedDate.getTime() } : {}),
      ...(stages ? { stages: stages.map((s) => toV2Stage(region, id, s)) } : {}),
      ...(routes ? { routes: routes.map(toV2Route) } : {}),
      ...(authorizers ? { authorizerCount: authorizers.length } : {}),
    };
  });
}

export function toV2Stage(region: string, apiId: string, s: SdkV2Stage): V2Stage {
  const name = s.StageName ?? '';
  return {
    name,
    arn: restArn(region, `/apis/${apiId}/stages/${name}`),
    ...(s.AccessLogSettings?.DestinationArn
      ? { accessLogDestinationArn: s.AccessLogSettings.DestinationArn }
      : {}),
    ...(s.AccessLogSettings?.Format ? { accessLogFormat: s.AccessLogSettings.Format } : {}),
    defaultRouteSettings: toRouteSettings(s.DefaultRouteSettings ?? {}),
    routeSettings: Object.fromEntries(
      Object.entries(s.RouteSettings ?? {}).map(([k, v]) => [k, toRouteSettings(v)]),
    ),
  };
}

function toRouteSettings(r: SdkRouteSettings): V2RouteSettings {
  const burst = limitOf(r.ThrottlingBurstLimit);
  const rate = limitOf(r.ThrottlingRateLimit);
  return {
    detailedMetricsEnabled: r.DetailedMetricsEnabled ?? false,
    ...(r.LoggingLevel ? { loggingLevel: r.LoggingLevel } : {}),
    ...(r.DataTraceEnabled === undefined ? {} : { dataTraceEnabled: r.DataTraceEnabled }),
    ...(burst === undefined ? {} : { throttlingBurstLimit: burst }),
    ...(rate === undefined ? {} : { throttlingRateLimit: rate }),
  };
}

function toV2Route(r: SdkV2Route): V2Route {
  return {
    routeKey: r.RouteKey ?? '',
    authorizationType: r.AuthorizationType ?? 'NONE',
    ...(r.AuthorizerId ? { authorizerId: r.AuthorizerId } : {}),
    ...(r.Target ? { target: r.Target } : {}),
  };
}

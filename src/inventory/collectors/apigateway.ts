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
import type {
  ApiGatewayInventory,
  RestApiInfo,
  RestMethod,
  RestMethodSettings,
  RestStage,
  V2ApiInfo,
  V2Route,
  V2RouteSettings,
  V2Stage,
} from '../snapshot.js';

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

import type {
  ApiGatewayInventory,
  RestApiInfo,
  RestMethod,
  RestMethodSettings,
  RestStage,
  Snapshot,
  Unavailable,
  V2ApiInfo,
  V2Route,
  V2RouteSettings,
  V2Stage,
} from '../../src/inventory/snapshot.js';
import { ACCOUNT, REGION, snapshot } from './builders.js';

/** API Gateway inventory builders: each default is a well set-up resource; override to break it. */

const apiArn = (path: string) => `arn:aws:apigateway:${REGION}::${path}`;

export const methodSettings = (over: Partial<RestMethodSettings> = {}): RestMethodSettings => ({
  loggingLevel: 'ERROR',
  metricsEnabled: true,
  dataTraceEnabled: false,
  throttlingBurstLimit: 200,
  throttlingRateLimit: 100,
  cachingEnabled: false,
  cacheDataEncrypted: false,
  ...over,
});

export function restStage(over: Partial<RestStage> & { apiId?: string } = {}): RestStage {
  const { apiId = 'a1b2c3d4e5', ...rest } = over;
  const name = rest.name ?? 'prod';
  return {
    name,
    arn: apiArn(`/restapis/${apiId}/stages/${name}`),
    tracingEnabled: true,
    webAclArn: `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/api-protection/0f1e2d3c`,
    cacheClusterEnabled: false,
    accessLogDestinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/apigateway/orders-api`,
    accessLogFormat: '{"requestId":"$context.requestId","status":"$context.status"}',
    methodSettings: { '*/*': methodSettings() },
    ...rest,
  };
}

export const method = (over: Partial<RestMethod> = {}): RestMethod => ({
  path: '/orders',
  httpMethod: 'GET',
  authorizationType: 'COGNITO_USER_POOLS',
  apiKeyRequired: false,
  integrationType: 'AWS_PROXY',
  ...over,
});

export function restApi(over: Partial<RestApiInfo> = {}): RestApiInfo {
  const id = over.id ?? 'a1b2c3d4e5';
  return {
    id,
    name: 'orders-api',
    arn: apiArn(`/restapis/${id}`),
    endpointTypes: ['REGIONAL'],
    stages: [restStage({ apiId: id })],
    authorizerCount: 1,
    methods: [
      method(),
      method({ httpMethod: 'POST' }),
      method({ httpMethod: 'OPTIONS', authorizationType: 'NONE' }),
    ],
    ...over,
  };
}

export const routeSettings = (over: Partial<V2RouteSettings> = {}): V2RouteSettings => ({
  detailedMetricsEnabled: true,
  throttlingBurstLimit: 100,
  throttlingRateLimit: 50,
  ...over,
});

export function v2Stage(over: Partial<V2Stage> & { apiId?: string } = {}): V2Stage {
  const { apiId = 'h1t2t3p4a5', ...rest } = over;
  const name = rest.name ?? '$default';
  return {
    name,
    arn: apiArn(`/apis/${apiId}/stages/${name}`),
    accessLogDestinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/apigateway/webhooks`,
    accessLogFormat: '{"requestId":"$context.requestId"}',
    defaultRouteSettings: routeSettings(),
    routeSettings: {},
    ...rest,
  };
}

export const route = (over: Partial<V2Route> = {}): V2Route => ({
  routeKey: 'POST /hooks',
  authorizationType: 'JWT',
  authorizerId: 'au1234',
  target: 'integrations/in12345',
  ...over,
});

export function v2Api(over: Partial<V2ApiInfo> = {}): V2ApiInfo {
  const id = over.id ?? 'h1t2t3p4a5';
  return {
    id,
    name: 'webhooks-http',
    protocolType: 'HTTP',
    arn: apiArn(`/apis/${id}`),
    stages: [v2Stage({ apiId: id })],
    routes: [route(), route({ routeKey: 'OPTIONS /hooks', authorizationType: 'NONE' })],
    authorizerCount: 1,
    ...over,
  };
}

export function webSocketApi(over: Partial<V2ApiInfo> = {}): V2ApiInfo {
  const id = over.id ?? 'w1s2o3c4k5';
  return v2Api({
    id,
    name: 'live-updates',
    protocolType: 'WEBSOCKET',
    stages: [
      v2Stage({
        apiId: id,
        name: 'prod',
        defaultRouteSettings: routeSettings({ loggingLevel: 'ERROR', dataTraceEnabled: false }),
      }),
    ],
    routes: [
      route({ routeKey: '$connect', authorizationType: 'CUSTOM' }),
      route({ routeKey: '$default', authorizationType: 'NONE' }),
      route({ routeKey: '$disconnect', authorizationType: 'NONE' }),
    ],
    ...over,
  });
}

/** A snapshot with the given API Gateway section; `null` leaves the section out (not collected). */
export function withApiGateway(
  section: ApiGatewayInventory | null,
  unavailable: Unavailable[] = [],
): Snapshot {
  return { ...snapshot({ unavailable }), ...(section === null ? {} : { apigateway: section }) };
}

export const withRest = (...restApis: RestApiInfo[]): Snapshot => withApiGateway({ restApis, v2Apis: [] });
export const withV2 = (...v2Apis: V2ApiInfo[]): Snapshot => withApiGateway({ restApis: [], v2Apis });

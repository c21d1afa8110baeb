import type { SimState } from '../state.js';
import type { SimRestMethodSetting } from '../stores/apigateway.js';
import { putDailyMetric } from './metrics.js';

/**
 * The demo account's API Gateway APIs, each in front of one of the demo's functions:
 * - `orders-api` (REST, regional) set up well: Cognito on every method, ERROR execution logs, JSON
 *   access logs, X-Ray, WAF, detailed metrics, stage throttling, an encrypted cache;
 * - `internal-admin` (REST, edge) wrong in most ways: methods open to anyone, no logs, no tracing,
 *   no WAF, no throttling, and full request bodies traced into the logs;
 * - `catalog-api` (REST, read-only): `prod` caches without encrypting, `beta` does not cache;
 * - `webhooks-http` (HTTP): an open route, no access logs, no throttling, no detailed metrics;
 * - `live-updates` (WebSocket): `$connect` behind a Lambda authorizer, logged and throttled.
 * Returns the API names.
 */
export function demoApiGateway(state: SimState, account: string, region: string): string[] {
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
  const fn = (name: string) => arn('lambda', `function:${name}`);
  const lambdaUri = (name: string) =>
    `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fn(name)}/invocations`;
  const logGroup = (name: string) => arn('logs', `log-group:/aws/apigateway/${name}`);
  const webAcl = arn('wafv2', 'regional/webacl/api-protection/3c1d9e2f-7a6b-4c5d-9e8f-1a2b3c4d5e6f');
  const userPool = arn('cognito-idp', 'userpool/us-east-1_Demo0rders');
  const jsonFormat = JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    method: '$context.httpMethod',
    path: '$context.resourcePath',
    status: '$context.status',
    latency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
  });
  const healthy: SimRestMethodSetting = {
    loggingLevel: 'ERROR',
    metricsEnabled: true,
    throttlingBurstLimit: 200,
    throttlingRateLimit: 100,
  };
  const apigw = state.apigateway;
  const names = ['orders-api', 'internal-admin', 'catalog-api', 'webhooks-http', 'live-updates'];
  // Re-running the demo replaces the APIs instead of adding copies.
  for (const name of names) apigw.removeByName(account, region, name);

  const ordersIntegration = { type: 'AWS_PROXY' as const, uri: lambdaUri('orders-api') };
  apigw.addRestApi(account, region, {
    name: 'orders-api',
    description: 'Public orders API for the storefront',
    endpointTypes: ['REGIONAL'],
    authorizers: [{ name: 'storefront-users', type: 'COGNITO_USER_POOLS', providerARNs: [userPool] }],
    methods: [
      {
        path: '/orders',
        httpMethod: 'GET',
        authorizationType: 'COGNITO_USER_POOLS',
        authorizer: 'storefront-users',
        integration: ordersIntegration,
      },
      {
        path: '/orders',
        httpMethod: 'POST',
        authorizationType: 'COGNITO_USER_POOLS',
        authorizer: 'storefront-users',
        integration: ordersIntegration,
      },
      { path: '/orders', httpMethod: 'OPTIONS', integration: { type: 'MOCK' } },
      {
        path: '/orders/{orderId}',
        httpMethod: 'GET',
        authorizationType: 'COGNITO_USER_POOLS',
        authorizer: 'storefront-users',
        integration: ordersIntegration,
      },
    ],
    stages: [
      {
        name: 'prod',
        tracingEnabled: true,
        webAclArn: webAcl,
        cacheClusterEnabled: true,
        cacheClusterSize: '0.5',
        accessLog: { destinationArn: logGroup('orders-api'), format: jsonFormat },
        methodSettings: {
          '*/*': healthy,
          'orders/GET': { ...healthy, cachingEnabled: true, cacheTtlInSeconds: 60, cacheDataEncrypted: true },
        },
      },
    ],
    tags: { team: 'orders' },
  });

  const adminIntegration = { type: 'AWS_PROXY' as const, uri: lambdaUri('ledger-reconciler') };
  apigw.addRestApi(account, region, {
    name: 'internal-admin',
    description: 'Back-office tools',
    endpointTypes: ['EDGE'],
    methods: [
      { path: '/users', httpMethod: 'GET', apiKeyRequired: true, integration: adminIntegration },
      { path: '/users/{userId}', httpMethod: 'DELETE', integration: adminIntegration },
      { path: '/reconcile', httpMethod: 'POST', integration: adminIntegration },
    ],
    stages: [{ name: 'prod', methodSettings: { '*/*': { dataTraceEnabled: true } } }],
  });

  const catalogIntegration = { type: 'AWS_PROXY' as const, uri: lambdaUri('inventory-sync') };
  apigw.addRestApi(account, region, {
    name: 'catalog-api',
    description: 'Read-only product catalog',
    endpointTypes: ['REGIONAL'],
    methods: [
      { path: '/products', httpMethod: 'GET', authorizationType: 'AWS_IAM', integration: catalogIntegration },
      {
        path: '/products/{sku}',
        httpMethod: 'GET',
        authorizationType: 'AWS_IAM',
        integration: catalogIntegration,
      },
    ],
    stages: [
      {
        name: 'prod',
        tracingEnabled: true,
        webAclArn: webAcl,
        cacheClusterEnabled: true,
        accessLog: { destinationArn: logGroup('catalog-api'), format: jsonFormat },
        methodSettings: { '*/*': { ...healthy, cachingEnabled: true, cacheTtlInSeconds: 300 } },
      },
      {
        name: 'beta',
        tracingEnabled: true,
        webAclArn: webAcl,
        accessLog: { destinationArn: logGroup('catalog-api-beta'), format: jsonFormat },
        methodSettings: { '*/*': healthy },
      },
    ],
  });

  const webhooks = apigw.addV2Api(account, region, {
    name: 'webhooks-http',
    protocolType: 'HTTP',
    description: 'Payment provider callbacks',
    routes: [
      { routeKey: 'POST /webhooks/payments', integrationUri: fn('payments-webhook') },
      {
        routeKey: 'GET /webhooks/health',
        authorizationType: 'AWS_IAM',
        integrationUri: fn('payments-webhook'),
      },
    ],
    stages: [{ name: '$default', autoDeploy: true }],
  });

  apigw.addV2Api(account, region, {
    name: 'live-updates',
    protocolType: 'WEBSOCKET',
    description: 'Order status pushed to the storefront',
    authorizers: [
      {
        name: 'connect-token',
        authorizerType: 'REQUEST',
        authorizerUri: lambdaUri('notifications-fanout'),
        identitySource: ['route.request.querystring.token'],
      },
    ],
    routes: [
      {
        routeKey: '$connect',
        authorizationType: 'CUSTOM',
        authorizer: 'connect-token',
        integrationUri: fn('notifications-fanout'),
      },
      { routeKey: '$disconnect', integrationUri: fn('notifications-fanout') },
      { routeKey: '$default', integrationUri: fn('notifications-fanout') },
    ],
    stages: [
      {
        name: 'prod',
        accessLog: { destinationArn: logGroup('live-updates'), format: jsonFormat },
        defaultRouteSettings: {
          loggingLevel: 'ERROR',
          detailedMetricsEnabled: true,
          throttlingBurstLimit: 500,
          throttlingRateLimit: 250,
        },
      },
    ],
  });

  // catalog-api's inventory backend times out (about 4% 5XX); orders-api and the webhooks stay
  // well under 1%.
  const requests = (dims: Record<string, string>, metricName: string, values: number[]) =>
    putDailyMetric(state, { account, region }, 'AWS/ApiGateway', metricName, dims, values);
  requests({ ApiName: 'orders-api' }, 'Count', [12_000, 11_800, 13_050]);
  requests({ ApiName: 'orders-api' }, '5XXError', [14, 9, 20]);
  requests({ ApiName: 'catalog-api' }, 'Count', [3000, 2800]);
  requests({ ApiName: 'catalog-api' }, '5XXError', [95, 140]);
  requests({ ApiId: webhooks.id }, 'Count', [400, 380]);
  requests({ ApiId: webhooks.id }, '5xx', [0, 1]);

  return names;
}

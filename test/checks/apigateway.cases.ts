import {
  method,
  methodSettings,
  restApi,
  restStage,
  route,
  routeSettings,
  v2Api,
  v2Stage,
  webSocketApi,
  withApiGateway,
  withRest,
  withV2,
} from './apigateway.builders.js';
import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';
import { withMetrics } from './service-metrics.builders.js';

const notCollected = withApiGateway(null);
const noApis = withApiGateway({ restApis: [], v2Apis: [] });
const restUnlisted = withApiGateway({ v2Apis: [v2Api()] });
const v2Unlisted = withApiGateway({ restApis: [restApi()] });
const nothingListed = withApiGateway({});
const stagesUnread = withRest(restApi({ stages: undefined }));
const methodsUnread = withRest(restApi({ methods: undefined }));
const noStages = withRest(restApi({ stages: [] }));

export const apigatewayCases: CaseTable = {
  'apigateway-rest-execution-logging': [
    {
      name: 'ERROR and INFO stages',
      snapshot: withRest(
        restApi({
          stages: [
            restStage(),
            restStage({ name: 'dev', methodSettings: { '*/*': methodSettings({ loggingLevel: 'INFO' }) } }),
          ],
        }),
      ),
      expect: compliant,
    },
    {
      name: 'logging OFF, and a stage with no stage-wide setting',
      snapshot: withRest(
        restApi({
          stages: [
            restStage({ methodSettings: { '*/*': methodSettings({ loggingLevel: 'OFF' }) } }),
            restStage({ name: 'dev', methodSettings: { 'orders/GET': methodSettings() } }),
          ],
        }),
      ),
      expect: fails(
        {
          resourceName: 'orders-api/prod',
          message: 'execution logging is OFF for the stage (`*/*` loggingLevel)',
        },
        {
          resourceName: 'orders-api/dev',
          message: 'execution logging is OFF for the stage (`*/*` loggingLevel)',
        },
      ),
    },
    { name: 'no REST APIs', snapshot: noApis, expect: notApplicable(/no REST API stages/) },
    { name: 'an API without stages', snapshot: noStages, expect: notApplicable(/no REST API stages/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    { name: 'REST list unreadable', snapshot: restUnlisted, expect: notAssessed(/could not be listed/) },
    { name: 'stages unreadable', snapshot: stagesUnread, expect: notAssessed(/stages could be read/) },
  ],

  'apigateway-access-logging': [
    {
      name: 'REST, HTTP and WebSocket stages with destinations',
      snapshot: withApiGateway({ restApis: [restApi()], v2Apis: [v2Api(), webSocketApi()] }),
      expect: compliant,
    },
    {
      name: 'a REST and an HTTP stage without destinations',
      snapshot: withApiGateway({
        restApis: [restApi({ stages: [restStage({ accessLogDestinationArn: undefined })] })],
        v2Apis: [v2Api({ stages: [v2Stage({ accessLogDestinationArn: undefined })] }), webSocketApi()],
      }),
      expect: fails(
        { resourceName: 'orders-api/prod', message: 'no access log destination' },
        { resourceName: 'webhooks-http/$default', message: 'no access log destination' },
      ),
    },
    {
      name: 'judges v2 stages when the REST list failed',
      snapshot: withApiGateway({
        v2Apis: [v2Api({ stages: [v2Stage({ accessLogDestinationArn: undefined })] })],
      }),
      expect: fails({ resourceName: 'webhooks-http/$default', message: 'no access log destination' }),
    },
    { name: 'no APIs', snapshot: noApis, expect: notApplicable(/no API Gateway stages/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    {
      name: 'neither list readable',
      snapshot: nothingListed,
      expect: notAssessed(/no API Gateway API list/),
    },
    { name: 'stages unreadable', snapshot: stagesUnread, expect: notAssessed(/no API stages could be read/) },
  ],

  'apigateway-rest-xray': [
    { name: 'tracing on', snapshot: withRest(restApi()), expect: compliant },
    {
      name: 'tracing off',
      snapshot: withRest(restApi({ stages: [restStage({ tracingEnabled: false })] })),
      expect: fails({ resourceName: 'orders-api/prod', message: 'X-Ray tracing is off' }),
    },
    { name: 'only HTTP APIs', snapshot: withV2(v2Api()), expect: notApplicable(/no REST API stages/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    { name: 'REST list unreadable', snapshot: restUnlisted, expect: notAssessed(/could not be listed/) },
  ],

  'apigateway-detailed-metrics': [
    {
      name: 'REST metricsEnabled and v2 detailedMetricsEnabled',
      snapshot: withApiGateway({ restApis: [restApi()], v2Apis: [v2Api()] }),
      expect: compliant,
    },
    {
      name: 'REST metrics off and HTTP detailed metrics off',
      snapshot: withApiGateway({
        restApis: [restApi({ stages: [restStage({ methodSettings: {} })] })],
        v2Apis: [
          v2Api({
            stages: [v2Stage({ defaultRouteSettings: routeSettings({ detailedMetricsEnabled: false }) })],
          }),
        ],
      }),
      expect: fails(
        { resourceName: 'orders-api/prod', message: '`*/*` metricsEnabled is off' },
        { resourceName: 'webhooks-http/$default', message: 'default route detailedMetricsEnabled is off' },
      ),
    },
    { name: 'no APIs', snapshot: noApis, expect: notApplicable(/no API Gateway stages/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    { name: 'stages unreadable', snapshot: stagesUnread, expect: notAssessed(/could be read/) },
  ],

  'apigateway-data-trace': [
    {
      name: 'no data trace; HTTP APIs are not judged',
      snapshot: withApiGateway({ restApis: [restApi()], v2Apis: [v2Api(), webSocketApi()] }),
      expect: compliant,
    },
    {
      name: 'a traced REST method and a traced WebSocket default route',
      snapshot: withApiGateway({
        restApis: [
          restApi({
            stages: [
              restStage({
                methodSettings: {
                  '*/*': methodSettings(),
                  'orders/POST': methodSettings({ dataTraceEnabled: true }),
                },
              }),
            ],
          }),
        ],
        v2Apis: [
          webSocketApi({
            stages: [
              v2Stage({ name: 'prod', defaultRouteSettings: routeSettings({ dataTraceEnabled: true }) }),
            ],
          }),
        ],
      }),
      expect: fails(
        { resourceName: 'orders-api/prod', message: 'data trace logging on for orders/POST' },
        { resourceName: 'live-updates/prod', message: 'data trace logging on for default route' },
      ),
    },
    { name: 'only HTTP APIs', snapshot: withV2(v2Api()), expect: notApplicable(/no REST or WebSocket/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    {
      name: 'neither list readable',
      snapshot: nothingListed,
      expect: notAssessed(/no API Gateway API list/),
    },
  ],

  'apigateway-rest-method-auth': [
    { name: 'every method but OPTIONS authorized', snapshot: withRest(restApi()), expect: compliant },
    {
      name: 'open methods, one behind an API key only',
      snapshot: withRest(
        restApi({
          name: 'internal-admin',
          methods: [
            method({ path: '/users', httpMethod: 'DELETE', authorizationType: 'NONE' }),
            method({ path: '/users', httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }),
            method({ path: '/health', httpMethod: 'GET', authorizationType: 'AWS_IAM' }),
          ],
        }),
      ),
      expect: fails({
        resourceName: 'internal-admin',
        message:
          '2 methods without authorization: DELETE /users, GET /users (1 protected by an API key only)',
        severity: 'high',
      }),
    },
    {
      name: 'a private API is reported at medium',
      snapshot: withRest(
        restApi({
          endpointTypes: ['PRIVATE'],
          methods: [method({ httpMethod: 'PUT', authorizationType: 'NONE' })],
        }),
      ),
      expect: fails({
        resourceName: 'orders-api',
        message: '1 method without authorization: PUT /orders',
        severity: 'medium',
      }),
    },
    {
      name: 'only OPTIONS methods',
      snapshot: withRest(
        restApi({ methods: [method({ httpMethod: 'OPTIONS', authorizationType: 'NONE' })] }),
      ),
      expect: notApplicable(/other than OPTIONS/),
    },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    { name: 'resources unreadable', snapshot: methodsUnread, expect: notAssessed(/resources could be read/) },
  ],

  'apigateway-v2-route-auth': [
    {
      name: 'authorized HTTP routes and WebSocket $connect; OPTIONS, $default and $disconnect ignored',
      snapshot: withV2(v2Api(), webSocketApi()),
      expect: compliant,
    },
    {
      name: 'open HTTP routes and an open $connect',
      snapshot: withV2(
        v2Api({
          routes: [
            route({ routeKey: 'POST /hooks', authorizationType: 'NONE' }),
            route({ routeKey: '$default', authorizationType: 'NONE' }),
            route({ routeKey: 'GET /status' }),
          ],
        }),
        webSocketApi({
          routes: [
            route({ routeKey: '$connect', authorizationType: 'NONE' }),
            route({ routeKey: 'sendmessage' }),
          ],
        }),
      ),
      expect: fails(
        {
          resourceName: 'webhooks-http',
          message: 'HTTP API routes without authorization: $default, POST /hooks',
        },
        { resourceName: 'live-updates', message: 'WEBSOCKET API route without authorization: $connect' },
      ),
    },
    {
      name: 'a WebSocket API without $connect',
      snapshot: withV2(
        webSocketApi({ routes: [route({ routeKey: '$default', authorizationType: 'NONE' })] }),
      ),
      expect: notApplicable(/\$connect/),
    },
    { name: 'no APIs', snapshot: noApis, expect: notApplicable() },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    { name: 'v2 list unreadable', snapshot: v2Unlisted, expect: notAssessed(/could not be listed/) },
    {
      name: 'routes unreadable',
      snapshot: withV2(v2Api({ routes: undefined })),
      expect: notAssessed(/routes could be read/),
    },
  ],

  'apigateway-rest-waf': [
    { name: 'regional stage with a web ACL', snapshot: withRest(restApi()), expect: compliant },
    {
      name: 'edge stage without a web ACL',
      snapshot: withRest(
        restApi({ endpointTypes: ['EDGE'], stages: [restStage({ webAclArn: undefined })] }),
        restApi({
          id: 'p1r2i3v4a5',
          name: 'private-api',
          endpointTypes: ['PRIVATE'],
          stages: [restStage({ webAclArn: undefined })],
        }),
      ),
      expect: fails({ resourceName: 'orders-api/prod', message: 'EDGE stage has no WAF web ACL' }),
    },
    {
      name: 'only private APIs',
      snapshot: withRest(
        restApi({ endpointTypes: ['PRIVATE'], stages: [restStage({ webAclArn: undefined })] }),
      ),
      expect: notApplicable(/no public/),
    },
    { name: 'public API without stages', snapshot: noStages, expect: notApplicable(/no stages/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    { name: 'stages unreadable', snapshot: stagesUnread, expect: notAssessed(/stages could be read/) },
  ],

  'apigateway-rest-cache-encrypted': [
    {
      name: 'encrypted cache',
      snapshot: withRest(
        restApi({
          stages: [
            restStage({
              cacheClusterEnabled: true,
              methodSettings: { '*/*': methodSettings({ cachingEnabled: true, cacheDataEncrypted: true }) },
            }),
          ],
        }),
      ),
      expect: compliant,
    },
    {
      name: 'plain cache on two method settings',
      snapshot: withRest(
        restApi({
          stages: [
            restStage({
              cacheClusterEnabled: true,
              methodSettings: {
                '*/*': methodSettings({ cachingEnabled: true }),
                'orders/GET': methodSettings({ cachingEnabled: true }),
                'orders/POST': methodSettings({ cachingEnabled: false }),
              },
            }),
          ],
        }),
      ),
      expect: fails({
        resourceName: 'orders-api/prod',
        message: 'caching without encryption on */*, orders/GET',
      }),
    },
    {
      name: 'no cache cluster',
      snapshot: withRest(restApi()),
      expect: notApplicable(/no REST API stage has a cache/),
    },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    { name: 'stages unreadable', snapshot: stagesUnread, expect: notAssessed(/stages could be read/) },
  ],

  'apigateway-throttling': [
    {
      name: 'stage-wide, per-method and per-route limits',
      snapshot: withApiGateway({
        restApis: [
          restApi(),
          restApi({
            id: 'm1e2t3h4o5',
            name: 'catalog-api',
            stages: [
              restStage({
                methodSettings: {
                  '*/*': methodSettings({ throttlingRateLimit: undefined, throttlingBurstLimit: undefined }),
                  'items/GET': methodSettings({ throttlingRateLimit: 20 }),
                },
              }),
            ],
          }),
        ],
        v2Apis: [
          v2Api(),
          webSocketApi({
            stages: [
              v2Stage({
                name: 'prod',
                defaultRouteSettings: routeSettings({
                  throttlingRateLimit: undefined,
                  throttlingBurstLimit: undefined,
                }),
                routeSettings: { $connect: routeSettings({ throttlingRateLimit: 10 }) },
              }),
            ],
          }),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'no limits on a REST stage and an HTTP stage',
      snapshot: withApiGateway({
        restApis: [restApi({ stages: [restStage({ methodSettings: {} })] })],
        v2Apis: [
          v2Api({
            stages: [
              v2Stage({
                defaultRouteSettings: routeSettings({
                  throttlingRateLimit: undefined,
                  throttlingBurstLimit: undefined,
                }),
              }),
            ],
          }),
        ],
      }),
      expect: fails(
        { resourceName: 'orders-api/prod', message: 'no stage, method or route throttling limit' },
        { resourceName: 'webhooks-http/$default', message: 'no stage, method or route throttling limit' },
      ),
    },
    { name: 'no APIs', snapshot: noApis, expect: notApplicable(/no API Gateway stages/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    {
      name: 'neither list readable',
      snapshot: nothingListed,
      expect: notAssessed(/no API Gateway API list/),
    },
  ],

  'apigateway-rest-caching': [
    {
      name: 'read-only API with a cache, and a read-write API without one',
      snapshot: withRest(
        restApi({
          name: 'catalog-api',
          methods: [method(), method({ httpMethod: 'HEAD' })],
          stages: [restStage({ cacheClusterEnabled: true })],
        }),
        restApi(),
      ),
      expect: compliant,
    },
    {
      name: 'read-only API without a cache',
      snapshot: withRest(
        restApi({
          name: 'catalog-api',
          methods: [method(), method({ httpMethod: 'OPTIONS', authorizationType: 'NONE' })],
        }),
      ),
      expect: fails({
        resourceName: 'catalog-api/prod',
        message: 'read-only API stage with no cache cluster',
      }),
    },
    { name: 'only read-write APIs', snapshot: withRest(restApi()), expect: notApplicable(/read-only/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    { name: 'resources unreadable', snapshot: methodsUnread, expect: notAssessed(/could be read/) },
  ],

  'apigateway-5xx-rate': [
    {
      name: 'REST and HTTP under 1%, an idle API, and a WebSocket API left out',
      snapshot: withMetrics(
        withApiGateway({
          restApis: [
            restApi(),
            restApi({
              id: 'i1d2l3e4r5',
              name: 'idle-api',
              arn: 'arn:aws:apigateway:eu-west-1::/restapis/i1d2l3e4r5',
            }),
          ],
          v2Apis: [v2Api(), webSocketApi()],
        }),
        {
          [restApi().arn]: { '5XXError': 5, Count: 10_000 },
          'arn:aws:apigateway:eu-west-1::/restapis/i1d2l3e4r5': { '5XXError': 0, Count: 0 },
          [v2Api().arn]: { '5xx': 1, Count: 400 },
        },
      ),
      expect: compliant,
    },
    {
      name: 'REST 5XXError and HTTP 5xx over the rate',
      snapshot: withMetrics(withApiGateway({ restApis: [restApi()], v2Apis: [v2Api()] }), {
        [restApi().arn]: { '5XXError': 120, Count: 3000 },
        [v2Api().arn]: { '5xx': 30, Count: 200, '5XXError': 0 },
      }),
      expect: fails(
        { resourceName: 'orders-api', message: '120 of 3000 requests answered 5xx (4%) in 14 days' },
        { resourceName: 'webhooks-http', message: '30 of 200 requests answered 5xx (15%) in 14 days' },
      ),
    },
    {
      name: 'a higher threshold',
      snapshot: withMetrics(withRest(restApi()), { [restApi().arn]: { '5XXError': 120, Count: 3000 } }),
      thresholds: { apigateway5xxRate: 0.05 },
      expect: compliant,
    },
    {
      name: 'only WebSocket APIs',
      snapshot: withMetrics(withV2(webSocketApi()), {}),
      expect: notApplicable(/no REST or HTTP/),
    },
    { name: 'no APIs', snapshot: withMetrics(noApis, {}), expect: notApplicable() },
    { name: 'metrics not collected', snapshot: withRest(restApi()), expect: notAssessed(/GetMetricData/) },
    {
      name: 'APIs not collected',
      snapshot: withMetrics(nothingListed, {}),
      expect: notAssessed(/not collected/),
    },
  ],
};

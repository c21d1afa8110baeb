import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../checks/runner.js';
import { defaultScenario, demoInventory, writeScenario } from '../../../sim/aws/index.js';
import { collectApiGateway } from '../../../src/inventory/collectors/apigateway.js';
import { collectServiceMetrics } from '../../../src/inventory/collectors/service-metrics.js';
import { CollectorContext } from '../../../src/inventory/context.js';
import type { Snapshot } from '../../../src/inventory/snapshot.js';
import { silentLogger } from '../../../src/logger.js';
import { snapshot as baseSnapshot } from '../../checks/builders.js';
import { ACCOUNT, type InventoryHarness, inventoryHarness, REGION } from '../helpers.js';

let h: InventoryHarness;

beforeEach(async () => {
  h = await inventoryHarness();
});

afterEach(async () => {
  await h.close();
});

const lambdaUri = (name: string) =>
  `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}/invocations`;

function seed(h: InventoryHarness): void {
  const apigw = h.sim.state.apigateway;
  apigw.addRestApi(ACCOUNT, REGION, {
    name: 'orders',
    endpointTypes: ['REGIONAL'],
    authorizers: [{ name: 'users', type: 'TOKEN', authorizerUri: lambdaUri('auth') }],
    methods: [
      { path: '/orders', httpMethod: 'GET', authorizationType: 'CUSTOM', authorizer: 'users' },
      { path: '/orders/{id}', httpMethod: 'DELETE' },
      { path: '/orders', httpMethod: 'OPTIONS' },
    ],
    stages: [
      {
        name: 'prod',
        tracingEnabled: true,
        accessLog: { destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:orders`, format: '{}' },
        methodSettings: { '*/*': { loggingLevel: 'INFO', metricsEnabled: true, throttlingRateLimit: 50 } },
      },
    ],
  });
  apigw.addV2Api(ACCOUNT, REGION, {
    name: 'hooks',
    protocolType: 'HTTP',
    routes: [{ routeKey: 'POST /hook' }],
    stages: [
      { name: '$default', defaultRouteSettings: { throttlingRateLimit: 10, throttlingBurstLimit: 20 } },
    ],
  });
  apigw.addV2Api(ACCOUNT, REGION, {
    name: 'live',
    protocolType: 'WEBSOCKET',
    authorizers: [{ name: 'token', authorizerType: 'REQUEST', authorizerUri: lambdaUri('auth') }],
    routes: [
      { routeKey: '$connect', authorizationType: 'CUSTOM', authorizer: 'token' },
      { routeKey: '$default' },
    ],
    stages: [{ name: 'prod', defaultRouteSettings: { loggingLevel: 'ERROR', dataTraceEnabled: true } }],
  });
}

/**
 * Runs the API Gateway collector alone (other services' collectors are not this test's subject),
 * and puts its section into an otherwise empty snapshot for the checks.
 */
async function collect(
  h: InventoryHarness,
  options: { rate?: number; concurrency?: number } = {},
): Promise<{ snapshot: Snapshot; calls: Record<string, number> }> {
  const ctx = new CollectorContext(
    h.clients,
    { account: 'prod', region: REGION },
    h.clock,
    silentLogger(),
    options.rate === undefined ? {} : { apigateway: options.rate },
  );
  const apigateway = await collectApiGateway(ctx, options.concurrency ?? 4);
  const snapshot: Snapshot = {
    ...baseSnapshot({ functions: [] }),
    ...(apigateway ? { apigateway } : {}),
    unavailable: ctx.unavailable,
  };
  return { snapshot, calls: { ...ctx.calls } };
}

const apigatewayRequests = (h: InventoryHarness) =>
  h.sim.requests.all().filter((r) => r.service === 'apigateway' || r.service === 'apigatewayv2');

describe('API Gateway collector over the real SDK', () => {
  it('fills snapshot.apigateway with REST, HTTP and WebSocket APIs, counted as apigateway:GET', async () => {
    seed(h);
    const { snapshot, calls } = await collect(h);
    expect(snapshot.unavailable).toEqual([]);
    const rest = snapshot.apigateway?.restApis ?? [];
    expect(rest).toHaveLength(1);
    expect(rest[0]).toMatchObject({
      name: 'orders',
      endpointTypes: ['REGIONAL'],
      authorizerCount: 1,
      arn: `arn:aws:apigateway:${REGION}::/restapis/${rest[0]?.id}`,
    });
    expect(rest[0]?.stages?.[0]).toMatchObject({
      name: 'prod',
      tracingEnabled: true,
      accessLogDestinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:orders`,
      methodSettings: { '*/*': { loggingLevel: 'INFO', metricsEnabled: true, throttlingRateLimit: 50 } },
    });
    // -1 on the wire means "not set": the snapshot leaves it out.
    expect(rest[0]?.stages?.[0]?.methodSettings['*/*']?.throttlingBurstLimit).toBeUndefined();
    expect(rest[0]?.methods?.map((m) => `${m.httpMethod} ${m.path} ${m.authorizationType}`).sort()).toEqual([
      'DELETE /orders/{id} NONE',
      'GET /orders CUSTOM',
      'OPTIONS /orders NONE',
    ]);

    const v2 = snapshot.apigateway?.v2Apis ?? [];
    expect(v2.map((a) => [a.name, a.protocolType, a.authorizerCount])).toEqual([
      ['hooks', 'HTTP', 0],
      ['live', 'WEBSOCKET', 1],
    ]);
    expect(v2[0]?.stages?.[0]?.defaultRouteSettings).toEqual({
      detailedMetricsEnabled: false,
      throttlingBurstLimit: 20,
      throttlingRateLimit: 10,
    });
    expect(v2[1]?.routes?.map((r) => [r.routeKey, r.authorizationType])).toEqual([
      ['$connect', 'CUSTOM'],
      ['$default', 'NONE'],
    ]);

    // Every read, v1 or v2, is the one IAM action: 1 list + 3 per REST API, 1 list + 3 per v2 API.
    expect(calls['apigateway:GET']).toBe(1 + 3 + 1 + 3 * 2);
    expect(calls['apigateway:GET']).toBe(apigatewayRequests(h).length);
    expect(Object.keys(calls)).toEqual(['apigateway:GET']);

    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r]));
    const failing = (id: string) => {
      const r = results.get(id);
      return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : r?.status;
    };
    expect(failing('apigateway-rest-method-auth')).toEqual(['orders']);
    expect(failing('apigateway-v2-route-auth')).toEqual(['hooks']);
    expect(failing('apigateway-access-logging')).toEqual(['hooks/$default', 'live/prod']);
    expect(failing('apigateway-data-trace')).toEqual(['live/prod']);
    expect(failing('apigateway-throttling')).toEqual(['live/prod']);
    expect(failing('apigateway-rest-execution-logging')).toBe('compliant');
  });

  it('pages GetRestApis, apigatewayv2 GetApis and GetResources', async () => {
    const apigw = h.sim.state.apigateway;
    for (let i = 0; i < 501; i++) {
      apigw.addRestApi(ACCOUNT, REGION, { name: `rest-${String(i).padStart(3, '0')}` });
      apigw.addV2Api(ACCOUNT, REGION, { name: `http-${String(i).padStart(3, '0')}`, protocolType: 'HTTP' });
    }
    apigw.addRestApi(ACCOUNT, REGION, {
      name: 'wide',
      methods: Array.from({ length: 501 }, (_, i) => ({ path: `/r${i}`, httpMethod: 'GET' })),
      authorizers: Array.from({ length: 501 }, (_, i) => ({ name: `auth-${i}`, type: 'TOKEN' as const })),
    });
    apigw.addV2Api(ACCOUNT, REGION, {
      name: 'many-routes',
      protocolType: 'HTTP',
      routes: Array.from({ length: 501 }, (_, i) => ({ routeKey: `GET /r${i}` })),
    });
    const { snapshot } = await collect(h, { rate: 100_000, concurrency: 16 });
    expect(snapshot.unavailable).toEqual([]);
    expect(snapshot.apigateway?.restApis).toHaveLength(502);
    expect(snapshot.apigateway?.v2Apis).toHaveLength(502);
    const wide = snapshot.apigateway?.restApis?.find((a) => a.name === 'wide');
    expect(wide?.methods).toHaveLength(501);
    // Paged while 15 other APIs are read at the same time: each API keeps its own position.
    expect(wide?.authorizerCount).toBe(501);
    expect(snapshot.apigateway?.v2Apis?.find((a) => a.name === 'many-routes')?.routes).toHaveLength(501);
    const ops = apigatewayRequests(h).map((r) => `${r.service}:${r.operation}`);
    expect(ops.filter((o) => o === 'apigateway:GetRestApis')).toHaveLength(2);
    expect(ops.filter((o) => o === 'apigatewayv2:GetApis')).toHaveLength(2);
    // 502 APIs, one of which needs a second page of resources.
    expect(ops.filter((o) => o === 'apigateway:GetResources')).toHaveLength(503);
    expect(ops.filter((o) => o === 'apigateway:GetAuthorizers')).toHaveLength(503);
    expect(ops.filter((o) => o === 'apigatewayv2:GetRoutes')).toHaveLength(503);
  }, 60_000);

  it('keeps the HTTP and WebSocket APIs when GetRestApis is denied, and reports apigateway:GET', async () => {
    seed(h);
    h.sim.faults.add({ service: 'apigateway', operation: 'GetRestApis', error: 'AccessDeniedException' });
    const { snapshot } = await collect(h);
    expect(snapshot.apigateway?.restApis).toBeUndefined();
    expect(snapshot.apigateway?.v2Apis?.map((a) => a.name)).toEqual(['hooks', 'live']);
    expect(snapshot.unavailable.map((u) => [u.service, u.action, u.code])).toEqual([
      ['apigateway', 'apigateway:GET', 'aws_access_denied'],
    ]);
    // One IAM action for every read: a denial leaves every API Gateway check not assessed.
    const results = runChecks(snapshot).filter((r) => r.meta.service === 'apigateway');
    expect(results.length).toBeGreaterThanOrEqual(8);
    for (const r of results) expect(r.status, r.meta.id).toBe('not_assessed');
  });

  it('leaves the section out when both lists are denied', async () => {
    h.sim.faults.add({ service: 'apigateway', operation: 'GetRestApis', error: 'AccessDeniedException' });
    h.sim.faults.add({ service: 'apigatewayv2', operation: 'GetApis', error: 'AccessDeniedException' });
    const { snapshot } = await collect(h);
    expect(snapshot.apigateway).toBeUndefined();
    expect(snapshot.unavailable.map((u) => u.action)).toEqual(['apigateway:GET']);
  });

  it('lists a per-API failure by resource and still collects the rest', async () => {
    seed(h);
    h.sim.faults.add({
      service: 'apigatewayv2',
      operation: 'GetRoutes',
      error: 'ServiceUnavailableException',
      times: 1,
    });
    const { snapshot } = await collect(h, { concurrency: 1 });
    const hooks = snapshot.apigateway?.v2Apis?.find((a) => a.name === 'hooks');
    expect(hooks?.routes).toBeUndefined();
    expect(hooks?.stages).toHaveLength(1);
    expect(snapshot.apigateway?.v2Apis?.find((a) => a.name === 'live')?.routes).toHaveLength(2);
    expect(snapshot.apigateway?.restApis?.[0]?.methods).toHaveLength(3);
    expect(snapshot.unavailable).toEqual([
      expect.objectContaining({
        service: 'apigateway',
        action: 'apigateway:GET',
        code: 'aws_unavailable',
        resources: [`/apis/${hooks?.id}/routes`],
      }),
    ]);
    const results = new Map(runChecks(snapshot).map((r) => [r.meta.id, r]));
    // Findings on what was read stand, marked incomplete; a pass over a gap is not a pass.
    const logging = results.get('apigateway-access-logging');
    expect(logging?.status).toBe('non_compliant');
    expect(logging?.incomplete).toContain(`/apis/${hooks?.id}/routes`);
    const routes = results.get('apigateway-v2-route-auth');
    expect(routes?.status).toBe('not_assessed');
    expect(routes?.incomplete).toContain('apigateway:GET failed for');
  });

  it('finds compliant and non-compliant APIs in the demo account', async () => {
    const now = h.clock.now();
    writeScenario(h.sim.state, defaultScenario({ start: now - 30 * 60_000, durationMs: 30 * 60_000 }));
    const demo = demoInventory(h.sim.state);
    expect(demo.apis).toEqual([
      'orders-api',
      'internal-admin',
      'catalog-api',
      'webhooks-http',
      'live-updates',
    ]);
    const collected = await collect(h);
    // The 5xx check reads the APIs' CloudWatch metrics as well.
    const metricsCtx = new CollectorContext(
      h.clients,
      { account: 'prod', region: REGION },
      h.clock,
      silentLogger(),
    );
    const serviceMetrics = await collectServiceMetrics(metricsCtx, {
      apigateway: collected.snapshot.apigateway,
      eventSourceMappings: [],
      windowDays: 14,
    });
    const snapshot: Snapshot = { ...collected.snapshot, ...(serviceMetrics ? { serviceMetrics } : {}) };
    expect(snapshot.unavailable).toEqual([]);
    const results = runChecks(snapshot).filter((r) => r.meta.service === 'apigateway');
    expect(results).toHaveLength(12);
    const byId = new Map(results.map((r) => [r.meta.id, r]));
    const names = (id: string) => {
      const r = byId.get(id);
      return r?.status === 'non_compliant' ? r.findings.map((f) => f.resourceName) : [];
    };
    for (const r of results) expect(r.status, r.meta.id).toBe('non_compliant');
    expect(names('apigateway-rest-execution-logging')).toEqual(['internal-admin/prod']);
    expect(names('apigateway-access-logging')).toEqual(['internal-admin/prod', 'webhooks-http/$default']);
    expect(names('apigateway-rest-xray')).toEqual(['internal-admin/prod']);
    expect(names('apigateway-detailed-metrics')).toEqual(['internal-admin/prod', 'webhooks-http/$default']);
    expect(names('apigateway-data-trace')).toEqual(['internal-admin/prod']);
    expect(names('apigateway-rest-method-auth')).toEqual(['internal-admin']);
    expect(names('apigateway-v2-route-auth')).toEqual(['webhooks-http']);
    expect(names('apigateway-rest-waf')).toEqual(['internal-admin/prod']);
    expect(names('apigateway-rest-cache-encrypted')).toEqual(['catalog-api/prod']);
    expect(names('apigateway-throttling')).toEqual(['internal-admin/prod', 'webhooks-http/$default']);
    expect(names('apigateway-rest-caching')).toEqual(['catalog-api/beta']);
    expect(names('apigateway-5xx-rate')).toEqual(['catalog-api']);
  });
});

import {
  APIGatewayClient,
  GetAuthorizersCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetAuthorizersCommand as GetV2AuthorizersCommand,
  GetStagesCommand as GetV2StagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import { ACCOUNT, clientConfig, OTHER_ACCOUNT, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let v1: APIGatewayClient;
let v2: ApiGatewayV2Client;

beforeEach(async () => {
  ({ sim } = await startTestSim());
  v1 = new APIGatewayClient(clientConfig(sim));
  v2 = new ApiGatewayV2Client(clientConfig(sim));
});

afterEach(async () => {
  v1.destroy();
  v2.destroy();
  await sim.close();
});

const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const lambdaUri = (name: string) =>
  `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn(name)}/invocations`;

describe('simulated API Gateway REST APIs (v1) over the real SDK', () => {
  it('pages GetRestApis with limit and position, per account', async () => {
    for (const name of ['a', 'b', 'c']) sim.state.apigateway.addRestApi(ACCOUNT, REGION, { name });
    sim.state.apigateway.addRestApi(OTHER_ACCOUNT, REGION, { name: 'elsewhere' });
    const all = await v1.send(new GetRestApisCommand({}));
    expect(all.items?.map((a) => a.name)).toEqual(['a', 'b', 'c']);
    expect(all.position).toBeUndefined();
    expect(all.items?.[0]?.createdDate).toBeInstanceOf(Date);
    expect(all.items?.[0]?.endpointConfiguration?.types).toEqual(['EDGE']);

    const first = await v1.send(new GetRestApisCommand({ limit: 2 }));
    expect(first.items?.map((a) => a.name)).toEqual(['a', 'b']);
    expect(first.position).toEqual(expect.any(String));
    const second = await v1.send(new GetRestApisCommand({ limit: 2, position: first.position }));
    expect(second.items?.map((a) => a.name)).toEqual(['c']);
    expect(second.position).toBeUndefined();
    expect(sim.requests.all().at(-1)).toMatchObject({
      service: 'apigateway',
      operation: 'GetRestApis',
      status: 200,
    });

    const bad = await rejectionOf(v1.send(new GetRestApisCommand({ position: 'nope' })));
    expect(bad.name).toBe('BadRequestException');
    expect(bad.$metadata).toMatchObject({ httpStatusCode: 400 });
  });

  it('answers stages with method settings, access logs, tracing and WAF', async () => {
    const api = sim.state.apigateway.addRestApi(ACCOUNT, REGION, {
      name: 'orders',
      endpointTypes: ['REGIONAL'],
      stages: [
        {
          name: 'prod',
          tracingEnabled: true,
          webAclArn: `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/edge/1`,
          cacheClusterEnabled: true,
          accessLog: { destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:api`, format: '{}' },
          methodSettings: {
            '*/*': { loggingLevel: 'ERROR', metricsEnabled: true, throttlingRateLimit: 100 },
          },
        },
        { name: 'dev' },
      ],
    });
    const out = await v1.send(new GetStagesCommand({ restApiId: api.id }));
    expect(out.item?.map((s) => s.stageName)).toEqual(['prod', 'dev']);
    expect(out.item?.[0]).toMatchObject({
      tracingEnabled: true,
      webAclArn: `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/edge/1`,
      cacheClusterEnabled: true,
      accessLogSettings: { destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:api`, format: '{}' },
      methodSettings: {
        '*/*': {
          loggingLevel: 'ERROR',
          metricsEnabled: true,
          throttlingRateLimit: 100,
          throttlingBurstLimit: -1,
          cacheDataEncrypted: false,
        },
      },
    });
    expect(out.item?.[1]).toMatchObject({ tracingEnabled: false, methodSettings: {} });
    expect(out.item?.[1]?.accessLogSettings).toBeUndefined();
  });

  it('answers authorizers and the resource tree with embedded methods, paged', async () => {
    const api = sim.state.apigateway.addRestApi(ACCOUNT, REGION, {
      name: 'orders',
      authorizers: [{ name: 'jwt', type: 'TOKEN', authorizerUri: lambdaUri('auth') }],
      methods: [
        { path: '/orders', httpMethod: 'GET', authorizationType: 'CUSTOM', authorizer: 'jwt' },
        { path: '/orders', httpMethod: 'OPTIONS', integration: { type: 'MOCK' } },
        {
          path: '/orders/{id}',
          httpMethod: 'DELETE',
          integration: { type: 'AWS_PROXY', uri: lambdaUri('orders') },
        },
      ],
    });
    const auth = await v1.send(new GetAuthorizersCommand({ restApiId: api.id }));
    expect(auth.items).toEqual([
      expect.objectContaining({ name: 'jwt', type: 'TOKEN', id: expect.any(String) }),
    ]);

    const first = await v1.send(new GetResourcesCommand({ restApiId: api.id, embed: ['methods'], limit: 2 }));
    expect(first.items?.map((r) => r.path)).toEqual(['/', '/orders']);
    expect(first.items?.[1]?.resourceMethods?.GET).toMatchObject({
      httpMethod: 'GET',
      authorizationType: 'CUSTOM',
      authorizerId: auth.items?.[0]?.id,
    });
    expect(first.items?.[1]?.resourceMethods?.OPTIONS).toMatchObject({ authorizationType: 'NONE' });
    const second = await v1.send(
      new GetResourcesCommand({ restApiId: api.id, embed: ['methods'], limit: 2, position: first.position }),
    );
    expect(second.items?.map((r) => r.path)).toEqual(['/orders/{id}']);
    expect(second.items?.[0]).toMatchObject({ pathPart: '{id}', parentId: first.items?.[1]?.id });
    expect(second.items?.[0]?.resourceMethods?.DELETE?.methodIntegration).toMatchObject({
      type: 'AWS_PROXY',
      uri: lambdaUri('orders'),
    });
    expect(second.position).toBeUndefined();

    const plain = await v1.send(new GetResourcesCommand({ restApiId: api.id }));
    expect(plain.items?.every((r) => r.resourceMethods === undefined)).toBe(true);
  });

  it('answers NotFoundException (404) for an unknown API and in another account', async () => {
    const api = sim.state.apigateway.addRestApi(OTHER_ACCOUNT, REGION, { name: 'theirs' });
    const err = await rejectionOf(v1.send(new GetStagesCommand({ restApiId: api.id })));
    expect(err.name).toBe('NotFoundException');
    expect(err.message).toBe(`Invalid API identifier specified ${ACCOUNT}:${api.id}`);
    expect(err.$metadata).toMatchObject({ httpStatusCode: 404 });
    const missing = await rejectionOf(v1.send(new GetRestApiCommand({ restApiId: 'nope123456' })));
    expect(missing.name).toBe('NotFoundException');

    const mine = sim.state.apigateway.addRestApi(ACCOUNT, REGION, { name: 'mine' });
    const got = await v1.send(new GetRestApiCommand({ restApiId: mine.id }));
    expect(got).toMatchObject({ id: mine.id, name: 'mine', rootResourceId: mine.resources[0]?.id });
  });

  it('answers injected denial (403) and throttling (429) in the shapes the SDK knows', async () => {
    sim.faults.add({
      service: 'apigateway',
      operation: 'GetRestApis',
      error: 'AccessDeniedException',
      times: 1,
    });
    const denied = await rejectionOf(v1.send(new GetRestApisCommand({})));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain('is not authorized to perform');
    expect(denied.$metadata).toMatchObject({ httpStatusCode: 403 });

    sim.faults.add({
      service: 'apigateway',
      operation: 'GetRestApis',
      error: 'ThrottlingException',
      times: 1,
    });
    const throttled = await rejectionOf(v1.send(new GetRestApisCommand({})));
    expect(throttled.name).toBe('TooManyRequestsException');
    expect(throttled.$metadata).toMatchObject({ httpStatusCode: 429 });
    await expect(v1.send(new GetRestApisCommand({}))).resolves.toMatchObject({ items: [] });
  });
});

describe('simulated API Gateway HTTP and WebSocket APIs (v2) over the real SDK', () => {
  it('pages GetApis with maxResults and nextToken', async () => {
    sim.state.apigateway.addV2Api(ACCOUNT, REGION, { name: 'hooks', protocolType: 'HTTP' });
    sim.state.apigateway.addV2Api(ACCOUNT, REGION, { name: 'live', protocolType: 'WEBSOCKET' });
    sim.state.apigateway.addV2Api(ACCOUNT, REGION, { name: 'third', protocolType: 'HTTP' });
    sim.state.apigateway.addRestApi(ACCOUNT, REGION, { name: 'rest-only' });
    const all = await v2.send(new GetApisCommand({}));
    expect(all.Items?.map((a) => [a.Name, a.ProtocolType])).toEqual([
      ['hooks', 'HTTP'],
      ['live', 'WEBSOCKET'],
      ['third', 'HTTP'],
    ]);
    expect(all.Items?.[1]?.ApiEndpoint).toMatch(/^wss:\/\//);
    expect(all.Items?.[0]?.CreatedDate).toBeInstanceOf(Date);
    expect(all.NextToken).toBeUndefined();

    const first = await v2.send(new GetApisCommand({ MaxResults: '2' }));
    expect(first.Items?.map((a) => a.Name)).toEqual(['hooks', 'live']);
    const second = await v2.send(new GetApisCommand({ MaxResults: '2', NextToken: first.NextToken }));
    expect(second.Items?.map((a) => a.Name)).toEqual(['third']);
    expect(second.NextToken).toBeUndefined();
    expect(sim.requests.all().at(-1)).toMatchObject({ service: 'apigatewayv2', operation: 'GetApis' });
  });

  it('answers stages, routes, authorizers and integrations of an API', async () => {
    const api = sim.state.apigateway.addV2Api(ACCOUNT, REGION, {
      name: 'hooks',
      protocolType: 'HTTP',
      authorizers: [
        {
          name: 'cognito',
          authorizerType: 'JWT',
          jwt: { audience: ['app'], issuer: 'https://cognito-idp.us-east-1.amazonaws.com/pool' },
        },
      ],
      routes: [
        { routeKey: 'POST /hook', integrationUri: fnArn('payments-webhook') },
        {
          routeKey: 'GET /status',
          authorizationType: 'JWT',
          authorizer: 'cognito',
          integrationUri: fnArn('payments-webhook'),
        },
      ],
      stages: [
        {
          name: '$default',
          accessLog: { destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:hooks`, format: '{}' },
          defaultRouteSettings: { throttlingBurstLimit: 50, throttlingRateLimit: 20 },
          routeSettings: { 'POST /hook': { detailedMetricsEnabled: true } },
        },
      ],
    });
    const stages = await v2.send(new GetV2StagesCommand({ ApiId: api.id }));
    expect(stages.Items?.[0]).toMatchObject({
      StageName: '$default',
      AccessLogSettings: {
        DestinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:hooks`,
        Format: '{}',
      },
      DefaultRouteSettings: {
        ThrottlingBurstLimit: 50,
        ThrottlingRateLimit: 20,
        DetailedMetricsEnabled: false,
      },
      RouteSettings: { 'POST /hook': { DetailedMetricsEnabled: true } },
    });
    const authorizers = await v2.send(new GetV2AuthorizersCommand({ ApiId: api.id }));
    expect(authorizers.Items?.[0]).toMatchObject({ Name: 'cognito', AuthorizerType: 'JWT' });
    const routes = await v2.send(new GetRoutesCommand({ ApiId: api.id, MaxResults: '1' }));
    expect(routes.Items).toEqual([
      expect.objectContaining({ RouteKey: 'POST /hook', AuthorizationType: 'NONE' }),
    ]);
    const rest = await v2.send(new GetRoutesCommand({ ApiId: api.id, NextToken: routes.NextToken }));
    expect(rest.Items?.[0]).toMatchObject({
      RouteKey: 'GET /status',
      AuthorizationType: 'JWT',
      AuthorizerId: authorizers.Items?.[0]?.AuthorizerId,
    });
    const integrations = await v2.send(new GetIntegrationsCommand({ ApiId: api.id }));
    expect(integrations.Items).toEqual([
      expect.objectContaining({ IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('payments-webhook') }),
    ]);
    expect(rest.Items?.[0]?.Target).toBe(`integrations/${integrations.Items?.[0]?.IntegrationId}`);
  });

  it('answers NotFoundException for an unknown API and AccessDeniedException from a fault', async () => {
    const missing = await rejectionOf(v2.send(new GetRoutesCommand({ ApiId: 'abcdefghij' })));
    expect(missing.name).toBe('NotFoundException');
    expect(missing.$metadata).toMatchObject({ httpStatusCode: 404 });

    sim.faults.add({ service: 'apigatewayv2', operation: 'GetApis', error: 'AccessDeniedException' });
    const denied = await rejectionOf(v2.send(new GetApisCommand({})));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.$metadata).toMatchObject({ httpStatusCode: 403 });

    const bad = await rejectionOf(v2.send(new GetV2StagesCommand({ ApiId: 'x', MaxResults: 'many' })));
    expect(bad.name).toBe('BadRequestException');
  });
});

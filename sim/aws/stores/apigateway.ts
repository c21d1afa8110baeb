import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.js';

/**
 * The simulated account's API Gateway resources, per account and region: REST APIs (v1) with their
 * stages, authorizers and resource tree, and HTTP/WebSocket APIs (v2) with stages, routes,
 * authorizers and integrations. Only what the read APIs answer is kept; deployments are implied.
 */

export type RestEndpointType = 'EDGE' | 'REGIONAL' | 'PRIVATE';
export type RestAuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';

/** One entry of a stage's `methodSettings`, keyed `{resourcePath}/{httpMethod}` (`*\/*` for all). */
export interface SimRestMethodSetting {
  loggingLevel?: 'OFF' | 'ERROR' | 'INFO';
  metricsEnabled?: boolean;
  dataTraceEnabled?: boolean;
  throttlingBurstLimit?: number;
  throttlingRateLimit?: number;
  cachingEnabled?: boolean;
  cacheTtlInSeconds?: number;
  cacheDataEncrypted?: boolean;
}

export interface SimAccessLog {
  destinationArn: string;
  format: string;
}

export interface SimRestStageSpec {
  name: string;
  description?: string;
  tracingEnabled?: boolean;
  webAclArn?: string;
  clientCertificateId?: string;
  cacheClusterEnabled?: boolean;
  cacheClusterSize?: string;
  accessLog?: SimAccessLog;
  methodSettings?: Record<string, SimRestMethodSetting>;
  variables?: Record<string, string>;
}

export interface SimRestMethodSpec {
  /** Resource path, `/orders/{id}`. */
  path: string;
  httpMethod: string;
  authorizationType?: RestAuthorizationType;
  /** Name of one of the API's authorizers (CUSTOM / COGNITO_USER_POOLS). */
  authorizer?: string;
  apiKeyRequired?: boolean;
  integration?: { type: 'AWS' | 'AWS_PROXY' | 'HTTP' | 'HTTP_PROXY' | 'MOCK'; uri?: string };
}

export interface SimRestAuthorizerSpec {
  name: string;
  type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
  authorizerUri?: string;
  providerARNs?: string[];
  identitySource?: string;
}

export interface SimRestApiSpec {
  name: string;
  description?: string;
  endpointTypes?: RestEndpointType[];
  minimumCompressionSize?: number;
  apiKeySource?: 'HEADER' | 'AUTHORIZER';
  disableExecuteApiEndpoint?: boolean;
  stages?: SimRestStageSpec[];
  authorizers?: SimRestAuthorizerSpec[];
  methods?: SimRestMethodSpec[];
  tags?: Record<string, string>;
  createdDate?: number;
}

export interface SimRestResource {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  methods: SimRestMethodSpec[];
}

export interface SimRestApi {
  id: string;
  account: string;
  region: string;
  spec: SimRestApiSpec;
  createdDate: number;
  deploymentId: string;
  authorizers: (SimRestAuthorizerSpec & { id: string })[];
  /** The resource tree in path order, `/` first. */
  resources: SimRestResource[];
}

export interface SimV2RouteSettings {
  dataTraceEnabled?: boolean;
  detailedMetricsEnabled?: boolean;
  loggingLevel?: 'OFF' | 'ERROR' | 'INFO';
  throttlingBurstLimit?: number;
  throttlingRateLimit?: number;
}

export interface SimV2StageSpec {
  name: string;
  description?: string;
  autoDeploy?: boolean;
  accessLog?: SimAccessLog;
  defaultRouteSettings?: SimV2RouteSettings;
  /** Per route key (`GET /orders`, `$connect`). */
  routeSettings?: Record<string, SimV2RouteSettings>;
  stageVariables?: Record<string, string>;
}

export interface SimV2AuthorizerSpec {
  name: string;
  authorizerType: 'REQUEST' | 'JWT';
  authorizerUri?: string;
  identitySource?: string[];
  jwt?: { audience: string[]; issuer: string };
}

export interface SimV2RouteSpec {
  routeKey: string;
  authorizationType?: 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'JWT';
  /** Name of one of the API's authorizers. */
  authorizer?: string;
  apiKeyRequired?: boolean;
  /** Integration target; routes with the same URI share one integration. */
  integrationUri?: string;
}

export interface SimV2ApiSpec {
  name: string;
  protocolType: 'HTTP' | 'WEBSOCKET';
  description?: string;
  routeSelectionExpression?: string;
  disableExecuteApiEndpoint?: boolean;
  cors?: { allowOrigins?: string[]; allowMethods?: string[]; allowCredentials?: boolean };
  stages?: SimV2StageSpec[];
  authorizers?: SimV2AuthorizerSpec[];
  routes?: SimV2RouteSpec[];
  tags?: Record<string, string>;
  createdDate?: number;
}

export interface SimV2Integration {
  id: string;
  integrationType: 'AWS_PROXY' | 'HTTP_PROXY';
  integrationUri: string;
}

export interface SimV2Api {
  id: string;
  account: string;
  region: string;
  spec: SimV2ApiSpec;
  createdDate: number;
  authorizers: (SimV2AuthorizerSpec & { id: string })[];
  integrations: SimV2Integration[];
  routes: (SimV2RouteSpec & { id: string; authorizerId?: string; target?: string })[];
}

/** API Gateway's identifiers: 10 lowercase letters and digits (6 for child resources). */
function gatewayId(seed: string, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(digest[i] as number) % alphabet.length];
  return out;
}

export class SimApiGatewayStore {
  private readonly restApisByKey = new Map<string, SimRestApi[]>();
  private readonly v2ApisByKey = new Map<string, SimV2Api[]>();
  private serial = 0;

  constructor(readonly clock: Clock) {}

  /** Adds a REST API; returns it with its generated ids. A method's authorizer must be one of the API's. */
  addRestApi(account: string, region: string, spec: SimRestApiSpec): SimRestApi {
    const id = gatewayId(`${account}/${region}/rest/${spec.name}/${this.serial++}`, 10);
    const authorizers = (spec.authorizers ?? []).map((a) => ({
      ...a,
      id: gatewayId(`${id}/auth/${a.name}`, 6),
    }));
    for (const m of spec.methods ?? []) {
      if (m.authorizer && !authorizers.some((a) => a.name === m.authorizer))
        throw new Error(`REST API ${spec.name}: unknown authorizer ${m.authorizer}`);
    }
    const api: SimRestApi = {
      id,
      account,
      region,
      spec,
      createdDate: spec.createdDate ?? this.clock.now(),
      deploymentId: gatewayId(`${id}/deployment`, 6),
      authorizers,
      resources: resourceTree(id, spec.methods ?? []),
    };
    const key = `${account}/${region}`;
    this.restApisByKey.set(key, [...(this.restApisByKey.get(key) ?? []), api]);
    return api;
  }

  /** REST APIs of an account and region, in creation order (as GetRestApis lists them). */
  restApis(account: string, region: string): SimRestApi[] {
    return [...(this.restApisByKey.get(`${account}/${region}`) ?? [])];
  }

  getRestApi(account: string, region: string, id: string): SimRestApi | undefined {
    return this.restApisByKey.get(`${account}/${region}`)?.find((a) => a.id === id);
  }

  addV2Api(account: string, region: string, spec: SimV2ApiSpec): SimV2Api {
    const id = gatewayId(`${account}/${region}/v2/${spec.name}/${this.serial++}`, 10);
    const authorizers = (spec.authorizers ?? []).map((a) => ({
      ...a,
      id: gatewayId(`${id}/auth/${a.name}`, 6),
    }));
    const integrations: SimV2Integration[] = [];
    const routes = (spec.routes ?? []).map((r) => {
      const authorizer = r.authorizer ? authorizers.find((a) => a.name === r.authorizer) : undefined;
      if (r.authorizer && !authorizer)
        throw new Error(`API ${spec.name}: unknown authorizer ${r.authorizer}`);
      let target: string | undefined;
      if (r.integrationUri) {
        let integration = integrations.find((i) => i.integrationUri === r.integrationUri);
        if (!integration) {
          integration = {
            id: gatewayId(`${id}/integration/${r.integrationUri}`, 7),
            integrationType: r.integrationUri.startsWith('arn:') ? 'AWS_PROXY' : 'HTTP_PROXY',
            integrationUri: r.integrationUri,
          };
          integrations.push(integration);
        }
        target = `integrations/${integration.id}`;
      }
      return {
        ...r,
        id: gatewayId(`${id}/route/${r.routeKey}`, 7),
        ...(authorizer ? { authorizerId: authorizer.id } : {}),
        ...(target ? { target } : {}),
      };
    });
    const api: SimV2Api = {
      id,
      account,
      region,
      spec,
      createdDate: spec.createdDate ?? this.clock.now(),
      authorizers,
      integrations,
      routes,
    };
    const key = `${account}/${region}`;
    this.v2ApisByKey.set(key, [...(this.v2ApisByKey.get(key) ?? []), api]);
    return api;
  }

  v2Apis(account: string, region: string): SimV2Api[] {
    return [...(this.v2ApisByKey.get(`${account}/${region}`) ?? [])];
  }

  getV2Api(account: string, region: string, id: string): SimV2Api | undefined {
    return this.v2ApisByKey.get(`${account}/${region}`)?.find((a) => a.id === id);
  }

  /** Removes every API of the name (REST and v2) in the account and region, so demos can be re-run. */
  removeByName(account: string, region: string, name: string): void {
    const key = `${account}/${region}`;
    this.restApisByKey.set(
      key,
      (this.restApisByKey.get(key) ?? []).filter((a) => a.spec.name !== name),
    );
    this.v2ApisByKey.set(
      key,
      (this.v2ApisByKey.get(key) ?? []).filter((a) => a.spec.name !== name),
    );
  }
}

/** The resource tree API Gateway keeps: one resource per path prefix, each holding its methods. */
function resourceTree(apiId: string, methods: SimRestMethodSpec[]): SimRestResource[] {
  const byPath = new Map<string, SimRestResource>();
  const root: SimRestResource = { id: gatewayId(`${apiId}/resource/`, 10), path: '/', methods: [] };
  byPath.set('/', root);
  const ensure = (path: string): SimRestResource => {
    const existing = byPath.get(path);
    if (existing) return existing;
    const cut = path.lastIndexOf('/');
    const parent = ensure(cut <= 0 ? '/' : path.slice(0, cut));
    const resource: SimRestResource = {
      id: gatewayId(`${apiId}/resource/${path}`, 6),
      parentId: parent.id,
      pathPart: path.slice(cut + 1),
      path,
      methods: [],
    };
    byPath.set(path, resource);
    return resource;
  };
  for (const m of methods) ensure(m.path.replace(/\/+$/, '') || '/').methods.push(m);
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

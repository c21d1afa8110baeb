import { AwsError } from './errors.js';
import type { Operation, Protocol, ServiceDefinition } from './service.js';

/** What the router made of a request. */
export interface Resolved {
  /** The service, when the request could be attributed to one. */
  service: ServiceDefinition | undefined;
  /** The protocol whose error shape answers the request. */
  protocol: Protocol;
  /** The operation name as the request spelled it (may be unknown). */
  operationName: string;
  operation: Operation | undefined;
  /** Raw input before schema validation. */
  raw: Record<string, unknown>;
  /** The body could not be read as the protocol's document (answered as SerializationException). */
  parseError?: AwsError;
}

export interface IncomingRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** SigV4 signing name from the credential scope, when there is one. */
  signingName: string | undefined;
}

interface RestRoute {
  method: string;
  pattern: RegExp;
  labels: string[];
  service: ServiceDefinition;
  operation: Operation;
}

/**
 * Finds the service and operation of a request the way each protocol identifies it:
 * `X-Amz-Target` for JSON 1.0/1.1, method and path for REST-JSON, the `Action` field for Query.
 */
export class Router {
  private readonly services: ServiceDefinition[] = [];
  private readonly byTargetPrefix = new Map<string, ServiceDefinition>();
  private readonly restRoutes: RestRoute[] = [];
  private readonly queryServices = new Map<string, ServiceDefinition>();

  register(service: ServiceDefinition): void {
    this.services.push(service);
    switch (service.protocol) {
      case 'awsJson1_0':
      case 'awsJson1_1':
        if (!service.targetPrefix) throw new Error(`${service.id}: JSON services need a targetPrefix`);
        this.byTargetPrefix.set(service.targetPrefix, service);
        break;
      case 'restJson1':
        for (const op of service.operations) {
          if (!op.http) throw new Error(`${service.id}.${op.name}: REST operations need an http binding`);
          const labels: string[] = [];
          const source = op.http.path
            .replace(/\/+$/, '')
            .split('/')
            .map((seg) => {
              const m = /^\{(\w+)\}$/.exec(seg);
              if (!m) return seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
              labels.push(m[1] as string);
              return '([^/]+)';
            })
            .join('/');
          this.restRoutes.push({
            method: op.http.method,
            pattern: new RegExp(`^${source}/?$`),
            labels,
            service,
            operation: op,
          });
        }
        break;
      case 'awsQuery':
        this.queryServices.set(service.signingName, service);
        break;
    }
  }

  list(): readonly ServiceDefinition[] {
    return this.services;
  }

  resolve(req: IncomingRequest): Resolved {
    const target = header(req.headers, 'x-amz-target');
    const contentType = header(req.headers, 'content-type') ?? '';
    if (target) return this.resolveJson(target, contentType, req.body);
    const form = contentType.includes('application/x-www-form-urlencoded');
    if (form || req.query.has('Action')) return this.resolveQuery(req, form);
    return this.resolveRest(req);
  }

  private resolveJson(target: string, contentType: string, body: string): Resolved {
    const dot = target.lastIndexOf('.');
    const prefix = dot >= 0 ? target.slice(0, dot) : target;
    const name = dot >= 0 ? target.slice(dot + 1) : '';
    const service = this.byTargetPrefix.get(prefix);
    const protocol: Protocol =
      service?.protocol ?? (contentType.includes('1.0') ? 'awsJson1_0' : 'awsJson1_1');
    const operation = service?.operations.find((o) => o.name === name);
    const base = { service, protocol, operationName: name || target, operation };
    if (!operation) return { ...base, raw: {} };
    const parsed = parseJsonObject(body);
    return 'error' in parsed
      ? { ...base, raw: {}, parseError: parsed.error }
      : { ...base, raw: parsed.value };
  }

  private resolveQuery(req: IncomingRequest, form: boolean): Resolved {
    const params = form ? new URLSearchParams(req.body) : req.query;
    const action = params.get('Action') ?? '';
    const service =
      (req.signingName ? this.queryServices.get(req.signingName) : undefined) ??
      [...this.queryServices.values()].find((s) => s.operations.some((o) => o.name === action));
    const operation = service?.operations.find((o) => o.name === action);
    const raw: Record<string, unknown> = {};
    for (const [k, v] of params) if (k !== 'Action' && k !== 'Version') raw[k] = v;
    return { service, protocol: 'awsQuery', operationName: action || 'Unknown', operation, raw };
  }

  private resolveRest(req: IncomingRequest): Resolved {
    const path = req.path;
    for (const route of this.restRoutes) {
      if (route.method !== req.method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const raw: Record<string, unknown> = {};
      route.labels.forEach((label, i) => {
        raw[label] = decodeURIComponent(m[i + 1] as string);
      });
      for (const [k, v] of req.query) raw[k] = v;
      const parsed = parseJsonObject(req.body);
      const resolved: Resolved = {
        service: route.service,
        protocol: 'restJson1',
        operationName: route.operation.name,
        operation: route.operation,
        raw,
      };
      if ('error' in parsed) resolved.parseError = parsed.error;
      else Object.assign(raw, parsed.value);
      return resolved;
    }
    const service =
      this.services.find(
        (s) => s.protocol === 'restJson1' && s.restPathPrefix && path.startsWith(s.restPathPrefix),
      ) ?? this.services.find((s) => s.protocol === 'restJson1' && s.signingName === req.signingName);
    return {
      service,
      protocol: 'restJson1',
      operationName: `${req.method} ${path}`,
      operation: undefined,
      raw: {},
    };
  }
}

export function header(headers: IncomingRequest['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function parseJsonObject(body: string): { value: Record<string, unknown> } | { error: AwsError } {
  if (!body.trim()) return { value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {
      error: new AwsError('SerializationException', 'Start of structure or map found where not expected.'),
    };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      error: new AwsError('SerializationException', 'Start of structure or map found where not expected.'),
    };
  }
  return { value: parsed as Record<string, unknown> };
}

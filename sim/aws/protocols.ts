import type { AwsError } from './errors.js';
import type { ErrorMapping, Protocol, ServiceDefinition } from './service.js';

/** A response ready to write. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An error after the service's mapping: what goes on the wire. */
export interface WireError {
  code: string;
  queryCode: string;
  status: number;
  server: boolean;
  message: string;
  extra: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Statuses AWS's JSON services use when a service does not say otherwise. */
const baseMappings: Record<string, ErrorMapping> = {
  ThrottlingException: { status: 400 },
  AccessDeniedException: { status: 400 },
  ResourceNotFoundException: { status: 400 },
  ServiceUnavailableException: { status: 503, server: true },
  InternalFailure: { status: 500, server: true },
  InternalServerError: { status: 500, server: true },
  UnrecognizedClientException: { status: 400 },
  ExpiredTokenException: { status: 400 },
  UnknownOperationException: { status: 400 },
  SerializationException: { status: 400 },
  MissingAuthenticationTokenException: { status: 403 },
};

export function mapError(service: ServiceDefinition | undefined, err: AwsError): WireError {
  const base = baseMappings[err.code] ?? {};
  const own = service?.errors?.[err.code] ?? {};
  const m: ErrorMapping = { ...base, ...own };
  const code = m.code ?? err.code;
  const status = err.status ?? m.status ?? 400;
  return {
    code,
    queryCode: m.queryCode ?? code,
    status,
    server: m.server ?? status >= 500,
    message: err.message,
    extra: { ...(m.extra ?? {}), ...(err.extra ?? {}) },
    headers: { ...(m.headers ?? {}) },
  };
}

export function jsonContentType(protocol: Protocol): string {
  if (protocol === 'awsJson1_0') return 'application/x-amz-json-1.0';
  if (protocol === 'awsJson1_1') return 'application/x-amz-json-1.1';
  return 'application/json';
}

export function renderError(
  protocol: Protocol,
  service: ServiceDefinition | undefined,
  err: AwsError,
  requestId: string,
): { response: WireResponse; wire: WireError } {
  const wire = mapError(service, err);
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId, ...wire.headers };
  let body: string;
  switch (protocol) {
    case 'awsJson1_0':
    case 'awsJson1_1': {
      headers['content-type'] = jsonContentType(protocol);
      headers['x-amzn-ErrorType'] = wire.code;
      // Query-compatible JSON services (CloudWatch, SQS) name the Query-era code here, and the SDK
      // prefers it over __type when it builds the exception.
      if (service?.awsQueryCompatible) {
        headers['x-amzn-query-error'] = `${wire.queryCode};${wire.server ? 'Receiver' : 'Sender'}`;
      }
      body = JSON.stringify({ __type: wire.code, message: wire.message, ...wire.extra });
      break;
    }
    case 'restJson1': {
      headers['content-type'] = 'application/json';
      headers['x-amzn-ErrorType'] = wire.code;
      body = JSON.stringify({ Type: wire.server ? 'Service' : 'User', message: wire.message, ...wire.extra });
      break;
    }
    case 'awsQuery': {
      headers['content-type'] = 'text/xml';
      const ns = service?.xmlNamespace ? ` xmlns="${service.xmlNamespace}"` : '';
      body =
        `<ErrorResponse${ns}>\n  <Error>\n    <Type>${wire.server ? 'Receiver' : 'Sender'}</Type>\n` +
        `    <Code>${xmlEscape(wire.queryCode)}</Code>\n    <Message>${xmlEscape(wire.message)}</Message>\n` +
        `  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
      break;
    }
  }
  return { response: { status: wire.status, headers, body }, wire };
}

export function renderOutput(
  protocol: Protocol,
  service: ServiceDefinition,
  operation: string,
  output: unknown,
  requestId: string,
  status = 200,
): WireResponse {
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId };
  if (protocol === 'awsQuery') {
    headers['content-type'] = 'text/xml';
    const ns = service.xmlNamespace ? ` xmlns="${service.xmlNamespace}"` : '';
    const result =
      output === undefined ? '' : `  <${operation}Result>\n${toXml(output, 4)}  </${operation}Result>\n`;
    const body =
      `<${operation}Response${ns}>\n${result}` +
      `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${operation}Response>\n`;
    return { status, headers, body };
  }
  headers['content-type'] = jsonContentType(protocol);
  return { status, headers, body: JSON.stringify(output ?? {}) };
}

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Query-protocol XML for a plain object: members as elements, lists as `<member>` items. */
export function toXml(value: unknown, indent: number): string {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return '';
  const pad = ' '.repeat(indent);
  let out = '';
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) {
      out += `${pad}<${key}>\n`;
      for (const item of v) out += element('member', item, indent + 2);
      out += `${pad}</${key}>\n`;
    } else {
      out += element(key, v, indent);
    }
  }
  return out;
}

/**
 * A Query-protocol map (SNS `Attributes`): rendered as `<entry><key/><value/></entry>` items, where a
 * plain object would become one element per member.
 */
export class QueryMap {
  constructor(readonly entries: Record<string, string>) {}
}

function element(name: string, v: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (v instanceof Date) return `${pad}<${name}>${v.toISOString()}</${name}>\n`;
  if (v instanceof QueryMap) {
    let out = `${pad}<${name}>\n`;
    for (const [key, value] of Object.entries(v.entries)) {
      out += `${pad}  <entry>\n${element('key', key, indent + 4)}${element('value', value, indent + 4)}${pad}  </entry>\n`;
    }
    return `${out}${pad}</${name}>\n`;
  }
  if (typeof v === 'object' && v !== null)
    return `${pad}<${name}>\n${toXml(v, indent + 2)}${pad}</${name}>\n`;
  return `${pad}<${name}>${xmlEscape(String(v))}</${name}>\n`;
}

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { type Clock, systemClock } from '../clock.js';
import { readCredentialScope } from './auth.js';
import { AwsError, defaultMessages } from './errors.js';
import { type FaultSpec, Faults } from './faults.js';
import { renderError, renderOutput, type WireResponse } from './protocols.js';
import { RequestLog, summarizeParams } from './request-log.js';
import { header, Router } from './router.js';
import type { OperationContext, OperationTarget, Protocol, ServiceDefinition } from './service.js';
import { apigatewayService } from './services/apigateway.js';
import { apigatewayv2Service } from './services/apigatewayv2.js';
import { cloudwatchService } from './services/cloudwatch.js';
import { dynamodbService } from './services/dynamodb.js';
import { eventbridgeService } from './services/eventbridge.js';
import { kinesisService } from './services/kinesis.js';
import { lambdaService } from './services/lambda.js';
import { logsService } from './services/logs.js';
import { snsService } from './services/sns.js';
import { sqsService } from './services/sqs.js';
import { stepfunctionsService } from './services/stepfunctions.js';
import { stsService } from './services/sts.js';
import { wellarchitectedService } from './services/wellarchitected.js';
import { type Principal, type SimAccessKeySpec, type SimAccountSpec, SimState } from './state.js';

export interface SimAwsOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  clock?: Clock;
  /** Accounts to create; default `defaultAccounts` (111122223333, 444455556666, 123456789012). */
  accounts?: SimAccountSpec[];
  /** Extra services, registered after the built-in ones. */
  services?: ServiceDefinition[];
  /** Bodies above this size are refused (default 16 MiB). */
  maxBodyBytes?: number;
}

export interface SimAws {
  /** `http://127.0.0.1:<port>`, for `endpoint` or `AWS_ENDPOINT_URL`. */
  url: string;
  port: number;
  state: SimState;
  requests: RequestLog;
  faults: Faults;
  router: Router;
  /** Long-term credentials of an account (its first access key). */
  credentials(accountId: string): { accessKeyId: string; secretAccessKey: string };
  /** Environment for a child process or SDK chain pointed at the sim as one account. */
  env(accountId: string, region?: string): Record<string, string>;
  close(): Promise<void>;
}

export const builtinServices: readonly ServiceDefinition[] = [
  logsService,
  lambdaService,
  stsService,
  cloudwatchService,
  sqsService,
  dynamodbService,
  stepfunctionsService,
  apigatewayService,
  apigatewayv2Service,
  snsService,
  kinesisService,
  eventbridgeService,
  wellarchitectedService,
];

export async function startSimAws(options: SimAwsOptions = {}): Promise<SimAws> {
  const clock = options.clock ?? systemClock;
  const state = new SimState(clock, options.accounts);
  const requests = new RequestLog();
  const faults = new Faults();
  const router = new Router();
  for (const s of [...builtinServices, ...(options.services ?? [])]) router.register(s);
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // A failure while writing the answer (client gone): nothing left to tell anyone.
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const at = clock.now();
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const scope = readCredentialScope(header(req.headers, 'authorization'), url.searchParams);
    let service: ServiceDefinition | undefined;
    let protocol: Protocol = 'awsJson1_1';
    let operationName = 'Unknown';
    let params: unknown = {};
    let account: string | undefined;
    let response: WireResponse;
    let errorCode: string | undefined;
    let internalError: string | undefined;
    try {
      const body = await readBody(req, maxBodyBytes);
      const resolved = router.resolve({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        signingName: scope?.service,
      });
      service = resolved.service;
      protocol = resolved.protocol;
      operationName = resolved.operationName;
      params = summarizeParams(resolved.raw);

      if (!scope) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
      const who = state.resolveAccessKey(scope.accessKeyId, header(req.headers, 'x-amz-security-token'));
      if ('error' in who) {
        throw who.error === 'expired'
          ? new AwsError('ExpiredTokenException', defaultMessages.ExpiredTokenException as string)
          : new AwsError(
              'UnrecognizedClientException',
              defaultMessages.UnrecognizedClientException as string,
            );
      }
      const caller = who.principal;
      account = caller.accountId;

      if (!service || !resolved.operation) {
        throw protocol === 'awsQuery'
          ? new AwsError(
              'InvalidAction',
              `Could not find operation ${operationName} for version ${service?.queryVersion ?? 'unknown'}`,
            )
          : new AwsError('UnknownOperationException', `Unknown operation ${operationName}`);
      }
      if (resolved.parseError) throw resolved.parseError;

      const operation = resolved.operation;
      const parsed = operation.input.safeParse(resolved.raw);
      if (!parsed.success) throw validationError(service, parsed.error, resolved.raw);
      params = summarizeParams(parsed.data);

      const ctx: OperationContext = { state, clock, caller, region: scope.region, requestId, service };
      const target = operation.target?.(parsed.data, ctx) ?? {};
      const fault = faults.take({
        service: service.id,
        operation: operation.name,
        account: caller.accountId,
        region: scope.region,
        ...(target.logGroup === undefined ? {} : { logGroup: target.logGroup }),
      });
      if (fault) throw faultError(fault, service, operation.name, caller, target);

      const output = await operation.handle(ctx, parsed.data);
      response = renderOutput(
        protocol,
        service,
        operation.name,
        output,
        requestId,
        operation.http?.status ?? 200,
      );
    } catch (e) {
      if (!(e instanceof AwsError)) internalError = e instanceof Error ? (e.stack ?? e.message) : String(e);
      const err =
        e instanceof AwsError
          ? e
          : new AwsError('InternalFailure', defaultMessages.InternalFailure as string, { status: 500 });
      const rendered = renderError(protocol, service, err, requestId);
      response = rendered.response;
      errorCode = rendered.wire.code;
    }
    requests.push({
      at,
      service: service?.id ?? 'unknown',
      operation: operationName,
      ...(account === undefined ? {} : { account }),
      ...(scope ? { region: scope.region, accessKeyId: scope.accessKeyId } : {}),
      params,
      status: response.status,
      ...(errorCode === undefined ? {} : { errorCode }),
      ...(internalError === undefined ? {} : { internalError }),
      requestId,
    });
    res.writeHead(response.status, {
      ...response.headers,
      'content-length': Buffer.byteLength(response.body),
    });
    res.end(response.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  const credentials = (accountId: string): { accessKeyId: string; secretAccessKey: string } => {
    const key = state.account(accountId).keys.values().next().value as SimAccessKeySpec | undefined;
    if (!key) throw new Error(`account ${accountId} has no access key`);
    return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  };

  return {
    url,
    port,
    state,
    requests,
    faults,
    router,
    credentials,
    env(accountId, region = 'us-east-1') {
      const c = credentials(accountId);
      return {
        AWS_ENDPOINT_URL: url,
        AWS_ACCESS_KEY_ID: c.accessKeyId,
        AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
        AWS_REGION: region,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SDK clients keep connections alive; without this close() would wait for them.
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge)
        reject(
          new AwsError('SerializationException', `Request body exceeds ${limit} bytes`, { status: 413 }),
        );
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** AWS-style validation text: `1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: ...`. */
function validationError(
  service: ServiceDefinition,
  error: z.ZodError,
  raw: Record<string, unknown>,
): AwsError {
  const parts = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    let value: unknown = raw;
    for (const key of issue.path)
      value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    const shown =
      value === undefined ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
    return `Value ${shown} at '${path}' failed to satisfy constraint: ${constraintText(issue)}`;
  });
  const n = parts.length;
  return new AwsError(
    service.validationErrorCode,
    `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`,
  );
}

function constraintText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') {
    const origin = (issue as { origin?: string }).origin;
    return origin === 'number'
      ? `Member must have value greater than or equal to ${String(issue.minimum)}`
      : `Member must have length greater than or equal to ${String(issue.minimum)}`;
  }
  if (issue.code === 'too_big') {
    const origin = (issue as { origin?: string }).origin;
    return origin === 'number'
      ? `Member must have value less than or equal to ${String(issue.maximum)}`
      : `Member must have length less than or equal to ${String(issue.maximum)}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Member must not be null';
  return issue.message;
}

function faultError(
  fault: FaultSpec,
  service: ServiceDefinition,
  operation: string,
  caller: Principal,
  target: OperationTarget,
): AwsError {
  let message = fault.message;
  if (message === undefined) {
    if (fault.error === 'AccessDeniedException') {
      message = accessDeniedMessage(caller, `${service.iamPrefix}:${operation}`, target.resource);
    } else if (fault.error === 'ResourceNotFoundException' && target.logGroup !== undefined) {
      message = 'The specified log group does not exist.';
    } else {
      message = defaultMessages[fault.error] ?? fault.error;
    }
  }
  return new AwsError(fault.error, message, fault.status === undefined ? {} : { status: fault.status });
}

/** IAM's wording: `User: <arn> is not authorized to perform: <action> on resource: <arn> because ...`. */
export function accessDeniedMessage(caller: Principal, action: string, resource?: string): string {
  const on = resource ? ` on resource: ${resource}` : '';
  return `User: ${caller.arn} is not authorized to perform: ${action}${on} because no identity-based policy allows the ${action} action`;
}

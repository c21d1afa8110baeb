import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Principal, SimState } from './state.js';

/** The wire protocols the simulated services speak (names as in the Smithy traits). */
export type Protocol = 'awsJson1_0' | 'awsJson1_1' | 'restJson1' | 'awsQuery';

export interface OperationContext {
  state: SimState;
  clock: Clock;
  caller: Principal;
  region: string;
  requestId: string;
  /** The service definition the operation belongs to. */
  service: ServiceDefinition;
}

/** What a call targets, for fault matching, the request log and AccessDenied messages. */
export interface OperationTarget {
  logGroup?: string;
  /** Resource ARN an AccessDenied message names (`on resource: ...`); omitted when the action has none. */
  resource?: string;
}

export interface Operation<I = unknown> {
  /** The operation name as the SDK command calls it (`FilterLogEvents`). */
  name: string;
  /** REST-JSON binding. Path segments in braces are labels (`/functions/{FunctionName}`). */
  http?: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; status?: number };
  /** The input schema; a failure answers the service's validation error. */
  input: z.ZodType<I>;
  target?(input: I, ctx: OperationContext): OperationTarget;
  handle(ctx: OperationContext, input: I): unknown;
}

/** How a service-neutral error code looks on this service's wire. */
export interface ErrorMapping {
  /** The code the service really sends (`TooManyRequestsException` for Lambda throttling). */
  code?: string;
  status?: number;
  /** awsQuery / query-compatible code (`Throttling`), when it differs from `code`. */
  queryCode?: string;
  /** Server-side fault (Receiver / Service) rather than caller fault. */
  server?: boolean;
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface ServiceDefinition {
  /** The name faults, the request log and tests use: `logs`, `lambda`, `sts`, `cloudwatch`. */
  id: string;
  /** SigV4 signing name, as it appears in the credential scope (`monitoring` for CloudWatch). */
  signingName: string;
  /** IAM action prefix (`logs:FilterLogEvents`). */
  iamPrefix: string;
  protocol: Protocol;
  /** JSON 1.x: the `X-Amz-Target` prefix before the dot. */
  targetPrefix?: string;
  /** JSON 1.x services whose model is query-compatible: errors also carry `x-amzn-query-error`. */
  awsQueryCompatible?: boolean;
  /** awsQuery: API version and XML namespace of responses. */
  queryVersion?: string;
  xmlNamespace?: string;
  /** REST-JSON: path prefix that identifies the service even when no route matches. */
  restPathPrefix?: string;
  /** The code an input that fails validation answers with. */
  validationErrorCode: string;
  /** Per-service spelling of error codes (see ErrorMapping). */
  errors?: Record<string, ErrorMapping>;
  operations: Operation[];
}

/** Keeps operation input types checked at the definition while the registry holds them uniformly. */
export function defineOperation<I>(op: Operation<I>): Operation {
  return op as unknown as Operation;
}

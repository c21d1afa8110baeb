import { PillarError } from '../errors.js';

/** What an AWS call was doing, so the message can name the permission and the resource. */
export interface AwsCallContext {
  /** IAM action, e.g. `logs:FilterLogEvents`. */
  action: string;
  account: string;
  region: string;
  resource?: string;
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RateExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
]);
const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'AuthorizationError',
  // SNS's AuthorizationError as the SDK names the exception.
  'AuthorizationErrorException',
]);
const CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const NOT_FOUND = new Set(['ResourceNotFoundException', 'NotFoundException', 'NoSuchEntity']);

export function awsErrorName(e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as { name?: unknown; Code?: unknown; code?: unknown };
    if (typeof o.name === 'string' && o.name !== 'Error') return o.name;
    if (typeof o.Code === 'string') return o.Code;
    if (typeof o.code === 'string') return o.code;
  }
  return 'UnknownError';
}

export function isThrottling(e: unknown): boolean {
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return THROTTLING.has(awsErrorName(e)) || status === 429;
}

/** Turns an SDK error into a PillarError whose message says what to do about it. */
export function describeAwsError(e: unknown, ctx: AwsCallContext): PillarError {
  if (e instanceof PillarError) return e;
  const name = awsErrorName(e);
  const where = `${ctx.account}/${ctx.region}`;
  const what = ctx.resource ? ` on ${ctx.resource}` : '';
  const details = {
    awsError: name,
    action: ctx.action,
    account: ctx.account,
    region: ctx.region,
    resource: ctx.resource,
  };
  if (ACCESS_DENIED.has(name)) {
    return new PillarError(
      'aws_access_denied',
      `Access denied: ${ctx.action}${what} in ${where}. Add ${ctx.action} to the role Pillar uses (see docs/iam-policy.json).`,
      { cause: e, details },
    );
  }
  if (isThrottling(e)) {
    return new PillarError(
      'aws_throttled',
      `AWS throttled ${ctx.action} in ${where}; Pillar backs off and retries next cycle. Lower ingestion.requestsPerSecond if this persists.`,
      { cause: e, details },
    );
  }
  if (CREDENTIALS.has(name) || (e instanceof Error && e.name === 'CredentialsProviderError')) {
    return new PillarError(
      'aws_credentials',
      `AWS did not accept the credentials for account ${ctx.account} (${name}). Check AWS_PROFILE or the access keys, and the account's roleArn and trust policy.`,
      { cause: e, details },
    );
  }
  if (NOT_FOUND.has(name)) {
    return new PillarError(
      'aws_not_found',
      `${ctx.resource ?? 'The resource'} no longer exists in ${where}.`,
      {
        cause: e,
        details,
      },
    );
  }
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const networkish =
    e instanceof Error && /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|socket hang up|EAI_AGAIN/.test(e.message);
  if (networkish || (status !== undefined && status >= 500)) {
    return new PillarError(
      'aws_unavailable',
      `AWS could not be reached for ${ctx.action} in ${where} (${networkish ? (e as Error).message : `HTTP ${status}`}); Pillar retries next cycle.`,
      { cause: e, details },
    );
  }
  const text = e instanceof Error ? e.message : String(e);
  return new PillarError('aws_error', `${ctx.action}${what} failed in ${where}: ${name}: ${text}`, {
    cause: e,
    details,
  });
}

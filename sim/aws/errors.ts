/**
 * An AWS error as a service raises it. `code` is the service-neutral name used by handlers and
 * fault injection (e.g. `ThrottlingException`); each service's protocol maps it to the wire shape
 * that service really answers with (e.g. Lambda's `TooManyRequestsException` with HTTP 429).
 */
export class AwsError extends Error {
  readonly code: string;
  /** HTTP status when the caller wants a specific one; otherwise the service's mapping decides. */
  readonly status: number | undefined;
  /** Extra body fields (REST-JSON and JSON 1.x). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    options: { status?: number; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = options.status;
    this.extra = options.extra;
  }
}

/** The error codes fault injection understands out of the box; any other string is passed through. */
export type KnownErrorCode =
  | 'ThrottlingException'
  | 'AccessDeniedException'
  | 'ResourceNotFoundException'
  | 'ServiceUnavailableException'
  | 'InternalFailure'
  | 'InvalidParameterException'
  | 'ValidationException'
  | 'UnrecognizedClientException'
  | 'ExpiredTokenException'
  | 'LimitExceededException';

/** AWS's default messages, used when a fault names only the code. */
export const defaultMessages: Record<string, string> = {
  ThrottlingException: 'Rate exceeded',
  ServiceUnavailableException: 'The service is unavailable. Please try again later.',
  InternalFailure: 'The request processing has failed because of an unknown error, exception or failure.',
  UnrecognizedClientException: 'The security token included in the request is invalid.',
  ExpiredTokenException: 'The security token included in the request is expired',
  ResourceNotFoundException: 'The specified resource does not exist.',
  LimitExceededException: 'Resource limit exceeded.',
};

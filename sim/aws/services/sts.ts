import { z } from 'zod';
import { AwsError } from '../errors.js';
import { defineOperation, type ServiceDefinition } from '../service.js';

/** STS: Query protocol (form-encoded `Action=...&Version=2011-06-15`), XML answers. */

/** STS writes timestamps without milliseconds. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const assumeRole = defineOperation({
  name: 'AssumeRole',
  input: z.object({
    RoleArn: z.string().min(20).max(2048),
    RoleSessionName: z
      .string()
      .min(2)
      .max(64)
      .regex(/^[\w+=,.@-]*$/, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'),
    DurationSeconds: z.coerce.number().int().min(900).max(43200).optional(),
    ExternalId: z.string().min(2).max(1224).optional(),
    Policy: z.string().optional(),
    SourceIdentity: z.string().optional(),
  }),
  target: (input) => ({ resource: input.RoleArn }),
  handle(ctx, input) {
    const duration = input.DurationSeconds ?? 3600;
    const max = ctx.state.maxSessionDuration(input.RoleArn);
    const denied = (): AwsError =>
      new AwsError(
        'AccessDenied',
        `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
      );
    if (max === undefined) throw denied();
    if (ctx.caller.kind === 'assumed-role' && duration > 3600) {
      throw new AwsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
    }
    if (duration > max) {
      throw new AwsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    }
    const result = ctx.state.assumeRole(ctx.caller, input.RoleArn, input.RoleSessionName, duration);
    if (result.denied) throw denied();
    const c = result.credentials;
    return {
      ...(input.SourceIdentity === undefined ? {} : { SourceIdentity: input.SourceIdentity }),
      AssumedRoleUser: { AssumedRoleId: result.principal.userId, Arn: result.principal.arn },
      Credentials: {
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        SessionToken: c.sessionToken,
        Expiration: isoSeconds(c.expiration),
      },
      ...(input.Policy === undefined ? {} : { PackedPolicySize: 6 }),
    };
  },
});

const getCallerIdentity = defineOperation({
  name: 'GetCallerIdentity',
  input: z.object({}),
  handle(ctx) {
    return { Arn: ctx.caller.arn, UserId: ctx.caller.userId, Account: ctx.caller.accountId };
  },
});

export const stsService: ServiceDefinition = {
  id: 'sts',
  signingName: 'sts',
  iamPrefix: 'sts',
  protocol: 'awsQuery',
  queryVersion: '2011-06-15',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  validationErrorCode: 'ValidationError',
  errors: {
    AccessDenied: { status: 403 },
    AccessDeniedException: { code: 'AccessDenied', status: 403 },
    ThrottlingException: { code: 'Throttling', status: 400 },
    UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
    ExpiredTokenException: { code: 'ExpiredToken', status: 400 },
    ServiceUnavailableException: { code: 'ServiceUnavailable', status: 503, server: true },
    InternalFailure: { code: 'InternalFailure', status: 500, server: true },
    MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403 },
    ValidationError: { status: 400 },
    InvalidAction: { status: 400 },
    SerializationException: { code: 'MalformedQueryString', status: 400 },
  },
  operations: [assumeRole, getCallerIdentity],
};

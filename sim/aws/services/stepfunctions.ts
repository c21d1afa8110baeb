import { z } from 'zod';
import { AwsError } from '../errors.js';
import { offsetPage } from '../paging.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimStateMachine } from '../state.js';

/**
 * Step Functions: JSON 1.0 (`X-Amz-Target: AWSStepFunctions.ListStateMachines`), signing name
 * `states`, no query compatibility. A missing machine is `StateMachineDoesNotExist`, a malformed
 * ARN `InvalidArn`, a bad page token `InvalidToken`.
 */

const arnRe = /^arn:aws[\w-]*:states:([\w-]+):(\d{12}):stateMachine:([\w-]{1,80})$/;

function machineOf(ctx: OperationContext, arn: string): SimStateMachine {
  const m = arnRe.exec(arn);
  if (!m) throw new AwsError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  const machine = ctx.state.getStateMachine(ctx.caller.accountId, ctx.region, m[3] as string);
  if (!machine || m[2] !== ctx.caller.accountId || m[1] !== ctx.region)
    throw new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  return machine;
}

const listStateMachines = defineOperation({
  name: 'ListStateMachines',
  input: z.object({
    maxResults: z.number().int().min(0).max(1000).optional(),
    nextToken: z.string().min(1).max(1024).optional(),
  }),
  handle(ctx, input) {
    const all = ctx.state.stateMachines(ctx.caller.accountId, ctx.region);
    // 0 or absent means the service default of 100.
    const { page, next } = offsetPage(
      all,
      input.nextToken,
      input.maxResults || 100,
      'lsm',
      () => new AwsError('InvalidToken', 'Invalid Token: nextToken is not valid.'),
    );
    return {
      stateMachines: page.map((sm) => ({
        stateMachineArn: sm.arn,
        name: sm.name,
        type: sm.spec.type ?? 'STANDARD',
        creationDate: sm.creationDate / 1000,
      })),
      ...(next ? { nextToken: next } : {}),
    };
  },
});

const describeStateMachine = defineOperation({
  name: 'DescribeStateMachine',
  input: z.object({
    stateMachineArn: z.string().min(1).max(2048),
    includedData: z.enum(['ALL_DATA', 'METADATA_ONLY']).optional(),
  }),
  target: (input) => ({ resource: input.stateMachineArn }),
  handle(ctx, input) {
    const sm = machineOf(ctx, input.stateMachineArn);
    const s = sm.spec;
    const logging = s.logging ?? { level: 'OFF' };
    return {
      stateMachineArn: sm.arn,
      name: sm.name,
      status: 'ACTIVE',
      definition: typeof s.definition === 'string' ? s.definition : JSON.stringify(s.definition),
      roleArn: s.roleArn ?? `arn:aws:iam::${sm.account}:role/service-role/StepFunctions-${sm.name}-role`,
      type: s.type ?? 'STANDARD',
      creationDate: sm.creationDate / 1000,
      loggingConfiguration: {
        level: logging.level,
        includeExecutionData: logging.includeExecutionData ?? false,
        ...(logging.logGroupArn
          ? { destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logging.logGroupArn } }] }
          : {}),
      },
      tracingConfiguration: { enabled: s.tracing ?? false },
      encryptionConfiguration: s.kmsKeyId
        ? { type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: s.kmsKeyId, kmsDataKeyReusePeriodSeconds: 300 }
        : { type: 'AWS_OWNED_KEY' },
    };
  },
});

export const stepfunctionsService: ServiceDefinition = {
  id: 'stepfunctions',
  signingName: 'states',
  iamPrefix: 'states',
  protocol: 'awsJson1_0',
  targetPrefix: 'AWSStepFunctions',
  validationErrorCode: 'ValidationException',
  errors: {
    ThrottlingException: { status: 400 },
    AccessDeniedException: { status: 400 },
    InvalidArn: { status: 400 },
    InvalidToken: { status: 400 },
    StateMachineDoesNotExist: { status: 400 },
    InternalFailure: { code: 'InternalFailure', status: 500, server: true },
  },
  operations: [listStateMachines, describeStateMachine],
};

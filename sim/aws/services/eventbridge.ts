import { z } from 'zod';
import { AwsError } from '../errors.js';
import { offsetPage } from '../paging.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import { DEFAULT_BUS, type SimEventBus, type SimRule, type SimTargetSpec } from '../stores/eventbridge.js';

/**
 * EventBridge: JSON 1.1 (`X-Amz-Target: AWSEvents.ListRules`), signing name `events`. A missing
 * bus or rule is `ResourceNotFoundException`, a bad page token `ValidationException`, throttling
 * `ThrottlingException`.
 */

const busArnRe = /^arn:aws[\w-]*:events:([\w-]+):(\d{12}):event-bus\/([\w.\-/]{1,256})$/;

/** `EventBusName` takes a name or an ARN; absent means the default bus. */
function busOf(ctx: OperationContext, nameOrArn: string | undefined): SimEventBus {
  const account = ctx.caller.accountId;
  let name = nameOrArn ?? DEFAULT_BUS;
  const m = busArnRe.exec(name);
  if (m) {
    if (m[1] !== ctx.region || m[2] !== account)
      throw new AwsError('ResourceNotFoundException', `Event bus ${m[3]} does not exist.`);
    name = m[3] as string;
  }
  const bus = ctx.state.eventbridge.bus(account, ctx.region, name);
  if (!bus) throw new AwsError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
  return bus;
}

/** Offset pages with opaque tokens; a token that is not one of ours is refused as AWS does. */
function page<T>(items: T[], prefix: string, token: string | undefined, limit: number | undefined) {
  const { page: slice, next } = offsetPage(
    items,
    token,
    limit ?? 100,
    prefix,
    () => new AwsError('ValidationException', 'The NextToken provided is not valid.'),
  );
  return { slice, nextToken: next };
}

const limit = z.number().int().min(1).max(100).optional();
const nextToken = z.string().min(1).max(2048).optional();
const namePrefix = z.string().min(1).max(256).optional();

const listEventBuses = defineOperation({
  name: 'ListEventBuses',
  input: z.object({ NamePrefix: namePrefix, NextToken: nextToken, Limit: limit }),
  handle(ctx, input) {
    const buses = ctx.state.eventbridge
      .busList(ctx.caller.accountId, ctx.region)
      .filter((b) => input.NamePrefix === undefined || b.name.startsWith(input.NamePrefix));
    const { slice, nextToken } = page(buses, 'leb', input.NextToken, input.Limit);
    return {
      EventBuses: slice.map((b) => ({
        Name: b.name,
        Arn: b.arn,
        ...(b.description ? { Description: b.description } : {}),
        ...(b.policy === undefined ? {} : { Policy: JSON.stringify(b.policy) }),
        CreationTime: b.createdAt / 1000,
        LastModifiedTime: b.createdAt / 1000,
      })),
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
  },
});

const ruleOut = (r: SimRule) => ({
  Name: r.name,
  Arn: r.arn,
  State: r.state,
  EventBusName: r.bus,
  ...(r.eventPattern === undefined ? {} : { EventPattern: JSON.stringify(r.eventPattern) }),
  ...(r.scheduleExpression ? { ScheduleExpression: r.scheduleExpression } : {}),
  ...(r.description ? { Description: r.description } : {}),
});

const listRules = defineOperation({
  name: 'ListRules',
  input: z.object({
    NamePrefix: namePrefix,
    EventBusName: z.string().min(1).max(1600).optional(),
    NextToken: nextToken,
    Limit: limit,
  }),
  target: (input) => ({ resource: input.EventBusName ?? DEFAULT_BUS }),
  handle(ctx, input) {
    const bus = busOf(ctx, input.EventBusName);
    const rules = ctx.state.eventbridge
      .rulesOn(ctx.caller.accountId, ctx.region, bus.name)
      .filter((r) => input.NamePrefix === undefined || r.name.startsWith(input.NamePrefix));
    const { slice, nextToken } = page(rules, 'lr', input.NextToken, input.Limit);
    return { Rules: slice.map(ruleOut), ...(nextToken ? { NextToken: nextToken } : {}) };
  },
});

const targetOut = (t: SimTargetSpec) => ({
  Id: t.id,
  Arn: t.arn,
  ...(t.roleArn ? { RoleArn: t.roleArn } : {}),
  ...(t.deadLetterArn ? { DeadLetterConfig: { Arn: t.deadLetterArn } } : {}),
  ...(t.retryPolicy
    ? {
        RetryPolicy: {
          ...(t.retryPolicy.maximumRetryAttempts === undefined
            ? {}
            : { MaximumRetryAttempts: t.retryPolicy.maximumRetryAttempts }),
          ...(t.retryPolicy.maximumEventAgeSeconds === undefined
            ? {}
            : { MaximumEventAgeInSeconds: t.retryPolicy.maximumEventAgeSeconds }),
        },
      }
    : {}),
  ...(t.inputTransformer
    ? {
        InputTransformer: {
          InputTemplate: t.inputTransformer.inputTemplate,
          ...(t.inputTransformer.inputPathsMap ? { InputPathsMap: t.inputTransformer.inputPathsMap } : {}),
        },
      }
    : {}),
});

const listTargetsByRule = defineOperation({
  name: 'ListTargetsByRule',
  input: z.object({
    Rule: z.string().min(1).max(64),
    EventBusName: z.string().min(1).max(1600).optional(),
    NextToken: nextToken,
    Limit: limit,
  }),
  target: (input, ctx) => {
    const bus = input.EventBusName ?? DEFAULT_BUS;
    const path = bus === DEFAULT_BUS ? input.Rule : `${bus}/${input.Rule}`;
    return { resource: `arn:aws:events:${ctx.region}:${ctx.caller.accountId}:rule/${path}` };
  },
  handle(ctx, input) {
    const bus = busOf(ctx, input.EventBusName);
    const rule = ctx.state.eventbridge.rule(ctx.caller.accountId, ctx.region, bus.name, input.Rule);
    if (!rule)
      throw new AwsError(
        'ResourceNotFoundException',
        `Rule ${input.Rule} does not exist on EventBus ${bus.name}.`,
      );
    const { slice, nextToken } = page(rule.targets, 'lt', input.NextToken, input.Limit);
    return { Targets: slice.map(targetOut), ...(nextToken ? { NextToken: nextToken } : {}) };
  },
});

export const eventbridgeService: ServiceDefinition = {
  id: 'eventbridge',
  signingName: 'events',
  iamPrefix: 'events',
  protocol: 'awsJson1_1',
  targetPrefix: 'AWSEvents',
  validationErrorCode: 'ValidationException',
  errors: {
    ThrottlingException: { status: 400 },
    AccessDeniedException: { status: 400 },
    ResourceNotFoundException: { status: 400 },
    ValidationException: { status: 400 },
    InternalFailure: { code: 'InternalException', status: 500, server: true },
  },
  operations: [listEventBuses, listRules, listTargetsByRule],
};

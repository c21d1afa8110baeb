import {
  type EventBus,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  type Rule,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { type CollectorContext, mapLimit } from '../context.js';
import type { PolicyStatement } from '../snapshot.js';
import { parsePolicy } from './lambda.js';

export const LIST_EVENT_BUSES_PAGE = 100;
export const LIST_RULES_PAGE = 100;
export const LIST_TARGETS_PAGE = 100;
/** Per-bus calls of a clean scan (one page each). */
export const perEventBusActions = ['events:ListRules'] as const;
/** Per-rule calls of a clean scan (one page each). */
export const perRuleActions = ['events:ListTargetsByRule'] as const;

/** One event bus (`events:ListEventBuses`). */
export interface EventBridgeBus {
  /** `Name`: `default` for the account's default bus. */
  name: string;
  /** `Arn`. */
  arn: string;
  /** `Policy`, parsed; undefined when the bus has none. */
  policy?: PolicyStatement[];
}

/** One rule target (`events:ListTargetsByRule`). Input and input paths are not kept: they may carry data. */
export interface EventBridgeTarget {
  /** `Id`. */
  id: string;
  /** `Arn`: the function, queue, topic, state machine, bus or API destination. */
  arn: string;
  /** `RoleArn`. */
  roleArn?: string;
  /** `DeadLetterConfig.Arn`. */
  deadLetterArn?: string;
  /** `RetryPolicy`; undefined when the target uses the defaults (185 attempts, 86,400 s). */
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAgeSeconds?: number };
  /** Whether an `InputTransformer` reshapes the event. */
  inputTransformer: boolean;
}

/** One rule (`events:ListRules` per bus) with its targets. */
export interface EventBridgeRule {
  /** `Name`. */
  name: string;
  /** `Arn`. */
  arn: string;
  /** `EventBusName`. */
  bus: string;
  /** `State`: ENABLED, DISABLED or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS. */
  state: string;
  /** `ScheduleExpression`, for scheduled rules. */
  scheduleExpression?: string;
  /** `ManagedBy`: set when another AWS service owns the rule. */
  managedBy?: string;
  /** Undefined when `events:ListTargetsByRule` failed for this rule. */
  targets?: EventBridgeTarget[];
}

/** The eventbridge section of the snapshot. */
export interface EventBridgeInventory {
  buses: EventBridgeBus[];
  rules: EventBridgeRule[];
}

/**
 * Every event bus of the account and region, the rules on each and their targets. Undefined when
 * the bus list could not be read; a bus whose rules could not be listed contributes no rules.
 */
export async function collectEventBridge(
  ctx: CollectorContext,
  concurrency: number,
): Promise<EventBridgeInventory | undefined> {
  ctx.progress({ collector: 'eventbridge', state: 'start' });
  const events = ctx.clients.eventbridge(ctx.target);
  const buses: EventBridgeBus[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call('eventbridge', 'events:ListEventBuses', () =>
      events.send(new ListEventBusesCommand({ Limit: LIST_EVENT_BUSES_PAGE, NextToken: token })),
    );
    if (!page.ok) {
      ctx.progress({ collector: 'eventbridge', state: 'failed', message: page.error.message });
      return undefined;
    }
    buses.push(...(page.value.EventBuses ?? []).map(toBus));
    token = page.value.NextToken;
  } while (token);

  const perBus = await mapLimit(buses, concurrency, async (bus) => {
    const rules: Rule[] = [];
    let next: string | undefined;
    do {
      const page = await ctx.call(
        'eventbridge',
        'events:ListRules',
        () =>
          events.send(
            new ListRulesCommand({ EventBusName: bus.name, Limit: LIST_RULES_PAGE, NextToken: next }),
          ),
        { resource: bus.name },
      );
      if (!page.ok) return [];
      rules.push(...(page.value.Rules ?? []));
      next = page.value.NextToken;
    } while (next);
    return rules.map((r) => ({ rule: r, bus: bus.name }));
  });

  const rules = await mapLimit(perBus.flat(), concurrency, async ({ rule, bus }) => {
    const targets = await targetsOf(ctx, events, rule.Name ?? '', bus);
    return toRule(rule, bus, targets);
  });
  ctx.progress({ collector: 'eventbridge', state: 'done', items: rules.length });
  return { buses, rules };
}

async function targetsOf(
  ctx: CollectorContext,
  events: ReturnType<CollectorContext['clients']['eventbridge']>,
  rule: string,
  bus: string,
): Promise<EventBridgeTarget[] | undefined> {
  const targets: Target[] = [];
  let next: string | undefined;
  do {
    const page = await ctx.call(
      'eventbridge',
      'events:ListTargetsByRule',
      () =>
        events.send(
          new ListTargetsByRuleCommand({
            Rule: rule,
            EventBusName: bus,
            Limit: LIST_TARGETS_PAGE,
            NextToken: next,
          }),
        ),
      { resource: bus === 'default' ? rule : `${bus}/${rule}` },
    );
    if (!page.ok) return undefined;
    targets.push(...(page.value.Targets ?? []));
    next = page.value.NextToken;
  } while (next);
  return targets.map(toTarget);
}

export function toBus(b: EventBus): EventBridgeBus {
  const policy = b.Policy ? parsePolicy(b.Policy) : undefined;
  return { name: b.Name ?? '', arn: b.Arn ?? '', ...(policy ? { policy } : {}) };
}

export function toRule(r: Rule, bus: string, targets: EventBridgeTarget[] | undefined): EventBridgeRule {
  return {
    name: r.Name ?? '',
    arn: r.Arn ?? '',
    bus: r.EventBusName ?? bus,
    state: r.State ?? 'ENABLED',
    ...(r.ScheduleExpression ? { scheduleExpression: r.ScheduleExpression } : {}),
    ...(r.ManagedBy ? { managedBy: r.ManagedBy } : {}),
    ...(targets ? { targets } : {}),
  };
}

export function toTarget(t: Target): EventBridgeTarget {
  const retry = t.RetryPolicy;
  return {
    id: t.Id ?? '',
    arn: t.Arn ?? '',
    ...(t.RoleArn ? { roleArn: t.RoleArn } : {}),
    ...(t.DeadLetterConfig?.Arn ? { deadLetterArn: t.DeadLetterConfig.Arn } : {}),
    ...(retry
      ? {
          retryPolicy: {
            ...(retry.MaximumRetryAttempts === undefined
              ? {}
              : { maximumRetryAttempts: retry.MaximumRetryAttempts }),
            ...(retry.MaximumEventAgeInSeconds === undefined
              ? {}
              : { maximumEventAgeSeconds: retry.MaximumEventAgeInSeconds }),
          },
        }
      : {}),
    inputTransformer: t.InputTransformer !== undefined,
  };
}

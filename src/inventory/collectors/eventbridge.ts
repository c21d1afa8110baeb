import {
  type EventBus,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  type Rule,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { type CollectorContext, mapLimit } from '../context.js';
import { parsePolicy } from '../policy.js';
import type {
  EventBridgeBus,
  EventBridgeInventory,
  EventBridgeRule,
  EventBridgeTarget,
} from '../snapshot.js';

export const LIST_EVENT_BUSES_PAGE = 100;
export const LIST_RULES_PAGE = 100;
export const LIST_TARGETS_PAGE = 100;
/** Per-bus calls of a clean scan (one page each). */
export const perEventBusActions = ['events:ListRules'] as const;
/** Per-rule calls of a clean scan (one page each). */
export const perRuleActions = ['events:ListTargetsByRule'] as const;

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

import type {
  EventBridgeBus,
  EventBridgeRule,
  EventBridgeTarget,
  Snapshot,
} from '../../src/inventory/snapshot.js';
import { ACCOUNT, fnArn, queueArn, REGION, type SnapshotParts, snapshot } from './builders.js';

export function busArn(name: string): string {
  return `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;
}

export function ruleArn(name: string, bus = 'default'): string {
  return `arn:aws:events:${REGION}:${ACCOUNT}:rule/${bus === 'default' ? name : `${bus}/${name}`}`;
}

export function bus(over: Partial<EventBridgeBus> = {}): EventBridgeBus {
  const name = over.name ?? 'default';
  return { name, arn: busArn(name), ...over };
}

/** A target on the base snapshot's function, with a DLQ and a tuned retry policy. */
export function target(over: Partial<EventBridgeTarget> = {}): EventBridgeTarget {
  return {
    id: 'orders-api',
    arn: fnArn('orders-api'),
    deadLetterArn: queueArn('orders-events-dlq'),
    retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 },
    inputTransformer: false,
    ...over,
  };
}

export function rule(over: Partial<EventBridgeRule> = {}): EventBridgeRule {
  const name = over.name ?? 'nightly-report';
  const busName = over.bus ?? 'default';
  return {
    name,
    arn: ruleArn(name, busName),
    bus: busName,
    state: 'ENABLED',
    scheduleExpression: 'cron(0 2 * * ? *)',
    targets: [target()],
    ...over,
  };
}

/** The base snapshot with an eventbridge section; `null` leaves the section out (not collected). */
export function withEvents(
  events: { buses?: EventBridgeBus[]; rules?: EventBridgeRule[] } | null,
  parts: SnapshotParts = {},
): Snapshot {
  const base = snapshot(parts);
  if (events === null) return base;
  return { ...base, eventbridge: { buses: events.buses ?? [bus()], rules: events.rules ?? [] } };
}

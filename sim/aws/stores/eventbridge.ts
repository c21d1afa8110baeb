import type { Clock } from '../../clock.js';

export const DEFAULT_BUS = 'default';

export interface SimEventBusSpec {
  name: string;
  /** The resource policy document (serialised as JSON text on the wire); absent means none. */
  policy?: unknown;
  description?: string;
}

export interface SimEventBus {
  account: string;
  region: string;
  name: string;
  arn: string;
  policy: unknown;
  description: string | undefined;
  createdAt: number;
}

export interface SimTargetSpec {
  id: string;
  arn: string;
  roleArn?: string;
  /** `DeadLetterConfig.Arn`: an SQS queue ARN. */
  deadLetterArn?: string;
  /** Absent means EventBridge's defaults (185 attempts, 24 hours). */
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAgeSeconds?: number };
  inputTransformer?: { inputTemplate: string; inputPathsMap?: Record<string, string> };
}

export interface SimRuleSpec {
  name: string;
  /** Bus name; the account's default bus when absent. */
  bus?: string;
  state?: 'ENABLED' | 'DISABLED';
  scheduleExpression?: string;
  /** Event pattern document (serialised as JSON text on the wire). */
  eventPattern?: unknown;
  description?: string;
  targets?: SimTargetSpec[];
}

export interface SimRule {
  account: string;
  region: string;
  bus: string;
  name: string;
  arn: string;
  state: 'ENABLED' | 'DISABLED';
  scheduleExpression: string | undefined;
  eventPattern: unknown;
  description: string | undefined;
  targets: SimTargetSpec[];
}

/**
 * The simulated account's EventBridge buses and rules, per account and region. Every account and
 * region has its `default` bus, as in AWS; custom buses are added.
 */
export class SimEventBridgeStore {
  private readonly buses = new Map<string, SimEventBus>();
  private readonly rules = new Map<string, SimRule>();

  constructor(readonly clock: Clock) {}

  addBus(account: string, region: string, spec: SimEventBusSpec): SimEventBus {
    const bus: SimEventBus = {
      account,
      region,
      name: spec.name,
      arn: `arn:aws:events:${region}:${account}:event-bus/${spec.name}`,
      policy: spec.policy,
      description: spec.description,
      createdAt: this.clock.now(),
    };
    this.buses.set(key(account, region, spec.name), bus);
    return bus;
  }

  /** A bus by name; the default bus always exists. */
  bus(account: string, region: string, name: string): SimEventBus | undefined {
    const found = this.buses.get(key(account, region, name));
    if (found || name !== DEFAULT_BUS) return found;
    return this.addBus(account, region, { name: DEFAULT_BUS });
  }

  /** The account's buses in the region, default first then by name. */
  busList(account: string, region: string): SimEventBus[] {
    this.bus(account, region, DEFAULT_BUS);
    return [...this.buses.values()]
      .filter((b) => b.account === account && b.region === region)
      .sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Adds (or replaces) a rule; its bus must exist (the default bus always does). */
  addRule(account: string, region: string, spec: SimRuleSpec): SimRule {
    const busName = spec.bus ?? DEFAULT_BUS;
    if (!this.bus(account, region, busName)) throw new Error(`no event bus ${busName}`);
    const path = busName === DEFAULT_BUS ? spec.name : `${busName}/${spec.name}`;
    const rule: SimRule = {
      account,
      region,
      bus: busName,
      name: spec.name,
      arn: `arn:aws:events:${region}:${account}:rule/${path}`,
      state: spec.state ?? 'ENABLED',
      scheduleExpression: spec.scheduleExpression,
      eventPattern: spec.eventPattern,
      description: spec.description,
      targets: [...(spec.targets ?? [])],
    };
    this.rules.set(`${key(account, region, busName)}/${spec.name}`, rule);
    return rule;
  }

  rule(account: string, region: string, bus: string, name: string): SimRule | undefined {
    return this.rules.get(`${key(account, region, bus)}/${name}`);
  }

  /** The rules on one bus, by name (the order ListRules pages in). */
  rulesOn(account: string, region: string, bus: string): SimRule[] {
    return [...this.rules.values()]
      .filter((r) => r.account === account && r.region === region && r.bus === bus)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

function key(account: string, region: string, name: string): string {
  return `${account}/${region}/${name}`;
}

function rank(bus: string): number {
  return bus === DEFAULT_BUS ? 0 : 1;
}

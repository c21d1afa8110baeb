import {
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import { ACCOUNT, clientConfig, OTHER_ACCOUNT, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let events: EventBridgeClient;

beforeEach(async () => {
  ({ sim } = await startTestSim());
  events = new EventBridgeClient(clientConfig(sim));
});

afterEach(async () => {
  events.destroy();
  await sim.close();
});

const busArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;
const openPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'open',
      Effect: 'Allow',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: busArn('partners'),
    },
  ],
};

describe('simulated EventBridge over the real SDK (JSON 1.1)', () => {
  it('lists the default bus first, custom buses with their policy, paging with Limit', async () => {
    const eb = sim.state.eventbridge;
    eb.addBus(ACCOUNT, REGION, { name: 'partners', policy: openPolicy });
    eb.addBus(ACCOUNT, REGION, { name: 'orders' });
    eb.addBus(OTHER_ACCOUNT, REGION, { name: 'elsewhere' });
    const all = await events.send(new ListEventBusesCommand({}));
    expect(all.EventBuses?.map((b) => b.Name)).toEqual(['default', 'orders', 'partners']);
    expect(all.EventBuses?.[0]?.Arn).toBe(busArn('default'));
    expect(all.EventBuses?.[1]?.Policy).toBeUndefined();
    expect(JSON.parse(all.EventBuses?.[2]?.Policy ?? '')).toEqual(openPolicy);
    expect(all.EventBuses?.[2]?.CreationTime).toBeInstanceOf(Date);

    const first = await events.send(new ListEventBusesCommand({ Limit: 2 }));
    expect(first.EventBuses?.map((b) => b.Name)).toEqual(['default', 'orders']);
    const second = await events.send(new ListEventBusesCommand({ Limit: 2, NextToken: first.NextToken }));
    expect(second.EventBuses?.map((b) => b.Name)).toEqual(['partners']);
    expect(second.NextToken).toBeUndefined();
    const prefixed = await events.send(new ListEventBusesCommand({ NamePrefix: 'p' }));
    expect(prefixed.EventBuses?.map((b) => b.Name)).toEqual(['partners']);
  });

  it('lists rules per bus (by name or ARN) and pages them', async () => {
    const eb = sim.state.eventbridge;
    eb.addBus(ACCOUNT, REGION, { name: 'orders' });
    eb.addRule(ACCOUNT, REGION, { name: 'nightly', scheduleExpression: 'cron(0 2 * * ? *)' });
    eb.addRule(ACCOUNT, REGION, { name: 'hourly', scheduleExpression: 'rate(1 hour)', state: 'DISABLED' });
    eb.addRule(ACCOUNT, REGION, { name: 'placed', bus: 'orders', eventPattern: { source: ['shop.orders'] } });
    const onDefault = await events.send(new ListRulesCommand({}));
    expect(onDefault.Rules?.map((r) => [r.Name, r.State])).toEqual([
      ['hourly', 'DISABLED'],
      ['nightly', 'ENABLED'],
    ]);
    expect(onDefault.Rules?.[1]).toMatchObject({
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/nightly`,
      ScheduleExpression: 'cron(0 2 * * ? *)',
      EventBusName: 'default',
    });
    const onOrders = await events.send(new ListRulesCommand({ EventBusName: busArn('orders') }));
    expect(onOrders.Rules?.[0]).toMatchObject({
      Name: 'placed',
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders/placed`,
      EventBusName: 'orders',
    });
    expect(JSON.parse(onOrders.Rules?.[0]?.EventPattern ?? '')).toEqual({ source: ['shop.orders'] });

    const first = await events.send(new ListRulesCommand({ Limit: 1 }));
    expect(first.Rules?.map((r) => r.Name)).toEqual(['hourly']);
    const second = await events.send(new ListRulesCommand({ Limit: 1, NextToken: first.NextToken }));
    expect(second.Rules?.map((r) => r.Name)).toEqual(['nightly']);
    expect(second.NextToken).toBeUndefined();
    const bad = await rejectionOf(events.send(new ListRulesCommand({ NextToken: 'x' })));
    expect(bad.name).toBe('ValidationException');
  });

  it('lists targets with DLQ, retry policy, role and input transformer, paging with Limit', async () => {
    sim.state.eventbridge.addRule(ACCOUNT, REGION, {
      name: 'nightly',
      scheduleExpression: 'cron(0 2 * * ? *)',
      targets: [
        {
          id: 'reconciler',
          arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ledger-reconciler`,
          deadLetterArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:events-dlq`,
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3600 },
          inputTransformer: { inputTemplate: '{"day": <time>}', inputPathsMap: { time: '$.time' } },
        },
        {
          id: 'flow',
          arn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:close-day`,
          roleArn: `arn:aws:iam::${ACCOUNT}:role/events-start-flow`,
        },
      ],
    });
    const all = await events.send(new ListTargetsByRuleCommand({ Rule: 'nightly' }));
    expect(all.Targets?.[0]).toMatchObject({
      Id: 'reconciler',
      DeadLetterConfig: { Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:events-dlq` },
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
      InputTransformer: { InputTemplate: '{"day": <time>}', InputPathsMap: { time: '$.time' } },
    });
    expect(all.Targets?.[1]).toMatchObject({
      Id: 'flow',
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/events-start-flow`,
    });
    expect(all.Targets?.[1]?.DeadLetterConfig).toBeUndefined();
    expect(all.Targets?.[1]?.RetryPolicy).toBeUndefined();
    const first = await events.send(new ListTargetsByRuleCommand({ Rule: 'nightly', Limit: 1 }));
    expect(first.Targets?.map((t) => t.Id)).toEqual(['reconciler']);
    const second = await events.send(
      new ListTargetsByRuleCommand({ Rule: 'nightly', Limit: 1, NextToken: first.NextToken }),
    );
    expect(second.Targets?.map((t) => t.Id)).toEqual(['flow']);
  });

  it('answers ResourceNotFoundException for a missing bus or rule, and injected denials and throttling', async () => {
    const noBus = await rejectionOf(events.send(new ListRulesCommand({ EventBusName: 'nope' })));
    expect(noBus.name).toBe('ResourceNotFoundException');
    expect(noBus.message).toBe('Event bus nope does not exist.');
    const noRule = await rejectionOf(events.send(new ListTargetsByRuleCommand({ Rule: 'nope' })));
    expect(noRule.name).toBe('ResourceNotFoundException');
    expect(noRule.message).toBe('Rule nope does not exist on EventBus default.');
    sim.state.eventbridge.addBus(OTHER_ACCOUNT, REGION, { name: 'theirs' });
    const foreign = await rejectionOf(
      events.send(
        new ListRulesCommand({ EventBusName: `arn:aws:events:${REGION}:${OTHER_ACCOUNT}:event-bus/theirs` }),
      ),
    );
    expect(foreign.name).toBe('ResourceNotFoundException');

    sim.faults.add({ service: 'eventbridge', operation: 'ListRules', error: 'ThrottlingException' });
    const throttled = await rejectionOf(events.send(new ListRulesCommand({})));
    expect(throttled.name).toBe('ThrottlingException');
    sim.faults.clear();
    sim.faults.add({ service: 'eventbridge', operation: 'ListEventBuses', error: 'AccessDeniedException' });
    const denied = await rejectionOf(events.send(new ListEventBusesCommand({})));
    expect(denied.name).toBe('AccessDeniedException');
  });
});

import type { SimState } from '../state.js';

/**
 * The demo account's EventBridge buses and rules, compliant and not: a nightly schedule on
 * `ledger-reconciler` with a DLQ and a tuned retry policy, an hourly one on `archive-exporter`
 * with neither, a disabled rule, an enabled rule with no targets, and a custom bus
 * `partner-events` open to any principal whose rule targets a function that no longer exists
 * (next to an `orders` bus shared with one account only). Returns the buses' and rules' names.
 */
export function demoEventBridge(state: SimState, account: string, region: string): string[] {
  const eb = state.eventbridge;
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
  const fn = (name: string) => arn('lambda', `function:${name}`);

  const partners = eb.addBus(account, region, {
    name: 'partner-events',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'partners-put',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: arn('events', 'event-bus/partner-events'),
        },
      ],
    },
  });
  const orders = eb.addBus(account, region, {
    name: 'orders',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'fulfilment-put',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'events:PutEvents',
          Resource: arn('events', 'event-bus/orders'),
        },
      ],
    },
  });

  const rules = [
    eb.addRule(account, region, {
      name: 'ledger-reconcile-nightly',
      scheduleExpression: 'cron(15 2 * * ? *)',
      targets: [
        {
          id: 'ledger-reconciler',
          arn: fn('ledger-reconciler'),
          deadLetterArn: arn('sqs', 'ledger-stream-failures'),
          // A reconciliation more than an hour late is replaced by the next manual run.
          retryPolicy: { maximumRetryAttempts: 4, maximumEventAgeSeconds: 3600 },
        },
      ],
    }),
    eb.addRule(account, region, {
      name: 'archive-export-hourly',
      scheduleExpression: 'rate(1 hour)',
      targets: [{ id: 'archive-exporter', arn: fn('archive-exporter') }],
    }),
    eb.addRule(account, region, {
      name: 'legacy-cleanup-weekly',
      state: 'DISABLED',
      scheduleExpression: 'cron(0 4 ? * SUN *)',
      targets: [{ id: 'legacy-cleanup', arn: fn('legacy-cleanup') }],
    }),
    eb.addRule(account, region, {
      name: 'order-placed-metrics',
      bus: orders.name,
      eventPattern: { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] },
    }),
    eb.addRule(account, region, {
      name: 'partner-order-received',
      bus: partners.name,
      eventPattern: { source: [{ prefix: 'partner.' }], 'detail-type': ['OrderReceived'] },
      targets: [
        {
          id: 'partner-ingest',
          arn: fn('partner-ingest'),
          deadLetterArn: arn('sqs', 'orders-events-dlq'),
          retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeSeconds: 7200 },
          inputTransformer: { inputTemplate: '{"order": <order>}', inputPathsMap: { order: '$.detail' } },
        },
      ],
    }),
  ];
  return [partners.name, orders.name, ...rules.map((r) => r.name)];
}

import { fnArn, statement } from './builders.js';
import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';
import { bus, rule, target, withEvents } from './eventbridge.builders.js';

const notCollected = withEvents(null);
const noRules = withEvents({ rules: [] });
const disabledOnly = withEvents({
  rules: [rule({ state: 'DISABLED', targets: [target({ deadLetterArn: undefined })] })],
});
const retryDefaults = { retryPolicy: undefined };

export const eventbridgeCases: CaseTable = {
  'eventbridge-target-dlq': [
    {
      name: 'every target has a DLQ; a disabled rule and an AWS-managed rule are not judged',
      snapshot: withEvents({
        rules: [
          rule(),
          rule({ name: 'old-job', state: 'DISABLED', targets: [target({ deadLetterArn: undefined })] }),
          rule({
            name: 'managed',
            managedBy: 'schemas.amazonaws.com',
            targets: [target({ deadLetterArn: undefined })],
          }),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'two targets of one rule without a DLQ',
      snapshot: withEvents({
        rules: [
          rule({
            name: 'order-placed',
            targets: [
              target({ id: 'a', deadLetterArn: undefined }),
              target({ id: 'b' }),
              target({ id: 'c', deadLetterArn: undefined }),
            ],
          }),
        ],
      }),
      expect: fails({ resourceName: 'order-placed', message: 'targets a, c without a dead-letter queue' }),
    },
    { name: 'only a disabled rule', snapshot: disabledOnly, expect: notApplicable(/no enabled/) },
    { name: 'no rules', snapshot: noRules, expect: notApplicable(/no enabled/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'eventbridge-target-retry': [
    {
      name: 'tuned policies, one changing only the attempts',
      snapshot: withEvents({
        rules: [
          rule(),
          rule({ name: 'sync', targets: [target({ retryPolicy: { maximumRetryAttempts: 5 } })] }),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'no policy, and a policy spelling out the defaults',
      snapshot: withEvents({
        rules: [
          rule({ name: 'export', targets: [target({ id: 'exporter', ...retryDefaults })] }),
          rule({
            name: 'explicit',
            targets: [
              target({ id: 'x', retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 } }),
            ],
          }),
        ],
      }),
      expect: fails(
        { resourceName: 'export', message: 'target exporter retry 185 times over 24 h (the defaults)' },
        { resourceName: 'explicit', message: 'target x retry 185 times over 24 h (the defaults)' },
      ),
    },
    { name: 'only a disabled rule', snapshot: disabledOnly, expect: notApplicable(/no enabled/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'eventbridge-rule-no-targets': [
    {
      name: 'targets everywhere; a disabled empty rule and one whose targets were not read are skipped',
      snapshot: withEvents({
        rules: [
          rule(),
          rule({ name: 'parked', state: 'DISABLED', targets: [] }),
          rule({ name: 'unread', targets: undefined }),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'an enabled rule without targets on a custom bus',
      snapshot: withEvents({ rules: [rule(), rule({ name: 'orders-metrics', bus: 'orders', targets: [] })] }),
      expect: fails({ resourceName: 'orders-metrics', message: 'enabled with no targets' }),
    },
    { name: 'no rules', snapshot: noRules, expect: notApplicable(/no enabled/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'eventbridge-bus-public': [
    {
      name: 'no policy, one account, and * scoped to the organization',
      snapshot: withEvents({
        buses: [
          bus(),
          bus({
            name: 'orders',
            policy: [statement({ principals: ['444455556666'], actions: ['events:PutEvents'] })],
          }),
          bus({
            name: 'org',
            policy: [
              statement({
                principals: ['*'],
                actions: ['events:PutEvents'],
                conditionKeys: ['aws:PrincipalOrgID'],
              }),
            ],
          }),
        ],
      }),
      expect: compliant,
    },
    {
      name: '* with no condition',
      snapshot: withEvents({
        buses: [
          bus(),
          bus({
            name: 'partner-events',
            policy: [statement({ principals: ['*'], actions: ['events:PutEvents'], conditionKeys: [] })],
          }),
        ],
      }),
      expect: fails({
        resourceName: 'partner-events',
        message: 'policy allows events:PutEvents to any principal without a condition',
      }),
    },
    { name: 'no buses', snapshot: withEvents({ buses: [] }), expect: notApplicable(/no EventBridge buses/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'eventbridge-target-lambda-missing': [
    {
      name: 'the function exists; another account, a queue and a disabled rule are not judged',
      snapshot: withEvents({
        rules: [
          rule(),
          rule({
            name: 'cross',
            targets: [target({ arn: 'arn:aws:lambda:eu-west-1:444455556666:function:theirs' })],
          }),
          rule({ name: 'to-queue', targets: [target({ arn: 'arn:aws:sqs:eu-west-1:111122223333:q' })] }),
          rule({ name: 'old', state: 'DISABLED', targets: [target({ arn: fnArn('gone') })] }),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'a target on a deleted function, with an alias qualifier',
      snapshot: withEvents({
        rules: [
          rule({
            name: 'partner-orders',
            targets: [target(), target({ id: 'gone', arn: `${fnArn('partner-ingest')}:live` })],
          }),
        ],
      }),
      expect: fails({ resourceName: 'partner-orders', message: 'targets missing function partner-ingest' }),
    },
    {
      name: 'only non-Lambda targets',
      snapshot: withEvents({
        rules: [rule({ targets: [target({ arn: 'arn:aws:sqs:eu-west-1:111122223333:q' })] })],
      }),
      expect: notApplicable(/no enabled EventBridge rule targets a Lambda/),
    },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],
};

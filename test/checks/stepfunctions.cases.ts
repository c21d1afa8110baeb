import { alarmOn, DAY, lambdaTask, NOW, snapshot, stateMachine, stateMachineArn } from './builders.js';
import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';
import { withMetrics } from './service-metrics.builders.js';

const withMachines = (...stateMachines: ReturnType<typeof stateMachine>[]) => snapshot({ stateMachines });
const noMachines = snapshot({ stateMachines: [] });
const notCollected = snapshot({ stateMachines: null });
const express = (over: Parameters<typeof stateMachine>[0] = {}) =>
  stateMachine({ name: 'clicks-express', type: 'EXPRESS', ...over });
const defined = (name: string, definition: unknown) => stateMachine({ name, definition });

export const stepfunctionsCases: CaseTable = {
  'stepfunctions-logging': [
    {
      name: 'ERROR logging, and an Express machine left to its own check',
      snapshot: withMachines(
        stateMachine(),
        express({ logging: { level: 'OFF', includeExecutionData: false } }),
      ),
      expect: compliant,
    },
    {
      name: 'logging OFF',
      snapshot: withMachines(stateMachine({ logging: { level: 'OFF', includeExecutionData: false } })),
      expect: fails({ resourceName: 'order-flow', message: 'execution logging is OFF' }),
    },
    {
      name: 'only Express machines',
      snapshot: withMachines(express()),
      expect: notApplicable(/no Standard/),
    },
    { name: 'no machines', snapshot: noMachines, expect: notApplicable(/no Step Functions/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'stepfunctions-express-no-logs': [
    {
      name: 'Express with ALL logging',
      snapshot: withMachines(express({ logging: { level: 'ALL', includeExecutionData: true } })),
      expect: compliant,
    },
    {
      name: 'Express with logging OFF',
      snapshot: withMachines(express({ logging: { level: 'OFF', includeExecutionData: false } })),
      expect: fails({
        resourceName: 'clicks-express',
        message: 'Express workflow with logging OFF: executions leave no record',
      }),
    },
    {
      name: 'only Standard machines',
      snapshot: withMachines(stateMachine()),
      expect: notApplicable(/no Express/),
    },
  ],

  'stepfunctions-xray': [
    { name: 'tracing on', snapshot: withMachines(stateMachine()), expect: compliant },
    {
      name: 'tracing off',
      snapshot: withMachines(stateMachine({ tracingEnabled: false })),
      expect: fails({ resourceName: 'order-flow', message: 'X-Ray tracing is off' }),
    },
    { name: 'no machines', snapshot: noMachines, expect: notApplicable() },
  ],

  'stepfunctions-task-retry': [
    {
      name: 'Lambda task retrying transient errors; Pass, Choice and Fail need none',
      snapshot: withMachines(
        defined('a', {
          StartAt: 'P',
          States: {
            P: { Type: 'Pass', Next: 'C' },
            C: { Type: 'Choice', Choices: [], Default: 'T' },
            T: lambdaTask({ Retry: [{ ErrorEquals: ['States.ALL'] }] }),
            Failed: { Type: 'Fail' },
          },
        }),
      ),
      expect: compliant,
    },
    {
      name: 'a task without Retry nested in a Map, and a Lambda task retrying only its own errors',
      snapshot: withMachines(
        defined('batch', {
          StartAt: 'Each',
          States: {
            Each: {
              Type: 'Map',
              Retry: [{ ErrorEquals: ['States.ALL'] }],
              Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
              ItemProcessor: {
                StartAt: 'Put',
                States: {
                  Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true },
                },
              },
              Next: 'Score',
            },
            Score: lambdaTask({ Retry: [{ ErrorEquals: ['ScoreError'] }] }),
            Done: { Type: 'Succeed' },
          },
        }),
      ),
      expect: fails({
        resourceName: 'batch',
        message: 'no Retry on Put; Lambda transient errors not retried on Score',
      }),
    },
    { name: 'no machines', snapshot: noMachines, expect: notApplicable() },
    {
      name: 'definition not parsed',
      snapshot: withMachines(stateMachine({ definition: undefined })),
      expect: notAssessed(/could be parsed/),
    },
  ],

  'stepfunctions-task-catch': [
    { name: 'every task catches', snapshot: withMachines(stateMachine()), expect: compliant },
    {
      name: 'Parallel branch task without Catch',
      snapshot: withMachines(
        defined('fanout', {
          StartAt: 'Both',
          States: {
            Both: {
              Type: 'Parallel',
              Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
              Branches: [
                { StartAt: 'A', States: { A: lambdaTask({ Catch: undefined }) } },
                { StartAt: 'B', States: { B: lambdaTask() } },
              ],
              End: true,
            },
            Failed: { Type: 'Fail' },
          },
        }),
      ),
      expect: fails({ resourceName: 'fanout', message: 'no Catch on A' }),
    },
    { name: 'no machines', snapshot: noMachines, expect: notApplicable() },
  ],

  'stepfunctions-execution-timeout': [
    {
      name: 'TimeoutSeconds set; an Express machine is bounded anyway',
      snapshot: withMachines(
        stateMachine(),
        express({ definition: { StartAt: 'T', States: { T: lambdaTask() } } }),
      ),
      expect: compliant,
    },
    {
      name: 'no TimeoutSeconds',
      snapshot: withMachines(defined('forever', { StartAt: 'T', States: { T: lambdaTask() } })),
      expect: fails({ resourceName: 'forever', message: 'no top-level TimeoutSeconds' }),
    },
    {
      name: 'only Express machines',
      snapshot: withMachines(express()),
      expect: notApplicable(/no Standard/),
    },
  ],
  'stepfunctions-logging-all': [
    {
      name: 'ALL with execution data; a machine with logging OFF is left to the logging checks',
      snapshot: withMachines(
        stateMachine({ logging: { level: 'ALL', includeExecutionData: true } }),
        stateMachine({ name: 'quiet', logging: { level: 'OFF', includeExecutionData: false } }),
      ),
      expect: compliant,
    },
    {
      name: 'ERROR level, and ALL without execution data',
      snapshot: withMachines(
        stateMachine({ logging: { level: 'ERROR', includeExecutionData: true } }),
        express({ logging: { level: 'ALL', includeExecutionData: false } }),
      ),
      expect: fails(
        { resourceName: 'order-flow', message: 'logging level ERROR, not ALL' },
        { resourceName: 'clicks-express', message: 'execution data not included' },
      ),
    },
    {
      name: 'FATAL without data names both gaps',
      snapshot: withMachines(stateMachine({ logging: { level: 'FATAL', includeExecutionData: false } })),
      expect: fails({
        resourceName: 'order-flow',
        message: 'logging level FATAL, not ALL; execution data not included',
      }),
    },
    {
      name: 'logging OFF everywhere',
      snapshot: withMachines(stateMachine({ logging: { level: 'OFF', includeExecutionData: false } })),
      expect: notApplicable(/logging on/),
    },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'stepfunctions-cmk': [
    {
      name: 'customer managed key',
      snapshot: withMachines(
        stateMachine({
          encryptionType: 'CUSTOMER_MANAGED_KMS_KEY',
          kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        }),
      ),
      expect: compliant,
    },
    {
      name: 'AWS owned key',
      snapshot: withMachines(stateMachine()),
      expect: fails({
        resourceName: 'order-flow',
        message: 'encrypted with AWS_OWNED_KEY, not a customer managed key',
      }),
    },
    { name: 'no machines', snapshot: noMachines, expect: notApplicable(/no Step Functions/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed() },
  ],

  'stepfunctions-secrets-in-definition': [
    {
      name: 'secret read from Secrets Manager, paths and ARNs only',
      snapshot: withMachines(
        defined('webhook', {
          StartAt: 'GetKey',
          States: {
            GetKey: {
              Type: 'Task',
              Resource: 'arn:aws:states:::aws-sdk:secretsmanager:getSecretValue',
              Parameters: { SecretId: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:stripe' },
              Next: 'Call',
            },
            Call: {
              Type: 'Task',
              Resource: 'arn:aws:states:::http:invoke',
              Parameters: {
                ApiEndpoint: 'https://api.example.com/charge',
                Method: 'POST',
                Headers: { 'Authorization.$': "States.Format('Bearer {}', $.SecretString)" },
                Authentication: {
                  ConnectionArn: 'arn:aws:events:eu-west-1:111122223333:connection/stripe/abc',
                },
              },
              End: true,
            },
          },
        }),
      ),
      expect: compliant,
    },
    {
      name: 'an API key in a nested Map task and a password in a Pass result',
      snapshot: withMachines(
        defined('leaky', {
          StartAt: 'Seed',
          States: {
            Seed: { Type: 'Pass', Result: { db: { password: 'hunter2-prod' } }, Next: 'Each' },
            Each: {
              Type: 'Map',
              ItemProcessor: {
                StartAt: 'Call',
                States: {
                  Call: {
                    Type: 'Task',
                    Resource: 'arn:aws:states:::http:invoke',
                    Parameters: { Headers: { 'x-api-key': 'AKIAIOSFODNN7EXAMPLE' } },
                    End: true,
                  },
                },
              },
              End: true,
            },
          },
        }),
      ),
      expect: fails({
        resourceName: 'leaky',
        message: '2 fields look like secrets: Seed.Result.db.password, Call.Parameters.Headers.x-api-key',
      }),
    },
    { name: 'no machines', snapshot: noMachines, expect: notApplicable() },
    {
      name: 'definition not parsed',
      snapshot: withMachines(stateMachine({ definition: undefined })),
      expect: notAssessed(/could be parsed/),
    },
  ],

  'stepfunctions-task-timeout': [
    {
      name: 'callback task with timeout and heartbeat, activity with paths',
      snapshot: withMachines(
        defined('approval', {
          StartAt: 'Ask',
          States: {
            Ask: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
              TimeoutSeconds: 86_400,
              HeartbeatSeconds: 3600,
              Next: 'Work',
            },
            Work: {
              Type: 'Task',
              Resource: 'arn:aws:states:eu-west-1:111122223333:activity:render',
              TimeoutSecondsPath: '$.timeout',
              HeartbeatSecondsPath: '$.heartbeat',
              End: true,
            },
          },
        }),
      ),
      expect: compliant,
    },
    {
      name: 'callback in a Parallel branch without heartbeat, activity without either',
      snapshot: withMachines(
        defined('approval', {
          StartAt: 'Both',
          States: {
            Both: {
              Type: 'Parallel',
              Branches: [
                {
                  StartAt: 'Ask',
                  States: {
                    Ask: {
                      Type: 'Task',
                      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                      TimeoutSeconds: 600,
                      End: true,
                    },
                  },
                },
                {
                  StartAt: 'Work',
                  States: {
                    Work: {
                      Type: 'Task',
                      Resource: 'arn:aws:states:eu-west-1:111122223333:activity:render',
                      End: true,
                    },
                  },
                },
              ],
              End: true,
            },
          },
        }),
      ),
      expect: fails({
        resourceName: 'approval',
        message:
          'waits without a bound: Ask (no HeartbeatSeconds), Work (no TimeoutSeconds or HeartbeatSeconds)',
      }),
    },
    {
      name: 'only request-response tasks',
      snapshot: withMachines(stateMachine()),
      expect: notApplicable(/no callback or activity/),
    },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed() },
  ],

  'stepfunctions-choice-default': [
    {
      name: 'Choice with Default',
      snapshot: withMachines(
        defined('router', {
          StartAt: 'Route',
          States: {
            Route: {
              Type: 'Choice',
              Choices: [{ Variable: '$.kind', StringEquals: 'refund', Next: 'Done' }],
              Default: 'Done',
            },
            Done: { Type: 'Succeed' },
          },
        }),
      ),
      expect: compliant,
    },
    {
      name: 'Choice without Default inside a Map iterator',
      snapshot: withMachines(
        defined('router', {
          StartAt: 'Each',
          States: {
            Each: {
              Type: 'Map',
              MaxConcurrency: 5,
              Iterator: {
                StartAt: 'Route',
                States: {
                  Route: {
                    Type: 'Choice',
                    Choices: [{ Variable: '$.kind', StringEquals: 'refund', Next: 'Done' }],
                  },
                  Done: { Type: 'Succeed' },
                },
              },
              End: true,
            },
          },
        }),
      ),
      expect: fails({ resourceName: 'router', message: 'no Default on Route' }),
    },
    { name: 'no Choice states', snapshot: withMachines(stateMachine()), expect: notApplicable(/no Choice/) },
    {
      name: 'definition not parsed',
      snapshot: withMachines(stateMachine({ definition: undefined })),
      expect: notAssessed(/could be parsed/),
    },
  ],

  'stepfunctions-map-concurrency': [
    {
      name: 'bounded by a number and by a path',
      snapshot: withMachines(
        defined('batch', {
          StartAt: 'A',
          States: {
            A: {
              Type: 'Map',
              MaxConcurrency: 10,
              ItemProcessor: { StartAt: 'T', States: { T: lambdaTask() } },
              Next: 'B',
            },
            B: {
              Type: 'Map',
              MaxConcurrencyPath: '$.limit',
              Iterator: { StartAt: 'T2', States: { T2: lambdaTask() } },
              End: true,
            },
          },
        }),
      ),
      expect: compliant,
    },
    {
      name: 'MaxConcurrency 0, and absent on a Map nested in a Parallel branch',
      snapshot: withMachines(
        defined('batch', {
          StartAt: 'A',
          States: {
            A: {
              Type: 'Map',
              MaxConcurrency: 0,
              ItemProcessor: { StartAt: 'T', States: { T: lambdaTask() } },
              Next: 'P',
            },
            P: {
              Type: 'Parallel',
              Branches: [
                {
                  StartAt: 'Inner',
                  States: {
                    Inner: {
                      Type: 'Map',
                      ItemProcessor: { StartAt: 'T3', States: { T3: lambdaTask() } },
                      End: true,
                    },
                  },
                },
              ],
              End: true,
            },
          },
        }),
      ),
      expect: fails({ resourceName: 'batch', message: 'unbounded concurrency on Map A, Inner' }),
    },
    { name: 'no Map states', snapshot: withMachines(stateMachine()), expect: notApplicable(/no Map/) },
    { name: 'no machines', snapshot: noMachines, expect: notApplicable(/no Step Functions/) },
  ],

  'stepfunctions-alarm': [
    {
      name: 'an alarm on ExecutionsFailed for this machine',
      snapshot: snapshot({
        stateMachines: [stateMachine()],
        alarms: [
          alarmOn('AWS/States', 'ExecutionsFailed', { StateMachineArn: stateMachineArn('order-flow') }),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'account-wide ExecutionsFailed alarm',
      snapshot: snapshot({
        stateMachines: [stateMachine(), express()],
        alarms: [alarmOn('AWS/States', 'ExecutionsFailed', {})],
      }),
      expect: compliant,
    },
    {
      name: 'alarm on another machine, and only on timeouts for this one',
      snapshot: snapshot({
        stateMachines: [stateMachine()],
        alarms: [
          alarmOn('AWS/States', 'ExecutionsFailed', { StateMachineArn: stateMachineArn('other') }),
          alarmOn('AWS/States', 'ExecutionsTimedOut', { StateMachineArn: stateMachineArn('order-flow') }),
        ],
      }),
      expect: fails({ resourceName: 'order-flow', message: 'no alarm on ExecutionsFailed' }),
    },
    { name: 'no machines', snapshot: noMachines, expect: notApplicable() },
    {
      name: 'alarms not collected',
      snapshot: snapshot({ stateMachines: [stateMachine()], alarms: null }),
      expect: notAssessed(/alarms were not collected/),
    },
  ],

  'stepfunctions-express-duration': [
    {
      name: 'Express with a 30 s Wait and a 60 s task timeout; a Standard machine waiting a day',
      snapshot: withMachines(
        express({
          definition: {
            StartAt: 'Pause',
            States: {
              Pause: { Type: 'Wait', Seconds: 30, Next: 'T' },
              T: lambdaTask({ TimeoutSeconds: 60 }),
            },
          },
        }),
        defined('slow', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 86_400, End: true } } }),
      ),
      expect: compliant,
    },
    {
      name: 'a 10-minute Wait nested in a Map',
      snapshot: withMachines(
        express({
          definition: {
            StartAt: 'Each',
            States: {
              Each: {
                Type: 'Map',
                MaxConcurrency: 2,
                ItemProcessor: {
                  StartAt: 'Pause',
                  States: { Pause: { Type: 'Wait', Seconds: 600, End: true } },
                },
                End: true,
              },
            },
          },
        }),
      ),
      expect: fails({
        resourceName: 'clicks-express',
        message: 'not within the 300 s Express limit: Wait Pause 600 s',
        severity: 'high',
      }),
    },
    {
      name: 'timeouts that can never fire',
      snapshot: withMachines(
        express({
          definition: {
            StartAt: 'T',
            TimeoutSeconds: 3600,
            States: { T: lambdaTask({ TimeoutSeconds: 900 }) },
          },
        }),
      ),
      expect: fails({
        resourceName: 'clicks-express',
        message: 'not within the 300 s Express limit: workflow TimeoutSeconds 3600 s, T TimeoutSeconds 900 s',
        severity: 'medium',
      }),
    },
    {
      name: 'only Standard machines',
      snapshot: withMachines(stateMachine()),
      expect: notApplicable(/no Express/),
    },
    {
      name: 'Express definition not parsed',
      snapshot: withMachines(express({ definition: undefined })),
      expect: notAssessed(/could be parsed/),
    },
  ],

  'stepfunctions-executions-failing': [
    {
      name: 'a few failures under the rate, and a machine that never failed',
      snapshot: withMetrics(withMachines(stateMachine(), stateMachine({ name: 'refunds' })), {
        [stateMachineArn('order-flow')]: {
          ExecutionsStarted: 400,
          ExecutionsFailed: 3,
          ExecutionsTimedOut: 1,
        },
        [stateMachineArn('refunds')]: { ExecutionsStarted: 0, ExecutionsFailed: 0 },
      }),
      expect: compliant,
    },
    {
      name: 'failed, timed out and aborted over the rate',
      snapshot: withMetrics(withMachines(stateMachine()), {
        [stateMachineArn('order-flow')]: {
          ExecutionsStarted: 100,
          ExecutionsFailed: 8,
          ExecutionsTimedOut: 2,
          ExecutionsAborted: 1,
        },
      }),
      expect: fails({
        resourceName: 'order-flow',
        message: '11 of 100 executions failed, timed out or were aborted (11%) in 14 days',
      }),
    },
    {
      name: 'failures of executions started before the window',
      snapshot: withMetrics(withMachines(stateMachine()), {
        [stateMachineArn('order-flow')]: { ExecutionsStarted: 0, ExecutionsTimedOut: 2 },
      }),
      expect: fails({ resourceName: 'order-flow', message: /2 of 2 executions .* \(100%\)/ }),
    },
    {
      name: 'a higher threshold',
      snapshot: withMetrics(withMachines(stateMachine()), {
        [stateMachineArn('order-flow')]: { ExecutionsStarted: 100, ExecutionsFailed: 11 },
      }),
      thresholds: { stepfunctionsFailureRate: 0.2 },
      expect: compliant,
    },
    {
      name: 'no machines',
      snapshot: withMetrics(noMachines, {}),
      expect: notApplicable(/no Step Functions/),
    },
    {
      name: 'metrics not collected',
      snapshot: withMachines(stateMachine()),
      expect: notAssessed(/GetMetricData/),
    },
    {
      name: 'machine has no figures',
      snapshot: withMetrics(withMachines(stateMachine()), {}),
      expect: notAssessed(/no state machine has CloudWatch metrics/),
    },
    {
      name: 'machines not collected',
      snapshot: withMetrics(notCollected, {}),
      expect: notAssessed(/not collected/),
    },
  ],

  'stepfunctions-executions-throttled': [
    {
      name: 'no throttling',
      snapshot: withMetrics(withMachines(stateMachine()), {
        [stateMachineArn('order-flow')]: { ExecutionsStarted: 50, ExecutionThrottled: 0 },
      }),
      expect: compliant,
    },
    {
      name: 'throttled',
      snapshot: withMetrics(withMachines(stateMachine(), express()), {
        [stateMachineArn('order-flow')]: { ExecutionThrottled: 0 },
        [stateMachineArn('clicks-express')]: { ExecutionThrottled: 17 },
      }),
      expect: fails({ resourceName: 'clicks-express', message: '17 throttled execution events in 14 days' }),
    },
    { name: 'no machines', snapshot: withMetrics(noMachines, {}), expect: notApplicable() },
    {
      name: 'metrics not collected',
      snapshot: withMachines(stateMachine()),
      expect: notAssessed(/GetMetricData/),
    },
  ],

  'stepfunctions-unused': [
    {
      name: 'started, and a new machine not started yet',
      snapshot: withMetrics(
        withMachines(stateMachine(), stateMachine({ name: 'fresh', creationDate: NOW - 3 * DAY })),
        {
          [stateMachineArn('order-flow')]: { ExecutionsStarted: 12 },
          [stateMachineArn('fresh')]: { ExecutionsStarted: 0 },
        },
      ),
      expect: compliant,
    },
    {
      name: 'no executions, created long before the window',
      snapshot: withMetrics(withMachines(stateMachine()), {
        [stateMachineArn('order-flow')]: { ExecutionsStarted: 0 },
      }),
      expect: fails({
        resourceName: 'order-flow',
        message: 'no executions started in 14 days; created 2026-08-20',
      }),
    },
    { name: 'no machines', snapshot: withMetrics(noMachines, {}), expect: notApplicable() },
    {
      name: 'metrics not collected',
      snapshot: withMachines(stateMachine()),
      expect: notAssessed(/GetMetricData/),
    },
  ],
};

import { lambdaTask, snapshot, stateMachine } from './builders.js';
import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';

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
};

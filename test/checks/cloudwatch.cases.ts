import { alarm, alarmOn, DAY, fn, kinesisEsm, NOW, queue, snapshot, table, unavailable } from './builders.js';
import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';

const withAlarms = (...alarms: ReturnType<typeof alarm>[]) => snapshot({ alarms });
const notCollected = snapshot({ alarms: null });
const perFunction = (name: string, ...metrics: string[]) =>
  metrics.map((m) => alarmOn('AWS/Lambda', m, { FunctionName: name }));

/** Cases for the checks that read CloudWatch alarms: lambda-alarms, lambda-iterator-age-alarm and checks/cloudwatch. */
export const cloudwatchCases: CaseTable = {
  'lambda-alarms': [
    { name: 'account-wide Errors and Throttles alarms', snapshot: snapshot(), expect: compliant },
    {
      name: 'per-function alarms, one on an alias (extra Resource dimension)',
      snapshot: snapshot({
        alarms: [
          ...perFunction('orders-api', 'Errors'),
          alarmOn('AWS/Lambda', 'Throttles', { FunctionName: 'orders-api', Resource: 'orders-api:live' }),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'metric-math alarm reading both metrics',
      snapshot: snapshot({
        alarms: [
          alarm({
            name: 'orders-api-health',
            metrics: ['Errors', 'Throttles'].map((metricName) => ({
              namespace: 'AWS/Lambda',
              metricName,
              dimensions: { FunctionName: 'orders-api' },
            })),
          }),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'one alarm missing, none at all, and one for another function',
      snapshot: snapshot({
        functions: [fn({ name: 'a' }), fn({ name: 'b' }), fn({ name: 'c' })],
        alarms: [...perFunction('a', 'Errors'), ...perFunction('c', 'Errors', 'Throttles')],
      }),
      expect: fails(
        { resourceName: 'a', message: 'no alarm on Throttles' },
        { resourceName: 'b', message: 'no alarm on Errors or Throttles' },
      ),
    },
    {
      name: 'an alarm on another namespace does not count',
      snapshot: withAlarms(alarmOn('AWS/SQS', 'Errors', {}), alarmOn('AWS/Lambda', 'Throttles', {})),
      expect: fails({ resourceName: 'orders-api', message: 'no alarm on Errors' }),
    },
    {
      name: 'no functions',
      snapshot: snapshot({ functions: [] }),
      expect: notApplicable(/no Lambda functions/),
    },
    { name: 'alarms not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'lambda-iterator-age-alarm': [
    {
      name: 'per-function IteratorAge alarm',
      snapshot: snapshot({
        eventSourceMappings: [kinesisEsm()],
        alarms: perFunction('orders-api', 'IteratorAge'),
      }),
      expect: compliant,
    },
    {
      name: 'stream consumer without one (an SQS consumer needs none)',
      snapshot: snapshot({
        functions: [fn(), fn({ name: 'queue-worker' })],
        eventSourceMappings: [
          kinesisEsm(),
          kinesisEsm({ functionArn: fn({ name: 'queue-worker' }).arn, sourceType: 'sqs' }),
        ],
        alarms: perFunction('queue-worker', 'Errors', 'Throttles'),
      }),
      expect: fails({ resourceName: 'orders-api', message: 'no alarm on IteratorAge' }),
    },
    { name: 'no stream consumers', snapshot: snapshot(), expect: notApplicable(/no function consumes/) },
    {
      name: 'alarms not collected',
      snapshot: snapshot({ eventSourceMappings: [kinesisEsm()], alarms: null }),
      expect: notAssessed(/not collected/),
    },
  ],

  'cloudwatch-alarm-actions-enabled': [
    { name: 'actions enabled', snapshot: withAlarms(alarm()), expect: compliant },
    {
      name: 'actions disabled',
      snapshot: withAlarms(alarm(), alarm({ name: 'muted', actionsEnabled: false })),
      expect: fails({ resourceName: 'muted', message: 'alarm actions are disabled' }),
    },
    { name: 'no alarms', snapshot: withAlarms(), expect: notApplicable(/no CloudWatch metric alarms/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'cloudwatch-alarm-has-action': [
    { name: 'SNS action', snapshot: withAlarms(alarm()), expect: compliant },
    {
      name: 'only an OK action',
      snapshot: withAlarms(
        alarm({ name: 'silent', alarmActions: [], okActions: ['arn:aws:sns:eu-west-1:111122223333:ok'] }),
      ),
      expect: fails({ resourceName: 'silent', message: 'no action on the ALARM state' }),
    },
    { name: 'no alarms', snapshot: withAlarms(), expect: notApplicable() },
  ],

  'cloudwatch-alarm-insufficient-data': [
    {
      name: 'INSUFFICIENT_DATA for two days, and OK for a month',
      snapshot: withAlarms(
        alarm({ name: 'new', stateValue: 'INSUFFICIENT_DATA', stateUpdatedTimestamp: NOW - 2 * DAY }),
        alarm({ name: 'calm', stateValue: 'OK', stateUpdatedTimestamp: NOW - 30 * DAY }),
      ),
      expect: compliant,
    },
    {
      name: 'INSUFFICIENT_DATA for 40 days',
      snapshot: withAlarms(
        alarm({ name: 'stuck', stateValue: 'INSUFFICIENT_DATA', stateUpdatedTimestamp: NOW - 40 * DAY }),
      ),
      expect: fails({ resourceName: 'stuck', message: 'in INSUFFICIENT_DATA for 40 days' }),
    },
    { name: 'no alarms', snapshot: withAlarms(), expect: notApplicable() },
  ],

  'cloudwatch-alarm-orphaned': [
    {
      name: 'alarms on an existing function, queue and table, and account-wide',
      snapshot: snapshot({
        queues: [queue()],
        tables: [table()],
        alarms: [
          alarmOn('AWS/Lambda', 'Errors', { FunctionName: 'orders-api' }),
          alarmOn('AWS/SQS', 'ApproximateAgeOfOldestMessage', { QueueName: 'orders-queue' }),
          alarmOn('AWS/DynamoDB', 'ThrottledRequests', { TableName: table().name }),
          alarmOn('AWS/Lambda', 'Throttles', {}),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'a deleted function, queue and table',
      snapshot: snapshot({
        queues: [queue()],
        tables: [table()],
        alarms: [
          alarmOn('AWS/Lambda', 'Errors', { FunctionName: 'old-fn' }),
          alarmOn('AWS/SQS', 'ApproximateAgeOfOldestMessage', { QueueName: 'old-queue' }),
          alarmOn('AWS/DynamoDB', 'ThrottledRequests', { TableName: 'old-table' }),
        ],
      }),
      expect: fails(
        { resourceName: 'old-fn-Errors', message: 'watches FunctionName old-fn, which does not exist' },
        {
          resourceName: 'old-queue-ApproximateAgeOfOldestMessage',
          message: 'watches QueueName old-queue, which does not exist',
        },
        {
          resourceName: 'old-table-ThrottledRequests',
          message: 'watches TableName old-table, which does not exist',
        },
      ),
    },
    {
      name: 'queues not collected, or listed incompletely: their alarms are not judged',
      snapshot: snapshot({
        queues: null,
        tables: [],
        unavailable: [
          unavailable({ service: 'dynamodb', action: 'dynamodb:DescribeTable', resources: ['x'] }),
        ],
        alarms: [
          alarmOn('AWS/SQS', 'ApproximateAgeOfOldestMessage', { QueueName: 'old-queue' }),
          alarmOn('AWS/DynamoDB', 'ThrottledRequests', { TableName: 'x' }),
        ],
      }),
      expect: compliant,
    },
    { name: 'no alarms', snapshot: withAlarms(), expect: notApplicable() },
  ],
};

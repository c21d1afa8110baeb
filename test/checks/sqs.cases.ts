import { dlq, esm, fn, queue, queueArn, snapshot, statement } from './builders.js';
import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';

const withQueues = (...queues: ReturnType<typeof queue>[]) => snapshot({ queues });
const noQueues = snapshot({ queues: [] });
const notCollected = snapshot({ queues: null });
const source = queue();

export const sqsCases: CaseTable = {
  'sqs-sse': [
    { name: 'KMS key', snapshot: withQueues(queue()), expect: compliant },
    {
      name: 'SQS-managed encryption',
      snapshot: withQueues(queue({ kmsMasterKeyId: undefined, sqsManagedSseEnabled: true })),
      expect: compliant,
    },
    {
      name: 'neither',
      snapshot: withQueues(queue({ kmsMasterKeyId: undefined, sqsManagedSseEnabled: false })),
      expect: fails({ resourceName: 'orders-queue', message: 'server-side encryption is off' }),
    },
    { name: 'no queues', snapshot: noQueues, expect: notApplicable(/no SQS queues/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'sqs-cmk': [
    { name: 'customer managed key', snapshot: withQueues(queue()), expect: compliant },
    {
      name: 'AWS managed key and SQS-managed keys',
      snapshot: withQueues(
        queue({ name: 'a', kmsMasterKeyId: 'alias/aws/sqs' }),
        queue({ name: 'b', kmsMasterKeyId: undefined, sqsManagedSseEnabled: true }),
      ),
      expect: fails(
        { resourceName: 'a', message: 'encrypted with the AWS managed key alias/aws/sqs' },
        { resourceName: 'b', message: 'no KMS key' },
      ),
    },
    { name: 'no queues', snapshot: noQueues, expect: notApplicable() },
  ],

  'sqs-tls-only': [
    { name: 'Deny on aws:SecureTransport', snapshot: withQueues(queue()), expect: compliant },
    {
      name: 'no policy',
      snapshot: withQueues(queue({ policy: undefined, denyInsecureTransport: false })),
      expect: fails({ resourceName: 'orders-queue', message: 'no queue policy' }),
    },
    { name: 'no queues', snapshot: noQueues, expect: notApplicable() },
  ],

  'sqs-public-policy': [
    {
      name: 'star principal scoped by SourceArn',
      snapshot: withQueues(
        queue({
          policy: [
            statement({ principals: ['*'], actions: ['SQS:SendMessage'], conditionKeys: ['aws:SourceArn'] }),
          ],
        }),
      ),
      expect: compliant,
    },
    {
      name: 'open to anyone',
      snapshot: withQueues(
        queue({
          policy: [
            statement({
              principals: ['*'],
              actions: ['SQS:SendMessage', 'SQS:ReceiveMessage'],
              conditionKeys: [],
            }),
          ],
        }),
      ),
      expect: fails({
        resourceName: 'orders-queue',
        message: 'policy allows SQS:ReceiveMessage, SQS:SendMessage to any principal without a condition',
      }),
    },
    { name: 'no queues', snapshot: noQueues, expect: notApplicable() },
  ],

  'sqs-dlq-configured': [
    {
      name: 'source with DLQ, and the DLQ itself',
      snapshot: withQueues(source, dlq(source)),
      expect: compliant,
    },
    {
      name: 'no redrive policy',
      snapshot: withQueues(queue({ redrivePolicy: undefined })),
      expect: fails({ resourceName: 'orders-queue', message: 'no dead-letter queue (RedrivePolicy) set' }),
    },
    { name: 'only DLQs', snapshot: withQueues(dlq(source)), expect: notApplicable(/dead-letter/) },
    {
      name: "a Lambda function's DLQ needs none of its own",
      snapshot: snapshot({
        functions: [fn({ deadLetterTargetArn: queueArn('orders-queue') })],
        queues: [queue({ redrivePolicy: undefined })],
      }),
      expect: notApplicable(/dead-letter/),
    },
    { name: 'no queues', snapshot: noQueues, expect: notApplicable() },
  ],

  'sqs-max-receive-count': [
    { name: '5', snapshot: withQueues(queue()), expect: compliant },
    {
      name: '1 and 50',
      snapshot: withQueues(
        queue({ name: 'a', redrivePolicy: { deadLetterTargetArn: queueArn('d'), maxReceiveCount: 1 } }),
        queue({ name: 'b', redrivePolicy: { deadLetterTargetArn: queueArn('d'), maxReceiveCount: 50 } }),
      ),
      expect: fails(
        { resourceName: 'a', message: 'maxReceiveCount 1 is below the 3-20 range' },
        { resourceName: 'b', message: 'maxReceiveCount 50 is above the 3-20 range' },
      ),
    },
    {
      name: 'no redrive policies',
      snapshot: withQueues(queue({ redrivePolicy: undefined })),
      expect: notApplicable(/redrive/),
    },
    {
      name: '5 against a raised sqsMaxReceiveCountMin of 10',
      snapshot: withQueues(queue()),
      thresholds: { sqsMaxReceiveCountMin: 10 },
      expect: fails({ resourceName: 'orders-queue', message: 'maxReceiveCount 5 is below the 10-20 range' }),
    },
    {
      name: '50 within a raised sqsMaxReceiveCountMax of 100',
      snapshot: withQueues(
        queue({ redrivePolicy: { deadLetterTargetArn: queueArn('d'), maxReceiveCount: 50 } }),
      ),
      thresholds: { sqsMaxReceiveCountMax: 100 },
      expect: compliant,
    },
  ],

  'sqs-dlq-retention': [
    { name: '14 days against 4', snapshot: withQueues(source, dlq(source)), expect: compliant },
    {
      name: 'same retention',
      snapshot: withQueues(source, dlq(source, { messageRetentionSeconds: 4 * 86_400 })),
      expect: fails({
        resourceName: 'orders-dlq',
        message: 'keeps messages 4 days, not longer than its source orders-queue (4 days)',
      }),
    },
    {
      name: 'DLQ not in this account and region',
      snapshot: withQueues(source),
      expect: notApplicable(/dead-letter/),
    },
  ],

  'sqs-dlq-has-messages': [
    { name: 'empty DLQ', snapshot: withQueues(source, dlq(source)), expect: compliant },
    {
      name: '12 waiting',
      snapshot: withQueues(source, dlq(source, { approximateNumberOfMessages: 12 })),
      expect: fails({ resourceName: 'orders-dlq', message: '12 messages waiting' }),
    },
    { name: 'no DLQ', snapshot: withQueues(source), expect: notApplicable(/no dead-letter/) },
    {
      name: 'depth unknown',
      snapshot: withQueues(source, dlq(source, { approximateNumberOfMessages: undefined })),
      expect: notAssessed(/depths/),
    },
  ],

  'sqs-long-polling': [
    { name: '20 s wait', snapshot: withQueues(queue()), expect: compliant },
    {
      name: 'short polling, read by Lambda',
      snapshot: snapshot({
        queues: [queue({ name: 'orders-queue', receiveMessageWaitTimeSeconds: 0 }), queue({ name: 'other' })],
        eventSourceMappings: [esm()],
      }),
      expect: compliant,
    },
    {
      name: 'short polling, no Lambda consumer',
      snapshot: withQueues(queue({ receiveMessageWaitTimeSeconds: 0 })),
      expect: fails({
        resourceName: 'orders-queue',
        message: 'ReceiveMessageWaitTimeSeconds is 0 and no Lambda function reads the queue',
      }),
    },
    {
      name: 'every queue read by Lambda',
      snapshot: snapshot({ queues: [queue()], eventSourceMappings: [esm()] }),
      expect: notApplicable(/read by Lambda/),
    },
  ],

  'sqs-retention': [
    { name: 'four days', snapshot: withQueues(queue()), expect: compliant },
    {
      name: 'one hour',
      snapshot: withQueues(queue({ messageRetentionSeconds: 3600 })),
      expect: fails({ resourceName: 'orders-queue', message: 'retention 1 hour is below 4 days' }),
    },
    {
      name: 'four days against a sqsRetentionMinDays of 7',
      snapshot: withQueues(queue()),
      thresholds: { sqsRetentionMinDays: 7 },
      expect: fails({ resourceName: 'orders-queue', message: 'retention 96 hours is below 7 days' }),
    },
    { name: 'no queues', snapshot: noQueues, expect: notApplicable() },
  ],
};

import { kinesisEsm, unavailable } from './builders.js';
import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';
import { stream, streamArn, withStreams } from './kinesis.builders.js';
import { withMetrics } from './service-metrics.builders.js';

const noStreams = withStreams([]);
const notCollected = withStreams(null);

export const kinesisCases: CaseTable = {
  'kinesis-encryption': [
    {
      name: 'KMS with the AWS managed key, and with a customer managed key',
      snapshot: withStreams([
        stream(),
        stream({ name: 'orders', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k1' }),
      ]),
      expect: compliant,
    },
    {
      name: 'EncryptionType NONE',
      snapshot: withStreams([
        stream(),
        stream({ name: 'raw-events', encryptionType: 'NONE', kmsKeyId: undefined }),
      ]),
      expect: fails({ resourceName: 'raw-events', message: 'server-side encryption is off' }),
    },
    { name: 'no streams', snapshot: noStreams, expect: notApplicable(/no Kinesis/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'kinesis-retention': [
    {
      name: 'a week, and a year',
      snapshot: withStreams([stream(), stream({ name: 'audit', retentionHours: 8760 })]),
      expect: compliant,
    },
    {
      name: 'the 24-hour default',
      snapshot: withStreams([stream({ retentionHours: 24 })]),
      expect: fails({ resourceName: 'clicks', message: 'keeps records 24 h, below 168 h' }),
    },
    {
      name: 'a lower threshold accepts 48 hours',
      snapshot: withStreams([stream({ retentionHours: 48 })]),
      thresholds: { kinesisRetentionMinHours: 48 },
      expect: compliant,
    },
    {
      name: 'a higher threshold flags a week',
      snapshot: withStreams([stream()]),
      thresholds: { kinesisRetentionMinHours: 336 },
      expect: fails({ resourceName: 'clicks', message: 'keeps records 168 h, below 336 h' }),
    },
    { name: 'no streams', snapshot: noStreams, expect: notApplicable(/no Kinesis/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'kinesis-enhanced-monitoring': [
    {
      name: 'the three metrics, and ALL',
      snapshot: withStreams([stream(), stream({ name: 'orders', shardLevelMetrics: ['ALL'] })]),
      expect: compliant,
    },
    {
      name: 'off, and only throughput counters',
      snapshot: withStreams([
        stream({ shardLevelMetrics: [] }),
        stream({
          name: 'orders',
          shardLevelMetrics: ['IncomingBytes', 'WriteProvisionedThroughputExceeded'],
        }),
      ]),
      expect: fails(
        { resourceName: 'clicks', message: 'shard-level metrics are off' },
        {
          resourceName: 'orders',
          message: 'shard-level metrics lack IteratorAgeMilliseconds, ReadProvisionedThroughputExceeded',
        },
      ),
    },
    { name: 'no streams', snapshot: noStreams, expect: notApplicable(/no Kinesis/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
  ],

  'kinesis-no-consumers': [
    {
      name: 'an EFO consumer on one, a Lambda mapping (shared-throughput and EFO) on the others',
      snapshot: withStreams(
        [
          stream(),
          stream({ name: 'orders', consumerCount: 0 }),
          stream({ name: 'payments', consumerCount: 0 }),
        ],
        {
          eventSourceMappings: [
            kinesisEsm({ eventSourceArn: streamArn('orders') }),
            kinesisEsm({
              uuid: 'a1b2c3d4-0000-4000-8000-000000000002',
              eventSourceArn: `${streamArn('payments')}/consumer/lambda:1700000000`,
            }),
          ],
        },
      ),
      expect: compliant,
    },
    {
      name: 'no consumer and only a mapping on another stream',
      snapshot: withStreams([stream({ name: 'orphaned', consumerCount: 0 })], {
        eventSourceMappings: [kinesisEsm()],
      }),
      expect: fails({
        resourceName: 'orphaned',
        message: 'no Lambda event source mapping and no enhanced fan-out consumer',
      }),
    },
    { name: 'no streams', snapshot: noStreams, expect: notApplicable(/no Kinesis/) },
    { name: 'not collected', snapshot: notCollected, expect: notAssessed(/not collected/) },
    {
      name: 'mappings not collected',
      snapshot: withStreams([stream({ consumerCount: 0 })], {
        unavailable: [unavailable({ action: 'lambda:ListEventSourceMappings' })],
      }),
      expect: notAssessed(/mappings were not collected/),
    },
  ],

  'kinesis-throughput-exceeded': [
    {
      name: 'provisioned within capacity, and an on-demand stream left out',
      snapshot: withMetrics(withStreams([stream(), stream({ name: 'burst', mode: 'ON_DEMAND' })]), {
        [streamArn('clicks')]: {
          WriteProvisionedThroughputExceeded: 0,
          ReadProvisionedThroughputExceeded: 0,
        },
        [streamArn('burst')]: { WriteProvisionedThroughputExceeded: 50 },
      }),
      expect: compliant,
    },
    {
      name: 'writes and reads over capacity',
      snapshot: withMetrics(withStreams([stream(), stream({ name: 'orders', openShardCount: 1 })]), {
        [streamArn('clicks')]: {
          WriteProvisionedThroughputExceeded: 0,
          ReadProvisionedThroughputExceeded: 0,
        },
        [streamArn('orders')]: {
          WriteProvisionedThroughputExceeded: 120,
          ReadProvisionedThroughputExceeded: 7,
        },
      }),
      expect: fails({
        resourceName: 'orders',
        message: '120 writes and 7 reads over provisioned throughput in 14 days (1 shards)',
      }),
    },
    {
      name: 'only on-demand streams',
      snapshot: withMetrics(withStreams([stream({ mode: 'ON_DEMAND' })]), {}),
      expect: notApplicable(/no provisioned/),
    },
    { name: 'no streams', snapshot: withMetrics(noStreams, {}), expect: notApplicable() },
    {
      name: 'metrics not collected',
      snapshot: withStreams([stream()]),
      expect: notAssessed(/GetMetricData/),
    },
    {
      name: 'streams not collected',
      snapshot: withMetrics(notCollected, {}),
      expect: notAssessed(/not collected/),
    },
  ],
  'kinesis-iterator-age-high': [
    {
      name: 'readers keep up, and a stream Lambda reads is left to lambda-iterator-age-high',
      snapshot: withMetrics(
        withStreams([stream(), stream({ name: 'orders' })], { eventSourceMappings: [kinesisEsm()] }),
        {
          [streamArn('clicks')]: { 'GetRecords.IteratorAgeMilliseconds': 900_000 },
          [streamArn('orders')]: { 'GetRecords.IteratorAgeMilliseconds': 12_000 },
        },
      ),
      expect: compliant,
    },
    {
      name: 'readers four minutes behind',
      snapshot: withMetrics(withStreams([stream({ name: 'orders' })]), {
        [streamArn('orders')]: { 'GetRecords.IteratorAgeMilliseconds': 240_000 },
      }),
      expect: fails({
        resourceName: 'orders',
        message: 'GetRecords iterator age reached 240 s (limit 60 s) in 14 days',
      }),
    },
    {
      name: 'a raised limit',
      snapshot: withMetrics(withStreams([stream({ name: 'orders' })]), {
        [streamArn('orders')]: { 'GetRecords.IteratorAgeMilliseconds': 240_000 },
      }),
      thresholds: { iteratorAgeMaxMs: 300_000 },
      expect: compliant,
    },
    {
      name: 'every stream is read by Lambda',
      snapshot: withMetrics(withStreams([stream()], { eventSourceMappings: [kinesisEsm()] }), {}),
      expect: notApplicable(/read by a Lambda function/),
    },
    { name: 'no streams', snapshot: withMetrics(noStreams, {}), expect: notApplicable() },
    {
      name: 'metrics not collected',
      snapshot: withStreams([stream({ name: 'orders' })]),
      expect: notAssessed(/GetMetricData/),
    },
  ],
};

import { DAY, kinesisEsm, NOW, snapshot, table } from './builders.js';
import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';

const withTables = (...tables: ReturnType<typeof table>[]) => snapshot({ tables });
const noTables = snapshot({ tables: [] });
const GB = 1024 ** 3;

export const dynamodbCases: CaseTable = {
  'dynamodb-pitr': [
    { name: 'enabled', snapshot: withTables(table()), expect: compliant },
    {
      name: 'disabled',
      snapshot: withTables(table({ pointInTimeRecovery: false })),
      expect: fails({ resourceName: 'orders', message: 'point-in-time recovery is off' }),
    },
    { name: 'no tables', snapshot: noTables, expect: notApplicable(/no DynamoDB tables/) },
    {
      name: 'backups not collected',
      snapshot: withTables(table({ pointInTimeRecovery: undefined })),
      expect: notAssessed(/continuous backups/),
    },
    {
      name: 'tables not collected',
      snapshot: snapshot({ tables: null }),
      expect: notAssessed(/not collected/),
    },
  ],

  'dynamodb-deletion-protection': [
    { name: 'on', snapshot: withTables(table()), expect: compliant },
    {
      name: 'off',
      snapshot: withTables(table({ deletionProtection: false })),
      expect: fails({ resourceName: 'orders', message: 'deletion protection is off' }),
    },
    { name: 'no tables', snapshot: noTables, expect: notApplicable() },
  ],

  'dynamodb-encryption-cmk': [
    { name: 'KMS', snapshot: withTables(table()), expect: compliant },
    {
      name: 'AWS owned key',
      snapshot: withTables(table({ sseType: undefined, kmsKeyArn: undefined })),
      expect: fails({ resourceName: 'orders', message: 'encrypted with the AWS owned key' }),
    },
    { name: 'no tables', snapshot: noTables, expect: notApplicable() },
  ],

  'dynamodb-ttl': [
    { name: 'enabled', snapshot: withTables(table()), expect: compliant },
    {
      name: 'disabled',
      snapshot: withTables(table({ ttlStatus: 'DISABLED', ttlAttribute: undefined })),
      expect: fails({ resourceName: 'orders', message: 'time to live is not enabled' }),
    },
    { name: 'no tables', snapshot: noTables, expect: notApplicable() },
  ],

  'dynamodb-table-class': [
    {
      name: 'busy provisioned table with little data',
      snapshot: withTables(
        table({ billingMode: 'PROVISIONED', readCapacityUnits: 100, writeCapacityUnits: 50 }),
      ),
      expect: compliant,
    },
    {
      name: '500 GB behind 10/5 units',
      snapshot: withTables(
        table({
          billingMode: 'PROVISIONED',
          readCapacityUnits: 10,
          writeCapacityUnits: 5,
          sizeBytes: 500 * GB,
        }),
      ),
      expect: fails({
        resourceName: 'orders',
        message: /storage \(~\$125\/month\) outweighs provisioned throughput/,
      }),
    },
    { name: 'on-demand only', snapshot: withTables(table()), expect: notApplicable(/provisioned/) },
    {
      name: '500 GB behind 10/5 units with dynamodbInfrequentAccessStorageShare 50 (storage ~38x throughput)',
      snapshot: withTables(
        table({
          billingMode: 'PROVISIONED',
          readCapacityUnits: 10,
          writeCapacityUnits: 5,
          sizeBytes: 500 * GB,
        }),
      ),
      thresholds: { dynamodbInfrequentAccessStorageShare: 50 },
      expect: compliant,
    },
  ],

  'dynamodb-global-table-legacy': [
    {
      name: 'current version',
      snapshot: withTables(table({ globalTableVersion: '2019.11.21' })),
      expect: compliant,
    },
    {
      name: '2017 version',
      snapshot: withTables(table({ globalTableVersion: '2017.11.29' })),
      expect: fails({ resourceName: 'orders', message: 'global table version 2017.11.29' }),
    },
    { name: 'no global tables', snapshot: withTables(table()), expect: notApplicable(/global/) },
  ],

  'dynamodb-empty-stale': [
    { name: 'has items', snapshot: withTables(table()), expect: compliant },
    {
      name: 'empty for 100 days',
      snapshot: withTables(table({ itemCount: 0 })),
      expect: fails({ resourceName: 'orders', message: 'no items, created 100 days ago' }),
    },
    {
      name: 'new and empty',
      snapshot: withTables(table({ itemCount: 0, creationTime: NOW - 2 * DAY })),
      expect: notApplicable(/older than 30 days/),
    },
    {
      name: 'empty for 100 days with dynamodbEmptyTableDays 120',
      snapshot: withTables(table({ itemCount: 0 })),
      thresholds: { dynamodbEmptyTableDays: 120 },
      expect: notApplicable(/older than 120 days/),
    },
    {
      name: 'empty for 2 days with dynamodbEmptyTableDays 1',
      snapshot: withTables(table({ itemCount: 0, creationTime: NOW - 2 * DAY })),
      thresholds: { dynamodbEmptyTableDays: 1 },
      expect: fails({ resourceName: 'orders', message: 'no items, created 2 days ago' }),
    },
  ],

  'dynamodb-stream-unused': [
    {
      name: 'stream read by Lambda',
      snapshot: snapshot({
        tables: [
          table({
            name: 'ledger',
            streamEnabled: true,
            latestStreamArn:
              'arn:aws:dynamodb:eu-west-1:111122223333:table/ledger/stream/2026-01-01T00:00:00.000',
          }),
        ],
        eventSourceMappings: [
          kinesisEsm({
            sourceType: 'dynamodb',
            eventSourceArn:
              'arn:aws:dynamodb:eu-west-1:111122223333:table/ledger/stream/2026-01-01T00:00:00.000',
          }),
        ],
      }),
      expect: compliant,
    },
    {
      name: 'nobody reads it',
      snapshot: withTables(table({ streamEnabled: true })),
      expect: fails({ resourceName: 'orders', message: 'stream enabled but no Lambda function reads it' }),
    },
    { name: 'no streams', snapshot: withTables(table()), expect: notApplicable(/stream/) },
  ],
};

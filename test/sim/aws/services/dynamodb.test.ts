import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import { ACCOUNT, clientConfig, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let ddb: DynamoDBClient;

beforeEach(async () => {
  ({ sim } = await startTestSim());
  ddb = new DynamoDBClient(clientConfig(sim));
});

afterEach(async () => {
  ddb.destroy();
  await sim.close();
});

const tableArn = (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;

describe('simulated DynamoDB over the real SDK (JSON 1.0)', () => {
  it('lists tables in name order, paging with Limit and ExclusiveStartTableName', async () => {
    for (const name of ['c', 'a', 'b']) sim.state.addTable(ACCOUNT, REGION, { name });
    const all = await ddb.send(new ListTablesCommand({}));
    expect(all).toMatchObject({ TableNames: ['a', 'b', 'c'] });
    expect(all.LastEvaluatedTableName).toBeUndefined();
    const first = await ddb.send(new ListTablesCommand({ Limit: 2 }));
    expect(first).toMatchObject({ TableNames: ['a', 'b'], LastEvaluatedTableName: 'b' });
    const rest = await ddb.send(
      new ListTablesCommand({ Limit: 2, ExclusiveStartTableName: first.LastEvaluatedTableName }),
    );
    expect(rest.TableNames).toEqual(['c']);
    expect(rest.LastEvaluatedTableName).toBeUndefined();
  });

  it('describes a provisioned table with KMS, a stream, a GSI, deletion protection and class', async () => {
    sim.state.addTable(ACCOUNT, REGION, {
      name: 'orders',
      billingMode: 'PROVISIONED',
      readCapacityUnits: 10,
      writeCapacityUnits: 5,
      itemCount: 42,
      sizeBytes: 4096,
      kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k1',
      streamViewType: 'NEW_AND_OLD_IMAGES',
      tableClass: 'STANDARD_INFREQUENT_ACCESS',
      deletionProtection: true,
      globalTableVersion: '2017.11.29',
      globalSecondaryIndexes: [{ name: 'by-customer', readCapacityUnits: 3, writeCapacityUnits: 2 }],
      pointInTimeRecovery: true,
      ttlAttribute: 'expiresAt',
      tags: { team: 'orders' },
    });
    const { Table: t } = await ddb.send(new DescribeTableCommand({ TableName: 'orders' }));
    expect(t).toMatchObject({
      TableName: 'orders',
      TableArn: tableArn('orders'),
      TableStatus: 'ACTIVE',
      ItemCount: 42,
      TableSizeBytes: 4096,
      BillingModeSummary: { BillingMode: 'PROVISIONED' },
      ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 5 },
      SSEDescription: {
        Status: 'ENABLED',
        SSEType: 'KMS',
        KMSMasterKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k1',
      },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TableClassSummary: { TableClass: 'STANDARD_INFREQUENT_ACCESS' },
      DeletionProtectionEnabled: true,
      GlobalTableVersion: '2017.11.29',
      GlobalSecondaryIndexes: [
        { IndexName: 'by-customer', ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 2 } },
      ],
    });
    expect(t?.CreationDateTime).toBeInstanceOf(Date);
    expect(t?.LatestStreamArn).toBe(`${tableArn('orders')}/stream/2026-01-01T00:00:00.000`);

    const backups = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'orders' }));
    expect(
      backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
    ).toBe('ENABLED');
    const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: 'orders' }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    const tags = await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: tableArn('orders') }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'orders' }]);
  });

  it('describes an on-demand table with defaults: AWS owned key, no PITR, no TTL', async () => {
    sim.state.addTable(ACCOUNT, REGION, { name: 'sessions' });
    const { Table: t } = await ddb.send(new DescribeTableCommand({ TableName: 'sessions' }));
    expect(t?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(t?.SSEDescription).toBeUndefined();
    expect(t?.DeletionProtectionEnabled).toBe(false);
    const backups = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'sessions' }));
    expect(
      backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
    ).toBe('DISABLED');
    const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: 'sessions' }));
    expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
  });

  it('answers a missing table with ResourceNotFoundException', async () => {
    const err = await rejectionOf(ddb.send(new DescribeTableCommand({ TableName: 'missing' })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('Requested resource not found: Table: missing not found');
  });

  it('answers an injected AccessDeniedException naming the action and table', async () => {
    sim.state.addTable(ACCOUNT, REGION, { name: 'orders' });
    sim.faults.add({
      service: 'dynamodb',
      operation: 'DescribeContinuousBackups',
      error: 'AccessDeniedException',
    });
    const err = await rejectionOf(ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'orders' })));
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toContain(`dynamodb:DescribeContinuousBackups on resource: ${tableArn('orders')}`);
  });

  it('validates input with the service wording', async () => {
    const err = await rejectionOf(ddb.send(new ListTablesCommand({ Limit: 0 })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toContain("Value '0' at 'Limit' failed to satisfy constraint");
  });
});

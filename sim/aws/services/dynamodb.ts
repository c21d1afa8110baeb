import { z } from 'zod';
import { AwsError } from '../errors.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import type { SimTable } from '../state.js';

/**
 * DynamoDB control plane: JSON 1.0 (`X-Amz-Target: DynamoDB_20120810.DescribeTable`). Only the
 * read-only calls Pillar's inventory makes; no items.
 */

const tableName = z.string().min(1).max(1024);

function tableOf(ctx: OperationContext, nameOrArn: string): SimTable {
  const name = nameOrArn.startsWith('arn:')
    ? (nameOrArn.split(':table/')[1]?.split('/')[0] ?? '')
    : nameOrArn;
  const table = ctx.state.getTable(ctx.caller.accountId, ctx.region, name);
  if (!table) {
    throw new AwsError('ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`);
  }
  return table;
}

const arnOf = (ctx: OperationContext, nameOrArn: string) =>
  nameOrArn.startsWith('arn:')
    ? nameOrArn
    : `arn:aws:dynamodb:${ctx.region}:${ctx.caller.accountId}:table/${nameOrArn}`;

const listTables = defineOperation({
  name: 'ListTables',
  input: z.object({
    ExclusiveStartTableName: tableName.optional(),
    Limit: z.number().int().min(1).max(100).optional(),
  }),
  handle(ctx, input) {
    const all = ctx.state.tables(ctx.caller.accountId, ctx.region).map((t) => t.name);
    const start = input.ExclusiveStartTableName;
    const from = start === undefined ? all : all.filter((n) => n > start);
    const size = input.Limit ?? 100;
    const page = from.slice(0, size);
    return {
      TableNames: page,
      ...(from.length > size ? { LastEvaluatedTableName: page.at(-1) } : {}),
    };
  },
});

const epoch = (ms: number) => ms / 1000;

function describe(t: SimTable): Record<string, unknown> {
  const s = t.spec;
  const provisioned = (s.billingMode ?? 'PAY_PER_REQUEST') === 'PROVISIONED';
  const throughput = (read?: number, write?: number) => ({
    NumberOfDecreasesToday: 0,
    ReadCapacityUnits: provisioned ? (read ?? 5) : 0,
    WriteCapacityUnits: provisioned ? (write ?? 5) : 0,
  });
  return {
    TableName: t.name,
    TableArn: t.arn,
    TableId: t.tableId,
    TableStatus: 'ACTIVE',
    CreationDateTime: epoch(t.creationTime),
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    ItemCount: s.itemCount ?? 0,
    TableSizeBytes: s.sizeBytes ?? 0,
    ProvisionedThroughput: throughput(s.readCapacityUnits, s.writeCapacityUnits),
    BillingModeSummary: {
      BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
      LastUpdateToPayPerRequestDateTime: provisioned ? undefined : epoch(t.creationTime),
    },
    ...(s.kmsKeyArn
      ? { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: s.kmsKeyArn } }
      : {}),
    ...(s.streamViewType
      ? {
          StreamSpecification: { StreamEnabled: true, StreamViewType: s.streamViewType },
          LatestStreamLabel: '2026-01-01T00:00:00.000',
          LatestStreamArn: `${t.arn}/stream/2026-01-01T00:00:00.000`,
        }
      : {}),
    ...(s.tableClass ? { TableClassSummary: { TableClass: s.tableClass } } : {}),
    DeletionProtectionEnabled: s.deletionProtection ?? false,
    ...(s.globalTableVersion ? { GlobalTableVersion: s.globalTableVersion } : {}),
    ...(s.globalSecondaryIndexes && s.globalSecondaryIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: s.globalSecondaryIndexes.map((g) => ({
            IndexName: g.name,
            IndexArn: `${t.arn}/index/${g.name}`,
            IndexStatus: 'ACTIVE',
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
            ProvisionedThroughput: throughput(g.readCapacityUnits, g.writeCapacityUnits),
            IndexSizeBytes: 0,
            ItemCount: 0,
          })),
        }
      : {}),
  };
}

const describeTable = defineOperation({
  name: 'DescribeTable',
  input: z.object({ TableName: tableName }),
  target: (input, ctx) => ({ resource: arnOf(ctx, input.TableName) }),
  handle: (ctx, input) => ({ Table: describe(tableOf(ctx, input.TableName)) }),
});

const describeContinuousBackups = defineOperation({
  name: 'DescribeContinuousBackups',
  input: z.object({ TableName: tableName }),
  target: (input, ctx) => ({ resource: arnOf(ctx, input.TableName) }),
  handle(ctx, input) {
    const t = tableOf(ctx, input.TableName);
    const pitr = t.spec.pointInTimeRecovery ?? false;
    return {
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: pitr
          ? {
              PointInTimeRecoveryStatus: 'ENABLED',
              RecoveryPeriodInDays: 35,
              EarliestRestorableDateTime: epoch(Math.max(t.creationTime, ctx.clock.now() - 35 * 86_400_000)),
              LatestRestorableDateTime: epoch(ctx.clock.now() - 300_000),
            }
          : { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    };
  },
});

const describeTimeToLive = defineOperation({
  name: 'DescribeTimeToLive',
  input: z.object({ TableName: tableName }),
  target: (input, ctx) => ({ resource: arnOf(ctx, input.TableName) }),
  handle(ctx, input) {
    const t = tableOf(ctx, input.TableName);
    return {
      TimeToLiveDescription: t.spec.ttlAttribute
        ? { TimeToLiveStatus: 'ENABLED', AttributeName: t.spec.ttlAttribute }
        : { TimeToLiveStatus: 'DISABLED' },
    };
  },
});

const listTagsOfResource = defineOperation({
  name: 'ListTagsOfResource',
  input: z.object({ ResourceArn: z.string().min(1).max(1283), NextToken: z.string().optional() }),
  target: (input) => ({ resource: input.ResourceArn }),
  handle(ctx, input) {
    const t = tableOf(ctx, input.ResourceArn);
    return { Tags: Object.entries(t.spec.tags ?? {}).map(([Key, Value]) => ({ Key, Value })) };
  },
});

export const dynamodbService: ServiceDefinition = {
  id: 'dynamodb',
  signingName: 'dynamodb',
  iamPrefix: 'dynamodb',
  protocol: 'awsJson1_0',
  targetPrefix: 'DynamoDB_20120810',
  validationErrorCode: 'ValidationException',
  errors: {
    ThrottlingException: { status: 400 },
    AccessDeniedException: { status: 400 },
    ResourceNotFoundException: { status: 400 },
    InternalFailure: { code: 'InternalServerError', status: 500, server: true },
  },
  operations: [listTables, describeTable, describeContinuousBackups, describeTimeToLive, listTagsOfResource],
};

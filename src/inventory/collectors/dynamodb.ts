import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { type CollectorContext, mapLimit } from '../context.js';
import type { DynamoTable } from '../snapshot.js';

export const LIST_TABLES_PAGE = 100;
/** Per-table calls of a clean scan (tags come in one page for tables with up to 10 tags... and more pages rarely). */
export const perTableActions = [
  'dynamodb:DescribeTable',
  'dynamodb:DescribeContinuousBackups',
  'dynamodb:DescribeTimeToLive',
  'dynamodb:ListTagsOfResource',
] as const;

/** Every table of the account and region with backups, TTL and tags. Undefined when the list failed. */
export async function collectDynamodb(
  ctx: CollectorContext,
  concurrency: number,
): Promise<{ tables: DynamoTable[] } | undefined> {
  ctx.progress({ collector: 'dynamodb', state: 'start' });
  const ddb = ctx.clients.dynamodb(ctx.target);
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await ctx.call('dynamodb', 'dynamodb:ListTables', () =>
      ddb.send(new ListTablesCommand({ ExclusiveStartTableName: start, Limit: LIST_TABLES_PAGE })),
    );
    if (!page.ok) {
      ctx.progress({ collector: 'dynamodb', state: 'failed', message: page.error.message });
      return undefined;
    }
    names.push(...(page.value.TableNames ?? []));
    start = page.value.LastEvaluatedTableName;
  } while (start);

  const found = await mapLimit(names, concurrency, async (name) => {
    const described = await ctx.call(
      'dynamodb',
      'dynamodb:DescribeTable',
      () => ddb.send(new DescribeTableCommand({ TableName: name })),
      { resource: name },
    );
    if (!described.ok || !described.value.Table) return undefined;
    const table = toTable(described.value.Table);
    const backups = await ctx.call(
      'dynamodb',
      'dynamodb:DescribeContinuousBackups',
      () => ddb.send(new DescribeContinuousBackupsCommand({ TableName: name })),
      { resource: name },
    );
    if (backups.ok) {
      table.pointInTimeRecovery =
        backups.value.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
          ?.PointInTimeRecoveryStatus === 'ENABLED';
    }
    const ttl = await ctx.call(
      'dynamodb',
      'dynamodb:DescribeTimeToLive',
      () => ddb.send(new DescribeTimeToLiveCommand({ TableName: name })),
      { resource: name },
    );
    if (ttl.ok) {
      const d = ttl.value.TimeToLiveDescription;
      table.ttlStatus = d?.TimeToLiveStatus ?? 'DISABLED';
      if (d?.AttributeName) table.ttlAttribute = d.AttributeName;
    }
    const tags = await ctx.call(
      'dynamodb',
      'dynamodb:ListTagsOfResource',
      () => ddb.send(new ListTagsOfResourceCommand({ ResourceArn: table.arn })),
      { resource: name },
    );
    if (tags.ok)
      table.tags = Object.fromEntries((tags.value.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
    return table;
  });
  const tables = found.filter((t): t is DynamoTable => t !== undefined);
  ctx.progress({ collector: 'dynamodb', state: 'done', items: tables.length });
  return { tables };
}

export function toTable(t: TableDescription): DynamoTable {
  const sseType = t.SSEDescription?.SSEType;
  return {
    name: t.TableName ?? '',
    arn: t.TableArn ?? '',
    status: t.TableStatus ?? 'ACTIVE',
    creationTime: t.CreationDateTime?.getTime() ?? 0,
    billingMode: t.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    readCapacityUnits: t.ProvisionedThroughput?.ReadCapacityUnits ?? 0,
    writeCapacityUnits: t.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
    itemCount: t.ItemCount ?? 0,
    sizeBytes: t.TableSizeBytes ?? 0,
    ...(sseType === 'KMS' || sseType === 'AES256' ? { sseType } : {}),
    ...(t.SSEDescription?.KMSMasterKeyArn ? { kmsKeyArn: t.SSEDescription.KMSMasterKeyArn } : {}),
    streamEnabled: t.StreamSpecification?.StreamEnabled === true,
    ...(t.StreamSpecification?.StreamViewType
      ? { streamViewType: t.StreamSpecification.StreamViewType }
      : {}),
    ...(t.LatestStreamArn ? { latestStreamArn: t.LatestStreamArn } : {}),
    tableClass:
      t.TableClassSummary?.TableClass === 'STANDARD_INFREQUENT_ACCESS'
        ? 'STANDARD_INFREQUENT_ACCESS'
        : 'STANDARD',
    deletionProtection: t.DeletionProtectionEnabled === true,
    ...(t.GlobalTableVersion ? { globalTableVersion: t.GlobalTableVersion } : {}),
    globalSecondaryIndexes: (t.GlobalSecondaryIndexes ?? []).map((g) => ({
      name: g.IndexName ?? '',
      readCapacityUnits: g.ProvisionedThroughput?.ReadCapacityUnits ?? 0,
      writeCapacityUnits: g.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
    })),
  };
}

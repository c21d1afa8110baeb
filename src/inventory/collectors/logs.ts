import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  DescribeResourcePoliciesCommand,
  DescribeSubscriptionFiltersCommand,
  type LogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import { type CollectorContext, mapLimit } from '../context.js';
import { parsePolicy } from '../policy.js';
import type { LogGroupInfo, LogsInventory, PolicyStatement } from '../snapshot.js';

export const DESCRIBE_LOG_GROUPS_PAGE = 50;

export interface LogsCollection {
  inventory: LogsInventory;
  /** False when DescribeLogGroups failed: the group list is unknown, not empty. */
  listed: boolean;
}

/**
 * Every log group of the account and region (the retention, KMS and class checks apply to all of
 * them, not only Lambda's), and the account's Logs resource policies.
 */
export async function listLogGroups(ctx: CollectorContext): Promise<LogsCollection> {
  ctx.progress({ collector: 'logs', state: 'start' });
  const logs = ctx.clients.logs(ctx.target);
  const groups: LogGroupInfo[] = [];
  let token: string | undefined;
  let listed = true;
  do {
    const page = await ctx.call('logs', 'logs:DescribeLogGroups', () =>
      logs.send(new DescribeLogGroupsCommand({ nextToken: token, limit: DESCRIBE_LOG_GROUPS_PAGE })),
    );
    if (!page.ok) {
      listed = false;
      break;
    }
    groups.push(...(page.value.logGroups ?? []).map(toGroup));
    token = page.value.nextToken;
  } while (token);
  const policies = await resourcePolicies(ctx);
  return {
    inventory: { logGroups: listed ? groups : [], ...(policies ? { resourcePolicies: policies } : {}) },
    listed,
  };
}

function toGroup(g: LogGroup): LogGroupInfo {
  const name = g.logGroupName ?? '';
  return {
    name,
    arn: g.logGroupArn ?? (g.arn ?? '').replace(/:\*$/, ''),
    creationTime: g.creationTime ?? 0,
    ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
    storedBytes: g.storedBytes ?? 0,
    ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
    logGroupClass: g.logGroupClass ?? 'STANDARD',
    metricFilterCount: g.metricFilterCount ?? 0,
  };
}

async function resourcePolicies(
  ctx: CollectorContext,
): Promise<{ name: string; statements: PolicyStatement[] }[] | undefined> {
  const logs = ctx.clients.logs(ctx.target);
  const out: { name: string; statements: PolicyStatement[] }[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call('logs', 'logs:DescribeResourcePolicies', () =>
      logs.send(new DescribeResourcePoliciesCommand({ nextToken: token, limit: 50 })),
    );
    if (!page.ok) return undefined;
    for (const p of page.value.resourcePolicies ?? []) {
      out.push({ name: p.policyName ?? '', statements: parsePolicy(p.policyDocument ?? '') ?? [] });
    }
    token = page.value.nextToken;
  } while (token);
  return out;
}

/**
 * Which groups get per-group calls: the groups functions write to get their subscription filters
 * read (the infrequent-access check); those and every other `/aws/lambda/` group (orphans are the
 * likely stale ones) get their newest stream read. Other services' groups get neither: one call
 * per group adds up in accounts with thousands of them.
 */
export function groupsForDetails(
  groups: readonly LogGroupInfo[],
  functionGroups: ReadonlySet<string>,
): { filters: LogGroupInfo[]; streams: LogGroupInfo[] } {
  return {
    filters: groups.filter((g) => functionGroups.has(g.name)),
    streams: groups.filter((g) => functionGroups.has(g.name) || g.name.startsWith('/aws/lambda/')),
  };
}

/** Reads the per-group details (see `groupsForDetails`) into the groups, after the function list is known. */
export async function describeFunctionGroups(
  ctx: CollectorContext,
  collection: LogsCollection,
  functionGroups: ReadonlySet<string>,
  concurrency: number,
): Promise<void> {
  const logs = ctx.clients.logs(ctx.target);
  const { filters, streams } = groupsForDetails(collection.inventory.logGroups, functionGroups);
  await mapLimit(filters, concurrency, async (group) => {
    const out = await ctx.call(
      'logs',
      'logs:DescribeSubscriptionFilters',
      () => logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: group.name })),
      { resource: group.name },
    );
    // Two filters at most per group: one page always holds them.
    if (out.ok) group.subscriptionFilterCount = out.value.subscriptionFilters?.length ?? 0;
  });
  await mapLimit(streams, concurrency, async (group) => {
    const out = await ctx.call(
      'logs',
      'logs:DescribeLogStreams',
      () =>
        logs.send(
          new DescribeLogStreamsCommand({
            logGroupName: group.name,
            orderBy: 'LastEventTime',
            descending: true,
            limit: 1,
          }),
        ),
      { resource: group.name },
    );
    if (out.ok) {
      const newest = out.value.logStreams?.[0];
      group.lastIngestionTime = newest
        ? (newest.lastIngestionTime ?? newest.lastEventTimestamp ?? null)
        : null;
    }
  });
  if (collection.listed)
    ctx.progress({ collector: 'logs', state: 'done', items: collection.inventory.logGroups.length });
  else {
    const why = ctx.unavailable.find((u) => u.action === 'logs:DescribeLogGroups');
    ctx.progress({ collector: 'logs', state: 'failed', ...(why ? { message: why.message } : {}) });
  }
}

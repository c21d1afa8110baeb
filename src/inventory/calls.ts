import { DESCRIBE_ALARMS_PAGE } from './collectors/alarms.js';
import { LIST_TABLES_PAGE, perTableActions } from './collectors/dynamodb.js';
import { perFunctionActions, zipOnlyActions } from './collectors/lambda.js';
import { DESCRIBE_LOG_GROUPS_PAGE, groupsForDetails } from './collectors/logs.js';
import { LIST_QUEUES_PAGE, perQueueActions } from './collectors/sqs.js';
import { LIST_STATE_MACHINES_PAGE, perStateMachineActions } from './collectors/stepfunctions.js';
import {
  INSIGHTS_GROUPS_PER_QUERY,
  insightsBatchesFor,
  METRIC_QUERIES_PER_CALL,
  metricRequestsFor,
} from './collectors/telemetry.js';
import type { Snapshot } from './snapshot.js';

/** What decides how many calls a scan of an account makes. */
export interface ScanShape {
  functions: number;
  /** Zip-packaged functions (runtime management is read for these only); default all. */
  zipFunctions?: number;
  logGroups: number;
  /** Log groups functions write to that exist: each gets its subscription filters read. */
  functionLogGroups: number;
  /** Groups whose newest stream is read: the function groups and other `/aws/lambda/` groups (default functionLogGroups). */
  streamLookups?: number;
  eventSourceMappings: number;
  logResourcePolicies?: number;
  /** GetMetricData queries (see `metricRequestsFor`): about 6 per function. */
  metricQueries: number;
  /** Logs Insights queries (see `insightsBatchesFor`): one per 50 invoked functions per log format. */
  insightsQueries: number;
  /** GetQueryResults calls per query until Complete (default 2: one Running answer, then the result). */
  insightsPollsPerQuery?: number;
  /** SQS queues (default 0): one ListQueues page per 1,000, then attributes and tags per queue. */
  queues?: number;
  /** DynamoDB tables (default 0): one ListTables page per 100, then four calls per table. */
  tables?: number;
  /** Step Functions state machines (default 0): one ListStateMachines page per 1,000, then one call each. */
  stateMachines?: number;
  /** CloudWatch metric alarms (default 0): one DescribeAlarms page per 100. */
  alarms?: number;
}

const pages = (n: number, size: number): number => Math.max(1, Math.ceil(n / size));

/**
 * The AWS calls a clean scan (nothing denied, nothing throttled, every per-function list on one
 * page) of an account of this shape makes, per IAM action: the figure `collectSnapshot` counts
 * as it goes, predicted without AWS.
 */
export function awsCallsForScan(shape: ScanShape): Record<string, number> {
  const calls: Record<string, number> = {
    'lambda:ListFunctions': pages(shape.functions, 50),
    'lambda:GetAccountSettings': 1,
    'lambda:ListEventSourceMappings': pages(shape.eventSourceMappings, 100),
    'logs:DescribeLogGroups': pages(shape.logGroups, DESCRIBE_LOG_GROUPS_PAGE),
    'logs:DescribeResourcePolicies': pages(shape.logResourcePolicies ?? 0, 50),
  };
  for (const action of perFunctionActions) {
    calls[action] = zipOnlyActions.includes(action)
      ? (shape.zipFunctions ?? shape.functions)
      : shape.functions;
  }
  calls['logs:DescribeSubscriptionFilters'] = shape.functionLogGroups;
  calls['logs:DescribeLogStreams'] = shape.streamLookups ?? shape.functionLogGroups;
  calls['cloudwatch:GetMetricData'] = Math.ceil(shape.metricQueries / METRIC_QUERIES_PER_CALL);
  calls['logs:StartQuery'] = shape.insightsQueries;
  calls['logs:GetQueryResults'] = shape.insightsQueries * (shape.insightsPollsPerQuery ?? 2);
  calls['sqs:ListQueues'] = pages(shape.queues ?? 0, LIST_QUEUES_PAGE);
  for (const action of perQueueActions) calls[action] = shape.queues ?? 0;
  const tables = shape.tables ?? 0;
  calls['dynamodb:ListTables'] = pages(tables, LIST_TABLES_PAGE);
  for (const action of perTableActions) calls[action] = tables;
  const machines = shape.stateMachines ?? 0;
  calls['states:ListStateMachines'] = pages(machines, LIST_STATE_MACHINES_PAGE);
  for (const action of perStateMachineActions) calls[action] = machines;
  calls['cloudwatch:DescribeAlarms'] = pages(shape.alarms ?? 0, DESCRIBE_ALARMS_PAGE);
  return Object.fromEntries(Object.entries(calls).filter(([, n]) => n > 0));
}

/** The total of `awsCallsForScan` or of a scan's `calls`. */
export function totalCalls(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

/** The shape of the account a snapshot describes, for `awsCallsForScan`. */
export function scanShapeOf(snapshot: Snapshot): ScanShape {
  const { functions, eventSourceMappings } = snapshot.lambda;
  const groups = new Set(snapshot.logs.logGroups.map((g) => g.name));
  const details = groupsForDetails(
    snapshot.logs.logGroups,
    new Set(functions.map((f) => f.logging.logGroup)),
  );
  return {
    functions: functions.length,
    zipFunctions: functions.filter((f) => f.packageType === 'Zip').length,
    logGroups: snapshot.logs.logGroups.length,
    functionLogGroups: details.filters.length,
    streamLookups: details.streams.length,
    eventSourceMappings: eventSourceMappings.length,
    logResourcePolicies: snapshot.logs.resourcePolicies?.length ?? 0,
    metricQueries: metricRequestsFor(functions, eventSourceMappings).length,
    insightsQueries: insightsBatchesFor(
      functions,
      groups,
      (name) => snapshot.telemetry.functions[name]?.invocations,
    ).length,
    queues: snapshot.sqs?.queues.length ?? 0,
    tables: snapshot.dynamodb?.tables.length ?? 0,
    stateMachines: snapshot.stepfunctions?.stateMachines.length ?? 0,
    alarms: snapshot.alarms?.alarms.length ?? 0,
  };
}

export { INSIGHTS_GROUPS_PER_QUERY, METRIC_QUERIES_PER_CALL };

import { DESCRIBE_ALARMS_PAGE } from './collectors/alarms.js';
import {
  APIGATEWAY_READ,
  LIST_REST_APIS_PAGE,
  LIST_V2_APIS_PAGE,
  perRestApiActions,
  perV2ApiActions,
} from './collectors/apigateway.js';
import { LIST_TABLES_PAGE, perTableActions } from './collectors/dynamodb.js';
import {
  LIST_EVENT_BUSES_PAGE,
  LIST_RULES_PAGE,
  LIST_TARGETS_PAGE,
  perEventBusActions,
  perRuleActions,
} from './collectors/eventbridge.js';
import { LIST_STREAMS_PAGE, perStreamActions } from './collectors/kinesis.js';
import { perFunctionActions, zipOnlyActions } from './collectors/lambda.js';
import { DESCRIBE_LOG_GROUPS_PAGE, groupsForDetails } from './collectors/logs.js';
import { SERVICE_METRIC_QUERIES_PER_CALL, serviceMetricRequestsFor } from './collectors/service-metrics.js';
import {
  LIST_SUBSCRIPTIONS_PAGE,
  LIST_TOPICS_PAGE,
  perSubscriptionActions,
  perTopicActions,
  SUBSCRIPTION_DETAIL_PROTOCOLS,
} from './collectors/sns.js';
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
  /**
   * GetMetricData queries for state machines, topics, streams and APIs (see
   * `serviceMetricRequestsFor`, default 0): sent in their own batches after Lambda's.
   */
  serviceMetricQueries?: number;
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
  /** API Gateway REST APIs and HTTP/WebSocket APIs (default 0): a list page per 500, then three GETs each. */
  restApis?: number;
  v2Apis?: number;
  /** SNS topics (default 0): ListTopics per 100, attributes and subscriptions per topic. */
  topics?: number;
  /** Subscriptions in all (default 0): ListSubscriptionsByTopic pages beyond the first of each topic. */
  subscriptions?: number;
  /** Confirmed SQS, Lambda and HTTP(S) subscriptions: one GetSubscriptionAttributes each (default 0). */
  detailedSubscriptions?: number;
  /** Kinesis data streams (default 0): ListStreams per 100, one DescribeStreamSummary each. */
  streams?: number;
  /** EventBridge buses (default 1, the default bus) and rules (default 0): ListRules per bus, ListTargetsByRule per rule. */
  eventBuses?: number;
  rules?: number;
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
  calls['cloudwatch:GetMetricData'] =
    Math.ceil(shape.metricQueries / METRIC_QUERIES_PER_CALL) +
    Math.ceil((shape.serviceMetricQueries ?? 0) / SERVICE_METRIC_QUERIES_PER_CALL);
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
  // Every API Gateway read is one IAM action, apigateway:GET.
  const restApis = shape.restApis ?? 0;
  const v2Apis = shape.v2Apis ?? 0;
  calls[APIGATEWAY_READ] =
    pages(restApis, LIST_REST_APIS_PAGE) +
    pages(v2Apis, LIST_V2_APIS_PAGE) +
    restApis * perRestApiActions.length +
    v2Apis * perV2ApiActions.length;
  const topics = shape.topics ?? 0;
  calls['sns:ListTopics'] = pages(topics, LIST_TOPICS_PAGE);
  for (const action of perTopicActions) calls[action] = topics;
  // Topics whose subscriptions span more than one page add a call per extra page (spread evenly).
  calls['sns:ListSubscriptionsByTopic'] =
    (calls['sns:ListSubscriptionsByTopic'] ?? 0) +
    Math.max(0, Math.ceil((shape.subscriptions ?? 0) / LIST_SUBSCRIPTIONS_PAGE) - topics);
  for (const action of perSubscriptionActions) calls[action] = shape.detailedSubscriptions ?? 0;
  const streams = shape.streams ?? 0;
  calls['kinesis:ListStreams'] = pages(streams, LIST_STREAMS_PAGE);
  for (const action of perStreamActions) calls[action] = streams;
  const buses = shape.eventBuses ?? 1;
  calls['events:ListEventBuses'] = pages(buses, LIST_EVENT_BUSES_PAGE);
  for (const action of perEventBusActions) calls[action] = buses * pages(0, LIST_RULES_PAGE);
  for (const action of perRuleActions) calls[action] = (shape.rules ?? 0) * pages(0, LIST_TARGETS_PAGE);
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
    serviceMetricQueries: serviceMetricRequestsFor({
      stepfunctions: snapshot.stepfunctions,
      sns: snapshot.sns,
      kinesis: snapshot.kinesis,
      apigateway: snapshot.apigateway,
      eventSourceMappings,
    }).length,
    insightsQueries: insightsBatchesFor(
      functions,
      groups,
      (name) => snapshot.telemetry.functions[name]?.invocations,
    ).length,
    queues: snapshot.sqs?.queues.length ?? 0,
    tables: snapshot.dynamodb?.tables.length ?? 0,
    stateMachines: snapshot.stepfunctions?.stateMachines.length ?? 0,
    alarms: snapshot.alarms?.alarms.length ?? 0,
    restApis: snapshot.apigateway?.restApis?.length ?? 0,
    v2Apis: snapshot.apigateway?.v2Apis?.length ?? 0,
    topics: snapshot.sns?.topics.length ?? 0,
    subscriptions: snapshot.sns?.topics.reduce((n, t) => n + (t.subscriptions?.length ?? 0), 0) ?? 0,
    detailedSubscriptions:
      snapshot.sns?.topics.reduce(
        (n, t) =>
          n +
          (t.subscriptions ?? []).filter((s) => s.arn && SUBSCRIPTION_DETAIL_PROTOCOLS.includes(s.protocol))
            .length,
        0,
      ) ?? 0,
    streams: snapshot.kinesis?.streams.length ?? 0,
    eventBuses: snapshot.eventbridge?.buses.length ?? 1,
    rules: snapshot.eventbridge?.rules.length ?? 0,
  };
}

export { INSIGHTS_GROUPS_PER_QUERY, METRIC_QUERIES_PER_CALL };

import type { AwsClients, AwsTarget } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { collectAlarms } from './collectors/alarms.js';
import { collectApiGateway } from './collectors/apigateway.js';
import { collectDynamodb } from './collectors/dynamodb.js';
import { collectEventBridge } from './collectors/eventbridge.js';
import { collectKinesis } from './collectors/kinesis.js';
import { collectLambda } from './collectors/lambda.js';
import { describeFunctionGroups, listLogGroups } from './collectors/logs.js';
import { collectServiceMetrics } from './collectors/service-metrics.js';
import { collectSns } from './collectors/sns.js';
import { collectSqs } from './collectors/sqs.js';
import { collectStepFunctions } from './collectors/stepfunctions.js';
import { collectTelemetry, type IngestionTelemetrySource } from './collectors/telemetry.js';
import { CollectorContext, type CollectorProgress } from './context.js';
import type { ServiceName, Snapshot } from './snapshot.js';

export type { CollectorProgress } from './context.js';

export interface CollectDeps {
  clients: AwsClients;
  clock: Clock;
  logger: Logger;
  target: AwsTarget;
  telemetry?: {
    /** Look-back for metrics and Logs Insights (default 14 days). */
    windowDays?: number;
    /** Pillar's own ingestion figures, used for functions Logs Insights gave nothing for. */
    ingestion?: IngestionTelemetrySource;
    /** Run Logs Insights queries (default true). */
    insights?: boolean;
  };
  onProgress?: (e: CollectorProgress) => void;
  /** Requests per second per service (defaults in `defaultRates`). */
  requestsPerSecond?: Partial<Record<ServiceName, number>>;
  /** Functions (and log groups) described at once (default 4). */
  concurrency?: number;
}

export interface CollectResult {
  snapshot: Snapshot;
  /**
   * AWS calls this scan sent, per IAM action (`lambda:GetPolicy` → 120). Each send counts once;
   * retries the SDK makes inside one send are not seen. Calls skipped because the action was
   * already denied are not counted.
   */
  calls: Record<string, number>;
}

/**
 * Collects the inventory of one account and region: Lambda (functions with their per-function
 * details, event source mappings, account settings), CloudWatch Logs (groups, resource policies,
 * subscription filters and newest stream of function groups), telemetry (CloudWatch metrics,
 * Logs Insights over REPORT lines, Pillar's ingestion as a stand-in), SQS queues, DynamoDB tables,
 * Step Functions state machines and CloudWatch metric alarms.
 *
 * Never throws for AWS errors: a call that fails is listed in `snapshot.unavailable` with its IAM
 * action and the reason, and everything else is still collected. Lambda and Logs are read side by
 * side (separate quotas); telemetry follows, since it needs the function list.
 */
export async function collectSnapshot(deps: CollectDeps): Promise<CollectResult> {
  const ctx = new CollectorContext(
    deps.clients,
    deps.target,
    deps.clock,
    deps.logger,
    deps.requestsPerSecond,
    deps.onProgress,
  );
  const concurrency = deps.concurrency ?? 4;
  const takenAt = deps.clock.now();

  const [lambda, logs] = await Promise.all([collectLambda(ctx, concurrency), listLogGroups(ctx)]);
  const functionGroups = new Set(
    lambda.listed
      ? lambda.inventory.functions.map((f) => f.logging.logGroup)
      : // Without the function list, Lambda's default group names are the best guess.
        logs.inventory.logGroups.filter((g) => g.name.startsWith('/aws/lambda/')).map((g) => g.name),
  );
  await describeFunctionGroups(ctx, logs, functionGroups, concurrency);

  const telemetry = await collectTelemetry(ctx, {
    functions: lambda.inventory.functions,
    mappings: lambda.inventory.eventSourceMappings,
    logGroups: logs.listed ? logs.inventory.logGroups : undefined,
    windowDays: deps.telemetry?.windowDays ?? 14,
    ...(deps.telemetry?.ingestion ? { ingestion: deps.telemetry.ingestion } : {}),
    ...(deps.telemetry?.insights === undefined ? {} : { insights: deps.telemetry.insights }),
  });

  // After Lambda and Logs, so credentials AWS refused are known and these calls are not sent.
  const sqs = await collectSqs(ctx, concurrency);
  const dynamodb = await collectDynamodb(ctx, concurrency);
  const stepfunctions = await collectStepFunctions(ctx, concurrency);
  const alarms = await collectAlarms(ctx);
  // Separate services with separate quotas: read side by side.
  const [apigateway, sns, kinesis, eventbridge] = await Promise.all([
    collectApiGateway(ctx, concurrency),
    collectSns(ctx, concurrency),
    collectKinesis(ctx, concurrency),
    collectEventBridge(ctx, concurrency),
  ]);
  // Needs the resources the collectors above found; same window as Lambda telemetry.
  const serviceMetrics = await collectServiceMetrics(ctx, {
    stepfunctions,
    sns,
    kinesis,
    apigateway,
    eventSourceMappings: lambda.inventory.eventSourceMappings,
    windowDays: telemetry.windowDays,
  });
  if (sqs) {
    // The existing visibility-timeout check reads the queue's timeout off the mapping.
    const byArn = new Map(sqs.queues.map((q) => [q.arn, q]));
    for (const m of lambda.inventory.eventSourceMappings) {
      const q = m.sourceType === 'sqs' && m.eventSourceArn ? byArn.get(m.eventSourceArn) : undefined;
      if (q) m.queueVisibilityTimeoutSeconds = q.visibilityTimeoutSeconds;
    }
  }

  const accountId = accountIdOf([
    ...lambda.inventory.functions.map((f) => f.arn),
    ...logs.inventory.logGroups.map((g) => g.arn),
  ]);
  const snapshot: Snapshot = {
    account: deps.target.account,
    ...(accountId ? { accountId } : {}),
    region: deps.target.region,
    takenAt,
    lambda: lambda.inventory,
    logs: logs.inventory,
    telemetry,
    ...(sqs ? { sqs } : {}),
    ...(dynamodb ? { dynamodb } : {}),
    ...(stepfunctions ? { stepfunctions } : {}),
    ...(alarms ? { alarms } : {}),
    ...(apigateway ? { apigateway } : {}),
    ...(sns ? { sns } : {}),
    ...(kinesis ? { kinesis } : {}),
    ...(eventbridge ? { eventbridge } : {}),
    ...(serviceMetrics ? { serviceMetrics } : {}),
    unavailable: ctx.unavailable,
  };
  return { snapshot, calls: { ...ctx.calls } };
}

function accountIdOf(arns: string[]): string | undefined {
  for (const arn of arns) {
    const id = /^arn:aws[\w-]*:[\w-]+:[\w-]*:(\d{12}):/.exec(arn)?.[1];
    if (id) return id;
  }
  return undefined;
}

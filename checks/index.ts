import type { Check } from './types.js';

/**
 * The registry: every check, imported explicitly (no directory globbing at run time). A test
 * compares this list with the files under checks/<service>/, so a new check cannot be forgotten.
 */

import { check as apigateway5xxRate } from './apigateway/apigateway-5xx-rate.js';
import { check as apigatewayAccessLogging } from './apigateway/apigateway-access-logging.js';
import { check as apigatewayDataTrace } from './apigateway/apigateway-data-trace.js';
import { check as apigatewayDetailedMetrics } from './apigateway/apigateway-detailed-metrics.js';
import { check as apigatewayRestCacheEncrypted } from './apigateway/apigateway-rest-cache-encrypted.js';
import { check as apigatewayRestCaching } from './apigateway/apigateway-rest-caching.js';
import { check as apigatewayRestExecutionLogging } from './apigateway/apigateway-rest-execution-logging.js';
import { check as apigatewayRestMethodAuth } from './apigateway/apigateway-rest-method-auth.js';
import { check as apigatewayRestWaf } from './apigateway/apigateway-rest-waf.js';
import { check as apigatewayRestXray } from './apigateway/apigateway-rest-xray.js';
import { check as apigatewayThrottling } from './apigateway/apigateway-throttling.js';
import { check as apigatewayV2RouteAuth } from './apigateway/apigateway-v2-route-auth.js';
import { check as cloudwatchAlarmActionsEnabled } from './cloudwatch/cloudwatch-alarm-actions-enabled.js';
import { check as cloudwatchAlarmHasAction } from './cloudwatch/cloudwatch-alarm-has-action.js';
import { check as cloudwatchAlarmInsufficientData } from './cloudwatch/cloudwatch-alarm-insufficient-data.js';
import { check as cloudwatchAlarmOrphaned } from './cloudwatch/cloudwatch-alarm-orphaned.js';
import { check as dynamodbDeletionProtection } from './dynamodb/dynamodb-deletion-protection.js';
import { check as dynamodbEmptyStale } from './dynamodb/dynamodb-empty-stale.js';
import { check as dynamodbEncryptionCmk } from './dynamodb/dynamodb-encryption-cmk.js';
import { check as dynamodbGlobalTableLegacy } from './dynamodb/dynamodb-global-table-legacy.js';
import { check as dynamodbPitr } from './dynamodb/dynamodb-pitr.js';
import { check as dynamodbStreamUnused } from './dynamodb/dynamodb-stream-unused.js';
import { check as dynamodbTableClass } from './dynamodb/dynamodb-table-class.js';
import { check as dynamodbTtl } from './dynamodb/dynamodb-ttl.js';
import { check as eventbridgeBusPublic } from './eventbridge/eventbridge-bus-public.js';
import { check as eventbridgeRuleNoTargets } from './eventbridge/eventbridge-rule-no-targets.js';
import { check as eventbridgeTargetDlq } from './eventbridge/eventbridge-target-dlq.js';
import { check as eventbridgeTargetLambdaMissing } from './eventbridge/eventbridge-target-lambda-missing.js';
import { check as eventbridgeTargetRetry } from './eventbridge/eventbridge-target-retry.js';
import { check as kinesisEncryption } from './kinesis/kinesis-encryption.js';
import { check as kinesisEnhancedMonitoring } from './kinesis/kinesis-enhanced-monitoring.js';
import { check as kinesisIteratorAgeHigh } from './kinesis/kinesis-iterator-age-high.js';
import { check as kinesisNoConsumers } from './kinesis/kinesis-no-consumers.js';
import { check as kinesisRetention } from './kinesis/kinesis-retention.js';
import { check as kinesisThroughputExceeded } from './kinesis/kinesis-throughput-exceeded.js';
import { check as lambdaAccountConcurrencyHeadroom } from './lambda/lambda-account-concurrency-headroom.js';
import { check as lambdaAlarms } from './lambda/lambda-alarms.js';
import { check as lambdaArm64 } from './lambda/lambda-arm64.js';
import { check as lambdaAsyncDeliveryFailures } from './lambda/lambda-async-delivery-failures.js';
import { check as lambdaAsyncFailureDestination } from './lambda/lambda-async-failure-destination.js';
import { check as lambdaAsyncRetryTuned } from './lambda/lambda-async-retry-tuned.js';
import { check as lambdaCodeSigning } from './lambda/lambda-code-signing.js';
import { check as lambdaCodeStorageQuota } from './lambda/lambda-code-storage-quota.js';
import { check as lambdaColdStartRate } from './lambda/lambda-cold-start-rate.js';
import { check as lambdaCrossAccountLayers } from './lambda/lambda-cross-account-layers.js';
import { check as lambdaDefaultMemory } from './lambda/lambda-default-memory.js';
import { check as lambdaDefaultTimeout } from './lambda/lambda-default-timeout.js';
import { check as lambdaDlqConfigured } from './lambda/lambda-dlq-configured.js';
import { check as lambdaEnvCmk } from './lambda/lambda-env-cmk.js';
import { check as lambdaEnvSecrets } from './lambda/lambda-env-secrets.js';
import { check as lambdaEsmFailureDestination } from './lambda/lambda-esm-failure-destination.js';
import { check as lambdaEsmPartialBatchResponse } from './lambda/lambda-esm-partial-batch-response.js';
import { check as lambdaEsmPoisonRecordHandling } from './lambda/lambda-esm-poison-record-handling.js';
import { check as lambdaEsmSqsVisibilityTimeout } from './lambda/lambda-esm-sqs-visibility-timeout.js';
import { check as lambdaEsmUnhealthy } from './lambda/lambda-esm-unhealthy.js';
import { check as lambdaHighErrorRate } from './lambda/lambda-high-error-rate.js';
import { check as lambdaInVpc } from './lambda/lambda-in-vpc.js';
import { check as lambdaInsightsEnabled } from './lambda/lambda-insights-enabled.js';
import { check as lambdaIteratorAgeAlarm } from './lambda/lambda-iterator-age-alarm.js';
import { check as lambdaIteratorAgeHigh } from './lambda/lambda-iterator-age-high.js';
import { check as lambdaLogFormatJson } from './lambda/lambda-log-format-json.js';
import { check as lambdaMemoryOutageRisk } from './lambda/lambda-memory-outage-risk.js';
import { check as lambdaMemoryOverprovisioned } from './lambda/lambda-memory-overprovisioned.js';
import { check as lambdaProvisionedConcurrencyFit } from './lambda/lambda-provisioned-concurrency-fit.js';
import { check as lambdaPublicPolicy } from './lambda/lambda-public-policy.js';
import { check as lambdaRecursionAllowed } from './lambda/lambda-recursion-allowed.js';
import { check as lambdaReservedConcurrencySet } from './lambda/lambda-reserved-concurrency-set.js';
import { check as lambdaRuntimeDeprecated } from './lambda/lambda-runtime-deprecated.js';
import { check as lambdaRuntimeDeprecationSoon } from './lambda/lambda-runtime-deprecation-soon.js';
import { check as lambdaRuntimeNotLatest } from './lambda/lambda-runtime-not-latest.js';
import { check as lambdaRuntimeUpdatesManual } from './lambda/lambda-runtime-updates-manual.js';
import { check as lambdaSharedRole } from './lambda/lambda-shared-role.js';
import { check as lambdaSnapstartJava } from './lambda/lambda-snapstart-java.js';
import { check as lambdaStateFailed } from './lambda/lambda-state-failed.js';
import { check as lambdaThrottled } from './lambda/lambda-throttled.js';
import { check as lambdaTimeoutOverprovisioned } from './lambda/lambda-timeout-overprovisioned.js';
import { check as lambdaTimeoutRisk } from './lambda/lambda-timeout-risk.js';
import { check as lambdaTimeoutsOccurring } from './lambda/lambda-timeouts-occurring.js';
import { check as lambdaTracingActive } from './lambda/lambda-tracing-active.js';
import { check as lambdaUnused } from './lambda/lambda-unused.js';
import { check as lambdaUrlAuthNone } from './lambda/lambda-url-auth-none.js';
import { check as lambdaUrlCorsWildcard } from './lambda/lambda-url-cors-wildcard.js';
import { check as lambdaZeroConcurrency } from './lambda/lambda-zero-concurrency.js';
import { check as logsInfrequentAccessClass } from './logs/logs-infrequent-access-class.js';
import { check as logsKms } from './logs/logs-kms.js';
import { check as logsLambdaGroupMissing } from './logs/logs-lambda-group-missing.js';
import { check as logsOrphanedLambdaGroup } from './logs/logs-orphaned-lambda-group.js';
import { check as logsPublicResourcePolicy } from './logs/logs-public-resource-policy.js';
import { check as logsRetentionExcessive } from './logs/logs-retention-excessive.js';
import { check as logsRetentionMinimum } from './logs/logs-retention-minimum.js';
import { check as logsRetentionSet } from './logs/logs-retention-set.js';
import { check as logsStaleStreams } from './logs/logs-stale-streams.js';
import { check as snsCmk } from './sns/sns-cmk.js';
import { check as snsDeliveryStatusLogging } from './sns/sns-delivery-status-logging.js';
import { check as snsFailedNotifications } from './sns/sns-failed-notifications.js';
import { check as snsHttpSubscription } from './sns/sns-http-subscription.js';
import { check as snsKms } from './sns/sns-kms.js';
import { check as snsPendingSubscriptions } from './sns/sns-pending-subscriptions.js';
import { check as snsPublicPolicy } from './sns/sns-public-policy.js';
import { check as snsSignatureV2 } from './sns/sns-signature-v2.js';
import { check as snsSubscriptionDlq } from './sns/sns-subscription-dlq.js';
import { check as snsTlsOnly } from './sns/sns-tls-only.js';
import { check as snsTracing } from './sns/sns-tracing.js';
import { check as snsUnusedTopic } from './sns/sns-unused-topic.js';
import { check as sqsCmk } from './sqs/sqs-cmk.js';
import { check as sqsDlqConfigured } from './sqs/sqs-dlq-configured.js';
import { check as sqsDlqHasMessages } from './sqs/sqs-dlq-has-messages.js';
import { check as sqsDlqRetention } from './sqs/sqs-dlq-retention.js';
import { check as sqsLongPolling } from './sqs/sqs-long-polling.js';
import { check as sqsMaxReceiveCount } from './sqs/sqs-max-receive-count.js';
import { check as sqsPublicPolicy } from './sqs/sqs-public-policy.js';
import { check as sqsRetention } from './sqs/sqs-retention.js';
import { check as sqsSse } from './sqs/sqs-sse.js';
import { check as sqsTlsOnly } from './sqs/sqs-tls-only.js';
import { check as stepfunctionsAlarm } from './stepfunctions/stepfunctions-alarm.js';
import { check as stepfunctionsChoiceDefault } from './stepfunctions/stepfunctions-choice-default.js';
import { check as stepfunctionsCmk } from './stepfunctions/stepfunctions-cmk.js';
import { check as stepfunctionsExecutionTimeout } from './stepfunctions/stepfunctions-execution-timeout.js';
import { check as stepfunctionsExecutionsFailing } from './stepfunctions/stepfunctions-executions-failing.js';
import { check as stepfunctionsExecutionsThrottled } from './stepfunctions/stepfunctions-executions-throttled.js';
import { check as stepfunctionsExpressDuration } from './stepfunctions/stepfunctions-express-duration.js';
import { check as stepfunctionsExpressNoLogs } from './stepfunctions/stepfunctions-express-no-logs.js';
import { check as stepfunctionsLogging } from './stepfunctions/stepfunctions-logging.js';
import { check as stepfunctionsLoggingAll } from './stepfunctions/stepfunctions-logging-all.js';
import { check as stepfunctionsMapConcurrency } from './stepfunctions/stepfunctions-map-concurrency.js';
import { check as stepfunctionsSecretsInDefinition } from './stepfunctions/stepfunctions-secrets-in-definition.js';
import { check as stepfunctionsTaskCatch } from './stepfunctions/stepfunctions-task-catch.js';
import { check as stepfunctionsTaskRetry } from './stepfunctions/stepfunctions-task-retry.js';
import { check as stepfunctionsTaskTimeout } from './stepfunctions/stepfunctions-task-timeout.js';
import { check as stepfunctionsUnused } from './stepfunctions/stepfunctions-unused.js';
import { check as stepfunctionsXray } from './stepfunctions/stepfunctions-xray.js';

export const allChecks: readonly Check[] = [
  lambdaAccountConcurrencyHeadroom,
  lambdaAlarms,
  lambdaArm64,
  lambdaAsyncDeliveryFailures,
  lambdaAsyncFailureDestination,
  lambdaAsyncRetryTuned,
  lambdaCodeSigning,
  lambdaCodeStorageQuota,
  lambdaColdStartRate,
  lambdaCrossAccountLayers,
  lambdaDefaultMemory,
  lambdaDefaultTimeout,
  lambdaDlqConfigured,
  lambdaEnvCmk,
  lambdaEnvSecrets,
  lambdaEsmFailureDestination,
  lambdaEsmPartialBatchResponse,
  lambdaEsmPoisonRecordHandling,
  lambdaEsmSqsVisibilityTimeout,
  lambdaEsmUnhealthy,
  lambdaHighErrorRate,
  lambdaInVpc,
  lambdaInsightsEnabled,
  lambdaIteratorAgeAlarm,
  lambdaIteratorAgeHigh,
  lambdaLogFormatJson,
  lambdaMemoryOutageRisk,
  lambdaMemoryOverprovisioned,
  lambdaProvisionedConcurrencyFit,
  lambdaPublicPolicy,
  lambdaRecursionAllowed,
  lambdaReservedConcurrencySet,
  lambdaRuntimeDeprecated,
  lambdaRuntimeDeprecationSoon,
  lambdaRuntimeNotLatest,
  lambdaRuntimeUpdatesManual,
  lambdaSharedRole,
  lambdaSnapstartJava,
  lambdaStateFailed,
  lambdaThrottled,
  lambdaTimeoutOverprovisioned,
  lambdaTimeoutRisk,
  lambdaTimeoutsOccurring,
  lambdaTracingActive,
  lambdaUnused,
  lambdaUrlAuthNone,
  lambdaUrlCorsWildcard,
  lambdaZeroConcurrency,
  logsInfrequentAccessClass,
  logsKms,
  logsLambdaGroupMissing,
  logsOrphanedLambdaGroup,
  logsPublicResourcePolicy,
  logsRetentionExcessive,
  logsRetentionMinimum,
  logsRetentionSet,
  logsStaleStreams,
  dynamodbDeletionProtection,
  dynamodbEmptyStale,
  dynamodbEncryptionCmk,
  dynamodbGlobalTableLegacy,
  dynamodbPitr,
  dynamodbStreamUnused,
  dynamodbTableClass,
  dynamodbTtl,
  sqsCmk,
  sqsDlqConfigured,
  sqsDlqHasMessages,
  sqsDlqRetention,
  sqsLongPolling,
  sqsMaxReceiveCount,
  sqsPublicPolicy,
  sqsRetention,
  sqsSse,
  sqsTlsOnly,
  cloudwatchAlarmActionsEnabled,
  cloudwatchAlarmHasAction,
  cloudwatchAlarmInsufficientData,
  cloudwatchAlarmOrphaned,
  stepfunctionsExecutionTimeout,
  stepfunctionsExpressNoLogs,
  stepfunctionsLogging,
  stepfunctionsTaskCatch,
  stepfunctionsTaskRetry,
  stepfunctionsXray,
  stepfunctionsLoggingAll,
  stepfunctionsCmk,
  stepfunctionsSecretsInDefinition,
  stepfunctionsTaskTimeout,
  stepfunctionsChoiceDefault,
  stepfunctionsMapConcurrency,
  stepfunctionsAlarm,
  stepfunctionsExpressDuration,
  stepfunctionsExecutionsFailing,
  stepfunctionsExecutionsThrottled,
  stepfunctionsUnused,
  apigatewayAccessLogging,
  apigatewayDataTrace,
  apigatewayDetailedMetrics,
  apigatewayRestCacheEncrypted,
  apigatewayRestCaching,
  apigatewayRestExecutionLogging,
  apigatewayRestMethodAuth,
  apigatewayRestWaf,
  apigatewayRestXray,
  apigatewayThrottling,
  apigatewayV2RouteAuth,
  apigateway5xxRate,
  snsCmk,
  snsDeliveryStatusLogging,
  snsHttpSubscription,
  snsKms,
  snsPendingSubscriptions,
  snsPublicPolicy,
  snsSignatureV2,
  snsSubscriptionDlq,
  snsTlsOnly,
  snsTracing,
  snsUnusedTopic,
  snsFailedNotifications,
  kinesisEncryption,
  kinesisIteratorAgeHigh,
  kinesisEnhancedMonitoring,
  kinesisNoConsumers,
  kinesisRetention,
  kinesisThroughputExceeded,
  eventbridgeBusPublic,
  eventbridgeRuleNoTargets,
  eventbridgeTargetDlq,
  eventbridgeTargetLambdaMissing,
  eventbridgeTargetRetry,
];

export const checkById: ReadonlyMap<string, Check> = new Map(allChecks.map((c) => [c.meta.id, c]));

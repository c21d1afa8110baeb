import { z } from 'zod';

/**
 * Limits the checks compare against, read from the `checks:` section of pillar.yml. Every key is
 * optional; defaults follow the catalog (Trusted Advisor's 10% error rule, Service Screener's
 * 50%/90% memory bands, cdk-nag's retention rule).
 */

const ratio = z
  .number()
  .min(0, 'expected a number between 0 and 1')
  .max(1, 'expected a number between 0 and 1');
const positiveInt = z.number().int('expected a whole number').positive('expected a number above 0');
const accountId = z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id');

export const ThresholdsSchema = z.strictObject({
  memoryHeadroom: ratio
    .default(0.9)
    .describe('Max memory used / configured at or above this is an out-of-memory risk.'),
  memoryOverprovisioned: ratio
    .default(0.5)
    .describe('p99 memory used / configured below this is over-provisioned.'),
  timeoutRisk: ratio.default(0.8).describe('p99 duration / timeout at or above this is a timeout risk.'),
  errorRate: ratio.default(0.1).describe('Highest daily error rate above this fails.'),
  timeoutRate: ratio
    .default(0.1)
    .describe('Share of invocations timing out above which a timeout finding is high rather than medium.'),
  coldStartShare: ratio.default(0.1).describe('Share of invocations that are cold starts above this fails.'),
  initP95Ms: positiveInt.default(1000).describe('p95 init duration above this fails, in milliseconds.'),
  minSampleInvocations: positiveInt
    .default(20)
    .describe('Log-derived statistics need at least this many REPORT lines to count.'),
  logRetentionMinDays: positiveInt
    .default(30)
    .describe('Log groups keeping events fewer days than this fail.'),
  logRetentionMaxDays: positiveInt
    .default(365)
    .describe('Function log groups keeping events more days than this fail.'),
  runtimeDeprecationWarningDays: positiveInt
    .default(180)
    .describe('A runtime deprecating within this many days is flagged.'),
  sharedRoleMaxFunctions: positiveInt
    .default(1)
    .describe('More functions than this sharing one execution role fails.'),
  iteratorAgeMaxMs: positiveInt
    .default(60_000)
    .describe('Stream iterator age above this fails, in milliseconds.'),
  timeoutOverprovisionedFactor: positiveInt
    .default(10)
    .describe('A timeout more than this many times the p99 duration is over-provisioned.'),
  timeoutOverprovisionedMinSeconds: positiveInt
    .default(30)
    .describe('Only timeouts above this many seconds are judged over-provisioned.'),
  accountConcurrencyUsage: ratio.default(0.8).describe('Account concurrency peak / limit above this fails.'),
  codeStorageUsage: ratio.default(0.8).describe('Code storage used / quota above this fails.'),
  provisionedConcurrencyMinUtilization: ratio
    .default(0.5)
    .describe('Provisioned concurrency peak utilization below this is waste.'),
  unusedDays: positiveInt
    .default(30)
    .describe('A function with no invocations that was last changed longer ago than this is unused.'),
  sqsVisibilityTimeoutFactor: positiveInt
    .default(6)
    .describe("An SQS queue's visibility timeout should be at least this many times the function timeout."),
  staleLogGroupDays: positiveInt
    .default(90)
    .describe('A log group with no new events for this many days is stale.'),
  infrequentAccessMinStoredGB: positiveInt
    .default(10)
    .describe('Standard-class groups storing more than this (GB) are candidates for Infrequent Access.'),
  sqsMaxReceiveCountMin: positiveInt
    .default(3)
    .describe('A redrive maxReceiveCount below this dead-letters messages after too few attempts.'),
  sqsMaxReceiveCountMax: positiveInt
    .default(20)
    .describe('A redrive maxReceiveCount above this retries poison messages for too long.'),
  sqsRetentionMinDays: positiveInt.default(4).describe('Queues keeping messages fewer days than this fail.'),
  dynamodbEmptyTableDays: positiveInt
    .default(30)
    .describe('A table still empty this many days after creation is flagged.'),
  dynamodbInfrequentAccessStorageShare: z
    .number()
    .positive('expected a number above 0')
    .default(1)
    .describe('Storage cost above this multiple of throughput cost makes Standard-IA the cheaper class.'),
  alarmInsufficientDataDays: positiveInt
    .default(7)
    .describe('An alarm in INSUFFICIENT_DATA for this many days is flagged.'),
  kinesisRetentionMinHours: positiveInt
    .default(168)
    .describe('Kinesis streams keeping records fewer hours than this fail (AWS default is 24).'),
  stepfunctionsFailureRate: ratio
    .default(0.05)
    .describe('Failed, timed-out and aborted executions / executions started above this fails.'),
  apigateway5xxRate: ratio.default(0.01).describe('API Gateway 5xx responses / requests above this fails.'),
  trustedLayerAccounts: z
    .array(accountId)
    .default([])
    .describe("Accounts whose layers are trusted, besides your own and AWS's Lambda Insights accounts."),
});

export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const defaultThresholds: Thresholds = ThresholdsSchema.parse({});

export type ParseThresholdsResult = { ok: true; thresholds: Thresholds } | { ok: false; problems: string[] };

/**
 * Reads the `checks:` section of pillar.yml (absent means all defaults). Every problem is listed,
 * each naming its key as `checks.<key>`, so the settings loader can report them all at once.
 */
export function parseThresholds(raw: unknown): ParseThresholdsResult {
  const result = ThresholdsSchema.safeParse(raw ?? {});
  if (!result.success) {
    const problems: string[] = [];
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push(`checks.${key}: unknown threshold`);
        continue;
      }
      const path = issue.path.length > 0 ? `checks.${issue.path.join('.')}` : 'checks';
      let message = issue.message;
      if (issue.code === 'invalid_type' && issue.path.length === 0) {
        message = 'expected a mapping of thresholds such as memoryHeadroom: 0.9';
      } else if (issue.code === 'invalid_type' && issue.expected !== 'int') {
        // zod's default text names both types; the key and the expected type are enough here.
        message = issue.expected === 'array' ? 'expected a list' : `expected a ${issue.expected}`;
      }
      problems.push(`${path}: ${message}`);
    }
    return { ok: false, problems };
  }
  const t = result.data;
  const ranges: string[] = [];
  if (t.logRetentionMinDays > t.logRetentionMaxDays) {
    ranges.push(
      `checks.logRetentionMinDays: ${t.logRetentionMinDays} is above checks.logRetentionMaxDays (${t.logRetentionMaxDays})`,
    );
  }
  if (t.sqsMaxReceiveCountMin > t.sqsMaxReceiveCountMax) {
    ranges.push(
      `checks.sqsMaxReceiveCountMin: ${t.sqsMaxReceiveCountMin} is above checks.sqsMaxReceiveCountMax (${t.sqsMaxReceiveCountMax})`,
    );
  }
  if (ranges.length > 0) return { ok: false, problems: ranges };
  return { ok: true, thresholds: t };
}

import { DAY, fn, group, NOW, snapshot, statement, tel } from './builders.js';
import { type CaseTable, compliant, fails, notApplicable, notAssessed } from './cases.js';

const GB = 1024 ** 3;
const lambdaGroup = '/aws/lambda/orders-api';
const withGroups = (...logGroups: ReturnType<typeof group>[]) => snapshot({ logGroups });
const noGroups = snapshot({ functions: [], logGroups: [] });

export const logsCases: CaseTable = {
  'logs-retention-set': [
    { name: '30 days', snapshot: snapshot(), expect: compliant },
    {
      name: 'never expires',
      snapshot: withGroups(group({ retentionInDays: undefined })),
      expect: fails({ resourceName: lambdaGroup, message: 'retention is Never expire' }),
    },
    { name: 'no log groups', snapshot: noGroups, expect: notApplicable(/no log groups/) },
  ],

  'logs-retention-minimum': [
    { name: '30 days meets the minimum', snapshot: snapshot(), expect: compliant },
    {
      name: '7 days is too short',
      snapshot: withGroups(group({ retentionInDays: 7 })),
      expect: fails({ resourceName: lambdaGroup, message: 'retention 7 days is below the 30-day minimum' }),
    },
    {
      name: 'a lower configured minimum',
      snapshot: withGroups(group({ retentionInDays: 7 })),
      thresholds: { logRetentionMinDays: 7 },
      expect: compliant,
    },
    {
      name: 'no group has a retention period',
      snapshot: withGroups(group({ retentionInDays: undefined })),
      expect: notApplicable(/retention/),
    },
  ],

  'logs-retention-excessive': [
    { name: '30 days', snapshot: snapshot(), expect: compliant },
    {
      name: 'ten years on a function group and on a custom function group',
      snapshot: snapshot({
        functions: [fn(), fn({ name: 'billing', logging: { format: 'JSON', logGroup: '/orders/billing' } })],
        logGroups: [
          group({ retentionInDays: 3653 }),
          group({ name: '/orders/billing', retentionInDays: 3653 }),
        ],
      }),
      expect: fails(
        { resourceName: lambdaGroup, message: 'retention 3653 days is above 365 days' },
        { resourceName: '/orders/billing', message: 'retention 3653 days is above 365 days' },
      ),
    },
    {
      name: 'other services’ groups are out of scope',
      snapshot: withGroups(group({ name: '/ecs/web', retentionInDays: 3653 })),
      expect: notApplicable(/function log groups/),
    },
  ],

  'logs-kms': [
    { name: 'a KMS key', snapshot: snapshot(), expect: compliant },
    {
      name: 'no key',
      snapshot: withGroups(group({ kmsKeyId: undefined })),
      expect: fails({ resourceName: lambdaGroup, message: 'no KMS key associated' }),
    },
    { name: 'no log groups', snapshot: noGroups, expect: notApplicable() },
  ],

  'logs-lambda-group-missing': [
    {
      name: 'the group exists',
      snapshot: snapshot({ telemetry: { 'orders-api': tel() } }),
      expect: compliant,
    },
    {
      name: 'invoked but no group',
      snapshot: snapshot({ logGroups: [], telemetry: { 'orders-api': tel() } }),
      expect: fails({
        resourceName: 'orders-api',
        message: '1000 invocations in 14 days but log group /aws/lambda/orders-api does not exist',
      }),
    },
    {
      name: 'never invoked, so no group is expected',
      snapshot: snapshot({ logGroups: [], telemetry: { 'orders-api': tel({ invocations: 0 }) } }),
      expect: notApplicable(/invoked/),
    },
    {
      name: 'invocations not measured',
      snapshot: snapshot({ logGroups: [] }),
      expect: notAssessed(/invocation count/),
    },
  ],

  'logs-orphaned-lambda-group': [
    {
      name: 'every group has its function; Lambda@Edge replicas are skipped',
      snapshot: withGroups(group(), group({ name: '/aws/lambda/us-east-1.edge-rewrite' })),
      expect: compliant,
    },
    {
      name: 'a group left by a deleted function',
      snapshot: withGroups(group(), group({ name: '/aws/lambda/old-job', storedBytes: 3 * GB })),
      expect: fails({
        resourceName: '/aws/lambda/old-job',
        message: 'no function named old-job; 3.0 GB stored',
      }),
    },
    {
      name: 'no /aws/lambda/ groups',
      snapshot: withGroups(group({ name: '/ecs/web' })),
      expect: notApplicable(/\/aws\/lambda\//),
    },
  ],

  'logs-stale-streams': [
    { name: 'events yesterday', snapshot: snapshot(), expect: compliant },
    {
      name: 'a recently created empty group',
      snapshot: withGroups(group({ lastIngestionTime: null, creationTime: NOW - 5 * DAY })),
      expect: compliant,
    },
    {
      name: 'silent for 143 days, and empty for 200',
      snapshot: withGroups(
        group({ lastIngestionTime: NOW - 143 * DAY }),
        group({ name: '/aws/lambda/empty', lastIngestionTime: null, creationTime: NOW - 200 * DAY }),
      ),
      expect: fails(
        { resourceName: lambdaGroup, message: 'no events for 143 days (last on 2026-07-08)' },
        { resourceName: '/aws/lambda/empty', message: 'no log streams since it was created on 2026-05-12' },
      ),
    },
    {
      name: 'stream times not collected',
      snapshot: withGroups(group({ lastIngestionTime: undefined })),
      expect: notAssessed(/not collected/),
    },
    { name: 'no log groups', snapshot: noGroups, expect: notApplicable() },
  ],

  'logs-public-resource-policy': [
    {
      name: 'a service principal',
      snapshot: snapshot({
        resourcePolicies: [
          {
            name: 'vpc-flow-logs',
            statements: [
              statement({ principals: ['delivery.logs.amazonaws.com'], actions: ['logs:PutLogEvents'] }),
            ],
          },
        ],
      }),
      expect: compliant,
    },
    {
      name: 'anyone may write',
      snapshot: snapshot({
        resourcePolicies: [
          {
            name: 'open-policy',
            statements: [statement({ principals: ['*'], actions: ['logs:PutLogEvents'], conditionKeys: [] })],
          },
        ],
      }),
      expect: fails({
        resourceName: 'open-policy',
        message: 'allows "*" to logs:PutLogEvents with no source condition',
      }),
    },
    {
      name: 'no policies',
      snapshot: snapshot({ resourcePolicies: [] }),
      expect: notApplicable(/no CloudWatch Logs/),
    },
    { name: 'not collected', snapshot: snapshot(), expect: notAssessed(/not collected/) },
  ],

  'logs-infrequent-access-class': [
    { name: 'a small group', snapshot: snapshot(), expect: compliant },
    {
      name: 'a large group with a metric filter must stay Standard',
      snapshot: withGroups(group({ storedBytes: 120 * GB, metricFilterCount: 2 })),
      expect: compliant,
    },
    {
      name: 'a large group with unknown subscriptions is skipped',
      snapshot: withGroups(group({ storedBytes: 120 * GB, subscriptionFilterCount: undefined })),
      expect: compliant,
    },
    {
      name: 'a large group with no filters',
      snapshot: withGroups(group({ storedBytes: 120 * GB })),
      expect: fails({
        resourceName: lambdaGroup,
        message: '120 GB stored on Standard with no metric or subscription filters',
        severity: 'info',
      }),
    },
    {
      name: 'only Infrequent Access groups',
      snapshot: withGroups(group({ logGroupClass: 'INFREQUENT_ACCESS' })),
      expect: notApplicable(/Standard/),
    },
  ],
};

import { describe, expect, it, vi } from 'vitest';
import { allChecks } from '../../checks/index.js';
import {
  detailActions,
  failsAt,
  runChecks,
  type ScanResult,
  selectChecks,
  summarize,
} from '../../checks/runner.js';
import { defaultThresholds } from '../../checks/thresholds.js';
import { type Check, type CheckMeta, type CheckResult, defineCheck } from '../../checks/types.js';
import { PillarError } from '../../src/errors.js';
import { esm, fn, kinesisEsm, queue, snapshot, statement, table, tel, unavailable } from './builders.js';

function fake(meta: Partial<CheckMeta>, run: Check['run']): Check {
  return defineCheck({
    meta: {
      id: 'lambda-fake',
      title: 'A fake check',
      service: 'lambda',
      pillar: 'reliability',
      severity: 'medium',
      rationale: 'For tests.',
      remediation: 'None needed.',
      docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/welcome.html',
      data: 'config',
      needs: ['lambda'],
      ...meta,
    },
    run,
  });
}

const byId = (results: ScanResult[], id: string) => results.find((r) => r.meta.id === id)!;
const failing: CheckResult = {
  status: 'non_compliant',
  findings: [{ resourceId: 'arn:x', resourceName: 'x', message: 'bad' }],
};

describe('runChecks', () => {
  it('reports a check that throws as error with its message, and still runs the others', () => {
    const checks = [
      fake({ id: 'lambda-throws' }, () => {
        throw new Error('boom: undefined is not iterable');
      }),
      fake({ id: 'lambda-passes' }, () => ({ status: 'compliant' })),
    ];
    const results = runChecks(snapshot(), { checks });
    expect(byId(results, 'lambda-throws')).toMatchObject({
      status: 'error',
      error: 'boom: undefined is not iterable',
    });
    expect(byId(results, 'lambda-passes').status).toBe('compliant');
  });

  it('never turns a malformed verdict into a pass', () => {
    const checks = [
      fake({ id: 'lambda-empty' }, () => ({ status: 'non_compliant', findings: [] })),
      fake({ id: 'lambda-odd' }, () => ({ status: 'passed' }) as unknown as CheckResult),
      fake({ id: 'lambda-string-thrown' }, () => {
        throw 'plain string';
      }),
    ];
    const results = runChecks(snapshot(), { checks });
    expect(results.map((r) => r.status)).toEqual(['error', 'error', 'error']);
    expect(byId(results, 'lambda-odd')).toMatchObject({ error: expect.stringContaining('"passed"') });
    expect(byId(results, 'lambda-string-thrown')).toMatchObject({ error: 'plain string' });
  });

  it('does not run a check whose service is unavailable, and says why', () => {
    const run = vi.fn((): CheckResult => ({ status: 'compliant' }));
    const checks = [fake({ id: 'lambda-metrics', needs: ['lambda', 'cloudwatch'] }, run)];
    const snap = snapshot({
      unavailable: [
        unavailable({
          service: 'cloudwatch',
          action: 'cloudwatch:GetMetricData',
          message: 'User is not authorized',
        }),
      ],
    });
    const [result] = runChecks(snap, { checks });
    expect(result).toMatchObject({
      status: 'not_assessed',
      reason: expect.stringContaining('cloudwatch:GetMetricData'),
    });
    expect(run).not.toHaveBeenCalled();
  });

  it('blocks only the checks that read a failed per-resource call', () => {
    const snap = snapshot({
      functions: [fn({ policy: [statement({ principals: ['*'], conditionKeys: [] })] })],
      unavailable: [unavailable({ action: 'lambda:GetPolicy' })],
    });
    const results = runChecks(snap);
    expect(byId(results, 'lambda-public-policy').status).toBe('not_assessed');
    expect(byId(results, 'lambda-dlq-configured').status).toBe('not_assessed');
    expect(byId(results, 'lambda-tracing-active').status).toBe('compliant');
  });

  it('keeps findings when a call failed for some resources only, but never passes', () => {
    const partial = unavailable({
      action: 'lambda:GetPolicy',
      code: 'aws_throttled',
      message: 'throttled',
      resources: ['b'],
    });
    const open = fn({ name: 'a', policy: [statement({ principals: ['*'], conditionKeys: [] })] });
    const withFinding = runChecks(
      snapshot({ functions: [open, fn({ name: 'b' })], unavailable: [partial] }),
      {
        only: { ids: ['lambda-public-policy'] },
      },
    );
    expect(withFinding[0]).toMatchObject({
      status: 'non_compliant',
      incomplete: 'lambda:GetPolicy failed for b',
      findings: [{ resourceName: 'a' }],
    });
    const clean = runChecks(
      snapshot({ functions: [fn({ name: 'a' }), fn({ name: 'b' })], unavailable: [partial] }),
      {
        only: { ids: ['lambda-public-policy', 'lambda-tracing-active'] },
      },
    );
    expect(byId(clean, 'lambda-public-policy')).toMatchObject({
      status: 'not_assessed',
      reason: 'lambda:GetPolicy failed for b',
    });
    expect(byId(clean, 'lambda-tracing-active').status).toBe('compliant');
  });

  it("marks every queue check not assessed when one queue's attributes could not be read", () => {
    const throttled = unavailable({
      service: 'sqs',
      action: 'sqs:GetQueueAttributes',
      code: 'aws_throttled',
      message: 'throttled',
      resources: ['payments-queue'],
    });
    // The queue that was read is clean; the unread one is missing from the snapshot.
    const results = runChecks(snapshot({ queues: [queue()], unavailable: [throttled] }));
    for (const r of results.filter((x) => x.meta.service === 'sqs')) {
      expect(r.status, r.meta.id).toBe('not_assessed');
      expect(r.incomplete, r.meta.id).toBe('sqs:GetQueueAttributes failed for payments-queue');
    }
    for (const r of results.filter((x) => !x.meta.needs.includes('sqs')))
      expect(r.incomplete, r.meta.id).toBeUndefined();
    // A finding on the queue that was read still stands.
    const found = runChecks(
      snapshot({ queues: [queue({ messageRetentionSeconds: 3600 })], unavailable: [throttled] }),
      { only: { ids: ['sqs-retention'] } },
    );
    expect(found[0]).toMatchObject({
      status: 'non_compliant',
      incomplete: 'sqs:GetQueueAttributes failed for payments-queue',
      findings: [{ resourceName: 'orders-queue' }],
    });
  });

  it('blocks no queue check when only tags could not be read', () => {
    const results = runChecks(
      snapshot({
        queues: [queue()],
        unavailable: [
          unavailable({
            service: 'sqs',
            action: 'sqs:ListQueueTags',
            code: 'aws_throttled',
            message: 'throttled',
            resources: ['orders-queue'],
          }),
        ],
      }),
      { only: { service: 'sqs' } },
    );
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.status, r.meta.id).not.toBe('not_assessed');
      expect(r.incomplete, r.meta.id).toBeUndefined();
    }
  });

  it('blocks only the table checks that read a failed per-table call', () => {
    const failed = (action: string) =>
      unavailable({
        service: 'dynamodb',
        action,
        code: 'aws_throttled',
        message: 'throttled',
        resources: ['ledger'],
      });
    const backups = runChecks(
      snapshot({ tables: [table()], unavailable: [failed('dynamodb:DescribeContinuousBackups')] }),
      { only: { service: 'dynamodb' } },
    );
    expect(byId(backups, 'dynamodb-pitr')).toMatchObject({
      status: 'not_assessed',
      reason: 'dynamodb:DescribeContinuousBackups failed for ledger',
    });
    expect(byId(backups, 'dynamodb-ttl').status).toBe('compliant');
    expect(byId(backups, 'dynamodb-deletion-protection').status).toBe('compliant');

    const ttl = runChecks(
      snapshot({ tables: [table()], unavailable: [failed('dynamodb:DescribeTimeToLive')] }),
      { only: { service: 'dynamodb' } },
    );
    expect(byId(ttl, 'dynamodb-ttl').status).toBe('not_assessed');
    expect(byId(ttl, 'dynamodb-pitr').status).toBe('compliant');

    const described = runChecks(
      snapshot({ tables: [table()], unavailable: [failed('dynamodb:DescribeTable')] }),
      { only: { service: 'dynamodb' } },
    );
    for (const r of described)
      expect(r.incomplete, r.meta.id).toBe('dynamodb:DescribeTable failed for ledger');

    const tags = runChecks(
      snapshot({ tables: [table()], unavailable: [failed('dynamodb:ListTagsOfResource')] }),
      { only: { service: 'dynamodb' } },
    );
    for (const r of tags) expect(r.incomplete, r.meta.id).toBeUndefined();
  });

  it('has every queue and table check read the call without which its resource is missing', () => {
    expect(detailActions.has('sqs:GetQueueAttributes')).toBe(true);
    expect(detailActions.has('dynamodb:DescribeTable')).toBe(true);
    for (const { meta } of allChecks) {
      if (meta.service === 'sqs') expect(meta.reads, meta.id).toContain('sqs:GetQueueAttributes');
      if (meta.service === 'dynamodb') expect(meta.reads, meta.id).toContain('dynamodb:DescribeTable');
    }
  });

  it('blocks every check of a service whose listing failed', () => {
    const results = runChecks(snapshot({ unavailable: [unavailable({ action: 'lambda:ListFunctions' })] }));
    for (const r of results.filter((x) => x.meta.needs.includes('lambda')))
      expect(r.status, r.meta.id).toBe('not_assessed');
    expect(byId(results, 'logs-kms').status).toBe('compliant');
  });

  it('gives a clean account only passes and not-applicables', () => {
    const snap = {
      ...snapshot({
        eventSourceMappings: [esm(), kinesisEsm()],
        telemetry: { 'orders-api': tel() },
        accountTelemetry: { concurrentExecutionsMax: 100 },
        resourcePolicies: [],
      }),
      apigateway: { restApis: [], v2Apis: [] },
      sns: { topics: [] },
      kinesis: { streams: [] },
      eventbridge: { buses: [], rules: [] },
    };
    const results = runChecks(snap);
    expect(results).toHaveLength(allChecks.length);
    const bad = results.filter((r) => r.status !== 'compliant' && r.status !== 'not_applicable');
    expect(bad.map((r) => `${r.meta.id}: ${r.status}`)).toEqual([]);
  });

  it('carries the effective severity of the worst finding', () => {
    const soon = snapshot({ functions: [fn({ runtime: 'nodejs22.x' })], takenAt: Date.UTC(2027, 3, 10) });
    const [result] = runChecks(soon, { only: { ids: ['lambda-runtime-deprecation-soon'] } });
    expect(result).toMatchObject({ status: 'non_compliant', severity: 'high' });
    expect(result!.meta.severity).toBe('medium');
  });

  it('times each check with the timer it is given', () => {
    let t = 0;
    const timer = () => {
      t += 5;
      return t;
    };
    const [result] = runChecks(snapshot(), { checks: [fake({}, () => ({ status: 'compliant' }))], timer });
    expect(result!.durationMs).toBe(5);
  });

  it('passes thresholds through to the checks', () => {
    const snap = snapshot({
      functions: ['a', 'b'].map((name) => fn({ name, role: 'arn:aws:iam::111122223333:role/x' })),
    });
    const only = { ids: ['lambda-shared-role'] };
    expect(runChecks(snap, { only })[0]!.status).toBe('non_compliant');
    expect(
      runChecks(snap, { only, thresholds: { ...defaultThresholds, sharedRoleMaxFunctions: 2 } })[0]!.status,
    ).toBe('compliant');
  });
});

describe('selectChecks', () => {
  it('filters by pillar, service, minimum severity and ids', () => {
    const security = selectChecks(allChecks, { pillar: 'security' });
    expect(security.length).toBeGreaterThan(0);
    expect(security.every((c) => c.meta.pillar === 'security')).toBe(true);

    const logs = selectChecks(allChecks, { service: 'logs' });
    expect(logs.map((c) => c.meta.service)).toEqual(logs.map(() => 'logs'));
    expect(logs.length).toBe(allChecks.filter((c) => c.meta.id.startsWith('logs-')).length);

    const high = selectChecks(allChecks, { minSeverity: 'high' });
    expect(high.every((c) => c.meta.severity === 'high' || c.meta.severity === 'critical')).toBe(true);
    expect(high.map((c) => c.meta.id)).toContain('lambda-env-secrets');
    expect(high.map((c) => c.meta.id)).not.toContain('lambda-arm64');

    const both = selectChecks(allChecks, { pillar: 'security', minSeverity: 'critical' });
    expect(both.map((c) => c.meta.id).sort()).toEqual([
      'lambda-env-secrets',
      'lambda-public-policy',
      'sns-public-policy',
      'sqs-public-policy',
      'stepfunctions-secrets-in-definition',
    ]);

    expect(selectChecks(allChecks, { ids: ['logs-kms'] }).map((c) => c.meta.id)).toEqual(['logs-kms']);
  });

  it('rejects unknown ids instead of scanning nothing', () => {
    expect(() => selectChecks(allChecks, { ids: ['logs-kms', 'lambda-nope'] })).toThrow(PillarError);
    expect(() => selectChecks(allChecks, { ids: ['lambda-nope'] })).toThrow(/lambda-nope/);
  });
});

describe('summarize and failsAt', () => {
  const checks = [
    fake({ id: 'lambda-a', pillar: 'security', severity: 'high' }, () => failing),
    fake({ id: 'lambda-b', pillar: 'security', severity: 'low' }, () => ({
      status: 'non_compliant',
      findings: [
        { resourceId: '1', resourceName: '1', message: 'm' },
        { resourceId: '2', resourceName: '2', message: 'm', severity: 'critical' },
      ],
    })),
    fake({ id: 'lambda-c', pillar: 'reliability' }, () => ({ status: 'compliant' })),
    fake({ id: 'lambda-d', pillar: 'reliability' }, () => ({ status: 'not_applicable', reason: 'none' })),
    fake({ id: 'lambda-e', pillar: 'reliability' }, () => ({ status: 'not_assessed', reason: 'no data' })),
    fake({ id: 'lambda-f', pillar: 'costOptimization' }, () => {
      throw new Error('x');
    }),
  ];
  const results = runChecks(snapshot(), { checks });

  it('counts per pillar and in total', () => {
    const s = summarize(results);
    expect(s.byPillar.security.failing).toEqual({ critical: 1, high: 1, medium: 0, low: 0, info: 0 });
    expect(s.byPillar.security.findings).toBe(3);
    expect(s.byPillar.reliability).toMatchObject({
      compliant: 1,
      notApplicable: 1,
      notAssessed: 1,
      errors: 0,
    });
    expect(s.byPillar.costOptimization.errors).toBe(1);
    expect(s.byPillar.sustainability).toMatchObject({ compliant: 0, errors: 0, findings: 0 });
    expect(s.total).toMatchObject({ compliant: 1, notApplicable: 1, notAssessed: 1, errors: 1, findings: 3 });
  });

  it('fails at a severity when a finding reaches it, and always on errors', () => {
    const noErrors = results.filter((r) => r.status !== 'error');
    expect(failsAt(noErrors, 'critical')).toBe(true);
    const onlyHigh = noErrors.filter((r) => r.meta.id !== 'lambda-b');
    expect(failsAt(onlyHigh, 'critical')).toBe(false);
    expect(failsAt(onlyHigh, 'high')).toBe(true);
    expect(
      failsAt(
        results.filter((r) => r.status === 'error'),
        'critical',
      ),
    ).toBe(true);
  });
});

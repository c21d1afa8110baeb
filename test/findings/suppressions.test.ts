import { describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.js';
import type { ScanResult } from '../../checks/runner.js';
import type { CheckSeverity, Finding } from '../../checks/types.js';
import { addSuppression, syncSettingsSuppressions } from '../../src/findings/store.js';
import {
  leaveOutSuppressed,
  type Suppression,
  suppressionsInForce,
} from '../../src/findings/suppressions.js';
import { testDb } from '../helpers/db.js';

const meta = (id: string) => {
  const c = allChecks.find((x) => x.meta.id === id);
  if (!c) throw new Error(id);
  return c.meta;
};
const fn = (name: string, severity?: CheckSeverity): Finding => ({
  resourceId: `arn:aws:lambda:us-east-1:111122223333:function:${name}`,
  resourceName: name,
  message: 'x',
  ...(severity ? { severity } : {}),
});
const failing = (id: string, ...findings: Finding[]): ScanResult => ({
  meta: meta(id),
  durationMs: 0,
  status: 'non_compliant',
  severity: 'critical',
  findings,
});
const rule = (checkId: string, resource: string, reason = 'why'): Suppression => ({
  checkId,
  resource,
  reason,
  expiresAt: Date.parse('2027-01-01T00:00:00Z'),
  source: 'settings',
});

describe('leaving suppressed findings out of check results', () => {
  it('keeps a check with its unsuppressed findings (severity from those), and drops a fully suppressed one', () => {
    const results: ScanResult[] = [
      failing('lambda-timeout-risk', fn('legacy-a', 'critical'), fn('orders', 'low')),
      failing('lambda-dlq-configured', fn('legacy-b')),
      { meta: meta('lambda-arm64'), durationMs: 0, status: 'compliant' },
    ];
    const suppressions = [rule('*', 'legacy-*', 'vendor binary')];
    const out = leaveOutSuppressed(results, suppressions);
    expect(out.results.map((r) => r.meta.id)).toEqual(['lambda-timeout-risk', 'lambda-arm64']);
    const kept = out.results[0] as Extract<ScanResult, { status: 'non_compliant' }>;
    expect(kept.findings.map((f) => f.resourceName)).toEqual(['orders']);
    expect(kept.severity).toBe('low');
    expect(out.suppressed.map((s) => [s.meta.id, s.finding.resourceName, s.suppression.reason])).toEqual([
      ['lambda-timeout-risk', 'legacy-a', 'vendor binary'],
      ['lambda-dlq-configured', 'legacy-b', 'vendor binary'],
    ]);
  });

  it('matches the check id and the resource by name or id; other results pass through as they were', () => {
    const results = [
      failing('lambda-timeout-risk', fn('orders')),
      failing('lambda-dlq-configured', fn('orders')),
    ];
    const byArn = leaveOutSuppressed(results, [rule('lambda-dlq-configured', 'arn:aws:lambda:*:orders')]);
    expect(byArn.results).toEqual([results[0]]);
    expect(byArn.suppressed).toHaveLength(1);
    expect(leaveOutSuppressed(results, [rule('lambda-dlq-configured', 'payments')]).results).toEqual(results);
    expect(leaveOutSuppressed(results, []).results).toEqual(results);
  });
});

describe('suppressions in force', () => {
  const NOW = Date.parse('2026-11-28T12:00:00Z');

  it("reads the settings file's entries as written, ignoring expired ones and stale synced rows, plus Slack's", () => {
    const db = testDb();
    // Synced from an earlier settings file; the file no longer has it.
    syncSettingsSuppressions(
      db,
      [{ check: 'lambda-arm64', reason: 'old', expires: '2027-06-30' }],
      NOW - 86_400_000,
    );
    addSuppression(
      db,
      {
        checkId: 'lambda-dlq-configured',
        resource: 'orders',
        reason: 'from slack',
        expiresAt: NOW + 86_400_000,
        createdBy: 'U0ALICE01',
        source: 'slack',
      },
      NOW - 1000,
    );
    addSuppression(
      db,
      {
        checkId: 'lambda-timeout-risk',
        resource: '*',
        reason: 'expired in slack',
        expiresAt: NOW - 1,
        createdBy: 'U0ALICE01',
        source: 'slack',
      },
      NOW - 86_400_000,
    );
    const inForce = suppressionsInForce(
      db,
      [
        { check: 'lambda-timeout-risk', resource: 'legacy-*', reason: 'rewrite', expires: '2027-03-31' },
        { check: 'lambda-memory-outage-risk', reason: 'ended', expires: '2026-11-28' },
      ],
      NOW,
    );
    expect(inForce.map((s) => [s.checkId, s.resource, s.reason, s.source])).toEqual([
      ['lambda-timeout-risk', 'legacy-*', 'rewrite', 'settings'],
      ['lambda-dlq-configured', 'orders', 'from slack', 'slack'],
    ]);
    expect(inForce[0]!.expiresAt).toBe(Date.parse('2027-03-31T00:00:00Z'));
  });
});

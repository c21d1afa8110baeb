import { describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.js';
import type { ScanResult } from '../../checks/runner.js';
import type { Finding } from '../../checks/types.js';
import {
  activeSuppressions,
  addSuppression,
  failingByPillar,
  openFindings,
  recordScan,
  syncSettingsSuppressions,
} from '../../src/findings/store.js';
import { testDb } from '../helpers/db.js';

const meta = (id: string) => {
  const c = allChecks.find((x) => x.meta.id === id);
  if (!c) throw new Error(id);
  return c.meta;
};
const T = { account: 'prod', region: 'us-east-1' };
const fn = (name: string, message = 'too close'): Finding => ({
  resourceId: `arn:aws:lambda:us-east-1:111122223333:function:${name}`,
  resourceName: name,
  message,
});
const failing = (id: string, ...findings: Finding[]): ScanResult => ({
  meta: meta(id),
  durationMs: 0,
  status: 'non_compliant',
  severity: meta(id).severity,
  findings,
});
const ok = (id: string): ScanResult => ({ meta: meta(id), durationMs: 0, status: 'compliant' });
const notAssessed = (id: string): ScanResult => ({
  meta: meta(id),
  durationMs: 0,
  status: 'not_assessed',
  reason: 'x',
});

describe('recordScan', () => {
  it('opens, keeps, fixes and reopens findings, keeping first seen', () => {
    const db = testDb();
    const first = recordScan(db, T, [failing('lambda-timeout-risk', fn('a'), fn('b'))], 1000);
    expect(first.opened.map((f) => f.resourceName).sort()).toEqual(['a', 'b']);
    expect(first.fixed).toEqual([]);

    const second = recordScan(db, T, [failing('lambda-timeout-risk', fn('a', 'closer'))], 2000);
    expect(second.still.map((f) => f.resourceName)).toEqual(['a']);
    expect(second.still[0]).toMatchObject({ firstSeenAt: 1000, lastSeenAt: 2000, message: 'closer' });
    expect(second.fixed.map((f) => f.resourceName)).toEqual(['b']);
    expect(second.fixed[0]?.fixedAt).toBe(2000);
    expect(second.opened).toEqual([]);

    const third = recordScan(db, T, [failing('lambda-timeout-risk', fn('a'), fn('b'))], 3000);
    expect(third.opened.map((f) => f.resourceName)).toEqual(['b']);
    expect(third.opened[0]).toMatchObject({ firstSeenAt: 1000, fixedAt: null, reopenedAt: 3000 });
    expect(openFindings(db, 3000)).toHaveLength(2);

    const fourth = recordScan(db, T, [ok('lambda-timeout-risk')], 4000);
    expect(fourth.fixed).toHaveLength(2);
    expect(openFindings(db, 4000)).toHaveLength(0);
  });

  it('does not fix findings of checks that were not assessed, errored or absent from the scan', () => {
    const db = testDb();
    recordScan(
      db,
      T,
      [failing('lambda-timeout-risk', fn('a')), failing('lambda-dlq-configured', fn('a'))],
      1000,
    );
    const r = recordScan(
      db,
      T,
      [
        notAssessed('lambda-timeout-risk'),
        { meta: meta('lambda-dlq-configured'), durationMs: 0, status: 'error', error: 'boom' },
      ],
      2000,
    );
    expect(r.fixed).toEqual([]);
    expect(openFindings(db, 2000)).toHaveLength(2);
    // Another region's scan never touches these.
    expect(recordScan(db, { ...T, region: 'eu-west-1' }, [ok('lambda-timeout-risk')], 3000).fixed).toEqual(
      [],
    );
  });

  it('counts failing findings per pillar, leaving out suppressed ones until the suppression expires', () => {
    const db = testDb();
    recordScan(db, T, [failing('lambda-timeout-risk', fn('a'), fn('b'))], 1000);
    const pillar = meta('lambda-timeout-risk').pillar;
    const total = () => Object.values(failingByPillar(db, now)[pillar]).reduce((x, y) => x + y, 0);
    let now = 1000;
    expect(total()).toBe(2);
    addSuppression(
      db,
      {
        checkId: 'lambda-timeout-risk',
        resource: 'a',
        reason: 'r',
        expiresAt: 5000,
        createdBy: 'U1',
        source: 'slack',
      },
      1000,
    );
    expect(total()).toBe(1);
    now = 6000;
    expect(total()).toBe(2);
  });
});

describe('settings suppressions', () => {
  it('sync idempotently and retire entries removed from the file', () => {
    const db = testDb();
    const list = [{ check: '*', resource: 'legacy-*', reason: 'retiring', expires: '2099-01-01' }];
    expect(syncSettingsSuppressions(db, list, 1)).toEqual({ added: 1, retired: 0 });
    expect(syncSettingsSuppressions(db, list, 2)).toEqual({ added: 0, retired: 0 });
    expect(activeSuppressions(db, 3)).toHaveLength(1);
    expect(activeSuppressions(db, 3)[0]).toMatchObject({ createdBy: 'settings', resource: 'legacy-*' });
    expect(syncSettingsSuppressions(db, [], 4)).toEqual({ added: 0, retired: 1 });
    expect(activeSuppressions(db, 5)).toHaveLength(0);
  });
});

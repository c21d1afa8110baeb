import { expect } from 'vitest';
import { checkById } from '../../checks/index.js';
import { defaultThresholds, type Thresholds } from '../../checks/thresholds.js';
import type { CheckResult, CheckSeverity } from '../../checks/types.js';
import type { Snapshot } from '../../src/inventory/snapshot.js';

/**
 * Table-driven check tests (after ESLint's RuleTester): each case is a snapshot and the verdict it
 * must produce. The tables are plain modules so the registry test can see which outcomes each
 * check's table covers.
 */

export interface ExpectedFinding {
  resourceName: string;
  /** Exact text, or a pattern when the message carries a computed figure. */
  message: string | RegExp;
  severity?: CheckSeverity;
}

export type Expected =
  | { status: 'compliant' }
  | { status: 'not_applicable'; reason?: RegExp }
  | { status: 'not_assessed'; reason?: RegExp }
  | { status: 'non_compliant'; findings: ExpectedFinding[] };

export interface Case {
  name: string;
  snapshot: Snapshot;
  thresholds?: Partial<Thresholds>;
  expect: Expected;
}

export type CaseTable = Record<string, Case[]>;

export const compliant: Expected = { status: 'compliant' };
export const notApplicable = (reason?: RegExp): Expected => ({
  status: 'not_applicable',
  ...(reason ? { reason } : {}),
});
export const notAssessed = (reason?: RegExp): Expected => ({
  status: 'not_assessed',
  ...(reason ? { reason } : {}),
});
export const fails = (...findings: ExpectedFinding[]): Expected => ({ status: 'non_compliant', findings });

export function runCase(checkId: string, c: Case): CheckResult {
  const check = checkById.get(checkId);
  if (!check) throw new Error(`no check ${checkId} in the registry`);
  const result = check.run(c.snapshot, { ...defaultThresholds, ...c.thresholds });
  expect(result.status).toBe(c.expect.status);
  if (c.expect.status === 'non_compliant' && result.status === 'non_compliant') {
    expect(result.findings).toHaveLength(c.expect.findings.length);
    c.expect.findings.forEach((want, i) => {
      const got = result.findings[i]!;
      expect(got.resourceName).toBe(want.resourceName);
      if (typeof want.message === 'string') expect(got.message).toBe(want.message);
      else expect(got.message).toMatch(want.message);
      if (want.severity) expect(got.severity ?? check.meta.severity).toBe(want.severity);
      expect(got.resourceId.length).toBeGreaterThan(0);
    });
  }
  if (
    (c.expect.status === 'not_applicable' || c.expect.status === 'not_assessed') &&
    (result.status === 'not_applicable' || result.status === 'not_assessed')
  ) {
    expect(result.reason.length).toBeGreaterThan(0);
    if (c.expect.reason) expect(result.reason).toMatch(c.expect.reason);
  }
  return result;
}

/** Which of the three required outcomes a table covers for each check id. */
export function outcomesCovered(table: CaseTable): Map<string, Set<Expected['status']>> {
  return new Map(
    Object.entries(table).map(([id, cases]) => [id, new Set(cases.map((c) => c.expect.status))]),
  );
}

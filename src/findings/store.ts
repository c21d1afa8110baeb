import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { allChecks } from '../../checks/index.js';
import type { ScanResult } from '../../checks/runner.js';
import type { CheckMeta, CheckService } from '../../checks/types.js';
import type { SuppressionSettings } from '../config.js';
import type { Db } from '../db/client.js';
import { findings, scans, suppressions } from '../db/schema.js';
import { matchesAny } from '../patterns.js';
import {
  type CheckSeverity,
  checkSeverities,
  checkSeverityRank,
  type Pillar,
  pillars,
} from '../vocabulary.js';

/**
 * Findings over time. A scan's results are recorded in one transaction: what is reported is
 * upserted (first seen kept, last seen moved), what a judged check stopped reporting is fixed,
 * and a fixed finding that comes back reopens. Checks that could not judge (not assessed, error,
 * or a failing check with gaps) never fix anything.
 */

export type FindingRow = typeof findings.$inferSelect;
export type SuppressionRow = typeof suppressions.$inferSelect;
export type ScanRow = typeof scans.$inferSelect;

export interface ScanTarget {
  account: string;
  region: string;
}

export interface RecordedScan {
  scanId: number;
  /** New findings, and fixed ones that came back. */
  opened: FindingRow[];
  fixed: FindingRow[];
  still: FindingRow[];
}

const metaById = new Map<string, CheckMeta>(allChecks.map((c) => [c.meta.id, c.meta]));

/** The registry's metadata of a check (title, remediation …), when it still exists. */
export function checkMeta(id: string): CheckMeta | undefined {
  return metaById.get(id);
}

function failingCounts(results: readonly ScanResult[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of results) {
    if (r.status !== 'non_compliant') continue;
    const p = out[r.meta.pillar] ?? {};
    out[r.meta.pillar] = p;
    p[r.severity] = (p[r.severity] ?? 0) + 1;
  }
  return out;
}

export function recordScan(
  db: Db,
  target: ScanTarget,
  results: readonly ScanResult[],
  now: number,
  startedAt = now,
): RecordedScan {
  return db.transaction((tx) => {
    const scan = tx
      .insert(scans)
      .values({
        account: target.account,
        region: target.region,
        startedAt,
        finishedAt: now,
        checksRun: results.length,
        failing: JSON.stringify(failingCounts(results)),
      })
      .returning({ id: scans.id })
      .get();
    const scanId = scan.id;
    const opened: FindingRow[] = [];
    const still: FindingRow[] = [];
    const fixed: FindingRow[] = [];
    const judged: string[] = [];
    for (const r of results) {
      const complete = r.status === 'compliant' || r.status === 'not_applicable';
      if (complete || (r.status === 'non_compliant' && !r.incomplete)) judged.push(r.meta.id);
      if (r.status !== 'non_compliant') continue;
      const seen = new Set<string>();
      for (const f of r.findings) {
        if (seen.has(f.resourceId)) continue;
        seen.add(f.resourceId);
        const severity = f.severity ?? r.meta.severity;
        const existing = tx
          .select()
          .from(findings)
          .where(
            and(
              eq(findings.checkId, r.meta.id),
              eq(findings.account, target.account),
              eq(findings.region, target.region),
              eq(findings.resourceId, f.resourceId),
            ),
          )
          .get();
        if (!existing) {
          const row = tx
            .insert(findings)
            .values({
              checkId: r.meta.id,
              account: target.account,
              region: target.region,
              resourceId: f.resourceId,
              resourceName: f.resourceName,
              severity,
              pillar: r.meta.pillar,
              service: r.meta.service,
              message: f.message,
              firstSeenAt: now,
              lastSeenAt: now,
              lastScanId: scanId,
            })
            .returning()
            .get();
          opened.push(row);
          continue;
        }
        const reopened = existing.fixedAt !== null;
        const row = tx
          .update(findings)
          .set({
            resourceName: f.resourceName,
            severity,
            pillar: r.meta.pillar,
            service: r.meta.service,
            message: f.message,
            lastSeenAt: now,
            fixedAt: null,
            lastScanId: scanId,
            ...(reopened ? { reopenedAt: now } : {}),
          })
          .where(eq(findings.id, existing.id))
          .returning()
          .get();
        (reopened ? opened : still).push(row);
      }
    }
    if (judged.length > 0) {
      // Open findings of judged checks that this scan did not report are fixed.
      for (let i = 0; i < judged.length; i += 200) {
        const gone = tx
          .update(findings)
          .set({ fixedAt: now })
          .where(
            and(
              eq(findings.account, target.account),
              eq(findings.region, target.region),
              isNull(findings.fixedAt),
              inArray(findings.checkId, judged.slice(i, i + 200)),
              sql`${findings.lastScanId} <> ${scanId}`,
            ),
          )
          .returning()
          .all();
        fixed.push(...gone);
      }
    }
    return { scanId, opened, fixed, still };
  });
}

// ---------------------------------------------------------------------------------------------
// Suppressions

export interface NewSuppression {
  checkId: string;
  resource: string;
  reason: string;
  expiresAt: number;
  createdBy: string;
  source: 'settings' | 'slack';
}

export function addSuppression(db: Db, s: NewSuppression, now: number): SuppressionRow {
  return db
    .insert(suppressions)
    .values({ ...s, createdAt: now })
    .returning()
    .get();
}

/** The row a `checks.suppressions[]` entry becomes: no resource is every resource, a bare date ends at 00:00 UTC. */
export function fromSettings(s: SuppressionSettings): NewSuppression {
  return {
    checkId: s.check,
    resource: s.resource ?? '*',
    reason: s.reason,
    expiresAt: Date.parse(s.expires.length === 10 ? `${s.expires}T00:00:00Z` : s.expires),
    createdBy: 'settings',
    source: 'settings',
  };
}

/**
 * Makes the `settings` rows match the settings file: new entries are added, identical ones kept
 * (so a restart changes nothing), removed ones retired. Returns how many were added and retired.
 */
export function syncSettingsSuppressions(
  db: Db,
  list: readonly SuppressionSettings[],
  now: number,
): { added: number; retired: number } {
  return db.transaction((tx) => {
    const current = tx
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.source, 'settings'), isNull(suppressions.retiredAt)))
      .all();
    const key = (c: string, r: string, reason: string, e: number) => JSON.stringify([c, r, reason, e]);
    const wanted = new Map<string, NewSuppression>();
    for (const s of list.map(fromSettings)) wanted.set(key(s.checkId, s.resource, s.reason, s.expiresAt), s);
    let retired = 0;
    for (const row of current) {
      const k = key(row.checkId, row.resource, row.reason, row.expiresAt);
      if (wanted.has(k)) wanted.delete(k);
      else {
        tx.update(suppressions).set({ retiredAt: now }).where(eq(suppressions.id, row.id)).run();
        retired++;
      }
    }
    for (const s of wanted.values())
      tx.insert(suppressions)
        .values({ ...s, createdAt: now })
        .run();
    return { added: wanted.size, retired };
  });
}

/** Unexpired, unretired suppressions, newest first. */
export function activeSuppressions(db: Db, now: number): SuppressionRow[] {
  return db
    .select()
    .from(suppressions)
    .where(and(gt(suppressions.expiresAt, now), isNull(suppressions.retiredAt)))
    .orderBy(desc(suppressions.id))
    .all();
}

/** Every suppression ever made (the audit trail), newest first. */
export function allSuppressions(db: Db, limit = 500): SuppressionRow[] {
  return db.select().from(suppressions).orderBy(desc(suppressions.id)).limit(limit).all();
}

/** The active suppression that hides a finding, if any. */
export function suppressionFor<S extends Pick<SuppressionRow, 'checkId' | 'resource'>>(
  f: Pick<FindingRow, 'checkId' | 'resourceId' | 'resourceName'>,
  active: readonly S[],
): S | undefined {
  return active.find(
    (s) =>
      (s.checkId === '*' || s.checkId === f.checkId) &&
      (s.resource === '*' ||
        matchesAny(f.resourceName, [s.resource]) ||
        matchesAny(f.resourceId, [s.resource])),
  );
}

// ---------------------------------------------------------------------------------------------
// Queries

export interface FindingFilter {
  pillar?: Pillar;
  service?: CheckService;
  /** Resource name (a function name for Lambda checks). */
  resourceName?: string;
  checkIds?: readonly string[];
  account?: string;
  region?: string;
}

/** Open (unfixed) findings matching the filter, most severe first; suppressed ones left out unless asked. */
export function openFindings(
  db: Db,
  now: number,
  filter: FindingFilter = {},
  options: { includeSuppressed?: boolean } = {},
): FindingRow[] {
  const where = [isNull(findings.fixedAt)];
  if (filter.pillar) where.push(eq(findings.pillar, filter.pillar));
  if (filter.service) where.push(eq(findings.service, filter.service));
  if (filter.resourceName) where.push(eq(findings.resourceName, filter.resourceName));
  if (filter.account) where.push(eq(findings.account, filter.account));
  if (filter.region) where.push(eq(findings.region, filter.region));
  if (filter.checkIds) where.push(inArray(findings.checkId, [...filter.checkIds]));
  const rows = db
    .select()
    .from(findings)
    .where(and(...where))
    .all();
  const active = options.includeSuppressed ? [] : activeSuppressions(db, now);
  return rows.filter((f) => !suppressionFor(f, active)).sort(bySeverity);
}

export function bySeverity(a: FindingRow, b: FindingRow): number {
  const rank = (s: string) =>
    checkSeverities.includes(s as CheckSeverity) ? checkSeverityRank(s as CheckSeverity) : 9;
  return (
    rank(a.severity) - rank(b.severity) ||
    a.checkId.localeCompare(b.checkId) ||
    a.resourceName.localeCompare(b.resourceName)
  );
}

export type SeverityCounts = Record<CheckSeverity, number>;

export function emptySeverityCounts(): SeverityCounts {
  return Object.fromEntries(checkSeverities.map((s) => [s, 0])) as SeverityCounts;
}

/** Open, unsuppressed findings per pillar by severity (every pillar present). */
export function failingByPillar(db: Db, now: number): Record<Pillar, SeverityCounts> {
  const out = Object.fromEntries(pillars.map((p) => [p, emptySeverityCounts()])) as Record<
    Pillar,
    SeverityCounts
  >;
  for (const f of openFindings(db, now)) {
    const p = out[f.pillar as Pillar];
    if (p && f.severity in p) p[f.severity as CheckSeverity]++;
  }
  return out;
}

/** Whether any scan was ever recorded (App Home shows the checks section only then). */
export function hasScans(db: Db): boolean {
  return db.select({ id: scans.id }).from(scans).limit(1).get() !== undefined;
}

export function lastScan(db: Db, target?: ScanTarget): ScanRow | undefined {
  const q = db.select().from(scans);
  return (target ? q.where(and(eq(scans.account, target.account), eq(scans.region, target.region))) : q)
    .orderBy(desc(scans.id))
    .limit(1)
    .get();
}

export function getFinding(db: Db, id: number): FindingRow | undefined {
  return db.select().from(findings).where(eq(findings.id, id)).get();
}

import type { ScanResult } from '../../checks/runner.js';
import type { CheckMeta, Finding } from '../../checks/types.js';
import type { SuppressionSettings } from '../config.js';
import type { Db } from '../db/client.js';
import { type CheckSeverity, checkSeverityRank } from '../vocabulary.js';
import { activeSuppressions, fromSettings, type SuppressionRow, suppressionFor } from './store.js';

/**
 * Suppressions applied to fresh check results, for consumers that read results rather than the
 * findings store (a review's evidence): what a person decided can wait is not reported as failing.
 */

/** What a suppression says: which check and resources, why, and until when. */
export type Suppression = Pick<SuppressionRow, 'checkId' | 'resource' | 'reason' | 'expiresAt' | 'source'>;

/** One failing finding a suppression left out, with the suppression that did it. */
export interface SuppressedFinding {
  meta: CheckMeta;
  finding: Finding;
  suppression: Suppression;
}

/**
 * Suppressions in force at `now`: the settings file's entries as written (whether or not they
 * were synced into the database yet, as with `pillar review` run alone) and those made in Slack.
 */
export function suppressionsInForce(
  db: Db,
  settings: readonly SuppressionSettings[],
  now: number,
): Suppression[] {
  // The file is the truth for settings entries: synced rows of it may be stale.
  const fromSlack = activeSuppressions(db, now).filter((s) => s.source !== 'settings');
  const fromFile = settings.map(fromSettings).filter((s) => s.expiresAt > now);
  return [...fromFile, ...fromSlack];
}

/**
 * Takes suppressed findings out of failing results: a check keeps its other findings (its
 * severity recomputed from them), and a check whose every finding is suppressed is left out.
 * Other results pass through unchanged.
 */
export function leaveOutSuppressed(
  results: readonly ScanResult[],
  suppressions: readonly Suppression[],
): { results: ScanResult[]; suppressed: SuppressedFinding[] } {
  const kept: ScanResult[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const r of results) {
    if (r.status !== 'non_compliant' || suppressions.length === 0) {
      kept.push(r);
      continue;
    }
    const standing: Finding[] = [];
    for (const finding of r.findings) {
      const suppression = suppressionFor({ checkId: r.meta.id, ...finding }, suppressions);
      if (suppression) suppressed.push({ meta: r.meta, finding, suppression });
      else standing.push(finding);
    }
    if (standing.length === r.findings.length) kept.push(r);
    else if (standing.length > 0)
      kept.push({
        ...r,
        findings: standing,
        severity: worst(standing.map((f) => f.severity ?? r.meta.severity)),
      });
  }
  return { results: kept, suppressed };
}

function worst(list: readonly CheckSeverity[]): CheckSeverity {
  return list.reduce((a, b) => (checkSeverityRank(b) < checkSeverityRank(a) ? b : a));
}

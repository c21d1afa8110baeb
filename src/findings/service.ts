import type { ScanResult } from '../../checks/runner.js';
import type { Clock } from '../clock.js';
import type { ChecksSettings } from '../config.js';
import type { Db } from '../db/client.js';
import type { Pillar } from '../vocabulary.js';
import { checksFor } from './relevance.js';
import {
  activeSuppressions,
  addSuppression,
  type FindingFilter,
  type FindingRow,
  failingByPillar,
  getFinding,
  hasScans,
  openFindings,
  type RecordedScan,
  recordScan,
  type ScanTarget,
  type SuppressionRow,
  syncSettingsSuppressions,
} from './store.js';

/** What Slack handlers and jobs call for findings; the clock is injected. */
export interface FindingsService {
  record(target: ScanTarget, results: readonly ScanResult[], startedAt?: number): RecordedScan;
  /** Open, unsuppressed findings. */
  open(filter?: FindingFilter): FindingRow[];
  get(id: number): FindingRow | undefined;
  /** Failing (open, unsuppressed) findings per pillar, or undefined when no scan ever ran. */
  failingByPillar(): Record<Pillar, number> | undefined;
  /** Open, unsuppressed findings of one function whose checks bear on the failure kind. */
  forIncident(functionName: string, failureKind: string): FindingRow[];
  suppress(s: {
    checkId: string;
    resource: string;
    reason: string;
    expiresAt: number;
    user: string;
  }): SuppressionRow;
  suppressions(): SuppressionRow[];
  syncSettings(): { added: number; retired: number };
}

export function createFindingsService(deps: {
  db: Db;
  clock: Clock;
  settings: { checks: ChecksSettings };
}): FindingsService {
  const { db, clock } = deps;
  return {
    record: (target, results, startedAt) => recordScan(db, target, results, clock.now(), startedAt),
    open: (filter) => openFindings(db, clock.now(), filter),
    get: (id) => getFinding(db, id),
    failingByPillar() {
      if (!hasScans(db)) return undefined;
      const counts = failingByPillar(db, clock.now());
      return Object.fromEntries(
        Object.entries(counts).map(([p, c]) => [p, Object.values(c).reduce((a, b) => a + b, 0)]),
      ) as Record<Pillar, number>;
    },
    forIncident(functionName, failureKind) {
      return openFindings(db, clock.now(), { resourceName: functionName, checkIds: checksFor(failureKind) });
    },
    suppress: (s) =>
      addSuppression(
        db,
        {
          checkId: s.checkId,
          resource: s.resource,
          reason: s.reason,
          expiresAt: s.expiresAt,
          createdBy: s.user,
          source: 'slack',
        },
        clock.now(),
      ),
    suppressions: () => activeSuppressions(db, clock.now()),
    syncSettings: () => syncSettingsSuppressions(db, deps.settings.checks.suppressions, clock.now()),
  };
}

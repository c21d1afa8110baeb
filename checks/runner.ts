import { PillarError } from '../src/errors.js';
import type { Snapshot, Unavailable } from '../src/inventory/snapshot.js';
import { allChecks } from './index.js';
import { defaultThresholds, type Thresholds } from './thresholds.js';
import {
  atLeast,
  type Check,
  type CheckMeta,
  type CheckService,
  type CheckSeverity,
  checkSeverities,
  checkSeverityRank,
  type Finding,
  type Pillar,
  pillars,
} from './types.js';

/**
 * Runs checks over one snapshot. Each check is isolated: one that throws is reported as `error`
 * with its message, never as compliant, and the others still run. A check whose data could not be
 * read (a service in `snapshot.unavailable`) is `not_assessed` and is not run at all; when a call
 * failed for some resources only, its findings are kept but it never passes.
 */

/**
 * Calls that fill one field of the snapshot. Their failure blocks only the checks that list them in
 * `meta.reads`; a failure of any other call of a service (such as lambda:ListFunctions) blocks every
 * check that needs the service.
 */
export const detailActions: ReadonlySet<string> = new Set([
  'lambda:GetPolicy',
  'lambda:GetFunctionConcurrency',
  'lambda:GetFunctionConfiguration',
  'lambda:ListFunctionEventInvokeConfigs',
  'lambda:ListEventSourceMappings',
  'lambda:ListFunctionUrlConfigs',
  'lambda:GetAccountSettings',
  'lambda:GetRuntimeManagementConfig',
  'lambda:GetFunctionCodeSigningConfig',
  'lambda:GetFunctionRecursionConfig',
  'lambda:ListProvisionedConcurrencyConfigs',
  'lambda:ListAliases',
  'lambda:ListTags',
  'logs:DescribeLogStreams',
  'logs:DescribeResourcePolicies',
  'logs:DescribeMetricFilters',
  'logs:DescribeSubscriptionFilters',
  'logs:StartQuery',
  'logs:GetQueryResults',
  'cloudwatch:DescribeAlarms',
  // A queue whose attributes could not be read is missing from the snapshot: every check that
  // judges queues reads it. Tags are read by none yet, so a failed ListQueueTags blocks nothing.
  'sqs:GetQueueAttributes',
  'sqs:ListQueueTags',
  // Likewise a table that could not be described is missing; backups and TTL fill one field each.
  'dynamodb:DescribeTable',
  'dynamodb:DescribeContinuousBackups',
  'dynamodb:DescribeTimeToLive',
  'dynamodb:ListTagsOfResource',
  // Only the DLQ check reads subscription attributes; a denied call must not blank every SNS check.
  'sns:GetSubscriptionAttributes',
]);

interface ResultBase {
  meta: CheckMeta;
  durationMs: number;
  /**
   * Set when a call the check reads failed for some resources only: the findings stand, but the
   * check could not be judged for those resources.
   */
  incomplete?: string;
}

export type ScanResult = ResultBase &
  (
    | { status: 'compliant' }
    | { status: 'not_applicable'; reason: string }
    | { status: 'not_assessed'; reason: string }
    /** `severity` is the most severe of the findings (each defaulting to the check's). */
    | { status: 'non_compliant'; severity: CheckSeverity; findings: Finding[] }
    | { status: 'error'; error: string }
  );

export type ScanStatus = ScanResult['status'];

export interface CheckFilter {
  ids?: string[];
  pillar?: Pillar;
  service?: CheckService;
  /** Keeps checks whose default severity is at least this. */
  minSeverity?: CheckSeverity;
}

export interface RunChecksOptions {
  thresholds?: Thresholds;
  only?: CheckFilter;
  /** Defaults to the registry; tests pass their own. */
  checks?: readonly Check[];
  /** Monotonic milliseconds for timing; defaults to performance.now. */
  timer?: () => number;
}

/** The checks a filter keeps; unknown ids are an input error, not an empty scan. */
export function selectChecks(checks: readonly Check[], only: CheckFilter = {}): Check[] {
  if (only.ids) {
    const known = new Set(checks.map((c) => c.meta.id));
    const unknown = only.ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new PillarError('input_invalid', `Unknown check id: ${unknown.join(', ')}`);
  }
  return checks.filter(
    (c) =>
      (!only.ids || only.ids.includes(c.meta.id)) &&
      (!only.pillar || c.meta.pillar === only.pillar) &&
      (!only.service || c.meta.service === only.service) &&
      (!only.minSeverity || atLeast(c.meta.severity, only.minSeverity)),
  );
}

/** The unavailable entries that stop this check from being assessed. */
export function blockingUnavailable(meta: CheckMeta, unavailable: readonly Unavailable[]): Unavailable[] {
  return unavailable.filter(
    (u) =>
      meta.needs.includes(u.service) &&
      (!detailActions.has(u.action) || (meta.reads ?? []).includes(u.action)),
  );
}

export function runChecks(snapshot: Snapshot, options: RunChecksOptions = {}): ScanResult[] {
  const thresholds = options.thresholds ?? defaultThresholds;
  const timer = options.timer ?? (() => performance.now());
  const selected = selectChecks(options.checks ?? allChecks, options.only);
  return selected.map((check) => runOne(check, snapshot, thresholds, timer));
}

function runOne(check: Check, snapshot: Snapshot, thresholds: Thresholds, timer: () => number): ScanResult {
  const meta = check.meta;
  const blocked = blockingUnavailable(meta, snapshot.unavailable);
  const whole = blocked.filter((u) => !u.resources || u.resources.length === 0);
  if (whole.length > 0) {
    return {
      meta,
      durationMs: 0,
      status: 'not_assessed',
      reason: whole.map((u) => `${u.action}: ${u.message}`).join('; '),
    };
  }
  const result = evaluate(check, snapshot, thresholds, timer);
  const partial = blocked.filter((u) => u.resources && u.resources.length > 0);
  if (partial.length === 0 || result.status === 'error') return result;
  const incomplete = partial.map((u) => `${u.action} failed for ${u.resources!.join(', ')}`).join('; ');
  // Findings are real even with gaps; a pass (or "nothing to judge") is not, since the unread
  // resources might have failed.
  if (result.status === 'non_compliant') return { ...result, incomplete };
  return { meta, durationMs: result.durationMs, status: 'not_assessed', reason: incomplete, incomplete };
}

function evaluate(check: Check, snapshot: Snapshot, thresholds: Thresholds, timer: () => number): ScanResult {
  const meta = check.meta;
  const started = timer();
  try {
    const result = check.run(snapshot, thresholds);
    const durationMs = timer() - started;
    switch (result.status) {
      case 'compliant':
        return { meta, durationMs, status: 'compliant' };
      case 'not_applicable':
      case 'not_assessed':
        return { meta, durationMs, status: result.status, reason: result.reason };
      case 'non_compliant': {
        // A non_compliant verdict with no findings is a bug in the check, not a pass.
        if (!Array.isArray(result.findings) || result.findings.length === 0) {
          return {
            meta,
            durationMs,
            status: 'error',
            error: 'check reported non_compliant without findings',
          };
        }
        return {
          meta,
          durationMs,
          status: 'non_compliant',
          severity: worstOf(result.findings.map((f) => f.severity ?? meta.severity)),
          findings: result.findings,
        };
      }
      default:
        return {
          meta,
          durationMs,
          status: 'error',
          error: `check returned an unknown status: ${JSON.stringify((result as { status?: unknown }).status)}`,
        };
    }
  } catch (e) {
    return {
      meta,
      durationMs: timer() - started,
      status: 'error',
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

function worstOf(list: CheckSeverity[]): CheckSeverity {
  return list.reduce((a, b) => (checkSeverityRank(b) < checkSeverityRank(a) ? b : a));
}

export interface StatusCounts {
  /** Failing checks by their (effective) severity. */
  failing: Record<CheckSeverity, number>;
  /** Findings in failing checks. */
  findings: number;
  compliant: number;
  notApplicable: number;
  notAssessed: number;
  errors: number;
}

export interface ScanSummary {
  byPillar: Record<Pillar, StatusCounts>;
  total: StatusCounts;
}

function emptyCounts(): StatusCounts {
  return {
    failing: Object.fromEntries(checkSeverities.map((s) => [s, 0])) as Record<CheckSeverity, number>,
    findings: 0,
    compliant: 0,
    notApplicable: 0,
    notAssessed: 0,
    errors: 0,
  };
}

export function summarize(results: readonly ScanResult[]): ScanSummary {
  const byPillar = Object.fromEntries(pillars.map((p) => [p, emptyCounts()])) as Record<Pillar, StatusCounts>;
  const total = emptyCounts();
  for (const r of results) {
    for (const counts of [byPillar[r.meta.pillar], total]) {
      switch (r.status) {
        case 'compliant':
          counts.compliant++;
          break;
        case 'not_applicable':
          counts.notApplicable++;
          break;
        case 'not_assessed':
          counts.notAssessed++;
          break;
        case 'error':
          counts.errors++;
          break;
        case 'non_compliant':
          counts.failing[r.severity]++;
          counts.findings += r.findings.length;
          break;
      }
    }
  }
  return { byPillar, total };
}

/** For `pillar scan --fail-on`: a failing check at or above `min`, or a check that errored. */
export function failsAt(results: readonly ScanResult[], min: CheckSeverity): boolean {
  return results.some(
    (r) => r.status === 'error' || (r.status === 'non_compliant' && atLeast(r.severity, min)),
  );
}

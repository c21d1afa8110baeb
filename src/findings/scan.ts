import { failsAt, runChecks, type ScanResult, type ScanSummary, summarize } from '../../checks/runner.js';
import { parseThresholds, type Thresholds } from '../../checks/thresholds.js';
import type { CheckService } from '../../checks/types.js';
import type { AwsClients, AwsTarget } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import { ConfigError } from '../errors.js';
import { collectSnapshot } from '../inventory/collect.js';
import { ingestionTelemetry } from '../inventory/ingestion-telemetry.js';
import type { Unavailable } from '../inventory/snapshot.js';
import type { Logger } from '../logger.js';
import { type CheckSeverity, checkSeverityRank, type Pillar, pillarLabel } from '../vocabulary.js';
import type { RecordedScan } from './store.js';

export interface ScanOptions {
  pillar?: Pillar;
  service?: CheckService;
  /** Exit code 1 when a failure at or above this severity is found. */
  failOn: CheckSeverity;
  /** Progress lines per collector (to standard error). */
  progress?: (line: string) => void;
  /** Records each target's results (the findings store); what it returns is kept on the target. */
  record?: (target: AwsTarget, results: ScanResult[], startedAt: number) => RecordedScan;
}

export interface TargetScan {
  account: string;
  region: string;
  takenAt: number;
  unavailable: Unavailable[];
  calls: Record<string, number>;
  results: ScanResult[];
  summary: ScanSummary;
  recorded?: RecordedScan;
}

export interface ScanReport {
  targets: TargetScan[];
  failed: boolean;
}

/**
 * The thresholds of the `checks:` section: under `thresholds:`, or (the older form) as keys at
 * the top level of `checks:`; the nested ones win.
 */
export function thresholdsSetting(checks: Settings['checks'] | undefined): Record<string, unknown> {
  if (!checks) return {};
  const { thresholds, suppressions: _suppressions, ...topLevel } = checks;
  return { ...topLevel, ...(thresholds ?? {}) };
}

/** The checks' thresholds from the settings; a wrong one is a configuration error. */
export function checkThresholds(settings: Settings): Thresholds {
  const parsed = parseThresholds(thresholdsSetting(settings.checks));
  if (!parsed.ok) throw new ConfigError(parsed.problems);
  return parsed.thresholds;
}

/** What a scan reads: the settings, the AWS clients, and the database (ingestion telemetry). */
export interface ScanDeps {
  settings: Settings;
  logger: Logger;
  clock: Clock;
  db: Db;
  aws: AwsClients;
}

export interface TargetScanOptions {
  pillar?: Pillar;
  service?: CheckService;
  /** Progress lines per collector. */
  progress?: (line: string) => void;
  /** Parsed once by a caller scanning many targets; read from the settings otherwise. */
  thresholds?: Thresholds;
}

/** One account and region: the snapshot's facts and the check results. */
export interface TargetResults {
  takenAt: number;
  unavailable: Unavailable[];
  calls: Record<string, number>;
  results: ScanResult[];
}

/**
 * The one place that collects a snapshot and runs the checks, for the daily checks job and
 * `pillar scan` (through `runScan`) and for a review's evidence.
 */
export async function scanTarget(
  deps: ScanDeps,
  target: AwsTarget,
  options: TargetScanOptions = {},
): Promise<TargetResults> {
  const thresholds = options.thresholds ?? checkThresholds(deps.settings);
  const since = deps.clock.now() - 14 * 86_400_000;
  const { snapshot, calls } = await collectSnapshot({
    clients: deps.aws,
    clock: deps.clock,
    logger: deps.logger,
    target,
    telemetry: { ingestion: ingestionTelemetry(deps.db, target.account, target.region, since) },
    onProgress: (e) =>
      options.progress?.(
        `${target.account}/${target.region} ${e.collector}: ${e.state}${e.items !== undefined ? ` (${e.items})` : ''}${e.message ? ` — ${e.message}` : ''}`,
      ),
  });
  const results = runChecks(snapshot, {
    thresholds,
    only: {
      ...(options.pillar ? { pillar: options.pillar } : {}),
      ...(options.service ? { service: options.service } : {}),
    },
  });
  return { takenAt: snapshot.takenAt, unavailable: snapshot.unavailable, calls, results };
}

/**
 * `pillar scan` and the daily job: scans every configured account and region, and says whether
 * anything failed at or above `failOn` (or a check errored).
 */
export async function runScan(ctx: ScanDeps, options: ScanOptions): Promise<ScanReport> {
  // Parsed before the first target, so a wrong threshold stops the scan before any AWS call.
  const thresholds = checkThresholds(ctx.settings);
  const targets: AwsTarget[] = ctx.settings.accounts.flatMap((a) =>
    a.regions.map((region) => ({ account: a.name, region })),
  );
  const out: TargetScan[] = [];
  for (const target of targets) {
    const startedAt = ctx.clock.now();
    const scanned = await scanTarget(ctx, target, {
      thresholds,
      ...(options.pillar ? { pillar: options.pillar } : {}),
      ...(options.service ? { service: options.service } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
    });
    const recorded = options.record?.(target, scanned.results, startedAt);
    out.push({
      account: target.account,
      region: target.region,
      ...(recorded ? { recorded } : {}),
      takenAt: scanned.takenAt,
      unavailable: scanned.unavailable,
      calls: scanned.calls,
      results: scanned.results,
      summary: summarize(scanned.results),
    });
  }
  return { targets: out, failed: out.some((t) => failsAt(t.results, options.failOn)) };
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

/** The terminal table: failing checks by severity with their findings, then a summary per pillar. */
export function formatScanTable(report: ScanReport): string {
  const lines: string[] = [];
  for (const t of report.targets) {
    lines.push(`${t.account}/${t.region}`);
    const failing = t.results
      .filter((r): r is Extract<ScanResult, { status: 'non_compliant' }> => r.status === 'non_compliant')
      .sort(
        (a, b) =>
          checkSeverityRank(b.severity) - checkSeverityRank(a.severity) || a.meta.id.localeCompare(b.meta.id),
      );
    if (failing.length === 0) lines.push('  no failing checks');
    for (const r of failing) {
      lines.push(
        `  ${pad(r.severity.toUpperCase(), 9)}${pad(pillarLabel[r.meta.pillar], 24)}${r.meta.id}  ${r.meta.title}`,
      );
      for (const f of r.findings.slice(0, 10)) lines.push(`      ${f.resourceName}: ${f.message}`);
      if (r.findings.length > 10) lines.push(`      … and ${r.findings.length - 10} more`);
      lines.push(`      fix: ${r.meta.remediation}`);
    }
    for (const r of t.results.filter((x) => x.status === 'error')) {
      lines.push(`  ERROR    ${r.meta.id}: ${(r as { error: string }).error}`);
    }
    if (t.unavailable.length > 0) {
      lines.push('  not assessed, because AWS refused:');
      for (const u of t.unavailable) lines.push(`    ${u.action}: ${u.message}`);
    }
    lines.push('');
    lines.push(
      `  ${pad('pillar', 26)}${pad('critical', 10)}${pad('high', 6)}${pad('medium', 8)}${pad('low', 5)}${pad('info', 6)}${pad('passing', 9)}not assessed`,
    );
    for (const [pillar, c] of Object.entries(t.summary.byPillar) as [Pillar, ScanSummary['total']][]) {
      const ran =
        Object.values(c.failing).reduce((a, b) => a + b, 0) +
        c.compliant +
        c.notApplicable +
        c.notAssessed +
        c.errors;
      if (ran === 0) continue; // filtered out with --pillar or --service
      lines.push(
        `  ${pad(pillarLabel[pillar], 26)}${pad(String(c.failing.critical), 10)}${pad(String(c.failing.high), 6)}${pad(String(c.failing.medium), 8)}${pad(String(c.failing.low), 5)}${pad(String(c.failing.info), 6)}${pad(String(c.compliant), 9)}${c.notAssessed + c.errors}`,
      );
    }
    const calls = Object.values(t.calls).reduce((a, b) => a + b, 0);
    lines.push(`  ${t.results.length} checks, ${calls} AWS calls`);
    lines.push('');
  }
  return lines.join('\n');
}

/** JSON for machines: every result with its findings. */
export function scanJson(report: ScanReport): unknown {
  return {
    failed: report.failed,
    targets: report.targets.map((t) => ({
      account: t.account,
      region: t.region,
      takenAt: new Date(t.takenAt).toISOString(),
      unavailable: t.unavailable,
      calls: t.calls,
      summary: t.summary,
      results: t.results.map((r) => ({
        id: r.meta.id,
        title: r.meta.title,
        service: r.meta.service,
        pillar: r.meta.pillar,
        severity: r.status === 'non_compliant' ? r.severity : r.meta.severity,
        status: r.status,
        ...(r.status === 'non_compliant' ? { findings: r.findings, remediation: r.meta.remediation } : {}),
        ...(r.status === 'not_applicable' || r.status === 'not_assessed' ? { reason: r.reason } : {}),
        ...(r.status === 'error' ? { error: r.error } : {}),
      })),
    })),
  };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../checks/runner.js';
import { demoInventory, type SimAws, startSimAws } from '../../sim/aws/index.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig, type Settings } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { runScan, type ScanDeps, scanTarget } from '../../src/findings/scan.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock } from '../helpers/clock.js';
import { testDb } from '../helpers/db.js';

const PROD = '111122223333';
const TARGET = { account: 'prod', region: 'us-east-1' };

let sim: SimAws;
let deps: ScanDeps;
let clients: ReturnType<typeof createAwsClients>;

function withSettings(over: Partial<Settings>): ScanDeps {
  return { ...deps, settings: { ...deps.settings, ...over } };
}

/** A result without its timing, which differs from run to run. */
const verdict = (r: ScanResult) => {
  const { durationMs: _durationMs, ...rest } = r;
  return rest;
};

beforeEach(async () => {
  const clock = new FakeClock('2026-11-28T12:00:00Z');
  sim = await startSimAws({ clock });
  demoInventory(sim.state);
  const settings = {
    ...loadConfig({}, { readFile: () => '' }),
    accounts: [{ name: 'prod', regions: ['us-east-1'] }],
  };
  clients = createAwsClients({
    accounts: settings.accounts,
    endpoint: sim.url,
    credentials: sim.credentials(PROD),
    maxAttempts: 1,
  });
  deps = { settings, logger: silentLogger(), clock, db: testDb(), aws: clients };
});

afterEach(async () => {
  clients.destroy();
  await sim.close();
});

describe('the one scan path', () => {
  it('runScan reports for each target what scanTarget finds there', async () => {
    const alone = await scanTarget(deps, TARGET);
    const report = await runScan(deps, { failOn: 'high' });
    expect(report.targets).toHaveLength(1);
    const t = report.targets[0]!;
    expect(t).toMatchObject({ ...TARGET, unavailable: alone.unavailable });
    // The simulated account's pacing moves the fake clock between the two scans.
    expect(t.takenAt).toBeGreaterThanOrEqual(alone.takenAt);
    expect(t.results.map(verdict)).toEqual(alone.results.map(verdict));
    expect(alone.results.some((r) => r.status === 'non_compliant')).toBe(true);
    expect(alone.calls['lambda:ListFunctions']).toBeGreaterThan(0);
  }, 60_000);

  it('keeps only the checks of the asked pillar, and says how far collection got', async () => {
    const lines: string[] = [];
    const scanned = await scanTarget(deps, TARGET, { pillar: 'security', progress: (l) => lines.push(l) });
    expect(scanned.results.length).toBeGreaterThan(0);
    expect(new Set(scanned.results.map((r) => r.meta.pillar))).toEqual(new Set(['security']));
    expect(lines.some((l) => l.startsWith('prod/us-east-1 '))).toBe(true);
  }, 60_000);

  it('a wrong threshold stops the scan before any AWS call', async () => {
    const bad = withSettings({ checks: { suppressions: [], thresholds: { timeoutRisk: 2 } } });
    await expect(scanTarget(bad, TARGET)).rejects.toBeInstanceOf(ConfigError);
    await expect(runScan(bad, { failOn: 'high' })).rejects.toThrow(/timeoutRisk/);
    expect(sim.requests.all()).toEqual([]);
  });
});

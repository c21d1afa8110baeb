import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimAws, startSimAws } from '../../sim/aws/index.js';
import { FakeClock } from '../helpers/clock.js';
import { addFunction, invoke, PROD } from '../helpers/ingest.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `pillar` executable, as a user would. */
function pillar(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/pillar.mjs', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const lines = (s: string) =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('pillar classify', () => {
  it('classifies a file of log lines, one JSON object per line, in order', async () => {
    const r = await pillar(['classify', 'test/fixtures/cli/mixed.txt']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.map((o) => [o.kind, o.failure])).toEqual([
      ['start', null],
      ['info', null],
      ['uncaught_exception', 'uncaught_exception'],
      ['end', null],
      ['report', 'timeout'],
      ['warning', null],
      ['timeout', 'timeout'],
      ['info', null],
    ]);
    expect(out[4]).toEqual({
      kind: 'report',
      failure: 'timeout',
      requestId: '6f7e1c2a-8d0b-4c51-9f3e-2b7a1d9c0e41',
      durationMs: 3000,
      billedDurationMs: 3000,
      memorySizeMB: 128,
      maxMemoryUsedMB: 61,
      status: 'timeout',
    });
    expect(out[2]).toMatchObject({ errorType: 'TypeError', level: 'ERROR' });
    expect(out[6]).toMatchObject({ timeoutSeconds: 3 });
  });

  it('reads standard input', async () => {
    const r = await pillar(['classify'], {}, 'END RequestId: abc\n');
    expect(lines(r.stdout)).toEqual([{ kind: 'end', failure: null, requestId: 'abc' }]);
  });

  it('with --events, keeps multi-line messages whole and answers broken lines in place', async () => {
    const r = await pillar(['classify', '--events', 'test/fixtures/cli/events.jsonl']);
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ kind: 'uncaught_exception', errorType: 'KeyError' });
    expect(out[1]).toMatchObject({ line: 2 });
    expect(String(out[1]?.error)).toMatch(/Line 2 is not valid JSON/);
    expect(out[2]).toMatchObject({ line: 3 });
    expect(out[3]).toMatchObject({
      kind: 'report',
      failure: 'out_of_memory',
      errorType: 'Runtime.OutOfMemory',
    });
    expect(r.stderr).toMatch(/2 of 4 input lines were not valid events/);
  });

  it('names a missing file', async () => {
    const r = await pillar(['classify', 'no/such/file.log']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pillar: No such file: no/such/file.log\n');
  });
});

describe('pillar settings and usage', () => {
  it('lists every settings problem and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pillar-cli-'));
    const file = join(dir, 'pillar.yml');
    writeFileSync(file, 'slack:\n  alertsChannel: "#alerts"\naws:\n  acounts: []\n');
    const r = await pillar(['ingest', '--once'], { PILLAR_CONFIG: file, PILLAR_DB: join(dir, 'p.db') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/slack\.alertsChannel: expected a Slack channel id/);
    expect(r.stderr).toMatch(/aws\.acounts: unknown setting/);
  });

  it('refuses review options that contradict each other, before reading anything', async () => {
    const r = await pillar(['review', '--workload', 'orders', '--dry-run', '--finish']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--dry-run writes nothing: leave out --apply-proposals and --finish/);
    const missing = await pillar(['review']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--workload <name>'/);
  });

  it('answers an unknown command with usage', async () => {
    const r = await pillar(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });
});

describe('pillar ingest --once', () => {
  let sim: SimAws;
  const clock = new FakeClock(Date.now());
  beforeAll(async () => {
    sim = await startSimAws({ clock });
    const fn = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;
    addFunction(sim, fn);
    invoke(sim, fn, clock.now() - 60_000);
    invoke(sim, fn, clock.now() - 50_000, { outcome: 'uncaught_exception' });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('runs one cycle through AWS_ENDPOINT_URL and prints what it read and opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pillar-cli-'));
    const creds = sim.credentials(PROD);
    const env = {
      AWS_ENDPOINT_URL: sim.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      PILLAR_DB: join(dir, 'pillar.db'),
      PILLAR_LOG_LEVEL: 'silent',
    };
    const r = await pillar(['ingest', '--once'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 log group\(s\): 1 read/);
    expect(r.stdout).toMatch(/2 invocation\(s\)/);
    expect(r.stdout).toMatch(/Failures: uncaught_exception 1/);
    expect(r.stdout).toMatch(/Incidents: 1 opened, 0 updated, 0 reopened/);
    expect(r.stdout).toMatch(/#1 \[high\] open orders-api default\/us-east-1 uncaught_exception/);

    const again = await pillar(['ingest', '--once', '--json'], env);
    const report = JSON.parse(again.stdout) as { opened: number; events: number };
    expect(report.opened).toBe(0);
    expect(report.events).toBe(0);
  });

  it('exits 1 and names the fix when AWS refuses the credentials', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pillar-cli-'));
    const r = await pillar(['ingest', '--once'], {
      AWS_ENDPOINT_URL: sim.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNKEY000000',
      AWS_SECRET_ACCESS_KEY: 'nope',
      PILLAR_DB: join(dir, 'pillar.db'),
      PILLAR_LOG_LEVEL: 'silent',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/did not accept the credentials for account default/);
  });
});

describe('pillar start', () => {
  it('serves Slack in HTTP mode with /healthz, answers a signed /wa, and stops cleanly on SIGTERM', async () => {
    const { startSlackStandIn } = await import('../../sim/slack/index.js');
    const { createServer } = await import('node:net');
    const sim = await startSimAws({});
    const secret = 'cli-test-signing-secret-0123456789';
    const slack = await startSlackStandIn({ signingSecret: secret });
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const dir = mkdtempSync(join(tmpdir(), 'pillar-start-'));
    const config = join(dir, 'pillar.yml');
    writeFileSync(config, 'slack:\n  alertsChannel: C0ALERTS01\n');
    const creds = sim.credentials(PROD);
    const child = spawn(process.execPath, ['bin/pillar.mjs', 'start'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        PILLAR_CONFIG: config,
        PILLAR_DB: join(dir, 'pillar.db'),
        PILLAR_LOG_LEVEL: 'warn',
        AWS_ENDPOINT_URL: sim.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: creds.accessKeyId,
        AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      let health: Response | undefined;
      for (let i = 0; i < 100 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!health) await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.status).toBe(200);
      slack.setAppUrl(`http://127.0.0.1:${port}/slack/events`);
      const res = await slack.send.slashCommand({ user: 'U0SIMALICE', channel: 'C0ALERTS01', text: 'help' });
      expect(res.status).toBe(200);
      await slack.waitFor((c) => c.type === 'ephemeral_posted', 5000);
      expect(slack.workspace.ephemeralFor('U0SIMALICE').length).toBeGreaterThan(0);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).not.toMatch(/"level":50/);
    } finally {
      child.kill('SIGKILL');
      await slack.close();
      await sim.close();
    }
  }, 30_000);
});

describe('pillar scan', () => {
  it('lists failures in every pillar against the demo account, as a table and as JSON, with exit code 1', async () => {
    const { defaultScenario, demoInventory, writeScenario } = await import('../../sim/aws/index.js');
    const clock = new FakeClock(Date.now());
    const sim = await startSimAws({ clock });
    try {
      writeScenario(sim.state, defaultScenario({ start: clock.now() - 3_600_000, durationMs: 3_600_000 }));
      demoInventory(sim.state);
      const dir = mkdtempSync(join(tmpdir(), 'pillar-scan-'));
      const creds = sim.credentials(PROD);
      const env = {
        AWS_ENDPOINT_URL: sim.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: creds.accessKeyId,
        AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
        PILLAR_DB: join(dir, 'pillar.db'),
        PILLAR_LOG_LEVEL: 'silent',
      };
      const json = await pillar(['scan', '--format', 'json'], env);
      expect(json.stderr).toBe('');
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout) as {
        failed: boolean;
        targets: Array<{
          results: Array<{ pillar: string; status: string; findings?: unknown[] }>;
          calls: Record<string, number>;
        }>;
      };
      expect(report.failed).toBe(true);
      const failing = report.targets[0]!.results.filter((r) => r.status === 'non_compliant');
      const pillarsFailing = new Set(failing.map((r) => r.pillar));
      for (const p of [
        'operationalExcellence',
        'security',
        'reliability',
        'performance',
        'costOptimization',
        'sustainability',
      ]) {
        expect(pillarsFailing, p).toContain(p);
      }
      expect(report.targets[0]!.results.some((r) => r.status === 'error')).toBe(false);
      expect(Object.keys(report.targets[0]!.calls)).toContain('lambda:ListFunctions');

      const table = await pillar(['scan', '--pillar', 'security', '--fail-on', 'critical'], env);
      expect(table.stdout).toMatch(/default\/us-east-1/);
      expect(table.stdout).toMatch(/lambda-runtime-deprecated|lambda-public-policy/);
      expect(table.stdout).toMatch(/fix: /);
      expect(table.stdout).not.toMatch(/Reliability {2,}\d/);

      const bad = await pillar(['scan', '--fail-on', 'urgent'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/urgent/);
    } finally {
      await sim.close();
    }
  }, 150_000);
});

describe('pillar review', () => {
  it('--dry-run writes nothing; a run applies the proposals, records the milestone and saves the report', async () => {
    const { demoWellArchitected } = await import('../../sim/aws/demo/wellarchitected.js');
    const clock = new FakeClock(Date.now());
    const sim = await startSimAws({ clock });
    try {
      demoWellArchitected(sim.state, PROD, 'us-east-1');
      const dir = mkdtempSync(join(tmpdir(), 'pillar-review-'));
      const config = join(dir, 'pillar.yml');
      writeFileSync(
        config,
        'review:\n  workloads:\n    - name: payments-platform\n      region: us-east-1\n      owner: platform-team@example.com\n',
      );
      const creds = sim.credentials(PROD);
      const env = {
        AWS_ENDPOINT_URL: sim.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: creds.accessKeyId,
        AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
        PILLAR_CONFIG: config,
        PILLAR_DB: join(dir, 'pillar.db'),
        PILLAR_LOG_LEVEL: 'silent',
      };
      const writes = () =>
        sim.requests
          .all()
          .filter(
            (r) =>
              r.service === 'wellarchitected' &&
              [
                'CreateWorkload',
                'AssociateLenses',
                'UpdateAnswer',
                'CreateMilestone',
                'UpdateWorkload',
              ].includes(r.operation),
          );

      const dry = await pillar(['review', '--workload', 'payments-platform', '--dry-run'], env);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^Dry run: nothing is written to the Well-Architected Tool\./);
      expect(dry.stdout).toMatch(/Workload payments-platform exists/);
      expect(dry.stdout).toMatch(/CreateMilestone "\d{4}-H[12] review" when the review is finished/);
      expect(writes()).toEqual([]);

      const report = join(dir, 'report.pdf');
      const run = await pillar(
        ['review', '--workload', 'payments-platform', '--apply-proposals', '--finish', '--report', report],
        env,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Milestone "\d{4}-H[12] review" \(#2\) recorded for payments-platform\./);
      expect(run.stdout).toMatch(/Compared with "2026-H1 review" \(#1\):/);
      expect(readFileSync(report).subarray(0, 5).toString()).toBe('%PDF-');
      expect(writes().map((r) => r.operation)).toContain('CreateMilestone');

      const unknown = await pillar(['review', '--workload', 'billing'], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toBe(
        'pillar: No workload named "billing" under review.workloads; configured: payments-platform.\n',
      );
    } finally {
      await sim.close();
    }
  }, 120_000);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SimAws, startSimAws } from '../../sim/aws/index.js';
import { type SlackStandIn, startSlackStandIn } from '../../sim/slack/index.js';
import { addFunction, invoke, PROD } from '../helpers/ingest.js';
import { until } from '../helpers/standalone.js';

/**
 * `pillar start` as a process: what it does when it cannot do its job (a database in use,
 * damaged or full; a token Slack refuses), each said in one line with the fix.
 */
const SECRET = 'start-test-signing-secret-0123456789';
const ALERTS = 'C0ALERTS01';

interface Proc {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
let sim: SimAws | undefined;
let slack: SlackStandIn | undefined;

afterEach(async () => {
  for (const c of running.splice(0)) c.kill('SIGKILL');
  await slack?.close();
  await sim?.close();
  slack = undefined;
  sim = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function world() {
  sim = await startSimAws({});
  slack = await startSlackStandIn({ signingSecret: SECRET, rateLimit: false });
  const dir = mkdtempSync(join(tmpdir(), 'pillar-start-'));
  const config = join(dir, 'pillar.yml');
  writeFileSync(config, `slack:\n  alertsChannel: ${ALERTS}\nschedules:\n  ingest: "*/2 * * * * *"\n`);
  return { dir, config, db: join(dir, 'pillar.db') };
}

function start(env: Record<string, string>): Proc {
  const creds = sim!.credentials(PROD);
  const child = spawn(process.execPath, ['bin/pillar.mjs', 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      SLACK_BOT_TOKEN: slack!.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack!.apiUrl,
      PILLAR_LOG_LEVEL: 'warn',
      PILLAR_LOG_FORMAT: 'json',
      AWS_ENDPOINT_URL: sim!.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  child.stdout!.resume();
  return { child, stderr: () => stderr, exited: new Promise((resolve) => child.on('close', resolve)) };
}

async function healthz(port: number, ms = 45_000): Promise<Response> {
  const end = Date.now() + ms;
  for (;;) {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (r) return r;
    if (Date.now() > end) throw new Error('no /healthz answer');
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** The lines a person reads on standard error: `pillar: …`, not log lines. */
const said = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('pillar: '));

describe('pillar start', () => {
  it('refuses a second copy on the same SQLite file with one line naming the first; nothing is posted twice', async () => {
    const w = await world();
    const orders = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;
    addFunction(sim!, orders);
    invoke(sim!, orders, Date.now() - 20_000, { outcome: 'uncaught_exception' });
    const port = await freePort();
    const first = start({ PILLAR_DB: w.db, PILLAR_CONFIG: w.config, PORT: String(port) });
    expect((await healthz(port)).status).toBeLessThan(600);
    await until(() => slack!.workspace.topLevel(ALERTS).length === 1, 45_000);

    const second = start({ PILLAR_DB: w.db, PILLAR_CONFIG: w.config, PORT: String(await freePort()) });
    expect(await second.exited).toBe(2);
    const lines = said(second.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^pillar: Another Pillar \\(pid ${first.child.pid} on .+, alive \\d+ s ago\\) is using this database: stop it first`,
      ),
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect(slack!.workspace.topLevel(ALERTS)).toHaveLength(1);
    expect(slack!.calls.find('chat.postMessage').filter((c) => c.ok && !c.args.thread_ts)).toHaveLength(1);

    // The first stops cleanly on SIGTERM and frees the database for the next start.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const third = start({ PILLAR_DB: w.db, PILLAR_CONFIG: w.config, PORT: String(await freePort()) });
    await new Promise((r) => setTimeout(r, 1500));
    expect(third.child.exitCode).toBeNull();
  }, 120_000);

  it('answers a file that is not a database with one line and exit 2', async () => {
    const w = await world();
    writeFileSync(
      w.db,
      'this is not a database, it is a text file that someone put here by mistake\n'.repeat(200),
    );
    const p = start({ PILLAR_DB: w.db, PILLAR_CONFIG: w.config, PORT: String(await freePort()) });
    expect(await p.exited).toBe(2);
    expect(said(p.stderr())).toEqual([
      expect.stringMatching(
        /^pillar: .*pillar\.db is not a Pillar database \(file is not a database\): set PILLAR_DB to another file/,
      ),
    ]);
  }, 90_000);

  it('answers a path under /proc at once with one line and exit 2', async () => {
    const w = await world();
    const p = start({
      PILLAR_DB: '/proc/self/pillar.db',
      PILLAR_CONFIG: w.config,
      PORT: String(await freePort()),
    });
    const code = await p.exited;
    expect(code).toBe(2);
    expect(said(p.stderr())).toEqual([
      expect.stringMatching(/kernel pseudo-filesystem: set it to a file on a disk/),
    ]);
  }, 90_000);

  it('stops with one line and exit 2 when Slack refuses the bot token', async () => {
    const w = await world();
    const p = start({
      PILLAR_DB: w.db,
      PILLAR_CONFIG: w.config,
      PORT: String(await freePort()),
      SLACK_BOT_TOKEN: 'xoxb-revoked-token',
    });
    expect(await p.exited).toBe(2);
    expect(said(p.stderr())).toEqual([
      'pillar: Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, and reinstall the app if it was revoked.',
    ]);
  }, 90_000);

  it('keeps running when Slack is unreachable at start-up, saying so once', async () => {
    const w = await world();
    const port = await freePort();
    const p = start({
      PILLAR_DB: w.db,
      PILLAR_CONFIG: w.config,
      PORT: String(port),
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    const res = await healthz(port);
    expect([200, 503]).toContain(res.status);
    await new Promise((r) => setTimeout(r, 2500));
    expect(p.child.exitCode).toBeNull();
    const warnings = p
      .stderr()
      .split('\n')
      .filter((l) => l.includes('Slack is not reachable'));
    expect(warnings).toHaveLength(1);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  }, 90_000);
});

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildContext } from './app.js';
import type { CliIo } from './cli.js';
import type { Clock } from './clock.js';
import { createLogger } from './logger.js';
import { runIngestCycle } from './logs/poller.js';
import { assemblePillar, startPillar } from './pillar.js';
import { defaultScenario, startSimAws, writeScenario } from './sim/aws/index.js';
import { type SlackCallRecord, startSlackStandIn } from './sim/slack/index.js';
import { actions } from './slack/ids.js';

export interface DemoOptions {
  io: CliIo;
  /** Scenario time compression: 10 means ten scenario seconds per real second. */
  speed: number;
  intervalSeconds: number;
  durationSeconds?: number;
  /** HTTP port of Pillar's Slack endpoint (0: any free port). */
  port?: number;
  /** Wall clock; the demo runs its own scaled clock on top of it. */
  now?: () => number;
}

const PROD = '111122223333';
const HOME = '123456789012';
const ALERTS = 'C0ALERTS01';
const CAROL = 'U0SIMCAROL';

/** A clock that runs `speed` times faster than the wall clock, from `origin`. */
export function scaledClock(speed: number, now: () => number = Date.now): Clock {
  const origin = now();
  return {
    now: () => origin + (now() - origin) * speed,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / speed)),
  };
}

/**
 * `pillar demo`: the simulated AWS account with the default scenario, the Slack stand-in, and
 * Pillar in HTTP mode wired to both (its requests signed with a secret generated here). Every
 * message Pillar posts or edits is printed as it happens.
 */
export async function runDemo(options: DemoOptions): Promise<number> {
  const { io } = options;
  const out = (s: string) => io.stdout.write(`${s}\n`);
  if (!Number.isFinite(options.speed) || options.speed <= 0 || options.speed > 100) {
    io.stderr.write('pillar demo: --speed must be a number above 0 and at most 100 (1 = real time).\n');
    return 2;
  }
  if (!Number.isFinite(options.intervalSeconds) || options.intervalSeconds < 1) {
    io.stderr.write('pillar demo: --interval must be at least 1 second.\n');
    return 2;
  }
  const clock = scaledClock(options.speed, options.now);
  const signingSecret = randomBytes(24).toString('hex');
  const sim = await startSimAws({ clock });
  const slack = await startSlackStandIn({ signingSecret, clock });
  const start = clock.now();
  // A minute of history, so the first cycle already has something to read.
  const scenario = defaultScenario({ start: start - 60_000, durationMs: 2 * 3_600_000 });
  writeScenario(sim.state, scenario);

  mkdirSync('data', { recursive: true });
  const dbPath = join('data', `demo-${new Date(start).toISOString().replace(/[:.]/g, '-')}.db`);
  const logger = createLogger({ level: io.env.PILLAR_LOG_LEVEL ?? 'warn' });
  const ctx = buildContext({
    env: { ...io.env, PILLAR_CONFIG: undefined, PILLAR_DB: dbPath },
    clock,
    logger,
    dbPath,
    aws: { endpoint: sim.url, credentials: sim.credentials(HOME), maxAttempts: 3 },
    settings: (s) => ({
      ...s,
      source: null,
      slack: { ...s.slack, alertsChannel: ALERTS, reviewsChannel: 'C0OPS00001' },
      accounts: [
        {
          name: 'prod',
          roleArn: `arn:aws:iam::${PROD}:role/PillarReadOnly`,
          regions: ['us-east-1', 'eu-west-1'],
        },
      ],
      ingestion: { ...s.ingestion, overlapSeconds: 60, reportGraceSeconds: 3, activeWindowMinutes: 5 },
    }),
  });
  const pillar = assemblePillar(
    { ...ctx, close: ctx.close },
    { botToken: slack.botToken, signingSecret, apiUrl: slack.apiUrl, delivery: { noteIntervalMs: 60_000 } },
  );
  await startPillar(pillar, { port: options.port ?? 0, schedule: false });
  const appPort = (pillar.server!.address() as AddressInfo).port;
  slack.setAppUrl(`http://127.0.0.1:${appPort}/slack/events`);

  const channelName = (id: string) => slack.workspace.channelById(id)?.name ?? id;
  const stamp = () => new Date(clock.now()).toISOString().slice(11, 19);
  // Print what Pillar sent, as Slack accepted it.
  slack.on('call', (c: SlackCallRecord) => {
    if (!c.ok || (c.method !== 'chat.postMessage' && c.method !== 'chat.update')) return;
    const args = c.args as { channel?: string; text?: string; thread_ts?: string };
    const where = `#${channelName(args.channel ?? '')}`;
    const first = (args.text ?? '').split('\n')[0]?.slice(0, 160) ?? '';
    if (c.method === 'chat.update') out(`${stamp()} ${where} edited:  ${first}`);
    else out(`${stamp()} ${where} ${args.thread_ts ? '  ↳ thread:' : 'posted: '} ${first}`);
  });

  out('Pillar demo');
  out(`  simulated AWS account ${PROD} (us-east-1, eu-west-1) at ${sim.url}, read through an assumed role`);
  out(`  Slack stand-in at ${slack.url}; Pillar answers signed Slack requests on port ${appPort}`);
  out(
    `  ${scenario.functions.length} functions: Node.js, Python, Java, Go, .NET and Ruby, text and JSON log formats`,
  );
  out('  within two minutes: an async retry, a burst of one exception, a logged error, a timeout, an');
  out(
    '  out-of-memory kill, an init failure after a bad deploy; Carol resolves the ledger error, it comes back.',
  );
  out(
    `  database ${dbPath}; ingestion every ${options.intervalSeconds}s at ${options.speed}x speed. Ctrl-C stops.`,
  );
  out('');

  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const deadline =
    options.durationSeconds !== undefined ? Date.now() + options.durationSeconds * 1000 : Infinity;
  let resolvedLedger = false;
  try {
    let nextIngest = 0;
    while (!stopping && Date.now() < deadline) {
      if (Date.now() >= nextIngest) {
        nextIngest = Date.now() + options.intervalSeconds * 1000;
        const report = await runIngestCycle({
          db: ctx.db,
          clock,
          logger,
          settings: ctx.settings,
          clients: ctx.aws,
          incidents: ctx.incidents,
        });
        for (const e of report.errors)
          out(`${stamp()} ingestion error ${e.account}/${e.region} ${e.logGroup ?? ''}: ${e.message}`);
      }
      await pillar.delivery!.drain();
      if (!resolvedLedger && clock.now() - start >= 35_000) resolvedLedger = await resolveAsCarol();
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    const counts = ctx.incidents.counts();
    out('');
    out(
      `Stopped. Incidents by state: ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
    );
    await pillar.stop();
    await slack.close();
    await sim.close();
  }
  return 0;

  /** The scripted person of the scenario: Carol clicks Resolve on the ledger incident. */
  async function resolveAsCarol(): Promise<boolean> {
    const incident = ctx.incidents.list({ functionName: 'ledger-reconciler' })[0];
    const message = slack.workspace
      .topLevel(ALERTS)
      .find(
        (m) =>
          (m.metadata?.event_payload as { incident_id?: number } | undefined)?.incident_id === incident?.id,
      );
    if (!incident || !message) return false;
    await slack.send.blockAction({
      user: CAROL,
      channel: ALERTS,
      messageTs: message.ts,
      action: { actionId: actions.resolve },
    });
    return true;
  }
}

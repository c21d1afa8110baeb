import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { demoWellArchitected } from '../../sim/aws/demo/wellarchitected.js';
import {
  defaultScenario,
  demoInventory,
  type SimAws,
  startSimAws,
  writeScenario,
} from '../../sim/aws/index.js';
import { type SlackCallRecord, type SlackStandIn, startSlackStandIn } from '../../sim/slack/index.js';
import type { Clock } from '../clock.js';
import { runIngestCycle } from '../ingest/poller.js';
import { createRepeatTracker } from '../log-repeats.js';
import { createLogger } from '../logger.js';
import { runChecksJob } from '../slack/checks-job.js';
import { actions } from '../slack/ids.js';
import { assemblePillar, type PillarApp, startPillar } from './assemble.js';
import { buildContext } from './context.js';
import type { CliIo } from './io.js';

export interface DemoOptions {
  io: CliIo;
  /** Scenario time compression: 10 means ten scenario seconds per real second. */
  speed: number;
  intervalSeconds: number;
  durationSeconds?: number;
  /** HTTP port of Pillar's Slack endpoint (0: any free port). */
  port?: number;
  /** Port of the Slack stand-in and its web page (0: any free port). */
  pagePort?: number;
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

export interface DemoHandle {
  /** The stand-in's web page. */
  pageUrl: string;
  slack: SlackStandIn;
  sim: SimAws;
  pillar: PillarApp;
  clock: Clock;
  dbPath: string;
  appPort: number;
  functions: number;
  stop(): Promise<void>;
}

/**
 * Starts the whole product on one machine: the simulated AWS account with the default
 * scenario, the Slack stand-in with its web page, and Pillar in HTTP mode wired to both (its
 * requests signed with a secret generated here), with a loop that ingests every few seconds and
 * drains deliveries. Used by `pillar demo` and by the browser tests.
 */
export async function startDemo(
  options: Omit<DemoOptions, 'io' | 'durationSeconds'> & {
    env: Record<string, string | undefined>;
    dataDir?: string;
    onError?: (line: string) => void;
  },
): Promise<DemoHandle> {
  const clock = scaledClock(options.speed, options.now);
  const signingSecret = randomBytes(24).toString('hex');
  const sim = await startSimAws({ clock });
  const slack = await startSlackStandIn({
    signingSecret,
    clock,
    ...(options.pagePort !== undefined ? { port: options.pagePort } : {}),
  });
  const start = clock.now();
  // A minute of history, so the first cycle already has something to read.
  const scenario = defaultScenario({ start: start - 60_000, durationMs: 2 * 3_600_000 });
  writeScenario(sim.state, scenario);
  // Compliant and non-compliant resources of every kind the checks look at.
  demoInventory(sim.state);
  // A workload reviewed once in the first half of the year: `/wa review` on the page runs the next review.
  demoWellArchitected(sim.state, PROD, 'us-east-1');

  const dataDir = options.dataDir ?? 'data';
  mkdirSync(dataDir, { recursive: true });
  const dbPath = join(dataDir, `demo-${new Date(start).toISOString().replace(/[:.]/g, '-')}.db`);
  // Read before the settings are loaded; a bad value is then refused by buildContext below.
  const logFormat = options.env.PILLAR_LOG_FORMAT;
  const logger = createLogger({
    level: options.env.PILLAR_LOG_LEVEL ?? 'warn',
    ...(logFormat === 'json' || logFormat === 'pretty' ? { format: logFormat } : {}),
  });
  const ctx = buildContext({
    env: { ...options.env, PILLAR_CONFIG: undefined, PILLAR_DB: dbPath },
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
      // Carol may resolve and mute; Bob may not, so the page shows a refusal when he tries.
      permissions: {
        ...s.permissions,
        resolve: ['U0SIMALICE', CAROL],
        mute: ['U0SIMALICE', CAROL],
        review: ['U0SIMALICE', CAROL],
      },
      review: {
        workloads: [
          {
            name: 'payments-platform',
            region: 'us-east-1',
            account: 'prod',
            owner: 'platform-team@example.com',
          },
        ],
      },
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

  let stopping = false;
  let resolvedLedger = false;
  // The checks: a first scan soon after start, then the orders-api log group gets a retention
  // (someone fixed it) and a second scan reports it fixed.
  let checksRuns = 0;
  let checksJob: Promise<void> | undefined;
  const runChecks = () =>
    runChecksJob({
      settings: ctx.settings,
      logger,
      clock,
      db: ctx.db,
      aws: ctx.aws,
      findings: pillar.findings,
      slack: { client: pillar.slackClient!, channel: ALERTS },
    })
      .then(() => pillar.home?.changed())
      .catch((err: unknown) => options.onError?.(`checks: ${(err as Error).message}`))
      .finally(() => {
        checksRuns++;
        checksJob = undefined;
      });
  const ingestRepeats = createRepeatTracker({ clock });
  const loop = (async () => {
    let nextIngest = 0;
    while (!stopping) {
      try {
        if (Date.now() >= nextIngest) {
          nextIngest = Date.now() + options.intervalSeconds * 1000;
          const report = await runIngestCycle({
            db: ctx.db,
            clock,
            logger,
            settings: ctx.settings,
            clients: ctx.aws,
            incidents: ctx.incidents,
            repeats: ingestRepeats,
          });
          if (report.changedIncidents.length > 0) pillar.home?.changed();
          for (const e of report.errors)
            options.onError?.(`ingestion ${e.account}/${e.region} ${e.logGroup ?? ''}: ${e.message}`);
        }
        await pillar.delivery!.drain();
        await pillar.home!.flush();
        if (!resolvedLedger && clock.now() - start >= 35_000) resolvedLedger = await resolveAsCarol();
        const elapsed = clock.now() - start;
        if (
          !checksJob &&
          ((checksRuns === 0 && elapsed >= 15_000) || (checksRuns === 1 && elapsed >= 150_000))
        ) {
          if (checksRuns === 1) {
            sim.state.updateLogGroup(PROD, 'us-east-1', '/aws/lambda/orders-api', { retentionInDays: 30 });
          }
          checksJob = runChecks();
        }
      } catch (err) {
        options.onError?.(`demo loop: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();

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

  return {
    pageUrl: `${slack.url}/`,
    slack,
    sim,
    pillar,
    clock,
    dbPath,
    appPort,
    functions: scenario.functions.length,
    async stop() {
      stopping = true;
      await loop;
      await checksJob;
      await pillar.stop();
      await slack.close();
      await sim.close();
    },
  };
}

/** `pillar demo`: starts the demo, prints the page address and every message, stops on Ctrl-C. */
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
  if (
    options.pagePort !== undefined &&
    !(Number.isInteger(options.pagePort) && options.pagePort >= 0 && options.pagePort < 65536)
  ) {
    io.stderr.write('pillar demo: --port must be a port number (0 picks a free one).\n');
    return 2;
  }
  let demo: DemoHandle;
  try {
    demo = await startDemo({ ...options, env: io.env, onError: (line) => out(`error   ${line}`) });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    io.stderr.write(
      e.code === 'EADDRINUSE'
        ? `pillar demo: port ${options.pagePort} is in use; pick another with --port.\n`
        : `pillar demo: could not start: ${e.message}\n`,
    );
    return 1;
  }
  const { slack, clock } = demo;
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
  out(`  open ${demo.pageUrl} to watch the alerts channel, click the buttons and type /wa commands`);
  out(
    `  simulated AWS account ${PROD} (us-east-1, eu-west-1) at ${demo.sim.url}, read through an assumed role`,
  );
  out(`  Pillar answers signed Slack requests on port ${demo.appPort}`);
  out(`  ${demo.functions} functions: Node.js, Python, Java, Go, .NET and Ruby, text and JSON log formats`);
  out('  within two minutes: an async retry, a burst of one exception, a logged error, a timeout, an');
  out(
    '  out-of-memory kill, an init failure after a bad deploy; Carol resolves the ledger error, it comes back.',
  );
  out(
    '  the Well-Architected checks post a summary within a minute; type /wa review to review the workload payments-platform in #ops.',
  );
  out(
    `  database ${demo.dbPath}; ingestion every ${options.intervalSeconds}s at ${options.speed}x speed. Ctrl-C stops.`,
  );
  out('');

  await new Promise<void>((resolve) => {
    const timer =
      options.durationSeconds !== undefined ? setTimeout(resolve, options.durationSeconds * 1000) : undefined;
    const stop = () => {
      if (timer) clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const counts = demo.pillar.incidents.counts();
  await demo.stop();
  out('');
  out(
    `Stopped. Incidents by state: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  );
  return 0;
}

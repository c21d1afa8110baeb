import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildContext } from './app.js';
import type { CliIo } from './cli.js';
import type { Clock } from './clock.js';
import { createLogger } from './logger.js';
import { runIngestCycle } from './logs/poller.js';
import { formatIncidentLine } from './logs/report.js';
import { defaultScenario, startSimAws, writeScenario } from './sim/aws/index.js';

export interface DemoOptions {
  io: CliIo;
  /** Scenario time compression: 10 means ten scenario seconds per real second. */
  speed: number;
  intervalSeconds: number;
  durationSeconds?: number;
  /** Wall clock; the demo runs its own scaled clock on top of it. */
  now?: () => number;
}

const PROD = '111122223333';
const HOME = '123456789012';

/** A clock that runs `speed` times faster than the wall clock, from `origin`. */
export function scaledClock(speed: number, now: () => number = Date.now): Clock {
  const origin = now();
  return {
    now: () => origin + (now() - origin) * speed,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / speed)),
  };
}

/**
 * `pillar demo`, first form: the simulated AWS account with the default scenario, an ingestion
 * cycle every few seconds, and each incident printed as it opens or changes.
 */
export async function runDemo(options: DemoOptions): Promise<number> {
  const { io } = options;
  const out = (s: string) => io.stdout.write(`${s}\n`);
  if (!Number.isFinite(options.speed) || options.speed <= 0 || options.speed > 100) {
    io.stderr.write('pillar demo: --speed must be a number between 0 and 100 (1 = real time).\n');
    return 2;
  }
  if (!Number.isFinite(options.intervalSeconds) || options.intervalSeconds < 1) {
    io.stderr.write('pillar demo: --interval must be at least 1 second.\n');
    return 2;
  }
  const clock = scaledClock(options.speed, options.now);
  const sim = await startSimAws({ clock });
  const start = clock.now();
  // Ten minutes of history, so the first cycle already has something to read.
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

  out('Pillar demo');
  out(`  simulated AWS account ${PROD} (us-east-1, eu-west-1) at ${sim.url}, read through an assumed role`);
  out(
    `  ${scenario.functions.length} functions: Node.js, Python, Java, Go, .NET and Ruby, text and JSON log formats`,
  );
  out('  within two minutes: an async retry, a burst of one exception, a logged error, a timeout,');
  out('  an out-of-memory kill and an init failure after a bad deploy; the ledger error recurs later.');
  out(
    `  database ${dbPath}; an ingestion cycle every ${options.intervalSeconds}s at ${options.speed}x speed. Ctrl-C stops.`,
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
  const seen = new Map<number, number>();
  try {
    while (!stopping && Date.now() < deadline) {
      const report = await runIngestCycle({
        db: ctx.db,
        clock,
        logger,
        settings: ctx.settings,
        clients: ctx.aws,
        incidents: ctx.incidents,
      });
      const t = new Date(clock.now()).toISOString().slice(11, 19);
      for (const id of report.changedIncidents) {
        const incident = ctx.incidents.get(id);
        if (!incident) continue;
        const before = seen.get(id);
        const label =
          before === undefined
            ? 'opened '
            : incident.regressions > 0 && before === -1
              ? 'REOPENED'
              : 'updated';
        seen.set(id, incident.state === 'resolved' ? -1 : incident.occurrences);
        out(`${t} ${label} ${formatIncidentLine(incident)}`);
      }
      for (const e of report.errors)
        out(`${t} error   ${e.account}/${e.region} ${e.logGroup ?? ''}: ${e.message}`);
      const wait = Math.min(options.intervalSeconds * 1000, Math.max(0, deadline - Date.now()));
      const until = Date.now() + wait;
      while (!stopping && Date.now() < until)
        await new Promise((r) => setTimeout(r, Math.min(200, until - Date.now())));
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    const counts = ctx.incidents.counts();
    out('');
    out(
      `Stopped. Incidents by state: ${
        Object.entries(counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      }.`,
    );
    ctx.close();
    await sim.close();
  }
  return 0;
}

import {
  type InvocationOutcome,
  logStreamName,
  renderInvocation,
  type SimAws,
  type SimLogFormat,
  type SimRuntime,
  startSimAws,
} from '../../sim/aws/index.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig, type Settings } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { createIncidentService, type IncidentService } from '../../src/incidents/service.js';
import { type IngestDeps, runIngestCycle } from '../../src/ingest/poller.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock } from './clock.js';
import { testDb } from './db.js';

export const PROD = '111122223333';
export const STAGING = '444455556666';
export const HOME = '123456789012';

export interface IngestHarness {
  sim: SimAws;
  clock: FakeClock;
  db: Db;
  incidents: IncidentService;
  settings: Settings;
  deps: IngestDeps;
  cycle: (hooks?: IngestDeps['hooks']) => ReturnType<typeof runIngestCycle>;
  close: () => Promise<void>;
}

/**
 * The real poller, the real SDK clients over HTTP, the simulated account and in-memory SQLite,
 * all on one fake clock.
 */
export async function ingestHarness(
  options: {
    accounts?: Settings['accounts'];
    ingestion?: Partial<Settings['ingestion']>;
    credentialsAccount?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string };
    clock?: FakeClock;
    db?: Db;
    maxAttempts?: number;
  } = {},
): Promise<IngestHarness> {
  const clock = options.clock ?? new FakeClock('2026-11-28T12:00:00Z');
  const sim = await startSimAws({ clock });
  const db = options.db ?? testDb();
  const base = loadConfig({}, { readFile: () => '' });
  const settings: Settings = {
    ...base,
    accounts: options.accounts ?? [{ name: 'prod', regions: ['us-east-1'] }],
    ingestion: { ...base.ingestion, ...options.ingestion },
  };
  const clients = createAwsClients({
    accounts: settings.accounts,
    endpoint: sim.url,
    credentials: options.credentials ?? sim.credentials(options.credentialsAccount ?? PROD),
    maxAttempts: options.maxAttempts ?? 1,
  });
  const incidents = createIncidentService({ db, clock });
  const deps: IngestDeps = { db, clock, logger: silentLogger(), settings, clients, incidents };
  return {
    sim,
    clock,
    db,
    incidents,
    settings,
    deps,
    cycle: (hooks) => runIngestCycle(hooks ? { ...deps, hooks } : deps),
    close: async () => {
      clients.destroy();
      await sim.close();
    },
  };
}

export interface FunctionSpec {
  account?: string;
  region?: string;
  name: string;
  runtime?: SimRuntime;
  format?: SimLogFormat;
  memoryMB?: number;
  timeoutSec?: number;
  logGroup?: string;
}

export function addFunction(sim: SimAws, f: FunctionSpec): void {
  sim.state.addFunction(f.account ?? PROD, f.region ?? 'us-east-1', {
    name: f.name,
    runtime: f.runtime ?? 'nodejs20.x',
    memorySize: f.memoryMB ?? 256,
    timeout: f.timeoutSec ?? 10,
    logFormat: f.format ?? 'Text',
    ...(f.logGroup ? { logGroup: f.logGroup } : {}),
  });
  sim.state.createLogGroup(f.account ?? PROD, f.region ?? 'us-east-1', f.logGroup ?? `/aws/lambda/${f.name}`);
}

let counter = 0;
/** Writes one invocation's log events into the sim, as Lambda would. Returns its request id. */
export function invoke(
  sim: SimAws,
  f: FunctionSpec,
  at: number,
  options: {
    outcome?: InvocationOutcome;
    requestId?: string;
    stream?: string;
    coldStart?: boolean;
    error?: { type?: string; message?: string };
    ingestionTime?: number;
    timeoutStyle?: 'status' | 'legacy';
    oomStyle?: 'classic' | 'status';
  } = {},
): { requestId: string; stream: string } {
  counter++;
  const requestId =
    options.requestId ??
    `${String(counter).padStart(8, '0')}-aaaa-4bbb-8ccc-${String(at % 1e12).padStart(12, '0')}`;
  const stream = options.stream ?? logStreamName(at, counter.toString(16).padStart(32, '0'));
  const events = renderInvocation({
    runtime: f.runtime ?? 'nodejs20.x',
    format: f.format ?? 'Text',
    functionName: f.name,
    region: f.region ?? 'us-east-1',
    memorySizeMB: f.memoryMB ?? 256,
    timeoutSec: f.timeoutSec ?? 10,
    requestId,
    start: at,
    outcome: options.outcome ?? 'success',
    ...(options.coldStart ? { coldStart: { initDurationMs: 230 } } : {}),
    ...(options.error ? { error: options.error } : {}),
    ...(options.timeoutStyle ? { timeoutStyle: options.timeoutStyle } : {}),
    ...(options.oomStyle ? { oomStyle: options.oomStyle } : {}),
  });
  sim.state.putLogEvents(
    f.account ?? PROD,
    f.region ?? 'us-east-1',
    f.logGroup ?? `/aws/lambda/${f.name}`,
    stream,
    events.map((e) => ({
      ...e,
      ...(options.ingestionTime !== undefined ? { ingestionTime: options.ingestionTime } : {}),
    })),
  );
  return { requestId, stream };
}

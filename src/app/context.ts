import { type AwsClientOptions, type AwsClients, createAwsClients } from '../aws/clients.js';
import { type Clock, systemClock } from '../clock.js';
import { loadConfig, type Settings } from '../config.js';
import { closeDatabase, type Db, openDatabase } from '../db/client.js';
import { createIncidentService, type IncidentService } from '../incidents/service.js';
import { createLogger, type Logger } from '../logger.js';

/** The parts every command and job runs on: settings, log, time, storage, AWS and incidents. */
export interface CoreParts {
  settings: Settings;
  logger: Logger;
  clock: Clock;
  db: Db;
  aws: AwsClients;
  incidents: IncidentService;
}

/** Everything a command needs, built once from the environment: the composition root. */
export interface AppContext extends CoreParts {
  close(): void;
}

export interface BuildOptions {
  env: Record<string, string | undefined>;
  clock?: Clock;
  logger?: Logger;
  /** Overrides for the AWS clients (the demo and tests pass the simulated account's endpoint). */
  aws?: Partial<AwsClientOptions>;
  /** Overrides the settings after loading (the demo). */
  settings?: (s: Settings) => Settings;
  dbPath?: string;
}

export function buildContext(options: BuildOptions): AppContext {
  let settings = loadConfig(options.env);
  if (options.settings) settings = options.settings(settings);
  const logger =
    options.logger ??
    createLogger({ level: settings.env.PILLAR_LOG_LEVEL, format: settings.env.PILLAR_LOG_FORMAT });
  const clock = options.clock ?? systemClock;
  const db = openDatabase(options.dbPath ?? settings.env.PILLAR_DB);
  const aws = createAwsClients({
    accounts: settings.accounts,
    // AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are read by the SDK's own chain.
    ...options.aws,
  });
  const incidents = createIncidentService({
    db,
    clock,
    logger,
    settings: { samplesPerIncident: settings.incidents.samplesPerIncident },
  });
  return {
    settings,
    logger,
    clock,
    db,
    aws,
    incidents,
    close() {
      aws.destroy();
      closeDatabase(db);
    },
  };
}

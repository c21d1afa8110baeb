import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import type { FindingsService } from '../findings/service.js';
import type { IncidentService } from '../incidents/service.js';
import type { Logger } from '../logger.js';
import type { ReviewService } from '../review/api.js';
import type { Delivery } from './delivery/index.js';
import type { HomePublisher } from './home.js';
import type { Permissions } from './permissions.js';

/** What Slack handlers call: they ack, call one of these, and render with a builder. */
export interface SlackServices {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: Settings;
  incidents: IncidentService;
  findings: FindingsService;
  permissions: Permissions;
  delivery: Delivery;
  home: HomePublisher;
  /** The Well-Architected review workflow; absent until it is configured and built. */
  reviews?: ReviewService;
}

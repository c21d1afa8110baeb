import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../clock.js';
import type { Settings } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { FindingsService } from '../../findings/service.js';
import type { IncidentService } from '../../incidents/service.js';
import type { Incident, IncidentMessage } from '../../incidents/types.js';
import type { Logger } from '../../logger.js';

export interface DeliverySettings {
  /** At most one edit of one message per this many ms. */
  editIntervalMs: number;
  /** At most one occurrences note per incident thread per this many ms. */
  noteIntervalMs: number;
  /** Minimum gap between two posts to one channel (Slack allows about one per second). */
  channelGapMs: number;
  /** Remind about an unacknowledged incident after this long, then at most this often. */
  remindAfterMs: number;
  remindEveryMs: number;
  /** Incidents last seen longer ago than this are not posted when delivery first sees them. */
  backlogMs: number;
}

export const defaultDeliverySettings: DeliverySettings = {
  editIntervalMs: 10_000,
  noteIntervalMs: 5 * 60_000,
  channelGapMs: 1_100,
  remindAfterMs: 30 * 60_000,
  remindEveryMs: 60 * 60_000,
  backlogMs: 24 * 3_600_000,
};

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  slack: WebClient;
  incidents: IncidentService;
  /** Failing checks of an incident's function, listed on its message. */
  findings?: Pick<FindingsService, 'forIncident'>;
  settings: Pick<Settings, 'slack' | 'schedules'> & Partial<Pick<Settings, 'incidents'>>;
  delivery?: Partial<DeliverySettings>;
  /** Who writes outbox rows (the database lease holder); a random id per process when absent. */
  owner?: string;
  /** Test hooks: throw to stop a pass as a killed process would. */
  hooks?: { beforePost?: (incidentId: number) => void; afterPost?: (incidentId: number, ts: string) => void };
}

export interface DeliveryStats {
  posts: number;
  edits: number;
  notes: number;
  reminders: number;
  recovered: number;
  rateLimited: number;
  errors: number;
}

export interface Delivery {
  /** One pass over everything due; returns what it sent. Never throws for Slack errors. */
  drain(): Promise<DeliveryStats>;
  /** Edits an incident's messages at once: a person's click should show without waiting. */
  updateNow(incidentId: number): Promise<void>;
  /** The channel an incident's message is in (or would be posted to); undefined when none is set. */
  channelOf(incident: Incident): string | undefined;
  /** Ends the current pass after the Slack call in flight, and makes later passes do nothing. */
  stop(): void;
  stats: DeliveryStats;
}

/** An incident's message in one channel: the row delivery keeps per post. */
export type MessageRow = IncidentMessage;

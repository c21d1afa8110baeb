import { describeSlackError, type SlackErrorInfo } from '../slack-errors.js';
import { createOutbox, type Outbox } from './outbox.js';
import { type Channels, createChannels } from './pace.js';
import { createRenderer, type Render } from './render.js';
import {
  type DeliveryDeps,
  type DeliverySettings,
  type DeliveryStats,
  defaultDeliverySettings,
  type MessageRow,
} from './types.js';

/** What the parts of delivery (post, edit, threads) share for the life of one delivery. */
export interface DeliveryContext {
  deps: DeliveryDeps;
  cfg: DeliverySettings;
  stats: DeliveryStats;
  timeZone: string;
  outbox: Outbox;
  channels: Channels;
  render: Render;
  /** Set by `stop()`: passes end after the Slack call in flight; the rest stays in the outbox. */
  halt: { requested: boolean };
  /** Records a Slack error on its channel and backs the row off; returns what the error means. */
  failed(row: MessageRow, e: unknown): SlackErrorInfo;
}

/** Delivery settings: the defaults, then the incidents settings (minutes), then explicit overrides. */
export function deliverySettings(deps: Pick<DeliveryDeps, 'settings' | 'delivery'>): DeliverySettings {
  const inc = deps.settings.incidents;
  return {
    ...defaultDeliverySettings,
    ...(inc
      ? {
          remindAfterMs: inc.remindAfterMinutes * 60_000,
          remindEveryMs: inc.remindEveryMinutes * 60_000,
          noteIntervalMs: inc.threadNoteMinutes * 60_000,
        }
      : {}),
    ...deps.delivery,
  };
}

export function createContext(deps: DeliveryDeps): DeliveryContext {
  const cfg = deliverySettings(deps);
  const { db, clock, logger } = deps;
  const stats: DeliveryStats = {
    posts: 0,
    edits: 0,
    notes: 0,
    reminders: 0,
    recovered: 0,
    rateLimited: 0,
    errors: 0,
  };
  const timeZone = deps.settings.schedules.timezone;
  const outbox = createOutbox({ db, clock, settings: cfg, ...(deps.owner ? { owner: deps.owner } : {}) });
  const channels = createChannels({ db, clock, logger, stats, gapMs: cfg.channelGapMs });
  return {
    deps,
    cfg,
    stats,
    timeZone,
    outbox,
    channels,
    halt: { requested: false },
    render: createRenderer({
      clock,
      logger,
      incidents: deps.incidents,
      ...(deps.findings ? { findings: deps.findings } : {}),
      timeZone,
    }),
    failed(row, e) {
      const info = describeSlackError(e, row.channel);
      channels.failed(row.channel, info);
      outbox.backoff(row, info);
      return info;
    },
  };
}

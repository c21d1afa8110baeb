import type { Server } from 'node:http';
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import type { SlackServices } from './services.js';
import * as viewHandlers from './views/index.js';

export interface SlackAppOptions {
  services: SlackServices;
  logger: Logger;
  botToken: string;
  /** HTTP mode: requests are verified with it. */
  signingSecret?: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** Base URL of the Web API (the stand-in in tests and the demo). */
  apiUrl?: string;
  /** Known bot ids skip Bolt's `auth.test` at construction. */
  botId?: string;
  botUserId?: string;
  /** Send the HTTP response after the listener finished (deterministic tests). */
  processBeforeResponse?: boolean;
  /** Extra body for /healthz. */
  health?: () => Record<string, unknown>;
}

export interface SlackApp {
  app: App;
  start(port?: number): Promise<Server | undefined>;
  stop(): Promise<void>;
}

/** Bolt's logger interface over pino, so every line goes to one place. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) =>
      child.error(msg.map((m) => (m instanceof Error ? (m.stack ?? m.message) : String(m))).join(' ')),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * The Bolt app: Socket Mode with an app token, HTTP mode (requests at /slack/events, verified
 * with the signing secret, /healthz beside it) otherwise. Listeners are registered per surface.
 */
export function createSlackApp(o: SlackAppOptions): SlackApp {
  const clientOptions = {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
    // Delivery retries and paces by itself; a 429 must reach it rather than stall every call.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  const socketMode = Boolean(o.appToken);
  const app = new App({
    token: o.botToken,
    ...(socketMode ? { socketMode: true, appToken: o.appToken! } : { signingSecret: o.signingSecret! }),
    clientOptions,
    logger: boltLogger(o.logger),
    ...(o.botId && o.botUserId ? { botId: o.botId, botUserId: o.botUserId } : {}),
    ...(o.processBeforeResponse ? { processBeforeResponse: true } : {}),
    ...(socketMode
      ? {}
      : {
          customRoutes: [
            {
              path: '/healthz',
              method: ['GET'],
              handler: (_req, res) => {
                res.writeHead(200, { 'Content-Type': 'application/json' });
                res.end(JSON.stringify({ ok: true, ...o.health?.() }));
              },
            },
          ],
        }),
  });
  app.error(async (error) => {
    o.logger.error({ err: error }, 'Slack listener failed');
  });
  commands.register(app, o.services);
  actions.register(app, o.services);
  viewHandlers.register(app, o.services);
  events.register(app, o.services);
  return {
    app,
    async start(port) {
      const server = await app.start(port ?? 3000);
      return socketMode ? undefined : (server as Server);
    },
    async stop() {
      await app.stop();
    },
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import { BotIdentitySource } from './identity.js';
import { SignedRequestReceiver } from './receiver.js';
import type { SlackServices } from './services.js';
import { SocketConnection } from './socket.js';
import * as viewHandlers from './views/index.js';

/** How Pillar reaches Slack and Slack reaches Pillar: the tokens, the mode and the API URL. */
export interface SlackConnectionOptions {
  botToken: string;
  /** HTTP mode: requests are verified with it. */
  signingSecret?: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** Base URL of the Web API (the stand-in in tests and the demo). */
  apiUrl?: string;
  /** Known bot ids: no `auth.test` needed. */
  botId?: string;
  botUserId?: string;
  /** Send the HTTP response after the listener finished (deterministic tests). */
  processBeforeResponse?: boolean;
}

export interface SlackAppOptions extends SlackConnectionOptions {
  services: SlackServices;
  logger: Logger;
  clock: Clock;
  /** Wall time for request signatures: Slack signs with its clock, whatever time Pillar's jobs run on. */
  signatureClock: Clock;
  /** The bot's Web API client (`createBotClient`), shared with delivery. */
  client: WebClient;
  /** Told whether Slack answers: the Web API (`auth.test`) and, in Socket Mode, the socket. */
  onConnection?: (part: 'api' | 'socket', up: boolean, reason?: string) => void;
  /** Slack refused a token: nothing but a new token helps; the process should stop with this advice. */
  onFatal: (advice: string) => void;
}

export interface SlackApp {
  app: App;
  /** The bot's Web API client, for delivery and jobs (it fails fast; delivery retries by itself). */
  client: WebClient;
  socketMode: boolean;
  /** HTTP mode: answers `POST /slack/events` (the caller's server routes it here). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Starts asking who the bot is and, in Socket Mode, connecting; never waits for Slack. */
  start(): void;
  stop(): Promise<void>;
}

/** Bolt's logger interface over pino, so every line goes to one place. */
export function boltLogger(logger: Logger, options: { warningsAsDebug?: boolean } = {}): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) =>
      options.warningsAsDebug
        ? child.debug(msg.map(String).join(' '))
        : child.warn(msg.map(String).join(' ')),
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
 * The Bolt app. Start-up never depends on Slack being reachable: the bot's identity comes from an
 * `authorize` that reads `auth.test` in the background (Bolt's own would call it in the
 * constructor and end the process when Slack is down), Socket Mode connects in the background
 * with its own reconnect policy, and HTTP requests come through a receiver that checks them
 * before Bolt parses anything. Listeners are registered per surface.
 */
function botClientOptions(apiUrl?: string) {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    // Delivery retries and paces by itself; a 429 must reach it rather than stall every call.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
}

/** The bot's Web API client: fails fast, so delivery's own retries and pacing decide. */
export function createBotClient(botToken: string, apiUrl: string | undefined, logger: Logger): WebClient {
  // Its per-request warnings go to Pillar's debug log: delivery and the identity report failures
  // themselves, once and with their fix.
  return new WebClient(botToken, {
    ...botClientOptions(apiUrl),
    logger: boltLogger(logger.child({ component: 'web-api' }), { warningsAsDebug: true }),
  });
}

export function createSlackApp(o: SlackAppOptions): SlackApp {
  const clientOptions = botClientOptions(o.apiUrl);
  const client = o.client;
  const bolt = boltLogger(o.logger);
  const identity = new BotIdentitySource({
    client,
    logger: o.logger,
    clock: o.clock,
    onReachable: (up, reason) => o.onConnection?.('api', up, reason),
    onFatal: o.onFatal,
  });
  const known = o.botId && o.botUserId ? { botId: o.botId, botUserId: o.botUserId } : undefined;
  const socket = o.appToken
    ? new SocketConnection({
        appToken: o.appToken,
        ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}),
        logger: o.logger,
        boltLogger: bolt,
        clock: o.clock,
        onState: (up, reason) => o.onConnection?.('socket', up, reason),
        onFatal: o.onFatal,
      })
    : undefined;
  if (!socket && !o.signingSecret)
    throw new Error('createSlackApp needs SLACK_APP_TOKEN or SLACK_SIGNING_SECRET');
  const http = socket
    ? undefined
    : new SignedRequestReceiver({
        signingSecret: o.signingSecret!,
        logger: o.logger,
        clock: o.signatureClock,
        ...(o.processBeforeResponse ? { processBeforeResponse: true } : {}),
      });
  const app = new App({
    receiver: socket ? socket.receiver : http!,
    authorize: async () => ({ botToken: o.botToken, ...(known ?? identity.current() ?? {}) }),
    clientOptions,
    logger: bolt,
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
    client,
    socketMode: Boolean(socket),
    async handle(req, res) {
      if (!http) {
        res.writeHead(404).end();
        return;
      }
      await http.handle(req, res);
    },
    start() {
      if (!known) identity.start();
      else o.onConnection?.('api', true);
      socket?.connect();
    },
    async stop() {
      identity.stop();
      await socket?.stop();
    },
  };
}

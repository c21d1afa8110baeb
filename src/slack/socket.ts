import { type Logger as BoltLogger, SocketModeReceiver } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

export interface SocketConnectionOptions {
  appToken: string;
  /** Base URL of the Web API (`apps.connections.open`); Slack's by default. */
  apiUrl?: string;
  logger: Logger;
  boltLogger: BoltLogger;
  clock: Clock;
  /** A connection down this long with no sign of the client reconnecting is started over. */
  stuckAfterMs?: number;
  /** Told every change: connected, or down with the reason. */
  onState: (connected: boolean, reason?: string) => void;
  /** An error no reconnect can fix (a refused app token): the process should stop with this advice. */
  onFatal: (advice: string) => void;
  /** Seconds to wait between attempts to connect again after the client gave up (default 1, 2, 4 … 30). */
  backoffMs?: (attempt: number) => number;
}

/** Slack answers these when the app token itself is wrong: reconnecting cannot help. */
const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'not_allowed_token_type',
]);

/**
 * Socket Mode with its own reconnect policy. The Socket Mode client gets its own Web API options
 * (never the delivery client's `retries: 0`, which made one 503 during a refresh end the process),
 * connects in the background so start-up never waits on Slack, and starts over whenever the
 * client gives up.
 */
export class SocketConnection {
  readonly receiver: SocketModeReceiver;
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private connected = false;
  private connecting = false;
  private lastSign = 0;

  constructor(private readonly o: SocketConnectionOptions) {
    this.receiver = new SocketModeReceiver({
      appToken: o.appToken,
      logger: o.boltLogger,
      // The client's default retry policy (many retries, growing waits) is what keeps it alive.
      installerOptions: { clientOptions: o.apiUrl ? { slackApiUrl: o.apiUrl } : {} },
    });
    const client = this.receiver.client;
    client.on('connected', () => {
      this.attempt = 0;
      this.connected = true;
      this.lastSign = o.clock.now();
      o.onState(true);
      o.logger.info('Connected to Slack (Socket Mode)');
    });
    for (const state of ['connecting', 'reconnecting', 'disconnecting', 'authenticated']) {
      client.on(state, () => {
        this.lastSign = o.clock.now();
        if (state === 'reconnecting') this.down('reconnecting');
      });
    }
    client.on('disconnected', () => {
      if (!this.stopped) this.down('disconnected');
    });
  }

  /** Connects in the background; resolves at once. */
  connect(): void {
    this.down('connecting');
    void this.tryConnect();
    const stuckAfter = this.o.stuckAfterMs ?? 180_000;
    // The client's own reconnect can give up (its promise rejects where nobody awaits it): start over.
    this.watchdog = setInterval(
      () => {
        if (this.stopped || this.connected || this.connecting) return;
        if (this.o.clock.now() - this.lastSign < stuckAfter) return;
        this.o.logger.warn(
          'The Socket Mode connection stayed down with no reconnect under way; starting over',
        );
        this.lastSign = this.o.clock.now();
        void this.receiver.client
          .disconnect()
          .catch(() => undefined)
          .then(() => this.tryConnect());
      },
      Math.min(stuckAfter, 15_000),
    );
    this.watchdog.unref();
  }

  private down(reason: string): void {
    this.connected = false;
    this.o.onState(false, reason);
  }

  private async tryConnect(): Promise<void> {
    if (this.stopped) return;
    this.connecting = true;
    try {
      await this.receiver.start();
      this.connecting = false;
    } catch (err) {
      this.connecting = false;
      if (this.stopped) return;
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && TOKEN_ERRORS.has(code)) {
        this.o.onFatal(
          `Slack refused SLACK_APP_TOKEN (${code}): create an app-level token with connections:write under Basic Information → App-Level Tokens and set SLACK_APP_TOKEN to it.`,
        );
        return;
      }
      const wait = (this.o.backoffMs ?? defaultBackoff)(this.attempt++);
      const reason = err instanceof Error ? err.message : String(err);
      this.down(reason);
      this.o.logger.warn({ reason, retryInMs: wait }, 'Could not connect to Slack (Socket Mode); retrying');
      this.timer = setTimeout(() => void this.tryConnect(), wait);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.watchdog);
    await this.receiver.stop().catch(() => undefined);
  }
}

export function defaultBackoff(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** attempt);
}

import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

export interface BotIdentity {
  botId?: string;
  botUserId?: string;
}

/** Slack answers these when the bot token itself is wrong: retrying cannot help. */
const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

export interface IdentityOptions {
  client: WebClient;
  logger: Logger;
  clock: Clock;
  /** Told whether the Web API answers (false with the reason while it does not). */
  onReachable?: (reachable: boolean, reason?: string) => void;
  /** The token was refused: the process should stop with this advice. */
  onFatal: (advice: string) => void;
  backoffMs?: (attempt: number) => number;
}

/**
 * Who the bot is (`auth.test`), learned in the background so start-up never depends on Slack being
 * reachable: retried with backoff until Slack answers; a refused token is fatal with its fix.
 */
export class BotIdentitySource {
  private identity: BotIdentity | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private waiting: Array<() => void> = [];

  constructor(private readonly o: IdentityOptions) {}

  /** Starts asking; resolves at once. */
  start(): void {
    void this.ask(0);
  }

  /** The identity when known; undefined while Slack has not answered yet. */
  current(): BotIdentity | undefined {
    return this.identity;
  }

  /** Resolves when the identity is known (tests and the start-up line). */
  known(): Promise<BotIdentity> {
    if (this.identity) return Promise.resolve(this.identity);
    return new Promise((resolve) => this.waiting.push(() => resolve(this.identity!)));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async ask(attempt: number): Promise<void> {
    if (this.stopped) return;
    try {
      const res = await this.o.client.auth.test();
      this.identity = {
        ...(res.bot_id ? { botId: res.bot_id } : {}),
        ...(res.user_id ? { botUserId: res.user_id } : {}),
      };
      this.o.onReachable?.(true);
      if (attempt > 0) this.o.logger.info('Slack answers again: the bot identity is known');
      for (const w of this.waiting.splice(0)) w();
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && TOKEN_ERRORS.has(code)) {
        this.o.onFatal(
          `Slack refused SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, and reinstall the app if it was revoked.`,
        );
        return;
      }
      const reason = err instanceof Error ? err.message : String(err);
      const wait = (this.o.backoffMs ?? ((n) => Math.min(30_000, 1000 * 2 ** n)))(attempt);
      this.o.onReachable?.(false, reason);
      if (attempt === 0)
        this.o.logger.warn(
          { reason },
          `Slack is not reachable (${reason}); Pillar keeps ingesting, queues alerts and retries.`,
        );
      if (!this.stopped) this.timer = setTimeout(() => void this.ask(attempt + 1), wait);
    }
  }
}

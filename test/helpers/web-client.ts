import { ErrorCode, type WebClient } from '@slack/web-api';

// biome-ignore lint/suspicious/noExplicitAny: Web API arguments are whatever the code under test sends.
export type SlackArgs = Record<string, any>;

export interface SlackCall {
  method: string;
  args: SlackArgs;
}

interface Posted {
  ts: string;
  text?: string;
  metadata?: unknown;
}

/**
 * An in-process WebClient for delivery's parts (the HTTP stand-in in sim/slack is for end-to-end
 * tests): records every call, answers as Slack does, and fails the next call of a method when told.
 */
export class FakeWebClient {
  readonly calls: SlackCall[] = [];
  /** Top-level messages per channel, oldest first, as conversations.history reads them. */
  readonly channels = new Map<string, Posted[]>();
  private readonly failures: { method: string; error: unknown }[] = [];
  private seq = 0;

  readonly client = {
    chat: {
      postMessage: (args: SlackArgs) =>
        this.call('chat.postMessage', args, () => {
          const ts = `${1_700_000_000 + ++this.seq}.000100`;
          if (args.thread_ts === undefined)
            this.post(args.channel, { ts, text: args.text, metadata: args.metadata });
          return { ok: true, channel: args.channel, ts };
        }),
      update: (args: SlackArgs) =>
        this.call('chat.update', args, () => ({ ok: true, channel: args.channel, ts: args.ts })),
    },
    conversations: {
      history: (args: SlackArgs) =>
        this.call('conversations.history', args, () => ({
          ok: true,
          messages: [...(this.channels.get(args.channel) ?? [])].reverse(),
        })),
      join: (args: SlackArgs) => this.call('conversations.join', args, () => ({ ok: true })),
    },
  } as unknown as WebClient;

  /** The next call of `method` throws `error` (queued: several calls can be told to fail in turn). */
  failNext(method: string, error: unknown): void {
    this.failures.push({ method, error });
  }

  /** A message already in the channel (posted by an earlier process). */
  post(channel: string, message: Posted): void {
    const list = this.channels.get(channel) ?? [];
    list.push(message);
    this.channels.set(channel, list);
  }

  of(method: string): SlackArgs[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  private async call<T>(method: string, args: SlackArgs, answer: () => T): Promise<T> {
    this.calls.push({ method, args });
    const i = this.failures.findIndex((f) => f.method === method);
    if (i >= 0) {
      const [failure] = this.failures.splice(i, 1);
      throw failure!.error;
    }
    return answer();
  }
}

/** What WebClient throws when Slack answers `ok: false`. */
export function platformError(error: string): Error {
  return Object.assign(new Error(`An API error occurred: ${error}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error },
  });
}

/** What WebClient throws on HTTP 429 when its own retries are off. */
export function rateLimitedError(retryAfterSeconds: number): Error {
  return Object.assign(new Error('A rate limit was exceeded'), {
    code: ErrorCode.RateLimitedError,
    retryAfter: retryAfterSeconds,
  });
}

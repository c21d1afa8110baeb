/** Error codes Slack's Web API answers that tests commonly inject. */
export type SlackErrorCode =
  | 'channel_not_found'
  | 'not_in_channel'
  | 'is_archived'
  | 'invalid_auth'
  | 'not_authed'
  | 'token_revoked'
  | 'account_inactive'
  | 'missing_scope'
  | 'ratelimited'
  | 'message_not_found'
  | 'cant_update_message'
  | 'invalid_blocks'
  | 'msg_blocks_too_long'
  | 'expired_trigger_id'
  | 'view_too_large'
  | 'hash_conflict'
  | 'user_not_found'
  | 'internal_error'
  | 'fatal_error'
  | 'service_unavailable'
  | 'request_timeout';

export interface SlackFaultSpec {
  /** Web API method (`chat.postMessage`), `response_url`, `file_upload`, or `*` for every one. */
  method: string;
  /** Only calls about this channel (`channel` or `channel_id` argument). */
  channel?: string;
  /** Only calls about this user (`user` or `user_id` argument). */
  user?: string;
  error: SlackErrorCode | (string & {});
  /** How many calls fail before the fault removes itself (default: until removed). */
  times?: number;
  /** `Retry-After` seconds for `ratelimited` (default 1); the answer is then HTTP 429. */
  retryAfter?: number;
  /** HTTP status for the answer (default 200, or 429 for `ratelimited`); a 5xx makes clients retry. */
  status?: number;
  /** Extra fields merged into the error body (`needed`, `provided` for missing_scope…). */
  extra?: Record<string, unknown>;
}

export interface SlackFaultHandle {
  readonly spec: SlackFaultSpec;
  readonly hits: number;
  remove(): void;
}

export interface SlackFaultContext {
  method: string;
  channel?: string;
  user?: string;
}

interface Entry {
  spec: SlackFaultSpec;
  hits: number;
}

/** Injected errors, matched in the order they were added. */
export class SlackFaults {
  private entries: Entry[] = [];

  add(spec: SlackFaultSpec): SlackFaultHandle {
    const entry: Entry = { spec: { ...spec }, hits: 0 };
    this.entries.push(entry);
    return {
      spec: entry.spec,
      get hits() {
        return entry.hits;
      },
      remove: () => {
        this.entries = this.entries.filter((e) => e !== entry);
      },
    };
  }

  clear(): void {
    this.entries = [];
  }

  list(): SlackFaultSpec[] {
    return this.entries.map((e) => e.spec);
  }

  /** The first matching fault, counted (and dropped once its `times` are used up). */
  take(ctx: SlackFaultContext): SlackFaultSpec | undefined {
    for (const entry of this.entries) {
      const s = entry.spec;
      if (s.method !== '*' && s.method !== ctx.method) continue;
      if (s.channel !== undefined && s.channel !== ctx.channel) continue;
      if (s.user !== undefined && s.user !== ctx.user) continue;
      entry.hits++;
      if (s.times !== undefined && entry.hits >= s.times)
        this.entries = this.entries.filter((e) => e !== entry);
      return s;
    }
    return undefined;
  }
}

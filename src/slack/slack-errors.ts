import { ErrorCode as SlackErrorCode } from '@slack/web-api';

export interface SlackErrorInfo {
  /** Slack's error string (`channel_not_found`), or a short code for transport problems. */
  error: string;
  /** One sentence that tells a person what to do. */
  fix: string;
  rateLimited: boolean;
  retryAfterMs?: number;
  /** Retrying cannot help until someone changes something. */
  permanent: boolean;
}

const FIXES: Record<string, { fix: (channel: string) => string; permanent: boolean }> = {
  channel_not_found: {
    fix: (c) =>
      `Channel ${c} does not exist or Pillar cannot see it: check the channel id in pillar.yml (slack.alertsChannel or a route).`,
    permanent: false,
  },
  not_in_channel: {
    fix: (c) => `Pillar is not a member of ${c}: invite it with /invite @Pillar in that channel.`,
    permanent: false,
  },
  is_archived: {
    fix: (c) => `Channel ${c} is archived: unarchive it or route alerts to another channel.`,
    permanent: false,
  },
  invalid_auth: {
    fix: () => 'Slack rejected the bot token: check SLACK_BOT_TOKEN (xoxb-…) and reinstall the app.',
    permanent: false,
  },
  not_authed: { fix: () => 'No Slack token was sent: set SLACK_BOT_TOKEN.', permanent: false },
  account_inactive: {
    fix: () => 'The Slack app was uninstalled or its token revoked: reinstall it and update SLACK_BOT_TOKEN.',
    permanent: false,
  },
  token_revoked: {
    fix: () => 'The Slack token was revoked: reinstall the app and update SLACK_BOT_TOKEN.',
    permanent: false,
  },
  missing_scope: {
    fix: () =>
      'The Slack app lacks a scope: reinstall it from manifest.yml so it gets every scope Pillar needs.',
    permanent: false,
  },
  restricted_action: {
    fix: (c) => `Posting in ${c} is restricted by a workspace admin setting.`,
    permanent: false,
  },
  invalid_blocks: {
    fix: () => 'Slack refused the message layout; this is a Pillar bug, please report it with the log line.',
    permanent: true,
  },
  msg_blocks_too_long: {
    fix: () => 'Slack refused the message as too long; this is a Pillar bug, please report it.',
    permanent: true,
  },
  message_not_found: {
    fix: () => 'The alert message was deleted in Slack; Pillar stops editing it.',
    permanent: true,
  },
  cant_update_message: { fix: () => 'Slack does not let Pillar edit that message.', permanent: true },
};

/** Classifies a WebClient error into what the delivery and `/wa status` need. */
export function describeSlackError(e: unknown, channel: string): SlackErrorInfo {
  const err = e as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    statusCode?: number;
    message?: string;
  };
  if (err?.code === SlackErrorCode.RateLimitedError) {
    return {
      error: 'ratelimited',
      fix: 'Slack asked Pillar to slow down; it waits as told.',
      rateLimited: true,
      retryAfterMs: Math.max(1, err.retryAfter ?? 1) * 1000,
      permanent: false,
    };
  }
  if (err?.code === SlackErrorCode.PlatformError && err.data?.error) {
    const name = err.data.error;
    if (name === 'ratelimited') {
      return {
        error: name,
        fix: 'Slack asked Pillar to slow down.',
        rateLimited: true,
        retryAfterMs: 1000,
        permanent: false,
      };
    }
    const known = FIXES[name];
    return {
      error: name,
      fix: known
        ? known.fix(channel)
        : `Slack answered ${name}; see https://api.slack.com/methods for what it means.`,
      rateLimited: false,
      permanent: known?.permanent ?? false,
    };
  }
  if (err?.code === SlackErrorCode.HTTPError) {
    return {
      error: `http_${err.statusCode ?? 'error'}`,
      fix: 'Slack answered with an HTTP error; Pillar retries.',
      rateLimited: false,
      permanent: false,
    };
  }
  return {
    error: 'unreachable',
    fix: `Slack could not be reached (${err?.message ?? String(e)}); check the network or SLACK_API_URL. Pillar retries.`,
    rateLimited: false,
    permanent: false,
  };
}

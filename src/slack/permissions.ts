import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Logger } from '../logger.js';

/** What a person can be allowed or refused. Acknowledging and listing are open to everyone. */
export type Permission = 'resolve' | 'mute' | 'assign' | 'review';

/** One permission as `/wa help` shows it: the people or groups listed, or who may by default. */
export interface WhoMay {
  what: string;
  /** User and user-group ids from the settings; null when none are listed. */
  listed: string[] | null;
  /** Who may when nobody is listed. */
  byDefault: string;
}

export interface Permissions {
  /**
   * True when the user may do it. With a list in the settings (users and user groups), the list
   * decides; without one, members of `channel` (the incident's channel, or the reviews channel)
   * may, wherever they click or type.
   */
  allows(userId: string, permission: Permission, scope?: { channel?: string | undefined }): Promise<boolean>;
  /** The sentence a refused user sees. */
  refusal(permission: Permission, scope?: { channel?: string | undefined }): string;
  /** Who may do what (for `/wa help`). */
  describe(): WhoMay[];
}

const GROUP_CACHE_MS = 5 * 60_000;
const MEMBERS_CACHE_MS = 5 * 60_000;
const WHAT: Record<Permission, string> = {
  resolve: 'resolve or reopen incidents',
  mute: 'mute or unmute incidents',
  assign: 'assign incidents',
  review: 'change Well-Architected reviews',
};

export function createPermissions(deps: {
  settings: Pick<Settings, 'permissions'>;
  slack: WebClient;
  clock: Clock;
  logger: Logger;
}): Permissions {
  const groups = new Map<string, { users: Set<string>; at: number }>();
  const members = new Map<string, { users: Set<string>; at: number }>();
  const unreadable = new Map<string, string>();

  /** Members of a channel, paged and cached; undefined when Slack would not say. */
  async function channelMembers(channel: string): Promise<Set<string> | undefined> {
    const cached = members.get(channel);
    if (cached && deps.clock.now() - cached.at < MEMBERS_CACHE_MS) return cached.users;
    try {
      const users = new Set<string>();
      let cursor: string | undefined;
      for (let page = 0; page < 50; page++) {
        const res = await deps.slack.conversations.members({
          channel,
          limit: 1000,
          ...(cursor ? { cursor } : {}),
        });
        for (const u of res.members ?? []) users.add(u);
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      members.set(channel, { users, at: deps.clock.now() });
      unreadable.delete(channel);
      return users;
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
      unreadable.set(channel, code);
      deps.logger.warn(
        { err, channel },
        `Could not read the members of ${channel} (${code}); triage there is refused until it can be read (the app needs channels:read and groups:read, and must be in the channel).`,
      );
      return cached?.users;
    }
  }

  async function groupMembers(groupId: string): Promise<Set<string>> {
    const cached = groups.get(groupId);
    if (cached && deps.clock.now() - cached.at < GROUP_CACHE_MS) return cached.users;
    try {
      const res = await deps.slack.usergroups.users.list({ usergroup: groupId });
      const users = new Set(res.users ?? []);
      groups.set(groupId, { users, at: deps.clock.now() });
      return users;
    } catch (err) {
      deps.logger.warn(
        { err, groupId },
        `Could not read user group ${groupId}; its members are refused until it can be read (the app needs usergroups:read).`,
      );
      return cached?.users ?? new Set();
    }
  }

  return {
    async allows(userId, permission, scope = {}) {
      const list = deps.settings.permissions[permission];
      if (!list || list.length === 0) {
        // Default: members of the channel the alert (or review) lives in, from anywhere.
        if (!scope.channel) return true;
        return (await channelMembers(scope.channel))?.has(userId) ?? false;
      }
      if (list.includes(userId)) return true;
      for (const entry of list) {
        if (entry.startsWith('S') && (await groupMembers(entry)).has(userId)) return true;
      }
      return false;
    },
    refusal(permission, scope = {}) {
      const list = deps.settings.permissions[permission];
      if ((!list || list.length === 0) && scope.channel) {
        const problem = unreadable.get(scope.channel);
        if (problem)
          return `Pillar cannot tell who is in <#${scope.channel}> (${problem}), so it cannot let you ${WHAT[permission]}; add the channels:read and groups:read scopes, or list people under permissions.${permission} in Pillar's settings.`;
        return `Only members of <#${scope.channel}> may ${WHAT[permission]} there; join the channel, or ask someone in it.`;
      }
      return `You are not allowed to ${WHAT[permission]} here; ask someone listed under permissions.${permission} in Pillar's settings.`;
    },
    describe() {
      return (Object.keys(WHAT) as Permission[]).map((p) => {
        const list = deps.settings.permissions[p];
        return {
          what: `${WHAT[p][0]!.toUpperCase()}${WHAT[p].slice(1)}`,
          listed: list && list.length > 0 ? [...list] : null,
          byDefault: p === 'review' ? 'members of the reviews channel' : "members of the incident's channel",
        };
      });
    },
  };
}

/** Where reviews live: without a list, members of this channel may change them. */
export function reviewScope(settings: Pick<Settings, 'slack'>): { channel: string | undefined } {
  return { channel: settings.slack.reviewsChannel ?? settings.slack.alertsChannel };
}

/** Where the checks summary is posted: without a list, members of this channel may suppress. */
export function checksScope(settings: Pick<Settings, 'slack'>): { channel: string | undefined } {
  return { channel: settings.slack.alertsChannel };
}

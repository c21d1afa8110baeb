import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Logger } from '../logger.js';

/** What a person can be allowed or refused. Acknowledging and listing are open to everyone. */
export type Permission = 'resolve' | 'mute' | 'assign' | 'review';

export interface Permissions {
  /** True when the user may do it; lists of users and user groups come from the settings. */
  allows(userId: string, permission: Permission): Promise<boolean>;
  /** The sentence a refused user sees. */
  refusal(permission: Permission): string;
}

const GROUP_CACHE_MS = 5 * 60_000;

export function createPermissions(deps: {
  settings: Pick<Settings, 'permissions'>;
  slack: WebClient;
  clock: Clock;
  logger: Logger;
}): Permissions {
  const groups = new Map<string, { users: Set<string>; at: number }>();

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
    async allows(userId, permission) {
      const list = deps.settings.permissions[permission];
      if (!list || list.length === 0) return true; // Default: anyone who can see the alert.
      if (list.includes(userId)) return true;
      for (const entry of list) {
        if (entry.startsWith('S') && (await groupMembers(entry)).has(userId)) return true;
      }
      return false;
    },
    refusal(permission) {
      const what = {
        resolve: 'resolve or reopen incidents',
        mute: 'mute or unmute incidents',
        assign: 'assign incidents',
        review: 'change Well-Architected reviews',
      }[permission];
      return `You are not allowed to ${what} here; ask someone listed under permissions.${permission} in Pillar's settings.`;
    },
  };
}

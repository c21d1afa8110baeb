import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import * as actions from '../../src/slack/actions/index.js';
import * as commands from '../../src/slack/commands/index.js';
import * as events from '../../src/slack/events/index.js';
import { actions as actionIds, COMMAND, views as viewIds } from '../../src/slack/ids.js';
import type { SlackServices } from '../../src/slack/services.js';
import * as views from '../../src/slack/views/index.js';

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean };
    slash_commands: { command: string; should_escape?: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync('manifest.yml', 'utf8')) as Manifest;

function registered() {
  const app = new App({ token: 'xoxb-test', signingSecret: 'test-secret', tokenVerificationEnabled: false });
  const seen = {
    commands: [] as string[],
    actions: [] as string[],
    views: [] as string[],
    events: [] as string[],
  };
  vi.spyOn(app, 'command').mockImplementation(((name: string) => void seen.commands.push(name)) as never);
  vi.spyOn(app, 'action').mockImplementation(((id: string) => void seen.actions.push(id)) as never);
  vi.spyOn(app, 'view').mockImplementation(((id: string) => void seen.views.push(id)) as never);
  vi.spyOn(app, 'event').mockImplementation(((name: string) => void seen.events.push(name)) as never);
  const services = {} as SlackServices;
  for (const m of [commands, actions, views, events]) m.register(app, services);
  return seen;
}

/** Web API methods the product code calls through a WebClient, e.g. `chat.postMessage`. */
function methodsCalled(): Set<string> {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return files(p);
      return p.endsWith('.ts') ? [p] : [];
    });
  const found = new Set<string>();
  const re =
    /\b(?:slack|client)\.(chat|conversations|views|usergroups|users|files|auth|reactions)\.([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z]+)?)\(/g;
  for (const f of files('src'))
    for (const m of readFileSync(f, 'utf8').matchAll(re)) found.add(`${m[1]}.${m[2]}`);
  return found;
}

/** The bot scope each Web API method needs (methods without one are left out). */
const scopeOf: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.join': ['channels:join'],
  'conversations.members': ['channels:read', 'groups:read'],
  'auth.test': [],
  'usergroups.users.list': ['usergroups:read'],
  'users.info': ['users:read'],
  'views.publish': [],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'files.uploadV2': ['files:write'],
};

describe('manifest.yml', () => {
  const seen = registered();

  it('declares exactly the slash commands the code registers, with escaped mentions', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(seen.commands);
    expect(seen.commands).toEqual([COMMAND]);
    expect(manifest.features.slash_commands.every((c) => c.should_escape === true)).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
  });

  it('subscribes to exactly the events the code listens to, with the App Home tab on', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...new Set(seen.events)].sort(),
    );
    expect(manifest.features.app_home.home_tab_enabled).toBe(seen.events.includes('app_home_opened'));
  });

  it('has interactivity on, and every action and view id has a listener', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect([...seen.actions].sort()).toEqual([...new Set(Object.values(actionIds))].sort());
    expect(seen.views.sort()).toEqual(Object.values(viewIds).sort());
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('grants the scope of every Web API method the code calls, and no scope nothing uses', () => {
    const methods = methodsCalled();
    expect(methods.size).toBeGreaterThan(3);
    const needed = new Set(['commands']);
    for (const m of methods) {
      const scopes = scopeOf[m];
      if (scopes === undefined) throw new Error(`Add ${m} to scopeOf in this test with the scope it needs`);
      for (const s of scopes) needed.add(s);
    }
    expect([...needed].filter((s) => !manifest.oauth_config.scopes.bot.includes(s))).toEqual([]);
    const unused = manifest.oauth_config.scopes.bot.filter((s) => !needed.has(s));
    expect(unused).toEqual([]);
  });
});

/**
 * The page's copy of the workspace and how a pushed change updates it. Pure: the browser runs it
 * on every server-sent event, vitest runs it on recorded changes.
 */
import { compareTs } from './mrkdwn.js';
import type { TimelineItem } from './render.js';
import type { PageChange, PageChannel, PageEphemeral, PageMessage, PageState, PageView } from './types.js';

/** What a change touched, so the page redraws only that. */
export interface Affected {
  channel?: string;
  /** The thread (its parent's ts) a reply or parent change belongs to. */
  thread?: string;
  home?: boolean;
  modal?: boolean;
  sidebar?: boolean;
}

function insertSorted<T extends { ts: string; rev?: number }>(list: T[], item: T): void {
  const at = list.findIndex((x) => x.ts === item.ts);
  if (at >= 0) {
    item.rev = (list[at]?.rev ?? 0) + 1;
    list[at] = item;
    return;
  }
  item.rev = 1;
  let i = list.length;
  while (i > 0 && compareTs((list[i - 1] as T).ts, item.ts) > 0) i--;
  list.splice(i, 0, item);
}

function removeTs<T extends { ts: string }>(list: T[], ts: string): T | undefined {
  const at = list.findIndex((x) => x.ts === ts);
  return at >= 0 ? list.splice(at, 1)[0] : undefined;
}

function upsertChannel(s: PageState, c: PageChannel): void {
  const at = s.channels.findIndex((x) => x.id === c.id);
  if (at >= 0) s.channels[at] = c;
  else s.channels.push(c);
  s.messages[c.id] ??= [];
}

function threadOfMessage(m: { ts: string; threadTs?: string }): string | undefined {
  return m.threadTs;
}

/** Applies one change in place; changes the state already holds (by seq) are skipped. */
export function applyChange(s: PageState, c: PageChange): Affected {
  if (c.seq <= s.seq) return {};
  s.seq = c.seq;
  if (c.at > s.now) s.now = c.at;
  switch (c.type) {
    case 'message_posted':
    case 'message_updated': {
      s.messages[c.channel] ??= [];
      insertSorted(s.messages[c.channel] as PageMessage[], { ...c.message });
      const thread = threadOfMessage(c.message);
      return { channel: c.channel, sidebar: true, ...(thread ? { thread } : {}) };
    }
    case 'message_deleted': {
      const gone = removeTs(s.messages[c.channel] ?? [], c.ts);
      const thread = gone ? threadOfMessage(gone) : undefined;
      return { channel: c.channel, sidebar: true, ...(thread ? { thread } : {}) };
    }
    case 'ephemeral_posted':
    case 'ephemeral_updated': {
      if (c.message.user !== s.me) return {};
      insertSorted(s.ephemerals, { ...c.message });
      return { channel: c.channel, ...(c.message.threadTs ? { thread: c.message.threadTs } : {}) };
    }
    case 'ephemeral_deleted': {
      const gone = removeTs(s.ephemerals, c.ts);
      return { channel: c.channel, ...(gone?.threadTs ? { thread: gone.threadTs } : {}) };
    }
    case 'view_published':
      if (c.view.user !== s.me || c.view.type !== 'home') return {};
      s.home = bump(s.home, c.view);
      return { home: true };
    case 'view_opened':
      if (c.view.user !== s.me) return {};
      s.modals = [c.view];
      return { modal: true };
    case 'view_pushed':
      if (c.view.user !== s.me) return {};
      s.modals.push(c.view);
      return { modal: true };
    case 'view_updated': {
      if (c.view.user !== s.me) return {};
      if (s.home?.id === c.view.id) {
        s.home = bump(s.home, c.view);
        return { home: true };
      }
      const at = s.modals.findIndex((v) => v.id === c.view.id);
      if (at >= 0) s.modals[at] = c.view;
      return { modal: true };
    }
    case 'view_closed':
      if (c.view.user !== s.me) return {};
      s.modals = s.modals.filter((v) => v.id !== c.view.id);
      return { modal: true };
    case 'channel_added':
    case 'channel_joined':
      upsertChannel(s, c.channel);
      return { sidebar: true };
    case 'user_added': {
      const at = s.users.findIndex((u) => u.id === c.user.id);
      if (at >= 0) s.users[at] = c.user;
      else s.users.push(c.user);
      return { sidebar: true };
    }
  }
  return {};
}

function bump(old: PageView | null, v: PageView): PageView {
  return old && old.id === v.id ? { ...v } : v;
}

/** Whether a message shows in its channel: top-level ones, thread parents and broadcast replies. */
export function isTopLevel(m: PageMessage): boolean {
  return m.threadTs === undefined || m.threadTs === m.ts || m.replyBroadcast === true;
}

/** A channel as the user sees it: its top-level messages and their ephemeral ones, in ts order. */
export function timeline(s: PageState, channel: string, local: PageEphemeral[] = []): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const m of s.messages[channel] ?? []) if (isTopLevel(m)) items.push({ kind: 'message', m });
  for (const e of [...s.ephemerals, ...local])
    if (e.channel === channel && e.threadTs === undefined) items.push({ kind: 'ephemeral', m: e });
  return items.sort((a, b) => compareTs(a.m.ts, b.m.ts));
}

/** A thread: its parent, then replies and the user's ephemeral messages in it, in ts order. */
export function thread(s: PageState, channel: string, threadTs: string): TimelineItem[] {
  const all = s.messages[channel] ?? [];
  const parent = all.find((m) => m.ts === threadTs);
  const rest: TimelineItem[] = [];
  for (const m of all) if (m.threadTs === threadTs && m.ts !== threadTs) rest.push({ kind: 'message', m });
  for (const e of s.ephemerals)
    if (e.channel === channel && e.threadTs === threadTs) rest.push({ kind: 'ephemeral', m: e });
  rest.sort((a, b) => compareTs(a.m.ts, b.m.ts));
  return parent ? [{ kind: 'message', m: parent }, ...rest] : rest;
}

/** A stable key and version for an item, so the page keeps the DOM of what did not change. */
export function itemKey(item: TimelineItem): string {
  return `${item.kind === 'message' ? 'm' : 'e'}:${item.m.ts}`;
}

export function itemVersion(item: TimelineItem): string {
  return `${itemKey(item)}:${item.m.rev ?? 0}`;
}

/** Messages from others after what the user last read, top-level only (thread replies do not count). */
export function unreadCount(s: PageState, channel: string, lastRead: string | undefined): number {
  let n = 0;
  for (const m of s.messages[channel] ?? []) {
    if (!isTopLevel(m) || m.user === s.me) continue;
    if (lastRead === undefined || compareTs(m.ts, lastRead) > 0) n++;
  }
  return n;
}

/** The newest ts in a channel (what "read" moves to when the user looks at it). */
export function latestTs(s: PageState, channel: string): string | undefined {
  const list = s.messages[channel] ?? [];
  return list.at(-1)?.ts;
}

/** Where the page opens: the channel in the URL, else the first one with messages, else the first one. */
export function defaultChannel(s: PageState, wanted?: string): string | undefined {
  if (wanted && s.channels.some((c) => c.id === wanted)) return wanted;
  const channels = s.channels.filter((c) => !c.isIm).sort((a, b) => a.name.localeCompare(b.name));
  return (channels.find((c) => (s.messages[c.id] ?? []).length > 0) ?? channels[0])?.id;
}

import type {
  SimChannelState,
  SimEphemeral,
  SimMessage,
  SimUser,
  SimView,
  SlackChange,
  Workspace,
} from '../workspace.js';
import type {
  PageChange,
  PageChannel,
  PageEphemeral,
  PageMessage,
  PageState,
  PageUser,
  PageView,
} from './types.js';

/**
 * The workspace as one user of the page sees it: the channels they may see, every message in
 * them, their own ephemeral messages, Home tab and modals. Message history and metadata stay on
 * the server (Slack does not show them either).
 */

export function pageUser(u: SimUser): PageUser {
  return {
    id: u.id,
    name: u.name,
    ...(u.realName ? { realName: u.realName } : {}),
    ...(u.displayName ? { displayName: u.displayName } : {}),
    ...(u.tz ? { tz: u.tz } : {}),
    isBot: u.isBot === true,
  };
}

/** People who can use the page: not bots, not deleted. */
export function humans(ws: Workspace): SimUser[] {
  return ws.users.filter((u) => !u.isBot && !u.deleted);
}

/** Public channels, private ones the user is in, and the user's own DM with the app. */
export function canSee(c: SimChannelState, user: string): boolean {
  if (c.isIm) return c.imUser === user;
  if (c.isPrivate) return c.members.includes(user);
  return true;
}

export function pageChannel(c: SimChannelState): PageChannel {
  return {
    id: c.id,
    name: c.name,
    isPrivate: c.isPrivate,
    isIm: c.isIm,
    ...(c.imUser ? { imUser: c.imUser } : {}),
    isArchived: c.isArchived,
    topic: c.topic,
    purpose: c.purpose,
    memberCount: c.members.length,
  };
}

export function pageMessage(ws: Workspace, m: SimMessage): PageMessage {
  return {
    channel: m.channel,
    ts: m.ts,
    user: m.user,
    bot: m.user === ws.bot.userId,
    ...(m.subtype ? { subtype: m.subtype } : {}),
    text: m.text,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
    ...(m.files
      ? {
          files: m.files.map((f) => ({
            id: f.id,
            name: f.name,
            title: f.title,
            mimetype: ws.file(f.id)?.mimetype ?? 'application/octet-stream',
            url: `/files/${encodeURIComponent(f.id)}`,
          })),
        }
      : {}),
    ...(m.threadTs ? { threadTs: m.threadTs } : {}),
    ...(m.replyBroadcast ? { replyBroadcast: true } : {}),
    replyCount: m.replyCount,
    replyUsers: [...m.replyUsers],
    ...(m.latestReply ? { latestReply: m.latestReply } : {}),
    edited: m.edited !== undefined,
  };
}

export function pageEphemeral(e: SimEphemeral): PageEphemeral {
  return {
    channel: e.channel,
    ts: e.ts,
    user: e.user,
    text: e.text,
    ...(e.blocks ? { blocks: e.blocks } : {}),
    ...(e.attachments ? { attachments: e.attachments } : {}),
    ...(e.threadTs ? { threadTs: e.threadTs } : {}),
  };
}

export function pageView(v: SimView): PageView {
  return {
    id: v.id,
    type: v.type,
    user: v.user,
    callbackId: v.callbackId,
    ...(v.title !== undefined ? { title: v.title } : {}),
    ...(v.submit !== undefined ? { submit: v.submit } : {}),
    ...(v.close !== undefined ? { close: v.close } : {}),
    blocks: v.blocks,
    state: v.state.values,
    ...(v.errors ? { errors: { ...v.errors } } : {}),
    hash: v.hash,
    rootViewId: v.rootViewId,
    previousViewId: v.previousViewId,
  };
}

export function pageState(ws: Workspace, user: string, seq: number, now: number): PageState {
  const channels = ws.channels.filter((c) => canSee(c, user));
  const home = ws.home(user);
  return {
    seq,
    now,
    team: { id: ws.team.id, name: ws.team.name, domain: ws.team.domain },
    bot: { userId: ws.bot.userId, name: ws.bot.name },
    me: user,
    users: ws.users.filter((u) => !u.deleted).map(pageUser),
    userGroups: ws.userGroups.map((g) => ({
      id: g.id,
      handle: g.handle,
      ...(g.name ? { name: g.name } : {}),
    })),
    channels: channels.map(pageChannel),
    messages: Object.fromEntries(channels.map((c) => [c.id, c.messages.map((m) => pageMessage(ws, m))])),
    ephemerals: ws.ephemeralFor(user).map(pageEphemeral),
    home: home ? pageView(home) : null,
    modals: ws.modalStack(user).map(pageView),
  };
}

/**
 * What a person typed, as Slack's client sends it: `&`, `<`, `>` escaped (so typed markup stays
 * text), `@name` of a workspace user and `#name` of a channel turned into mentions.
 */
export function typedText(ws: Workspace, text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .replace(/(^|[\s(])@([a-z0-9][a-z0-9._-]*)/gi, (m, before: string, name: string) => {
      const u = ws.users.find((x) => !x.deleted && x.name.toLowerCase() === name.toLowerCase());
      return u ? `${before}<@${u.id}>` : m;
    })
    .replace(/(^|[\s(])#([a-z0-9][a-z0-9_-]*)/gi, (m, before: string, name: string) => {
      const c = ws.findChannel(name.toLowerCase());
      return c && !c.isIm ? `${before}<#${c.id}>` : m;
    });
}

/** A change in the page's shape, and who may see it: one user, or whoever can see a channel. */
export interface PagePush {
  change: PageChange;
  user?: string;
  channel?: string;
}

/** The page's version of a workspace change; undefined for what the page does not show (files). */
export function pagePush(ws: Workspace, c: SlackChange, seq: number): PagePush | undefined {
  const base = { seq, at: c.at };
  switch (c.type) {
    case 'message_posted':
    case 'message_updated':
      return {
        change: { ...base, type: c.type, channel: c.channel, ts: c.ts, message: pageMessage(ws, c.message) },
        channel: c.channel,
      };
    case 'message_deleted':
      return { change: { ...base, type: c.type, channel: c.channel, ts: c.ts }, channel: c.channel };
    case 'ephemeral_posted':
    case 'ephemeral_updated':
      return {
        change: { ...base, type: c.type, channel: c.channel, ts: c.ts, message: pageEphemeral(c.message) },
        user: c.user,
      };
    case 'ephemeral_deleted':
      return { change: { ...base, type: c.type, channel: c.channel, ts: c.ts }, user: c.user };
    case 'view_published':
    case 'view_opened':
    case 'view_pushed':
    case 'view_updated':
    case 'view_closed':
      return { change: { ...base, type: c.type, view: pageView(c.view) }, user: c.user };
    case 'channel_added':
    case 'channel_joined':
      return { change: { ...base, type: c.type, channel: pageChannel(c.channel) }, channel: c.channel.id };
    case 'user_added':
      return { change: { ...base, type: c.type, user: pageUser(c.user) } };
    default:
      return undefined;
  }
}

/** Whether a pushed change is for this user's page. */
export function visibleTo(ws: Workspace, push: PagePush, user: string): boolean {
  if (push.user !== undefined && push.user !== user) return false;
  if (push.channel !== undefined) {
    const c = ws.channelById(push.channel);
    if (!c || !canSee(c, user)) return false;
  }
  return true;
}

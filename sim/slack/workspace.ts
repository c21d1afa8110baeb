import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';

/**
 * The simulated workspace: channels with their messages and threads, ephemeral messages, Home
 * tabs, modal stacks and files. Web API methods, response_urls and the sender all change it through
 * this class, which reports every change once, so a test or a web page can follow it.
 */

export interface SimTeam {
  id: string;
  domain: string;
  name: string;
}

/** The app's bot user: what `auth.test` answers and who authors the app's messages. */
export interface SimBot {
  userId: string;
  botId: string;
  appId: string;
  name: string;
}

export interface SimUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  email?: string;
  tz?: string;
  isBot?: boolean;
  isAdmin?: boolean;
  deleted?: boolean;
}

export interface SimChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  /** Posting or reading where the bot is not a member gives `not_in_channel` (default true). */
  botIsMember?: boolean;
  /** Human members; default every user. Ephemeral messages need the target to be one. */
  members?: string[];
  topic?: string;
  purpose?: string;
}

export interface SimUserGroup {
  id: string;
  handle: string;
  name?: string;
  description?: string;
  users: string[];
}

export interface SimChannelState {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** A direct-message channel between the bot and `imUser`. */
  isIm: boolean;
  imUser?: string;
  botIsMember: boolean;
  members: string[];
  topic: string;
  purpose: string;
  created: number;
  /** Every message, replies included, in ts order. */
  messages: SimMessage[];
  /** Ephemeral messages, each visible to one user only. */
  ephemeral: SimEphemeral[];
}

/** How a message got there: a Web API call, a response_url, a slash command's ack, a person. */
export type MessageSource = 'api' | 'response_url' | 'ack' | 'user' | 'file';

export interface SlackMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface SimMessageVersion {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: SlackMetadata;
  /** The ts of the edit that replaced this version. */
  replacedAt: string;
  via: MessageSource;
}

export interface SimFileRef {
  id: string;
  name: string;
  title: string;
}

export interface SimMessage {
  channel: string;
  ts: string;
  /** Author's user id (the bot user for the app's posts). */
  user: string;
  botId?: string;
  appId?: string;
  subtype?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files?: SimFileRef[];
  /** Set on replies (the parent's ts) and on parents that have replies (their own ts). */
  threadTs?: string;
  replyBroadcast?: boolean;
  replyCount: number;
  replyUsers: string[];
  latestReply?: string;
  metadata?: SlackMetadata;
  edited?: { user: string; ts: string };
  /** Earlier versions, oldest first. */
  history: SimMessageVersion[];
  unfurlLinks?: boolean;
  unfurlMedia?: boolean;
  via: MessageSource;
  /** The clock's ms when it was posted. */
  postedAt: number;
}

export interface SimEphemeral {
  channel: string;
  ts: string;
  /** The only user who sees it. */
  user: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  threadTs?: string;
  via: MessageSource;
  postedAt: number;
  history: SimMessageVersion[];
}

export interface SimView {
  id: string;
  teamId: string;
  type: 'home' | 'modal';
  user: string;
  appId: string;
  botId: string;
  callbackId: string;
  privateMetadata: string;
  externalId: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: unknown[];
  clearOnClose: boolean;
  notifyOnClose: boolean;
  hash: string;
  /** Values the user has entered, by block_id then action_id, in Slack's state shape. */
  state: { values: Record<string, Record<string, unknown>> };
  rootViewId: string | null;
  previousViewId: string | null;
  /** Field errors from a `response_action: errors` answer, shown under the inputs. */
  errors?: Record<string, string>;
  /** False once the modal is closed (Home views stay open). */
  open: boolean;
  updatedAt: number;
}

export interface SimFile {
  id: string;
  user: string;
  filename: string;
  title: string;
  length: number;
  altText?: string;
  snippetType?: string;
  bytes?: Buffer;
  uploaded: boolean;
  completed: boolean;
  created: number;
  mimetype: string;
  shares: { channel: string; ts: string; threadTs?: string }[];
}

type At = { at: number };
export type SlackChange = At &
  (
    | { type: 'message_posted'; channel: string; ts: string; message: SimMessage }
    | { type: 'message_updated'; channel: string; ts: string; message: SimMessage }
    | { type: 'message_deleted'; channel: string; ts: string }
    | { type: 'ephemeral_posted'; channel: string; ts: string; user: string; message: SimEphemeral }
    | { type: 'ephemeral_updated'; channel: string; ts: string; user: string; message: SimEphemeral }
    | { type: 'ephemeral_deleted'; channel: string; ts: string; user: string }
    | { type: 'view_published'; user: string; view: SimView }
    | { type: 'view_opened'; user: string; view: SimView }
    | { type: 'view_pushed'; user: string; view: SimView }
    | { type: 'view_updated'; user: string; view: SimView }
    | { type: 'view_closed'; user: string; view: SimView }
    | { type: 'file_uploaded'; file: SimFile }
    | { type: 'file_shared'; file: SimFile; channel: string; ts: string }
    | { type: 'channel_added'; channel: SimChannelState }
    | { type: 'channel_joined'; channel: SimChannelState }
    | { type: 'user_added'; user: SimUser }
  );

export type SlackChangeType = SlackChange['type'];

export const defaultTeam: SimTeam = { id: 'T0SIMTEAM1', domain: 'pillar-sim', name: 'Pillar Sim' };

export const defaultBot: SimBot = {
  userId: 'U0PILLARBOT',
  botId: 'B0PILLARBOT',
  appId: 'A0PILLARAPP',
  name: 'pillar',
};

export const defaultUsers: SimUser[] = [
  {
    id: 'U0SIMALICE',
    name: 'alice',
    realName: 'Alice Archer',
    email: 'alice@example.com',
    tz: 'Europe/London',
  },
  { id: 'U0SIMBOB01', name: 'bob', realName: 'Bob Baker', email: 'bob@example.com', tz: 'America/New_York' },
  { id: 'U0SIMCAROL', name: 'carol', realName: 'Carol Chen', email: 'carol@example.com', tz: 'Asia/Tokyo' },
];

export const defaultChannels: SimChannel[] = [
  { id: 'C0ALERTS01', name: 'alerts' },
  { id: 'C0OPS00001', name: 'ops' },
  { id: 'C0GENERAL1', name: 'general', botIsMember: false },
  { id: 'C0PRIVATE1', name: 'secret-ops', isPrivate: true, botIsMember: false },
];

export const defaultUserGroups: SimUserGroup[] = [
  { id: 'S0ONCALL01', handle: 'oncall', name: 'On-call', users: ['U0SIMALICE'] },
];

export interface WorkspaceOptions {
  clock: Clock;
  team: SimTeam;
  bot: SimBot;
  users: SimUser[];
  channels: SimChannel[];
  userGroups: SimUserGroup[];
  onChange: (change: SlackChange) => void;
}

export interface PostInput {
  channel: string;
  user: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files?: SimFileRef[];
  threadTs?: string;
  replyBroadcast?: boolean;
  metadata?: SlackMetadata;
  unfurlLinks?: boolean;
  unfurlMedia?: boolean;
  via: MessageSource;
}

export interface EditInput {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: SlackMetadata;
  via: MessageSource;
}

/** The view fields a Web API call sets. */
export interface ViewInput {
  type: 'home' | 'modal';
  blocks: unknown[];
  callback_id?: string;
  private_metadata?: string;
  external_id?: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  clear_on_close?: boolean;
  notify_on_close?: boolean;
}

export class Workspace {
  readonly team: SimTeam;
  readonly bot: SimBot;
  private readonly clock: Clock;
  private readonly emit: (change: SlackChange) => void;
  private readonly usersById = new Map<string, SimUser>();
  private readonly channelsById = new Map<string, SimChannelState>();
  private readonly groupsById = new Map<string, SimUserGroup>();
  private readonly viewsById = new Map<string, SimView>();
  private readonly homes = new Map<string, SimView>();
  private readonly modals = new Map<string, SimView[]>();
  private readonly filesById = new Map<string, SimFile>();
  private lastTsMicros = 0;
  private readonly counters = new Map<string, number>();

  constructor(options: WorkspaceOptions) {
    this.clock = options.clock;
    this.team = options.team;
    this.bot = options.bot;
    this.emit = options.onChange;
    for (const u of options.users) this.usersById.set(u.id, { ...u });
    for (const c of options.channels) this.insertChannel(c);
    for (const g of options.userGroups) this.groupsById.set(g.id, { ...g, users: [...g.users] });
  }

  private at(): number {
    return this.clock.now();
  }

  /** A message ts from the clock, strictly increasing across the workspace (`1764331200.000100`). */
  nextTs(): string {
    const micros = Math.max(this.clock.now() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return microsToTs(micros);
  }

  /** Deterministic Slack-looking ids: `V0SIM000001`, `F0SIM000002`… */
  nextId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}0SIM${String(n).padStart(6, '0')}`;
  }

  /** A short random-looking id (Slack's generated block_ids look like `xdrwH`). */
  shortId(): string {
    const n = (this.counters.get('short') ?? 0) + 1;
    this.counters.set('short', n);
    return createHash('sha256').update(`block:${n}`).digest('base64url').replace(/[-_]/g, 'x').slice(0, 5);
  }

  // ---- people and channels -------------------------------------------------------------------

  get users(): SimUser[] {
    return [...this.usersById.values()];
  }

  user(id: string): SimUser | undefined {
    return this.usersById.get(id);
  }

  addUser(user: SimUser): SimUser {
    const u = { ...user };
    this.usersById.set(u.id, u);
    for (const c of this.channelsById.values())
      if (!c.isPrivate && !c.isIm && !c.members.includes(u.id)) c.members.push(u.id);
    this.emit({ type: 'user_added', user: u, at: this.at() });
    return u;
  }

  get userGroups(): SimUserGroup[] {
    return [...this.groupsById.values()];
  }

  userGroup(id: string): SimUserGroup | undefined {
    return this.groupsById.get(id);
  }

  get channels(): SimChannelState[] {
    return [...this.channelsById.values()];
  }

  channelById(id: string): SimChannelState | undefined {
    return this.channelsById.get(id);
  }

  /** By id, or by name with or without `#` (as chat.postMessage allows). */
  findChannel(idOrName: string): SimChannelState | undefined {
    const byId = this.channelsById.get(idOrName);
    if (byId) return byId;
    const name = idOrName.replace(/^#/, '');
    for (const c of this.channelsById.values()) if (!c.isIm && c.name === name) return c;
    return undefined;
  }

  addChannel(spec: SimChannel): SimChannelState {
    const c = this.insertChannel(spec);
    this.emit({ type: 'channel_added', channel: c, at: this.at() });
    return c;
  }

  private insertChannel(spec: SimChannel): SimChannelState {
    const c: SimChannelState = {
      id: spec.id,
      name: spec.name,
      isPrivate: spec.isPrivate ?? false,
      isArchived: spec.isArchived ?? false,
      isIm: false,
      botIsMember: spec.botIsMember ?? true,
      members: [...(spec.members ?? [...this.usersById.keys()])],
      topic: spec.topic ?? '',
      purpose: spec.purpose ?? '',
      created: Math.floor(this.clock.now() / 1000),
      messages: [],
      ephemeral: [],
    };
    this.channelsById.set(c.id, c);
    return c;
  }

  joinChannel(id: string): SimChannelState | undefined {
    const c = this.channelsById.get(id);
    if (!c || c.botIsMember) return c;
    c.botIsMember = true;
    this.emit({ type: 'channel_joined', channel: c, at: this.at() });
    return c;
  }

  /** The bot's direct-message channel with a user, created on first use (`D…`). */
  imChannel(userId: string): SimChannelState {
    for (const c of this.channelsById.values()) if (c.isIm && c.imUser === userId) return c;
    const c: SimChannelState = {
      id: this.nextId('D'),
      name: userId,
      isPrivate: true,
      isArchived: false,
      isIm: true,
      imUser: userId,
      botIsMember: true,
      members: [userId],
      topic: '',
      purpose: '',
      created: Math.floor(this.clock.now() / 1000),
      messages: [],
      ephemeral: [],
    };
    this.channelsById.set(c.id, c);
    return c;
  }

  // ---- messages ------------------------------------------------------------------------------

  message(channel: string, ts: string): SimMessage | undefined {
    return this.channelsById.get(channel)?.messages.find((m) => m.ts === ts);
  }

  /** What `conversations.history` shows: top-level messages and broadcast replies, oldest first. */
  topLevel(channel: string): SimMessage[] {
    const c = this.channelsById.get(channel);
    if (!c) return [];
    return c.messages.filter((m) => m.threadTs === undefined || m.threadTs === m.ts || m.replyBroadcast);
  }

  /** A thread: the parent then its replies, oldest first. */
  thread(channel: string, threadTs: string): SimMessage[] {
    const c = this.channelsById.get(channel);
    if (!c) return [];
    const parent = c.messages.find((m) => m.ts === threadTs);
    if (!parent) return [];
    return [parent, ...c.messages.filter((m) => m.threadTs === threadTs && m.ts !== threadTs)];
  }

  /** Posts a message (a reply when `threadTs` names a message; replies to a reply join its thread). */
  post(input: PostInput): SimMessage {
    const c = this.requireChannel(input.channel);
    const ts = this.nextTs();
    const isBot = input.user === this.bot.userId;
    let threadTs: string | undefined;
    let parent: SimMessage | undefined;
    if (input.threadTs !== undefined) {
      const target = c.messages.find((m) => m.ts === input.threadTs);
      if (target) {
        threadTs = target.threadTs ?? target.ts;
        parent = c.messages.find((m) => m.ts === threadTs);
      }
    }
    const m: SimMessage = {
      channel: c.id,
      ts,
      user: input.user,
      ...(isBot ? { botId: this.bot.botId, appId: this.bot.appId } : {}),
      text: input.text,
      ...(input.blocks ? { blocks: this.fillBlockIds(input.blocks) } : {}),
      ...(input.attachments ? { attachments: input.attachments } : {}),
      ...(input.files ? { files: input.files } : {}),
      ...(threadTs ? { threadTs } : {}),
      ...(threadTs && input.replyBroadcast ? { replyBroadcast: true, subtype: 'thread_broadcast' } : {}),
      replyCount: 0,
      replyUsers: [],
      ...(input.metadata ? { metadata: input.metadata } : {}),
      history: [],
      ...(input.unfurlLinks !== undefined ? { unfurlLinks: input.unfurlLinks } : {}),
      ...(input.unfurlMedia !== undefined ? { unfurlMedia: input.unfurlMedia } : {}),
      via: input.via,
      postedAt: this.at(),
    };
    c.messages.push(m);
    if (parent) {
      parent.threadTs = parent.ts;
      parent.replyCount += 1;
      if (!parent.replyUsers.includes(m.user)) parent.replyUsers.push(m.user);
      parent.latestReply = ts;
    }
    this.emit({ type: 'message_posted', channel: c.id, ts, message: m, at: this.at() });
    if (parent)
      this.emit({ type: 'message_updated', channel: c.id, ts: parent.ts, message: parent, at: this.at() });
    return m;
  }

  /** Edits a message in place, keeping the previous version; omitted fields stay as they were. */
  edit(channel: string, ts: string, input: EditInput, by: string = this.bot.userId): SimMessage {
    const m = this.message(channel, ts);
    if (!m) throw new Error(`no message ${channel}/${ts}`);
    const editTs = this.nextTs();
    m.history.push({
      text: m.text,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.attachments ? { attachments: m.attachments } : {}),
      ...(m.metadata ? { metadata: m.metadata } : {}),
      replacedAt: editTs,
      via: input.via,
    });
    if (input.text !== undefined) m.text = input.text;
    if (input.blocks !== undefined) {
      if (input.blocks.length === 0) delete m.blocks;
      else m.blocks = this.fillBlockIds(input.blocks);
    }
    if (input.attachments !== undefined) m.attachments = input.attachments;
    if (input.metadata !== undefined) m.metadata = input.metadata;
    m.edited = { user: by, ts: editTs };
    this.emit({ type: 'message_updated', channel, ts, message: m, at: this.at() });
    return m;
  }

  /** Removes a message; a parent's replies stay (Slack keeps the thread). */
  deleteMessage(channel: string, ts: string): boolean {
    const c = this.channelsById.get(channel);
    const i = c?.messages.findIndex((m) => m.ts === ts) ?? -1;
    if (!c || i < 0) return false;
    const [m] = c.messages.splice(i, 1);
    if (m?.threadTs && m.threadTs !== m.ts) {
      const parent = c.messages.find((p) => p.ts === m.threadTs);
      if (parent) {
        parent.replyCount = Math.max(0, parent.replyCount - 1);
        const rest = c.messages.filter((r) => r.threadTs === parent.ts && r.ts !== parent.ts);
        parent.replyUsers = [...new Set(rest.map((r) => r.user))];
        const latest = rest.at(-1)?.ts;
        if (latest) parent.latestReply = latest;
        else delete parent.latestReply;
      }
    }
    this.emit({ type: 'message_deleted', channel, ts, at: this.at() });
    return true;
  }

  /** A message a person types (threads and history then contain humans too). */
  postAsUser(user: string, channel: string, text: string, threadTs?: string): SimMessage {
    return this.post({ channel, user, text, ...(threadTs ? { threadTs } : {}), via: 'user' });
  }

  // ---- ephemeral messages --------------------------------------------------------------------

  ephemeral(channel: string, ts: string): SimEphemeral | undefined {
    return this.channelsById.get(channel)?.ephemeral.find((m) => m.ts === ts);
  }

  /** Ephemeral messages one user sees in a channel (or everywhere), oldest first. */
  ephemeralFor(user: string, channel?: string): SimEphemeral[] {
    const out: SimEphemeral[] = [];
    for (const c of this.channelsById.values()) {
      if (channel !== undefined && c.id !== channel) continue;
      out.push(...c.ephemeral.filter((e) => e.user === user));
    }
    return out.sort((a, b) => compareTs(a.ts, b.ts));
  }

  postEphemeral(input: {
    channel: string;
    user: string;
    text: string;
    blocks?: unknown[];
    attachments?: unknown[];
    threadTs?: string;
    via: MessageSource;
  }): SimEphemeral {
    const c = this.requireChannel(input.channel);
    const ts = this.nextTs();
    const e: SimEphemeral = {
      channel: c.id,
      ts,
      user: input.user,
      text: input.text,
      ...(input.blocks ? { blocks: this.fillBlockIds(input.blocks) } : {}),
      ...(input.attachments ? { attachments: input.attachments } : {}),
      ...(input.threadTs ? { threadTs: input.threadTs } : {}),
      via: input.via,
      postedAt: this.at(),
      history: [],
    };
    c.ephemeral.push(e);
    this.emit({ type: 'ephemeral_posted', channel: c.id, ts, user: e.user, message: e, at: this.at() });
    return e;
  }

  editEphemeral(channel: string, ts: string, input: EditInput): SimEphemeral {
    const e = this.ephemeral(channel, ts);
    if (!e) throw new Error(`no ephemeral message ${channel}/${ts}`);
    e.history.push({
      text: e.text,
      ...(e.blocks ? { blocks: e.blocks } : {}),
      replacedAt: this.nextTs(),
      via: input.via,
    });
    if (input.text !== undefined) e.text = input.text;
    if (input.blocks !== undefined) {
      if (input.blocks.length === 0) delete e.blocks;
      else e.blocks = this.fillBlockIds(input.blocks);
    }
    this.emit({ type: 'ephemeral_updated', channel, ts, user: e.user, message: e, at: this.at() });
    return e;
  }

  deleteEphemeral(channel: string, ts: string): boolean {
    const c = this.channelsById.get(channel);
    const i = c?.ephemeral.findIndex((e) => e.ts === ts) ?? -1;
    if (!c || i < 0) return false;
    const [e] = c.ephemeral.splice(i, 1);
    this.emit({ type: 'ephemeral_deleted', channel, ts, user: e?.user ?? '', at: this.at() });
    return true;
  }

  // ---- views ---------------------------------------------------------------------------------

  view(id: string): SimView | undefined {
    return this.viewsById.get(id);
  }

  viewByExternalId(externalId: string): SimView | undefined {
    for (const v of this.viewsById.values()) if (v.externalId === externalId && v.open) return v;
    return undefined;
  }

  home(user: string): SimView | undefined {
    return this.homes.get(user);
  }

  /** The user's open modal views, root first; the last one is on screen. */
  modalStack(user: string): SimView[] {
    return [...(this.modals.get(user) ?? [])];
  }

  get views(): SimView[] {
    return [...this.viewsById.values()];
  }

  publishHome(user: string, input: ViewInput): SimView {
    const existing = this.homes.get(user);
    const v = existing ?? this.newView(user, input, null, null);
    if (existing) this.applyView(existing, input);
    this.homes.set(user, v);
    this.emit({ type: 'view_published', user, view: v, at: this.at() });
    return v;
  }

  /** Opens a modal; a modal already open for the user is replaced. */
  openModal(user: string, input: ViewInput): SimView {
    for (const old of this.modals.get(user) ?? []) old.open = false;
    const v = this.newView(user, input, null, null);
    v.rootViewId = v.id;
    this.modals.set(user, [v]);
    this.emit({ type: 'view_opened', user, view: v, at: this.at() });
    return v;
  }

  pushModal(user: string, input: ViewInput): SimView {
    const stack = this.modals.get(user) ?? [];
    const top = stack.at(-1);
    const v = this.newView(user, input, top?.rootViewId ?? null, top?.id ?? null);
    if (!top) v.rootViewId = v.id;
    stack.push(v);
    this.modals.set(user, stack);
    this.emit({ type: 'view_pushed', user, view: v, at: this.at() });
    return v;
  }

  /** Replaces a view's content, keeping its id; entered values survive where block and action ids do. */
  updateView(id: string, input: ViewInput): SimView {
    const v = this.viewsById.get(id);
    if (!v) throw new Error(`no view ${id}`);
    this.applyView(v, input);
    this.emit({ type: 'view_updated', user: v.user, view: v, at: this.at() });
    return v;
  }

  /** Closes the top modal (`all`: the whole stack), as Slack does after a submission or Cancel. */
  closeModal(user: string, all = false): SimView[] {
    const stack = this.modals.get(user) ?? [];
    const closed = all ? stack.splice(0) : stack.splice(-1);
    for (const v of closed) {
      v.open = false;
      this.emit({ type: 'view_closed', user, view: v, at: this.at() });
    }
    if (stack.length === 0) this.modals.delete(user);
    return closed;
  }

  /** Records what the user typed into a view (the sender does this before delivering). */
  setViewState(id: string, values: Record<string, Record<string, unknown>>): void {
    const v = this.viewsById.get(id);
    if (!v) return;
    for (const [blockId, actions] of Object.entries(values))
      v.state.values[blockId] = { ...(v.state.values[blockId] ?? {}), ...actions };
  }

  setViewErrors(id: string, errors: Record<string, string> | undefined): void {
    const v = this.viewsById.get(id);
    if (!v) return;
    if (errors) v.errors = errors;
    else delete v.errors;
    this.emit({ type: 'view_updated', user: v.user, view: v, at: this.at() });
  }

  private newView(user: string, input: ViewInput, rootViewId: string | null, previousViewId: string | null) {
    const v: SimView = {
      id: this.nextId('V'),
      teamId: this.team.id,
      type: input.type,
      user,
      appId: this.bot.appId,
      botId: this.bot.botId,
      callbackId: '',
      privateMetadata: '',
      externalId: '',
      blocks: [],
      clearOnClose: false,
      notifyOnClose: false,
      hash: '',
      state: { values: {} },
      rootViewId,
      previousViewId,
      open: true,
      updatedAt: this.at(),
    };
    this.applyView(v, input);
    this.viewsById.set(v.id, v);
    return v;
  }

  private applyView(v: SimView, input: ViewInput): void {
    v.blocks = this.fillBlockIds(input.blocks);
    v.callbackId = input.callback_id ?? '';
    v.privateMetadata = input.private_metadata ?? '';
    v.externalId = input.external_id ?? '';
    for (const key of ['title', 'submit', 'close'] as const) {
      if (input[key] === undefined) delete v[key];
      else v[key] = input[key];
    }
    v.clearOnClose = input.clear_on_close ?? false;
    v.notifyOnClose = input.notify_on_close ?? false;
    v.hash = `${Math.floor(this.clock.now() / 1000)}.${this.shortId()}${this.shortId()}`.slice(0, 19);
    v.updatedAt = this.at();
    delete v.errors;
    // Slack keeps typed values only for inputs that are still there under the same ids.
    const present = new Set<string>();
    for (const [blockId, actionId] of interactiveIds(v.blocks)) present.add(`${blockId}\u0000${actionId}`);
    const kept: Record<string, Record<string, unknown>> = {};
    for (const [blockId, actions] of Object.entries(v.state.values))
      for (const [actionId, value] of Object.entries(actions))
        if (present.has(`${blockId}\u0000${actionId}`))
          kept[blockId] = { ...kept[blockId], [actionId]: value };
    v.state = { values: kept };
  }

  // ---- files ---------------------------------------------------------------------------------

  file(id: string): SimFile | undefined {
    return this.filesById.get(id);
  }

  get files(): SimFile[] {
    return [...this.filesById.values()];
  }

  createFile(input: { filename: string; length: number; altText?: string; snippetType?: string }): SimFile {
    const f: SimFile = {
      id: this.nextId('F'),
      user: this.bot.userId,
      filename: input.filename,
      title: input.filename,
      length: input.length,
      ...(input.altText !== undefined ? { altText: input.altText } : {}),
      ...(input.snippetType !== undefined ? { snippetType: input.snippetType } : {}),
      uploaded: false,
      completed: false,
      created: Math.floor(this.clock.now() / 1000),
      mimetype: mimeType(input.filename),
      shares: [],
    };
    this.filesById.set(f.id, f);
    return f;
  }

  storeUpload(id: string, bytes: Buffer): SimFile | undefined {
    const f = this.filesById.get(id);
    if (!f) return undefined;
    f.bytes = bytes;
    f.uploaded = true;
    this.emit({ type: 'file_uploaded', file: f, at: this.at() });
    return f;
  }

  /** Completes uploads; with a channel they are shared as one file message (a reply with threadTs). */
  completeFiles(
    files: { file: SimFile; title?: string }[],
    share?: { channel: string; threadTs?: string; initialComment?: string; blocks?: unknown[] },
  ): SimMessage | undefined {
    for (const { file, title } of files) {
      file.completed = true;
      if (title) file.title = title;
    }
    if (!share) return undefined;
    const m = this.post({
      channel: share.channel,
      user: this.bot.userId,
      text: share.initialComment ?? '',
      ...(share.blocks && !share.initialComment ? { blocks: share.blocks } : {}),
      files: files.map(({ file }) => ({ id: file.id, name: file.filename, title: file.title })),
      ...(share.threadTs ? { threadTs: share.threadTs } : {}),
      via: 'file',
    });
    for (const { file } of files) {
      file.shares.push({ channel: m.channel, ts: m.ts, ...(m.threadTs ? { threadTs: m.threadTs } : {}) });
      this.emit({ type: 'file_shared', file, channel: m.channel, ts: m.ts, at: this.at() });
    }
    return m;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private requireChannel(id: string): SimChannelState {
    const c = this.channelsById.get(id);
    if (!c) throw new Error(`no channel ${id}`);
    return c;
  }

  /** Slack gives every block a block_id and every interactive element an action_id. */
  fillBlockIds(blocks: unknown[]): unknown[] {
    const used = new Set<string>();
    for (const b of blocks) if (isObject(b) && typeof b.block_id === 'string') used.add(b.block_id);
    const fresh = (): string => {
      let id = this.shortId();
      while (used.has(id)) id = this.shortId();
      used.add(id);
      return id;
    };
    return blocks.map((b) => {
      if (!isObject(b)) return b;
      const out: Record<string, unknown> = { ...b };
      if (typeof out.block_id !== 'string') out.block_id = fresh();
      const withAction = (e: unknown): unknown =>
        isObject(e) && e.type !== 'image' && typeof e.action_id !== 'string' && typeof e.type === 'string'
          ? { ...e, action_id: this.shortId() }
          : e;
      if (out.type === 'actions' && Array.isArray(out.elements)) out.elements = out.elements.map(withAction);
      if (out.accessory !== undefined) out.accessory = withAction(out.accessory);
      if (out.type === 'input' && out.element !== undefined) out.element = withAction(out.element);
      return out;
    });
  }

  /** Everything, as plain data (for a page or a snapshot in a failing test). */
  toJSON(): Record<string, unknown> {
    return {
      team: this.team,
      bot: this.bot,
      users: this.users,
      userGroups: this.userGroups,
      channels: this.channels,
      homes: Object.fromEntries(this.homes),
      modals: Object.fromEntries(this.modals),
      files: this.files.map(({ bytes: _bytes, ...f }) => f),
    };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function microsToTs(micros: number): string {
  const sec = Math.floor(micros / 1_000_000);
  return `${sec}.${String(micros - sec * 1_000_000).padStart(6, '0')}`;
}

/** Orders Slack timestamps numerically without float rounding. */
export function compareTs(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  const d = Number(as) - Number(bs);
  if (d !== 0) return d;
  return Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

/** [block_id, action_id] of every interactive element in a list of blocks. */
export function interactiveIds(blocks: unknown[]): [string, string][] {
  const out: [string, string][] = [];
  for (const { block, element } of interactiveElements(blocks)) {
    if (typeof block.block_id === 'string' && typeof element.action_id === 'string')
      out.push([block.block_id, element.action_id]);
  }
  return out;
}

/** Every interactive element with its block: action elements, accessories, input elements. */
export function interactiveElements(
  blocks: unknown[],
): { block: Record<string, unknown>; element: Record<string, unknown> }[] {
  const out: { block: Record<string, unknown>; element: Record<string, unknown> }[] = [];
  for (const b of blocks) {
    if (!isObject(b)) continue;
    const candidates: unknown[] = [];
    if (b.type === 'actions' && Array.isArray(b.elements)) candidates.push(...b.elements);
    if (b.accessory !== undefined) candidates.push(b.accessory);
    if (b.type === 'input' && b.element !== undefined) candidates.push(b.element);
    for (const e of candidates) if (isObject(e) && e.type !== 'image') out.push({ block: b, element: e });
  }
  return out;
}

function mimeType(filename: string): string {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    svg: 'image/svg+xml',
    txt: 'text/plain',
    log: 'text/plain',
    json: 'application/json',
    csv: 'text/csv',
    pdf: 'application/pdf',
  };
  return types[ext] ?? 'application/octet-stream';
}

import { z } from 'zod';
import type { Clock } from '../clock.js';
import { type BlockSurface, checkMessageBlocks, checkView } from './blocks.js';
import type { Triggers } from './triggers.js';
import { channelWire, fileWire, messageWire, permalink, userWire, viewWire } from './wire.js';
import {
  compareTs,
  type SimChannelState,
  type SimMessage,
  type SimView,
  type SlackMetadata,
  type ViewInput,
  type Workspace,
} from './workspace.js';

/** A Web API refusal: HTTP 200, `{ok:false, error, ...extra}`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

export interface ApiContext {
  ws: Workspace;
  clock: Clock;
  /** `http://127.0.0.1:<port>`: for upload and file URLs. */
  baseUrl: string;
  triggers: Triggers;
}

/** The fields of a successful answer besides `ok: true`. */
export type ApiResult = Record<string, unknown>;
export type MethodHandler = (ctx: ApiContext, args: Record<string, unknown>) => ApiResult;

/** Slack truncates longer `text` and warns. */
export const MAX_MESSAGE_TEXT = 40_000;

// ---- argument parsing -------------------------------------------------------------------------

const zStr = z.string();
const zBool = z.preprocess(
  (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' || v === '' ? false : v),
  z.boolean(),
);
const zInt = z.preprocess(
  (v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v),
  z.number().int(),
);

/** Parses arguments; a wrong type is answered like Slack: `must provide a string [json-pointer:/channel]`. */
function parseArgs<T extends z.ZodType>(schema: T, args: Record<string, unknown>): z.infer<T> {
  const r = schema.safeParse(args);
  if (r.success) return r.data;
  const messages = r.error.issues.map((issue) => {
    const ptr = `/${issue.path.map(String).join('/')}`;
    if (issue.code === 'invalid_type') {
      if (issue.input === undefined)
        return `[ERROR] missing required field: ${issue.path.join('.')} [json-pointer:/]`;
      const expected = (issue as { expected?: string }).expected;
      const what = expected === 'object' ? 'an object' : expected === 'array' ? 'an array' : `a ${expected}`;
      return `[ERROR] must provide ${what} [json-pointer:${ptr}]`;
    }
    return `[ERROR] ${issue.message} [json-pointer:${ptr}]`;
  });
  throw new SlackApiError('invalid_arguments', { response_metadata: { messages } });
}

// ---- channels ---------------------------------------------------------------------------------

/** Where the bot may post: ids, `#names` and user ids (the bot's DM with them). */
function postableChannel(ctx: ApiContext, arg: string | undefined): SimChannelState {
  if (!arg) throw new SlackApiError('channel_not_found');
  let c = ctx.ws.findChannel(arg);
  if (!c && ctx.ws.user(arg)) c = ctx.ws.imChannel(arg);
  const ok = requireAccess(c);
  if (ok.isArchived) throw new SlackApiError('is_archived');
  return ok;
}

/** conversations.* take ids only. */
function readableChannel(ctx: ApiContext, id: string | undefined): SimChannelState {
  const c = id ? ctx.ws.channelById(id) : undefined;
  return requireAccess(c);
}

function requireAccess(c: SimChannelState | undefined): SimChannelState {
  // Private channels the bot is not in do not exist as far as its token can tell.
  if (!c || (c.isPrivate && !c.botIsMember)) throw new SlackApiError('channel_not_found');
  if (!c.botIsMember) throw new SlackApiError('not_in_channel');
  return c;
}

function visibleChannel(ctx: ApiContext, id: string | undefined): SimChannelState {
  const c = id ? ctx.ws.channelById(id) : undefined;
  if (!c || (c.isPrivate && !c.botIsMember)) throw new SlackApiError('channel_not_found');
  return c;
}

// ---- message content --------------------------------------------------------------------------

interface Content {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: SlackMetadata;
  warnings: string[];
}

function blocksArg(v: unknown, surface: BlockSurface = 'message'): unknown[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new SlackApiError('invalid_blocks_format');
  if (surface === 'message') {
    const verdict = checkMessageBlocks(v);
    if (!verdict.ok) {
      if (verdict.error === 'invalid_blocks')
        throw new SlackApiError('invalid_blocks', {
          errors: verdict.errors,
          response_metadata: { messages: verdict.errors.map((e) => `[ERROR] ${e}`) },
        });
      throw new SlackApiError(verdict.error);
    }
  }
  return v;
}

function metadataArg(v: unknown): SlackMetadata | undefined {
  if (v === undefined || v === '') return undefined;
  const ok =
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { event_type?: unknown }).event_type === 'string' &&
    typeof (v as { event_payload?: unknown }).event_payload === 'object' &&
    (v as { event_payload?: unknown }).event_payload !== null;
  if (!ok) throw new SlackApiError('invalid_metadata_format');
  const m = v as SlackMetadata;
  return { event_type: m.event_type, event_payload: m.event_payload };
}

function contentArgs(args: Record<string, unknown>, requireSome: boolean): Content {
  const blocks = blocksArg(args.blocks);
  if (args.attachments !== undefined && !Array.isArray(args.attachments))
    throw new SlackApiError('invalid_attachments');
  const attachments = args.attachments as unknown[] | undefined;
  const metadata = metadataArg(args.metadata);
  let text = typeof args.text === 'string' ? args.text : undefined;
  const warnings: string[] = [];
  if (requireSome && !text && !blocks?.length && !attachments?.length) throw new SlackApiError('no_text');
  if (text !== undefined && text.length > MAX_MESSAGE_TEXT) {
    text = text.slice(0, MAX_MESSAGE_TEXT);
    warnings.push('message_truncated');
  }
  return {
    ...(text !== undefined ? { text } : {}),
    ...(blocks !== undefined ? { blocks } : {}),
    ...(attachments !== undefined ? { attachments } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
    warnings,
  };
}

function warningFields(warnings: string[]): Record<string, unknown> {
  if (warnings.length === 0) return {};
  return {
    warning: warnings.join(','),
    response_metadata: {
      warnings,
      messages: warnings.includes('message_truncated')
        ? [
            '[WARN] Your message was truncated but still posted. The `text` field accepts up to 40,000 characters.',
          ]
        : [],
    },
  };
}

function ownMessage(ctx: ApiContext, c: SimChannelState, ts: string, cant: string): SimMessage {
  const m = ctx.ws.message(c.id, ts);
  if (!m) throw new SlackApiError('message_not_found');
  if (m.user !== ctx.ws.bot.userId) throw new SlackApiError(cant);
  return m;
}

// ---- pagination -------------------------------------------------------------------------------

const encodeCursor = (kind: string, value: string): string =>
  Buffer.from(`${kind}:${value}`).toString('base64');

function decodeCursor(kind: string, cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith(`${kind}:`)) throw new SlackApiError('invalid_cursor');
  return text.slice(kind.length + 1);
}

function inRange(
  ts: string,
  oldest: string | undefined,
  latest: string | undefined,
  inclusive: boolean,
): boolean {
  if (oldest !== undefined) {
    const d = compareTs(ts, oldest);
    if (d < 0 || (d === 0 && !inclusive)) return false;
  }
  if (latest !== undefined) {
    const d = compareTs(ts, latest);
    if (d > 0 || (d === 0 && !inclusive)) return false;
  }
  return true;
}

const clampLimit = (n: number | undefined, dflt: number, max: number): number =>
  Math.min(Math.max(n ?? dflt, 1), max);

// ---- views ------------------------------------------------------------------------------------

function viewArg(v: unknown, expect: 'home' | 'modal' | 'any'): ViewInput {
  if (v === undefined)
    throw new SlackApiError('invalid_arguments', argMessages('missing required field: view'));
  const verdict = checkView(v, expect);
  if (!verdict.ok) {
    if (verdict.error === 'view_too_large') throw new SlackApiError('view_too_large');
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: verdict.messages.map((m) => `[ERROR] ${m}`) },
    });
  }
  return { ...(v as Omit<ViewInput, 'type'>), type: verdict.surface };
}

function argMessages(...messages: string[]): Record<string, unknown> {
  return { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } };
}

function checkHash(view: SimView | undefined, hash: string | undefined): void {
  if (hash !== undefined && hash !== '' && view && view.hash !== hash)
    throw new SlackApiError('hash_conflict');
}

/** Checks a trigger first, then the view, then spends the trigger (a refused view keeps it usable). */
function withTrigger(
  ctx: ApiContext,
  args: Record<string, unknown>,
): { user: string; id: string; viewId?: string } {
  const id =
    typeof args.trigger_id === 'string'
      ? args.trigger_id
      : typeof args.interactivity_pointer === 'string'
        ? args.interactivity_pointer
        : undefined;
  if (id === undefined)
    throw new SlackApiError(
      'invalid_arguments',
      argMessages('missing required field: trigger_id [json-pointer:/]'),
    );
  const check = ctx.triggers.check(id);
  if (check.status !== 'ok') throw new SlackApiError(check.status);
  return { user: check.trigger.user, id, ...(check.trigger.viewId ? { viewId: check.trigger.viewId } : {}) };
}

// ---- the methods ------------------------------------------------------------------------------

const postMessageArgs = z.looseObject({
  channel: zStr.optional(),
  text: zStr.optional(),
  thread_ts: zStr.optional(),
  reply_broadcast: zBool.optional(),
  unfurl_links: zBool.optional(),
  unfurl_media: zBool.optional(),
  mrkdwn: zBool.optional(),
  link_names: zBool.optional(),
  parse: zStr.optional(),
});

const updateArgs = z.looseObject({ channel: zStr.optional(), ts: zStr, text: zStr.optional() });
const ephemeralArgs = z.looseObject({
  channel: zStr.optional(),
  user: zStr.optional(),
  text: zStr.optional(),
  thread_ts: zStr.optional(),
});
const historyArgs = z.looseObject({
  channel: zStr.optional(),
  cursor: zStr.optional(),
  limit: zInt.optional(),
  oldest: zStr.optional(),
  latest: zStr.optional(),
  inclusive: zBool.optional(),
  include_all_metadata: zBool.optional(),
});
const repliesArgs = historyArgs.extend({ ts: zStr });

export const methods: Record<string, MethodHandler> = {
  'api.test': (_ctx, args) => ({ args }),

  'auth.test': (ctx) => ({
    url: `https://${ctx.ws.team.domain}.slack.com/`,
    team: ctx.ws.team.name,
    user: ctx.ws.bot.name,
    team_id: ctx.ws.team.id,
    user_id: ctx.ws.bot.userId,
    bot_id: ctx.ws.bot.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': (ctx, raw) => {
    const a = parseArgs(postMessageArgs, raw);
    const c = postableChannel(ctx, a.channel);
    const content = contentArgs(raw, true);
    let threadTs: string | undefined;
    if (a.thread_ts !== undefined && a.thread_ts !== '') {
      if (!ctx.ws.message(c.id, a.thread_ts)) throw new SlackApiError('invalid_thread_ts');
      threadTs = a.thread_ts;
    }
    const m = ctx.ws.post({
      channel: c.id,
      user: ctx.ws.bot.userId,
      text: content.text ?? '',
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(content.attachments ? { attachments: content.attachments } : {}),
      ...(content.metadata ? { metadata: content.metadata } : {}),
      ...(threadTs ? { threadTs } : {}),
      ...(a.reply_broadcast ? { replyBroadcast: true } : {}),
      ...(a.unfurl_links !== undefined ? { unfurlLinks: a.unfurl_links } : {}),
      ...(a.unfurl_media !== undefined ? { unfurlMedia: a.unfurl_media } : {}),
      via: 'api',
    });
    return {
      channel: c.id,
      ts: m.ts,
      message: messageWire(ctx.ws, m, { includeMetadata: true, baseUrl: ctx.baseUrl }),
      ...warningFields(content.warnings),
    };
  },

  'chat.update': (ctx, raw) => {
    const a = parseArgs(updateArgs, raw);
    const c = readableChannel(ctx, a.channel);
    ownMessage(ctx, c, a.ts, 'cant_update_message');
    const content = contentArgs(raw, false);
    if (
      content.text === undefined &&
      content.blocks === undefined &&
      content.attachments === undefined &&
      content.metadata === undefined
    )
      throw new SlackApiError('no_text');
    const m = ctx.ws.edit(c.id, a.ts, {
      ...(content.text !== undefined ? { text: content.text } : {}),
      ...(content.blocks !== undefined ? { blocks: content.blocks } : {}),
      ...(content.attachments !== undefined ? { attachments: content.attachments } : {}),
      ...(content.metadata !== undefined ? { metadata: content.metadata } : {}),
      via: 'api',
    });
    return {
      channel: c.id,
      ts: m.ts,
      text: m.text,
      message: messageWire(ctx.ws, m, { includeMetadata: true, baseUrl: ctx.baseUrl }),
      ...warningFields(content.warnings),
    };
  },

  'chat.delete': (ctx, raw) => {
    const a = parseArgs(updateArgs, raw);
    const c = readableChannel(ctx, a.channel);
    ownMessage(ctx, c, a.ts, 'cant_delete_message');
    ctx.ws.deleteMessage(c.id, a.ts);
    return { channel: c.id, ts: a.ts };
  },

  'chat.postEphemeral': (ctx, raw) => {
    const a = parseArgs(ephemeralArgs, raw);
    const c = postableChannel(ctx, a.channel);
    const user = a.user ? ctx.ws.user(a.user) : undefined;
    if (!user) throw new SlackApiError('user_not_found');
    if (!c.isIm && !c.members.includes(user.id)) throw new SlackApiError('user_not_in_channel');
    if (c.isIm && c.imUser !== user.id) throw new SlackApiError('user_not_in_channel');
    const content = contentArgs(raw, true);
    const e = ctx.ws.postEphemeral({
      channel: c.id,
      user: user.id,
      text: content.text ?? '',
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(content.attachments ? { attachments: content.attachments } : {}),
      ...(a.thread_ts ? { threadTs: a.thread_ts } : {}),
      via: 'api',
    });
    return { message_ts: e.ts, ...warningFields(content.warnings) };
  },

  'chat.getPermalink': (ctx, raw) => {
    const a = parseArgs(z.looseObject({ channel: zStr.optional(), message_ts: zStr }), raw);
    const c = visibleChannel(ctx, a.channel);
    const m = ctx.ws.message(c.id, a.message_ts);
    if (!m) throw new SlackApiError('message_not_found');
    return { channel: c.id, permalink: permalink(ctx.ws, m) };
  },

  'conversations.history': (ctx, raw) => {
    const a = parseArgs(historyArgs, raw);
    const c = readableChannel(ctx, a.channel);
    const limit = clampLimit(a.limit, 100, 999);
    const before = decodeCursor('next_ts', a.cursor);
    const matching = ctx.ws
      .topLevel(c.id)
      .filter((m) => inRange(m.ts, a.oldest, a.latest, a.inclusive ?? false))
      .filter((m) => before === undefined || compareTs(m.ts, before) < 0)
      .reverse();
    const page = matching.slice(0, limit);
    const hasMore = matching.length > limit;
    const last = page.at(-1);
    return {
      messages: page.map((m) =>
        messageWire(ctx.ws, m, { includeMetadata: a.include_all_metadata ?? false, baseUrl: ctx.baseUrl }),
      ),
      has_more: hasMore,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      ...(hasMore && last ? { response_metadata: { next_cursor: encodeCursor('next_ts', last.ts) } } : {}),
    };
  },

  'conversations.replies': (ctx, raw) => {
    const a = parseArgs(repliesArgs, raw);
    const c = readableChannel(ctx, a.channel);
    const target = ctx.ws.message(c.id, a.ts);
    if (!target) throw new SlackApiError('thread_not_found');
    const thread = ctx.ws.thread(c.id, target.threadTs ?? target.ts);
    const limit = clampLimit(a.limit, 1000, 1000);
    const after = decodeCursor('next_ts', a.cursor);
    const matching = thread
      .filter((m, i) => i === 0 || inRange(m.ts, a.oldest, a.latest, a.inclusive ?? false))
      .filter((m, i) => after === undefined || (i > 0 && compareTs(m.ts, after) > 0));
    const page = matching.slice(0, limit);
    const hasMore = matching.length > limit;
    const last = page.at(-1);
    return {
      messages: page.map((m) =>
        messageWire(ctx.ws, m, { includeMetadata: a.include_all_metadata ?? false, baseUrl: ctx.baseUrl }),
      ),
      has_more: hasMore,
      ...(hasMore && last ? { response_metadata: { next_cursor: encodeCursor('next_ts', last.ts) } } : {}),
    };
  },

  'conversations.info': (ctx, raw) => {
    const a = parseArgs(z.looseObject({ channel: zStr.optional() }), raw);
    return { channel: channelWire(ctx.ws, visibleChannel(ctx, a.channel)) };
  },

  /** Human and bot members, paged by user id like Slack (`limit` default 100, at most 1000). */
  'conversations.members': (ctx, raw) => {
    const a = parseArgs(
      z.looseObject({ channel: zStr.optional(), cursor: zStr.optional(), limit: zInt.optional() }),
      raw,
    );
    const c = visibleChannel(ctx, a.channel);
    const all = [...c.members, ...(c.botIsMember ? [ctx.ws.bot.userId] : [])].sort();
    const after = decodeCursor('user', a.cursor);
    const from = after === undefined ? 0 : all.findIndex((u) => u > after);
    const limit = Math.min(1000, Math.max(1, a.limit ?? 100));
    const page = from < 0 ? [] : all.slice(from, from + limit);
    const more = from >= 0 && from + limit < all.length;
    return {
      members: page,
      response_metadata: { next_cursor: more ? encodeCursor('user', page.at(-1)!) : '' },
    };
  },

  'conversations.join': (ctx, raw) => {
    const a = parseArgs(z.looseObject({ channel: zStr.optional() }), raw);
    const c = visibleChannel(ctx, a.channel);
    if (c.isPrivate || c.isIm) throw new SlackApiError('method_not_supported_for_channel_type');
    if (c.isArchived) throw new SlackApiError('is_archived');
    const already = c.botIsMember;
    ctx.ws.joinChannel(c.id);
    return {
      channel: channelWire(ctx.ws, c),
      ...(already
        ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } }
        : {}),
    };
  },

  'conversations.list': (ctx, raw) => {
    const a = parseArgs(
      z.looseObject({
        types: zStr.optional(),
        exclude_archived: zBool.optional(),
        limit: zInt.optional(),
        cursor: zStr.optional(),
      }),
      raw,
    );
    const types = new Set((a.types ?? 'public_channel').split(',').map((t) => t.trim()));
    const all = ctx.ws.channels.filter((c) => {
      if (a.exclude_archived && c.isArchived) return false;
      if (c.isIm) return types.has('im');
      if (c.isPrivate) return types.has('private_channel') && c.botIsMember;
      return types.has('public_channel');
    });
    const after = decodeCursor('channel', a.cursor);
    const start = after === undefined ? 0 : all.findIndex((c) => c.id === after) + 1;
    const limit = clampLimit(a.limit, 100, 1000);
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? page.at(-1) : undefined;
    return {
      channels: page.map((c) => channelWire(ctx.ws, c)),
      response_metadata: { next_cursor: next ? encodeCursor('channel', next.id) : '' },
    };
  },

  'users.info': (ctx, raw) => {
    const a = parseArgs(z.looseObject({ user: zStr.optional() }), raw);
    const u = a.user ? ctx.ws.user(a.user) : undefined;
    if (!u) throw new SlackApiError('user_not_found');
    return { user: userWire(ctx.ws, u) };
  },

  'users.list': (ctx, raw) => {
    const a = parseArgs(z.looseObject({ limit: zInt.optional(), cursor: zStr.optional() }), raw);
    const all = ctx.ws.users;
    const after = decodeCursor('user', a.cursor);
    const start = after === undefined ? 0 : all.findIndex((u) => u.id === after) + 1;
    const limit = clampLimit(a.limit, 1000, 1000);
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? page.at(-1) : undefined;
    return {
      members: page.map((u) => userWire(ctx.ws, u)),
      cache_ts: Math.floor(ctx.clock.now() / 1000),
      response_metadata: { next_cursor: next ? encodeCursor('user', next.id) : '' },
    };
  },

  'usergroups.list': (ctx, raw) => {
    const a = parseArgs(
      z.looseObject({ include_users: zBool.optional(), include_count: zBool.optional() }),
      raw,
    );
    return {
      usergroups: ctx.ws.userGroups.map((g) => ({
        id: g.id,
        team_id: ctx.ws.team.id,
        is_usergroup: true,
        name: g.name ?? g.handle,
        description: g.description ?? '',
        handle: g.handle,
        is_external: false,
        date_delete: 0,
        ...(a.include_users ? { users: g.users } : {}),
        ...(a.include_count ? { user_count: g.users.length } : {}),
      })),
    };
  },

  'usergroups.users.list': (ctx, raw) => {
    const a = parseArgs(z.looseObject({ usergroup: zStr.optional() }), raw);
    const g = a.usergroup ? ctx.ws.userGroup(a.usergroup) : undefined;
    if (!g) throw new SlackApiError('no_such_subteam');
    return { users: [...g.users] };
  },

  'views.publish': (ctx, raw) => {
    const a = parseArgs(z.looseObject({ user_id: zStr.optional(), hash: zStr.optional() }), raw);
    const user = a.user_id ? ctx.ws.user(a.user_id) : undefined;
    if (!user) throw new SlackApiError('user_not_found');
    const input = viewArg(raw.view, 'home');
    checkHash(ctx.ws.home(user.id), a.hash);
    return { view: viewWire(ctx.ws.publishHome(user.id, input)) };
  },

  'views.open': (ctx, raw) => {
    const t = withTrigger(ctx, raw);
    const input = viewArg(raw.view, 'modal');
    ctx.triggers.exchange(t.id);
    return { view: viewWire(ctx.ws.openModal(t.user, input)) };
  },

  'views.push': (ctx, raw) => {
    const t = withTrigger(ctx, raw);
    const input = viewArg(raw.view, 'modal');
    const stack = ctx.ws.modalStack(t.user);
    if (stack.length === 0)
      throw new SlackApiError(
        'invalid_arguments',
        argMessages('no modal is open to push onto [json-pointer:/]'),
      );
    if (stack.length >= 3) throw new SlackApiError('push_limit_reached');
    ctx.triggers.exchange(t.id);
    return { view: viewWire(ctx.ws.pushModal(t.user, input)) };
  },

  'views.update': (ctx, raw) => {
    const a = parseArgs(
      z.looseObject({ view_id: zStr.optional(), external_id: zStr.optional(), hash: zStr.optional() }),
      raw,
    );
    const existing = a.view_id
      ? ctx.ws.view(a.view_id)
      : a.external_id
        ? ctx.ws.viewByExternalId(a.external_id)
        : undefined;
    if (!existing?.open) throw new SlackApiError('not_found');
    const input = viewArg(raw.view, existing.type);
    checkHash(existing, a.hash);
    return { view: viewWire(ctx.ws.updateView(existing.id, input)) };
  },

  'files.getUploadURLExternal': (ctx, raw) => {
    const a = parseArgs(
      z.looseObject({
        filename: zStr.optional(),
        length: zInt.optional(),
        alt_text: zStr.optional(),
        alt_txt: zStr.optional(),
        snippet_type: zStr.optional(),
      }),
      raw,
    );
    if (!a.filename)
      throw new SlackApiError('invalid_arguments', argMessages('missing required field: filename'));
    if (!a.length) throw new SlackApiError('missing_argument');
    const altText = a.alt_txt ?? a.alt_text;
    if (altText !== undefined && altText.length > 1000) throw new SlackApiError('alt_txt_too_large');
    const f = ctx.ws.createFile({
      filename: a.filename,
      length: a.length,
      ...(altText !== undefined ? { altText } : {}),
      ...(a.snippet_type !== undefined ? { snippetType: a.snippet_type } : {}),
    });
    return { upload_url: `${ctx.baseUrl}/upload/v1/${f.id}`, file_id: f.id };
  },

  'files.completeUploadExternal': (ctx, raw) => {
    const a = parseArgs(
      z.looseObject({
        files: z.array(z.looseObject({ id: zStr, title: zStr.optional() })).min(1),
        channel_id: zStr.optional(),
        channels: zStr.optional(),
        thread_ts: zStr.optional(),
        initial_comment: zStr.optional(),
      }),
      raw,
    );
    const files = a.files.map((entry) => {
      const file = ctx.ws.file(entry.id);
      if (!file?.uploaded) throw new SlackApiError('file_not_found');
      return { file, ...(entry.title ? { title: entry.title } : {}) };
    });
    const channelIds = a.channel_id ? [a.channel_id] : (a.channels?.split(',').filter(Boolean) ?? []);
    if (channelIds.length > 1 && a.thread_ts) throw new SlackApiError('invalid_arguments');
    const blocks = raw.blocks === undefined ? undefined : blocksArg(raw.blocks);
    const targets = channelIds.map((id) => postableChannel(ctx, id));
    if (targets.length === 0) ctx.ws.completeFiles(files);
    for (const c of targets) {
      if (a.thread_ts && !ctx.ws.message(c.id, a.thread_ts)) throw new SlackApiError('invalid_thread_ts');
      ctx.ws.completeFiles(files, {
        channel: c.id,
        ...(a.thread_ts ? { threadTs: a.thread_ts } : {}),
        ...(a.initial_comment ? { initialComment: a.initial_comment } : {}),
        ...(blocks ? { blocks } : {}),
      });
    }
    return { files: files.map(({ file }) => fileWire(ctx.ws, file, ctx.baseUrl)) };
  },

  'files.info': (ctx, raw) => {
    const a = parseArgs(z.looseObject({ file: zStr.optional() }), raw);
    const f = a.file ? ctx.ws.file(a.file) : undefined;
    if (!f?.completed) throw new SlackApiError('file_not_found');
    return { file: fileWire(ctx.ws, f, ctx.baseUrl) };
  },
};

/** The channel and user a call is about, for faults and rate limits. */
export function callTarget(
  ws: Workspace,
  args: Record<string, unknown>,
): { channel?: string; user?: string } {
  const rawChannel =
    typeof args.channel === 'string'
      ? args.channel
      : typeof args.channel_id === 'string'
        ? args.channel_id
        : undefined;
  const rawUser =
    typeof args.user === 'string' ? args.user : typeof args.user_id === 'string' ? args.user_id : undefined;
  const channel = rawChannel === undefined ? undefined : (ws.findChannel(rawChannel)?.id ?? rawChannel);
  return {
    ...(channel !== undefined ? { channel } : {}),
    ...(rawUser !== undefined ? { user: rawUser } : {}),
  };
}

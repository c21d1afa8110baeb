import type { IncomingMessage } from 'node:http';
import type { SimChannelState, SimFile, SimMessage, SimUser, SimView, Workspace } from './workspace.js';

/** Web API arguments that travel as JSON strings inside form bodies. */
export const JSON_ARGS = ['blocks', 'attachments', 'view', 'metadata', 'files', 'user_auth_blocks'] as const;

export interface ParsedBody {
  args: Record<string, unknown>;
  format: 'form' | 'json' | 'multipart' | 'empty' | 'raw';
  /** Fields that came as bytes (multipart file parts). */
  binary: Record<string, Buffer>;
  /** A JSON body that was not JSON. */
  malformed?: boolean;
}

export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) reject(new Error(`body over ${limit} bytes`));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Form, JSON or multipart, as `@slack/web-api` and people with curl send them. */
export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  const ct = (contentType ?? '').toLowerCase();
  if (raw.length === 0) return { args: {}, format: 'empty', binary: {} };
  if (ct.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        return { args: parsed as Record<string, unknown>, format: 'json', binary: {} };
    } catch {
      // answered below as a malformed body
    }
    return { args: {}, format: 'json', binary: {}, malformed: true };
  }
  if (ct.startsWith('multipart/form-data')) {
    // undici's multipart parser, so no dependency is needed for it.
    const form = await new Request('http://stand-in.local/', {
      method: 'POST',
      headers: { 'content-type': contentType ?? '' },
      body: new Uint8Array(raw),
    }).formData();
    const args: Record<string, unknown> = {};
    const binary: Record<string, Buffer> = {};
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') args[key] = value;
      else binary[key] = Buffer.from(await value.arrayBuffer());
    }
    return { args, format: 'multipart', binary };
  }
  if (ct.startsWith('application/x-www-form-urlencoded') || ct === '') {
    return {
      args: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))),
      format: 'form',
      binary: {},
    };
  }
  return { args: {}, format: 'raw', binary: {} };
}

/** Decodes the JSON-string arguments in place; a value that is not JSON stays a string. */
export function decodeJsonArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out = { ...args };
  for (const key of JSON_ARGS) {
    const v = out[key];
    if (typeof v !== 'string') continue;
    try {
      out[key] = JSON.parse(v);
    } catch {
      // left as the string, so the method answers its *_format error
    }
  }
  return out;
}

// ---- Slack's object shapes -------------------------------------------------------------------

export function messageWire(
  ws: Workspace,
  m: SimMessage,
  options: { includeMetadata?: boolean; baseUrl?: string } = {},
): Record<string, unknown> {
  const isParent = m.threadTs === m.ts && m.replyCount > 0;
  const isReply = m.threadTs !== undefined && m.threadTs !== m.ts;
  const parent = isReply ? ws.message(m.channel, m.threadTs as string) : undefined;
  return {
    type: 'message',
    ...(m.subtype ? { subtype: m.subtype } : {}),
    user: m.user,
    ...(m.botId
      ? {
          bot_id: m.botId,
          app_id: m.appId,
          bot_profile: {
            id: m.botId,
            app_id: m.appId,
            name: ws.bot.name,
            deleted: false,
            team_id: ws.team.id,
          },
        }
      : {}),
    text: m.text,
    ts: m.ts,
    team: ws.team.id,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
    ...(m.files
      ? {
          files: m.files.map((f) => {
            const file = ws.file(f.id);
            return file
              ? fileWire(ws, file, options.baseUrl ?? '')
              : { id: f.id, name: f.name, title: f.title };
          }),
          upload: true,
          display_as_bot: false,
        }
      : {}),
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(isParent
      ? {
          reply_count: m.replyCount,
          reply_users_count: m.replyUsers.length,
          latest_reply: m.latestReply,
          reply_users: m.replyUsers,
          is_locked: false,
          subscribed: false,
        }
      : {}),
    ...(isReply && parent ? { parent_user_id: parent.user } : {}),
    ...(m.edited ? { edited: m.edited } : {}),
    ...(options.includeMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}

export function viewWire(v: SimView): Record<string, unknown> {
  return {
    id: v.id,
    team_id: v.teamId,
    type: v.type,
    blocks: v.blocks,
    private_metadata: v.privateMetadata,
    callback_id: v.callbackId,
    state: v.state,
    hash: v.hash,
    ...(v.title !== undefined ? { title: v.title } : {}),
    clear_on_close: v.clearOnClose,
    notify_on_close: v.notifyOnClose,
    ...(v.close !== undefined ? { close: v.close } : {}),
    ...(v.submit !== undefined ? { submit: v.submit } : {}),
    previous_view_id: v.previousViewId,
    root_view_id: v.rootViewId,
    app_id: v.appId,
    external_id: v.externalId,
    app_installed_team_id: v.teamId,
    bot_id: v.botId,
  };
}

export function fileWire(ws: Workspace, f: SimFile, baseUrl: string): Record<string, unknown> {
  const ext = f.filename.includes('.') ? (f.filename.split('.').pop() ?? '') : '';
  const privateUrl = `${baseUrl}/files/${f.id}/${encodeURIComponent(f.filename)}`;
  return {
    id: f.id,
    created: f.created,
    timestamp: f.created,
    name: f.filename,
    title: f.title,
    mimetype: f.mimetype,
    filetype: ext,
    pretty_type: ext.toUpperCase(),
    user: f.user,
    user_team: ws.team.id,
    editable: false,
    size: f.bytes?.length ?? f.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: f.shares.some((s) => !ws.channelById(s.channel)?.isPrivate),
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    ...(f.altText !== undefined ? { alt_txt: f.altText } : {}),
    url_private: privateUrl,
    url_private_download: `${privateUrl}?download=1`,
    permalink: `https://${ws.team.domain}.slack.com/files/${f.user}/${f.id}/${f.filename}`,
    channels: [...new Set(f.shares.map((s) => s.channel))],
  };
}

export function channelWire(ws: Workspace, c: SimChannelState): Record<string, unknown> {
  if (c.isIm)
    return {
      id: c.id,
      created: c.created,
      is_im: true,
      is_org_shared: false,
      user: c.imUser,
      is_user_deleted: false,
      priority: 0,
    };
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: c.isPrivate,
    created: c.created,
    is_archived: c.isArchived,
    is_general: c.name === 'general',
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    context_team_id: ws.team.id,
    is_member: c.botIsMember,
    topic: { value: c.topic, creator: '', last_set: 0 },
    purpose: { value: c.purpose, creator: '', last_set: 0 },
    num_members: c.members.length + (c.botIsMember ? 1 : 0),
  };
}

export function userWire(ws: Workspace, u: SimUser): Record<string, unknown> {
  const realName = u.realName ?? u.name;
  return {
    id: u.id,
    team_id: ws.team.id,
    name: u.name,
    deleted: u.deleted ?? false,
    real_name: realName,
    tz: u.tz ?? 'Etc/UTC',
    tz_label: u.tz ?? 'Coordinated Universal Time',
    tz_offset: 0,
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: u.displayName ?? u.name,
      display_name_normalized: u.displayName ?? u.name,
      ...(u.email ? { email: u.email } : {}),
      team: ws.team.id,
    },
    is_admin: u.isAdmin ?? false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.isBot ?? false,
    is_app_user: false,
    updated: 0,
  };
}

/** `https://<domain>.slack.com/archives/C…/p1764331200000100` (plus the thread for replies). */
export function permalink(ws: Workspace, m: SimMessage): string {
  const base = `https://${ws.team.domain}.slack.com/archives/${m.channel}/p${m.ts.replace('.', '')}`;
  return m.threadTs && m.threadTs !== m.ts ? `${base}?thread_ts=${m.threadTs}&cid=${m.channel}` : base;
}

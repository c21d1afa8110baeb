import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { checkMessageBlocks } from './blocks.js';
import type { Workspace } from './workspace.js';

/** A response_url works 5 times within 30 minutes. */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export type MessageRef = { kind: 'message' | 'ephemeral'; channel: string; ts: string };

export interface ResponseUrlInfo {
  token: string;
  url: string;
  origin: 'slash_command' | 'block_actions' | 'view_submission';
  user: string;
  channel: string;
  createdAt: number;
  uses: number;
  /** The message the interaction came from (replace_original/delete_original act on it). */
  source?: MessageRef;
  /** The last message this URL posted: a slash command's URL acts on its own reply. */
  produced?: MessageRef;
}

export interface RespondOutcome {
  status: number;
  body: Record<string, unknown>;
  /** What happened, for the call log. */
  effect?: string;
}

const respondBody = z.looseObject({
  text: z.string().optional(),
  blocks: z.array(z.unknown()).optional(),
  attachments: z.array(z.unknown()).optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  delete_original: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  thread_ts: z.string().optional(),
});

const truthy = (v: boolean | string | undefined): boolean => v === true || v === 'true';

/** response_urls the sender put into payloads, and what posting to them does. */
export class ResponseUrls {
  private readonly byToken = new Map<string, ResponseUrlInfo>();
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ws: Workspace,
    private readonly baseUrl: () => string,
  ) {}

  create(input: Pick<ResponseUrlInfo, 'origin' | 'user' | 'channel' | 'source'>): ResponseUrlInfo {
    const n = ++this.seq;
    const token = `${this.ws.team.id}/${n}/${createHash('sha256').update(`respond:${n}`).digest('base64url').slice(0, 24)}`;
    const info: ResponseUrlInfo = {
      token,
      url: `${this.baseUrl()}/respond/${token}`,
      createdAt: this.clock.now(),
      uses: 0,
      ...input,
    };
    this.byToken.set(token, info);
    return info;
  }

  get(token: string): ResponseUrlInfo | undefined {
    return this.byToken.get(token);
  }

  /** Applies a POST to a response_url the way Slack does. */
  apply(token: string, body: unknown): RespondOutcome {
    const info = this.byToken.get(token);
    if (!info) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    if (this.clock.now() - info.createdAt > RESPONSE_URL_TTL_MS)
      return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (info.uses >= RESPONSE_URL_MAX_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
    const parsed = respondBody.safeParse(body);
    if (!parsed.success) return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    info.uses += 1;
    const b = parsed.data;
    const target = info.source ?? info.produced;

    if (truthy(b.delete_original)) {
      if (!target || !this.exists(target))
        return { status: 404, body: { ok: false, error: 'message_not_found' } };
      if (target.kind === 'message') this.ws.deleteMessage(target.channel, target.ts);
      else this.ws.deleteEphemeral(target.channel, target.ts);
      return { status: 200, body: { ok: true }, effect: `deleted ${target.kind} ${target.ts}` };
    }

    if (b.text === undefined && b.blocks === undefined && b.attachments === undefined)
      return { status: 400, body: { ok: false, error: 'no_text' } };
    if (b.blocks !== undefined) {
      const verdict = checkMessageBlocks(b.blocks);
      if (!verdict.ok)
        return {
          status: 400,
          body: {
            ok: false,
            error: verdict.error,
            ...('errors' in verdict ? { errors: verdict.errors } : {}),
          },
        };
    }
    const content = {
      ...(b.text !== undefined ? { text: b.text } : {}),
      ...(b.blocks !== undefined ? { blocks: b.blocks } : {}),
      ...(b.attachments !== undefined ? { attachments: b.attachments } : {}),
    };

    if (truthy(b.replace_original) && target && this.exists(target)) {
      if (target.kind === 'message')
        this.ws.edit(target.channel, target.ts, { ...content, via: 'response_url' }, this.ws.bot.userId);
      else this.ws.editEphemeral(target.channel, target.ts, { ...content, via: 'response_url' });
      return { status: 200, body: { ok: true }, effect: `replaced ${target.kind} ${target.ts}` };
    }

    if (b.response_type === 'in_channel') {
      const m = this.ws.post({
        channel: info.channel,
        user: this.ws.bot.userId,
        text: b.text ?? '',
        ...(b.blocks ? { blocks: b.blocks } : {}),
        ...(b.attachments ? { attachments: b.attachments } : {}),
        ...(b.thread_ts ? { threadTs: b.thread_ts } : {}),
        via: 'response_url',
      });
      info.produced = { kind: 'message', channel: m.channel, ts: m.ts };
      return { status: 200, body: { ok: true }, effect: `posted message ${m.ts}` };
    }
    const e = this.ws.postEphemeral({
      channel: info.channel,
      user: info.user,
      text: b.text ?? '',
      ...(b.blocks ? { blocks: b.blocks } : {}),
      ...(b.attachments ? { attachments: b.attachments } : {}),
      ...(b.thread_ts ? { threadTs: b.thread_ts } : {}),
      via: 'response_url',
    });
    info.produced = { kind: 'ephemeral', channel: e.channel, ts: e.ts };
    return { status: 200, body: { ok: true }, effect: `posted ephemeral ${e.ts}` };
  }

  private exists(ref: MessageRef): boolean {
    return ref.kind === 'message'
      ? this.ws.message(ref.channel, ref.ts) !== undefined
      : this.ws.ephemeral(ref.channel, ref.ts) !== undefined;
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Delivery, SlackSender } from '../sender.js';
import { readRawBody } from '../wire.js';
import type { SlackChange, Workspace } from '../workspace.js';
import { canSee, humans, pagePush, pageState, typedText, visibleTo } from './api.js';
import { loadAsset } from './assets.js';
import { PAGE_CSP, shellHtml } from './shell.js';

/**
 * The stand-in's web page: where a person watches Pillar work and uses its buttons, menus,
 * modals, `/wa` and the App Home as a chosen workspace user. Served by the stand-in itself:
 *
 *   GET  /                      the page (HTML frame; the client module fills it in)
 *   GET  /page/assets/<name>    client.js, page.css, render.js, mrkdwn.js, model.js
 *   GET  /page/events?user=U…   Server-Sent Events: the workspace's changes this user may see
 *   GET  /page/api/state?user=U… everything the page shows, for one user
 *   POST /page/api/action       {user, channel+ts | viewId, actionId, blockId?, value?} → block_actions
 *   POST /page/api/submit       {user, viewId?, values}                                → view_submission
 *   POST /page/api/close        {user, viewId?}                                         → view_closed
 *   POST /page/api/command      {user, channel, text, command?}                         → slash command
 *   POST /page/api/message      {user, channel, text, threadTs?}                        → a person's message (as typed)
 *   POST /page/api/home         {user}                                                  → app_home_opened
 *
 * Clicks and submissions go through the stand-in's sender, so the app gets them signed, exactly
 * as from Slack; what the app does in return reaches the page through the event stream.
 */

/** What the page needs from the stand-in. */
export interface PageHost {
  readonly workspace: Workspace;
  readonly send: SlackSender;
  /** The stand-in's clock (ms). */
  now(): number;
  onChange(listener: (change: SlackChange) => void): void;
}

/** Page API bodies are small; this keeps a stray upload from filling memory. */
const MAX_API_BODY = 1024 * 1024;
const PING_MS = 5000;

const selection = z.union([z.string(), z.array(z.string()), z.number(), z.null()]);
const userField = z.string().min(1).max(64);
const schemas = {
  action: z.object({
    user: userField,
    channel: z.string().max(64).optional(),
    ts: z.string().max(64).optional(),
    viewId: z.string().max(64).optional(),
    actionId: z.string().min(1).max(255),
    blockId: z.string().max(255).optional(),
    value: selection.optional(),
  }),
  submit: z.object({
    user: userField,
    viewId: z.string().max(64).optional(),
    values: z.record(z.string(), z.record(z.string(), selection)).default({}),
  }),
  close: z.object({ user: userField, viewId: z.string().max(64).optional() }),
  command: z.object({
    user: userField,
    channel: z.string().min(1).max(64),
    text: z.string().max(40_000).default(''),
    command: z
      .string()
      .regex(/^\/[a-z0-9_-]{1,32}$/)
      .default('/wa'),
  }),
  message: z.object({
    user: userField,
    channel: z.string().min(1).max(64),
    text: z.string().min(1).max(40_000),
    threadTs: z.string().max(64).optional(),
  }),
  home: z.object({ user: userField }),
};
type Op = keyof typeof schemas;

class PageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface EventClient {
  user: string;
  res: ServerResponse;
}

/** What the page is told about a delivery: enough to show "the app did not answer". */
export function deliverySummary(d: Delivery): Record<string, unknown> {
  return {
    kind: d.kind,
    status: d.status,
    ...(d.outcome ? { outcome: d.outcome } : {}),
    ...(d.error ? { error: d.error } : {}),
    ...(d.clientErrors ? { clientErrors: d.clientErrors } : {}),
  };
}

export class StandInPage {
  /** Count of workspace changes so far; the state API and every pushed change carry it. */
  private seq = 0;
  private readonly clients = new Set<EventClient>();

  constructor(private readonly host: PageHost) {
    host.onChange((c) => this.push(c));
  }

  /** Whether a path is the page's (the stand-in routes these here). */
  static owns(path: string): boolean {
    return path === '/' || path === '/index.html' || path.startsWith('/page/');
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const get = req.method === 'GET' || req.method === 'HEAD';
    try {
      if ((path === '/' || path === '/index.html') && get) return this.serveShell(res);
      if (path.startsWith('/page/assets/') && get)
        return await this.serveAsset(res, path.slice('/page/assets/'.length));
      if (path === '/page/events' && get) return this.openEvents(req, res, url);
      if (path === '/page/api/state' && get) return this.serveState(res, url);
      if (path.startsWith('/page/api/') && req.method === 'POST') {
        const op = path.slice('/page/api/'.length);
        if (Object.hasOwn(schemas, op)) return await this.post(req, res, op as Op);
      }
      throw new PageError(404, 'not_found', `no page route ${req.method} ${path}`);
    } catch (e) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (e instanceof PageError)
        return json(res, e.status, { ok: false, error: e.code, message: e.message });
      json(res, 500, {
        ok: false,
        error: 'internal_error',
        message: e instanceof Error ? e.message : String(e),
      });
    }
  }

  // ---- pages and assets ------------------------------------------------------------------------

  private serveShell(res: ServerResponse): void {
    const ws = this.host.workspace;
    const html = shellHtml({
      teamName: ws.team.name,
      botName: ws.bot.name,
      users: humans(ws).map((u) => ({ id: u.id, label: u.realName ? `${u.realName} (@${u.name})` : u.name })),
    });
    send(res, 200, html, 'text/html; charset=utf-8', { 'Content-Security-Policy': PAGE_CSP });
  }

  private async serveAsset(res: ServerResponse, name: string): Promise<void> {
    const asset = await loadAsset(name);
    if (!asset) throw new PageError(404, 'not_found', `no asset ${name}`);
    send(res, 200, asset.body, asset.type);
  }

  // ---- state and events ------------------------------------------------------------------------

  /** The user named in the request, a person of the workspace; the first one when none is named. */
  private user(id: string | null | undefined): string {
    const people = humans(this.host.workspace);
    if (id === null || id === undefined || id === '') {
      const first = people[0];
      if (!first) throw new PageError(400, 'no_users', 'the workspace has no users');
      return first.id;
    }
    if (!people.some((u) => u.id === id)) throw new PageError(400, 'user_not_found', `no user ${id}`);
    return id;
  }

  private serveState(res: ServerResponse, url: URL): void {
    const user = this.user(url.searchParams.get('user'));
    json(res, 200, pageState(this.host.workspace, user, this.seq, this.host.now()));
  }

  private openEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const user = this.user(url.searchParams.get('user'));
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    // `hello` tells the page to (re)load its state: changes it missed while away are in it.
    res.write(
      `retry: 1000\nevent: hello\ndata: ${JSON.stringify({ seq: this.seq, now: this.host.now() })}\n\n`,
    );
    const client: EventClient = { user, res };
    this.clients.add(client);
    // The demo's clock runs faster than the wall clock: the page keeps "3 minutes ago" right with it.
    const ping = setInterval(() => {
      res.write(`event: clock\ndata: ${JSON.stringify({ now: this.host.now() })}\n\n`);
    }, PING_MS);
    ping.unref();
    const done = () => {
      clearInterval(ping);
      this.clients.delete(client);
    };
    req.on('close', done);
    res.on('close', done);
  }

  private push(change: SlackChange): void {
    this.seq += 1;
    if (this.clients.size === 0) return;
    const ws = this.host.workspace;
    const push = pagePush(ws, change, this.seq);
    if (!push) return;
    const frame = `id: ${this.seq}\ndata: ${JSON.stringify(push.change)}\n\n`;
    for (const client of this.clients) if (visibleTo(ws, push, client.user)) client.res.write(frame);
  }

  // ---- interactions ----------------------------------------------------------------------------

  private async post(req: IncomingMessage, res: ServerResponse, op: Op): Promise<void> {
    // JSON only: a form post from another site cannot be JSON without a CORS preflight.
    const ct = (req.headers['content-type'] ?? '').toLowerCase();
    if (!ct.startsWith('application/json'))
      throw new PageError(415, 'unsupported_media_type', 'send application/json');
    let raw: Buffer;
    try {
      raw = await readRawBody(req, MAX_API_BODY);
    } catch {
      throw new PageError(413, 'too_large', `bodies are limited to ${MAX_API_BODY} bytes`);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new PageError(400, 'invalid_json', 'the body is not JSON');
    }
    const parsed = schemas[op].safeParse(body);
    if (!parsed.success) throw new PageError(400, 'invalid_arguments', parsed.error.message);
    const answer = await this.run(op, parsed.data);
    json(res, 200, answer);
  }

  private async run(op: Op, input: unknown): Promise<Record<string, unknown>> {
    const { workspace: ws, send } = this.host;
    const refused = (e: unknown): PageError =>
      new PageError(409, 'refused', e instanceof Error ? e.message : String(e));
    const outcome = (d: Delivery, failure = 'app_error'): Record<string, unknown> => {
      const ok = d.status >= 200 && d.status < 300 && !d.error && !d.clientErrors;
      return {
        ok,
        ...(ok ? {} : { error: d.clientErrors ? 'invalid_input' : failure }),
        delivery: deliverySummary(d),
      };
    };
    const channelFor = (user: string, id: string) => {
      const c = ws.channelById(id);
      if (!c || !canSee(c, user))
        throw new PageError(404, 'channel_not_found', `no channel ${id} for ${user}`);
      return c;
    };
    switch (op) {
      case 'action': {
        const v = input as z.infer<typeof schemas.action>;
        const user = this.user(v.user);
        if (v.viewId === undefined && (v.channel === undefined || v.ts === undefined))
          throw new PageError(400, 'invalid_arguments', 'give channel and ts, or viewId');
        if (v.channel !== undefined) channelFor(user, v.channel);
        const action = {
          actionId: v.actionId,
          ...(v.blockId ? { blockId: v.blockId } : {}),
          ...(v.value !== undefined ? { selected: v.value } : {}),
        };
        try {
          const d =
            v.viewId !== undefined
              ? await send.blockAction({ user, viewId: v.viewId, action })
              : await send.blockAction({ user, channel: v.channel, messageTs: v.ts, action });
          return outcome(d);
        } catch (e) {
          throw refused(e);
        }
      }
      case 'submit': {
        const v = input as z.infer<typeof schemas.submit>;
        const user = this.user(v.user);
        try {
          const d = await send.viewSubmission({
            user,
            ...(v.viewId ? { viewId: v.viewId } : {}),
            values: v.values,
          });
          const view = d.payload.view as { id?: string } | undefined;
          const errors = view?.id ? ws.view(view.id)?.errors : undefined;
          return { ...outcome(d), ...(errors ? { errors } : {}) };
        } catch (e) {
          throw refused(e);
        }
      }
      case 'close': {
        const v = input as z.infer<typeof schemas.close>;
        const user = this.user(v.user);
        try {
          const d = await send.viewClosed({ user, ...(v.viewId ? { viewId: v.viewId } : {}) });
          return d ? outcome(d) : { ok: true };
        } catch (e) {
          throw refused(e);
        }
      }
      case 'command': {
        const v = input as z.infer<typeof schemas.command>;
        const user = this.user(v.user);
        const channel = channelFor(user, v.channel);
        try {
          const d = await send.slashCommand({ user, channel: channel.id, text: v.text, command: v.command });
          // Slack's own words when an app does not answer a command.
          return outcome(d, 'dispatch_failed');
        } catch (e) {
          throw refused(e);
        }
      }
      case 'message': {
        const v = input as z.infer<typeof schemas.message>;
        const user = this.user(v.user);
        const channel = channelFor(user, v.channel);
        const m = ws.postAsUser(user, channel.id, typedText(ws, v.text), v.threadTs);
        return { ok: true, ts: m.ts };
      }
      case 'home': {
        const v = input as z.infer<typeof schemas.home>;
        const user = this.user(v.user);
        try {
          return outcome(await send.appHomeOpened({ user }));
        } catch (e) {
          throw refused(e);
        }
      }
    }
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

function json(res: ServerResponse, status: number, payload: unknown): void {
  send(res, status, JSON.stringify(payload), 'application/json; charset=utf-8');
}

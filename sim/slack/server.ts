import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenBucket } from '../aws/token-bucket.js';
import { type Clock, systemClock } from '../clock.js';
import { type SlackCallFilter, SlackCallLog, type SlackCallRecord } from './calls.js';
import { type SlackFaultSpec, SlackFaults } from './faults.js';
import { type ApiContext, callTarget, methods, SlackApiError } from './methods.js';
import { StandInPage } from './page/index.js';
import { ResponseUrls } from './respond.js';
import { type Delivery, SlackSender } from './sender.js';
import { SocketModeStandIn } from './socket.js';
import { Triggers } from './triggers.js';
import { decodeJsonArgs, parseBody, readRawBody } from './wire.js';
import {
  defaultBot,
  defaultChannels,
  defaultTeam,
  defaultUserGroups,
  defaultUsers,
  type SimBot,
  type SimChannel,
  type SimTeam,
  type SimUser,
  type SimUserGroup,
  type SlackChange,
  Workspace,
} from './workspace.js';

export interface SlackRateLimitOptions {
  /** chat.postMessage calls per channel per second (Slack: about 1). */
  postsPerChannelPerSecond: number;
  /** Calls a quiet channel may take at once (default 3). */
  burst?: number;
}

export interface SlackStandInOptions {
  /** Port on `host`; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** Drives message ts, trigger expiry, response_url expiry and rate limits. */
  clock?: Clock;
  /**
   * Clock for the `X-Slack-Request-Timestamp` of delivered requests. Bolt checks it against its own
   * wall clock, so it defaults to the system clock even when `clock` is a fake one.
   */
  signingClock?: Clock;
  signingSecret: string;
  /** The bot token calls must carry (default `xoxb-sim-token`). */
  botToken?: string;
  /** Where requests for the app go, e.g. `http://127.0.0.1:3000/slack/events` (or `setAppUrl`). */
  appUrl?: string;
  team?: SimTeam;
  bot?: SimBot;
  users?: SimUser[];
  channels?: SimChannel[];
  userGroups?: SimUserGroup[];
  /** Default 1 post per channel per second with a burst of 3; `false` turns limits off. */
  rateLimit?: SlackRateLimitOptions | false;
  /** The `token` field of payloads (Slack's deprecated verification token). */
  verificationToken?: string;
  /** How long a delivery waits for the app (default 10 s; Slack itself gives up after 3 s). */
  deliveryTimeoutMs?: number;
  /** Bodies above this are refused (default 8 MiB). */
  maxBodyBytes?: number;
}

export interface SlackStandInEvents {
  /** The workspace changed: message posted/updated/deleted, ephemeral, view opened/published… */
  change: [SlackChange];
  /** A request was answered (Web API call, response_url post, file upload). */
  call: [SlackCallRecord];
  /** The sender delivered something to the app. */
  delivery: [Delivery];
}

export const DEFAULT_BOT_TOKEN = 'xoxb-sim-token';
export const DEFAULT_APP_TOKEN = 'xapp-1-sim-token';

/**
 * The Slack stand-in: a local HTTP server speaking the Web API methods Pillar calls, plus the
 * response_urls and upload URLs it hands out, over a model of one workspace; and a sender that
 * delivers signed requests to the app. See index.ts for how a test wires the real Bolt app to it.
 */
export class SlackStandIn extends EventEmitter<SlackStandInEvents> {
  readonly url: string;
  /** `${url}/api/`: Bolt's `clientOptions.slackApiUrl`, `SLACK_API_URL`. */
  readonly apiUrl: string;
  readonly port: number;
  readonly botToken: string;
  /** The app-level token `apps.connections.open` takes (Socket Mode). */
  readonly appToken = DEFAULT_APP_TOKEN;
  readonly signingSecret: string;
  /** Socket Mode: connections, envelopes and `disconnect` messages. */
  readonly socket: SocketModeStandIn;
  readonly workspace: Workspace;
  readonly calls = new SlackCallLog();
  readonly faults = new SlackFaults();
  readonly send: SlackSender;
  readonly triggers: Triggers;
  readonly responseUrls: ResponseUrls;
  private appUrlValue: string | undefined;
  private socketModeValue = false;
  private rateLimit: SlackRateLimitOptions | false;
  private buckets = new Map<string, TokenBucket>();
  /** The web page at `/` (see page/index.ts). */
  private readonly page: StandInPage;

  /** Use `startSlackStandIn`. */
  constructor(
    private readonly server: Server,
    private readonly clock: Clock,
    options: SlackStandInOptions,
    address: { url: string; port: number },
    wiring: { workspace: Workspace; triggers: Triggers; responseUrls: ResponseUrls },
  ) {
    super();
    this.url = address.url;
    this.apiUrl = `${address.url}/api/`;
    this.port = address.port;
    this.botToken = options.botToken ?? DEFAULT_BOT_TOKEN;
    this.signingSecret = options.signingSecret;
    this.appUrlValue = options.appUrl;
    this.rateLimit = options.rateLimit ?? { postsPerChannelPerSecond: 1 };
    this.workspace = wiring.workspace;
    this.socket = new SocketModeStandIn(() => address.url.replace(/^http/, 'ws'));
    this.socket.attach(server);
    this.triggers = wiring.triggers;
    this.responseUrls = wiring.responseUrls;
    this.send = new SlackSender({
      ws: this.workspace,
      clock,
      signingClock: options.signingClock ?? systemClock,
      signingSecret: options.signingSecret,
      appUrl: () => this.appUrlValue,
      socket: () => (this.socketModeValue ? this.socket : undefined),
      triggers: this.triggers,
      responseUrls: this.responseUrls,
      verificationToken: options.verificationToken ?? 'sim-verification-token',
      timeoutMs: options.deliveryTimeoutMs ?? 10_000,
      onDelivery: (d) => this.emit('delivery', d),
    });
    this.page = new StandInPage({
      workspace: this.workspace,
      send: this.send,
      now: () => clock.now(),
      onChange: (listener) => this.on('change', listener),
    });
  }

  get appUrl(): string | undefined {
    return this.appUrlValue;
  }

  setAppUrl(url: string): void {
    this.appUrlValue = url;
  }

  /** Deliver commands, clicks and events over Socket Mode instead of signed HTTP requests. */
  useSocketMode(on = true): void {
    this.socketModeValue = on;
  }

  /** Environment for a Pillar process in Socket Mode pointed at the stand-in. */
  socketEnv(): Record<string, string> {
    return { SLACK_API_URL: this.apiUrl, SLACK_BOT_TOKEN: this.botToken, SLACK_APP_TOKEN: this.appToken };
  }

  setRateLimit(limit: SlackRateLimitOptions | false): void {
    this.rateLimit = limit;
    this.buckets.clear();
  }

  /** Environment for a Pillar process pointed at the stand-in. */
  env(): Record<string, string> {
    return {
      SLACK_API_URL: this.apiUrl,
      SLACK_BOT_TOKEN: this.botToken,
      SLACK_SIGNING_SECRET: this.signingSecret,
    };
  }

  /**
   * Resolves with the first change matching `predicate` from now on (real-time timeout, default
   * 2 s), for listeners that finish after the HTTP answer (`respond()`, `say()`).
   */
  waitFor(predicate: (change: SlackChange) => boolean, timeoutMs = 2000): Promise<SlackChange> {
    return new Promise((resolve, reject) => {
      const onChange = (change: SlackChange): void => {
        if (!predicate(change)) return;
        clearTimeout(timer);
        this.off('change', onChange);
        resolve(change);
      };
      const timer = setTimeout(() => {
        this.off('change', onChange);
        reject(new Error(`no matching Slack change within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('change', onChange);
    });
  }

  /** Resolves with the first recorded call matching the filter (one already made counts). */
  waitForCall(filter: SlackCallFilter | string, timeoutMs = 2000): Promise<SlackCallRecord> {
    const existing = this.calls.last(filter);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onCall = (): void => {
        const hit = this.calls.last(filter);
        if (!hit) return;
        clearTimeout(timer);
        this.off('call', onCall);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        this.off('call', onCall);
        reject(new Error(`no matching Slack call within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('call', onCall);
    });
  }

  close(): Promise<void> {
    this.socket.close();
    return new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // fetch keeps connections alive; without this close() waits for them.
      this.server.closeAllConnections();
    });
  }

  // ---- request handling (called by the server) -----------------------------------------------

  /** @internal */
  async handle(req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in.local');
    const path = url.pathname;
    if (path.startsWith('/api/')) return this.handleApi(req, res, url, maxBodyBytes);
    if (StandInPage.owns(path)) return this.page.handle(req, res, url);
    if (path.startsWith('/respond/') && req.method === 'POST')
      return this.handleRespond(req, res, decodeURIComponent(path.slice('/respond/'.length)), maxBodyBytes);
    const upload = /^\/upload\/v1\/([A-Z0-9]+)$/.exec(path);
    if (upload && req.method === 'POST')
      return this.handleUpload(req, res, upload[1] as string, maxBodyBytes);
    const file = /^\/files\/([A-Z0-9]+)(?:\/.*)?$/.exec(path);
    if (file && req.method === 'GET') return this.serveFile(res, file[1] as string);
    writeJson(res, 404, { ok: false, error: 'not_found' });
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL, maxBodyBytes: number) {
    const method = url.pathname.slice('/api/'.length);
    const at = this.clock.now();
    const raw = await readRawBody(req, maxBodyBytes);
    const body = await parseBody(header(req, 'content-type'), raw);
    const all = decodeJsonArgs({ ...Object.fromEntries(url.searchParams), ...body.args });
    const bearer = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
    const token = bearer ?? (typeof all.token === 'string' ? all.token : undefined);
    const { token: _token, ...args } = all;
    for (const [k, v] of Object.entries(body.binary)) args[k] = `<${v.length} bytes>`;

    const answer = (status: number, payload: Record<string, unknown>, retryAfter?: number): void => {
      const ok = payload.ok === true;
      this.record({
        at,
        kind: 'api',
        method,
        args,
        ok,
        ...(ok ? {} : { error: String(payload.error) }),
        status,
        response: payload,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        format: body.format,
      });
      writeJson(res, status, payload, retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) });
    };

    if (method === 'apps.connections.open') {
      if (!token) return answer(200, { ok: false, error: 'not_authed' });
      if (token !== this.appToken) return answer(200, { ok: false, error: 'invalid_auth' });
      const fault = this.faults.take({ method });
      if (fault) return this.answerFault(fault, answer);
      return answer(200, { ok: true, url: this.socket.open() });
    }
    const handler = methods[method];
    if (!handler) return answer(200, { ok: false, error: 'unknown_method', req_method: method });
    if (body.malformed) return answer(200, { ok: false, error: 'invalid_json' });
    if (!token) return answer(200, { ok: false, error: 'not_authed' });
    if (token !== this.botToken) return answer(200, { ok: false, error: 'invalid_auth' });

    const target = callTarget(this.workspace, args);
    const fault = this.faults.take({ method, ...target });
    if (fault) return this.answerFault(fault, answer);

    if (method === 'chat.postMessage' && this.rateLimit && target.channel !== undefined) {
      if (!this.bucket(target.channel).take()) return answer(429, { ok: false, error: 'ratelimited' }, 1);
    }

    const ctx: ApiContext = {
      ws: this.workspace,
      clock: this.clock,
      baseUrl: this.url,
      triggers: this.triggers,
    };
    try {
      const result = handler(ctx, args);
      answer(200, { ok: true, ...result });
    } catch (e) {
      if (e instanceof SlackApiError) return answer(200, { ok: false, error: e.error, ...e.extra });
      // A bug in the stand-in: Slack's own answer for its failures, and the stack for the test.
      answer(200, {
        ok: false,
        error: 'internal_error',
        stand_in_error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
    }
  }

  private answerFault(
    fault: SlackFaultSpec,
    answer: (status: number, payload: Record<string, unknown>, retryAfter?: number) => void,
  ): void {
    const payload = { ok: false, error: fault.error, ...(fault.extra ?? {}) };
    if (fault.error === 'ratelimited') answer(fault.status ?? 429, payload, fault.retryAfter ?? 1);
    else answer(fault.status ?? 200, payload);
  }

  private bucket(channel: string): TokenBucket {
    let b = this.buckets.get(channel);
    if (!b && this.rateLimit) {
      b = new TokenBucket(this.clock, this.rateLimit.postsPerChannelPerSecond, this.rateLimit.burst ?? 3);
      this.buckets.set(channel, b);
    }
    return b as TokenBucket;
  }

  private async handleRespond(
    req: IncomingMessage,
    res: ServerResponse,
    token: string,
    maxBodyBytes: number,
  ) {
    const at = this.clock.now();
    const raw = await readRawBody(req, maxBodyBytes);
    const parsed = await parseBody(header(req, 'content-type') ?? 'application/json', raw);
    // Slack also takes the legacy `payload=<json>` form.
    let body: unknown = parsed.args;
    if (typeof parsed.args.payload === 'string') {
      try {
        body = JSON.parse(parsed.args.payload);
      } catch {
        body = undefined;
      }
    }
    const info = this.responseUrls.get(token);
    const fault = this.faults.take({
      method: 'response_url',
      ...(info ? { channel: info.channel, user: info.user } : {}),
    });
    const outcome = fault
      ? { status: fault.status ?? 404, body: { ok: false, error: fault.error, ...(fault.extra ?? {}) } }
      : parsed.malformed
        ? { status: 400, body: { ok: false, error: 'invalid_payload' } }
        : this.responseUrls.apply(token, body);
    const ok = outcome.body.ok === true;
    this.record({
      at,
      kind: 'response_url',
      method: 'response_url',
      args: {
        ...(typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}),
        token,
      },
      ok,
      ...(ok ? {} : { error: String(outcome.body.error) }),
      status: outcome.status,
      response: outcome.body,
      format: parsed.format,
    });
    writeJson(res, outcome.status, outcome.body);
  }

  private async handleUpload(
    req: IncomingMessage,
    res: ServerResponse,
    fileId: string,
    maxBodyBytes: number,
  ) {
    const at = this.clock.now();
    const raw = await readRawBody(req, maxBodyBytes);
    const ct = header(req, 'content-type');
    const parsed = ct?.toLowerCase().startsWith('multipart/form-data') ? await parseBody(ct, raw) : undefined;
    // @slack/web-api posts multipart with the bytes in a `body` part; others send raw bytes.
    const bytes = parsed ? (parsed.binary.body ?? Object.values(parsed.binary)[0] ?? Buffer.alloc(0)) : raw;
    const fault = this.faults.take({ method: 'file_upload' });
    const file = fault ? undefined : this.workspace.storeUpload(fileId, bytes);
    const status = fault ? (fault.status ?? 500) : file ? 200 : 404;
    const text = fault ? fault.error : file ? `OK - ${bytes.length}` : 'file_not_found';
    this.record({
      at,
      kind: 'upload',
      method: 'file_upload',
      args: { file_id: fileId, bytes: bytes.length },
      ok: status === 200,
      ...(status === 200 ? {} : { error: text }),
      status,
      response: text,
      format: parsed ? 'multipart' : 'raw',
    });
    res.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  private serveFile(res: ServerResponse, fileId: string): void {
    const f = this.workspace.file(fileId);
    if (!f?.bytes) {
      writeJson(res, 404, { ok: false, error: 'file_not_found' });
      return;
    }
    res.writeHead(200, { 'content-type': f.mimetype, 'content-length': f.bytes.length });
    res.end(f.bytes);
  }

  private record(r: Omit<SlackCallRecord, 'seq'>): void {
    this.emit('call', this.calls.push(r));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function writeJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export async function startSlackStandIn(options: SlackStandInOptions): Promise<SlackStandIn> {
  const clock = options.clock ?? systemClock;
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const host = options.host ?? '127.0.0.1';
  let standIn: SlackStandIn | undefined;
  const server = createServer((req, res) => {
    if (!standIn) {
      res.writeHead(503);
      res.end();
      return;
    }
    standIn.handle(req, res, maxBodyBytes).catch(() => {
      // The client went away or sent an oversized body: nothing left to answer.
      if (!res.headersSent) res.writeHead(400);
      res.end();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;

  let emitChange: (c: SlackChange) => void = () => undefined;
  const workspace = new Workspace({
    clock,
    team: options.team ?? defaultTeam,
    bot: options.bot ?? defaultBot,
    users: options.users ?? defaultUsers,
    channels: options.channels ?? defaultChannels,
    userGroups: options.userGroups ?? defaultUserGroups,
    onChange: (c) => emitChange(c),
  });
  const triggers = new Triggers(clock, workspace.team.id);
  const responseUrls = new ResponseUrls(clock, workspace, () => url);
  const created = new SlackStandIn(
    server,
    clock,
    options,
    { url, port },
    { workspace, triggers, responseUrls },
  );
  emitChange = (c) => created.emit('change', c);
  standIn = created;
  return created;
}

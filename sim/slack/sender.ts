import type { Clock } from '../clock.js';
import { checkMessageBlocks, checkView } from './blocks.js';
import type { ResponseUrls } from './respond.js';
import { signSlackRequest } from './signing.js';
import type { SocketModeStandIn } from './socket.js';
import type { Triggers } from './triggers.js';
import { messageWire, viewWire } from './wire.js';
import {
  interactiveElements,
  microsToTs,
  type SimEphemeral,
  type SimMessage,
  type SimUser,
  type SimView,
  type ViewInput,
  type Workspace,
} from './workspace.js';

/**
 * Delivers what Slack sends an app, built from the workspace's state the way Slack builds it:
 * slash commands (form fields), button clicks and selections (`block_actions` in a `payload` form
 * field), modal submissions and closes, and `app_home_opened` (an `event_callback` JSON body). Every
 * request is signed with v0 HMAC over the exact bytes sent, and Slack's reaction to the app's
 * answer is applied (a slash command's ack text is shown, a submitted modal closes or shows errors).
 */

/** How to sign (or mis-sign) one request. */
export interface SignOptions {
  /** Unix seconds for `X-Slack-Request-Timestamp` (default: now by the signing clock). */
  timestamp?: number;
  /** Send this `X-Slack-Signature` instead of the right one. */
  signature?: string;
  /** Sign with another secret. */
  secret?: string;
  /** Send neither header. */
  unsigned?: boolean;
}

export type DeliveryKind =
  | 'slash_command'
  | 'block_actions'
  | 'view_submission'
  | 'view_closed'
  | 'event_callback'
  | 'raw';

export interface Delivery {
  seq: number;
  /** The stand-in clock's ms when it was sent. */
  at: number;
  kind: DeliveryKind;
  url: string;
  contentType: string;
  /** The exact bytes sent (and signed). */
  rawBody: string;
  /** The payload before encoding: the form fields of a command, the JSON of the others. */
  payload: Record<string, unknown>;
  /** The app's HTTP status; 0 when nothing answered (or nothing was sent, see `clientErrors`). */
  status: number;
  body: string;
  /** The answer parsed as JSON when it was JSON. */
  json?: unknown;
  responseContentType?: string;
  /** Network failure or timeout. */
  error?: string;
  triggerId?: string;
  responseUrl?: string;
  /** What Slack did with the answer: `ephemeral_posted`, `view_closed`, `view_errors`… */
  outcome?: string;
  /** Slack's client refused to send (a required input left empty): field errors by block_id. */
  clientErrors?: Record<string, string>;
}

/** A user's choice for an element: an option value (or values), a user id, a date, typed text. */
export type Selection = string | string[] | number | null;

export interface ActionInput {
  actionId: string;
  /** Needed only when the action_id appears in more than one block. */
  blockId?: string;
  /** For anything but a button: what the user picked or typed. */
  selected?: Selection;
}

export interface SlashCommandInput {
  user: string;
  channel: string;
  text?: string;
  command?: string;
  sign?: SignOptions;
}

export interface BlockActionInput {
  user: string;
  /** A message (or an ephemeral message the user sees) in a channel… */
  channel?: string;
  messageTs?: string;
  /** …or a modal or Home view. */
  viewId?: string;
  action: ActionInput;
  sign?: SignOptions;
}

export interface ViewSubmissionInput {
  user: string;
  /** Default: the modal on top of the user's stack. */
  viewId?: string;
  /** What the user entered, by block_id then action_id (merged over earlier input and initial values). */
  values?: Record<string, Record<string, Selection>>;
  /** Deliver even when a required input is empty (Slack's client would refuse). */
  skipClientValidation?: boolean;
  sign?: SignOptions;
}

export interface SenderContext {
  ws: Workspace;
  clock: Clock;
  /** Clock for `X-Slack-Request-Timestamp`; Bolt compares it with its own wall clock. */
  signingClock: Clock;
  signingSecret: string;
  appUrl: () => string | undefined;
  /** When it gives a stand-in, requests go as Socket Mode envelopes instead of HTTP. */
  socket?: () => SocketModeStandIn | undefined;
  triggers: Triggers;
  responseUrls: ResponseUrls;
  verificationToken: string;
  timeoutMs: number;
  onDelivery: (d: Delivery) => void;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export class SlackSender {
  readonly deliveries: Delivery[] = [];
  private seq = 0;
  private eventSeq = 0;

  constructor(private readonly ctx: SenderContext) {}

  /** `/wa <text>` typed by a user in a channel: a signed form post, as Slack sends it. */
  async slashCommand(input: SlashCommandInput): Promise<Delivery> {
    const { ws } = this.ctx;
    const user = this.requireUser(input.user);
    const channel = ws.channelById(input.channel) ?? ws.findChannel(input.channel);
    if (!channel) throw new Error(`slashCommand: no channel ${input.channel}`);
    const respond = this.ctx.responseUrls.create({
      origin: 'slash_command',
      user: user.id,
      channel: channel.id,
    });
    const triggerId = this.ctx.triggers.issue(user.id);
    const fields: [string, string][] = [
      ['token', this.ctx.verificationToken],
      ['team_id', ws.team.id],
      ['team_domain', ws.team.domain],
      ['channel_id', channel.id],
      ['channel_name', channel.isIm ? 'directmessage' : channel.isPrivate ? 'privategroup' : channel.name],
      ['user_id', user.id],
      ['user_name', user.name],
      ['command', input.command ?? '/wa'],
      ['text', input.text ?? ''],
      ['api_app_id', ws.bot.appId],
      ['is_enterprise_install', 'false'],
      ['response_url', respond.url],
      ['trigger_id', triggerId],
    ];
    const rawBody = new URLSearchParams(fields).toString();
    const d = await this.deliver(
      'slash_command',
      rawBody,
      'application/x-www-form-urlencoded',
      Object.fromEntries(fields),
      input.sign,
      {
        triggerId,
        responseUrl: respond.url,
      },
    );
    if (d.status === 200 && d.body.trim() !== '')
      d.outcome = this.applyCommandAck(d, user.id, channel.id, respond.token);
    return d;
  }

  /** A click or a selection on an element of a message, an ephemeral message, a modal or a Home tab. */
  async blockAction(input: BlockActionInput): Promise<Delivery> {
    const { ws } = this.ctx;
    const user = this.requireUser(input.user);
    const actionTs = microsToTs(this.ctx.clock.now() * 1000);
    const base = {
      type: 'block_actions',
      user: { id: user.id, username: user.name, name: user.name, team_id: ws.team.id },
      api_app_id: ws.bot.appId,
      token: this.ctx.verificationToken,
    };
    const team = { id: ws.team.id, domain: ws.team.domain };

    if (input.viewId !== undefined) {
      const view = ws.view(input.viewId);
      if (!view?.open || view.user !== user.id)
        throw new Error(`blockAction: view ${input.viewId} is not open for ${user.id}`);
      const { block, element } = findElement(view.blocks, input.action);
      const action = actionPayload(block, element, input.action.selected, actionTs);
      const state = elementState(element, input.action.selected);
      if (state)
        ws.setViewState(view.id, { [String(block.block_id)]: { [String(element.action_id)]: state } });
      const triggerId = this.ctx.triggers.issue(user.id, view.id);
      const payload = {
        ...base,
        container: { type: 'view', view_id: view.id },
        trigger_id: triggerId,
        team,
        enterprise: null,
        is_enterprise_install: false,
        view: viewWire(withFullState(view)),
        actions: [action],
      };
      return this.deliverInteraction('block_actions', payload, input.sign, {
        triggerId,
      });
    }

    if (input.channel === undefined || input.messageTs === undefined)
      throw new Error('blockAction: give channel and messageTs, or viewId');
    const channel = ws.channelById(input.channel) ?? ws.findChannel(input.channel);
    if (!channel) throw new Error(`blockAction: no channel ${input.channel}`);
    const message: SimMessage | undefined = ws.message(channel.id, input.messageTs);
    const ephemeral: SimEphemeral | undefined = message
      ? undefined
      : ws.ephemeral(channel.id, input.messageTs);
    if (ephemeral && ephemeral.user !== user.id)
      throw new Error(`blockAction: ephemeral ${input.messageTs} is not visible to ${user.id}`);
    const source = message ?? ephemeral;
    if (!source) throw new Error(`blockAction: no message ${input.messageTs} in ${channel.id}`);
    const blocks = source.blocks ?? [];
    const { block, element } = findElement(blocks, input.action);
    const action = actionPayload(block, element, input.action.selected, actionTs);
    const values = messageState(blocks, block, element, input.action.selected);
    const respond = this.ctx.responseUrls.create({
      origin: 'block_actions',
      user: user.id,
      channel: channel.id,
      source: { kind: message ? 'message' : 'ephemeral', channel: channel.id, ts: source.ts },
    });
    const triggerId = this.ctx.triggers.issue(user.id);
    const threadTs = source.threadTs;
    const payload = {
      ...base,
      container: {
        type: 'message',
        message_ts: source.ts,
        channel_id: channel.id,
        is_ephemeral: !message,
        ...(threadTs && threadTs !== source.ts ? { thread_ts: threadTs } : {}),
      },
      trigger_id: triggerId,
      team,
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel.id, name: channel.isIm ? 'directmessage' : channel.name },
      // Slack leaves the message out for ephemeral sources.
      ...(message ? { message: messageWire(ws, message) } : {}),
      state: { values },
      response_url: respond.url,
      actions: [action],
    };
    return this.deliverInteraction('block_actions', payload, input.sign, {
      triggerId,
      responseUrl: respond.url,
    });
  }

  /** The user presses the modal's submit button. */
  async viewSubmission(input: ViewSubmissionInput): Promise<Delivery> {
    const { ws } = this.ctx;
    const user = this.requireUser(input.user);
    const stack = ws.modalStack(user.id);
    const view = input.viewId === undefined ? stack.at(-1) : ws.view(input.viewId);
    if (!view?.open || view.type !== 'modal' || view.user !== user.id)
      throw new Error(`viewSubmission: no open modal ${input.viewId ?? ''} for ${user.id}`);
    if (stack.at(-1)?.id !== view.id)
      throw new Error(`viewSubmission: ${view.id} is not on top of the stack`);
    for (const [blockId, actions] of Object.entries(input.values ?? {})) {
      for (const [actionId, selected] of Object.entries(actions)) {
        const found = findElement(view.blocks, { actionId, blockId });
        const state = elementState(found.element, selected);
        if (state) ws.setViewState(view.id, { [blockId]: { [actionId]: state } });
      }
    }
    const full = withFullState(view);
    if (!input.skipClientValidation) {
      const missing = requiredInputsMissing(full);
      if (Object.keys(missing).length > 0) {
        const d = this.notSent('view_submission', { view_id: view.id }, missing);
        return d;
      }
    }
    const triggerId = this.ctx.triggers.issue(user.id, view.id);
    const payload = {
      type: 'view_submission',
      team: { id: ws.team.id, domain: ws.team.domain },
      user: { id: user.id, username: user.name, name: user.name, team_id: ws.team.id },
      api_app_id: ws.bot.appId,
      token: this.ctx.verificationToken,
      trigger_id: triggerId,
      view: viewWire(full),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const d = await this.deliverInteraction('view_submission', payload, input.sign, { triggerId });
    if (d.status === 200) d.outcome = this.applySubmissionAck(d, user.id, view);
    return d;
  }

  /** The user closes a modal (Cancel or ×); the app hears of it only when `notify_on_close` is set. */
  async viewClosed(input: {
    user: string;
    viewId?: string;
    all?: boolean;
    sign?: SignOptions;
  }): Promise<Delivery | undefined> {
    const { ws } = this.ctx;
    const user = this.requireUser(input.user);
    const view = input.viewId === undefined ? ws.modalStack(user.id).at(-1) : ws.view(input.viewId);
    if (!view?.open || view.type !== 'modal') throw new Error(`viewClosed: no open modal for ${user.id}`);
    const full = withFullState(view);
    ws.closeModal(user.id, input.all ?? view.clearOnClose);
    if (!view.notifyOnClose) return undefined;
    const payload = {
      type: 'view_closed',
      team: { id: ws.team.id, domain: ws.team.domain },
      user: { id: user.id, username: user.name, name: user.name, team_id: ws.team.id },
      api_app_id: ws.bot.appId,
      token: this.ctx.verificationToken,
      view: viewWire(full),
      is_cleared: input.all ?? false,
      is_enterprise_install: false,
      enterprise: null,
    };
    return this.deliverInteraction('view_closed', payload, input.sign);
  }

  /** The user opens the app's Home (or Messages) tab: an Events API `event_callback`. */
  async appHomeOpened(input: {
    user: string;
    tab?: 'home' | 'messages';
    sign?: SignOptions;
  }): Promise<Delivery> {
    const { ws } = this.ctx;
    const user = this.requireUser(input.user);
    const tab = input.tab ?? 'home';
    const im = ws.imChannel(user.id);
    const home = ws.home(user.id);
    const now = this.ctx.clock.now();
    const eventId = `Ev0SIM${String(++this.eventSeq).padStart(6, '0')}`;
    const payload = {
      token: this.ctx.verificationToken,
      team_id: ws.team.id,
      api_app_id: ws.bot.appId,
      event: {
        type: 'app_home_opened',
        user: user.id,
        channel: im.id,
        tab,
        event_ts: microsToTs(now * 1000),
        ...(home && tab === 'home' ? { view: viewWire(home) } : {}),
      },
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(now / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: ws.team.id,
          user_id: ws.bot.userId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(`${ws.team.id}:${im.id}`).toString('base64url')}`,
    };
    return this.deliver('event_callback', JSON.stringify(payload), 'application/json', payload, input.sign);
  }

  /** Any body, signed like the others (for protocol tests). */
  async raw(input: { body: string; contentType: string; sign?: SignOptions }): Promise<Delivery> {
    return this.deliver('raw', input.body, input.contentType, {}, input.sign);
  }

  // ---- internals -----------------------------------------------------------------------------

  private requireUser(id: string): SimUser {
    const u = this.ctx.ws.user(id);
    if (!u) throw new Error(`no user ${id} in the stand-in workspace`);
    return u;
  }

  /** Interactivity requests: the payload as JSON in a `payload` form field, as Slack sends them. */
  private deliverInteraction(
    kind: DeliveryKind,
    payload: Record<string, unknown>,
    sign: SignOptions | undefined,
    extra: { triggerId?: string; responseUrl?: string } = {},
  ): Promise<Delivery> {
    return this.deliver(
      kind,
      formPayload(payload),
      'application/x-www-form-urlencoded',
      payload,
      sign,
      extra,
    );
  }

  private async deliver(
    kind: DeliveryKind,
    rawBody: string,
    contentType: string,
    payload: Record<string, unknown>,
    sign: SignOptions | undefined,
    extra: { triggerId?: string; responseUrl?: string } = {},
  ): Promise<Delivery> {
    const socket = this.ctx.socket?.();
    if (socket) return this.deliverOverSocket(socket, kind, contentType, payload, extra);
    const url = this.ctx.appUrl();
    if (!url) throw new Error('the stand-in has no app URL: pass appUrl or call setAppUrl()');
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      Accept: 'application/json,*/*',
    };
    if (!sign?.unsigned) {
      const ts = sign?.timestamp ?? Math.floor(this.ctx.signingClock.now() / 1000);
      headers['X-Slack-Request-Timestamp'] = String(ts);
      headers['X-Slack-Signature'] =
        sign?.signature ?? signSlackRequest(sign?.secret ?? this.ctx.signingSecret, ts, rawBody);
    }
    const d: Delivery = {
      seq: ++this.seq,
      at: this.ctx.clock.now(),
      kind,
      url,
      contentType,
      rawBody,
      payload,
      status: 0,
      body: '',
      ...extra,
    };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body: rawBody,
        signal: AbortSignal.timeout(this.ctx.timeoutMs),
      });
      d.status = res.status;
      d.body = await res.text();
      const ct = res.headers.get('content-type');
      if (ct) d.responseContentType = ct;
      if (d.body.trim().startsWith('{') || ct?.includes('json')) {
        try {
          d.json = JSON.parse(d.body);
        } catch {
          // not JSON after all; the text stays in `body`
        }
      }
    } catch (e) {
      d.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    this.record(d);
    return d;
  }

  /** The same request as a Socket Mode envelope; the ack's payload stands for the HTTP body. */
  private async deliverOverSocket(
    socket: SocketModeStandIn,
    kind: DeliveryKind,
    contentType: string,
    payload: Record<string, unknown>,
    extra: { triggerId?: string; responseUrl?: string },
  ): Promise<Delivery> {
    const type =
      kind === 'slash_command'
        ? 'slash_commands'
        : contentType === 'application/json'
          ? 'events_api'
          : 'interactive';
    const d: Delivery = {
      seq: ++this.seq,
      at: this.ctx.clock.now(),
      kind,
      url: 'socket',
      contentType,
      rawBody: JSON.stringify(payload),
      payload,
      status: 0,
      body: '',
      ...extra,
    };
    const ack = await socket.send(type, payload, this.ctx.timeoutMs);
    if (!ack.acked) d.error = ack.error ?? 'not acknowledged';
    else {
      d.status = 200;
      if (ack.payload !== undefined && ack.payload !== null && ack.payload !== '') {
        d.body = typeof ack.payload === 'string' ? ack.payload : JSON.stringify(ack.payload);
        if (typeof ack.payload === 'object') d.json = ack.payload;
      }
    }
    this.record(d);
    return d;
  }

  private notSent(
    kind: DeliveryKind,
    payload: Record<string, unknown>,
    clientErrors: Record<string, string>,
  ) {
    const d: Delivery = {
      seq: ++this.seq,
      at: this.ctx.clock.now(),
      kind,
      url: this.ctx.appUrl() ?? '',
      contentType: '',
      rawBody: '',
      payload,
      status: 0,
      body: '',
      clientErrors,
      outcome: 'not_sent',
    };
    this.record(d);
    return d;
  }

  private record(d: Delivery): void {
    this.deliveries.push(d);
    this.ctx.onDelivery(d);
  }

  /** A command's ack body is shown at once: plain text or `{text, blocks, response_type}`. */
  private applyCommandAck(d: Delivery, user: string, channel: string, token: string): string {
    const { ws } = this.ctx;
    const body = isObject(d.json) ? d.json : { text: d.body };
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (blocks) {
      const verdict = checkMessageBlocks(blocks);
      if (!verdict.ok) return `ack_refused: ${verdict.error}`;
    }
    if (!text && !blocks) return 'ack_ignored';
    const info = this.ctx.responseUrls.get(token);
    if (body.response_type === 'in_channel') {
      const m = ws.post({ channel, user: ws.bot.userId, text, ...(blocks ? { blocks } : {}), via: 'ack' });
      if (info) info.produced = { kind: 'message', channel, ts: m.ts };
      return 'message_posted';
    }
    const e = ws.postEphemeral({ channel, user, text, ...(blocks ? { blocks } : {}), via: 'ack' });
    if (info) info.produced = { kind: 'ephemeral', channel, ts: e.ts };
    return 'ephemeral_posted';
  }

  /** What Slack does after a submission: close, show errors, update, push or clear. */
  private applySubmissionAck(d: Delivery, user: string, view: SimView): string {
    const { ws } = this.ctx;
    const body = isObject(d.json) ? d.json : undefined;
    const action = body?.response_action;
    if (action === 'errors' && isObject(body?.errors)) {
      ws.setViewErrors(view.id, body.errors as Record<string, string>);
      return 'view_errors';
    }
    if (action === 'update' || action === 'push') {
      const verdict = checkView(body?.view, 'modal');
      if (!verdict.ok) return `ack_refused: ${verdict.error}`;
      const input = { ...(body?.view as Omit<ViewInput, 'type'>), type: 'modal' as const };
      if (action === 'update') ws.updateView(view.id, input);
      else ws.pushModal(user, input);
      return action === 'update' ? 'view_updated' : 'view_pushed';
    }
    if (action === 'clear') {
      ws.closeModal(user, true);
      return 'views_cleared';
    }
    ws.closeModal(user);
    return 'view_closed';
  }
}

// ---- payload building ---------------------------------------------------------------------------

function formPayload(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function findElement(
  blocks: unknown[],
  action: Pick<ActionInput, 'actionId' | 'blockId'>,
): { block: Json; element: Json } {
  const hits = interactiveElements(blocks).filter(
    ({ block, element }) =>
      element.action_id === action.actionId &&
      (action.blockId === undefined || block.block_id === action.blockId),
  );
  if (hits.length === 0)
    throw new Error(
      `no element with action_id ${action.actionId}${action.blockId ? ` in block ${action.blockId}` : ''}`,
    );
  if (hits.length > 1 && action.blockId === undefined)
    throw new Error(`action_id ${action.actionId} is in several blocks; give blockId`);
  return hits[0] as { block: Json; element: Json };
}

function allOptions(element: Json): Json[] {
  const out: Json[] = [];
  if (Array.isArray(element.options)) out.push(...element.options.filter(isObject));
  if (Array.isArray(element.option_groups))
    for (const g of element.option_groups)
      if (isObject(g) && Array.isArray(g.options)) out.push(...g.options.filter(isObject));
  return out;
}

function pickOption(element: Json, value: string): Json {
  const found = allOptions(element).find((o) => o.value === value);
  if (found)
    return {
      text: found.text,
      value: found.value,
      ...(found.description ? { description: found.description } : {}),
    };
  if (String(element.type).includes('external_select'))
    return { text: { type: 'plain_text', text: value, emoji: true }, value };
  throw new Error(`element ${String(element.action_id)} has no option with value ${value}`);
}

const asList = (s: Selection | undefined): string[] =>
  s === undefined || s === null ? [] : Array.isArray(s) ? s : [String(s)];
const asOne = (s: Selection | undefined): string | null =>
  s === undefined || s === null ? null : Array.isArray(s) ? (s[0] ?? null) : String(s);

/**
 * An element's entry in `state.values`, Slack's shape: the selection when given, else the
 * element's initial value, else empty. Buttons and overflow menus have no state.
 */
export function elementState(element: Json, selected?: Selection): Json | undefined {
  const type = String(element.type);
  const given = selected !== undefined;
  const one = (initialKey: string): string | null =>
    given ? asOne(selected) : ((element[initialKey] as string) ?? null);
  const many = (initialKey: string): string[] =>
    given ? asList(selected) : ((element[initialKey] as string[]) ?? []);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: one('initial_value') };
    case 'rich_text_input': {
      const text = given ? asOne(selected) : null;
      return {
        type,
        rich_text_value:
          text === null
            ? (element.initial_value ?? null)
            : {
                type: 'rich_text',
                elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
              },
      };
    }
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      if (!given) return { type, selected_option: (element.initial_option as Json | undefined) ?? null };
      const v = asOne(selected);
      return { type, selected_option: v === null ? null : pickOption(element, v) };
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      if (!given) return { type, selected_options: (element.initial_options as Json[] | undefined) ?? [] };
      return { type, selected_options: asList(selected).map((v) => pickOption(element, v)) };
    case 'users_select':
      return { type, selected_user: one('initial_user') };
    case 'multi_users_select':
      return { type, selected_users: many('initial_users') };
    case 'conversations_select':
      return { type, selected_conversation: one('initial_conversation') };
    case 'multi_conversations_select':
      return { type, selected_conversations: many('initial_conversations') };
    case 'channels_select':
      return { type, selected_channel: one('initial_channel') };
    case 'multi_channels_select':
      return { type, selected_channels: many('initial_channels') };
    case 'datepicker':
      return { type, selected_date: one('initial_date') };
    case 'timepicker':
      return { type, selected_time: one('initial_time') };
    case 'datetimepicker': {
      const v = given ? asOne(selected) : element.initial_date_time;
      return { type, selected_date_time: v === null || v === undefined ? null : Number(v) };
    }
    default:
      return undefined;
  }
}

/** The `actions[0]` entry of a block_actions payload. */
function actionPayload(block: Json, element: Json, selected: Selection | undefined, actionTs: string): Json {
  const base: Json = {
    type: element.type,
    block_id: block.block_id,
    action_id: element.action_id,
    action_ts: actionTs,
  };
  if (element.type === 'button')
    return {
      ...base,
      text: element.text,
      ...(element.value !== undefined ? { value: element.value } : {}),
      ...(element.style !== undefined ? { style: element.style } : {}),
      ...(element.url !== undefined ? { url: element.url } : {}),
    };
  if (element.type === 'overflow') {
    const v = asOne(selected);
    if (v === null) throw new Error(`overflow ${String(element.action_id)} needs a selected option value`);
    return { ...base, selected_option: pickOption(element, v) };
  }
  const state = elementState(element, selected);
  const { type: _type, ...fields } = state ?? {};
  return {
    ...base,
    ...fields,
    ...(element.placeholder !== undefined ? { placeholder: element.placeholder } : {}),
  };
}

/** A message's `state.values`: stateful elements at their initial values, the acted one updated. */
function messageState(blocks: unknown[], block: Json, element: Json, selected: Selection | undefined) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const { block: b, element: e } of interactiveElements(blocks)) {
    const isActed = b === block && e === element;
    const state = elementState(e, isActed ? selected : undefined);
    if (state && typeof b.block_id === 'string' && typeof e.action_id === 'string') {
      values[b.block_id] = { ...values[b.block_id], [e.action_id]: state };
    }
  }
  return values;
}

/** The view with every input's state filled in (entered values over initial ones), as Slack submits it. */
function withFullState(view: SimView): SimView {
  const values: Record<string, Record<string, unknown>> = {};
  for (const { block, element } of interactiveElements(view.blocks)) {
    if (typeof block.block_id !== 'string' || typeof element.action_id !== 'string') continue;
    const entered = view.state.values[block.block_id]?.[element.action_id];
    const state = entered ?? elementState(element);
    if (state) values[block.block_id] = { ...values[block.block_id], [element.action_id]: state };
  }
  return { ...view, state: { values } };
}

function isEmptyState(state: unknown): boolean {
  if (!isObject(state)) return true;
  for (const [k, v] of Object.entries(state)) {
    if (k === 'type') continue;
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) return true;
  }
  return false;
}

function requiredInputsMissing(view: SimView): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const b of view.blocks) {
    if (!isObject(b) || b.type !== 'input' || b.optional === true || !isObject(b.element)) continue;
    const blockId = String(b.block_id);
    const state = view.state.values[blockId]?.[String(b.element.action_id)];
    if (isEmptyState(state)) missing[blockId] = 'This field is required.';
  }
  return missing;
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

/** Slack rejects requests older than 5 minutes; Pillar rejects those as far in the future too. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;
/** Slack's largest payloads (view submissions with many inputs) stay far below this. */
export const MAX_SLACK_BODY_BYTES = 1024 * 1024;

/** The body shapes Slack sends; anything else is not a Slack request, whatever its signature. */
const interactionPayload = z.looseObject({ type: z.string().min(1) });
const slashCommand = z.looseObject({
  command: z.string().startsWith('/'),
  user_id: z.string().min(1),
  channel_id: z.string().optional(),
  text: z.string().optional(),
});
const eventsApiBody = z.looseObject({ type: z.string().min(1) });

export interface SignedRequestReceiverOptions {
  signingSecret: string;
  logger: Logger;
  clock: Clock;
  /** Answer only after the listener finished (deterministic tests). */
  processBeforeResponse?: boolean;
}

type Answer = { status: number; body?: string; contentType?: string };

/**
 * Slack's HTTP requests (`POST /slack/events`) checked before Bolt sees them: the size, a signature
 * whose timestamp is within 5 minutes either way, a signature not seen before (replays act once),
 * and a body shaped like one of Slack's. A request no listener handles is answered at once.
 * Nothing a caller sends can end the process.
 */
export class SignedRequestReceiver implements Receiver {
  private app?: App;
  /** Signatures seen inside the window: a replayed request is refused. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly o: SignedRequestReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const answer = (a: Answer) => {
      if (res.headersSent) return;
      res.writeHead(a.status, a.contentType ? { 'Content-Type': a.contentType } : {});
      res.end(a.body ?? '');
    };
    try {
      if (req.method !== 'POST') return answer({ status: 405, body: 'POST only' });
      const raw = await readBody(req, MAX_SLACK_BODY_BYTES);
      if (raw === 'too_large') return answer({ status: 413, body: 'Request body too large' });
      const refused = this.verify(req, raw);
      if (refused) {
        this.o.logger.debug({ reason: refused }, 'Refused a Slack request');
        return answer({ status: 401, body: refused });
      }
      const parsed = parseSlackBody(String(req.headers['content-type'] ?? ''), raw);
      if ('error' in parsed) {
        this.o.logger.debug({ reason: parsed.error }, 'Refused a request that is not a Slack payload');
        return answer({ status: 400, body: parsed.error });
      }
      if ('answer' in parsed) return answer(parsed.answer);
      await this.dispatch(req, parsed.body, answer);
    } catch (err) {
      this.o.logger.error({ err }, 'A Slack request failed');
      answer({ status: 500, body: 'Internal error' });
    }
  }

  private verify(req: IncomingMessage, raw: Buffer): string | undefined {
    const signature = String(req.headers['x-slack-signature'] ?? '');
    const tsHeader = String(req.headers['x-slack-request-timestamp'] ?? '');
    if (!/^v0=[0-9a-f]{64}$/.test(signature) || !/^\d{1,12}$/.test(tsHeader))
      return 'Missing or malformed Slack signature headers';
    const now = this.o.clock.now();
    const at = Number(tsHeader) * 1000;
    if (Math.abs(now - at) > SIGNATURE_WINDOW_MS) return 'Request timestamp outside the 5-minute window';
    const expected = `v0=${createHmac('sha256', this.o.signingSecret).update(`v0:${tsHeader}:`).update(raw).digest('hex')}`;
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return 'Signature mismatch';
    this.forgetOld(now);
    if (this.seen.has(signature)) return 'Replayed request';
    this.seen.set(signature, at + SIGNATURE_WINDOW_MS);
    return undefined;
  }

  private forgetOld(now: number): void {
    for (const [sig, until] of this.seen) if (until < now) this.seen.delete(sig);
  }

  private async dispatch(
    req: IncomingMessage,
    body: Record<string, unknown>,
    answer: (a: Answer) => void,
  ): Promise<void> {
    const app = this.app;
    if (!app) return answer({ status: 503, body: 'Not ready' });
    let acked: Answer | undefined;
    const ack: ReceiverEvent['ack'] = async (response?: unknown) => {
      if (acked) return;
      acked =
        response === undefined || response === ''
          ? { status: 200 }
          : typeof response === 'string'
            ? { status: 200, body: response, contentType: 'text/plain; charset=utf-8' }
            : { status: 200, body: JSON.stringify(response), contentType: 'application/json' };
      if (!this.o.processBeforeResponse) answer(acked);
    };
    const retryNum = Number(req.headers['x-slack-retry-num']);
    const event: ReceiverEvent = {
      body,
      ack,
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(req.headers['x-slack-retry-reason']
        ? { retryReason: String(req.headers['x-slack-retry-reason']) }
        : {}),
    };
    try {
      await app.processEvent(event);
    } catch (err) {
      const code = (err as { code?: string }).code;
      this.o.logger.error({ err, code }, 'A Slack listener failed');
      if (!acked) return answer({ status: code === 'slack_bolt_authorization_error' ? 401 : 500 });
    }
    if (acked) return answer(acked);
    // No listener took it: answer now rather than leave Slack waiting 3 s for a 404.
    this.o.logger.debug({ type: describe(body) }, 'No listener handles this Slack request');
    answer({ status: 200 });
  }
}

function describe(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return body.command;
  const event = body.event as { type?: unknown } | undefined;
  return [body.type, event?.type].filter((x) => typeof x === 'string').join('/') || 'unknown';
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return 'too_large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return 'too_large';
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

type Parsed = { body: Record<string, unknown> } | { answer: Answer } | { error: string };

/** Slack's three body forms: a slash command (form), an interaction (form with `payload`), an event (JSON). */
export function parseSlackBody(contentType: string, raw: Buffer): Parsed {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    if (form.get('ssl_check') === '1') return { answer: { status: 200 } };
    const payload = form.get('payload');
    if (payload !== null) {
      const json = parseJson(payload);
      const ok = interactionPayload.safeParse(json);
      if (!ok.success) return { error: 'The payload field is not a Slack interaction payload' };
      return { body: ok.data };
    }
    const command = slashCommand.safeParse(Object.fromEntries(form));
    if (!command.success) return { error: 'The form is not a Slack slash command or interaction' };
    return { body: command.data };
  }
  if (type === 'application/json') {
    const ok = eventsApiBody.safeParse(parseJson(text));
    if (!ok.success) return { error: 'The JSON body is not a Slack event' };
    if (ok.data.type === 'url_verification') {
      const challenge = typeof ok.data.challenge === 'string' ? ok.data.challenge : '';
      return {
        answer: { status: 200, body: JSON.stringify({ challenge }), contentType: 'application/json' },
      };
    }
    return { body: ok.data };
  }
  return { error: `Unsupported content type ${JSON.stringify(type).slice(0, 80)}` };
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

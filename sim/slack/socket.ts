import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * Socket Mode as Slack runs it (docs.slack.dev/apis/events-api/using-socket-mode):
 * `apps.connections.open` (with the app-level token) answers a one-time `wss://` URL; on
 * connecting, Slack sends `hello`; requests arrive as envelopes (`slash_commands`, `interactive`,
 * `events_api`) the app must ack with `{"envelope_id": …, "payload"?: …}` within 3 s; Slack asks
 * the app to reconnect with `disconnect` (`refresh_requested` every few hours, `warning` before).
 */
export class SocketModeStandIn {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, (ack: SocketAck) => void>();
  /** Every envelope sent and every message received, in order (tests read it). */
  readonly log: Array<{ dir: 'out' | 'in'; message: Record<string, unknown> }> = [];
  opened = 0;

  constructor(private readonly baseWsUrl: () => string) {}

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const ticket = /^\/socket\/([\w-]+)/.exec(req.url ?? '')?.[1];
      if (!ticket || !this.tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  /** `apps.connections.open`: a one-time URL. */
  open(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    this.opened++;
    return `${this.baseWsUrl()}/socket/${ticket}`;
  }

  get connections(): number {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN).length;
  }

  /** Resolves when at least `n` connections are open (real time). */
  async waitForConnections(n = 1, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.connections < n) {
      if (Date.now() > until) throw new Error(`no ${n} Socket Mode connection(s) within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends one envelope to the first open connection and resolves with its ack. */
  send(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: Record<string, unknown>,
    timeoutMs = 3000,
  ): Promise<SocketAck> {
    const ws = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (!ws) return Promise.resolve({ acked: false, error: 'no Socket Mode connection' });
    const envelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
    };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelope.envelope_id);
        resolve({ acked: false, error: 'not acknowledged within 3 s' });
      }, timeoutMs);
      this.pending.set(envelope.envelope_id, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.write(ws, envelope);
    });
  }

  /** Slack's `disconnect` message to every connection (the client then reconnects). */
  disconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): void {
    for (const ws of this.sockets)
      if (ws.readyState === ws.OPEN)
        this.write(ws, { type: 'disconnect', reason, debug_info: { host: 'applink-sim-1' } });
  }

  /** Drops every connection without a word, as a network failure would. */
  dropAll(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      this.log.push({ dir: 'in', message });
      const id = message.envelope_id;
      if (typeof id === 'string') {
        const done = this.pending.get(id);
        this.pending.delete(id);
        done?.({ acked: true, ...(message.payload !== undefined ? { payload: message.payload } : {}) });
      }
    });
    this.write(ws, {
      type: 'hello',
      num_connections: this.connections,
      debug_info: { host: 'applink-sim-1', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: 'A0SIMAPP01' },
    });
  }

  private write(ws: WebSocket, message: Record<string, unknown>): void {
    this.log.push({ dir: 'out', message });
    ws.send(JSON.stringify(message));
  }
}

export interface SocketAck {
  acked: boolean;
  payload?: unknown;
  error?: string;
}

/** One request the stand-in answered: a Web API call, a response_url post or a file upload. */
export interface SlackCallRecord {
  seq: number;
  /** The stand-in clock's ms when the request arrived. */
  at: number;
  kind: 'api' | 'response_url' | 'upload';
  /** `chat.postMessage`…; `response_url` and `file_upload` for the other kinds. */
  method: string;
  /** Arguments with JSON-string fields (`blocks`, `view`, `metadata`…) decoded; the token left out. */
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  /** HTTP status of the answer (429 for rate limits). */
  status: number;
  /** The body the stand-in answered. */
  response: unknown;
  /** `Retry-After` seconds on a 429. */
  retryAfter?: number;
  /** Body encoding the caller used. */
  format: string;
}

export interface SlackCallFilter {
  method?: string;
  kind?: SlackCallRecord['kind'];
  ok?: boolean;
  error?: string;
  status?: number;
  /** Matches `args.channel` or `args.channel_id`. */
  channel?: string;
}

/** Every request, in order. */
export class SlackCallLog {
  private readonly records: SlackCallRecord[] = [];
  private seq = 0;

  push(record: Omit<SlackCallRecord, 'seq'>): SlackCallRecord {
    const r = { seq: ++this.seq, ...record };
    this.records.push(r);
    return r;
  }

  all(): readonly SlackCallRecord[] {
    return this.records;
  }

  find(filter: SlackCallFilter | string = {}): SlackCallRecord[] {
    const f = typeof filter === 'string' ? { method: filter } : filter;
    return this.records.filter(
      (r) =>
        (f.method === undefined || r.method === f.method) &&
        (f.kind === undefined || r.kind === f.kind) &&
        (f.ok === undefined || r.ok === f.ok) &&
        (f.error === undefined || r.error === f.error) &&
        (f.status === undefined || r.status === f.status) &&
        (f.channel === undefined || r.args.channel === f.channel || r.args.channel_id === f.channel),
    );
  }

  count(filter: SlackCallFilter | string = {}): number {
    return this.find(filter).length;
  }

  last(filter: SlackCallFilter | string = {}): SlackCallRecord | undefined {
    return this.find(filter).at(-1);
  }

  clear(): void {
    this.records.length = 0;
  }
}

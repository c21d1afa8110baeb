/** One call the sim answered. */
export interface SimRequestRecord {
  seq: number;
  /** The sim clock's now when the call arrived. */
  at: number;
  service: string;
  operation: string;
  account?: string;
  region?: string;
  accessKeyId?: string;
  /** The input, with long strings cut and long lists counted. */
  params: unknown;
  status: number;
  /** The error code on the wire when the call failed. */
  errorCode?: string;
  /** A bug in the sim itself (answered as InternalFailure): the thrown message, for debugging. */
  internalError?: string;
  requestId: string;
}

export type RequestFilter = Partial<
  Pick<SimRequestRecord, 'service' | 'operation' | 'account' | 'region' | 'errorCode'>
> & {
  status?: number;
};

/** Every call the sim answered, in order. */
export class RequestLog {
  private readonly records: SimRequestRecord[] = [];
  private seq = 0;

  push(record: Omit<SimRequestRecord, 'seq'>): SimRequestRecord {
    const r = { seq: ++this.seq, ...record };
    this.records.push(r);
    return r;
  }

  all(): readonly SimRequestRecord[] {
    return this.records;
  }

  find(filter: RequestFilter = {}): SimRequestRecord[] {
    return this.records.filter((r) =>
      Object.entries(filter).every(([k, v]) => v === undefined || r[k as keyof SimRequestRecord] === v),
    );
  }

  count(filter: RequestFilter = {}): number {
    return this.find(filter).length;
  }

  last(): SimRequestRecord | undefined {
    return this.records[this.records.length - 1];
  }

  clear(): void {
    this.records.length = 0;
  }
}

/** Keeps the request log small: strings over 200 characters are cut, lists over 10 items counted. */
export function summarizeParams(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.length > 200 ? `${value.slice(0, 200)}…(${value.length} chars)` : value;
  if (Array.isArray(value)) {
    if (value.length > 10 || depth > 3) return `[${value.length} items]`;
    return value.map((v) => summarizeParams(v, depth + 1));
  }
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    if (depth > 3) return '{…}';
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = summarizeParams(v, depth + 1);
    return out;
  }
  return value;
}

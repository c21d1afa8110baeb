import type { KnownErrorCode } from './errors.js';

export interface FaultSpec {
  /** Service id: `logs`, `lambda`, `sts`, `cloudwatch`. */
  service: string;
  /** Operation name (`FilterLogEvents`); omitted matches every operation of the service. */
  operation?: string;
  account?: string;
  region?: string;
  /** Only calls that target this log group (by name). */
  logGroup?: string;
  /** Service-neutral code; each service answers it in its own wire shape. */
  error: KnownErrorCode | (string & {});
  /** Message override; by default AWS's usual message for the code (AccessDenied names the caller). */
  message?: string;
  /** HTTP status override. */
  status?: number;
  /** How many calls fail before the fault removes itself (default: every call until removed). */
  times?: number;
}

export interface FaultHandle {
  readonly spec: FaultSpec;
  /** Calls this fault has failed so far. */
  readonly hits: number;
  remove(): void;
}

export interface FaultMatchContext {
  service: string;
  operation: string;
  account?: string;
  region?: string;
  logGroup?: string;
}

interface Entry {
  spec: FaultSpec;
  hits: number;
  removed: boolean;
}

/** Injected AWS errors, matched in the order they were added. */
export class Faults {
  private entries: Entry[] = [];

  add(spec: FaultSpec): FaultHandle {
    const entry: Entry = { spec: { ...spec }, hits: 0, removed: false };
    this.entries.push(entry);
    const remove = (): void => {
      entry.removed = true;
      this.entries = this.entries.filter((e) => e !== entry);
    };
    return {
      spec: entry.spec,
      get hits() {
        return entry.hits;
      },
      remove,
    };
  }

  clear(): void {
    for (const e of this.entries) e.removed = true;
    this.entries = [];
  }

  list(): FaultSpec[] {
    return this.entries.map((e) => e.spec);
  }

  /** Finds the first matching fault and counts the hit (removing it when its `times` run out). */
  take(ctx: FaultMatchContext): FaultSpec | undefined {
    for (const entry of this.entries) {
      const s = entry.spec;
      if (s.service !== ctx.service) continue;
      if (s.operation !== undefined && s.operation !== ctx.operation) continue;
      if (s.account !== undefined && s.account !== ctx.account) continue;
      if (s.region !== undefined && s.region !== ctx.region) continue;
      if (s.logGroup !== undefined && s.logGroup !== ctx.logGroup) continue;
      entry.hits++;
      if (s.times !== undefined && entry.hits >= s.times) {
        entry.removed = true;
        this.entries = this.entries.filter((e) => e !== entry);
      }
      return s;
    }
    return undefined;
  }
}

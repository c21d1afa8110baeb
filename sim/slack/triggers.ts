import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';

/** Slack's trigger_ids are good for 3 seconds and one exchange. */
export const TRIGGER_TTL_MS = 3000;

export interface TriggerInfo {
  id: string;
  user: string;
  issuedAt: number;
  /** The view the interaction happened in (views.push needs one). */
  viewId?: string;
  exchanged: boolean;
}

export type TriggerCheck =
  | { status: 'ok'; trigger: TriggerInfo }
  | { status: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

/** trigger_ids the sender put into payloads, checked by views.open and views.push. */
export class Triggers {
  private readonly byId = new Map<string, TriggerInfo>();
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly teamId: string,
  ) {}

  /** `1764331200123.12.3f9c…`: Slack's `<n>.<n>.<hex>` shape. */
  issue(user: string, viewId?: string): string {
    const n = ++this.seq;
    const hex = createHash('sha256').update(`${this.teamId}:${user}:${n}`).digest('hex').slice(0, 32);
    const id = `${this.clock.now()}.${n}.${hex}`;
    this.byId.set(id, {
      id,
      user,
      issuedAt: this.clock.now(),
      ...(viewId ? { viewId } : {}),
      exchanged: false,
    });
    return id;
  }

  get(id: string): TriggerInfo | undefined {
    return this.byId.get(id);
  }

  /** Checks without using it up. */
  check(id: string | undefined): TriggerCheck {
    const t = id === undefined ? undefined : this.byId.get(id);
    if (!t) return { status: 'invalid_trigger_id' };
    if (t.exchanged) return { status: 'exchanged_trigger_id' };
    if (this.clock.now() - t.issuedAt > TRIGGER_TTL_MS) return { status: 'expired_trigger_id' };
    return { status: 'ok', trigger: t };
  }

  exchange(id: string): void {
    const t = this.byId.get(id);
    if (t) t.exchanged = true;
  }
}

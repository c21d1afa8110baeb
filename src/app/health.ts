import type { Clock } from '../clock.js';

/** Ingestion is degraded when it has not succeeded for this many of its intervals. */
export const INGEST_MISSED_INTERVALS = 3;
/** Delivery is degraded when Slack calls have failed for this long without a success. */
export const DELIVERY_FAILING_MS = 5 * 60_000;
/** Storage is degraded after this many consecutive failed database operations of a job. */
export const STORAGE_FAILURES = 2;

export interface HealthReport {
  status: 'ok' | 'degraded';
  /** One sentence per problem, each naming what to do. */
  problems: string[];
  since?: number;
  checks: {
    ingestion: { lastSuccessAt: number | null; intervalMs: number; lastError: string | null };
    delivery: { failingSince: number | null; lastError: string | null };
    socket: { connected: boolean; since: number; lastError: string | null } | null;
    storage: { consecutiveFailures: number; lastError: string | null; failingSince: number | null };
  };
}

export interface Degradation {
  from: number;
  to: number;
  problems: string[];
}

/**
 * What `/healthz` reports: the jobs and connections tell it how they did, and it decides when the
 * process has stopped doing its job (design.md §2.4). It also remembers a degraded spell, so the
 * alerts channel can be told what was missed once things work again.
 */
export class HealthMonitor {
  private readonly startedAt: number;
  private ingest = { lastSuccessAt: null as number | null, lastError: null as string | null };
  private delivery = { failingSince: null as number | null, lastError: null as string | null };
  private socket: { connected: boolean; since: number; lastError: string | null } | null = null;
  private storage = {
    consecutiveFailures: 0,
    lastError: null as string | null,
    failingSince: null as number | null,
  };
  private degradedSince: number | null = null;
  private spellProblems = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly o: { ingestIntervalMs: number; ingestion: boolean },
  ) {
    this.startedAt = clock.now();
  }

  ingestSucceeded(): void {
    this.ingest = { lastSuccessAt: this.clock.now(), lastError: null };
  }

  ingestFailed(message: string): void {
    this.ingest.lastError = message;
  }

  deliverySucceeded(): void {
    this.delivery = { failingSince: null, lastError: null };
  }

  deliveryFailed(message: string): void {
    this.delivery.failingSince ??= this.clock.now();
    this.delivery.lastError = message;
  }

  /** Socket Mode only: without a call, the socket is not part of the health. */
  socketState(connected: boolean, lastError?: string): void {
    if (this.socket?.connected === connected && !lastError) return;
    this.socket = {
      connected,
      since: this.socket?.connected === connected ? this.socket.since : this.clock.now(),
      lastError: lastError ?? (connected ? null : (this.socket?.lastError ?? null)),
    };
  }

  storageSucceeded(): void {
    this.storage = { consecutiveFailures: 0, lastError: null, failingSince: null };
  }

  storageFailed(message: string): void {
    this.storage = {
      consecutiveFailures: this.storage.consecutiveFailures + 1,
      lastError: message,
      failingSince: this.storage.failingSince ?? this.clock.now(),
    };
  }

  report(): HealthReport {
    const now = this.clock.now();
    const problems: string[] = [];
    /** When each problem began: a spell is dated from its first problem, not from when it was noticed. */
    const began: number[] = [];
    const lastIngest = this.ingest.lastSuccessAt ?? this.startedAt;
    if (this.o.ingestion && now - lastIngest > INGEST_MISSED_INTERVALS * this.o.ingestIntervalMs) {
      const minutes = Math.round((now - lastIngest) / 60_000);
      began.push(lastIngest);
      problems.push(
        `Ingestion has not succeeded for ${minutes} min${this.ingest.lastError ? ` (last error: ${this.ingest.lastError})` : ''}; /wa status names the failing account and region.`,
      );
    }
    if (this.delivery.failingSince !== null && now - this.delivery.failingSince >= DELIVERY_FAILING_MS) {
      const minutes = Math.round((now - this.delivery.failingSince) / 60_000);
      began.push(this.delivery.failingSince);
      problems.push(
        `Slack delivery has failed for ${minutes} min (${this.delivery.lastError ?? 'unknown error'}); alerts wait in the outbox and go out when Slack answers.`,
      );
    }
    if (this.socket && !this.socket.connected) {
      began.push(this.socket.since);
      problems.push(
        `The Socket Mode connection to Slack is down${this.socket.lastError ? ` (${this.socket.lastError})` : ''}; Pillar keeps reconnecting.`,
      );
    }
    if (this.storage.consecutiveFailures >= STORAGE_FAILURES) {
      began.push(this.storage.failingSince ?? now);
      problems.push(`The database fails: ${this.storage.lastError ?? 'unknown error'}`);
    }
    if (problems.length > 0) {
      this.degradedSince ??= Math.min(now, ...began);
      for (const p of problems) this.spellProblems.add(p.split(' (')[0]!.split(';')[0]!);
    }
    return {
      status: problems.length > 0 ? 'degraded' : 'ok',
      problems,
      ...(this.degradedSince !== null && problems.length > 0 ? { since: this.degradedSince } : {}),
      checks: {
        ingestion: {
          lastSuccessAt: this.ingest.lastSuccessAt,
          intervalMs: this.o.ingestIntervalMs,
          lastError: this.ingest.lastError,
        },
        delivery: { ...this.delivery },
        socket: this.socket ? { ...this.socket } : null,
        storage: { ...this.storage },
      },
    };
  }

  /**
   * The degraded spell that just ended, once: call after `report()` says ok. Undefined while
   * degraded or when nothing happened.
   */
  takeRecovery(): Degradation | undefined {
    if (this.degradedSince === null) return undefined;
    if (this.report().status !== 'ok') return undefined;
    const spell = { from: this.degradedSince, to: this.clock.now(), problems: [...this.spellProblems] };
    this.degradedSince = null;
    this.spellProblems.clear();
    return spell;
  }
}

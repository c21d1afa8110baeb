import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { PillarError } from '../errors.js';
import type { Db } from './client.js';
import { processLease } from './schema.js';

/** A holder whose heartbeat is older than this is taken to be dead. */
export const LEASE_STALE_MS = 30_000;
export const LEASE_HEARTBEAT_MS = 5_000;

export interface LeaseHolder {
  pid: number;
  host: string;
  heartbeatAt: number;
}

export interface Lease {
  /** Stamped on outbox rows this process writes. */
  owner: string;
  /** Refreshes the heartbeat; false when another process took the lease (this one must stop writing). */
  heartbeat(): boolean;
  release(): void;
}

export interface LeaseOptions {
  db: Db;
  /** Wall time: the lease compares heartbeats between processes. */
  clock: Clock;
  pid: number;
  host: string;
  /** Whether a process with this pid runs on this host (a dead holder's lease is taken at once). */
  isAlive: (pid: number) => boolean;
  staleMs?: number;
}

/**
 * Takes the database's single-writer lease, or throws `db_locked` naming the process that holds
 * it. Two copies of Pillar on one SQLite file would each post the same alerts; several replicas
 * need Postgres.
 */
export function acquireLease(o: LeaseOptions): Lease {
  const owner = `${o.host}:${o.pid}:${randomBytes(4).toString('hex')}`;
  const staleMs = o.staleMs ?? LEASE_STALE_MS;
  const holder = o.db.transaction((tx) => {
    const now = o.clock.now();
    const row = tx.select().from(processLease).where(eq(processLease.id, 1)).get();
    const dead =
      !row ||
      now - row.heartbeatAt > staleMs ||
      (row.host === o.host && (row.pid === o.pid || !o.isAlive(row.pid)));
    if (!dead) return row;
    const values = { owner, pid: o.pid, host: o.host, startedAt: now, heartbeatAt: now };
    tx.insert(processLease)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: processLease.id, set: values })
      .run();
    return undefined;
  });
  if (holder) {
    const ago = Math.max(0, Math.round((o.clock.now() - holder.heartbeatAt) / 1000));
    throw new PillarError(
      'db_locked',
      `Another Pillar (pid ${holder.pid} on ${holder.host}, alive ${ago} s ago) is using this database: stop it first, or give this one its own PILLAR_DB (several replicas need a postgres:// database).`,
    );
  }
  return {
    owner,
    heartbeat() {
      const res = o.db
        .update(processLease)
        .set({ heartbeatAt: o.clock.now() })
        .where(and(eq(processLease.id, 1), eq(processLease.owner, owner)))
        .run();
      return res.changes === 1;
    },
    release() {
      o.db
        .delete(processLease)
        .where(and(eq(processLease.id, 1), eq(processLease.owner, owner)))
        .run();
    },
  };
}

/** `process.kill(pid, 0)` says whether a pid exists without signalling it. */
export function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

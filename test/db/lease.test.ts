import { describe, expect, it } from 'vitest';
import { acquireLease, LEASE_STALE_MS } from '../../src/db/lease.js';
import { isPillarError } from '../../src/errors.js';
import { FakeClock } from '../helpers/clock.js';
import { testDb } from '../helpers/db.js';

const alive = () => true;

describe('acquireLease', () => {
  it('lets one process hold the database and refuses a second with one line naming the first', () => {
    const db = testDb();
    const clock = new FakeClock();
    const first = acquireLease({ db, clock, pid: 100, host: 'web-1', isAlive: alive });
    clock.advance(3_000);
    let refused: unknown;
    try {
      acquireLease({ db, clock, pid: 200, host: 'web-1', isAlive: alive });
    } catch (e) {
      refused = e;
    }
    expect(isPillarError(refused) && refused.code).toBe('db_locked');
    expect((refused as Error).message).toBe(
      'Another Pillar (pid 100 on web-1, alive 3 s ago) is using this database: stop it first, or give this one its own PILLAR_DB (several replicas need a postgres:// database).',
    );
    expect((refused as Error).message).not.toContain('\n');
    expect(first.heartbeat()).toBe(true);
  });

  it('takes over a lease whose heartbeat is stale, and the old holder learns it lost it', () => {
    const db = testDb();
    const clock = new FakeClock();
    const first = acquireLease({ db, clock, pid: 100, host: 'web-1', isAlive: alive });
    clock.advance(LEASE_STALE_MS + 1);
    const second = acquireLease({ db, clock, pid: 200, host: 'web-2', isAlive: alive });
    expect(second.owner).not.toBe(first.owner);
    expect(first.heartbeat()).toBe(false);
    expect(second.heartbeat()).toBe(true);
  });

  it('takes over at once from a dead process on the same host (after a kill -9)', () => {
    const db = testDb();
    const clock = new FakeClock();
    acquireLease({ db, clock, pid: 100, host: 'web-1', isAlive: alive });
    const next = acquireLease({ db, clock, pid: 101, host: 'web-1', isAlive: (pid) => pid !== 100 });
    expect(next.heartbeat()).toBe(true);
  });

  it('is free again after release', () => {
    const db = testDb();
    const clock = new FakeClock();
    acquireLease({ db, clock, pid: 100, host: 'web-1', isAlive: alive }).release();
    expect(() => acquireLease({ db, clock, pid: 200, host: 'web-2', isAlive: alive })).not.toThrow();
  });
});

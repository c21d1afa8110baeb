import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  incidentActions,
  incidents,
  invocations,
  logGroups,
  occurrenceSamples,
} from '../../src/db/schema.js';
import { failure, HOUR, MINUTE, setup, T0 } from './helpers.js';

describe('recordFailure', () => {
  it('opens an incident for a new fingerprint', () => {
    const { incidents: svc } = setup();
    const { incident, change } = svc.recordFailure(failure());

    expect(change).toBe('opened');
    expect(incident).toMatchObject({
      state: 'open',
      severity: 'high',
      occurrences: 1,
      firstSeenAt: T0 - MINUTE,
      lastSeenAt: T0 - MINUTE,
      openedAt: T0,
      createdAt: T0,
      updatedAt: T0,
      revision: 1,
      regressions: 0,
      functionName: 'orders-api',
      account: '111122223333',
      region: 'us-east-1',
      logGroup: '/aws/lambda/orders-api',
      failureKind: 'uncaught_exception',
      errorType: 'TypeError',
      messageTemplate: 'Cannot read properties of undefined (reading <str>)',
      lastMessage: "Cannot read properties of undefined (reading 'id')",
      topFrame: 'index.js:handler',
    });
    expect(incident.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(svc.actions(incident.id)).toMatchObject([{ action: 'opened', actor: 'pillar', at: T0 }]);
    expect(svc.samples(incident.id)).toMatchObject([
      { first: true, at: T0 - MINUTE, requestId: '8f14e45f-ceea-467f-a0e6-1b2c3d4e5f60' },
    ]);
  });

  it.each([
    ['init_error', 'critical'],
    ['out_of_memory', 'high'],
    ['timeout', 'high'],
    ['runtime_exit', 'high'],
    ['uncaught_exception', 'high'],
    ['error_log', 'medium'],
  ] as const)('gives a new %s incident severity %s', (failureKind, severity) => {
    const { incidents: svc } = setup();
    expect(svc.recordFailure(failure({ failureKind })).incident.severity).toBe(severity);
  });

  it('takes severities from the settings', () => {
    const { incidents: svc } = setup({ severityByKind: { error_log: 'low', timeout: 'critical' } });
    expect(svc.recordFailure(failure({ failureKind: 'error_log' })).incident.severity).toBe('low');
    expect(svc.recordFailure(failure({ failureKind: 'timeout' })).incident.severity).toBe('critical');
    expect(svc.recordFailure(failure({ failureKind: 'init_error' })).incident.severity).toBe('critical');
  });

  it('counts the same error with different data on one incident and bumps the revision', () => {
    const { clock, incidents: svc } = setup();
    const first = svc.recordFailure(
      failure({ errorMessage: 'Order 1234 not found', at: T0 - 2 * MINUTE }),
    ).incident;
    clock.advance(MINUTE);
    const { incident, change } = svc.recordFailure(
      failure({ errorMessage: 'Order 98765 not found', at: T0 }),
    );

    expect(change).toBe('updated');
    expect(incident.id).toBe(first.id);
    expect(incident).toMatchObject({
      occurrences: 2,
      firstSeenAt: T0 - 2 * MINUTE,
      lastSeenAt: T0,
      lastMessage: 'Order 98765 not found',
      messageTemplate: 'Order <n> not found',
      revision: 2,
      updatedAt: T0 + MINUTE,
      openedAt: T0,
    });
    // Occurrences are counted, not audited: the trail only has the opening.
    expect(svc.actions(incident.id).map((a) => a.action)).toEqual(['opened']);
  });

  it('keeps two different errors of one function apart', () => {
    const { incidents: svc } = setup();
    const a = svc.recordFailure(failure()).incident;
    const b = svc.recordFailure(
      failure({ errorType: 'RangeError', errorMessage: 'Invalid array length' }),
    ).incident;
    expect(b.id).not.toBe(a.id);
    expect(svc.counts().open).toBe(2);
  });

  it('keeps the same error in two functions apart', () => {
    const { incidents: svc } = setup();
    const a = svc.recordFailure(failure()).incident;
    const b = svc.recordFailure(
      failure({ functionName: 'billing-api', logGroup: '/aws/lambda/billing-api' }),
    ).incident;
    expect(b.id).not.toBe(a.id);
    expect(b.functionName).toBe('billing-api');
    expect(svc.list({ functionName: 'orders-api' }).map((i) => i.id)).toEqual([a.id]);
  });

  it('keeps the same function in two regions apart, so each incident links to its own logs', () => {
    const { incidents: svc } = setup();
    const a = svc.recordFailure(failure()).incident;
    const b = svc.recordFailure(failure({ region: 'eu-west-1' })).incident;
    expect(b.id).not.toBe(a.id);
    expect([a.region, b.region]).toEqual(['us-east-1', 'eu-west-1']);
  });

  it('never moves lastSeenAt back or firstSeenAt forward for late occurrences', () => {
    const { incidents: svc } = setup();
    svc.recordFailure(failure({ at: T0 - 10 * MINUTE, errorMessage: 'Order 2 not found' }));
    const late = svc.recordFailure(
      failure({ at: T0 - 30 * MINUTE, errorMessage: 'Order 1 not found' }),
    ).incident;
    expect(late).toMatchObject({
      occurrences: 2,
      firstSeenAt: T0 - 30 * MINUTE,
      lastSeenAt: T0 - 10 * MINUTE,
      // The latest message stays the latest occurrence's.
      lastMessage: 'Order 2 not found',
    });
    const between = svc.recordFailure(
      failure({ at: T0 - 20 * MINUTE, errorMessage: 'Order 9 not found' }),
    ).incident;
    expect(between).toMatchObject({
      firstSeenAt: T0 - 30 * MINUTE,
      lastSeenAt: T0 - 10 * MINUTE,
      occurrences: 3,
    });
    const newer = svc.recordFailure(failure({ at: T0 - MINUTE, errorMessage: 'Order 3 not found' })).incident;
    expect(newer).toMatchObject({
      lastSeenAt: T0 - MINUTE,
      lastMessage: 'Order 3 not found',
      occurrences: 4,
    });
  });

  it('keeps the first sample and the latest ten others', () => {
    const { incidents: svc } = setup();
    let id = 0;
    for (let i = 0; i < 50; i++) {
      id = svc.recordFailure(failure({ at: T0 - (50 - i) * MINUTE, requestId: `req-${i}` })).incident.id;
    }
    const samples = svc.samples(id);
    expect(samples).toHaveLength(11);
    expect(samples.filter((s) => s.first).map((s) => s.requestId)).toEqual(['req-0']);
    expect(samples.filter((s) => !s.first).map((s) => s.requestId)).toEqual(
      Array.from({ length: 10 }, (_, k) => `req-${49 - k}`),
    );
    expect(svc.get(id)?.occurrences).toBe(50);
  });

  it('bounds samples by the setting, and a late occurrence older than all kept ones is not kept', () => {
    const { db, incidents: svc } = setup({ samplesPerIncident: 2 });
    const id = svc.recordFailure(failure({ at: T0 - 10 * MINUTE, requestId: 'first' })).incident.id;
    svc.recordFailure(failure({ at: T0 - 2 * MINUTE, requestId: 'b' }));
    svc.recordFailure(failure({ at: T0 - MINUTE, requestId: 'c' }));
    svc.recordFailure(failure({ at: T0 - 5 * MINUTE, requestId: 'late' }));
    expect(svc.samples(id).map((s) => s.requestId)).toEqual(['c', 'b', 'first']);
    expect(db.select().from(occurrenceSamples).all()).toHaveLength(3);
  });

  it('stores untrusted text as-is but cut to bounds', () => {
    const { incidents: svc } = setup();
    const message = `<!channel> <https://evil.example|click> ${'m'.repeat(10_000)}`;
    const { incident } = svc.recordFailure(failure({ errorMessage: message, excerpt: 'e'.repeat(5_000) }));
    expect(incident.lastMessage).toHaveLength(4000);
    expect(incident.lastMessage?.startsWith('<!channel> <https://evil.example|click>')).toBe(true);
    const [sample] = svc.samples(incident.id);
    expect(sample?.errorMessage).toHaveLength(4000);
    expect(sample?.excerpt).toHaveLength(2000);
  });

  it('stores invocation details on the sample', () => {
    const { incidents: svc } = setup();
    const { incident } = svc.recordFailure(
      failure({
        failureKind: 'timeout',
        errorType: undefined,
        errorMessage: 'Task timed out after 3.00 seconds',
        durationMs: 3000.4,
        timeoutSeconds: 3,
        memorySizeMB: 128,
        maxMemoryUsedMB: 90,
        initDurationMs: 210.6,
        coldStart: true,
        retry: true,
      }),
    );
    expect(incident.messageTemplate).toBe('Task timed out');
    expect(svc.samples(incident.id)[0]).toMatchObject({
      durationMs: 3000,
      timeoutSeconds: 3,
      memorySizeMB: 128,
      maxMemoryUsedMB: 90,
      initDurationMs: 211,
      coldStart: true,
      retry: true,
      logStream: '2026/11/28/[$LATEST]abcdef0123456789',
    });
  });

  it('links the invocation to the incident of its first failure', () => {
    const { db, incidents: svc } = setup();
    const group = db
      .insert(logGroups)
      .values({ account: '111122223333', region: 'us-east-1', logGroup: '/aws/lambda/orders-api' })
      .returning()
      .get();
    const inv = db
      .insert(invocations)
      .values({ logGroupId: group.id, logStream: 's', requestId: 'r', updatedAt: T0, outcome: 'error' })
      .returning()
      .get();
    const logged = svc.recordFailure(failure({ failureKind: 'error_log', invocationId: inv.id })).incident;
    svc.recordFailure(failure({ invocationId: inv.id }));
    expect(db.select().from(invocations).get()?.incidentId).toBe(logged.id);
  });

  it('rejects a failure without a usable time', () => {
    const { incidents: svc } = setup();
    expect(() => svc.recordFailure(failure({ at: Number.NaN }))).toThrow(
      expect.objectContaining({ code: 'input_invalid' }),
    );
    expect(svc.counts().open).toBe(0);
  });

  it('gives exactly one incident with N occurrences for N identical failures in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: 24 * HOUR }), n: fc.nat(1_000_000) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (events) => {
          const { db, incidents: svc } = setup({ samplesPerIncident: 5 });
          for (const e of events) {
            svc.recordFailure(
              failure({ at: T0 - e.offset, errorMessage: `Order ${e.n} not found`, requestId: `r${e.n}` }),
            );
          }
          const all = db.select().from(incidents).all();
          expect(all).toHaveLength(1);
          const offsets = events.map((e) => e.offset);
          expect(all[0]).toMatchObject({
            occurrences: events.length,
            revision: events.length,
            firstSeenAt: T0 - Math.max(...offsets),
            lastSeenAt: T0 - Math.min(...offsets),
          });
          expect(db.select().from(occurrenceSamples).all().length).toBe(Math.min(events.length, 6));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('recordFailure inside a caller transaction', () => {
  it('leaves nothing behind when the caller rolls back', () => {
    const { db, incidents: svc } = setup();
    expect(() =>
      db.transaction((tx) => {
        const { incident } = svc.withTx(tx).recordFailure(failure());
        // The caller sees its own uncommitted write…
        expect(svc.withTx(tx).get(incident.id)?.occurrences).toBe(1);
        tx.rollback();
      }),
    ).toThrow(/rollback/i);
    // …and after the rollback there is no trace of it.
    expect(db.select().from(incidents).all()).toEqual([]);
    expect(db.select().from(incidentActions).all()).toEqual([]);
    expect(db.select().from(occurrenceSamples).all()).toEqual([]);
  });

  it('rolls back an update of an existing incident with the caller', () => {
    const { db, incidents: svc } = setup();
    const before = svc.recordFailure(failure()).incident;
    expect(() =>
      db.transaction((tx) => {
        svc.withTx(tx).recordFailure(failure({ at: T0 }));
        throw new Error('crash before the cursor was saved');
      }),
    ).toThrow('crash before the cursor was saved');
    expect(svc.get(before.id)).toEqual(before);
    expect(svc.samples(before.id)).toHaveLength(1);
  });

  it('commits with the caller', () => {
    const { db, incidents: svc } = setup();
    const id = db.transaction((tx) => svc.withTx(tx).recordFailure(failure()).incident.id);
    expect(svc.get(id)?.occurrences).toBe(1);
  });

  it('joins the caller transaction even when called on the database service', () => {
    // better-sqlite3 has one connection: a transaction opened inside another becomes a savepoint.
    const { db, incidents: svc } = setup();
    expect(() =>
      db.transaction((tx) => {
        svc.recordFailure(failure());
        tx.rollback();
      }),
    ).toThrow(/rollback/i);
    expect(db.select().from(incidents).all()).toEqual([]);
  });
});

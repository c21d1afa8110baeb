import { describe, expect, it } from 'vitest';
import { PillarError } from '../../src/errors.js';
import type { IncidentService } from '../../src/incidents/service.js';
import { failure, HOUR, MINUTE, type Setup, setup, T0 } from './helpers.js';

function opened(s: Setup): number {
  return s.incidents.recordFailure(failure()).incident.id;
}

function thrown(fn: () => unknown): PillarError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PillarError) return e;
    throw e;
  }
  throw new Error('expected a PillarError');
}

describe('incident lifecycle', () => {
  it('goes open → acknowledged → resolved → reopened as a regression, with the audit trail', () => {
    const s = setup();
    const { clock, incidents: svc } = s;
    const id = opened(s);

    clock.advance(5 * MINUTE);
    const ack = svc.acknowledge(id, 'U_ALICE');
    expect(ack.changed).toBe(true);
    expect(ack.incident).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'U_ALICE',
      acknowledgedAt: T0 + 5 * MINUTE,
      revision: 2,
      updatedAt: T0 + 5 * MINUTE,
    });

    clock.advance(HOUR);
    const resolved = svc.resolve(id, 'U_BOB').incident;
    expect(resolved).toMatchObject({
      state: 'resolved',
      resolvedBy: 'U_BOB',
      resolvedAt: T0 + 5 * MINUTE + HOUR,
      revision: 3,
    });

    clock.advance(HOUR);
    const { incident, change } = svc.recordFailure(failure({ at: clock.now() - 1000 }));
    expect(change).toBe('reopened');
    expect(incident).toMatchObject({
      id,
      state: 'open',
      regressions: 1,
      lastRegressionAt: clock.now(),
      openedAt: clock.now(),
      occurrences: 2,
      acknowledgedBy: null,
      acknowledgedAt: null,
      resolvedBy: null,
      resolvedAt: null,
      revision: 4,
    });

    expect(svc.actions(id).map(({ action, actor, at }) => ({ action, actor, at }))).toEqual([
      { action: 'opened', actor: 'pillar', at: T0 },
      { action: 'acknowledged', actor: 'U_ALICE', at: T0 + 5 * MINUTE },
      { action: 'resolved', actor: 'U_BOB', at: T0 + 5 * MINUTE + HOUR },
      { action: 'regressed', actor: 'pillar', at: T0 + 5 * MINUTE + 2 * HOUR },
    ]);
    const regressed = svc.actions(id)[3];
    expect(JSON.parse(regressed?.details ?? '{}')).toMatchObject({
      resolvedBy: 'U_BOB',
      resolvedAt: T0 + 5 * MINUTE + HOUR,
    });
  });

  it('counts a late occurrence from before the resolution without reopening', () => {
    const s = setup();
    const id = opened(s);
    s.clock.advance(HOUR);
    s.incidents.resolve(id, 'U_BOB');
    const { incident, change } = s.incidents.recordFailure(failure({ at: T0 + 30 * MINUTE }));
    expect(change).toBe('updated');
    expect(incident).toMatchObject({
      state: 'resolved',
      regressions: 0,
      occurrences: 2,
      lastSeenAt: T0 + 30 * MINUTE,
    });
  });

  it('reopens by hand without counting a regression', () => {
    const s = setup();
    const id = opened(s);
    s.incidents.acknowledge(id, 'U_ALICE');
    s.incidents.resolve(id, 'U_ALICE');
    s.clock.advance(HOUR);
    const { incident, changed } = s.incidents.reopen(id, 'U_BOB');
    expect(changed).toBe(true);
    expect(incident).toMatchObject({
      state: 'open',
      regressions: 0,
      resolvedBy: null,
      acknowledgedBy: null,
      openedAt: T0 + HOUR,
    });
    expect(s.incidents.actions(id).at(-1)).toMatchObject({
      action: 'reopened',
      actor: 'U_BOB',
      at: T0 + HOUR,
    });
  });

  it('resolves a muted incident and ends the mute', () => {
    const s = setup();
    const id = opened(s);
    s.incidents.mute(id, 'U_ALICE', { until: T0 + HOUR, reason: 'deploy pending' });
    const { incident } = s.incidents.resolve(id, 'U_BOB');
    expect(incident).toMatchObject({ state: 'resolved', mutedUntil: null, muteReason: null, mutedBy: null });
  });
});

describe('mute', () => {
  it('counts occurrences while muted, then expires through expireMutes', () => {
    const s = setup();
    const { clock, incidents: svc } = s;
    const id = opened(s);
    svc.acknowledge(id, 'U_ALICE');

    const muted = svc.mute(id, 'U_ALICE', { until: T0 + 24 * HOUR, reason: '  known: vendor outage  ' });
    expect(muted.incident).toMatchObject({
      state: 'muted',
      mutedBy: 'U_ALICE',
      mutedUntil: T0 + 24 * HOUR,
      muteReason: 'known: vendor outage',
      acknowledgedBy: null,
    });

    clock.advance(HOUR);
    const during = svc.recordFailure(failure({ at: clock.now() }));
    expect(during.change).toBe('muted');
    expect(during.incident).toMatchObject({ state: 'muted', occurrences: 2, lastSeenAt: T0 + HOUR });

    clock.set(T0 + 24 * HOUR - 1);
    expect(svc.expireMutes()).toEqual([]);

    clock.set(T0 + 24 * HOUR);
    const expired = svc.expireMutes();
    expect(expired.map((i) => [i.id, i.state, i.mutedUntil, i.muteReason])).toEqual([
      [id, 'open', null, null],
    ]);
    expect(svc.get(id)?.state).toBe('open');
    expect(svc.actions(id).at(-1)).toMatchObject({
      action: 'mute_expired',
      actor: 'pillar',
      at: T0 + 24 * HOUR,
    });
    expect(JSON.parse(svc.actions(id).at(-1)?.details ?? '{}')).toMatchObject({
      reason: 'known: vendor outage',
    });
    // Nothing left to expire the second time.
    expect(svc.expireMutes()).toEqual([]);
  });

  it('expires through the next occurrence after the end', () => {
    const s = setup();
    const { clock, incidents: svc } = s;
    const id = opened(s);
    svc.mute(id, 'U_ALICE', { until: T0 + HOUR, reason: 'noisy' });
    clock.advance(2 * HOUR);

    const { incident, change } = svc.recordFailure(failure({ at: clock.now() }));
    expect(change).toBe('updated');
    expect(incident).toMatchObject({ state: 'open', occurrences: 2, mutedUntil: null, regressions: 0 });
    expect(svc.actions(id).map((a) => a.action)).toEqual(['opened', 'muted', 'mute_expired']);
  });

  it('unmutes by hand', () => {
    const s = setup();
    const id = opened(s);
    s.incidents.mute(id, 'U_ALICE', { until: T0 + HOUR, reason: 'noisy' });
    const { incident, changed } = s.incidents.unmute(id, 'U_BOB');
    expect(changed).toBe(true);
    expect(incident).toMatchObject({ state: 'open', mutedUntil: null, muteReason: null, mutedBy: null });
    expect(s.incidents.actions(id).at(-1)).toMatchObject({ action: 'unmuted', actor: 'U_BOB' });
  });

  it('extends a mute with a new end', () => {
    const s = setup();
    const id = opened(s);
    s.incidents.mute(id, 'U_ALICE', { until: T0 + HOUR, reason: 'noisy' });
    const { incident, changed } = s.incidents.mute(id, 'U_BOB', {
      until: T0 + 7 * 24 * HOUR,
      reason: 'noisy',
    });
    expect(changed).toBe(true);
    expect(incident).toMatchObject({ state: 'muted', mutedBy: 'U_BOB', mutedUntil: T0 + 7 * 24 * HOUR });
    expect(JSON.parse(s.incidents.actions(id).at(-1)?.details ?? '{}')).toMatchObject({
      previousUntil: T0 + HOUR,
    });
  });

  it.each([
    ['an empty reason', { until: T0 + HOUR, reason: '   ' }, /needs a reason/],
    ['a reason too long', { until: T0 + HOUR, reason: 'x'.repeat(501) }, /under 500 characters/],
    ['an end now', { until: T0, reason: 'noisy' }, /must end in the future/],
    ['an end in the past', { until: T0 - HOUR, reason: 'noisy' }, /must end in the future/],
    ['an end that is not a time', { until: Number.NaN, reason: 'noisy' }, /needs an end: a duration like/],
  ])('refuses %s', (_name, input, message) => {
    const s = setup();
    const id = opened(s);
    const e = thrown(() => s.incidents.mute(id, 'U_ALICE', input));
    expect(e.code).toBe('input_invalid');
    expect(e.message).toMatch(message);
    expect(s.incidents.get(id)?.state).toBe('open');
  });
});

describe('assign', () => {
  it('assigns, reassigns and unassigns, with the audit trail', () => {
    const s = setup();
    const id = opened(s);
    expect(s.incidents.assign(id, 'U_LEAD', 'U_ALICE').incident.assignee).toBe('U_ALICE');
    expect(s.incidents.assign(id, 'U_LEAD', 'U_BOB').incident.assignee).toBe('U_BOB');
    expect(s.incidents.assign(id, 'U_BOB', null).incident.assignee).toBeNull();
    const trail = s.incidents.actions(id).slice(1);
    expect(trail.map((a) => [a.action, a.actor, JSON.parse(a.details ?? '{}').assignee])).toEqual([
      ['assigned', 'U_LEAD', 'U_ALICE'],
      ['assigned', 'U_LEAD', 'U_BOB'],
      ['unassigned', 'U_BOB', null],
    ]);
  });

  it('keeps the assignee through a regression', () => {
    const s = setup();
    const id = opened(s);
    s.incidents.assign(id, 'U_LEAD', 'U_ALICE');
    s.incidents.resolve(id, 'U_ALICE');
    s.clock.advance(HOUR);
    expect(s.incidents.recordFailure(failure({ at: s.clock.now() })).incident.assignee).toBe('U_ALICE');
  });

  it('refuses a blank assignee', () => {
    const s = setup();
    const id = opened(s);
    const e = thrown(() => s.incidents.assign(id, 'U_LEAD', ' '));
    expect(e.code).toBe('input_invalid');
    expect(e.message).toMatch(/clear the assignee/);
  });
});

describe('repeated triage (double clicks)', () => {
  const repeats: [
    string,
    (svc: IncidentService, id: number) => unknown,
    (svc: IncidentService, id: number) => ReturnType<IncidentService['acknowledge']>,
  ][] = [
    ['acknowledge', (svc, id) => svc.acknowledge(id, 'U_A'), (svc, id) => svc.acknowledge(id, 'U_B')],
    ['resolve', (svc, id) => svc.resolve(id, 'U_A'), (svc, id) => svc.resolve(id, 'U_B')],
    ['reopen on an open incident', () => undefined, (svc, id) => svc.reopen(id, 'U_B')],
    ['unmute on an unmuted incident', () => undefined, (svc, id) => svc.unmute(id, 'U_B')],
    [
      'the same mute',
      (svc, id) => svc.mute(id, 'U_A', { until: T0 + HOUR, reason: 'noisy' }),
      (svc, id) => svc.mute(id, 'U_B', { until: T0 + HOUR, reason: 'noisy' }),
    ],
    [
      'the same assignee',
      (svc, id) => svc.assign(id, 'U_A', 'U_C'),
      (svc, id) => svc.assign(id, 'U_B', 'U_C'),
    ],
  ];

  it.each(repeats)('%s changes nothing the second time', (_name, first, second) => {
    const s = setup();
    const id = opened(s);
    first(s.incidents, id);
    const before = s.incidents.get(id);
    const trail = s.incidents.actions(id).length;
    s.clock.advance(MINUTE);
    const { incident, changed } = second(s.incidents, id);
    expect(changed).toBe(false);
    expect(incident).toEqual(before);
    expect(s.incidents.get(id)).toEqual(before);
    expect(s.incidents.actions(id)).toHaveLength(trail);
  });
});

describe('invalid transitions', () => {
  const muteInput = { until: T0 + HOUR, reason: 'noisy' };
  const cases: [
    string,
    (svc: IncidentService, id: number) => unknown,
    (svc: IncidentService, id: number) => unknown,
    RegExp,
  ][] = [
    [
      'acknowledge a resolved incident',
      (svc, id) => svc.resolve(id, 'U'),
      (svc, id) => svc.acknowledge(id, 'U'),
      /^Incident #1 is already resolved; use reopen to open it again\.$/,
    ],
    [
      'acknowledge a muted incident',
      (svc, id) => svc.mute(id, 'U', muteInput),
      (svc, id) => svc.acknowledge(id, 'U'),
      /^Incident #1 is muted until 2026-11-28 13:00 UTC; unmute it first to acknowledge it\.$/,
    ],
    [
      'reopen an acknowledged incident',
      (svc, id) => svc.acknowledge(id, 'U'),
      (svc, id) => svc.reopen(id, 'U'),
      /only a resolved incident can be reopened/,
    ],
    [
      'reopen a muted incident',
      (svc, id) => svc.mute(id, 'U', muteInput),
      (svc, id) => svc.reopen(id, 'U'),
      /use unmute to open it again/,
    ],
    [
      'mute a resolved incident',
      (svc, id) => svc.resolve(id, 'U'),
      (svc, id) => svc.mute(id, 'U', muteInput),
      /reopens by itself if the error comes back/,
    ],
  ];

  it.each(cases)('refuses to %s with one actionable sentence', (_name, arrange, act, message) => {
    const s = setup();
    const id = opened(s);
    arrange(s.incidents, id);
    const before = s.incidents.get(id);
    const e = thrown(() => act(s.incidents, id));
    expect(e.code).toBe('invalid_transition');
    expect(e.message).toMatch(message);
    expect(s.incidents.get(id)).toEqual(before);
  });

  const actions: [string, (svc: IncidentService) => unknown][] = [
    ['acknowledge', (svc) => svc.acknowledge(99, 'U')],
    ['resolve', (svc) => svc.resolve(99, 'U')],
    ['reopen', (svc) => svc.reopen(99, 'U')],
    ['mute', (svc) => svc.mute(99, 'U', muteInput)],
    ['unmute', (svc) => svc.unmute(99, 'U')],
    ['assign', (svc) => svc.assign(99, 'U', 'U2')],
  ];

  it.each(actions)('%s names a missing incident and where to find them', (_name, act) => {
    const s = setup();
    const e = thrown(() => act(s.incidents));
    expect(e.code).toBe('not_found');
    expect(e.message).toBe('No incident #99. `/wa incidents all` lists them.');
  });

  it('needs an actor', () => {
    const s = setup();
    const id = opened(s);
    expect(thrown(() => s.incidents.acknowledge(id, ' ')).code).toBe('input_invalid');
  });
});

describe('reads', () => {
  it('lists by severity, then most recently seen, with filters and paging', () => {
    const { incidents: svc } = setup();
    const log = svc.recordFailure(failure({ failureKind: 'error_log', at: T0 - MINUTE })).incident.id;
    const older = svc.recordFailure(failure({ at: T0 - HOUR })).incident.id;
    const newer = svc.recordFailure(failure({ functionName: 'billing-api', at: T0 - 2 * MINUTE })).incident
      .id;
    const init = svc.recordFailure(failure({ failureKind: 'init_error', at: T0 - 2 * HOUR })).incident.id;
    svc.resolve(older, 'U');

    expect(svc.list().map((i) => i.id)).toEqual([init, newer, older, log]);
    expect(svc.list({ states: ['open'] }).map((i) => i.id)).toEqual([init, newer, log]);
    expect(svc.list({ functionName: 'orders-api', states: ['open', 'resolved'] }).map((i) => i.id)).toEqual([
      init,
      older,
      log,
    ]);
    expect(svc.list({ limit: 2, offset: 1 }).map((i) => i.id)).toEqual([newer, older]);
    expect(thrown(() => svc.list({ limit: 0 })).code).toBe('input_invalid');
  });

  it('counts incidents by state, zero included', () => {
    const s = setup();
    expect(s.incidents.counts()).toEqual({ open: 0, acknowledged: 0, resolved: 0, muted: 0 });
    const a = opened(s);
    const b = s.incidents.recordFailure(failure({ functionName: 'x' })).incident.id;
    s.incidents.recordFailure(failure({ functionName: 'y' }));
    s.incidents.acknowledge(a, 'U');
    s.incidents.mute(b, 'U', { until: T0 + HOUR, reason: 'noisy' });
    expect(s.incidents.counts()).toEqual({ open: 1, acknowledged: 1, resolved: 0, muted: 1 });
  });

  it('gets undefined for a missing incident, and empty samples and actions', () => {
    const { incidents: svc } = setup();
    expect(svc.get(42)).toBeUndefined();
    expect(svc.samples(42)).toEqual([]);
    expect(svc.actions(42)).toEqual([]);
  });
});

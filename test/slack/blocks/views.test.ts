import type { Button, ContextBlock, InputBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/incidents/types.js';
import { digestMessage } from '../../../src/slack/blocks/digest.js';
import { homeView } from '../../../src/slack/blocks/home.js';
import { muteModal } from '../../../src/slack/blocks/modals.js';
import { actions, muteModal as ids, views } from '../../../src/slack/ids.js';
import {
  actionIds,
  allText,
  DAY,
  expectNoInjection,
  expectValidMessage,
  expectValidView,
  HOSTILE,
  HOUR,
  MINUTE,
  makeIncident,
  makeTarget,
  SECRET_LINE,
  T0,
} from './fixtures.js';

const TZ = 'UTC';

function input(blocks: KnownBlock[], blockId: string): InputBlock {
  const b = blocks.find((x): x is InputBlock => x.type === 'input' && x.block_id === blockId);
  if (!b) throw new Error(`no input ${blockId}`);
  return b;
}

describe('muteModal', () => {
  const meta = JSON.stringify({ incidentId: 12, channel: 'C0123ALERTS', ts: '1700000000.000100' });

  it('asks how long and why, with the ids the submission reads', () => {
    const view = muteModal({ incident: makeIncident(), privateMetadata: meta, now: T0, timeZone: TZ });
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(views.mute);
    expect(view.private_metadata).toBe(meta);
    expect(view.title.text).toBe('Mute #12');
    expect(view.submit?.text).toBe('Mute');

    const duration = input(view.blocks as KnownBlock[], ids.durationBlock);
    expect(duration.element.type).toBe('static_select');
    if (duration.element.type !== 'static_select') throw new Error();
    expect(duration.element.action_id).toBe(ids.durationAction);
    expect(duration.element.options?.map((o) => o.value)).toEqual(['1h', '24h', '7d', 'date']);
    expect(duration.element.initial_option?.value).toBe('date');

    const until = input(view.blocks as KnownBlock[], ids.untilBlock);
    expect(until.optional).toBe(true);
    expect(until.element).toMatchObject({
      type: 'datepicker',
      action_id: ids.untilAction,
      initial_date: '2026-11-29',
    });

    const reason = input(view.blocks as KnownBlock[], ids.reasonBlock);
    expect(reason.optional).toBeUndefined();
    expect(reason.element).toMatchObject({
      type: 'plain_text_input',
      action_id: ids.reasonAction,
      multiline: true,
      max_length: 500,
    });
    expectValidView(view);
  });

  it('offers a datepicker day that is in the future for the submission (00:00 UTC)', () => {
    const late = Date.parse('2026-11-28T23:59:00Z');
    const view = muteModal({
      incident: makeIncident(),
      privateMetadata: meta,
      now: late,
      timeZone: 'Pacific/Kiritimati',
    });
    const until = input(view.blocks as KnownBlock[], ids.untilBlock).element;
    expect(until).toMatchObject({ initial_date: '2026-11-29' });
    expect(Date.parse('2026-11-29T00:00:00Z')).toBeGreaterThan(late);
  });

  it('shows the current mute and prefills its reason when already muted', () => {
    const view = muteModal({
      incident: makeIncident({
        state: 'muted',
        mutedBy: 'U0123ANA',
        mutedUntil: T0 + DAY,
        muteReason: 'deploy',
      }),
      privateMetadata: meta,
      now: T0,
      timeZone: TZ,
    });
    expect(allText(view.blocks)).toContain('Now: 🔕 *Muted* by <@U0123ANA> until');
    expect(input(view.blocks as KnownBlock[], ids.reasonBlock).element).toMatchObject({
      initial_value: 'deploy',
    });
    expectValidView(view);
  });

  it('keeps hostile incidents inert and within limits', () => {
    for (const h of [...HOSTILE, SECRET_LINE, 'x'.repeat(100_000)]) {
      const view = muteModal({
        incident: makeIncident({
          id: 999_999_999,
          functionName: h,
          errorType: h,
          lastMessage: h,
          state: 'muted',
          muteReason: h,
          mutedBy: h,
          mutedUntil: T0 + HOUR,
          assignee: h,
        }),
        privateMetadata: meta,
        now: T0,
        timeZone: h,
      });
      expectNoInjection(view);
      expectValidView(view);
    }
  });
});

describe('homeView', () => {
  const open = [
    makeIncident({ id: 1, severity: 'medium', lastSeenAt: T0 - MINUTE }),
    makeIncident({
      id: 2,
      severity: 'critical',
      lastSeenAt: T0 - HOUR,
      failureKind: 'init_error',
      errorType: null,
    }),
    makeIncident({
      id: 3,
      severity: 'critical',
      lastSeenAt: T0 - MINUTE,
      state: 'acknowledged',
      acknowledgedBy: 'U0123ANA',
    }),
    makeIncident({ id: 4, severity: 'high', state: 'muted', mutedUntil: T0 + HOUR, mutedBy: 'U0123ANA' }),
  ];
  const resolved = [
    makeIncident({ id: 9, state: 'resolved', resolvedBy: 'U0123BOB', resolvedAt: T0 - HOUR }),
  ];

  function sections(blocks: KnownBlock[]): SectionBlock[] {
    return blocks.filter((b): b is SectionBlock => b.type === 'section');
  }

  it('shows the open reviews with their progress and when the next one is due', () => {
    const view = homeView({
      open: [],
      recentlyResolved: [],
      targets: [makeTarget()],
      now: T0,
      timeZone: TZ,
      reviews: {
        open: [
          {
            workload: `orders ${HOSTILE}`,
            runKey: '2026-H2',
            answered: 12,
            questions: 66,
            url: 'https://slack.com/archives/C0OPS00001/p1700000000000100',
          },
        ],
        nextAt: Date.parse('2027-01-01T09:00:00Z'),
      },
    });
    expectValidView(view);
    const text = allText(view.blocks);
    expect(text).toContain('Well-Architected reviews');
    expect(text).toContain(
      '2026-H2 · 12/66 answered · <https://slack.com/archives/C0OPS00001/p1700000000000100|open the review>',
    );
    expect(text).toMatch(/Next scheduled review: <!date\^1798794000\^/);
    expectNoInjection(text);
    const none = allText(
      homeView({ open: [], recentlyResolved: [], targets: [], now: T0, timeZone: TZ, reviews: { open: [] } })
        .blocks,
    );
    expect(none).toContain('No review is open. `/wa review` starts one.');
  });

  it('shows counts, open incidents by severity, ingestion, recently resolved and a refresh button', () => {
    const view = homeView({
      open,
      recentlyResolved: resolved,
      targets: [
        makeTarget(),
        makeTarget({ region: 'eu-west-1', lastErrorAt: T0, lastErrorMessage: 'Access denied' }),
      ],
      now: T0,
      timeZone: TZ,
      failingChecksByPillar: { security: 3, operationalExcellence: 1, reliability: 0 },
    });
    expect(view.type).toBe('home');
    const text = allText(view.blocks);
    expect(text).toContain('🔥 *2* open · 👀 *1* acknowledged · 🔕 *1* muted · ✅ *1* resolved lately');
    // Sorted by severity, then last seen.
    const order = sections(view.blocks as KnownBlock[])
      .map((s) => /\*#(\d+)\*/.exec(s.text?.text ?? '')?.[1])
      .filter(Boolean);
    expect(order.slice(0, 4)).toEqual(['3', '2', '4', '1']);
    expect(text).toContain('🚨 *Critical* · 2');
    expect(text).toContain('Init failure');
    expect(text).toContain('*Security*\n3 failing checks');
    expect(text).toContain('*Operational excellence*\n1 failing check');
    expect(text).not.toContain('Reliability');
    expect(text).toContain('✅ *prod · us-east-1*');
    expect(text).toContain('🔴 *prod · eu-west-1*');
    expect(text).toContain('✅ *#9* TypeError in orders-api — resolved by <@U0123BOB>');
    expect(actionIds(view.blocks as KnownBlock[])).toEqual([
      actions.homeRefresh,
      actions.acknowledge,
      actions.acknowledge,
    ]);
    expectValidView(view);
  });

  it('puts Acknowledge next to open incidents only', () => {
    const view = homeView({ open, recentlyResolved: [], targets: [], now: T0, timeZone: TZ });
    const withButton = sections(view.blocks as KnownBlock[]).filter(
      (s) => (s.accessory as Button | undefined)?.action_id === actions.acknowledge,
    );
    expect(withButton.map((s) => (s.accessory as Button).value).sort()).toEqual(['1', '2']);
  });

  it('says when nothing is open and nothing is read', () => {
    const view = homeView({ open: [], recentlyResolved: [], targets: [], now: T0, timeZone: TZ });
    const text = allText(view.blocks);
    expect(text).toContain('Nothing open. 🎉');
    expect(text).toContain('No account is being read yet.');
    expectValidView(view);
  });

  it('cuts long lists to stay within 100 blocks, with "and N more"', () => {
    const many: Incident[] = Array.from({ length: 500 }, (_, k) =>
      makeIncident({
        id: k + 1,
        severity: (['critical', 'high', 'medium', 'low'] as const)[k % 4],
        lastSeenAt: T0 - k,
      }),
    );
    const view = homeView({
      open: many,
      recentlyResolved: Array.from({ length: 50 }, (_, k) =>
        makeIncident({ id: 1000 + k, state: 'resolved' }),
      ),
      targets: Array.from({ length: 200 }, (_, k) => makeTarget({ region: `r-${k}` })),
      now: T0,
      timeZone: TZ,
      failingChecksByPillar: Object.fromEntries(Array.from({ length: 15 }, (_, k) => [`pillar${k}`, k + 1])),
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const contexts = view.blocks
      .filter((b): b is ContextBlock => b.type === 'context')
      .map((c) => allText(c.elements));
    expect(contexts.some((t) => /… and \d+ more; `\/wa incidents` lists them/.test(t))).toBe(true);
    expect(contexts.some((t) => /… and \d+ more; `\/wa status` has them all/.test(t))).toBe(true);
    expectValidView(view);
  });

  it('keeps hostile incidents and targets inert and within limits', () => {
    const hostile = HOSTILE.map((h, k) =>
      makeIncident({
        id: k,
        functionName: `${h}${'x'.repeat(20_000)}`,
        errorType: h,
        account: h,
        region: h,
        state: (['open', 'acknowledged', 'muted'] as const)[k % 3],
        acknowledgedBy: h,
        assignee: h,
        severity: 'nonsense' as Incident['severity'],
      }),
    );
    const view = homeView({
      open: hostile,
      recentlyResolved: hostile.map((i) => ({ ...i, state: 'resolved' as const, resolvedBy: '<!channel>' })),
      targets: HOSTILE.map((h) =>
        makeTarget({ account: h, region: h, lastErrorAt: T0, lastErrorMessage: `${h} ${SECRET_LINE}` }),
      ),
      now: T0,
      timeZone: TZ,
      failingChecksByPillar: { '<!channel>': 2 },
    });
    expectNoInjection(view);
    expectValidView(view);
  });
});

describe('digestMessage', () => {
  it('summarises the period', () => {
    const m = digestMessage({
      from: T0 - 7 * DAY,
      to: T0,
      opened: 12,
      resolved: 9,
      reopened: 2,
      noisiest: [
        { functionName: 'a', occurrences: 5 },
        { functionName: 'orders-api', occurrences: 1234 },
      ],
      meanTimeToAcknowledgeMs: 14 * MINUTE,
      meanTimeToResolveMs: 3 * HOUR + 20 * MINUTE,
      stillOpen: [makeIncident({ id: 5, severity: 'low' }), makeIncident({ id: 6, severity: 'critical' })],
      timeZone: TZ,
    });
    expect(m.text).toBe('Pillar digest: 12 opened, 9 resolved, 2 came back, 2 still open');
    const text = allText(m.blocks);
    expect(text).toContain('*Opened*\n12');
    expect(text).toContain('*Mean time to acknowledge*\n14 min');
    expect(text).toContain('*Mean time to resolve*\n3 h 20 min');
    expect(text).toMatch(/1\. `orders-api` — 1,234 failures\n2\. `a` — 5 failures/);
    expect(text.indexOf('*#6*')).toBeLessThan(text.indexOf('*#5*'));
    expectValidMessage(m);
  });

  it('takes a count for still open, and leaves out unknown means', () => {
    const m = digestMessage({
      from: T0 - DAY,
      to: T0,
      opened: 0,
      resolved: 0,
      reopened: 0,
      noisiest: [],
      stillOpen: 0,
      timeZone: TZ,
    });
    const text = allText(m.blocks);
    expect(text).not.toContain('Mean time');
    expect(text).toContain('Nothing is open. 🎉');
    expectValidMessage(m);
  });

  it('stays within limits with many hostile entries', () => {
    const m = digestMessage({
      from: T0 - DAY,
      to: T0,
      opened: 1e6,
      resolved: 1,
      reopened: 1,
      noisiest: HOSTILE.map((h, k) => ({ functionName: `${h}${SECRET_LINE}`, occurrences: k })),
      stillOpen: Array.from({ length: 300 }, (_, k) =>
        makeIncident({ id: k, functionName: `<!channel>${'y'.repeat(5000)}` }),
      ),
      timeZone: TZ,
    });
    expectNoInjection(m);
    expectValidMessage(m);
    expect(allText(m.blocks)).toContain('… and 290 more');
  });
});

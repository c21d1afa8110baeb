import type { Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/incidents/types.js';
import { homeView } from '../../../src/slack/blocks/home.js';
import { actions } from '../../../src/slack/ids.js';
import {
  actionIds,
  allText,
  expectNoInjection,
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

  it('labels failing checks per pillar with the Tool’s pillar names', () => {
    const view = homeView({
      open: [],
      recentlyResolved: [],
      targets: [],
      now: T0,
      timeZone: TZ,
      failingChecksByPillar: { performance: 3, costOptimization: 1 },
    });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('*Performance efficiency*');
    expect(text).toContain('*Cost optimization*');
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

import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type {
  PillarProgress,
  Review,
  ReviewQuestion,
  ReviewSummary,
  RiskCounts,
} from '../../../src/review/types.js';
import { validateMessage, validateView } from '../../../src/slack/blocks/limits.js';
import {
  change,
  reviewMessage,
  reviewNotApplicableModal,
  reviewPillarModal,
  reviewReminderText,
  reviewSelectionModal,
  reviewStatusText,
  reviewSummaryMessage,
} from '../../../src/slack/blocks/review-messages.js';
import {
  actions,
  REVIEW_PILLAR_CALLBACK,
  reviewModal,
  reviewPillarActions,
  views,
} from '../../../src/slack/ids.js';
import { type Pillar, pillars } from '../../../src/vocabulary.js';

const counts = (c: Partial<RiskCounts> = {}): RiskCounts => ({
  UNANSWERED: 0,
  HIGH: 0,
  MEDIUM: 0,
  NONE: 0,
  NOT_APPLICABLE: 0,
  ...c,
});

function question(over: Partial<ReviewQuestion> & { questionId: string }): ReviewQuestion {
  return {
    lens: 'wellarchitected',
    pillarId: 'reliability',
    title: `How do you ${over.questionId}?`,
    choices: [
      { id: `${over.questionId}_a`, title: 'Best practice A', none: false },
      { id: `${over.questionId}_b`, title: 'Best practice B', none: false },
      { id: `${over.questionId}_no`, title: 'None of these', none: true },
    ],
    selected: [],
    isApplicable: true,
    risk: 'UNANSWERED',
    ...over,
  };
}

const backup = question({
  questionId: 'backing-up-data',
  title: 'How do you back up data?',
  selected: ['backing-up-data_a'],
  risk: 'MEDIUM',
  proposal: {
    selected: ['backing-up-data_a'],
    supports: ['backing-up-data_a'],
    contradicts: ['backing-up-data_b'],
    notes: 'Pillar checks…',
    changes: false,
    evidence: [
      {
        checkId: 'dynamodb-pitr',
        title: 'DynamoDB point-in-time recovery',
        choiceId: 'backing-up-data_b',
        status: 'non_compliant',
        resources: ['orders-table', 'carts-table'],
        resourceCount: 5,
      },
    ],
  },
});

const failures = question({
  questionId: 'failure-management',
  title: 'How do you handle failures <!channel>?',
  proposal: {
    selected: ['failure-management_a', 'failure-management_b'],
    supports: ['failure-management_a', 'failure-management_b'],
    contradicts: [],
    notes: '',
    changes: true,
    evidence: [
      {
        checkId: 'lambda-dlq-configured',
        title: 'Async functions have a DLQ',
        choiceId: 'failure-management_a',
        status: 'compliant',
        resources: [],
        resourceCount: 0,
      },
    ],
  },
});

const serverless = question({
  lens: 'serverless',
  questionId: 'rel_q1',
  title: 'How do you regulate inbound request rates?',
  isApplicable: false,
  reason: 'OUT_OF_SCOPE',
  risk: 'NOT_APPLICABLE',
});

function progress(pillarId: Pillar, over: Partial<PillarProgress> = {}): PillarProgress {
  return {
    pillarId,
    riskCounts: counts({ UNANSWERED: 3 }),
    questions: 3,
    answered: 0,
    proposalsPending: 0,
    ...over,
  };
}

function review(over: Partial<Review> = {}): Review {
  return {
    id: 7,
    workload: {
      name: 'orders',
      id: 'wl-1',
      arn: 'arn:aws:wellarchitected:us-east-1:111111111111:workload/wl-1',
      region: 'us-east-1',
      account: 'prod',
      owner: 'U0SIMALICE',
    },
    runKey: '2026-H2',
    trigger: 'command',
    status: 'open',
    startedAt: Date.UTC(2026, 6, 1, 9),
    startedBy: 'U0SIMALICE',
    lenses: [
      {
        alias: 'wellarchitected',
        arn: 'arn:aws:wellarchitected::aws:lens/wellarchitected',
        name: 'AWS Well-Architected Framework',
        version: '2024-06-27',
      },
      {
        alias: 'serverless',
        arn: 'arn:aws:wellarchitected::aws:lens/serverless',
        name: 'Serverless Lens',
        version: '2023-04-18',
      },
    ],
    pillars: pillars.map((p) =>
      p === 'reliability'
        ? progress(p, {
            riskCounts: counts({ MEDIUM: 1, UNANSWERED: 1, NOT_APPLICABLE: 1 }),
            answered: 2,
            proposalsPending: 1,
          })
        : progress(p),
    ),
    questions: [backup, failures, serverless],
    drift: [],
    evidenceAt: Date.UTC(2026, 6, 1, 9),
    slack: { channel: 'C0REVIEWS1', ts: '1782896400.000100' },
    ...over,
  };
}

const json = (v: unknown) => JSON.stringify(v);

describe('reviewMessage', () => {
  it('shows the workload, risk counts and progress per pillar, a button per pillar and Finish with a confirm', () => {
    const m = reviewMessage(review());
    expect(validateMessage(m.blocks, m.text)).toEqual([]);
    const body = json(m.blocks);
    expect(body).toContain('orders');
    expect(body).toContain('us-east-1');
    expect(body).toContain('<@U0SIMALICE>');
    expect(body).toContain('2026-H2');
    expect(body).toContain('Reliability');
    expect(body).toContain('🟠 Medium 1');
    expect(body).toContain('2/3 answered');
    expect(body).toContain('1 proposal waiting');
    for (const p of pillars) expect(body).toContain(reviewPillarActions[p]);
    const finish = m.blocks
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => 'action_id' in e && e.action_id === actions.reviewFinish);
    expect(finish).toMatchObject({ style: 'primary', value: '7' });
    expect((finish as { confirm?: unknown }).confirm).toBeDefined();
    expect(body).not.toContain('drift');
    expect(m.text).toContain('orders');
  });

  it('warns about lens version drift', () => {
    const m = reviewMessage(
      review({
        drift: Array.from({ length: 5 }, (_, i) => ({
          checkId: `check-${i}`,
          lens: 'wellarchitected',
          questionId: 'telemetry',
          choiceId: 'ops_telemetry_application_telemetry',
          problem: 'unknown_question' as const,
        })),
      }),
    );
    expect(validateMessage(m.blocks, m.text)).toEqual([]);
    const body = json(m.blocks);
    expect(body).toContain('Lens version drift');
    expect(body).toContain('5 check mappings');
    expect(body).toContain('…and 2 more');
  });

  it('warns when a lens review in the Tool is not on the current lens version', () => {
    const base = review();
    const m = reviewMessage(
      review({
        lenses: [
          ...base.lenses.filter((l) => l.alias !== 'serverless'),
          {
            alias: 'serverless',
            arn: 'arn:aws:wellarchitected::aws:lens/serverless',
            name: 'Serverless Lens',
            version: '2022-01-01',
            status: 'NOT_CURRENT',
          },
        ],
      }),
    );
    expect(validateMessage(m.blocks, m.text)).toEqual([]);
    expect(json(m.blocks)).toContain('Lens not current');
    expect(json(m.blocks)).toContain('`serverless` (`2022-01-01`, `NOT_CURRENT`)');
    expect(json(reviewMessage(base).blocks)).not.toContain('Lens not current');
  });

  it('a finished review shows its milestone and no buttons', () => {
    const m = reviewMessage(review({ status: 'finished', milestone: { number: 3, name: '2026-H2 review' } }));
    expect(validateMessage(m.blocks, m.text)).toEqual([]);
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(json(m.blocks)).toContain('milestone #3');
    expect(json(m.blocks)).toContain('2026-H2 review');
  });
});

describe('reviewPillarModal', () => {
  it('lists the pillar questions across lenses with answers, proposals, evidence and the right buttons', () => {
    const v = reviewPillarModal(review(), 'reliability');
    expect(validateView(v)).toEqual([]);
    expect(v.callback_id).toBe(REVIEW_PILLAR_CALLBACK);
    expect(JSON.parse(v.private_metadata ?? '')).toEqual({ r: 7, p: 'reliability' });
    const body = json(v.blocks);
    expect(body).toContain('How do you back up data?');
    expect(body).toContain('Best practice A'); // current answer
    expect(body).toContain('_Not answered_');
    expect(body).toContain('_Not applicable_ (Out of scope)');
    expect(body).toContain('Serverless Lens'); // lens label when not wellarchitected
    expect(body).toContain('Leaves out (a check fails): Best practice B');
    expect(body).toContain('orders-table, carts-table …and 3 more');
    expect(body).toContain('✅ Async functions have a DLQ');
    expect(body).toContain('&lt;!channel&gt;');
    expect(body).not.toContain('<!channel>');
    // Apply only where the proposal changes something; Not applicable only where it applies.
    expect(body.split(actions.reviewApply).length - 1).toBe(1);
    expect(body.split(actions.reviewChange).length - 1).toBe(3);
    expect(body.split(actions.reviewNotApplicable).length - 1).toBe(2);
    const apply = (v.blocks as KnownBlock[])
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => 'action_id' in e && e.action_id === actions.reviewApply) as { value: string };
    expect(JSON.parse(apply.value)).toEqual({ r: 7, l: 'wellarchitected', q: 'failure-management' });
  });

  it('stays within 100 blocks and the text limits for a pillar with 20 questions and long evidence', () => {
    const long = 'x'.repeat(600);
    const questions = Array.from({ length: 20 }, (_, i) =>
      question({
        questionId: `q${i}`,
        title: `${long} ${i}`,
        choices: Array.from({ length: 15 }, (_, c) => ({
          id: `q${i}_${c}`,
          title: `${long} ${c}`,
          none: c === 14,
        })),
        selected: [`q${i}_1`, `q${i}_2`, `q${i}_3`],
        risk: 'HIGH',
        applied: { at: 1, by: 'U0SIMBOB01', kind: 'selection' },
        proposal: {
          selected: Array.from({ length: 13 }, (_, c) => `q${i}_${c}`),
          supports: [],
          contradicts: [`q${i}_13`],
          notes: long,
          changes: true,
          evidence: Array.from({ length: 30 }, (_, e) => ({
            checkId: `check-${e}`,
            title: long,
            choiceId: `q${i}_${e % 14}`,
            status: e % 2 === 0 ? ('non_compliant' as const) : ('compliant' as const),
            resources: Array.from({ length: 10 }, (_, r) => `${long}-${r}`),
            resourceCount: 400,
          })),
        },
      }),
    );
    const v = reviewPillarModal(review({ questions }), 'reliability');
    expect(validateView(v)).toEqual([]);
    expect(v.blocks.length).toBeLessThanOrEqual(100);
    const body = json(v.blocks);
    expect(body).toMatch(/…and \d+ more questions/);
  });

  it('a finished review has no question buttons', () => {
    const v = reviewPillarModal(review({ status: 'finished' }), 'reliability');
    expect(validateView(v)).toEqual([]);
    expect(v.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('the forms', () => {
  it('the selection form has every choice, the current selection ticked, and carries the parent view', () => {
    const v = reviewSelectionModal(review(), 'wellarchitected', 'backing-up-data', 'V0PARENT');
    expect(validateView(v)).toEqual([]);
    expect(v.callback_id).toBe(views.reviewSelection);
    expect(JSON.parse(v.private_metadata ?? '')).toMatchObject({
      r: 7,
      l: 'wellarchitected',
      q: 'backing-up-data',
      v: 'V0PARENT',
    });
    const input = v.blocks.find((b) => b.type === 'input') as unknown as {
      block_id: string;
      element: { options: { value: string }[]; initial_options?: { value: string }[] };
    };
    expect(input.block_id).toBe(reviewModal.choicesBlock(0));
    expect(input.element.options.map((o) => o.value)).toEqual([
      'backing-up-data_a',
      'backing-up-data_b',
      'backing-up-data_no',
    ]);
    expect(input.element.initial_options?.map((o) => o.value)).toEqual(['backing-up-data_a']);
  });

  it('splits 15 choices into checkbox groups of at most ten, with long titles cut to 75', () => {
    const q = question({
      questionId: 'big',
      choices: Array.from({ length: 15 }, (_, c) => ({
        id: `big_${c}`,
        title: 'y'.repeat(300),
        none: c === 14,
      })),
      selected: ['big_14'],
    });
    const v = reviewSelectionModal(review({ questions: [q] }), 'wellarchitected', 'big');
    expect(validateView(v)).toEqual([]);
    const inputs = v.blocks.filter((b) => b.type === 'input');
    expect(inputs).toHaveLength(2);
    expect(json(inputs[1])).toContain('big_14');
    expect(json(inputs[1])).toContain('initial_options');
  });

  it('the not-applicable form offers the Tool reasons with labels and optional notes up to 2084', () => {
    const v = reviewNotApplicableModal(review(), 'wellarchitected', 'failure-management', 'V0PARENT');
    expect(validateView(v)).toEqual([]);
    expect(v.callback_id).toBe(views.reviewNotApplicable);
    const body = json(v.blocks);
    for (const label of ['Out of scope', 'Business priorities', 'Architecture constraints', 'Other'])
      expect(body).toContain(label);
    expect(body).toContain('"value":"OUT_OF_SCOPE"');
    expect(body).toContain('"max_length":2084');
    expect(body).toContain('"optional":true');
  });
});

describe('reviewSummaryMessage and the reminder', () => {
  const summary = (over: Partial<ReviewSummary> = {}): ReviewSummary => ({
    review: review({ status: 'finished', milestone: { number: 2, name: '2026-H2 review' } }),
    milestone: { number: 2, name: '2026-H2 review' },
    previous: { number: 1, name: '2026-H1 review' },
    pillars: [
      { pillarId: 'security', now: counts({ HIGH: 4, MEDIUM: 1 }), before: counts({ HIGH: 6, MEDIUM: 0 }) },
      { pillarId: 'reliability', now: counts({ HIGH: 1 }), before: counts({ HIGH: 1 }) },
    ],
    unanswered: Array.from({ length: 8 }, (_, i) => ({
      lens: 'wellarchitected',
      questionId: `q${i}`,
      pillarId: 'security',
      title: `Question ${i}`,
    })),
    improvements: [
      {
        lens: 'wellarchitected',
        questionId: 'a',
        pillarId: 'security',
        title: 'Protect data at rest',
        risk: 'MEDIUM',
        url: 'https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_protect_data_rest.html',
      },
      {
        lens: 'wellarchitected',
        questionId: 'b',
        pillarId: 'security',
        title: 'Detect <!here> events',
        risk: 'HIGH',
        url: 'javascript:alert(1)',
      },
    ],
    report: { filename: 'orders-2026-H2.pdf', pdf: Buffer.from('%PDF-1.4') },
    ...over,
  });

  it('shows the change per pillar against the previous milestone, the unanswered questions and linked improvements', () => {
    const m = reviewSummaryMessage(summary());
    expect(validateMessage(m.blocks, m.text)).toEqual([]);
    const body = json(m.blocks);
    expect(body).toContain('High 4 (−2)');
    expect(body).toContain('Medium 1 (+1)');
    expect(body).toContain('High 1 ·'); // unchanged: no parenthesis
    expect(body).toContain('2026-H1 review');
    expect(body).toContain('8 questions still unanswered');
    expect(body).toContain('…and 3 more');
    expect(body).toContain(
      '<https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_protect_data_rest.html|Protect data at rest>',
    );
    expect(body).not.toContain('javascript:');
    expect(body).toContain('Detect &lt;!here&gt; events');
    // HIGH first.
    expect(body.indexOf('Detect')).toBeLessThan(body.indexOf('Protect data'));
    expect(body).toContain('PDF');
    expect(m.text).toContain('5 high risks (−2)');
  });

  it('escapes the workload and milestone names in the fallback texts', () => {
    const hostile = review({
      workload: { ...review().workload, name: '<!channel> orders' },
      runKey: '<@U123>',
    });
    const texts = [
      reviewMessage(hostile).text,
      reviewSummaryMessage(summary({ review: hostile, milestone: { number: 2, name: '<!here>' } })).text,
    ];
    for (const t of texts) {
      expect(t).toContain('&lt;!channel&gt; orders');
      expect(t).not.toContain('<');
    }
  });

  it('the first milestone has nothing to compare with', () => {
    const m = reviewSummaryMessage(
      summary({
        previous: undefined,
        pillars: [{ pillarId: 'security', now: counts({ HIGH: 4 }) }],
        unanswered: [],
        improvements: [],
      }),
    );
    expect(validateMessage(m.blocks, m.text)).toEqual([]);
    const body = json(m.blocks);
    expect(body).toContain('first milestone');
    expect(body).not.toMatch(/\([+−]/);
    expect(body).toContain('Every question is answered');
  });

  it('change() writes a true minus sign and nothing when equal', () => {
    expect(change(4, 6)).toBe(' (−2)');
    expect(change(3, 1)).toBe(' (+2)');
    expect(change(3, 3)).toBe('');
    expect(change(3, undefined)).toBe('');
  });

  it('the reminder names the owner and what is left; status links the message', () => {
    const text = reviewReminderText(review());
    expect(text).toContain('<@U0SIMALICE>');
    expect(text).toContain('16 questions unanswered');
    expect(text).toContain('1 proposal waiting');
    expect(validateMessage([], text)).toEqual([]);
    const status = reviewStatusText(review(), 'https://slack.com/archives/C0REVIEWS1/p1782896400000100');
    expect(status).toContain('|open the review>');
    expect(status).toContain('2/18 answered');
  });
});

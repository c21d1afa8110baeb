import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../checks/runner.js';
import type { CheckMeta } from '../../checks/types.js';
import type { SuppressedFinding } from '../../src/findings/suppressions.js';
import {
  EVIDENCE_MARKER,
  evidenceByQuestion,
  evidenceNotes,
  proposeAnswer,
} from '../../src/review/proposals.js';
import type { ReviewQuestion } from '../../src/review/types.js';

const question = (over: Partial<ReviewQuestion> = {}): Omit<ReviewQuestion, 'proposal'> => ({
  lens: 'serverless',
  questionId: 'rel_q2',
  pillarId: 'reliability',
  title: 'How do you build resiliency into your Serverless application?',
  choices: [
    { id: 'rel_rel_q2_a1', title: 'Manage transaction, partial, and intermittent failures', none: false },
    { id: 'rel_rel_q2_a3', title: 'Manage duplicate and unwanted events', none: false },
    { id: 'rel_rel_q2_a2', title: 'Orchestrate long-running transactions', none: false },
    { id: 'rel_rel_q2_no', title: 'None of these', none: true },
  ],
  selected: [],
  isApplicable: true,
  risk: 'UNANSWERED',
  ...over,
});

function meta(
  id: string,
  choiceId: string,
  questionId = 'rel_q2',
  lens: 'serverless' | 'wellarchitected' = 'serverless',
): CheckMeta {
  return {
    id,
    title: `Title of ${id}`,
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale: 'r',
    remediation: 'm',
    docsUrl: 'https://example.com',
    wellArchitected: [{ lens, questionId, choiceId }],
    data: 'config',
    needs: ['lambda'],
  };
}

const pass = (m: CheckMeta): ScanResult => ({ meta: m, durationMs: 0, status: 'compliant' });
const fail = (m: CheckMeta, ...resources: string[]): ScanResult => ({
  meta: m,
  durationMs: 0,
  status: 'non_compliant',
  severity: 'high',
  findings: resources.map((r) => ({ resourceId: r, resourceName: r, message: 'x' })),
});
const AT = Date.parse('2026-11-28T09:00:00Z');
const suppressedBy = (m: CheckMeta, reason: string, ...resources: string[]): SuppressedFinding[] =>
  resources.map((r) => ({
    meta: m,
    finding: { resourceId: r, resourceName: r, message: 'x' },
    suppression: {
      checkId: m.id,
      resource: '*',
      reason,
      expiresAt: Date.parse('2027-03-31T00:00:00Z'),
      source: 'settings',
    },
  }));

describe('proposals from check evidence', () => {
  it('selects supported choices, leaves contradicted ones out and keeps the lens order', () => {
    const q = question({ selected: ['rel_rel_q2_a2'] });
    const { evidence } = evidenceByQuestion(
      [q],
      [
        pass(meta('lambda-dlq-configured', 'rel_rel_q2_a1')),
        fail(meta('lambda-esm-poison', 'rel_rel_q2_a3'), 'orders-api'),
      ],
    );
    const p = proposeAnswer(q, evidence.get('serverless/rel_q2') ?? [], AT);
    expect(p?.selected).toEqual(['rel_rel_q2_a1', 'rel_rel_q2_a2']);
    expect(p?.supports).toEqual(['rel_rel_q2_a1']);
    expect(p?.contradicts).toEqual(['rel_rel_q2_a3']);
    expect(p?.changes).toBe(true);
    expect(p?.notes).toContain(
      'FAIL Title of lambda-esm-poison [Manage duplicate and unwanted events]: orders-api',
    );
    expect(p?.notes).toContain('PASS Title of lambda-dlq-configured');
  });

  it('a choice with one failing and one passing check is contradicted, and a failing check removes a selected choice', () => {
    const q = question({ selected: ['rel_rel_q2_a1'] });
    const { evidence } = evidenceByQuestion(
      [q],
      [pass(meta('a', 'rel_rel_q2_a1')), fail(meta('b', 'rel_rel_q2_a1'), 'f1')],
    );
    const p = proposeAnswer(q, evidence.get('serverless/rel_q2') ?? [], AT);
    expect(p?.selected).toEqual([]);
    expect(p?.contradicts).toEqual(['rel_rel_q2_a1']);
  });

  it('drops "None of these" when a best practice is selected', () => {
    const q = question({ selected: ['rel_rel_q2_no'], risk: 'HIGH' });
    const { evidence } = evidenceByQuestion([q], [pass(meta('a', 'rel_rel_q2_a1'))]);
    expect(proposeAnswer(q, evidence.get('serverless/rel_q2') ?? [], AT)?.selected).toEqual([
      'rel_rel_q2_a1',
    ]);
  });

  it('proposes nothing without evidence, and no change when the answer already agrees', () => {
    const q = question({ selected: ['rel_rel_q2_a1'] });
    expect(proposeAnswer(q, [], AT)).toBeUndefined();
    const { evidence } = evidenceByQuestion([q], [pass(meta('a', 'rel_rel_q2_a1'))]);
    expect(proposeAnswer(q, evidence.get('serverless/rel_q2') ?? [], AT)?.changes).toBe(false);
  });

  it('ignores checks that were not applicable or not assessed', () => {
    const q = question();
    const { evidence } = evidenceByQuestion(
      [q],
      [
        { meta: meta('a', 'rel_rel_q2_a1'), durationMs: 0, status: 'not_applicable', reason: 'none' },
        { meta: meta('b', 'rel_rel_q2_a1'), durationMs: 0, status: 'not_assessed', reason: 'denied' },
      ],
    );
    expect(evidence.size).toBe(0);
  });

  it('reports lens version drift and never uses the drifted mapping', () => {
    const q = question();
    const { evidence, drift } = evidenceByQuestion(
      [q],
      [
        fail(meta('gone-choice', 'rel_rel_q2_a9'), 'x'),
        fail(meta('gone-question', 'rel_rel_q9_a1', 'rel_q9'), 'x'),
        // A lens the workload does not have is not drift.
        fail(
          meta(
            'other-lens',
            'rel_backing_up_data_automated_backups_data',
            'backing-up-data',
            'wellarchitected',
          ),
          'x',
        ),
      ],
    );
    expect(evidence.size).toBe(0);
    expect(drift).toEqual([
      {
        checkId: 'gone-choice',
        lens: 'serverless',
        questionId: 'rel_q2',
        choiceId: 'rel_rel_q2_a9',
        problem: 'unknown_choice',
      },
      {
        checkId: 'gone-question',
        lens: 'serverless',
        questionId: 'rel_q9',
        choiceId: 'rel_rel_q9_a1',
        problem: 'unknown_question',
      },
    ]);
  });
});

describe('evidence notes', () => {
  it("keep the person's notes, replace the earlier evidence and stay within 2,084 characters", () => {
    const q = question();
    const many = Array.from({ length: 40 }, (_, i) => ({
      checkId: `check-${i}`,
      title: `A check with a long title number ${i} that explains what it looks at`,
      choiceId: 'rel_rel_q2_a1',
      status: 'non_compliant' as const,
      resources: ['function-with-a-long-name-1', 'function-with-a-long-name-2'],
      resourceCount: 9,
    }));
    const earlier = `We use SQS everywhere.\n\n${EVIDENCE_MARKER}\nold evidence`;
    const notes = evidenceNotes(q, many, AT, earlier);
    expect(notes.length).toBeLessThanOrEqual(2084);
    expect(notes.startsWith('We use SQS everywhere.\n\n--- Pillar check evidence ---')).toBe(true);
    expect(notes).not.toContain('old evidence');
    expect(notes).toContain('and 7 more');
    expect(notes.endsWith('... (clipped)')).toBe(true);
  });
});

describe('suppressed findings in the evidence', () => {
  it('say nothing for or against a choice, and are listed after the failures, once per reason, with the rest counted', () => {
    const q = question();
    const dlq = meta('lambda-dlq-configured', 'rel_rel_q2_a1');
    const poison = meta('lambda-esm-poison', 'rel_rel_q2_a3');
    const found = evidenceByQuestion(
      [q],
      [pass(dlq), fail(poison, 'orders-api')],
      [
        ...suppressedBy(poison, 'vendor\nbinary', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l1'),
        ...suppressedBy(poison, 'migrating', 'billing'),
      ],
    );
    const left = found.suppressed.get('serverless/rel_q2') ?? [];
    expect(left.map((s) => [s.reason, s.resources, s.resourceCount])).toEqual([
      ['vendor\nbinary', ['l1', 'l2', 'l3', 'l4', 'l5'], 6],
      ['migrating', ['billing'], 1],
    ]);
    const p = proposeAnswer(q, found.evidence.get('serverless/rel_q2') ?? [], AT, '', left);
    expect(p?.supports).toEqual(['rel_rel_q2_a1']);
    expect(p?.contradicts).toEqual(['rel_rel_q2_a3']);
    expect(p?.notes.split('\n').slice(2)).toEqual([
      'FAIL Title of lambda-esm-poison [Manage duplicate and unwanted events]: orders-api',
      'SUPPRESSED Title of lambda-esm-poison [Manage duplicate and unwanted events]: l1, l2, l3, l4, l5 and 1 more (vendor binary; until 2027-03-31)',
      'SUPPRESSED Title of lambda-esm-poison [Manage duplicate and unwanted events]: billing (migrating; until 2027-03-31)',
      'PASS Title of lambda-dlq-configured [Manage transaction, partial, and intermittent failures]',
    ]);
  });

  it('alone propose nothing, and leave a proposal without them as it was', () => {
    const q = question();
    const only = evidenceByQuestion([q], [], suppressedBy(meta('a', 'rel_rel_q2_a1'), 'why', 'f1'));
    expect(only.evidence.size).toBe(0);
    expect(proposeAnswer(q, [], AT, '', only.suppressed.get('serverless/rel_q2'))).toBeUndefined();
    const { evidence } = evidenceByQuestion([q], [pass(meta('a', 'rel_rel_q2_a1'))]);
    expect(proposeAnswer(q, evidence.get('serverless/rel_q2') ?? [], AT)).not.toHaveProperty('suppressed');
  });
});

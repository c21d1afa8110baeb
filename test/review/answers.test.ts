import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reviewEvents } from '../../src/db/schema.js';
import { PillarError } from '../../src/errors.js';
import { createAnswers } from '../../src/review/answers.js';
import { createStart } from '../../src/review/start.js';
import type { Review } from '../../src/review/types.js';
import { toolFor } from '../../src/review/workloads.js';
import { mappedPair, type ReviewHarness, reviewHarness } from '../helpers/review.js';

let h: ReviewHarness;
let review: Review;
const pair = mappedPair();

beforeEach(async () => {
  h = await reviewHarness();
  h.evidence = {
    results: [{ meta: pair.pass.meta, durationMs: 0, status: 'compliant' }],
    // A failing finding a suppression took out, as the evidence step hands it on.
    suppressed: [
      {
        meta: pair.fail.meta,
        finding: { resourceId: 'arn:fn:legacy-api', resourceName: 'legacy-api', message: 'fails' },
        suppression: {
          checkId: pair.fail.meta.id,
          resource: 'legacy-*',
          reason: 'vendor binary',
          expiresAt: Date.parse('2027-03-31T00:00:00Z'),
          source: 'settings',
        },
      },
    ],
  };
  ({ review } = await createStart(h.parts()).start('orders', { trigger: 'command' }));
  h.sim.requests.clear();
});

afterEach(async () => {
  await h.close();
});

const sentUpdates = () =>
  h.sim.requests
    .find({ operation: 'UpdateAnswer' })
    .map(
      (r) =>
        r.params as { SelectedChoices?: string[]; Notes?: string; IsApplicable?: boolean; Reason?: string },
    );

async function failure(run: () => Promise<unknown>): Promise<PillarError> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PillarError);
  return err as PillarError;
}

describe('applying a proposal', () => {
  it("keeps the person's own notes from the Tool, and the notes still say what suppressions left out", async () => {
    const tool = toolFor(h.clients, review.workload);
    await tool.updateAnswer(review.workload.id, 'wellarchitected', pair.questionId, {
      selected: [],
      notes: 'Reviewed with the platform team.',
    });
    h.sim.requests.clear();
    const after = await createAnswers(h.parts()).applyProposal(
      review.id,
      'wellarchitected',
      pair.questionId,
      'U0ALICE01',
    );
    expect(sentUpdates()[0]?.SelectedChoices).toEqual([pair.passChoice]);
    // The request log clips long strings: read the notes back from the Tool.
    const notes = (await tool.answer(review.workload.id, 'wellarchitected', pair.questionId)).Notes;
    expect(notes).toMatch(/^Reviewed with the platform team\.\n\n--- Pillar check evidence ---/);
    expect(notes).toMatch(/\nSUPPRESSED .*: legacy-api \(vendor binary; until 2027-03-31\)\n/);
    expect(notes).toMatch(/\nPASS /);
    const q = after.questions.find((x) => x.questionId === pair.questionId)!;
    expect(q.proposal?.suppressed).toHaveLength(1);
    expect(q.applied).toEqual({ at: h.clock.now(), by: 'U0ALICE01', kind: 'proposal' });
    expect(h.store.get(review.id)).toEqual(after);
  });

  it('refuses a question no check bears on, before calling the Tool', async () => {
    const other = review.questions.find((q) => !q.proposal)!;
    const err = await failure(() =>
      createAnswers(h.parts()).applyProposal(review.id, other.lens, other.questionId, 'U0ALICE01'),
    );
    expect(err.code).toBe('not_found');
    expect(err.message).toBe(`No check bears on ${other.questionId}, so there is no proposal to apply.`);
    expect(h.sim.requests.count({ service: 'wellarchitected' })).toBe(0);
  });
});

describe('every change', () => {
  it('is audited with who, what and which question, and refreshes the pillar counts', async () => {
    const answers = createAnswers(h.parts());
    const q = review.questions.find((x) => x.questionId === pair.questionId)!;
    const other = q.choices.find((c) => !c.none)!;
    await answers.setSelection(review.id, q.lens, q.questionId, [other.id, other.id], 'U0BOB0001');
    expect(sentUpdates()[0]?.SelectedChoices).toEqual([other.id]);
    const na = review.questions.find((x) => x.pillarId === 'sustainability')!;
    const after = await answers.markNotApplicable(
      review.id,
      na.lens,
      na.questionId,
      'OTHER',
      undefined,
      'U0ALICE01',
    );
    expect(after.pillars.find((p) => p.pillarId === 'sustainability')?.riskCounts.NOT_APPLICABLE).toBe(1);
    expect(after.pillars.find((p) => p.pillarId === 'sustainability')?.answered).toBe(1);
    const events = h.db
      .select()
      .from(reviewEvents)
      .all()
      .filter((e) => e.action !== 'start');
    expect(events.map((e) => [e.by, e.action, e.lens, e.questionId, e.detail])).toEqual([
      [
        'U0BOB0001',
        'apply_selection',
        q.lens,
        q.questionId,
        JSON.stringify({ selected: [other.id, other.id] }),
      ],
      ['U0ALICE01', 'not_applicable', na.lens, na.questionId, JSON.stringify({ reason: 'OTHER' })],
    ]);
  });

  it('names what is wrong with the question or the choice, and leaves a finished review alone', async () => {
    const answers = createAnswers(h.parts());
    const unknownQuestion = await failure(() =>
      answers.setSelection(review.id, 'serverless', 'nope', [], 'U0BOB0001'),
    );
    expect(unknownQuestion.message).toBe('The serverless lens of this review has no question nope.');
    const unknownChoice = await failure(() =>
      answers.setSelection(review.id, 'wellarchitected', pair.questionId, ['made_up'], 'U0BOB0001'),
    );
    expect(unknownChoice).toMatchObject({ code: 'input_invalid' });
    expect(unknownChoice.message).toBe(`Question ${pair.questionId} has no choice made_up.`);
    const done = h.store.mustGet(review.id);
    done.status = 'finished';
    done.milestone = { number: 1, name: '2026-H2 review' };
    h.store.save(done);
    const finished = await failure(() =>
      answers.markNotApplicable(
        review.id,
        'wellarchitected',
        pair.questionId,
        'OTHER',
        undefined,
        'U0BOB0001',
      ),
    );
    expect(finished.code).toBe('invalid_transition');
    expect(sentUpdates()).toEqual([]);
  });
});

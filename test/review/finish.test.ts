import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reviewEvents } from '../../src/db/schema.js';
import { PillarError } from '../../src/errors.js';
import { createFinish } from '../../src/review/finish.js';
import { createStart } from '../../src/review/start.js';
import type { Review, ReviewQuestion } from '../../src/review/types.js';
import { toolFor } from '../../src/review/workloads.js';
import { type ReviewHarness, reviewHarness } from '../helpers/review.js';

let h: ReviewHarness;
let review: Review;

beforeEach(async () => {
  h = await reviewHarness();
  ({ review } = await createStart(h.parts()).start('orders', { trigger: 'command' }));
});

afterEach(async () => {
  await h.close();
});

/** Answers straight in the Tool: "None of these" is a high risk, a third or more of the best practices medium. */
async function answer(q: ReviewQuestion, risk: 'HIGH' | 'MEDIUM') {
  const practices = q.choices.filter((c) => !c.none);
  const selected =
    risk === 'HIGH'
      ? [q.choices.find((c) => c.none)!.id]
      : practices.slice(0, Math.ceil(practices.length / 3)).map((c) => c.id);
  await toolFor(h.clients, review.workload).updateAnswer(review.workload.id, q.lens, q.questionId, {
    selected,
    notes: '',
  });
}

describe('finishing a review', () => {
  it('records the milestone, stores the finished review with fresh counts, and audits it', async () => {
    const summary = await createFinish(h.parts()).finish(review.id, 'U0ALICE01');
    expect(summary.milestone).toEqual({ number: 1, name: '2026-H2 review' });
    const stored = h.store.mustGet(review.id);
    expect(stored).toMatchObject({
      status: 'finished',
      finishedAt: h.clock.now(),
      milestone: { number: 1, name: '2026-H2 review' },
    });
    expect(summary.review).toEqual(stored);
    expect(h.sim.requests.find({ operation: 'CreateMilestone' })[0]?.params).toMatchObject({
      MilestoneName: '2026-H2 review',
      ClientRequestToken: `pillar-review-${review.id}-2026-H2`,
    });
    const events = h.db.select().from(reviewEvents).all();
    expect(events.at(-1)).toMatchObject({
      by: 'U0ALICE01',
      action: 'finish',
      detail: JSON.stringify({ milestone: 1, name: '2026-H2 review' }),
    });
  });

  it('lists at most eight improvements, high risks first', async () => {
    const framework = review.questions.filter(
      (q) => q.lens === 'wellarchitected' && q.choices.some((c) => c.none) && q.choices.length >= 4,
    );
    // The medium one comes first in the lens, and is still left out by eight high ones.
    await answer(framework[0]!, 'MEDIUM');
    for (const q of framework.slice(1, 9)) await answer(q, 'HIGH');
    const listed = await toolFor(h.clients, review.workload).improvements(
      review.workload.id,
      'wellarchitected',
    );
    expect(listed.map((i) => [i.QuestionId, i.Risk])[0]).toEqual([framework[0]!.questionId, 'MEDIUM']);
    expect(listed).toHaveLength(9);
    const summary = await createFinish(h.parts()).finish(review.id, 'U0ALICE01');
    expect(summary.improvements).toHaveLength(8);
    expect(summary.improvements.map((i) => i.risk)).toEqual(Array(8).fill('HIGH'));
    expect(summary.improvements.map((i) => i.questionId)).not.toContain(framework[0]!.questionId);
    expect(summary.unanswered).toHaveLength(review.questions.length - 9);
  });

  it('stands without the report when the Tool cannot give it, and refuses to finish twice', async () => {
    h.sim.faults.add({
      service: 'wellarchitected',
      operation: 'GetLensReviewReport',
      error: 'InternalServerException',
    });
    const finish = createFinish(h.parts());
    const summary = await finish.finish(review.id, 'U0ALICE01');
    expect(summary.report).toBeUndefined();
    expect(h.store.mustGet(review.id).status).toBe('finished');
    const again = await finish.finish(review.id, 'U0ALICE01').catch((e: unknown) => e);
    expect(again).toBeInstanceOf(PillarError);
    expect((again as PillarError).code).toBe('invalid_transition');
    expect(h.sim.requests.count({ operation: 'CreateMilestone' })).toBe(1);
  });
});

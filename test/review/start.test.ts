import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reviewEvents } from '../../src/db/schema.js';
import { createStart } from '../../src/review/start.js';
import { mappedPair, PROD, REGION, type ReviewHarness, reviewHarness } from '../helpers/review.js';

let h: ReviewHarness;
const pair = mappedPair();

beforeEach(async () => {
  h = await reviewHarness();
  h.evidence = {
    results: [
      { meta: pair.pass.meta, durationMs: 0, status: 'compliant' },
      {
        meta: pair.fail.meta,
        durationMs: 0,
        status: 'non_compliant',
        severity: 'high',
        findings: [{ resourceId: 'arn:fn:orders-api', resourceName: 'orders-api', message: 'fails' }],
      },
    ],
    suppressed: [],
  };
});

afterEach(async () => {
  await h.close();
});

describe('starting', () => {
  it('gathers the evidence once, stores the review with the time the checks ran, and audits the start', async () => {
    const { review, created } = await createStart(h.parts()).start('ORDERS', {
      trigger: 'command',
      by: 'U0ALICE01',
    });
    expect(created).toBe(true);
    expect(h.evidenceCalls).toBe(1);
    expect(review).toMatchObject({
      runKey: '2026-H2',
      trigger: 'command',
      startedBy: 'U0ALICE01',
      status: 'open',
      evidenceAt: h.clock.now(),
      workload: { name: 'orders', region: REGION, account: 'prod', owner: 'U0OWNER01' },
    });
    expect(h.store.get(review.id)).toEqual(review);
    const q = review.questions.find((x) => x.questionId === pair.questionId)!;
    expect(q.proposal?.selected).toContain(pair.passChoice);
    expect(h.db.select().from(reviewEvents).all()).toEqual([
      expect.objectContaining({
        reviewId: review.id,
        by: 'U0ALICE01',
        action: 'start',
        detail: JSON.stringify({ trigger: 'command', runKey: '2026-H2', workloadId: review.workload.id }),
      }),
    ]);
  });

  it('creates the workload with a retry-safe token made from its name', async () => {
    h.settings = { ...h.settings, review: { workloads: [{ name: 'orders team', region: REGION }] } };
    await createStart(h.parts()).start('orders team', { trigger: 'cli' });
    const create = h.sim.requests.find({ service: 'wellarchitected', operation: 'CreateWorkload' });
    expect(create).toHaveLength(1);
    expect(create[0]!.params).toMatchObject({
      WorkloadName: 'orders team',
      ClientRequestToken: 'pillar-orders-team',
      ReviewOwner: 'Pillar',
      Lenses: ['wellarchitected', 'serverless'],
    });
  });

  it('never reviews a period twice on a schedule or a catch-up; a person starts another with the next run key', async () => {
    const start = createStart(h.parts());
    const first = await start.start('orders', { trigger: 'schedule' });
    const done = h.store.mustGet(first.review.id);
    done.status = 'finished';
    h.store.save(done);
    for (const trigger of ['schedule', 'catch-up'] as const) {
      const again = await start.start('orders', { trigger });
      expect(again).toMatchObject({ created: false, review: { id: first.review.id } });
    }
    const third = await start.start('orders', { trigger: 'command' });
    expect(third.created).toBe(true);
    expect(third.review.runKey).toBe('2026-H2-2');
    const fourth = h.store.mustGet(third.review.id);
    fourth.status = 'finished';
    h.store.save(fourth);
    expect((await start.start('orders', { trigger: 'command' })).review.runKey).toBe('2026-H2-3');
    expect(h.evidenceCalls).toBe(3);
  });
});

describe('the dry run', () => {
  it('lists the lens it would associate and the answers it would change, reads the evidence, and writes nothing', async () => {
    const { WorkloadId } = h.sim.state.wellarchitected.createWorkload(PROD, REGION, {
      WorkloadName: 'orders',
      Description: 'made in the console',
      Environment: 'PRODUCTION',
      Lenses: ['wellarchitected'],
      ReviewOwner: 'someone',
      AwsRegions: [REGION],
    });
    const plan = await createStart(h.parts()).plan('orders');
    expect(plan.workload).toEqual({
      name: 'orders',
      region: REGION,
      account: 'prod',
      id: WorkloadId,
      exists: true,
    });
    expect(plan.writes).toEqual([
      `AssociateLenses serverless on workload ${WorkloadId}`,
      expect.stringMatching(new RegExp(`^UpdateAnswer wellarchitected/${pair.questionId} with \\[`)),
      'CreateMilestone "2026-H2 review" when the review is finished',
    ]);
    expect(plan.review?.evidenceAt).toBe(h.clock.now());
    expect(h.evidenceCalls).toBe(1);
    expect(h.writes()).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../checks/runner.js';
import { type SimAws, startSimAws } from '../../sim/aws/index.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig, type Settings } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { jobRuns } from '../../src/db/schema.js';
import { PillarError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import type { ReviewService } from '../../src/review/api.js';
import { catchUpReview, runReviewJob } from '../../src/review/job.js';
import { createReviewService, milestoneName, runKeyFor } from '../../src/review/service.js';
import { toolFor } from '../../src/review/workloads.js';
import { FakeClock } from '../helpers/clock.js';
import { testDb } from '../helpers/db.js';
import { mappedPair } from '../helpers/review.js';

const PROD = '111122223333';
const REGION = 'us-east-1';
const WRITES = ['CreateWorkload', 'AssociateLenses', 'UpdateAnswer', 'CreateMilestone', 'UpdateWorkload'];

let sim: SimAws;
let clock: FakeClock;
let db: Db;
let settings: Settings;
let reviews: ReviewService;
let clients: ReturnType<typeof createAwsClients>;
const pair = mappedPair();
let evidence: ScanResult[];

function service(over: Partial<Settings> = {}): ReviewService {
  return createReviewService({
    settings: { ...settings, ...over },
    db,
    clock,
    logger: silentLogger(),
    aws: clients,
    evidence: async () => evidence,
  });
}

beforeEach(async () => {
  clock = new FakeClock('2026-11-28T12:00:00Z');
  sim = await startSimAws({ clock });
  db = testDb();
  const base = loadConfig({}, { readFile: () => '' });
  settings = {
    ...base,
    accounts: [{ name: 'prod', regions: [REGION] }],
    review: { workloads: [{ name: 'orders', region: REGION, owner: 'U0OWNER01' }] },
  };
  clients = createAwsClients({
    accounts: settings.accounts,
    endpoint: sim.url,
    credentials: sim.credentials(PROD),
    maxAttempts: 1,
  });
  evidence = [
    { meta: pair.pass.meta, durationMs: 0, status: 'compliant' },
    {
      meta: pair.fail.meta,
      durationMs: 0,
      status: 'non_compliant',
      severity: 'high',
      findings: [{ resourceId: 'arn:fn:orders-api', resourceName: 'orders-api', message: 'fails' }],
    },
  ];
  reviews = service();
});

afterEach(async () => {
  clients.destroy();
  await sim.close();
});

const writes = () =>
  sim.requests.all().filter((r) => r.service === 'wellarchitected' && WRITES.includes(r.operation));

describe('starting a review', () => {
  it('creates the workload with what the Tool requires, reads every answer and proposes without writing answers', async () => {
    const { review, created } = await reviews.start('orders', { trigger: 'command', by: 'U0ALICE01' });
    expect(created).toBe(true);
    const create = sim.requests.find({ service: 'wellarchitected', operation: 'CreateWorkload' });
    expect(create).toHaveLength(1);
    expect(create[0]!.params).toMatchObject({
      WorkloadName: 'orders',
      Environment: 'PRODUCTION',
      ReviewOwner: 'U0OWNER01',
      AwsRegions: [REGION],
    });
    expect(review.lenses.map((l) => l.alias).sort()).toEqual(['serverless', 'wellarchitected']);
    // 57 framework questions need two ListAnswers pages of 50.
    expect(review.questions.filter((q) => q.lens === 'wellarchitected')).toHaveLength(57);
    expect(review.questions.filter((q) => q.lens === 'serverless')).toHaveLength(9);
    expect(
      sim.requests.count({ service: 'wellarchitected', operation: 'ListAnswers' }),
    ).toBeGreaterThanOrEqual(3);
    const q = review.questions.find((x) => x.lens === 'wellarchitected' && x.questionId === pair.questionId);
    expect(q?.proposal?.supports).toContain(pair.passChoice);
    expect(q?.proposal?.contradicts).toContain(pair.failChoice);
    expect(q?.proposal?.notes).toMatch(/FAIL .*orders-api/);
    expect(review.runKey).toBe('2026-H2');
    expect(review.pillars.find((p) => p.pillarId === 'security')?.riskCounts.UNANSWERED).toBeGreaterThan(0);
    expect(writes().map((r) => r.operation)).toEqual(['CreateWorkload']);
  });

  it('finds an existing workload by name (ignoring case and spaces) and associates the missing lens', async () => {
    sim.state.wellarchitected.createWorkload(PROD, REGION, {
      WorkloadName: 'Orders',
      Description: 'made in the console',
      Environment: 'PREPRODUCTION',
      Lenses: ['wellarchitected'],
      ReviewOwner: 'someone',
      AwsRegions: [REGION],
    });
    const { review } = await reviews.start('orders', { trigger: 'command' });
    expect(sim.requests.count({ operation: 'CreateWorkload' })).toBe(0);
    expect(sim.requests.find({ operation: 'AssociateLenses' })[0]?.params).toMatchObject({
      LensAliases: ['serverless'],
    });
    expect(review.lenses).toHaveLength(2);
  });

  it('adopts the workload the Tool names when creating answers that one of that name exists', async () => {
    // "or ders" escapes a prefix search for "orders", but the Tool's uniqueness ignores spaces.
    const { WorkloadId } = sim.state.wellarchitected.createWorkload(PROD, REGION, {
      WorkloadName: 'or ders',
      Description: 'made in the console',
      Environment: 'PRODUCTION',
      Lenses: ['wellarchitected'],
      ReviewOwner: 'someone',
      AwsRegions: [REGION],
    });
    const { review } = await reviews.start('orders', { trigger: 'command' });
    expect(review.workload.id).toBe(WorkloadId);
    expect(sim.requests.find({ operation: 'CreateWorkload' })[0]?.errorCode).toBe('ConflictException');
    expect(sim.requests.find({ operation: 'AssociateLenses' })[0]?.params).toMatchObject({
      LensAliases: ['serverless'],
    });
  });

  it('returns the open review instead of starting a second one', async () => {
    const first = await reviews.start('orders', { trigger: 'command' });
    const again = await reviews.start('orders', { trigger: 'schedule' });
    expect(again.created).toBe(false);
    expect(again.review.id).toBe(first.review.id);
  });

  it('names the configured workloads when asked for an unknown one', async () => {
    await expect(reviews.start('ordrs', { trigger: 'command' })).rejects.toThrow(
      'No workload named "ordrs" under review.workloads; configured: orders.',
    );
  });

  it('reports lens version drift and leaves the drifted mapping out of the proposal', async () => {
    sim.state.wellarchitected.driftLens('wellarchitected', {
      version: '2026-10-01',
      removeChoices: [pair.passChoice],
    });
    const { review } = await reviews.start('orders', { trigger: 'command' });
    expect(review.drift).toContainEqual({
      checkId: pair.pass.meta.id,
      lens: 'wellarchitected',
      questionId: pair.questionId,
      choiceId: pair.passChoice,
      problem: 'unknown_choice',
    });
    const q = review.questions.find((x) => x.lens === 'wellarchitected' && x.questionId === pair.questionId);
    expect(q?.proposal?.selected ?? []).not.toContain(pair.passChoice);
  });
});

describe('changing answers', () => {
  it('applies a proposal by sending the complete selection, keeping what a person had selected', async () => {
    const { review } = await reviews.start('orders', { trigger: 'command' });
    const q = review.questions.find((x) => x.lens === 'wellarchitected' && x.questionId === pair.questionId)!;
    const other = q.choices.find((c) => !c.none && c.id !== pair.passChoice && c.id !== pair.failChoice)!;
    await reviews.setSelection(review.id, 'wellarchitected', pair.questionId, [other.id], 'U0BOB0001');
    const after = await reviews.applyProposal(review.id, 'wellarchitected', pair.questionId, 'U0ALICE01');
    const updates = sim.requests.find({ operation: 'UpdateAnswer' });
    expect(updates).toHaveLength(2);
    const sent = (updates[1]!.params as { SelectedChoices: string[] }).SelectedChoices;
    expect([...sent].sort()).toEqual([other.id, pair.passChoice].sort());
    const now = after.questions.find((x) => x.questionId === pair.questionId)!;
    expect(now.selected.sort()).toEqual([other.id, pair.passChoice].sort());
    expect(now.risk).not.toBe('UNANSWERED');
    expect(now.applied).toMatchObject({ by: 'U0ALICE01', kind: 'proposal' });
    expect(now.proposal?.changes).toBe(false);
  });

  it('marks a question not applicable with a reason and updates the pillar counts', async () => {
    const { review } = await reviews.start('orders', { trigger: 'command' });
    const q = review.questions.find((x) => x.lens === 'wellarchitected' && x.pillarId === 'sustainability')!;
    const before = review.pillars.find((p) => p.pillarId === 'sustainability')!.riskCounts.NOT_APPLICABLE;
    const after = await reviews.markNotApplicable(
      review.id,
      q.lens,
      q.questionId,
      'OUT_OF_SCOPE',
      'No hardware.',
      'U0ALICE01',
    );
    expect(sim.requests.find({ operation: 'UpdateAnswer' })[0]?.params).toMatchObject({
      IsApplicable: false,
      Reason: 'OUT_OF_SCOPE',
    });
    expect(after.questions.find((x) => x.questionId === q.questionId)?.risk).toBe('NOT_APPLICABLE');
    expect(after.pillars.find((p) => p.pillarId === 'sustainability')!.riskCounts.NOT_APPLICABLE).toBe(
      before + 1,
    );
  });

  it('keeps both of two changes made at the same moment, and starts one review for two starts at once', async () => {
    const [a, b] = await Promise.all([
      reviews.start('orders', { trigger: 'command' }),
      reviews.start('orders', { trigger: 'command' }),
    ]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.review.id).toBe(b.review.id);
    const [q1, q2] = a.review.questions.filter(
      (x) => x.lens === 'wellarchitected' && x.pillarId === 'sustainability',
    );
    await Promise.all([
      reviews.markNotApplicable(
        a.review.id,
        q1!.lens,
        q1!.questionId,
        'OUT_OF_SCOPE',
        undefined,
        'U0ALICE01',
      ),
      reviews.markNotApplicable(
        a.review.id,
        q2!.lens,
        q2!.questionId,
        'BUSINESS_PRIORITIES',
        undefined,
        'U0BOB0001',
      ),
    ]);
    const after = reviews.get(a.review.id)!;
    for (const q of [q1!, q2!]) {
      const now = after.questions.find((x) => x.questionId === q.questionId)!;
      expect(now.risk).toBe('NOT_APPLICABLE');
      expect(now.applied?.kind).toBe('not_applicable');
    }
  });

  it('refuses "None of these" together with other choices, before calling the Tool', async () => {
    const { review } = await reviews.start('orders', { trigger: 'command' });
    const q = review.questions.find((x) => x.questionId === pair.questionId)!;
    const none = q.choices.find((c) => c.none)!;
    await expect(
      reviews.setSelection(review.id, q.lens, q.questionId, [none.id, pair.passChoice], 'U0BOB0001'),
    ).rejects.toThrow(/"None of these" cannot be selected together with other choices/);
    expect(sim.requests.count({ operation: 'UpdateAnswer' })).toBe(0);
  });
});

describe('finishing', () => {
  it('records a milestone and compares the risk per pillar with the previous one', async () => {
    const first = await reviews.start('orders', { trigger: 'command' });
    const s1 = await reviews.finish(first.review.id, 'U0ALICE01');
    expect(s1.milestone).toEqual({ number: 1, name: '2026-H2 review' });
    expect(s1.previous).toBeUndefined();
    expect(s1.report?.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(s1.unanswered.length).toBe(66);

    const second = await reviews.start('orders', { trigger: 'command' });
    expect(second.review.runKey).toBe('2026-H2-2');
    await reviews.applyProposal(second.review.id, 'wellarchitected', pair.questionId, 'U0ALICE01');
    const s2 = await reviews.finish(second.review.id, 'U0ALICE01');
    expect(s2.milestone).toEqual({ number: 2, name: '2026-H2 review (2)' });
    expect(s2.previous).toMatchObject({ number: 1, name: '2026-H2 review' });
    const row = s2.pillars.find((p) => p.pillarId === pillarOf(s2, pair.questionId))!;
    expect(row.before!.UNANSWERED - row.now.UNANSWERED).toBe(1);
    expect(s2.unanswered).toHaveLength(65);
    await expect(
      reviews.applyProposal(second.review.id, 'wellarchitected', pair.questionId, 'x'),
    ).rejects.toThrow(/is finished \(milestone "2026-H2 review \(2\)"\)/);
  });

  it('names milestones uniquely', () => {
    expect(milestoneName('2026-H2', [])).toBe('2026-H2 review');
    expect(milestoneName('2026-H2-2', ['2026-H2 review'])).toBe('2026-H2 review (2)');
    expect(runKeyFor(Date.parse('2026-07-01T00:30:00Z'), 'America/New_York')).toBe('2026-H1');
  });
});

function pillarOf(
  summary: { review: { questions: { questionId: string; pillarId: string }[] } },
  questionId: string,
) {
  return summary.review.questions.find((q) => q.questionId === questionId)!.pillarId;
}

describe('the dry run', () => {
  it('makes no write call, for a new workload and for an existing one', async () => {
    const plan = await reviews.plan('orders');
    expect(plan.workload.exists).toBe(false);
    expect(plan.writes[0]).toMatch(/^CreateWorkload "orders" in us-east-1/);
    expect(writes()).toEqual([]);

    await reviews.start('orders', { trigger: 'command' });
    sim.requests.clear();
    const again = await reviews.plan('orders');
    expect(again.workload.exists).toBe(true);
    expect(again.writes.some((w) => w.startsWith(`UpdateAnswer wellarchitected/${pair.questionId}`))).toBe(
      true,
    );
    expect(writes()).toEqual([]);
  });
});

describe('errors a reviewer sees', () => {
  it('throttling says to try again and loses nothing', async () => {
    const { review } = await reviews.start('orders', { trigger: 'command' });
    sim.faults.add({
      service: 'wellarchitected',
      operation: 'UpdateAnswer',
      error: 'ThrottlingException',
      times: 1,
    });
    const err = await reviews
      .applyProposal(review.id, 'wellarchitected', pair.questionId, 'U0ALICE01')
      .catch((e) => e);
    expect(err).toBeInstanceOf(PillarError);
    expect(err.code).toBe('aws_throttled');
    expect(err.message).toBe(
      'The Well-Architected Tool is throttling Pillar (wellarchitected:UpdateAnswer in prod/us-east-1); nothing was lost, try again in a minute.',
    );
    // The retry goes through and the review is intact.
    const after = await reviews.applyProposal(review.id, 'wellarchitected', pair.questionId, 'U0ALICE01');
    expect(after.questions.find((q) => q.questionId === pair.questionId)?.selected).toContain(
      pair.passChoice,
    );
  });

  it('access denied names the missing permission', async () => {
    sim.faults.add({
      service: 'wellarchitected',
      operation: 'CreateWorkload',
      error: 'AccessDeniedException',
    });
    await expect(reviews.start('orders', { trigger: 'command' })).rejects.toThrow(
      'Access denied: wellarchitected:CreateWorkload in prod/us-east-1. Add wellarchitected:CreateWorkload to the role Pillar uses for reviews (see docs/iam-policy.json).',
    );
  });

  it('a workload id that does not exist points at the setting', async () => {
    const s = service({
      review: { workloads: [{ name: 'orders', region: REGION, id: '0123456789abcdef0123456789abcdef' }] },
    });
    await expect(s.start('orders', { trigger: 'command' })).rejects.toThrow(
      /check the workload's id and region under review\.workloads/,
    );
  });
});

describe('the twice-yearly schedule', () => {
  const deps = () => ({
    reviews,
    db,
    clock,
    logger: silentLogger(),
    schedule: '0 9 1 1,7 *',
    timezone: 'UTC',
  });

  it('catches up a run missed while Pillar was down, once', async () => {
    clock.set(Date.parse('2026-06-20T12:00:00Z'));
    expect(await catchUpReview(deps())).toBe('first-start');
    // Down from 20 June to 3 July: the 1 July run was missed.
    clock.set(Date.parse('2026-07-03T08:00:00Z'));
    const report = await catchUpReview(deps());
    expect(report).toMatchObject({ runKey: '2026-H2', started: ['orders'], failed: [] });
    // A second restart, and the scheduled tick of the same period, start nothing new.
    clock.set(Date.parse('2026-07-03T08:05:00Z'));
    expect(await catchUpReview(deps())).toBe('not-due');
    const tick = await runReviewJob(deps(), 'schedule', Date.parse('2026-07-01T09:00:00Z'));
    expect(tick).toMatchObject({ started: [], existing: ['orders'] });
    expect(sim.requests.count({ operation: 'CreateWorkload' })).toBe(1);
    expect(db.select().from(jobRuns).all()[0]?.lastError).toBeNull();
  });

  it('retries at the next start-up when the run failed', async () => {
    clock.set(Date.parse('2026-06-20T12:00:00Z'));
    await catchUpReview(deps());
    clock.set(Date.parse('2026-07-03T08:00:00Z'));
    const fault = sim.faults.add({
      service: 'wellarchitected',
      operation: 'ListWorkloads',
      error: 'ThrottlingException',
    });
    expect(await catchUpReview(deps())).toMatchObject({ started: [], failed: [{ workload: 'orders' }] });
    fault.remove();
    expect(await catchUpReview(deps())).toMatchObject({ started: ['orders'] });
  });
});

describe('suppressed findings', () => {
  it('a failing check suppressed in the settings is not sent to the Tool as failing evidence, and the notes say why', async () => {
    const s = service({
      checks: {
        ...settings.checks,
        suppressions: [
          {
            check: pair.fail.meta.id,
            resource: 'orders-*',
            reason: 'accepted until the rewrite',
            expires: '2027-03-31',
          },
        ],
      },
    });
    const { review } = await s.start('orders', { trigger: 'command' });
    const q = review.questions.find((x) => x.lens === 'wellarchitected' && x.questionId === pair.questionId)!;
    expect(q.proposal?.contradicts).not.toContain(pair.failChoice);
    await s.applyProposal(review.id, 'wellarchitected', pair.questionId, 'U0ALICE01');
    // What the Tool now has (the request log clips long notes).
    const sent = await toolFor(clients, review.workload).answer(
      review.workload.id,
      'wellarchitected',
      pair.questionId,
    );
    expect(sent.SelectedChoices).toContain(pair.passChoice);
    expect(sent.SelectedChoices).not.toContain(pair.failChoice);
    expect(sent.Notes).not.toMatch(/FAIL/);
    expect(sent.Notes).toContain(
      `SUPPRESSED ${pair.fail.meta.title} [${q.choices.find((c) => c.id === pair.failChoice)!.title}]: orders-api (accepted until the rewrite; until 2027-03-31)`,
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { demoInventory } from '../../sim/aws/index.js';
import { PillarError } from '../../src/errors.js';
import type { ReviewService } from '../../src/review/api.js';
import type {
  NotApplicableReason,
  Review,
  ReviewQuestion,
  ReviewSummary,
  RiskCounts,
} from '../../src/review/types.js';
import { validateMessage, validateView } from '../../src/slack/blocks/limits.js';
import { parseWaCommand } from '../../src/slack/commands/parse.js';
import {
  actions,
  REVIEW_PILLAR_CALLBACK,
  reviewModal,
  reviewPillarActions,
  reviewQuestionBlockId,
  views,
} from '../../src/slack/ids.js';
import { remindOpenReviews } from '../../src/slack/review-posts.js';
import { type Pillar, pillars } from '../../src/vocabulary.js';
import { ALICE, BOB, CAROL, OPS, type PillarHarness, pillarHarness } from '../helpers/pillar.js';

let h: PillarHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ALERTS_CHANNEL = 'C0ALERTS01';

describe('/wa review parsing', () => {
  const now = Date.UTC(2026, 10, 28);
  it('reads the workload and the action in either order, start by default', () => {
    expect(parseWaCommand('review', now)).toEqual({ kind: 'review', action: 'start' });
    expect(parseWaCommand('review status', now)).toEqual({ kind: 'review', action: 'status' });
    expect(parseWaCommand('review orders', now)).toEqual({
      kind: 'review',
      action: 'start',
      workload: 'orders',
    });
    expect(parseWaCommand('review Orders API finish', now)).toEqual({
      kind: 'review',
      action: 'finish',
      workload: 'Orders API',
    });
    expect(parseWaCommand('reviews status orders', now)).toEqual({
      kind: 'review',
      action: 'status',
      workload: 'orders',
    });
    expect(parseWaCommand('review start orders finish', now)).toMatchObject({ kind: 'invalid' });
    expect(parseWaCommand(`review ${'x'.repeat(101)}`, now)).toMatchObject({ kind: 'invalid' });
  });
});

// ---------------------------------------------------------------------------------------------
// The Slack surfaces against a recording stub of the ReviewService interface (hand-built reviews,
// no Well-Architected logic): it checks what the handlers send and render. The real service
// against the simulated Tool is the last describe block.

const counts = (c: Partial<RiskCounts> = {}): RiskCounts => ({
  UNANSWERED: 0,
  HIGH: 0,
  MEDIUM: 0,
  NONE: 0,
  NOT_APPLICABLE: 0,
  ...c,
});

function q(id: string, over: Partial<ReviewQuestion> = {}): ReviewQuestion {
  return {
    lens: 'wellarchitected',
    questionId: id,
    pillarId: 'reliability',
    title: `Question ${id}`,
    choices: [
      { id: `${id}_a`, title: `${id} practice A`, none: false },
      { id: `${id}_b`, title: `${id} practice B`, none: false },
      { id: `${id}_no`, title: 'None of these', none: true },
    ],
    selected: [],
    isApplicable: true,
    risk: 'UNANSWERED',
    ...over,
  };
}

interface Call {
  method: string;
  args: unknown[];
}

function stubReviews(
  workloads = ['orders'],
): ReviewService & { calls: Call[]; reviews: Review[]; fail?: Error } {
  const reviews: Review[] = [];
  const calls: Call[] = [];
  const stub = {
    calls,
    reviews,
    fail: undefined as Error | undefined,
    workloadNames: () => workloads,
    plan: () => Promise.reject(new Error('not used')),
    async start(workload: string, options: { trigger: Review['trigger']; by?: string; runKey?: string }) {
      calls.push({ method: 'start', args: [workload, options] });
      const open = reviews.find((r) => r.workload.name === workload && r.status === 'open');
      if (open) return { review: open, created: false };
      const review = makeReview(reviews.length + 1, workload, options.by);
      reviews.push(review);
      return { review, created: true };
    },
    get: (id: number) => reviews.find((r) => r.id === id),
    latest: (w: string) => reviews.filter((r) => r.workload.name === w).at(-1),
    openReviews: () => reviews.filter((r) => r.status === 'open'),
    async applyProposal(id: number, lens: string, questionId: string, by: string) {
      calls.push({ method: 'applyProposal', args: [id, lens, questionId, by] });
      if (stub.fail) throw stub.fail;
      const r = stub.get(id)!;
      const question = r.questions.find((x) => x.lens === lens && x.questionId === questionId)!;
      question.selected = [...question.proposal!.selected];
      question.proposal!.changes = false;
      question.risk = 'NONE';
      question.applied = { at: 1, by, kind: 'proposal' };
      recount(r);
      return r;
    },
    async setSelection(id: number, lens: string, questionId: string, choices: string[], by: string) {
      calls.push({ method: 'setSelection', args: [id, lens, questionId, choices, by] });
      const r = stub.get(id)!;
      const question = r.questions.find((x) => x.lens === lens && x.questionId === questionId)!;
      question.selected = choices;
      question.risk = 'MEDIUM';
      question.applied = { at: 1, by, kind: 'selection' };
      recount(r);
      return r;
    },
    async markNotApplicable(
      id: number,
      lens: string,
      questionId: string,
      reason: NotApplicableReason,
      notes: string | undefined,
      by: string,
    ) {
      calls.push({ method: 'markNotApplicable', args: [id, lens, questionId, reason, notes, by] });
      const r = stub.get(id)!;
      const question = r.questions.find((x) => x.lens === lens && x.questionId === questionId)!;
      question.isApplicable = false;
      question.reason = reason;
      question.risk = 'NOT_APPLICABLE';
      recount(r);
      return r;
    },
    async finish(id: number, by: string): Promise<ReviewSummary> {
      calls.push({ method: 'finish', args: [id, by] });
      if (stub.fail) throw stub.fail;
      const r = stub.get(id)!;
      r.status = 'finished';
      r.milestone = { number: 2, name: `${r.runKey} review` };
      const rel = r.pillars.find((p) => p.pillarId === 'reliability')!;
      return {
        review: r,
        milestone: r.milestone,
        previous: { number: 1, name: '2026-H1 review' },
        pillars: [
          { pillarId: 'reliability', now: rel.riskCounts, before: counts({ HIGH: 2, UNANSWERED: 1 }) },
        ],
        unanswered: [],
        improvements: [
          {
            lens: 'wellarchitected',
            questionId: 'q2',
            pillarId: 'reliability',
            title: 'Question q2',
            risk: 'MEDIUM',
            url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/welcome.html',
          },
        ],
        report: { filename: 'orders-2026-H2.pdf', pdf: Buffer.from('%PDF-1.4\n%stub report\n') },
      };
    },
    attachSlack(id: number, channel: string, ts: string) {
      calls.push({ method: 'attachSlack', args: [id, channel, ts] });
      stub.get(id)!.slack = { channel, ts };
    },
    markReminded(id: number, at: number) {
      calls.push({ method: 'markReminded', args: [id, at] });
      const s = stub.get(id)!.slack!;
      s.lastReminderAt = at;
    },
  };
  return stub;
}

function recount(r: Review): void {
  for (const p of r.pillars) {
    const qs = r.questions.filter((x) => x.pillarId === p.pillarId);
    if (qs.length === 0) continue;
    p.riskCounts = counts();
    for (const x of qs) p.riskCounts[x.risk]++;
    p.questions = qs.length;
    p.answered = qs.filter((x) => x.risk !== 'UNANSWERED').length;
    p.proposalsPending = qs.filter((x) => x.proposal?.changes).length;
  }
}

function makeReview(id: number, workload: string, by?: string): Review {
  const r: Review = {
    id,
    workload: {
      name: workload,
      id: 'wl1',
      arn: 'arn:wl1',
      region: 'us-east-1',
      account: 'prod',
      owner: ALICE,
    },
    runKey: '2026-H2',
    trigger: 'command',
    status: 'open',
    startedAt: 0,
    ...(by ? { startedBy: by } : {}),
    lenses: [
      {
        alias: 'wellarchitected',
        arn: 'arn:lens',
        name: 'AWS Well-Architected Framework',
        version: '2024-06-27',
      },
    ],
    pillars: pillars.map((p) => ({
      pillarId: p,
      riskCounts: counts({ UNANSWERED: 2 }),
      questions: 2,
      answered: 0,
      proposalsPending: 0,
    })),
    questions: [
      q('q1', {
        proposal: {
          selected: ['q1_a', 'q1_b'],
          supports: ['q1_a', 'q1_b'],
          contradicts: [],
          notes: 'Checks pass',
          changes: true,
          evidence: [
            {
              checkId: 'lambda-dlq-configured',
              title: 'DLQ',
              choiceId: 'q1_a',
              status: 'compliant',
              resources: [],
              resourceCount: 0,
            },
          ],
        },
      }),
      q('q2'),
      q('q3'),
    ],
    drift: [],
    evidenceAt: 0,
  };
  recount(r);
  return r;
}

async function setup(options: { workloads?: string[]; reviewers?: string[] } = {}) {
  const stub = stubReviews(options.workloads);
  const harness = await pillarHarness({
    settings: (s) => ({
      ...s,
      slack: { ...s.slack, reviewsChannel: OPS },
      permissions: { ...s.permissions, review: options.reviewers ?? [ALICE, BOB] },
    }),
    reviews: stub,
  });
  return { harness, stub };
}

async function wa(harness: PillarHarness, text: string, user = ALICE): Promise<string[]> {
  const before = harness.slack.workspace.ephemeralFor(user).length;
  const res = await harness.slack.send.slashCommand({ user, channel: ALERTS_CHANNEL, text });
  expect(res.status).toBe(200);
  return harness.slack.workspace
    .ephemeralFor(user)
    .slice(before)
    .map((e) => `${e.text} ${JSON.stringify(e.blocks ?? [])}`);
}

const lastEphemeral = (harness: PillarHarness, user: string) =>
  harness.slack.workspace.ephemeralFor(user).at(-1)?.text ?? '';

describe('the review in Slack (stub service)', () => {
  it('starts from /wa review, opens a pillar, applies a proposal, changes an answer, marks one not applicable, and finishes', async () => {
    const { harness, stub } = await setup();
    h = harness;

    // /wa review: the only workload; posted in the reviews channel; a link back.
    const said = await wa(h, 'review');
    expect(said[0]).toContain('Starting the review of *orders*');
    expect(said.at(-1)).toMatch(/Started <https:\/\/slack\.com\/archives\/C0OPS00001\/p\d+\|the review>/);
    expect(stub.calls[0]).toEqual({ method: 'start', args: ['orders', { trigger: 'command', by: ALICE }] });
    const [kickoff] = h.slack.workspace.topLevel(OPS);
    expect(kickoff).toBeDefined();
    expect(validateMessage(kickoff!.blocks ?? [], kickoff!.text)).toEqual([]);
    expect(JSON.stringify(kickoff!.blocks)).toContain(actions.reviewFinish);
    const review = stub.reviews[0]!;
    expect(review.slack).toEqual({ channel: OPS, ts: kickoff!.ts });

    // Running it again finds the open review and edits the same message.
    expect((await wa(h, 'review orders start')).at(-1)).toContain('is already open');
    expect(h.slack.workspace.topLevel(OPS)).toHaveLength(1);

    // A pillar button opens that pillar's questions.
    await h.slack.send.blockAction({
      user: ALICE,
      channel: OPS,
      messageTs: kickoff!.ts,
      action: { actionId: reviewPillarActions.reliability },
    });
    const modal = h.slack.workspace.modalStack(ALICE).at(-1)!;
    expect(modal.callbackId).toBe(REVIEW_PILLAR_CALLBACK);
    expect(
      validateView({ ...modal, type: 'modal', title: { type: 'plain_text', text: 'Reliability' } }),
    ).toEqual([]);
    expect(JSON.stringify(modal.blocks)).toContain('Question q1');
    expect(JSON.stringify(modal.blocks)).toContain(actions.reviewApply);

    // Apply proposal: the service gets it; the modal and the message are updated.
    const updatesBefore = h.slack.calls.count({ method: 'chat.update' });
    await h.slack.send.blockAction({
      user: ALICE,
      viewId: modal.id,
      action: { actionId: actions.reviewApply, blockId: reviewQuestionBlockId(0) },
    });
    expect(stub.calls.at(-1)).toEqual({
      method: 'applyProposal',
      args: [review.id, 'wellarchitected', 'q1', ALICE],
    });
    const afterApply = h.slack.workspace.view(modal.id)!;
    expect(JSON.stringify(afterApply.blocks)).not.toContain(actions.reviewApply);
    expect(JSON.stringify(afterApply.blocks)).toContain('q1 practice A; q1 practice B');
    expect(h.slack.calls.count({ method: 'chat.update' })).toBe(updatesBefore + 1);
    expect(JSON.stringify(h.slack.workspace.message(OPS, kickoff!.ts)!.blocks)).toContain('1/3 answered');

    // Change answer…: a pushed form; "None of these" with another choice is refused in the form.
    await h.slack.send.blockAction({
      user: ALICE,
      viewId: modal.id,
      action: { actionId: actions.reviewChange, blockId: reviewQuestionBlockId(1) },
    });
    let stack = h.slack.workspace.modalStack(ALICE);
    expect(stack).toHaveLength(2);
    expect(stack[1]!.callbackId).toBe(views.reviewSelection);
    const bad = await h.slack.send.viewSubmission({
      user: ALICE,
      values: { [reviewModal.choicesBlock(0)]: { [reviewModal.choicesAction]: ['q2_a', 'q2_no'] } },
    });
    expect((bad.json as { errors?: Record<string, string> }).errors?.[reviewModal.choicesBlock(0)]).toMatch(
      /None of these/,
    );
    expect(stub.calls.some((c) => c.method === 'setSelection')).toBe(false);
    await h.slack.send.viewSubmission({
      user: ALICE,
      values: { [reviewModal.choicesBlock(0)]: { [reviewModal.choicesAction]: ['q2_b'] } },
    });
    expect(stub.calls.at(-1)).toEqual({
      method: 'setSelection',
      args: [review.id, 'wellarchitected', 'q2', ['q2_b'], ALICE],
    });
    stack = h.slack.workspace.modalStack(ALICE);
    expect(stack).toHaveLength(1);
    expect(JSON.stringify(stack[0]!.blocks)).toContain('q2 practice B');

    // Not applicable…: a reason and notes.
    await h.slack.send.blockAction({
      user: BOB,
      channel: OPS,
      messageTs: kickoff!.ts,
      action: { actionId: reviewPillarActions.reliability },
    });
    const bobModal = h.slack.workspace.modalStack(BOB).at(-1)!;
    await h.slack.send.blockAction({
      user: BOB,
      viewId: bobModal.id,
      action: { actionId: actions.reviewNotApplicable, blockId: reviewQuestionBlockId(2) },
    });
    expect(h.slack.workspace.modalStack(BOB).at(-1)!.callbackId).toBe(views.reviewNotApplicable);
    await h.slack.send.viewSubmission({
      user: BOB,
      values: {
        [reviewModal.reasonBlock]: { [reviewModal.reasonAction]: 'OUT_OF_SCOPE' },
        [reviewModal.notesBlock]: { [reviewModal.notesAction]: 'No inbound API in this workload' },
      },
    });
    expect(stub.calls.at(-1)).toEqual({
      method: 'markNotApplicable',
      args: [review.id, 'wellarchitected', 'q3', 'OUT_OF_SCOPE', 'No inbound API in this workload', BOB],
    });
    expect(JSON.stringify(h.slack.workspace.modalStack(BOB)[0]!.blocks)).toContain(
      '_Not applicable_ (Out of scope)',
    );
    expect(JSON.stringify(h.slack.workspace.message(OPS, kickoff!.ts)!.blocks)).toContain('3/3 answered');

    // /wa review status: progress, ephemerally, to anyone.
    const status = await wa(h, 'review status', CAROL);
    expect(status.at(-1)).toContain('3/13 answered');

    // Finish: milestone, message without buttons, summary and PDF in the thread.
    await h.slack.send.blockAction({
      user: ALICE,
      channel: OPS,
      messageTs: kickoff!.ts,
      action: { actionId: actions.reviewFinish },
    });
    expect(stub.calls.at(-1)).toEqual({ method: 'finish', args: [review.id, ALICE] });
    const finished = h.slack.workspace.message(OPS, kickoff!.ts)!;
    expect(JSON.stringify(finished.blocks)).not.toContain(actions.reviewFinish);
    expect(JSON.stringify(finished.blocks)).toContain('milestone #2');
    const thread = h.slack.workspace.thread(OPS, kickoff!.ts);
    const summary = thread.find((m) => /Review finished/.test(JSON.stringify(m.blocks)));
    expect(summary).toBeDefined();
    expect(validateMessage(summary!.blocks ?? [], summary!.text)).toEqual([]);
    expect(JSON.stringify(summary!.blocks)).toContain('High 0 (−2)');
    const pdf = h.slack.workspace.files.find((f) => f.filename === 'orders-2026-H2.pdf');
    expect(pdf?.completed).toBe(true);
    expect(pdf?.shares).toEqual([expect.objectContaining({ channel: OPS, threadTs: kickoff!.ts })]);
    expect(h.slack.calls.count({ method: 'files.completeUploadExternal' })).toBe(1);
  });

  it('refuses a person without the review permission, and changes nothing', async () => {
    const { harness, stub } = await setup();
    h = harness;
    await wa(h, 'review');
    const review = stub.reviews[0]!;
    const ts = review.slack!.ts;
    const callsBefore = stub.calls.length;
    const updatesBefore = h.slack.calls.count({ method: 'chat.update' });

    expect((await wa(h, 'review start', CAROL)).at(-1)).toMatch(
      /not allowed to change Well-Architected reviews/,
    );
    expect((await wa(h, 'review finish', CAROL)).at(-1)).toMatch(/not allowed/);

    await h.slack.send.blockAction({
      user: CAROL,
      channel: OPS,
      messageTs: ts,
      action: { actionId: actions.reviewFinish },
    });
    expect(lastEphemeral(h, CAROL)).toMatch(/permissions\.review/);

    // Looking is allowed; changing from the modal is not (refused ephemerally in the channel).
    await h.slack.send.blockAction({
      user: CAROL,
      channel: OPS,
      messageTs: ts,
      action: { actionId: reviewPillarActions.reliability },
    });
    const modal = h.slack.workspace.modalStack(CAROL).at(-1)!;
    await h.slack.send.blockAction({
      user: CAROL,
      viewId: modal.id,
      action: { actionId: actions.reviewApply, blockId: reviewQuestionBlockId(0) },
    });
    expect(h.slack.workspace.ephemeralFor(CAROL, OPS).at(-1)?.text).toMatch(/not allowed/);
    await h.slack.send.blockAction({
      user: CAROL,
      viewId: modal.id,
      action: { actionId: actions.reviewChange, blockId: reviewQuestionBlockId(1) },
    });
    expect(h.slack.workspace.modalStack(CAROL)).toHaveLength(1);

    expect(stub.calls.slice(callsBefore)).toEqual([]);
    expect(review.status).toBe('open');
    expect(h.slack.calls.count({ method: 'chat.update' })).toBe(updatesBefore);
  });

  it("shows a PillarError's sentence to the person and logs the rest", async () => {
    const { harness, stub } = await setup();
    h = harness;
    await wa(h, 'review');
    const ts = stub.reviews[0]!.slack!.ts;
    stub.fail = new PillarError(
      'aws_access_denied',
      'The Well-Architected Tool refused CreateMilestone: the role needs wellarchitected:CreateMilestone.',
    );
    await h.slack.send.blockAction({
      user: ALICE,
      channel: OPS,
      messageTs: ts,
      action: { actionId: actions.reviewFinish },
    });
    expect(lastEphemeral(h, ALICE)).toBe(stub.fail.message);
    expect(stub.reviews[0]!.status).toBe('open');

    stub.fail = new Error('socket hang up at 10.0.0.1');
    await h.slack.send.blockAction({
      user: ALICE,
      channel: OPS,
      messageTs: ts,
      action: { actionId: reviewPillarActions.reliability },
    });
    const modal = h.slack.workspace.modalStack(ALICE).at(-1)!;
    await h.slack.send.blockAction({
      user: ALICE,
      viewId: modal.id,
      action: { actionId: actions.reviewApply, blockId: reviewQuestionBlockId(0) },
    });
    const e = h.slack.workspace.ephemeralFor(ALICE, OPS).at(-1)?.text ?? '';
    expect(e).toContain('could not do that');
    expect(e).not.toContain('10.0.0.1');
  });

  it('asks which workload when several are configured, and names them for an unknown one', async () => {
    const { harness, stub } = await setup({ workloads: ['orders', 'payments'] });
    h = harness;
    expect((await wa(h, 'review')).at(-1)).toMatch(/Which workload\?.*`orders`, `payments`/);
    expect((await wa(h, 'review billing status')).at(-1)).toMatch(
      /no workload named "billing"; the configured ones are `orders`, `payments`/,
    );
    expect((await wa(h, 'review Payments status')).at(-1)).toContain('No review of *payments* yet');
    expect(stub.calls).toEqual([]);
    expect((await wa(h, 'help')).join(' ')).toContain('/wa review [workload] [start|status|finish]');
  });

  it('reminds in the thread of open reviews at most every interval, and marks them reminded', async () => {
    const { harness, stub } = await setup();
    h = harness;
    await wa(h, 'review');
    const review = stub.reviews[0]!;
    const client = h.pillar.slackClient!;
    const hour = 3_600_000;
    expect(await remindOpenReviews(client, stub, review.startedAt + hour, 24 * hour)).toBe(0);
    expect(await remindOpenReviews(client, stub, review.startedAt + 25 * hour, 24 * hour)).toBe(1);
    expect(review.slack?.lastReminderAt).toBe(review.startedAt + 25 * hour);
    expect(await remindOpenReviews(client, stub, review.startedAt + 26 * hour, 24 * hour)).toBe(0);
    const replies = h.slack.workspace.thread(OPS, review.slack!.ts).filter((m) => m.ts !== review.slack!.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('is still open');
    expect(replies[0]!.text).toContain(`<@${ALICE}>`);
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: the real review service against the simulated Well-Architected Tool over HTTP.

describe('the review end to end (real service, simulated Tool)', () => {
  it('/wa review, Apply proposal (full selection in UpdateAnswer), Not applicable, Finish with the change since the previous milestone', async () => {
    h = await pillarHarness({
      settings: (s) => ({
        ...s,
        slack: { ...s.slack, reviewsChannel: OPS },
        permissions: { ...s.permissions, review: [ALICE] },
        review: { workloads: [{ name: 'orders', region: 'us-east-1', account: 'prod', owner: ALICE }] },
      }),
    });
    const reviews = h.pillar.reviews!;
    demoInventory(h.sim.state);

    // A previous milestone to compare with.
    const first = await reviews.start('orders', { trigger: 'schedule', runKey: '2026-H1' });
    await reviews.finish(first.review.id, ALICE);

    const said = await wa(h, 'review orders');
    expect(said.at(-1)).toMatch(/Started <https:\/\/slack\.com\/archives\/C0OPS00001\//);
    const kickoff = h.slack.workspace.topLevel(OPS).at(-1)!;
    expect(validateMessage(kickoff.blocks ?? [], kickoff.text)).toEqual([]);
    const review = reviews.latest('orders')!;
    expect(review.status).toBe('open');
    expect(review.slack?.ts).toBe(kickoff.ts);

    // A question whose proposal changes the answer.
    const target = review.questions.find((x) => x.proposal?.changes);
    expect(target, 'the checks propose at least one change on the demo account').toBeDefined();
    const pillar = target!.pillarId as Pillar;
    await h.slack.send.blockAction({
      user: ALICE,
      channel: OPS,
      messageTs: kickoff.ts,
      action: { actionId: reviewPillarActions[pillar] },
    });
    const modal = h.slack.workspace.modalStack(ALICE).at(-1)!;
    expect(modal.callbackId).toBe(REVIEW_PILLAR_CALLBACK);
    const index = review.questions.filter((x) => x.pillarId === pillar).indexOf(target!);
    h.sim.requests.clear();
    await h.slack.send.blockAction({
      user: ALICE,
      viewId: modal.id,
      action: { actionId: actions.reviewApply, blockId: reviewQuestionBlockId(index) },
    });
    const updates = h.sim.requests.find({ service: 'wellarchitected', operation: 'UpdateAnswer' });
    expect(updates).toHaveLength(1);
    expect(updates[0]!.status).toBe(200);
    const sent = updates[0]!.params as { SelectedChoices?: unknown };
    const expected = target!.proposal!.selected;
    expect(sent.SelectedChoices).toEqual(expected.length > 10 ? `[${expected.length} items]` : expected);
    expect(JSON.stringify(h.slack.workspace.view(modal.id)!.blocks)).toContain('applied the proposal');

    // Not applicable… on another applicable question of the same pillar.
    const after = reviews.get(review.id)!;
    const naTarget = after.questions.find((x) => x.pillarId === pillar && x.isApplicable && x !== target)!;
    const naIndex = after.questions
      .filter((x) => x.pillarId === pillar)
      .findIndex((x) => x.questionId === naTarget.questionId && x.lens === naTarget.lens);
    await h.slack.send.blockAction({
      user: ALICE,
      viewId: modal.id,
      action: { actionId: actions.reviewNotApplicable, blockId: reviewQuestionBlockId(naIndex) },
    });
    await h.slack.send.viewSubmission({
      user: ALICE,
      values: { [reviewModal.reasonBlock]: { [reviewModal.reasonAction]: 'OUT_OF_SCOPE' } },
    });
    const na = h.sim.requests.find({ service: 'wellarchitected', operation: 'UpdateAnswer' }).at(-1)!;
    expect(na.params).toMatchObject({ IsApplicable: false, Reason: 'OUT_OF_SCOPE' });
    expect(
      reviews.get(review.id)!.questions.find((x) => x.questionId === naTarget.questionId)!.isApplicable,
    ).toBe(false);

    // Finish: milestone, summary with the change per pillar, PDF in the thread.
    await h.slack.send.blockAction({
      user: ALICE,
      channel: OPS,
      messageTs: kickoff.ts,
      action: { actionId: actions.reviewFinish },
    });
    expect(h.sim.requests.count({ service: 'wellarchitected', operation: 'CreateMilestone' })).toBe(1);
    const done = reviews.get(review.id)!;
    expect(done.status).toBe('finished');
    const thread = h.slack.workspace.thread(OPS, kickoff.ts);
    const summary = thread.find((m) => /Review finished/.test(JSON.stringify(m.blocks)))!;
    expect(summary).toBeDefined();
    expect(validateMessage(summary.blocks ?? [], summary.text)).toEqual([]);
    const body = JSON.stringify(summary.blocks);
    expect(body).toContain('2026-H1 review');
    expect(body).toMatch(/\((?:−|\+)\d+\)/); // at least one pillar moved since the previous milestone
    expect(
      h.slack.workspace.files.some((f) => f.completed && f.shares.some((s) => s.threadTs === kickoff.ts)),
    ).toBe(true);

    // Someone without the permission is refused.
    const before = h.sim.requests.count({ service: 'wellarchitected' });
    expect((await wa(h, 'review orders start', BOB)).at(-1)).toMatch(/not allowed/);
    expect(h.sim.requests.count({ service: 'wellarchitected' })).toBe(before);
  });
});

describe('the Tool refusing, seen from Slack (real service, simulated Tool)', () => {
  it('throttling on Apply and access denied on Finish reach the person as one sentence; nothing changes', async () => {
    h = await pillarHarness({
      settings: (s) => ({
        ...s,
        slack: { ...s.slack, reviewsChannel: OPS },
        review: { workloads: [{ name: 'orders', region: 'us-east-1', account: 'prod' }] },
      }),
    });
    const reviews = h.pillar.reviews!;
    demoInventory(h.sim.state);
    await wa(h, 'review');
    const kickoff = h.slack.workspace.topLevel(OPS).at(-1)!;
    const review = reviews.latest('orders')!;
    const target = review.questions.find((x) => x.proposal?.changes)!;
    expect(target).toBeDefined();
    const pillar = target.pillarId as Pillar;
    await h.slack.send.blockAction({
      user: ALICE,
      channel: OPS,
      messageTs: kickoff.ts,
      action: { actionId: reviewPillarActions[pillar] },
    });
    const modal = h.slack.workspace.modalStack(ALICE).at(-1)!;
    const index = review.questions.filter((x) => x.pillarId === pillar).indexOf(target);

    const throttle = h.sim.faults.add({
      service: 'wellarchitected',
      operation: 'UpdateAnswer',
      error: 'ThrottlingException',
      status: 400,
    });
    await h.slack.send.blockAction({
      user: ALICE,
      viewId: modal.id,
      action: { actionId: actions.reviewApply, blockId: reviewQuestionBlockId(index) },
    });
    expect(throttle.hits).toBeGreaterThan(0);
    throttle.remove();
    const said = h.slack.workspace.ephemeralFor(ALICE, OPS).at(-1)?.text ?? '';
    expect(said).toMatch(/throttling Pillar .*try again in a minute/);
    expect(
      reviews
        .get(review.id)!
        .questions.find((x) => x.lens === target.lens && x.questionId === target.questionId)!.proposal
        ?.changes,
    ).toBe(true);

    const denied = h.sim.faults.add({
      service: 'wellarchitected',
      operation: 'CreateMilestone',
      error: 'AccessDeniedException',
      status: 403,
    });
    await h.slack.send.blockAction({
      user: ALICE,
      channel: OPS,
      messageTs: kickoff.ts,
      action: { actionId: actions.reviewFinish },
    });
    expect(denied.hits).toBeGreaterThan(0);
    expect(lastEphemeral(h, ALICE)).toMatch(/^Access denied: .*CreateMilestone/);
    expect(reviews.get(review.id)!.status).toBe('open');
    expect(JSON.stringify(h.slack.workspace.message(OPS, kickoff.ts)!.blocks)).toContain(
      actions.reviewFinish,
    );
  });
});

describe('the twice-yearly review across restarts', () => {
  it('starts a run missed while Pillar was down at the next start-up, posts it, and never runs it twice', async () => {
    h = await pillarHarness({
      schedule: true,
      settings: (s) => ({
        ...s,
        slack: { ...s.slack, reviewsChannel: OPS },
        review: { workloads: [{ name: 'orders', region: 'us-east-1', account: 'prod', owner: ALICE }] },
      }),
    });
    // The first start-up only records the moment: installing Pillar starts no review.
    expect(await h.pillar.reviewCatchUp).toBe('first-start');
    expect(h.pillar.reviews!.latest('orders')).toBeUndefined();

    // Down over 1 January 09:00: the next start-up catches the run up.
    h.clock.set(Date.parse('2027-01-03T10:00:00Z'));
    await h.restart();
    expect(await h.pillar.reviewCatchUp).toMatchObject({
      runKey: '2027-H1',
      started: ['orders'],
      failed: [],
    });
    const review = h.pillar.reviews!.latest('orders')!;
    expect(review).toMatchObject({ runKey: '2027-H1', trigger: 'catch-up', status: 'open' });
    const kickoff = h.slack.workspace.topLevel(OPS);
    expect(kickoff).toHaveLength(1);
    expect(review.slack?.ts).toBe(kickoff[0]!.ts);

    // Another restart the same day: nothing new in the Tool or in Slack.
    h.clock.set(Date.parse('2027-01-03T11:00:00Z'));
    await h.restart();
    expect(await h.pillar.reviewCatchUp).toBe('not-due');
    expect(h.sim.requests.count({ service: 'wellarchitected', operation: 'CreateWorkload' })).toBe(1);
    expect(h.slack.workspace.topLevel(OPS)).toHaveLength(1);
    // The restarted app answers, and finds the same open review.
    const status = await wa(h, 'review status');
    expect(status.at(-1)).toMatch(/review `2027-H1` is open/);
  });
});

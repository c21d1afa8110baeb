import type { AnswerSummary } from '@aws-sdk/client-wellarchitected';
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import { PillarError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ReviewService } from './api.js';
import type { Locks } from './locks.js';
import { changesAnswer, proposeAnswer } from './proposals.js';
import { pillarRisksOver, progress } from './read.js';
import { mustBeOpen, type ReviewStore } from './store.js';
import { toRisk, type WaTool } from './tool.js';
import type { Review, ReviewQuestion } from './types.js';
import { toolFor } from './workloads.js';

/**
 * Changing answers of an open review: apply a proposal, set a selection, mark a question not
 * applicable. Each sends one UpdateAnswer, then keeps what the Tool answered, the fresh risk
 * counts and an audit event; changes to one review run one after the other.
 */

export interface AnswersDeps {
  clock: Clock;
  logger: Logger;
  aws: AwsClients;
  store: ReviewStore;
  locks: Locks;
}

type AnswerLike = Pick<AnswerSummary, 'SelectedChoices' | 'IsApplicable' | 'Risk' | 'Reason'>;
type ChangeKind = 'proposal' | 'selection' | 'not_applicable';

export function questionOfReview(review: Review, lens: string, questionId: string): ReviewQuestion {
  const q = review.questions.find((x) => x.lens === lens && x.questionId === questionId);
  if (!q)
    throw new PillarError('not_found', `The ${lens} lens of this review has no question ${questionId}.`);
  return q;
}

export function createAnswers(
  deps: AnswersDeps,
): Pick<ReviewService, 'applyProposal' | 'setSelection' | 'markNotApplicable'> {
  const { clock, logger, store } = deps;

  /** After a change: the question as the Tool now has it, and fresh risk counts per pillar. */
  async function refresh(
    review: Review,
    tool: WaTool,
    lens: string,
    questionId: string,
    answer: AnswerLike | undefined,
  ) {
    const q = questionOfReview(review, lens, questionId);
    if (answer) {
      q.selected = answer.SelectedChoices ?? [];
      q.isApplicable = answer.IsApplicable ?? true;
      q.risk = toRisk(answer.Risk);
      if (answer.Reason && answer.Reason !== 'NONE') q.reason = answer.Reason;
      else delete q.reason;
    }
    if (q.proposal) q.proposal.changes = changesAnswer(q.proposal.selected, q);
    review.pillars = progress(
      review.questions,
      await pillarRisksOver(tool, review.workload.id, review.lenses),
    );
  }

  function change(
    id: number,
    lens: string,
    questionId: string,
    by: string,
    kind: ChangeKind,
    send: (
      tool: WaTool,
      review: Review,
      q: ReviewQuestion,
    ) => Promise<{ answer: AnswerLike | undefined; detail: unknown }>,
  ): Promise<Review> {
    return deps.locks.serialized(`review:${id}`, async () => {
      const review = store.mustGet(id);
      mustBeOpen(review);
      const q = questionOfReview(review, lens, questionId);
      const tool = toolFor(deps.aws, review.workload);
      const { answer, detail } = await send(tool, review, q);
      q.applied = { at: clock.now(), by, kind };
      await refresh(review, tool, lens, questionId, answer);
      store.save(review);
      store.audit(review, by, kind === 'not_applicable' ? 'not_applicable' : `apply_${kind}`, detail, {
        lens,
        questionId,
      });
      logger.info(
        { review: id, workload: review.workload.name, lens, questionId, by, kind },
        'Review answer updated',
      );
      return review;
    });
  }

  return {
    applyProposal(id, lens, questionId, by) {
      return change(id, lens, questionId, by, 'proposal', async (tool, review, q) => {
        if (!q.proposal)
          throw new PillarError(
            'not_found',
            `No check bears on ${questionId}, so there is no proposal to apply.`,
          );
        // Re-read: someone may have changed the answer in the console since the review started.
        const current = await tool.answer(review.workload.id, lens, questionId);
        const fresh = proposeAnswer(
          { ...q, selected: current.SelectedChoices ?? [], isApplicable: current.IsApplicable ?? true },
          q.proposal.evidence,
          review.evidenceAt,
          current.Notes ?? '',
          q.proposal.suppressed ?? [],
        );
        const proposal = fresh ?? q.proposal;
        q.proposal = proposal;
        const answer = await tool.updateAnswer(review.workload.id, lens, questionId, {
          selected: proposal.selected,
          notes: proposal.notes,
        });
        return { answer, detail: { selected: proposal.selected } };
      });
    },

    setSelection(id, lens, questionId, choices, by) {
      return change(id, lens, questionId, by, 'selection', async (tool, review, q) => {
        const known = new Set(q.choices.map((c) => c.id));
        const unknown = choices.filter((c) => !known.has(c));
        if (unknown.length > 0)
          throw new PillarError(
            'input_invalid',
            `Question ${questionId} has no choice ${unknown.join(', ')}.`,
          );
        const none = new Set(q.choices.filter((c) => c.none).map((c) => c.id));
        if (choices.some((c) => none.has(c)) && choices.some((c) => !none.has(c)))
          throw new PillarError(
            'input_invalid',
            '"None of these" cannot be selected together with other choices: pick one or the other.',
          );
        const current = await tool.answer(review.workload.id, lens, questionId);
        const answer = await tool.updateAnswer(review.workload.id, lens, questionId, {
          selected: [...new Set(choices)],
          notes: current.Notes ?? '',
        });
        return { answer, detail: { selected: choices } };
      });
    },

    markNotApplicable(id, lens, questionId, reason, notes, by) {
      return change(id, lens, questionId, by, 'not_applicable', async (tool, review) => {
        const answer = await tool.updateAnswer(review.workload.id, lens, questionId, {
          notApplicable: true,
          reason,
          ...(notes ? { notes } : {}),
        });
        return { answer, detail: { reason, notes } };
      });
    },
  };
}

import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import { PillarError } from '../errors.js';
import type { Logger } from '../logger.js';
import { pillars } from '../vocabulary.js';
import type { ReviewService } from './api.js';
import type { Locks } from './locks.js';
import { milestoneName } from './periods.js';
import { addPillarRisks, progress, questionOf } from './read.js';
import { mustBeOpen, type ReviewStore } from './store.js';
import { riskCounts, toRisk } from './tool.js';
import type { ImprovementItem, ReviewSummary, RiskCounts } from './types.js';
import { toolFor } from './workloads.js';

/**
 * Finishing a review: record the milestone, then gather the summary (risk per pillar against the
 * previous milestone, questions still unanswered, the top improvements, the lens review report).
 */

export interface FinishDeps {
  clock: Clock;
  logger: Logger;
  aws: AwsClients;
  store: ReviewStore;
  locks: Locks;
}

/** Improvement items the summary lists. */
const TOP_IMPROVEMENTS = 8;

export function createFinish(deps: FinishDeps): Pick<ReviewService, 'finish'> {
  const { clock, logger, store } = deps;
  return {
    finish(id, by) {
      return deps.locks.serialized(`review:${id}`, async (): Promise<ReviewSummary> => {
        const review = store.mustGet(id);
        mustBeOpen(review);
        const tool = toolFor(deps.aws, review.workload);
        const workloadId = review.workload.id;
        const existing = await tool.milestones(workloadId);
        const previous = existing.at(-1);
        const name = milestoneName(
          review.runKey,
          existing.map((m) => m.MilestoneName ?? ''),
        );
        const number = await tool.createMilestone(
          workloadId,
          name,
          `pillar-review-${review.id}-${review.runKey}`,
        );

        const now = new Map<string, RiskCounts>();
        const before = new Map<string, RiskCounts>();
        const unanswered: ReviewSummary['unanswered'] = [];
        const improvements: ImprovementItem[] = [];
        for (const lens of review.lenses) {
          addPillarRisks(now, await tool.pillarRisks(workloadId, lens.alias));
          if (previous?.MilestoneNumber !== undefined) {
            try {
              addPillarRisks(
                before,
                await tool.pillarRisks(workloadId, lens.alias, previous.MilestoneNumber),
              );
            } catch (e) {
              // A lens associated after the previous milestone has no review there.
              if (!(e instanceof PillarError && e.code === 'aws_not_found')) throw e;
            }
          }
          for (const a of await tool.answers(workloadId, lens.alias)) {
            const q = questionOf(lens.alias, a);
            if (q.risk === 'UNANSWERED')
              unanswered.push({
                lens: lens.alias,
                questionId: q.questionId,
                pillarId: q.pillarId,
                title: q.title,
              });
          }
          for (const i of await tool.improvements(workloadId, lens.alias)) {
            const risk = toRisk(i.Risk);
            if (risk !== 'HIGH' && risk !== 'MEDIUM') continue;
            improvements.push({
              lens: lens.alias,
              questionId: i.QuestionId ?? '',
              pillarId: i.PillarId ?? '',
              title: i.QuestionTitle ?? i.QuestionId ?? '',
              risk,
              ...(i.ImprovementPlanUrl ? { url: i.ImprovementPlanUrl } : {}),
            });
          }
        }
        improvements.sort((a, b) => (a.risk === b.risk ? 0 : a.risk === 'HIGH' ? -1 : 1));

        let report: ReviewSummary['report'];
        try {
          const pdf = await tool.report(workloadId, 'wellarchitected', number);
          if (pdf) report = { filename: `${review.workload.name}-${name.replace(/\s+/g, '-')}.pdf`, pdf };
        } catch (e) {
          // The summary stands without the PDF; the log says why.
          logger.warn({ err: e, review: id }, 'The lens review report could not be read');
        }

        review.status = 'finished';
        review.finishedAt = clock.now();
        review.milestone = { number, name };
        review.pillars = progress(review.questions, now);
        store.save(review);
        store.audit(review, by, 'finish', { milestone: number, name });
        logger.info(
          { review: id, workload: review.workload.name, milestone: number, name },
          'Review finished',
        );

        const pillarRisks = pillars
          .filter((p) => now.has(p) || before.has(p))
          .map((p) => ({
            pillarId: p,
            now: now.get(p) ?? riskCounts(undefined),
            ...(previous ? { before: before.get(p) ?? riskCounts(undefined) } : {}),
          }));
        return {
          review,
          milestone: { number, name },
          ...(previous?.MilestoneNumber !== undefined
            ? {
                previous: {
                  number: previous.MilestoneNumber,
                  name: previous.MilestoneName ?? '',
                  ...(previous.RecordedAt ? { recordedAt: previous.RecordedAt.getTime() } : {}),
                },
              }
            : {}),
          pillars: pillarRisks,
          unanswered,
          improvements: improvements.slice(0, TOP_IMPROVEMENTS),
          ...(report ? { report } : {}),
        };
      });
    },
  };
}

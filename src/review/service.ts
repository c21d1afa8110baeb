import type { AnswerSummary } from '@aws-sdk/client-wellarchitected';
import { and, asc, desc, eq } from 'drizzle-orm';
import { runChecks, type ScanResult } from '../../checks/runner.js';
import { parseThresholds } from '../../checks/thresholds.js';
import type { AwsClients, AwsTarget } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import { reviewEvents, reviews } from '../db/schema.js';
import { ConfigError, PillarError } from '../errors.js';
import { thresholdsSetting } from '../findings/scan.js';
import { collectSnapshot } from '../inventory/collect.js';
import { ingestionTelemetry } from '../inventory/ingestion-telemetry.js';
import type { Logger } from '../logger.js';
import type { ReviewService } from './api.js';
import { changesAnswer, evidenceByQuestion, proposeAnswer, questionKey } from './proposals.js';
import { riskCounts, toRisk, WaTool } from './tool.js';
import {
  type ImprovementItem,
  type NotApplicableReason,
  type PillarProgress,
  type Review,
  type ReviewLens,
  type ReviewPillar,
  type ReviewPlan,
  type ReviewQuestion,
  type ReviewSummary,
  type RiskCounts,
  reviewPillars,
  risks,
  type WorkloadRef,
} from './types.js';

export type { ReviewService } from './api.js';

/** Check results for one account and region: the evidence of a review. */
export type EvidenceSource = (target: AwsTarget) => Promise<ScanResult[]>;

export interface ReviewDeps {
  settings: Settings;
  db: Db;
  clock: Clock;
  logger: Logger;
  aws: AwsClients;
  /** Where check results come from (default: collect the inventory and run the checks now). */
  evidence?: EvidenceSource;
}

const DEFAULT_LENSES = ['wellarchitected', 'serverless'];
/** Improvement items the summary lists. */
const TOP_IMPROVEMENTS = 8;

type WorkloadSettings = Settings['review']['workloads'][number];

/** The review period a moment falls in, in the configured time zone: `2026-H1` or `2026-H2`. */
export function runKeyFor(at: number, timezone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone ?? 'UTC',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(new Date(at));
  const year = parts.find((p) => p.type === 'year')?.value ?? '1970';
  const month = Number(parts.find((p) => p.type === 'month')?.value ?? '1');
  return `${year}-H${month <= 6 ? 1 : 2}`;
}

/** A milestone name not yet used on the workload (`2026-H2 review`, then `2026-H2 review (2)`). */
export function milestoneName(runKey: string, taken: readonly string[]): string {
  const base = `${runKey.replace(/-\d+$/, '')} review`;
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base} (${n})`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

export function createReviewService(deps: ReviewDeps): ReviewService {
  const { settings, db, clock, logger } = deps;
  const evidence = deps.evidence ?? defaultEvidence(deps);
  // Two people clicking at once: changes to one review (and starts of one workload) run one after
  // the other, so each reads the state the previous one saved.
  const locks = new Map<string, Promise<unknown>>();
  function serialized<T>(key: string, run: () => Promise<T>): Promise<T> {
    const before = locks.get(key) ?? Promise.resolve();
    const next = before.then(run, run);
    const tail = next.catch(() => undefined);
    locks.set(key, tail);
    void tail.then(() => {
      if (locks.get(key) === tail) locks.delete(key);
    });
    return next;
  }

  function workloadSettings(name: string): WorkloadSettings {
    const all = settings.review.workloads;
    const w = all.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!w) {
      const known = all.map((x) => x.name);
      throw new PillarError(
        'not_found',
        known.length === 0
          ? `No workloads are configured for reviews: add one under review.workloads in the settings.`
          : `No workload named "${name}" under review.workloads; configured: ${known.join(', ')}.`,
      );
    }
    return w;
  }

  function targetOf(w: WorkloadSettings): AwsTarget {
    const account = w.account ? settings.accounts.find((a) => a.name === w.account) : settings.accounts[0];
    if (!account)
      throw new PillarError(
        'not_found',
        w.account
          ? `Workload ${w.name} names account "${w.account}", which is not under aws.accounts.`
          : `Workload ${w.name} needs an AWS account: add one under aws.accounts.`,
      );
    const region = w.region ?? account.regions[0];
    if (!region)
      throw new PillarError('not_found', `Workload ${w.name} needs a region (review.workloads[].region).`);
    return { account: account.name, region };
  }

  function toolFor(target: AwsTarget): WaTool {
    return new WaTool(deps.aws.wellarchitected(target), target);
  }

  function lensesOf(w: WorkloadSettings): string[] {
    const wanted = w.lenses && w.lenses.length > 0 ? w.lenses : DEFAULT_LENSES;
    // The framework lens is on every workload and cannot be removed.
    return [...new Set(['wellarchitected', ...wanted])];
  }

  /** The workload in the Tool: by id when the settings give one, else by name. */
  async function findWorkload(tool: WaTool, w: WorkloadSettings) {
    if (w.id) {
      const found = await tool.getWorkload(w.id);
      return {
        id: w.id,
        arn: found.WorkloadArn ?? '',
        lenses: found.Lenses ?? [],
        name: found.WorkloadName ?? w.name,
      };
    }
    const byName = await tool.findWorkloadByName(w.name);
    if (!byName) return undefined;
    const found = await tool.getWorkload(byName.id);
    return { id: byName.id, arn: found.WorkloadArn ?? '', lenses: found.Lenses ?? [], name: byName.name };
  }

  async function readQuestions(tool: WaTool, workloadId: string) {
    const summaries = await tool.lensReviews(workloadId);
    const lenses: ReviewLens[] = summaries
      .filter((s) => s.LensAlias)
      .map((s) => ({
        alias: s.LensAlias as string,
        arn: s.LensArn ?? '',
        name: s.LensName ?? (s.LensAlias as string),
        version: s.LensVersion ?? '',
        ...(s.LensStatus ? { status: s.LensStatus } : {}),
      }));
    const questions: Omit<ReviewQuestion, 'proposal'>[] = [];
    const risksByPillar = new Map<string, RiskCounts>();
    for (const lens of lenses) {
      for (const a of await tool.answers(workloadId, lens.alias)) questions.push(questionOf(lens.alias, a));
      addPillarRisks(risksByPillar, await tool.pillarRisks(workloadId, lens.alias));
    }
    return { lenses, questions, risksByPillar };
  }

  function withProposals(
    questions: Omit<ReviewQuestion, 'proposal'>[],
    results: ScanResult[],
    evidenceAt: number,
  ): { questions: ReviewQuestion[]; drift: Review['drift'] } {
    const { evidence: byQuestion, drift } = evidenceByQuestion(questions, results);
    return {
      drift,
      questions: questions.map((q) => {
        const proposal = proposeAnswer(
          q,
          byQuestion.get(questionKey(q.lens, q.questionId)) ?? [],
          evidenceAt,
        );
        return proposal ? { ...q, proposal } : { ...q };
      }),
    };
  }

  // --- storage ------------------------------------------------------------------------------

  function save(review: Review): void {
    db.update(reviews)
      .set({
        status: review.status,
        finishedAt: review.finishedAt ?? null,
        milestoneNumber: review.milestone?.number ?? null,
        milestoneName: review.milestone?.name ?? null,
        channel: review.slack?.channel ?? null,
        messageTs: review.slack?.ts ?? null,
        lastReminderAt: review.slack?.lastReminderAt ?? null,
        state: JSON.stringify(review),
      })
      .where(eq(reviews.id, review.id))
      .run();
  }

  function load(row: typeof reviews.$inferSelect): Review {
    return { ...(JSON.parse(row.state) as Review), id: row.id };
  }

  function audit(
    review: Review,
    by: string,
    action: string,
    detail: unknown,
    q?: { lens: string; questionId: string },
  ) {
    db.insert(reviewEvents)
      .values({
        reviewId: review.id,
        at: clock.now(),
        by,
        action,
        lens: q?.lens ?? null,
        questionId: q?.questionId ?? null,
        detail: detail === undefined ? null : JSON.stringify(detail),
      })
      .run();
  }

  function mustGet(id: number): Review {
    const row = db.select().from(reviews).where(eq(reviews.id, id)).get();
    if (!row)
      throw new PillarError(
        'not_found',
        `Review ${id} does not exist (it may have been pruned); start one with /wa review.`,
      );
    return load(row);
  }

  function mustBeOpen(review: Review): void {
    if (review.status !== 'open')
      throw new PillarError(
        'invalid_transition',
        `The review of ${review.workload.name} is finished (milestone "${review.milestone?.name ?? ''}"); start a new one with /wa review ${review.workload.name}.`,
      );
  }

  function questionOfReview(review: Review, lens: string, questionId: string): ReviewQuestion {
    const q = review.questions.find((x) => x.lens === lens && x.questionId === questionId);
    if (!q)
      throw new PillarError('not_found', `The ${lens} lens of this review has no question ${questionId}.`);
    return q;
  }

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
    const byPillar = new Map<string, RiskCounts>();
    for (const l of review.lenses)
      addPillarRisks(byPillar, await tool.pillarRisks(review.workload.id, l.alias));
    review.pillars = progress(review.questions, byPillar);
  }

  async function change(
    id: number,
    lens: string,
    questionId: string,
    by: string,
    kind: 'proposal' | 'selection' | 'not_applicable',
    send: (
      tool: WaTool,
      review: Review,
      q: ReviewQuestion,
    ) => Promise<{ answer: AnswerLike | undefined; detail: unknown }>,
  ): Promise<Review> {
    return serialized(`review:${id}`, async () => {
      const review = mustGet(id);
      mustBeOpen(review);
      const q = questionOfReview(review, lens, questionId);
      const tool = toolFor(review.workload);
      const { answer, detail } = await send(tool, review, q);
      q.applied = { at: clock.now(), by, kind };
      await refresh(review, tool, lens, questionId, answer);
      save(review);
      audit(review, by, kind === 'not_applicable' ? 'not_applicable' : `apply_${kind}`, detail, {
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
    workloadNames: () => settings.review.workloads.map((w) => w.name),

    async plan(name) {
      const w = workloadSettings(name);
      const target = targetOf(w);
      const tool = toolFor(target);
      const found = await findWorkload(tool, w);
      const lenses = lensesOf(w);
      const writes: string[] = [];
      const base = { name: w.name, region: target.region, account: target.account };
      if (!found) {
        writes.push(
          `CreateWorkload "${w.name}" in ${target.region} (${w.environment ?? 'PRODUCTION'}, owner ${w.owner ?? 'Pillar'}) with lenses ${lenses.join(', ')}`,
        );
        writes.push(
          `CreateMilestone "${milestoneName(runKeyFor(clock.now(), settings.schedules.timezone), [])}" when the review is finished`,
        );
        return { workload: { ...base, exists: false }, writes };
      }
      const missing = lenses.filter((l) => !found.lenses.includes(l));
      if (missing.length > 0) writes.push(`AssociateLenses ${missing.join(', ')} on workload ${found.id}`);
      const { lenses: lensInfo, questions, risksByPillar } = await readQuestions(tool, found.id);
      const evidenceAt = clock.now();
      const results = await evidence(target);
      const proposed = withProposals(questions, results, evidenceAt);
      for (const q of proposed.questions) {
        if (q.proposal?.changes)
          writes.push(
            `UpdateAnswer ${q.lens}/${q.questionId} with [${q.proposal.selected.join(', ')}] once a person applies the proposal`,
          );
      }
      const milestones = await tool.milestones(found.id);
      writes.push(
        `CreateMilestone "${milestoneName(
          runKeyFor(clock.now(), settings.schedules.timezone),
          milestones.map((m) => m.MilestoneName ?? ''),
        )}" when the review is finished`,
      );
      const plan: ReviewPlan = {
        workload: { ...base, id: found.id, exists: true },
        writes,
        review: {
          workload: { ...base, id: found.id, arn: found.arn, ...(w.owner ? { owner: w.owner } : {}) },
          runKey: runKeyFor(clock.now(), settings.schedules.timezone),
          lenses: lensInfo,
          pillars: progress(proposed.questions, risksByPillar),
          questions: proposed.questions,
          drift: proposed.drift,
          evidenceAt,
        },
      };
      return plan;
    },

    async start(name, options) {
      const key = `workload:${workloadSettings(name).name}`;
      return serialized(key, async () => {
        const w = workloadSettings(name);
        const period = options.runKey ?? runKeyFor(clock.now(), settings.schedules.timezone);
        const open = db
          .select()
          .from(reviews)
          .where(and(eq(reviews.workload, w.name), eq(reviews.status, 'open')))
          .orderBy(desc(reviews.id))
          .get();
        if (open) return { review: load(open), created: false };
        const samePeriod = db
          .select()
          .from(reviews)
          .where(and(eq(reviews.workload, w.name), eq(reviews.runKey, period)))
          .get();
        // A schedule (or a catch-up) never reviews a period twice; a person may start another.
        if (samePeriod && (options.trigger === 'schedule' || options.trigger === 'catch-up'))
          return { review: load(samePeriod), created: false };
        let runKey = period;
        for (
          let n = 2;
          db
            .select()
            .from(reviews)
            .where(and(eq(reviews.workload, w.name), eq(reviews.runKey, runKey)))
            .get();
          n++
        )
          runKey = `${period}-${n}`;

        const target = targetOf(w);
        const tool = toolFor(target);
        const lenses = lensesOf(w);
        let found = await findWorkload(tool, w);
        if (!found) {
          const created = await tool.createOrAdoptWorkload({
            name: w.name,
            description: `Serverless workload ${w.name}, reviewed with Pillar twice a year.`,
            environment: w.environment ?? 'PRODUCTION',
            lenses,
            reviewOwner: w.owner ?? 'Pillar',
            regions: [target.region],
            accountIds: [],
            // The same token on a retry returns the workload the first attempt created.
            clientRequestToken: `pillar-${w.name.replace(/[^\w-]/g, '-')}`.slice(0, 2048),
          });
          if (created.existed) {
            // Found through the Tool's own name check: read what it has, lenses included.
            const adopted = await tool.getWorkload(created.id);
            const have = adopted.Lenses ?? [];
            found = { id: created.id, arn: created.arn, lenses: have, name: adopted.WorkloadName ?? w.name };
            const missing = lenses.filter((l) => !have.includes(l));
            if (missing.length > 0) await tool.associateLenses(created.id, missing);
          } else {
            logger.info(
              { workload: w.name, id: created.id },
              'Created the workload in the Well-Architected Tool',
            );
            found = { id: created.id, arn: created.arn, lenses, name: w.name };
          }
        } else {
          const missing = lenses.filter((l) => !found?.lenses.includes(l));
          if (missing.length > 0) await tool.associateLenses(found.id, missing);
        }
        const { lenses: lensInfo, questions, risksByPillar } = await readQuestions(tool, found.id);
        const evidenceAt = clock.now();
        const results = await evidence(target);
        const proposed = withProposals(questions, results, evidenceAt);
        for (const d of proposed.drift)
          logger.warn(
            { workload: w.name, ...d },
            'A check names a question or choice the lens in the Tool does not have',
          );

        const workload: WorkloadRef = {
          name: w.name,
          id: found.id,
          arn: found.arn,
          region: target.region,
          account: target.account,
          ...(w.owner ? { owner: w.owner } : {}),
        };
        const review: Omit<Review, 'id'> = {
          workload,
          runKey,
          trigger: options.trigger,
          status: 'open',
          startedAt: clock.now(),
          ...(options.by ? { startedBy: options.by } : {}),
          lenses: lensInfo,
          pillars: progress(proposed.questions, risksByPillar),
          questions: proposed.questions,
          drift: proposed.drift,
          evidenceAt,
        };
        const row = db
          .insert(reviews)
          .values({
            workload: w.name,
            runKey,
            trigger: options.trigger,
            status: 'open',
            startedAt: review.startedAt,
            startedBy: options.by ?? null,
            state: JSON.stringify(review),
          })
          .returning({ id: reviews.id })
          .get();
        const stored: Review = { ...review, id: row.id };
        save(stored);
        audit(stored, options.by ?? 'pillar', 'start', {
          trigger: options.trigger,
          runKey,
          workloadId: found.id,
        });
        logger.info({ workload: w.name, review: row.id, runKey, trigger: options.trigger }, 'Review started');
        return { review: stored, created: true };
      });
    },

    get(id) {
      const row = db.select().from(reviews).where(eq(reviews.id, id)).get();
      return row ? load(row) : undefined;
    },

    latest(name) {
      const open = db
        .select()
        .from(reviews)
        .where(and(eq(reviews.workload, name), eq(reviews.status, 'open')))
        .orderBy(desc(reviews.id))
        .get();
      const row =
        open ?? db.select().from(reviews).where(eq(reviews.workload, name)).orderBy(desc(reviews.id)).get();
      return row ? load(row) : undefined;
    },

    openReviews() {
      return db
        .select()
        .from(reviews)
        .where(eq(reviews.status, 'open'))
        .orderBy(asc(reviews.id))
        .all()
        .map(load);
    },

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

    markNotApplicable(id, lens, questionId, reason: NotApplicableReason, notes, by) {
      return change(id, lens, questionId, by, 'not_applicable', async (tool, review) => {
        const answer = await tool.updateAnswer(review.workload.id, lens, questionId, {
          notApplicable: true,
          reason,
          ...(notes ? { notes } : {}),
        });
        return { answer, detail: { reason, notes } };
      });
    },

    async finish(id, by) {
      return serialized(`review:${id}`, async (): Promise<ReviewSummary> => {
        const review = mustGet(id);
        mustBeOpen(review);
        const tool = toolFor(review.workload);
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
        save(review);
        audit(review, by, 'finish', { milestone: number, name });
        logger.info(
          { review: id, workload: review.workload.name, milestone: number, name },
          'Review finished',
        );

        const pillars = reviewPillars
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
          pillars,
          unanswered,
          improvements: improvements.slice(0, TOP_IMPROVEMENTS),
          ...(report ? { report } : {}),
        };
      });
    },

    attachSlack(id, channel, ts) {
      const review = mustGet(id);
      review.slack = { ...review.slack, channel, ts };
      save(review);
    },

    markReminded(id, at) {
      const review = mustGet(id);
      if (!review.slack) return;
      review.slack.lastReminderAt = at;
      save(review);
    },
  };
}

type AnswerLike = Pick<AnswerSummary, 'SelectedChoices' | 'IsApplicable' | 'Risk' | 'Reason'>;

function questionOf(lens: string, a: AnswerSummary): Omit<ReviewQuestion, 'proposal'> {
  return {
    lens,
    questionId: a.QuestionId ?? '',
    pillarId: a.PillarId ?? '',
    title: a.QuestionTitle ?? a.QuestionId ?? '',
    choices: (a.Choices ?? []).map((c) => ({
      id: c.ChoiceId ?? '',
      title: c.Title ?? c.ChoiceId ?? '',
      none: c.Title === 'None of these' || (c.ChoiceId ?? '').endsWith('_no'),
    })),
    selected: a.SelectedChoices ?? [],
    isApplicable: a.IsApplicable ?? true,
    ...(a.Reason && a.Reason !== 'NONE' ? { reason: a.Reason } : {}),
    risk: toRisk(a.Risk),
  };
}

/** Adds one lens's risk counts per pillar into the running totals over the review's lenses. */
function addPillarRisks(totals: Map<string, RiskCounts>, lens: ReadonlyMap<string, RiskCounts>): void {
  for (const [pillar, counts] of lens) totals.set(pillar, addCounts(totals.get(pillar), counts));
}

function addCounts(a: RiskCounts | undefined, b: RiskCounts): RiskCounts {
  const out = riskCounts(undefined);
  for (const r of risks) out[r] = (a?.[r] ?? 0) + b[r];
  return out;
}

export function progress(
  questions: readonly ReviewQuestion[],
  risksByPillar: ReadonlyMap<string, RiskCounts>,
): PillarProgress[] {
  return reviewPillars
    .map((pillarId: ReviewPillar) => {
      const qs = questions.filter((q) => q.pillarId === pillarId);
      return {
        pillarId,
        riskCounts: risksByPillar.get(pillarId) ?? riskCounts(undefined),
        questions: qs.length,
        answered: qs.filter((q) => q.risk !== 'UNANSWERED').length,
        proposalsPending: qs.filter((q) => q.proposal?.changes && !q.applied).length,
      };
    })
    .filter((p) => p.questions > 0);
}

/** Check results for the workload's account and region, collected now. */
function defaultEvidence(deps: ReviewDeps): EvidenceSource {
  return async (target) => {
    const parsed = parseThresholds(thresholdsSetting(deps.settings.checks));
    if (!parsed.ok) throw new ConfigError(parsed.problems);
    const since = deps.clock.now() - 14 * 86_400_000;
    const { snapshot } = await collectSnapshot({
      clients: deps.aws,
      clock: deps.clock,
      logger: deps.logger,
      target,
      telemetry: { ingestion: ingestionTelemetry(deps.db, target.account, target.region, since) },
    });
    return runChecks(snapshot, { thresholds: parsed.thresholds });
  };
}

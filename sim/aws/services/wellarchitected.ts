import { z } from 'zod';
import { offsetPage } from '../paging.js';
import { defineOperation, type OperationContext, type ServiceDefinition } from '../service.js';
import {
  lensOf,
  NOTES_MAX,
  questionRisk,
  RISKS,
  type RiskCounts,
  reviewChoices,
  reviewRiskCounts,
  type SimAnswer,
  type SimLensReview,
  type SimWorkload,
  validationError,
  type WaRisk,
  waError,
  workloadRiskCounts,
} from '../stores/wellarchitected.js';
import { officialLenses, type WaLens, type WaQuestion } from '../wa-lenses.js';

/**
 * The Well-Architected Tool: REST-JSON, signing name and IAM prefix `wellarchitected`, members in
 * PascalCase on the wire, timestamps as epoch seconds. Errors carry their real statuses (403, 409,
 * 404, 400, 429, 402, 500). Risk rules are documented in `stores/wellarchitected.ts`.
 */

const workloadId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'Member must satisfy regular expression pattern: ^[0-9a-f]{32}$');
const lensAlias = z.string().min(1).max(128);
const nextToken = z.string().min(1).max(2048).optional();
const milestoneNumber = z.coerce.number().int().min(1).max(100).optional();
const reason = z.enum(['OUT_OF_SCOPE', 'BUSINESS_PRIORITIES', 'ARCHITECTURE_CONSTRAINTS', 'OTHER', 'NONE']);
const questionPriority = z.enum(['PRIORITIZED', 'NONE']).optional();

const industryTypes = [
  'Agriculture',
  'Automobile',
  'Defense',
  'Design and Engineering',
  'Digital Advertising',
  'Education',
  'Environmental Protection',
  'Financial Services',
  'Gaming',
  'General Public Services',
  'Healthcare',
  'Hospitality',
  'InfoTech',
  'Justice and Public Safety',
  'Life Sciences',
  'Manufacturing',
  'Media & Entertainment',
  'Mining & Resources',
  'Oil & Gas',
  'Power & Utilities',
  'Professional Services',
  'Real Estate & Construction',
  'Retail & Wholesale',
  'Social Protection',
  'Telecommunications',
  'Travel, Transportation & Logistics',
  'Other',
] as const;

const secs = (ms: number): number => ms / 1000;

function countsOut(c: RiskCounts): Record<WaRisk, number> {
  return Object.fromEntries(RISKS.map((r) => [r, c[r]])) as Record<WaRisk, number>;
}

/** Page tokens are opaque to callers. */
function page<T>(items: T[], token: string | undefined, size: number): { items: T[]; NextToken?: string } {
  const { page: slice, next } = offsetPage(items, token, size, 'v1', () =>
    validationError('The NextToken is not valid.', 'NextToken'),
  );
  return { items: slice, ...(next ? { NextToken: next } : {}) };
}

function workloadOf(ctx: OperationContext, id: string): SimWorkload {
  return ctx.state.wellarchitected.requireWorkload(ctx.caller.accountId, ctx.region, id);
}

const workloadArn = (ctx: OperationContext, id: string): string =>
  `arn:aws:wellarchitected:${ctx.region}:${ctx.caller.accountId}:workload/${id}`;

const workloadTarget = (input: { WorkloadId: string }, ctx: OperationContext) => ({
  resource: workloadArn(ctx, input.WorkloadId),
});

function workloadOut(w: SimWorkload): Record<string, unknown> {
  const s = w.spec;
  return {
    WorkloadId: w.id,
    WorkloadArn: w.arn,
    WorkloadName: s.WorkloadName,
    Description: s.Description,
    Environment: s.Environment,
    UpdatedAt: secs(w.updatedAt),
    AccountIds: s.AccountIds ?? [],
    AwsRegions: s.AwsRegions ?? [],
    NonAwsRegions: s.NonAwsRegions ?? [],
    ...(s.ArchitecturalDesign === undefined ? {} : { ArchitecturalDesign: s.ArchitecturalDesign }),
    ...(s.ReviewOwner === undefined ? {} : { ReviewOwner: s.ReviewOwner }),
    ...(w.isReviewOwnerUpdateAcknowledged === undefined
      ? {}
      : { IsReviewOwnerUpdateAcknowledged: w.isReviewOwnerUpdateAcknowledged }),
    ...(s.IndustryType === undefined ? {} : { IndustryType: s.IndustryType }),
    ...(s.Industry === undefined ? {} : { Industry: s.Industry }),
    ...(s.Notes === undefined ? {} : { Notes: s.Notes }),
    ImprovementStatus: w.improvementStatus,
    RiskCounts: countsOut(workloadRiskCounts(w)),
    PillarPriorities: s.PillarPriorities ?? [],
    Lenses: [...w.lensReviews.keys()],
    Owner: w.account,
    Tags: s.Tags ?? {},
  };
}

function workloadSummaryOut(w: SimWorkload): Record<string, unknown> {
  return {
    WorkloadId: w.id,
    WorkloadArn: w.arn,
    WorkloadName: w.spec.WorkloadName,
    Owner: w.account,
    UpdatedAt: secs(w.updatedAt),
    Lenses: [...w.lensReviews.keys()],
    RiskCounts: countsOut(workloadRiskCounts(w)),
    ImprovementStatus: w.improvementStatus,
  };
}

function lensStatus(ctx: OperationContext, review: SimLensReview): string {
  return ctx.state.wellarchitected.currentLensVersion(review.alias).version === review.version
    ? 'CURRENT'
    : 'NOT_CURRENT';
}

function lensReviewSummaryOut(ctx: OperationContext, review: SimLensReview): Record<string, unknown> {
  const lens = lensOf(review);
  return {
    LensAlias: lens.LensAlias,
    LensArn: lens.LensArn,
    LensVersion: review.version,
    LensName: lens.LensName,
    LensStatus: lensStatus(ctx, review),
    UpdatedAt: secs(review.updatedAt),
    RiskCounts: countsOut(reviewRiskCounts(review)),
  };
}

/** The best-practice page of the first choice still missing (the first choice when none is). */
function improvementPlanUrl(
  lens: WaLens,
  question: WaQuestion,
  review: SimLensReview,
  answer?: SimAnswer,
): string {
  const bestPractices = reviewChoices(question, review).filter((c) => c.ChoiceId !== question.noneChoiceId);
  const missing = bestPractices.find((c) => {
    const s = answer?.choices.get(c.ChoiceId)?.Status;
    return s !== 'SELECTED' && s !== 'NOT_APPLICABLE';
  });
  return `${lens.docsBase}${(missing ?? bestPractices[0])?.ChoiceId ?? question.QuestionId}.html`;
}

function selectedChoices(question: WaQuestion, review: SimLensReview, answer?: SimAnswer): string[] {
  return reviewChoices(question, review)
    .filter((c) => answer?.choices.get(c.ChoiceId)?.Status === 'SELECTED')
    .map((c) => c.ChoiceId);
}

function choiceAnswers(
  question: WaQuestion,
  review: SimLensReview,
  answer: SimAnswer | undefined,
  withNotes: boolean,
) {
  if (!answer) return [];
  return reviewChoices(question, review).flatMap((c) => {
    const a = answer.choices.get(c.ChoiceId);
    if (!a) return [];
    return [
      {
        ChoiceId: c.ChoiceId,
        Status: a.Status,
        ...(a.Reason === undefined ? {} : { Reason: a.Reason }),
        ...(withNotes && a.Notes !== undefined ? { Notes: a.Notes } : {}),
      },
    ];
  });
}

function answerSummaryOut(question: WaQuestion, review: SimLensReview): Record<string, unknown> {
  const answer = review.answers.get(question.QuestionId);
  return {
    QuestionId: question.QuestionId,
    PillarId: question.PillarId,
    QuestionTitle: question.QuestionTitle,
    Choices: reviewChoices(question, review).map((c) => ({ ChoiceId: c.ChoiceId, Title: c.Title })),
    SelectedChoices: selectedChoices(question, review, answer),
    ChoiceAnswerSummaries: choiceAnswers(question, review, answer, false),
    IsApplicable: answer?.isApplicable ?? true,
    Risk: questionRisk(question, review, answer),
    ...(answer?.reason === undefined ? {} : { Reason: answer.reason }),
    QuestionType: 'NON_PRIORITIZED',
  };
}

function answerOut(question: WaQuestion, review: SimLensReview): Record<string, unknown> {
  const lens = lensOf(review);
  const answer = review.answers.get(question.QuestionId);
  const risk = questionRisk(question, review, answer);
  return {
    QuestionId: question.QuestionId,
    PillarId: question.PillarId,
    QuestionTitle: question.QuestionTitle,
    QuestionDescription: question.QuestionTitle,
    // Present once the question has been answered, as in the real Tool.
    ...(risk === 'UNANSWERED'
      ? {}
      : { ImprovementPlanUrl: improvementPlanUrl(lens, question, review, answer) }),
    HelpfulResourceUrl: `${lens.docsBase}${question.Choices[0]?.ChoiceId ?? question.QuestionId}.html`,
    Choices: reviewChoices(question, review).map((c) => ({ ChoiceId: c.ChoiceId, Title: c.Title })),
    SelectedChoices: selectedChoices(question, review, answer),
    ChoiceAnswers: choiceAnswers(question, review, answer, true),
    IsApplicable: answer?.isApplicable ?? true,
    Risk: risk,
    ...(answer?.notes === undefined ? {} : { Notes: answer.notes }),
    ...(answer?.reason === undefined ? {} : { Reason: answer.reason }),
  };
}

function questionOf(review: SimLensReview, questionId: string): WaQuestion {
  const q = lensOf(review).Questions.find((x) => x.QuestionId === questionId);
  if (!q) {
    throw waError('ResourceNotFoundException', `Question not found: ${questionId}`, {
      ResourceId: questionId,
      ResourceType: 'QUESTION',
    });
  }
  return q;
}

function pillarFilter(review: SimLensReview, pillarId: string | undefined): void {
  if (pillarId === undefined) return;
  if (!lensOf(review).Pillars.some((p) => p.PillarId === pillarId)) {
    throw validationError(`Pillar ${pillarId} is not in lens ${review.alias}.`, 'PillarId');
  }
}

/**
 * The lens questions a list operation answers: the pillar filter checked against the lens, and
 * none for `PRIORITIZED`, since no profile (which is what prioritizes questions) is simulated.
 */
function questionsFor(review: SimLensReview, pillarId: string | undefined, priority: string | undefined) {
  pillarFilter(review, pillarId);
  if (priority === 'PRIORITIZED') return [];
  return lensOf(review).Questions.filter((q) => pillarId === undefined || q.PillarId === pillarId);
}

const milestoneField = (n: number | undefined) => (n === undefined ? {} : { MilestoneNumber: n });

// --- workloads ----------------------------------------------------------------------------------

const listWorkloads = defineOperation({
  name: 'ListWorkloads',
  http: { method: 'POST', path: '/workloadsSummaries' },
  input: z.object({
    WorkloadNamePrefix: z.string().max(100).optional(),
    NextToken: nextToken,
    MaxResults: z.coerce.number().int().min(1).max(50).optional(),
  }),
  handle(ctx, input) {
    const prefix = input.WorkloadNamePrefix?.toLowerCase() ?? '';
    // Ordered by name so pages are stable; the real order is not documented.
    const all = ctx.state.wellarchitected
      .workloads(ctx.caller.accountId, ctx.region)
      .filter((w) => w.spec.WorkloadName.toLowerCase().startsWith(prefix))
      .sort((a, b) => a.spec.WorkloadName.localeCompare(b.spec.WorkloadName));
    const p = page(all, input.NextToken, input.MaxResults ?? 50);
    return {
      WorkloadSummaries: p.items.map(workloadSummaryOut),
      ...(p.NextToken ? { NextToken: p.NextToken } : {}),
    };
  },
});

const regionsAndOwner = {
  AccountIds: z
    .array(z.string().regex(/^\d{12}$/))
    .max(100)
    .optional(),
  AwsRegions: z.array(z.string().min(1).max(100)).max(50).optional(),
  NonAwsRegions: z.array(z.string().min(3).max(25)).max(5).optional(),
  PillarPriorities: z.array(z.string().min(1).max(64)).optional(),
  ArchitecturalDesign: z
    .string()
    .max(2048)
    .regex(/^(|(https?|ftp):\/\/[^\s/$.?#].[^\s]*)$/)
    .optional(),
  ReviewOwner: z.string().min(3).max(255).optional(),
  IndustryType: z.enum(industryTypes).optional(),
  Industry: z.string().max(100).optional(),
  Notes: z.string().max(NOTES_MAX).optional(),
};

const createWorkload = defineOperation({
  name: 'CreateWorkload',
  http: { method: 'POST', path: '/workloads' },
  input: z.object({
    WorkloadName: z.string().min(3).max(100),
    Description: z.string().min(3).max(250),
    Environment: z.enum(['PRODUCTION', 'PREPRODUCTION']),
    Lenses: z.array(lensAlias),
    ClientRequestToken: z.string().min(1).max(2048).optional(),
    ...regionsAndOwner,
    Tags: z.record(z.string(), z.string()).optional(),
    ProfileArns: z.array(z.string()).max(1).optional(),
    ReviewTemplateArns: z.array(z.string()).optional(),
    Applications: z.array(z.string()).max(1).optional(),
  }),
  target: () => ({ resource: '*' }),
  handle(ctx, input) {
    // The model marks these optional; the documentation says the Tool requires them.
    if (!input.AwsRegions?.length && !input.NonAwsRegions?.length) {
      throw validationError('Either AwsRegions, NonAwsRegions, or both must be specified.', 'AwsRegions');
    }
    if (input.ReviewOwner === undefined)
      throw validationError('ReviewOwner must be specified.', 'ReviewOwner');
    // Profiles, review templates and AppRegistry applications are not simulated: refuse rather than ignore.
    for (const field of ['ProfileArns', 'ReviewTemplateArns', 'Applications'] as const) {
      if (input[field]?.length)
        throw validationError(`${field} is not supported by the simulated Tool.`, field);
    }
    const { ClientRequestToken, ProfileArns: _p, ReviewTemplateArns: _t, Applications: _a, ...spec } = input;
    return ctx.state.wellarchitected.createWorkload(
      ctx.caller.accountId,
      ctx.region,
      spec,
      ClientRequestToken,
    );
  },
});

const getWorkload = defineOperation({
  name: 'GetWorkload',
  http: { method: 'GET', path: '/workloads/{WorkloadId}' },
  input: z.object({ WorkloadId: workloadId }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    return { Workload: workloadOut(workloadOf(ctx, input.WorkloadId)) };
  },
});

const updateWorkload = defineOperation({
  name: 'UpdateWorkload',
  http: { method: 'PATCH', path: '/workloads/{WorkloadId}' },
  input: z.object({
    WorkloadId: workloadId,
    WorkloadName: z.string().min(3).max(100).optional(),
    Description: z.string().min(3).max(250).optional(),
    Environment: z.enum(['PRODUCTION', 'PREPRODUCTION']).optional(),
    ...regionsAndOwner,
    IsReviewOwnerUpdateAcknowledged: z.boolean().optional(),
    ImprovementStatus: z
      .enum(['NOT_APPLICABLE', 'NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'RISK_ACKNOWLEDGED'])
      .optional(),
  }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    const store = ctx.state.wellarchitected;
    const w = workloadOf(ctx, input.WorkloadId);
    const { WorkloadId: _id, IsReviewOwnerUpdateAcknowledged, ImprovementStatus, ...changes } = input;
    if (changes.WorkloadName !== undefined) {
      const other = store.workloadByName(ctx.caller.accountId, ctx.region, changes.WorkloadName);
      if (other && other.id !== w.id) {
        throw waError(
          'ConflictException',
          `A workload with the name ${changes.WorkloadName} already exists.`,
          {
            ResourceId: other.id,
            ResourceType: 'WORKLOAD',
          },
        );
      }
    }
    for (const [k, v] of Object.entries(changes)) {
      if (v !== undefined) (w.spec as unknown as Record<string, unknown>)[k] = structuredClone(v);
    }
    if (IsReviewOwnerUpdateAcknowledged !== undefined)
      w.isReviewOwnerUpdateAcknowledged = IsReviewOwnerUpdateAcknowledged;
    if (ImprovementStatus !== undefined) w.improvementStatus = ImprovementStatus;
    w.updatedAt = ctx.clock.now();
    return { Workload: workloadOut(w) };
  },
});

const associateLenses = defineOperation({
  name: 'AssociateLenses',
  http: { method: 'PATCH', path: '/workloads/{WorkloadId}/associateLenses' },
  input: z.object({ WorkloadId: workloadId, LensAliases: z.array(lensAlias).min(1).max(10) }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    ctx.state.wellarchitected.associateLenses(workloadOf(ctx, input.WorkloadId), input.LensAliases);
    return undefined;
  },
});

// --- lens reviews and answers -------------------------------------------------------------------

const listLensReviews = defineOperation({
  name: 'ListLensReviews',
  http: { method: 'GET', path: '/workloads/{WorkloadId}/lensReviews' },
  input: z.object({
    WorkloadId: workloadId,
    MilestoneNumber: milestoneNumber,
    NextToken: nextToken,
    MaxResults: z.coerce.number().int().min(1).max(50).optional(),
  }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    const store = ctx.state.wellarchitected;
    const w = workloadOf(ctx, input.WorkloadId);
    const source =
      input.MilestoneNumber === undefined ? w : store.milestone(w, input.MilestoneNumber).workload;
    const p = page([...source.lensReviews.values()], input.NextToken, input.MaxResults ?? 50);
    return {
      WorkloadId: w.id,
      ...milestoneField(input.MilestoneNumber),
      LensReviewSummaries: p.items.map((r) => lensReviewSummaryOut(ctx, r)),
      ...(p.NextToken ? { NextToken: p.NextToken } : {}),
    };
  },
});

const reviewInput = { WorkloadId: workloadId, LensAlias: lensAlias, MilestoneNumber: milestoneNumber };

function reviewOf(
  ctx: OperationContext,
  input: { WorkloadId: string; LensAlias: string; MilestoneNumber?: number | undefined },
): { workload: SimWorkload; review: SimLensReview } {
  const workload = workloadOf(ctx, input.WorkloadId);
  return {
    workload,
    review: ctx.state.wellarchitected.lensReview(workload, input.LensAlias, input.MilestoneNumber),
  };
}

const getLensReview = defineOperation({
  name: 'GetLensReview',
  http: { method: 'GET', path: '/workloads/{WorkloadId}/lensReviews/{LensAlias}' },
  input: z.object(reviewInput),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    const { workload, review } = reviewOf(ctx, input);
    const lens = lensOf(review);
    return {
      WorkloadId: workload.id,
      ...milestoneField(input.MilestoneNumber),
      LensReview: {
        ...lensReviewSummaryOut(ctx, review),
        PillarReviewSummaries: lens.Pillars.map((p) => ({
          PillarId: p.PillarId,
          PillarName: p.PillarName,
          RiskCounts: countsOut(reviewRiskCounts(review, p.PillarId)),
        })),
        ...(review.notes === undefined ? {} : { Notes: review.notes }),
      },
    };
  },
});

const listAnswers = defineOperation({
  name: 'ListAnswers',
  http: { method: 'GET', path: '/workloads/{WorkloadId}/lensReviews/{LensAlias}/answers' },
  input: z.object({
    ...reviewInput,
    PillarId: z.string().min(1).max(64).optional(),
    NextToken: nextToken,
    MaxResults: z.coerce.number().int().min(1).max(50).optional(),
    QuestionPriority: questionPriority,
  }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    const { workload, review } = reviewOf(ctx, input);
    const lens = lensOf(review);
    const questions = questionsFor(review, input.PillarId, input.QuestionPriority);
    const p = page(questions, input.NextToken, input.MaxResults ?? 50);
    return {
      WorkloadId: workload.id,
      ...milestoneField(input.MilestoneNumber),
      LensAlias: lens.LensAlias,
      LensArn: lens.LensArn,
      AnswerSummaries: p.items.map((q) => answerSummaryOut(q, review)),
      ...(p.NextToken ? { NextToken: p.NextToken } : {}),
    };
  },
});

const getAnswer = defineOperation({
  name: 'GetAnswer',
  http: { method: 'GET', path: '/workloads/{WorkloadId}/lensReviews/{LensAlias}/answers/{QuestionId}' },
  input: z.object({ ...reviewInput, QuestionId: z.string().min(1).max(128) }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    const { workload, review } = reviewOf(ctx, input);
    const lens = lensOf(review);
    return {
      WorkloadId: workload.id,
      ...milestoneField(input.MilestoneNumber),
      LensAlias: lens.LensAlias,
      LensArn: lens.LensArn,
      Answer: answerOut(questionOf(review, input.QuestionId), review),
    };
  },
});

const updateAnswer = defineOperation({
  name: 'UpdateAnswer',
  http: { method: 'PATCH', path: '/workloads/{WorkloadId}/lensReviews/{LensAlias}/answers/{QuestionId}' },
  input: z.object({
    WorkloadId: workloadId,
    LensAlias: lensAlias,
    QuestionId: z.string().min(1).max(128),
    SelectedChoices: z.array(z.string().min(1).max(64)).optional(),
    ChoiceUpdates: z
      .record(
        z.string().min(1).max(64),
        z.object({
          Status: z.enum(['SELECTED', 'NOT_APPLICABLE', 'UNSELECTED']),
          Reason: reason.optional(),
          Notes: z.string().optional(),
        }),
      )
      .optional(),
    // Length is checked by the store so the error names the field the way the Tool does.
    Notes: z.string().optional(),
    IsApplicable: z.boolean().optional(),
    Reason: reason.optional(),
  }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    const store = ctx.state.wellarchitected;
    const { workload, review } = reviewOf(ctx, input);
    const question = questionOf(review, input.QuestionId);
    const { WorkloadId: _w, LensAlias: _l, QuestionId: _q, ...update } = input;
    store.updateAnswer(review, question.QuestionId, update);
    workload.updatedAt = ctx.clock.now();
    const lens = lensOf(review);
    return {
      WorkloadId: workload.id,
      LensAlias: lens.LensAlias,
      LensArn: lens.LensArn,
      Answer: answerOut(question, review),
    };
  },
});

const listLensReviewImprovements = defineOperation({
  name: 'ListLensReviewImprovements',
  http: { method: 'GET', path: '/workloads/{WorkloadId}/lensReviews/{LensAlias}/improvements' },
  input: z.object({
    ...reviewInput,
    PillarId: z.string().min(1).max(64).optional(),
    NextToken: nextToken,
    MaxResults: z.coerce.number().int().min(1).max(100).optional(),
    QuestionPriority: questionPriority,
  }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    const { workload, review } = reviewOf(ctx, input);
    const lens = lensOf(review);
    const improvements = questionsFor(review, input.PillarId, input.QuestionPriority).flatMap((q) => {
      const answer = review.answers.get(q.QuestionId);
      const risk = questionRisk(q, review, answer);
      if (risk !== 'HIGH' && risk !== 'MEDIUM') return [];
      return [
        {
          QuestionId: q.QuestionId,
          PillarId: q.PillarId,
          QuestionTitle: q.QuestionTitle,
          Risk: risk,
          ImprovementPlanUrl: improvementPlanUrl(lens, q, review, answer),
        },
      ];
    });
    const p = page(improvements, input.NextToken, input.MaxResults ?? 100);
    return {
      WorkloadId: workload.id,
      ...milestoneField(input.MilestoneNumber),
      LensAlias: lens.LensAlias,
      LensArn: lens.LensArn,
      ImprovementSummaries: p.items,
      ...(p.NextToken ? { NextToken: p.NextToken } : {}),
    };
  },
});

const getLensReviewReport = defineOperation({
  name: 'GetLensReviewReport',
  http: { method: 'GET', path: '/workloads/{WorkloadId}/lensReviews/{LensAlias}/report' },
  input: z.object(reviewInput),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    const { workload, review } = reviewOf(ctx, input);
    const lens = lensOf(review);
    const name =
      input.MilestoneNumber === undefined
        ? workload.spec.WorkloadName
        : ctx.state.wellarchitected.milestone(workload, input.MilestoneNumber).workload.spec.WorkloadName;
    const lines = [
      `Well-Architected review report: ${name}`,
      `Lens: ${lens.LensName} (${lens.LensAlias}), version ${review.version}`,
      ...(input.MilestoneNumber === undefined ? [] : [`Milestone ${input.MilestoneNumber}`]),
      '',
      ...lens.Pillars.map((p) => {
        const c = reviewRiskCounts(review, p.PillarId);
        return `${p.PillarName}: ${RISKS.map((r) => `${r} ${c[r]}`).join(', ')}`;
      }),
    ];
    return {
      WorkloadId: workload.id,
      ...milestoneField(input.MilestoneNumber),
      LensReviewReport: {
        LensAlias: lens.LensAlias,
        LensArn: lens.LensArn,
        Base64String: textPdf(lines).toString('base64'),
      },
    };
  },
});

/** A one-page PDF 1.4 with the lines in Helvetica; offsets in the xref table are exact. */
export function textPdf(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const content = `BT\n/F1 11 Tf\n14 TL\n50 800 Td\n${lines.map((l) => `(${esc(l)}) Tj T*`).join('\n')}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    // The end-of-line before `endstream` is not part of the stream's Length.
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// --- milestones ---------------------------------------------------------------------------------

const createMilestone = defineOperation({
  name: 'CreateMilestone',
  http: { method: 'POST', path: '/workloads/{WorkloadId}/milestones' },
  input: z.object({
    WorkloadId: workloadId,
    MilestoneName: z.string().min(3).max(100),
    ClientRequestToken: z.string().min(1).max(2048).optional(),
  }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    return ctx.state.wellarchitected.createMilestone(
      ctx.caller.accountId,
      ctx.region,
      input.WorkloadId,
      input.MilestoneName,
      input.ClientRequestToken,
    );
  },
});

const listMilestones = defineOperation({
  name: 'ListMilestones',
  http: { method: 'POST', path: '/workloads/{WorkloadId}/milestonesSummaries' },
  input: z.object({
    WorkloadId: workloadId,
    NextToken: nextToken,
    MaxResults: z.coerce.number().int().min(1).max(50).optional(),
  }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    const w = workloadOf(ctx, input.WorkloadId);
    const p = page(w.milestones, input.NextToken, input.MaxResults ?? 50);
    return {
      WorkloadId: w.id,
      MilestoneSummaries: p.items.map((m) => ({
        MilestoneNumber: m.number,
        MilestoneName: m.name,
        RecordedAt: secs(m.recordedAt),
        WorkloadSummary: workloadSummaryOut(m.workload),
      })),
      ...(p.NextToken ? { NextToken: p.NextToken } : {}),
    };
  },
});

const getMilestone = defineOperation({
  name: 'GetMilestone',
  http: { method: 'GET', path: '/workloads/{WorkloadId}/milestones/{MilestoneNumber}' },
  input: z.object({ WorkloadId: workloadId, MilestoneNumber: z.coerce.number().int().min(1).max(100) }),
  target: (i, ctx) => workloadTarget(i, ctx),
  handle(ctx, input) {
    const w = workloadOf(ctx, input.WorkloadId);
    const m = ctx.state.wellarchitected.milestone(w, input.MilestoneNumber);
    return {
      WorkloadId: w.id,
      Milestone: {
        MilestoneNumber: m.number,
        MilestoneName: m.name,
        RecordedAt: secs(m.recordedAt),
        Workload: workloadOut(m.workload),
      },
    };
  },
});

// --- lenses -------------------------------------------------------------------------------------

const listLenses = defineOperation({
  name: 'ListLenses',
  http: { method: 'GET', path: '/lenses' },
  input: z.object({
    NextToken: nextToken,
    MaxResults: z.coerce.number().int().min(1).max(50).optional(),
    LensType: z.enum(['AWS_OFFICIAL', 'CUSTOM_SHARED', 'CUSTOM_SELF']).optional(),
    LensStatus: z.enum(['ALL', 'DRAFT', 'PUBLISHED']).optional(),
    LensName: z.string().min(1).max(128).optional(),
  }),
  target: () => ({ resource: '*' }),
  handle(ctx, input) {
    // Only the official lenses exist here: custom and draft filters match nothing.
    const lenses =
      (input.LensType ?? 'AWS_OFFICIAL') !== 'AWS_OFFICIAL' || input.LensStatus === 'DRAFT'
        ? []
        : officialLenses.filter(
            (l) =>
              input.LensName === undefined || l.LensName.toLowerCase().includes(input.LensName.toLowerCase()),
          );
    const p = page([...lenses], input.NextToken, input.MaxResults ?? 50);
    return {
      LensSummaries: p.items.map((l) => ({
        LensArn: l.LensArn,
        LensAlias: l.LensAlias,
        LensName: l.LensName,
        LensType: 'AWS_OFFICIAL',
        Description: l.Description,
        LensVersion: ctx.state.wellarchitected.currentLensVersion(l.LensAlias).version,
        LensStatus: 'PUBLISHED',
      })),
      ...(p.NextToken ? { NextToken: p.NextToken } : {}),
    };
  },
});

export const wellarchitectedService: ServiceDefinition = {
  id: 'wellarchitected',
  signingName: 'wellarchitected',
  iamPrefix: 'wellarchitected',
  protocol: 'restJson1',
  // Also covers `/workloadsSummaries`; unknown `/lenses/...` paths are attributed by the signing name.
  restPathPrefix: '/workloads',
  validationErrorCode: 'ValidationException',
  errors: {
    AccessDeniedException: { status: 403 },
    ConflictException: { status: 409 },
    ResourceNotFoundException: { status: 404 },
    ValidationException: { status: 400, extra: { Reason: 'FIELD_VALIDATION_FAILED' } },
    ThrottlingException: { status: 429, extra: { ServiceCode: 'wellarchitected' } },
    ServiceQuotaExceededException: { status: 402, extra: { ServiceCode: 'wellarchitected' } },
    InternalServerException: { status: 500, server: true },
    // Unhandled failures and unreadable bodies come out in this service's own shapes.
    InternalFailure: { code: 'InternalServerException', status: 500, server: true },
    SerializationException: { code: 'ValidationException', status: 400, extra: { Reason: 'CANNOT_PARSE' } },
  },
  operations: [
    listWorkloads,
    createWorkload,
    getWorkload,
    updateWorkload,
    associateLenses,
    listLensReviews,
    getLensReview,
    listAnswers,
    getAnswer,
    updateAnswer,
    listLensReviewImprovements,
    getLensReviewReport,
    createMilestone,
    listMilestones,
    getMilestone,
    listLenses,
  ],
};

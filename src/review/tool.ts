import {
  type AnswerSummary,
  AssociateLensesCommand,
  CreateMilestoneCommand,
  CreateWorkloadCommand,
  GetAnswerCommand,
  GetLensReviewCommand,
  GetLensReviewReportCommand,
  GetWorkloadCommand,
  type ImprovementSummary,
  ListAnswersCommand,
  ListLensReviewImprovementsCommand,
  ListLensReviewsCommand,
  ListMilestonesCommand,
  ListWorkloadsCommand,
  type MilestoneSummary,
  UpdateAnswerCommand,
  type WellArchitectedClient,
  type Workload,
} from '@aws-sdk/client-wellarchitected';
import { awsErrorName, describeAwsError } from '../aws/errors.js';
import { PillarError } from '../errors.js';
import { type Risk, type RiskCounts, risks } from './types.js';

/**
 * The Well-Architected Tool calls the review makes, each turned into a `PillarError` whose message
 * a reviewer can act on. Reads page through everything; writes send exactly what they are given.
 */

export interface ToolTarget {
  account: string;
  region: string;
}

/** Answers per ListAnswers page (the API's maximum). */
export const ANSWERS_PAGE = 50;
/** Improvements per page (the API's maximum). */
export const IMPROVEMENTS_PAGE = 100;
/** The Tool's limit on `Notes`. */
export const NOTES_LIMIT = 2084;

export class WaTool {
  constructor(
    private readonly client: WellArchitectedClient,
    private readonly target: ToolTarget,
  ) {}

  private async send<T>(action: string, resource: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw describeToolError(e, { action: `wellarchitected:${action}`, ...this.target, resource });
    }
  }

  async getWorkload(id: string): Promise<Workload> {
    const out = await this.send('GetWorkload', `workload ${id}`, () =>
      this.client.send(new GetWorkloadCommand({ WorkloadId: id })),
    );
    if (!out.Workload)
      throw new PillarError('aws_error', `The Well-Architected Tool returned no workload ${id}.`);
    return out.Workload;
  }

  /** The workload whose name matches, ignoring case and spaces as the Tool does for uniqueness. */
  async findWorkloadByName(name: string): Promise<{ id: string; name: string } | undefined> {
    const wanted = normalizeName(name);
    let token: string | undefined;
    do {
      const page = await this.send('ListWorkloads', undefined, () =>
        this.client.send(
          new ListWorkloadsCommand({
            WorkloadNamePrefix: name.slice(0, 100),
            MaxResults: 50,
            NextToken: token,
          }),
        ),
      );
      for (const w of page.WorkloadSummaries ?? []) {
        if (w.WorkloadId && w.WorkloadName && normalizeName(w.WorkloadName) === wanted)
          return { id: w.WorkloadId, name: w.WorkloadName };
      }
      token = page.NextToken;
    } while (token);
    return undefined;
  }

  async createWorkload(input: {
    name: string;
    description: string;
    environment: 'PRODUCTION' | 'PREPRODUCTION';
    lenses: string[];
    reviewOwner: string;
    regions: string[];
    accountIds: string[];
    clientRequestToken: string;
  }): Promise<{ id: string; arn: string; existed?: true }> {
    const out = await this.send('CreateWorkload', `workload ${input.name}`, () =>
      this.client.send(
        new CreateWorkloadCommand({
          WorkloadName: input.name,
          Description: input.description,
          Environment: input.environment,
          Lenses: input.lenses,
          ReviewOwner: input.reviewOwner,
          AwsRegions: input.regions,
          ...(input.accountIds.length > 0 ? { AccountIds: input.accountIds } : {}),
          ClientRequestToken: input.clientRequestToken,
        }),
      ),
    );
    if (!out.WorkloadId)
      throw new PillarError('aws_error', 'The Well-Architected Tool returned no workload id.');
    return { id: out.WorkloadId, arn: out.WorkloadArn ?? '' };
  }

  /**
   * Creates the workload, or, when the Tool says one of that name already exists (names ignore
   * case and spaces, which a prefix search can miss), adopts the one it names.
   */
  async createOrAdoptWorkload(
    input: Parameters<WaTool['createWorkload']>[0],
  ): Promise<{ id: string; arn: string; existed?: true }> {
    try {
      return await this.createWorkload(input);
    } catch (e) {
      const existing =
        e instanceof PillarError && e.code === 'aws_conflict' ? conflictResourceId(e.cause) : undefined;
      if (!existing) throw e;
      const found = await this.getWorkload(existing);
      return { id: existing, arn: found.WorkloadArn ?? '', existed: true };
    }
  }

  async associateLenses(workloadId: string, aliases: string[]): Promise<void> {
    // At most 10 lenses per call.
    for (let i = 0; i < aliases.length; i += 10) {
      await this.send('AssociateLenses', `workload ${workloadId}`, () =>
        this.client.send(
          new AssociateLensesCommand({ WorkloadId: workloadId, LensAliases: aliases.slice(i, i + 10) }),
        ),
      );
    }
  }

  async lensReviews(workloadId: string) {
    const out = [];
    let token: string | undefined;
    do {
      const page = await this.send('ListLensReviews', `workload ${workloadId}`, () =>
        this.client.send(
          new ListLensReviewsCommand({ WorkloadId: workloadId, MaxResults: 50, NextToken: token }),
        ),
      );
      out.push(...(page.LensReviewSummaries ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  }

  /** Risk counts per pillar of one lens, now or at a milestone. */
  async pillarRisks(workloadId: string, lens: string, milestone?: number): Promise<Map<string, RiskCounts>> {
    const out = await this.send('GetLensReview', `workload ${workloadId}`, () =>
      this.client.send(
        new GetLensReviewCommand({
          WorkloadId: workloadId,
          LensAlias: lens,
          ...(milestone === undefined ? {} : { MilestoneNumber: milestone }),
        }),
      ),
    );
    const pillars = new Map<string, RiskCounts>();
    for (const p of out.LensReview?.PillarReviewSummaries ?? []) {
      if (p.PillarId) pillars.set(p.PillarId, riskCounts(p.RiskCounts));
    }
    return pillars;
  }

  async answers(workloadId: string, lens: string, milestone?: number): Promise<AnswerSummary[]> {
    const out: AnswerSummary[] = [];
    let token: string | undefined;
    do {
      const page = await this.send('ListAnswers', `workload ${workloadId}`, () =>
        this.client.send(
          new ListAnswersCommand({
            WorkloadId: workloadId,
            LensAlias: lens,
            MaxResults: ANSWERS_PAGE,
            NextToken: token,
            ...(milestone === undefined ? {} : { MilestoneNumber: milestone }),
          }),
        ),
      );
      out.push(...(page.AnswerSummaries ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  }

  async answer(workloadId: string, lens: string, questionId: string) {
    const out = await this.send('GetAnswer', `question ${questionId}`, () =>
      this.client.send(
        new GetAnswerCommand({ WorkloadId: workloadId, LensAlias: lens, QuestionId: questionId }),
      ),
    );
    if (!out.Answer)
      throw new PillarError('aws_error', `The Well-Architected Tool returned no answer for ${questionId}.`);
    return out.Answer;
  }

  /** Sends the complete selection (UpdateAnswer replaces it) or marks the question not applicable. */
  async updateAnswer(
    workloadId: string,
    lens: string,
    questionId: string,
    update:
      | { selected: string[]; notes: string }
      | { notApplicable: true; reason: string; notes?: string | undefined },
  ) {
    const input =
      'selected' in update
        ? { SelectedChoices: update.selected, Notes: update.notes.slice(0, NOTES_LIMIT), IsApplicable: true }
        : {
            IsApplicable: false,
            Reason: update.reason as 'OUT_OF_SCOPE',
            ...(update.notes === undefined ? {} : { Notes: update.notes.slice(0, NOTES_LIMIT) }),
          };
    const out = await this.send('UpdateAnswer', `question ${questionId}`, () =>
      this.client.send(
        new UpdateAnswerCommand({
          WorkloadId: workloadId,
          LensAlias: lens,
          QuestionId: questionId,
          ...input,
        }),
      ),
    );
    return out.Answer;
  }

  async improvements(workloadId: string, lens: string): Promise<ImprovementSummary[]> {
    const out: ImprovementSummary[] = [];
    let token: string | undefined;
    do {
      const page = await this.send('ListLensReviewImprovements', `workload ${workloadId}`, () =>
        this.client.send(
          new ListLensReviewImprovementsCommand({
            WorkloadId: workloadId,
            LensAlias: lens,
            MaxResults: IMPROVEMENTS_PAGE,
            NextToken: token,
          }),
        ),
      );
      out.push(...(page.ImprovementSummaries ?? []));
      token = page.NextToken;
    } while (token);
    return out;
  }

  async milestones(workloadId: string): Promise<MilestoneSummary[]> {
    const out: MilestoneSummary[] = [];
    let token: string | undefined;
    do {
      const page = await this.send('ListMilestones', `workload ${workloadId}`, () =>
        this.client.send(
          new ListMilestonesCommand({ WorkloadId: workloadId, MaxResults: 50, NextToken: token }),
        ),
      );
      out.push(...(page.MilestoneSummaries ?? []));
      token = page.NextToken;
    } while (token);
    return out.sort((a, b) => (a.MilestoneNumber ?? 0) - (b.MilestoneNumber ?? 0));
  }

  async createMilestone(workloadId: string, name: string, token: string): Promise<number> {
    const out = await this.send('CreateMilestone', `workload ${workloadId}`, () =>
      this.client.send(
        new CreateMilestoneCommand({
          WorkloadId: workloadId,
          MilestoneName: name,
          ClientRequestToken: token,
        }),
      ),
    );
    if (out.MilestoneNumber === undefined)
      throw new PillarError('aws_error', 'The Well-Architected Tool returned no milestone number.');
    return out.MilestoneNumber;
  }

  /** The lens review report as PDF bytes, or undefined when the Tool gave none. */
  async report(workloadId: string, lens: string, milestone?: number): Promise<Buffer | undefined> {
    const out = await this.send('GetLensReviewReport', `workload ${workloadId}`, () =>
      this.client.send(
        new GetLensReviewReportCommand({
          WorkloadId: workloadId,
          LensAlias: lens,
          ...(milestone === undefined ? {} : { MilestoneNumber: milestone }),
        }),
      ),
    );
    const b64 = out.LensReviewReport?.Base64String;
    return b64 ? Buffer.from(b64, 'base64') : undefined;
  }
}

/** The `ResourceId` a ConflictException names, when it names one. */
function conflictResourceId(cause: unknown): string | undefined {
  const id = (cause as { ResourceId?: unknown } | undefined)?.ResourceId;
  return typeof id === 'string' && /^[0-9a-f]{32}$/.test(id) ? id : undefined;
}

export function normalizeName(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/** The Tool leaves zero counts out; Pillar always has every key. */
export function riskCounts(counts: Partial<Record<string, number>> | undefined): RiskCounts {
  const out = Object.fromEntries(risks.map((r) => [r, 0])) as RiskCounts;
  for (const r of risks) out[r] = counts?.[r] ?? 0;
  return out;
}

export function toRisk(value: string | undefined): Risk {
  return (risks as readonly string[]).includes(value ?? '') ? (value as Risk) : 'UNANSWERED';
}

/**
 * The Tool's errors in a reviewer's words: access denied names the permission, throttling says to
 * try again shortly, a conflict or a validation error says what the Tool refused.
 */
export function describeToolError(
  e: unknown,
  ctx: { action: string; account: string; region: string; resource?: string | undefined },
): PillarError {
  if (e instanceof PillarError) return e;
  const name = awsErrorName(e);
  const where = `${ctx.account}/${ctx.region}`;
  const text = e instanceof Error ? e.message : String(e);
  const details = { awsError: name, action: ctx.action, account: ctx.account, region: ctx.region };
  if (name === 'ThrottlingException') {
    return new PillarError(
      'aws_throttled',
      `The Well-Architected Tool is throttling Pillar (${ctx.action} in ${where}); nothing was lost, try again in a minute.`,
      { cause: e, details },
    );
  }
  if (name === 'AccessDeniedException') {
    return new PillarError(
      'aws_access_denied',
      `Access denied: ${ctx.action} in ${where}. Add ${ctx.action} to the role Pillar uses for reviews (see docs/iam-policy.json).`,
      { cause: e, details },
    );
  }
  if (name === 'ConflictException') {
    return new PillarError(
      'aws_conflict',
      `The Well-Architected Tool refused ${ctx.action}${ctx.resource ? ` on ${ctx.resource}` : ''} because it conflicts with what exists: ${text}`,
      { cause: e, details },
    );
  }
  if (name === 'ValidationException') {
    return new PillarError(
      'aws_invalid',
      `The Well-Architected Tool rejected ${ctx.action}${ctx.resource ? ` on ${ctx.resource}` : ''}: ${text}`,
      { cause: e, details },
    );
  }
  if (name === 'ServiceQuotaExceededException') {
    return new PillarError(
      'aws_quota',
      `The Well-Architected Tool quota is reached for ${ctx.action} in ${where} (${text}); a workload keeps at most 100 milestones.`,
      { cause: e, details },
    );
  }
  if (name === 'ResourceNotFoundException') {
    return new PillarError(
      'aws_not_found',
      `${ctx.resource ?? 'The resource'} was not found in the Well-Architected Tool in ${where}: check the workload's id and region under review.workloads.`,
      { cause: e, details },
    );
  }
  return describeAwsError(e, { action: ctx.action, account: ctx.account, region: ctx.region });
}

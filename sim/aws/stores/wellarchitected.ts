import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { AwsError } from '../errors.js';
import { findOfficialLens, type WaChoice, type WaLens, type WaQuestion } from '../wa-lenses.js';

/**
 * The simulated account's Well-Architected Tool data, per account and region: workloads, their
 * lens reviews and answers, milestones (frozen copies) and the idempotency tokens of creates.
 *
 * Risk rules. The real Tool computes risk for official lenses with rules it does not expose; the
 * sim uses this deterministic rule per question, so tests and the demo can predict it:
 * - NOT_APPLICABLE when the question's IsApplicable is false;
 * - UNANSWERED when nothing is selected and no choice is marked NOT_APPLICABLE;
 * - HIGH when "None of these" is selected, or fewer than a third of the best-practice choices are
 *   satisfied (selected, or marked NOT_APPLICABLE through ChoiceUpdates);
 * - NONE when every best-practice choice is satisfied;
 * - MEDIUM otherwise (some but not all).
 */

export type WaRisk = 'UNANSWERED' | 'HIGH' | 'MEDIUM' | 'NONE' | 'NOT_APPLICABLE';
export const RISKS: readonly WaRisk[] = ['UNANSWERED', 'HIGH', 'MEDIUM', 'NONE', 'NOT_APPLICABLE'];
export type WaChoiceStatus = 'SELECTED' | 'NOT_APPLICABLE' | 'UNSELECTED';
export type WaReason = 'OUT_OF_SCOPE' | 'BUSINESS_PRIORITIES' | 'ARCHITECTURE_CONSTRAINTS' | 'OTHER' | 'NONE';
export type RiskCounts = Record<WaRisk, number>;

export const WORKLOADS_PER_REGION = 1000;
export const MILESTONES_PER_WORKLOAD = 100;
export const LENSES_PER_WORKLOAD = 20;
/** Service Quotas codes seen in public code (reference section 5; not verified against AWS docs). */
export const QUOTA_CODES = {
  workloads: 'L-ACECEBBD',
  milestones: 'L-CA783EAE',
  lenses: 'L-66BC6D27',
} as const;

export interface SimChoiceAnswer {
  Status: WaChoiceStatus;
  Reason?: WaReason;
  Notes?: string;
}

export interface SimAnswer {
  /** Per choice id; a choice without an entry is unselected. */
  choices: Map<string, SimChoiceAnswer>;
  isApplicable: boolean;
  reason?: WaReason;
  notes?: string;
}

export interface SimLensReview {
  alias: string;
  /** The lens version this review is on, and the choices that version no longer has (drift). */
  version: string;
  removedChoices: Set<string>;
  notes?: string;
  updatedAt: number;
  answers: Map<string, SimAnswer>;
}

export interface SimWorkloadSpec {
  WorkloadName: string;
  Description: string;
  Environment: 'PRODUCTION' | 'PREPRODUCTION';
  Lenses: string[];
  ReviewOwner?: string;
  AwsRegions?: string[];
  NonAwsRegions?: string[];
  AccountIds?: string[];
  PillarPriorities?: string[];
  ArchitecturalDesign?: string;
  IndustryType?: string;
  Industry?: string;
  Notes?: string;
  Tags?: Record<string, string>;
}

export interface SimWorkload {
  id: string;
  arn: string;
  account: string;
  region: string;
  spec: SimWorkloadSpec;
  improvementStatus: string;
  isReviewOwnerUpdateAcknowledged?: boolean;
  updatedAt: number;
  /** Associated lens reviews in association order; `wellarchitected` is always first. */
  lensReviews: Map<string, SimLensReview>;
  milestones: SimMilestone[];
}

export interface SimMilestone {
  number: number;
  name: string;
  recordedAt: number;
  /** A deep copy of the workload (answers included) at the time the milestone was recorded. */
  workload: SimWorkload;
}

/** An answer as the test/demo helper `answer()` returns it. */
export interface SimAnswerView {
  SelectedChoices: string[];
  ChoiceAnswers: Record<string, SimChoiceAnswer>;
  IsApplicable: boolean;
  Reason?: WaReason;
  Notes?: string;
  Risk: WaRisk;
}

export interface AnswerUpdate {
  SelectedChoices?: string[];
  ChoiceUpdates?: Record<string, { Status: WaChoiceStatus; Reason?: WaReason; Notes?: string }>;
  Notes?: string;
  IsApplicable?: boolean;
  Reason?: WaReason;
}

export const NOTES_MAX = 2084;
export const CHOICE_NOTES_MAX = 250;

interface TokenEntry {
  params: string;
  result: unknown;
}

interface RegionData {
  workloads: Map<string, SimWorkload>;
  workloadTokens: Map<string, TokenEntry>;
}

/** WA Tool errors carry `Message` (capital M) as a member besides the protocol's `message`. */
export function waError(code: string, message: string, extra: Record<string, unknown> = {}): AwsError {
  return new AwsError(code, message, { extra: { Message: message, ...extra } });
}

export function validationError(message: string, field?: string): AwsError {
  return waError('ValidationException', message, {
    Reason: 'FIELD_VALIDATION_FAILED',
    ...(field ? { Fields: [{ Name: field, Message: message }] } : {}),
  });
}

function notFound(what: string, id: string, type: string): AwsError {
  return waError('ResourceNotFoundException', `${what} not found: ${id}`, {
    ResourceId: id,
    ResourceType: type,
  });
}

/** Names are unique per account and region ignoring spaces and capitalization. */
export const nameKey = (name: string): string => name.replace(/\s+/g, '').toLowerCase();

function emptyCounts(): RiskCounts {
  return { UNANSWERED: 0, HIGH: 0, MEDIUM: 0, NONE: 0, NOT_APPLICABLE: 0 };
}

/** Choices a review shows: the lens's, minus those its version dropped. */
export function reviewChoices(question: WaQuestion, review: SimLensReview): WaChoice[] {
  return question.Choices.filter((c) => !review.removedChoices.has(c.ChoiceId));
}

export function questionRisk(
  question: WaQuestion,
  review: SimLensReview,
  answer: SimAnswer | undefined,
): WaRisk {
  if (answer && !answer.isApplicable) return 'NOT_APPLICABLE';
  const choices = reviewChoices(question, review);
  const statusOf = (id: string) => answer?.choices.get(id)?.Status;
  const bestPractices = choices.filter((c) => c.ChoiceId !== question.noneChoiceId);
  const selected = choices.filter((c) => statusOf(c.ChoiceId) === 'SELECTED');
  const notApplicable = choices.filter((c) => statusOf(c.ChoiceId) === 'NOT_APPLICABLE');
  if (selected.length === 0 && notApplicable.length === 0) return 'UNANSWERED';
  if (statusOf(question.noneChoiceId) === 'SELECTED') return 'HIGH';
  const satisfied = bestPractices.filter((c) => {
    const s = statusOf(c.ChoiceId);
    return s === 'SELECTED' || s === 'NOT_APPLICABLE';
  }).length;
  if (satisfied === bestPractices.length) return 'NONE';
  if (satisfied * 3 < bestPractices.length) return 'HIGH';
  return 'MEDIUM';
}

export function lensOf(review: SimLensReview): WaLens {
  const lens = findOfficialLens(review.alias);
  if (!lens) throw new Error(`unknown lens ${review.alias}`);
  return lens;
}

/** Risk counts of a review, over all pillars or one. */
export function reviewRiskCounts(review: SimLensReview, pillarId?: string): RiskCounts {
  const counts = emptyCounts();
  for (const question of lensOf(review).Questions) {
    if (pillarId !== undefined && question.PillarId !== pillarId) continue;
    counts[questionRisk(question, review, review.answers.get(question.QuestionId))]++;
  }
  return counts;
}

export function workloadRiskCounts(workload: SimWorkload): RiskCounts {
  const counts = emptyCounts();
  for (const review of workload.lensReviews.values()) {
    const c = reviewRiskCounts(review);
    for (const r of RISKS) counts[r] += c[r];
  }
  return counts;
}

function cloneReview(r: SimLensReview): SimLensReview {
  const answers = new Map<string, SimAnswer>();
  for (const [id, a] of r.answers) {
    answers.set(id, {
      ...a,
      choices: new Map([...a.choices].map(([c, v]) => [c, { ...v }])),
    });
  }
  return { ...r, removedChoices: new Set(r.removedChoices), answers };
}

function cloneWorkload(w: SimWorkload): SimWorkload {
  return {
    ...w,
    spec: structuredClone(w.spec),
    lensReviews: new Map([...w.lensReviews].map(([k, r]) => [k, cloneReview(r)])),
    milestones: [],
  };
}

/** Stable JSON (sorted keys) so idempotency compares parameters, not their order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class SimWellArchitectedStore {
  private readonly regions = new Map<string, RegionData>();
  /** Lens drift: per alias, the version now current and the choice ids it removed. */
  private readonly drift = new Map<string, { version: string; removed: Set<string> }>();
  /** CreateMilestone tokens per workload (milestones live and die with their workload). */
  private readonly tokensByWorkload = new WeakMap<SimWorkload, Map<string, TokenEntry>>();

  constructor(readonly clock: Clock) {}

  private region(account: string, region: string): RegionData {
    const key = `${account}/${region}`;
    let data = this.regions.get(key);
    if (!data) {
      data = { workloads: new Map(), workloadTokens: new Map() };
      this.regions.set(key, data);
    }
    return data;
  }

  /** The lens version a new or upgraded review of this lens gets. */
  currentLensVersion(alias: string): { version: string; removed: Set<string> } {
    const d = this.drift.get(alias);
    if (d) return { version: d.version, removed: new Set(d.removed) };
    const lens = findOfficialLens(alias);
    if (!lens) throw new Error(`unknown lens ${alias}`);
    return { version: lens.LensVersion, removed: new Set() };
  }

  /**
   * Test helper: makes a lens drift to a new version that no longer has `removeChoices`. Every
   * existing review of the lens moves to it (as after UpgradeLensReview); milestones keep theirs.
   */
  driftLens(alias: string, change: { version: string; removeChoices: string[] }): void {
    const lens = findOfficialLens(alias);
    if (!lens) throw new Error(`unknown lens ${alias}`);
    const known = new Set(lens.Questions.flatMap((q) => q.Choices.map((c) => c.ChoiceId)));
    for (const id of change.removeChoices)
      if (!known.has(id)) throw new Error(`lens ${alias} has no choice ${id}`);
    const removed = new Set([...(this.drift.get(alias)?.removed ?? []), ...change.removeChoices]);
    this.drift.set(alias, { version: change.version, removed });
    for (const data of this.regions.values()) {
      for (const w of data.workloads.values()) {
        const review = w.lensReviews.get(lens.LensAlias);
        if (!review) continue;
        review.version = change.version;
        review.removedChoices = new Set(removed);
        for (const a of review.answers.values()) for (const id of removed) a.choices.delete(id);
      }
    }
  }

  workloads(account: string, region: string): SimWorkload[] {
    return [...this.region(account, region).workloads.values()];
  }

  /** A workload by id, or undefined. */
  workload(account: string, region: string, id: string): SimWorkload | undefined {
    return this.region(account, region).workloads.get(id);
  }

  workloadByName(account: string, region: string, name: string): SimWorkload | undefined {
    return this.workloads(account, region).find((w) => nameKey(w.spec.WorkloadName) === nameKey(name));
  }

  requireWorkload(account: string, region: string, id: string): SimWorkload {
    const w = this.workload(account, region, id);
    if (!w) throw notFound('Workload', id, 'WORKLOAD');
    return w;
  }

  /**
   * Creates a workload (CreateWorkload and the test/demo helper). The framework lens is always
   * associated. With a token, a retry with the same parameters returns the first result.
   */
  createWorkload(
    account: string,
    region: string,
    spec: SimWorkloadSpec,
    clientRequestToken?: string,
  ): { WorkloadId: string; WorkloadArn: string } {
    const data = this.region(account, region);
    const params = stableJson(spec);
    if (clientRequestToken !== undefined) {
      const prior = data.workloadTokens.get(clientRequestToken);
      if (prior) {
        if (prior.params === params) return prior.result as { WorkloadId: string; WorkloadArn: string };
        throw waError(
          'ConflictException',
          `Client request token ${clientRequestToken} was already used with different parameters.`,
          { ResourceId: clientRequestToken, ResourceType: 'WORKLOAD' },
        );
      }
    }
    const lenses = ['wellarchitected', ...spec.Lenses].map((l) => {
      const lens = findOfficialLens(l);
      if (!lens) throw notFound('Lens', l, 'LENS');
      return lens.LensAlias;
    });
    const aliases = [...new Set(lenses)];
    if (aliases.length > LENSES_PER_WORKLOAD) {
      throw waError(
        'ServiceQuotaExceededException',
        `A workload can have at most ${LENSES_PER_WORKLOAD} lenses.`,
        {
          QuotaCode: QUOTA_CODES.lenses,
          ServiceCode: 'wellarchitected',
        },
      );
    }
    const existing = this.workloadByName(account, region, spec.WorkloadName);
    if (existing) {
      throw waError('ConflictException', `A workload with the name ${spec.WorkloadName} already exists.`, {
        ResourceId: existing.id,
        ResourceType: 'WORKLOAD',
      });
    }
    if (data.workloads.size >= WORKLOADS_PER_REGION) {
      throw waError(
        'ServiceQuotaExceededException',
        `You have reached the maximum of ${WORKLOADS_PER_REGION} workloads in this Region.`,
        { QuotaCode: QUOTA_CODES.workloads, ServiceCode: 'wellarchitected' },
      );
    }
    const id = randomBytes(16).toString('hex');
    const now = this.clock.now();
    const workload: SimWorkload = {
      id,
      arn: `arn:aws:wellarchitected:${region}:${account}:workload/${id}`,
      account,
      region,
      spec: structuredClone({ ...spec, Lenses: aliases }),
      improvementStatus: 'NOT_APPLICABLE',
      updatedAt: now,
      lensReviews: new Map(),
      milestones: [],
    };
    for (const alias of aliases) workload.lensReviews.set(alias, this.newReview(alias, now));
    data.workloads.set(id, workload);
    const result = { WorkloadId: id, WorkloadArn: workload.arn };
    if (clientRequestToken !== undefined) data.workloadTokens.set(clientRequestToken, { params, result });
    return result;
  }

  private newReview(alias: string, now: number): SimLensReview {
    const { version, removed } = this.currentLensVersion(alias);
    return { alias, version, removedChoices: removed, updatedAt: now, answers: new Map() };
  }

  /** Associates official lenses (AssociateLenses); already associated ones are left as they are. */
  associateLenses(workload: SimWorkload, aliases: string[]): void {
    const resolved = aliases.map((a) => {
      const lens = findOfficialLens(a);
      if (!lens) throw notFound('Lens', a, 'LENS');
      return lens.LensAlias;
    });
    const after = new Set([...workload.lensReviews.keys(), ...resolved]);
    if (after.size > LENSES_PER_WORKLOAD) {
      throw validationError(`A workload can have at most ${LENSES_PER_WORKLOAD} lenses.`, 'LensAliases');
    }
    const now = this.clock.now();
    for (const alias of resolved) {
      if (!workload.lensReviews.has(alias)) workload.lensReviews.set(alias, this.newReview(alias, now));
    }
    workload.spec.Lenses = [...workload.lensReviews.keys()];
    workload.updatedAt = now;
  }

  /** The lens review of a workload, or of one of its milestones. */
  lensReview(workload: SimWorkload, aliasOrArn: string, milestoneNumber?: number): SimLensReview {
    const source =
      milestoneNumber === undefined ? workload : this.milestone(workload, milestoneNumber).workload;
    const lens = findOfficialLens(aliasOrArn);
    const review = lens ? source.lensReviews.get(lens.LensAlias) : undefined;
    if (!review) throw notFound('Lens review', aliasOrArn, 'LENS_REVIEW');
    return review;
  }

  milestone(workload: SimWorkload, number: number): SimMilestone {
    const m = workload.milestones.find((x) => x.number === number);
    if (!m) throw notFound('Milestone', `${workload.id}/${number}`, 'MILESTONE');
    return m;
  }

  /**
   * Test/demo helper: a question's answer in API terms (selection in lens order, per-choice
   * statuses, applicability and risk), from the live workload or a milestone.
   */
  answer(
    account: string,
    region: string,
    workloadId: string,
    lensAlias: string,
    questionId: string,
    milestoneNumber?: number,
  ): SimAnswerView {
    const w = this.requireWorkload(account, region, workloadId);
    const review = this.lensReview(w, lensAlias, milestoneNumber);
    const question = lensOf(review).Questions.find((q) => q.QuestionId === questionId);
    if (!question) throw notFound('Question', questionId, 'QUESTION');
    const a = review.answers.get(questionId);
    const choices = reviewChoices(question, review);
    return {
      SelectedChoices: choices
        .filter((c) => a?.choices.get(c.ChoiceId)?.Status === 'SELECTED')
        .map((c) => c.ChoiceId),
      ChoiceAnswers: Object.fromEntries(
        choices.flatMap((c) => {
          const v = a?.choices.get(c.ChoiceId);
          return v ? [[c.ChoiceId, { ...v }]] : [];
        }),
      ),
      IsApplicable: a?.isApplicable ?? true,
      ...(a?.reason === undefined ? {} : { Reason: a.reason }),
      ...(a?.notes === undefined ? {} : { Notes: a.notes }),
      Risk: questionRisk(question, review, a),
    };
  }

  /** Test/demo helper: risk counts of a workload (all lenses), or of one lens review and pillar. */
  riskCounts(
    account: string,
    region: string,
    workloadId: string,
    lens?: { alias: string; pillarId?: string; milestoneNumber?: number },
  ): RiskCounts {
    const w = this.requireWorkload(account, region, workloadId);
    if (!lens) return workloadRiskCounts(w);
    return reviewRiskCounts(this.lensReview(w, lens.alias, lens.milestoneNumber), lens.pillarId);
  }

  /** Test/demo helper: the milestones of a workload, oldest first. */
  milestones(account: string, region: string, workloadId: string): SimMilestone[] {
    return [...this.requireWorkload(account, region, workloadId).milestones];
  }

  /**
   * UpdateAnswer (and the test/demo helper). `SelectedChoices` replaces the selection (choices
   * marked NOT_APPLICABLE stay so unless listed); `ChoiceUpdates` then sets single choices.
   * Sending "None of these" together with other choices is accepted (the real behaviour is not
   * documented) and the question counts as HIGH risk.
   */
  updateAnswer(review: SimLensReview, questionId: string, update: AnswerUpdate): SimAnswer {
    const question = lensOf(review).Questions.find((q) => q.QuestionId === questionId);
    if (!question) throw notFound('Question', questionId, 'QUESTION');
    const valid = new Set(reviewChoices(question, review).map((c) => c.ChoiceId));
    const check = (id: string, field: string) => {
      if (!valid.has(id)) {
        throw validationError(`Choice ${id} is not a valid choice for question ${questionId}.`, field);
      }
    };
    for (const id of update.SelectedChoices ?? []) check(id, 'SelectedChoices');
    for (const id of Object.keys(update.ChoiceUpdates ?? {})) check(id, 'ChoiceUpdates');
    if (update.Notes !== undefined && update.Notes.length > NOTES_MAX) {
      throw validationError(`Notes must be at most ${NOTES_MAX} characters.`, 'Notes');
    }
    for (const [id, u] of Object.entries(update.ChoiceUpdates ?? {})) {
      if (u.Notes !== undefined && u.Notes.length > CHOICE_NOTES_MAX) {
        throw validationError(
          `Notes of choice ${id} must be at most ${CHOICE_NOTES_MAX} characters.`,
          'ChoiceUpdates',
        );
      }
    }
    const answer: SimAnswer = review.answers.get(questionId) ?? { choices: new Map(), isApplicable: true };
    if (update.SelectedChoices !== undefined) {
      const wanted = new Set(update.SelectedChoices);
      for (const [id, c] of answer.choices) {
        if (c.Status === 'SELECTED' && !wanted.has(id)) answer.choices.delete(id);
      }
      for (const id of wanted) answer.choices.set(id, { ...answer.choices.get(id), Status: 'SELECTED' });
    }
    for (const [id, u] of Object.entries(update.ChoiceUpdates ?? {})) {
      const next: SimChoiceAnswer = { Status: u.Status };
      if (u.Reason !== undefined) next.Reason = u.Reason;
      if (u.Notes !== undefined) next.Notes = u.Notes;
      if (u.Status === 'UNSELECTED' && next.Notes === undefined) answer.choices.delete(id);
      else answer.choices.set(id, next);
    }
    if (update.Notes !== undefined) answer.notes = update.Notes;
    if (update.IsApplicable !== undefined) answer.isApplicable = update.IsApplicable;
    if (update.Reason !== undefined) answer.reason = update.Reason;
    review.answers.set(questionId, answer);
    review.updatedAt = this.clock.now();
    return answer;
  }

  /** Test/demo helper: answers a question of a workload's lens review. */
  setAnswer(
    account: string,
    region: string,
    workloadId: string,
    lensAlias: string,
    questionId: string,
    update: AnswerUpdate,
  ): SimAnswer {
    const w = this.requireWorkload(account, region, workloadId);
    const answer = this.updateAnswer(this.lensReview(w, lensAlias), questionId, update);
    w.updatedAt = this.clock.now();
    return answer;
  }

  /**
   * CreateMilestone (and the test/demo helper): freezes the workload and all its answers. Names
   * are unique within a workload (exact match); at most 100 milestones; a retry with the same
   * token and name returns the first result.
   */
  createMilestone(
    account: string,
    region: string,
    workloadId: string,
    name: string,
    clientRequestToken?: string,
    /** Demo/test helper only: when the milestone was recorded (default now). */
    recordedAt?: number,
  ): { WorkloadId: string; MilestoneNumber: number } {
    const w = this.requireWorkload(account, region, workloadId);
    const tokens = this.milestoneTokens(w);
    if (clientRequestToken !== undefined) {
      const prior = tokens.get(clientRequestToken);
      if (prior) {
        if (prior.params === name) return prior.result as { WorkloadId: string; MilestoneNumber: number };
        throw waError(
          'ConflictException',
          `Client request token ${clientRequestToken} was already used with different parameters.`,
          { ResourceId: clientRequestToken, ResourceType: 'MILESTONE' },
        );
      }
    }
    if (w.milestones.some((m) => m.name === name)) {
      throw waError(
        'ConflictException',
        `A milestone with the name ${name} already exists in workload ${w.id}.`,
        {
          ResourceId: w.id,
          ResourceType: 'MILESTONE',
        },
      );
    }
    if (w.milestones.length >= MILESTONES_PER_WORKLOAD) {
      throw waError(
        'ServiceQuotaExceededException',
        `A workload can have a maximum of ${MILESTONES_PER_WORKLOAD} milestones.`,
        {
          QuotaCode: QUOTA_CODES.milestones,
          ServiceCode: 'wellarchitected',
          ResourceId: w.id,
          ResourceType: 'MILESTONE',
        },
      );
    }
    const number = w.milestones.length + 1;
    w.milestones.push({
      number,
      name,
      recordedAt: recordedAt ?? this.clock.now(),
      workload: cloneWorkload(w),
    });
    const result = { WorkloadId: w.id, MilestoneNumber: number };
    if (clientRequestToken !== undefined) tokens.set(clientRequestToken, { params: name, result });
    return result;
  }

  private milestoneTokens(w: SimWorkload): Map<string, TokenEntry> {
    let m = this.tokensByWorkload.get(w);
    if (!m) {
      m = new Map();
      this.tokensByWorkload.set(w, m);
    }
    return m;
  }
}

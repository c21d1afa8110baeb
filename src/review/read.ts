import type { AnswerSummary } from '@aws-sdk/client-wellarchitected';
import { type Pillar, pillars } from '../vocabulary.js';
import { riskCounts, toRisk, type WaTool } from './tool.js';
import {
  type PillarProgress,
  type ReviewLens,
  type ReviewQuestion,
  type RiskCounts,
  risks,
} from './types.js';
import type { WorkloadSettings } from './workloads.js';

/** Reading a workload from the Well-Architected Tool: the workload, its questions and answers, its risks. */

export interface FoundWorkload {
  id: string;
  arn: string;
  /** Lens aliases associated with it. */
  lenses: string[];
  name: string;
}

/** The workload in the Tool: by id when the settings give one, else by name. */
export async function findWorkload(tool: WaTool, w: WorkloadSettings): Promise<FoundWorkload | undefined> {
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

/** Every lens of the workload with its questions (as answered now) and its risk counts per pillar. */
export async function readQuestions(tool: WaTool, workloadId: string) {
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

/** Risk counts per pillar summed over the lenses. */
export async function pillarRisksOver(
  tool: WaTool,
  workloadId: string,
  lenses: readonly { alias: string }[],
): Promise<Map<string, RiskCounts>> {
  const byPillar = new Map<string, RiskCounts>();
  for (const l of lenses) addPillarRisks(byPillar, await tool.pillarRisks(workloadId, l.alias));
  return byPillar;
}

/** A question as Pillar keeps it, from the Tool's answer. */
export function questionOf(lens: string, a: AnswerSummary): Omit<ReviewQuestion, 'proposal'> {
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
export function addPillarRisks(totals: Map<string, RiskCounts>, lens: ReadonlyMap<string, RiskCounts>): void {
  for (const [pillar, counts] of lens) totals.set(pillar, addCounts(totals.get(pillar), counts));
}

function addCounts(a: RiskCounts | undefined, b: RiskCounts): RiskCounts {
  const out = riskCounts(undefined);
  for (const r of risks) out[r] = (a?.[r] ?? 0) + b[r];
  return out;
}

/** Per pillar with questions: risk counts, questions answered, proposals waiting. */
export function progress(
  questions: readonly ReviewQuestion[],
  risksByPillar: ReadonlyMap<string, RiskCounts>,
): PillarProgress[] {
  return pillars
    .map((pillarId: Pillar) => {
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

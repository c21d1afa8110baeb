import type { ScanResult } from '../../checks/runner.js';
import { NOTES_LIMIT } from './tool.js';
import type { DriftItem, EvidenceItem, Proposal, ReviewQuestion } from './types.js';

/**
 * Proposals from check evidence (pure). A best practice (choice) is supported when every check
 * mapped to it passes, and contradicted when one fails; checks that were not applicable or not
 * assessed say nothing. The proposed selection is the current one plus the supported choices,
 * minus the contradicted ones and minus "None of these" when anything else is selected (the Tool
 * replaces the whole selection, so the proposal always carries all of it).
 */

/** Failing resources named per check in the notes; the rest are counted. */
const RESOURCES_NAMED = 5;
/** Marks the part of a question's notes that Pillar writes, so people's own notes are kept. */
export const EVIDENCE_MARKER = '--- Pillar check evidence ---';

export interface ProposalInput {
  questions: Omit<ReviewQuestion, 'proposal'>[];
  results: readonly ScanResult[];
  /** When the evidence was gathered (for the notes). */
  evidenceAt: number;
}

export function evidenceByQuestion(
  questions: readonly Omit<ReviewQuestion, 'proposal'>[],
  results: readonly ScanResult[],
): { evidence: Map<string, EvidenceItem[]>; drift: DriftItem[] } {
  const byKey = new Map(questions.map((q) => [questionKey(q.lens, q.questionId), q]));
  const lenses = new Set(questions.map((q) => q.lens));
  const evidence = new Map<string, EvidenceItem[]>();
  const drift: DriftItem[] = [];
  const seenDrift = new Set<string>();
  for (const result of results) {
    for (const ref of result.meta.wellArchitected ?? []) {
      // A lens the workload does not use is not drift: the check simply has no question here.
      if (!lenses.has(ref.lens)) continue;
      const q = byKey.get(questionKey(ref.lens, ref.questionId));
      const problem = !q
        ? 'unknown_question'
        : !q.choices.some((c) => c.id === ref.choiceId)
          ? 'unknown_choice'
          : undefined;
      if (problem) {
        const key = `${result.meta.id}|${ref.lens}|${ref.questionId}|${ref.choiceId}`;
        if (!seenDrift.has(key)) {
          seenDrift.add(key);
          drift.push({
            checkId: result.meta.id,
            lens: ref.lens,
            questionId: ref.questionId,
            choiceId: ref.choiceId,
            problem,
          });
        }
        continue;
      }
      if (result.status !== 'compliant' && result.status !== 'non_compliant') continue;
      const failing =
        result.status === 'non_compliant' ? [...new Set(result.findings.map((f) => f.resourceName))] : [];
      const key = questionKey(ref.lens, ref.questionId);
      const list = evidence.get(key) ?? [];
      list.push({
        checkId: result.meta.id,
        title: result.meta.title,
        choiceId: ref.choiceId,
        status: result.status,
        resources: failing.slice(0, RESOURCES_NAMED),
        resourceCount: failing.length,
      });
      evidence.set(key, list);
    }
  }
  return { evidence, drift };
}

/** The proposal for one question given its evidence and its current selection and notes. */
export function proposeAnswer(
  question: Omit<ReviewQuestion, 'proposal'>,
  evidence: readonly EvidenceItem[],
  evidenceAt: number,
  currentNotes = '',
): Proposal | undefined {
  if (evidence.length === 0) return undefined;
  const contradicts = unique(evidence.filter((e) => e.status === 'non_compliant').map((e) => e.choiceId));
  const supports = unique(
    evidence
      .filter((e) => e.status === 'compliant' && !contradicts.includes(e.choiceId))
      .map((e) => e.choiceId),
  );
  const none = new Set(question.choices.filter((c) => c.none).map((c) => c.id));
  let selected = unique([...question.selected, ...supports]).filter((id) => !contradicts.includes(id));
  if (selected.some((id) => !none.has(id))) selected = selected.filter((id) => !none.has(id));
  // Keep the lens's choice order, as the Tool shows it.
  const order = new Map(question.choices.map((c, i) => [c.id, i]));
  selected.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const changes = changesAnswer(selected, question);
  return {
    selected,
    supports,
    contradicts,
    evidence: [...evidence],
    notes: evidenceNotes(question, evidence, evidenceAt, currentNotes),
    changes,
  };
}

/** Whether sending `selected` would change the answer: another selection, or the question was not applicable. */
export function changesAnswer(
  selected: readonly string[],
  current: Pick<ReviewQuestion, 'selected' | 'isApplicable'>,
): boolean {
  const now = new Set(current.selected);
  return !current.isApplicable || selected.length !== now.size || selected.some((id) => !now.has(id));
}

/**
 * The notes sent with a proposal: the person's own notes first, then Pillar's evidence after the
 * marker (replacing an earlier evidence block), clipped to the Tool's 2,084 characters.
 */
export function evidenceNotes(
  question: Pick<ReviewQuestion, 'choices'>,
  evidence: readonly EvidenceItem[],
  evidenceAt: number,
  currentNotes = '',
): string {
  const own = currentNotes.split(EVIDENCE_MARKER)[0]?.trimEnd() ?? '';
  const title = new Map(question.choices.map((c) => [c.id, c.title]));
  const lines = [
    `${EVIDENCE_MARKER}`,
    `Checks run ${new Date(evidenceAt).toISOString().slice(0, 16).replace('T', ' ')} UTC:`,
  ];
  const failing = evidence.filter((e) => e.status === 'non_compliant');
  const passing = evidence.filter((e) => e.status === 'compliant');
  for (const e of failing) {
    const more =
      e.resourceCount > e.resources.length ? ` and ${e.resourceCount - e.resources.length} more` : '';
    lines.push(`FAIL ${e.title} [${title.get(e.choiceId) ?? e.choiceId}]: ${e.resources.join(', ')}${more}`);
  }
  for (const e of passing) lines.push(`PASS ${e.title} [${title.get(e.choiceId) ?? e.choiceId}]`);
  const block = lines.join('\n');
  const text = own ? `${own}\n\n${block}` : block;
  return clip(text, NOTES_LIMIT);
}

export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const marker = '... (clipped)';
  return `${text.slice(0, limit - marker.length)}${marker}`;
}

export function questionKey(lens: string, questionId: string): string {
  return `${lens}/${questionId}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

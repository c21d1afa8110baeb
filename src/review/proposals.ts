import type { ScanResult } from '../../checks/runner.js';
import type { CheckMeta } from '../../checks/types.js';
import type { SuppressedFinding } from '../findings/suppressions.js';
import { NOTES_LIMIT } from './tool.js';
import type { DriftItem, EvidenceItem, Proposal, ReviewQuestion, SuppressedEvidence } from './types.js';

/**
 * Proposals from check evidence (pure). A best practice (choice) is supported when every check
 * mapped to it passes, and contradicted when one fails; checks that were not applicable or not
 * assessed say nothing, nor do suppressed findings (the notes list those, with the reason). The proposed selection is the current one plus the supported choices,
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
  suppressed: readonly SuppressedFinding[] = [],
): {
  evidence: Map<string, EvidenceItem[]>;
  suppressed: Map<string, SuppressedEvidence[]>;
  drift: DriftItem[];
} {
  const byKey = new Map(questions.map((q) => [questionKey(q.lens, q.questionId), q]));
  const lenses = new Set(questions.map((q) => q.lens));
  const drift: DriftItem[] = [];
  const seenDrift = new Set<string>();
  /** Where a check's verdict lands (question key and choice); mappings the lens lacks are drift. */
  function placesOf(meta: CheckMeta): { key: string; choiceId: string }[] {
    const places: { key: string; choiceId: string }[] = [];
    for (const ref of meta.wellArchitected ?? []) {
      // A lens the workload does not use is not drift: the check simply has no question here.
      if (!lenses.has(ref.lens)) continue;
      const q = byKey.get(questionKey(ref.lens, ref.questionId));
      const problem = !q
        ? 'unknown_question'
        : !q.choices.some((c) => c.id === ref.choiceId)
          ? 'unknown_choice'
          : undefined;
      if (problem) {
        const key = `${meta.id}|${ref.lens}|${ref.questionId}|${ref.choiceId}`;
        if (!seenDrift.has(key)) {
          seenDrift.add(key);
          drift.push({
            checkId: meta.id,
            lens: ref.lens,
            questionId: ref.questionId,
            choiceId: ref.choiceId,
            problem,
          });
        }
        continue;
      }
      places.push({ key: questionKey(ref.lens, ref.questionId), choiceId: ref.choiceId });
    }
    return places;
  }

  const evidence = new Map<string, EvidenceItem[]>();
  for (const result of results) {
    for (const { key, choiceId } of placesOf(result.meta)) {
      if (result.status !== 'compliant' && result.status !== 'non_compliant') continue;
      const failing =
        result.status === 'non_compliant' ? [...new Set(result.findings.map((f) => f.resourceName))] : [];
      const list = evidence.get(key) ?? [];
      list.push({
        checkId: result.meta.id,
        title: result.meta.title,
        choiceId,
        status: result.status,
        resources: failing.slice(0, RESOURCES_NAMED),
        resourceCount: failing.length,
      });
      evidence.set(key, list);
    }
  }

  // Suppressed findings, one item per check, choice and suppression, so each reason is told once.
  const groups = new Map<string, { key: string; item: SuppressedEvidence; names: Set<string> }>();
  for (const { meta, finding, suppression } of suppressed) {
    for (const { key, choiceId } of placesOf(meta)) {
      const id = JSON.stringify([key, meta.id, choiceId, suppression.reason, suppression.expiresAt]);
      const group = groups.get(id) ?? {
        key,
        names: new Set<string>(),
        item: {
          checkId: meta.id,
          title: meta.title,
          choiceId,
          resources: [],
          resourceCount: 0,
          reason: suppression.reason,
          until: suppression.expiresAt,
        },
      };
      group.names.add(finding.resourceName);
      groups.set(id, group);
    }
  }
  const left = new Map<string, SuppressedEvidence[]>();
  for (const { key, item, names } of groups.values()) {
    const all = [...names];
    const list = left.get(key) ?? [];
    list.push({ ...item, resources: all.slice(0, RESOURCES_NAMED), resourceCount: all.length });
    left.set(key, list);
  }
  return { evidence, suppressed: left, drift };
}

/** The proposal for one question given its evidence and its current selection and notes. */
export function proposeAnswer(
  question: Omit<ReviewQuestion, 'proposal'>,
  evidence: readonly EvidenceItem[],
  evidenceAt: number,
  currentNotes = '',
  suppressed: readonly SuppressedEvidence[] = [],
): Proposal | undefined {
  // Suppressed findings alone propose nothing: they only explain what the evidence left out.
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
    ...(suppressed.length > 0 ? { suppressed: [...suppressed] } : {}),
    notes: evidenceNotes(question, evidence, evidenceAt, currentNotes, suppressed),
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
 * marker (replacing an earlier evidence block), clipped to the Tool's 2,084 characters. Suppressed
 * findings come right after the failures (before the clipping can reach them), with the reason,
 * so a reviewer sees what the proposal did not count.
 */
export function evidenceNotes(
  question: Pick<ReviewQuestion, 'choices'>,
  evidence: readonly EvidenceItem[],
  evidenceAt: number,
  currentNotes = '',
  suppressed: readonly SuppressedEvidence[] = [],
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
  for (const e of suppressed) {
    const more =
      e.resourceCount > e.resources.length ? ` and ${e.resourceCount - e.resources.length} more` : '';
    const why = `${e.reason.replace(/\s+/g, ' ')}; until ${new Date(e.until).toISOString().slice(0, 10)}`;
    lines.push(
      `SUPPRESSED ${e.title} [${title.get(e.choiceId) ?? e.choiceId}]: ${e.resources.join(', ')}${more} (${why})`,
    );
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

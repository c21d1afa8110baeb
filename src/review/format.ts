import { type Pillar, pillarLabel } from '../vocabulary.js';
import type { Review, ReviewPlan, ReviewSummary, RiskCounts } from './types.js';

/** Terminal text for `pillar review`: the plan, the review's state, the summary. */

const counts = (c: RiskCounts) =>
  `high ${c.HIGH}, medium ${c.MEDIUM}, none ${c.NONE}, unanswered ${c.UNANSWERED}, n/a ${c.NOT_APPLICABLE}`;

const pillarName = (id: string) => pillarLabel[id as Pillar] ?? id;

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0';
}

export function formatReview(review: Omit<Review, 'id' | 'status' | 'startedAt' | 'trigger'>): string {
  const lines: string[] = [];
  lines.push(
    `Workload ${review.workload.name} (${review.workload.id}) in ${review.workload.region}, review ${review.runKey}`,
  );
  lines.push(`Lenses: ${review.lenses.map((l) => `${l.alias} ${l.version}`).join(', ')}`);
  lines.push('');
  for (const p of review.pillars) {
    lines.push(
      `${pillarName(p.pillarId).padEnd(24)} ${p.answered}/${p.questions} answered · ${counts(p.riskCounts)} · ${p.proposalsPending} proposal(s) waiting`,
    );
  }
  const proposals = review.questions.filter((q) => q.proposal?.changes);
  if (proposals.length > 0) {
    lines.push('', 'Proposals (applied only when a person approves them):');
    for (const q of proposals) {
      const failing = q.proposal?.evidence.filter((e) => e.status === 'non_compliant').length ?? 0;
      const passing = q.proposal?.evidence.filter((e) => e.status === 'compliant').length ?? 0;
      lines.push(
        `  ${q.lens}/${q.questionId}: select [${q.proposal?.selected.join(', ')}] (${passing} passing, ${failing} failing check(s))`,
      );
    }
  }
  if (review.drift.length > 0) {
    lines.push('', 'Lens version drift (these mappings were not used):');
    for (const d of review.drift)
      lines.push(`  ${d.checkId} → ${d.lens}/${d.questionId}/${d.choiceId}: ${d.problem.replace(/_/g, ' ')}`);
  }
  return lines.join('\n');
}

export function formatPlan(plan: ReviewPlan): string {
  const lines = [
    `Dry run: nothing is written to the Well-Architected Tool.`,
    plan.workload.exists
      ? `Workload ${plan.workload.name} exists (${plan.workload.id}) in ${plan.workload.account}/${plan.workload.region}.`
      : `Workload ${plan.workload.name} does not exist yet in ${plan.workload.account}/${plan.workload.region}.`,
    '',
    'Writes a review would make:',
    ...plan.writes.map((w) => `  - ${w}`),
  ];
  if (plan.review) lines.push('', formatReview(plan.review));
  return lines.join('\n');
}

export function formatSummary(summary: ReviewSummary): string {
  const lines = [
    `Milestone "${summary.milestone.name}" (#${summary.milestone.number}) recorded for ${summary.review.workload.name}.`,
    summary.previous
      ? `Compared with "${summary.previous.name}" (#${summary.previous.number}):`
      : 'First milestone:',
  ];
  for (const p of summary.pillars) {
    const delta = (k: keyof RiskCounts) => (p.before ? ` (${signed(p.now[k] - p.before[k])})` : '');
    lines.push(
      `  ${pillarName(p.pillarId).padEnd(24)} high ${p.now.HIGH}${delta('HIGH')}, medium ${p.now.MEDIUM}${delta('MEDIUM')}, unanswered ${p.now.UNANSWERED}${delta('UNANSWERED')}`,
    );
  }
  lines.push('', `${summary.unanswered.length} question(s) still unanswered.`);
  if (summary.improvements.length > 0) {
    lines.push('Top improvements:');
    for (const i of summary.improvements)
      lines.push(`  ${i.risk.padEnd(6)} ${i.title}${i.url ? ` ${i.url}` : ''}`);
  }
  return lines.join('\n');
}

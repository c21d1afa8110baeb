import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  type EvidenceItem,
  type NotApplicableReason,
  notApplicableReasons,
  type PillarProgress,
  type Review,
  type ReviewQuestion,
  type ReviewSummary,
  type Risk,
  type RiskCounts,
} from '../../review/types.js';
import { type Pillar, pillarLabel, pillars } from '../../vocabulary.js';
import {
  actions,
  reviewModal as ids,
  REVIEW_PILLAR_CALLBACK,
  reviewPillarActions,
  reviewQuestionBlockId,
  views,
} from '../ids.js';
import { formatCount, plural, userRef } from './format.js';
import {
  actionsBlock,
  button,
  context,
  divider,
  fallback,
  fields,
  header,
  message,
  packLines,
  type SlackMessage,
  section,
} from './kit.js';
import { fitList, VIEW_BUDGET } from './limits.js';
import { cut, inlineCode, link, plain, untrusted } from './text.js';

/**
 * Builders for the Well-Architected review in Slack: the kickoff/progress message, the pillar
 * modal with proposals and evidence, the selection and not-applicable forms, the summary after
 * the milestone, and the thread reminder. Pure functions of the review's domain objects.
 */

/** A note's limit in the Tool; the not-applicable form accepts no more. */
export const MAX_REVIEW_NOTES = 2084;
const LENSES_SHOWN = 3;
const CHECKBOX_GROUP = 10;
const TOP_IMPROVEMENTS = 5;
const TOP_UNANSWERED = 5;
const EVIDENCE_SHOWN = 6;
const RESOURCES_SHOWN = 3;

export const riskEmoji: Record<Risk, string> = {
  HIGH: '🔴',
  MEDIUM: '🟠',
  NONE: '🟢',
  UNANSWERED: '⚪',
  NOT_APPLICABLE: '➖',
};

export const riskLabel: Record<Risk, string> = {
  HIGH: 'High',
  MEDIUM: 'Medium',
  NONE: 'None',
  UNANSWERED: 'Unanswered',
  NOT_APPLICABLE: 'Not applicable',
};

/** The order risks are listed in: what needs attention first. */
const riskOrder: Risk[] = ['HIGH', 'MEDIUM', 'NONE', 'UNANSWERED', 'NOT_APPLICABLE'];

export const notApplicableLabels: Record<NotApplicableReason, string> = {
  OUT_OF_SCOPE: 'Out of scope',
  BUSINESS_PRIORITIES: 'Business priorities',
  ARCHITECTURE_CONSTRAINTS: 'Architecture constraints',
  OTHER: 'Other',
  NONE: 'No reason given',
};

/** What a question button carries: the review, the lens and the question. */
export interface QuestionRef {
  r: number;
  l: string;
  q: string;
}

/** What the pushed forms carry: the question and the pillar modal to update afterwards. */
export interface ReviewFormMetadata extends QuestionRef {
  /** The parent (pillar) view id. */
  v?: string;
  p?: string;
}

function pillarName(p: string): string {
  return pillarLabel[p as Pillar] ?? untrusted(p, 60, { oneLine: true });
}

function pillarPlain(p: string): string {
  return pillarLabel[p as Pillar] ?? plain(p, 60, { oneLine: true });
}

function workloadName(review: Review, max = 100): string {
  return untrusted(review.workload.name, max, { oneLine: true });
}

/** `🔴 High 2 · 🟠 Medium 3 · …`, every risk, zero counts included (they are news too). */
export function riskCountsLine(counts: RiskCounts, before?: RiskCounts): string {
  return riskOrder
    .map(
      (r) =>
        `${riskEmoji[r]} ${riskLabel[r]} ${formatCount(counts[r] ?? 0)}${change(counts[r], before?.[r])}`,
    )
    .join(' · ');
}

/** ` (−2)`, ` (+1)`; nothing when unchanged or when there is nothing to compare with. */
export function change(now: number | undefined, before: number | undefined): string {
  if (before === undefined) return '';
  const d = (now ?? 0) - before;
  if (d === 0) return '';
  return d > 0 ? ` (+${formatCount(d)})` : ` (−${formatCount(-d)})`;
}

function progressLine(p: PillarProgress): string {
  const pending = p.proposalsPending > 0 ? ` · 💡 ${plural(p.proposalsPending, 'proposal')} waiting` : '';
  return `${formatCount(p.answered)}/${formatCount(p.questions)} answered${pending}`;
}

function totals(review: Review): { answered: number; questions: number; pending: number } {
  return review.pillars.reduce(
    (t, p) => ({
      answered: t.answered + p.answered,
      questions: t.questions + p.questions,
      pending: t.pending + p.proposalsPending,
    }),
    { answered: 0, questions: 0, pending: 0 },
  );
}

function ordered(review: Review): PillarProgress[] {
  const rank = (id: string) => {
    const i = (pillars as readonly string[]).indexOf(id);
    return i === -1 ? pillars.length : i;
  };
  return [...review.pillars].sort((a, b) => rank(a.pillarId) - rank(b.pillarId));
}

function workloadLine(review: Review): string {
  const w = review.workload;
  const owner = w.owner ? ` · owner ${userRef(w.owner)}` : '';
  return (
    `*${workloadName(review)}* · ${untrusted(w.region, 40, { oneLine: true })} · account ${untrusted(w.account, 60, { oneLine: true })}${owner}\n` +
    `Review ${inlineCode(review.runKey, 60)} · started by ${review.startedBy ? userRef(review.startedBy) : triggerLabel(review)}`
  );
}

function triggerLabel(review: Review): string {
  return { schedule: 'the schedule', command: 'a command', cli: 'the CLI', 'catch-up': 'a catch-up run' }[
    review.trigger
  ];
}

function driftLine(review: Review): string | undefined {
  if (review.drift.length === 0) return undefined;
  const shown = review.drift.slice(0, 3).map((d) => {
    const what =
      d.problem === 'lens_not_associated'
        ? `lens ${inlineCode(d.lens, 80)} is not on the workload`
        : d.problem === 'unknown_question'
          ? `question ${inlineCode(d.questionId, 80)} is not in lens ${inlineCode(d.lens, 80)}`
          : `choice ${inlineCode(d.choiceId, 80)} is not in question ${inlineCode(d.questionId, 80)}`;
    return `${inlineCode(d.checkId, 80)}: ${what}`;
  });
  const more = review.drift.length - shown.length;
  return (
    `⚠️ *Lens version drift*: ${plural(review.drift.length, 'check mapping')} name ids the lens in the Tool does not have; they are left out of the proposals.\n` +
    `${shown.join('\n')}${more > 0 ? `\n…and ${formatCount(more)} more` : ''}`
  );
}

/** A lens whose review in the Tool is not on the current version: its answers may miss new best practices. */
function lensStatusLine(review: Review): string | undefined {
  const stale = review.lenses.filter((l) => l.status && l.status !== 'CURRENT');
  if (stale.length === 0) return undefined;
  const names = stale
    .slice(0, LENSES_SHOWN)
    .map(
      (l) => `${inlineCode(l.alias, 80)} (${inlineCode(l.version, 40)}, ${inlineCode(l.status ?? '', 40)})`,
    );
  if (stale.length > names.length) names.push(`…and ${formatCount(stale.length - names.length)} more`);
  return `⚠️ *Lens not current*: ${names.join(', ')}. Upgrade the lens review in the Well-Architected Tool console; Pillar's check mappings follow the current lens.`;
}

/**
 * The review's message in the reviews channel: the workload, the risk counts and progress per
 * pillar, a drift warning, one button per pillar and Finish. A finished review shows its
 * milestone and no buttons.
 */
export function reviewMessage(review: Review): SlackMessage {
  const t = totals(review);
  const finished = review.status === 'finished';
  const blocks: KnownBlock[] = [
    header(`Well-Architected review: ${plain(review.workload.name, 100, { oneLine: true })}`),
    section(workloadLine(review)),
  ];
  const pillarsShown = ordered(review);
  if (pillarsShown.length > 0) {
    blocks.push(
      fields(
        pillarsShown.map(
          (p) => `*${pillarName(p.pillarId)}*\n${riskCountsLine(p.riskCounts)}\n${progressLine(p)}`,
        ),
      ),
    );
  }
  if (finished) {
    const m = review.milestone;
    blocks.push(
      section(
        `✅ *Finished*${m ? `: milestone #${m.number} ${inlineCode(m.name, 120)}` : ''} · ${formatCount(t.answered)}/${formatCount(t.questions)} questions answered.`,
      ),
    );
  } else {
    const pending =
      t.pending > 0 ? ` · 💡 ${plural(t.pending, 'proposal')} from the checks waiting for a decision` : '';
    blocks.push(
      section(
        `*Progress*: ${formatCount(t.answered)}/${formatCount(t.questions)} questions answered${pending}`,
      ),
    );
  }
  const drift = driftLine(review);
  if (drift) blocks.push(section(drift));
  const stale = lensStatusLine(review);
  if (stale && !finished) blocks.push(section(stale));
  if (!finished) {
    const value = String(review.id);
    const pillarButtons = pillarsShown
      .filter((p) => (pillars as readonly string[]).includes(p.pillarId))
      .map((p) =>
        button({
          text: pillarPlain(p.pillarId),
          actionId: reviewPillarActions[p.pillarId],
          value,
          label: `Open the ${pillarPlain(p.pillarId)} questions`,
        }),
      );
    const finish = button({
      text: 'Finish',
      actionId: actions.reviewFinish,
      value,
      style: 'primary',
      label: 'Record a milestone and post the summary',
    });
    finish.confirm = {
      title: { type: 'plain_text', text: 'Finish the review?' },
      text: {
        type: 'mrkdwn',
        text: cut(
          `This records a milestone of *${workloadName(review, 80)}* in the Well-Architected Tool with the answers as they are now` +
            (t.answered < t.questions
              ? ` (${formatCount(t.questions - t.answered)} questions unanswered)`
              : '') +
            ', and posts the summary in the thread.',
          300,
        ),
      },
      confirm: { type: 'plain_text', text: 'Finish' },
      deny: { type: 'plain_text', text: 'Not yet' },
    };
    blocks.push(actionsBlock([...pillarButtons, finish], `review:${review.id}:actions`));
  }
  blocks.push(
    context(
      `Proposals come from Pillar's checks; nothing is written to the Tool until someone applies it. Review #${review.id}`,
    ),
  );
  const state = finished ? 'finished' : `${formatCount(t.answered)}/${formatCount(t.questions)} answered`;
  return message(
    `Well-Architected review of ${workloadName(review)} (${untrusted(review.runKey, 60, { oneLine: true })}): ${state}`,
    blocks,
  );
}

// ---------------------------------------------------------------------------------------------
// The pillar modal

function choiceTitles(q: ReviewQuestion, idsWanted: readonly string[], max = 140): string[] {
  return idsWanted.map((id) => {
    const c = q.choices.find((x) => x.id === id);
    return untrusted(c?.title ?? id, max, { oneLine: true });
  });
}

/** The current answer in words: the selected choice titles, "Not answered" or "Not applicable". */
export function answerText(q: ReviewQuestion): string {
  if (!q.isApplicable) {
    const reason = q.reason ? notApplicableLabels[q.reason as NotApplicableReason] : undefined;
    return `_Not applicable_${reason ? ` (${reason})` : q.reason ? ` (${untrusted(q.reason, 60, { oneLine: true })})` : ''}`;
  }
  if (q.selected.length === 0) return '_Not answered_';
  return choiceTitles(q, q.selected).join('; ');
}

function lensLabel(review: Review, alias: string): string {
  const l = review.lenses.find((x) => x.alias === alias);
  return untrusted(l?.name ?? alias, 80, { oneLine: true });
}

function evidenceLine(e: EvidenceItem): string {
  const title = untrusted(e.title, 120, { oneLine: true });
  if (e.status === 'compliant') return `✅ ${title} ${inlineCode(e.checkId, 60)}`;
  const names = e.resources.slice(0, RESOURCES_SHOWN).map((r) => untrusted(r, 80, { oneLine: true }));
  const more = e.resourceCount - names.length;
  const on =
    names.length > 0 ? `: ${names.join(', ')}${more > 0 ? ` …and ${formatCount(more)} more` : ''}` : '';
  return `❌ ${title} ${inlineCode(e.checkId, 60)}${on}`;
}

function proposalText(q: ReviewQuestion): string | undefined {
  const p = q.proposal;
  if (!p) return undefined;
  const lines: string[] = [];
  if (!p.changes)
    lines.push(
      p.selected.length === 0
        ? '💡 *Proposal*: the checks support none of the choices; nothing to apply.'
        : '💡 *Proposal*: the checks agree with the current answer.',
    );
  else if (p.selected.length === 0) lines.push('💡 *Proposal*: select nothing.');
  else lines.push(`💡 *Proposal*: select ${choiceTitles(q, p.selected, 100).join('; ')}`);
  if (p.contradicts.length > 0)
    lines.push(`Leaves out (a check fails): ${choiceTitles(q, p.contradicts, 100).join('; ')}`);
  const failing = p.evidence.filter((e) => e.status === 'non_compliant');
  const passing = p.evidence.filter((e) => e.status === 'compliant');
  const shown = [...failing, ...passing].slice(0, EVIDENCE_SHOWN);
  for (const e of shown) lines.push(evidenceLine(e));
  const more = p.evidence.length - shown.length;
  if (more > 0) lines.push(`…and ${formatCount(more)} more checks`);
  return cut(lines.join('\n'), 2900);
}

function questionButtons(review: Review, q: ReviewQuestion, index: number): KnownBlock {
  const value = JSON.stringify({ r: review.id, l: q.lens, q: q.questionId } satisfies QuestionRef);
  const buttons = [];
  if (q.proposal?.changes) {
    buttons.push(
      button({
        text: 'Apply proposal',
        actionId: actions.reviewApply,
        value,
        style: 'primary',
        label: 'Send the proposed answer to the Tool',
      }),
    );
  }
  buttons.push(
    button({
      text: 'Change answer…',
      actionId: actions.reviewChange,
      value,
      label: 'Pick the choices yourself',
    }),
  );
  if (q.isApplicable) {
    buttons.push(
      button({
        text: 'Not applicable…',
        actionId: actions.reviewNotApplicable,
        value,
        label: 'Mark the question not applicable',
      }),
    );
  }
  return actionsBlock(buttons, reviewQuestionBlockId(index));
}

/**
 * One pillar's questions across the review's lenses: the current answer and risk, the proposal
 * with its evidence, and per question "Apply proposal" (only when it changes something),
 * "Change answer…" and "Not applicable…". Cut with "…and N more" to the view budget.
 */
export function reviewPillarModal(review: Review, pillarId: string): ModalView {
  const questions = review.questions.filter((q) => q.pillarId === pillarId);
  const progress = review.pillars.find((p) => p.pillarId === pillarId);
  const finished = review.status === 'finished';
  const head: KnownBlock[] = [
    section(
      `*${workloadName(review)}* · review ${inlineCode(review.runKey, 60)}\n` +
        (progress
          ? `${riskCountsLine(progress.riskCounts)}\n${progressLine(progress)}`
          : `${plural(questions.length, 'question')}`),
    ),
  ];
  if (finished) head.push(context('This review is finished; its answers are recorded in the milestone.'));
  if (questions.length === 0) head.push(section('No questions of this pillar in the review.'));
  const { blocks } = fitList({
    budget: VIEW_BUDGET,
    head,
    items: questions,
    render: (q, i) => {
      const lens = q.lens !== 'wellarchitected' ? ` · _${lensLabel(review, q.lens)}_` : '';
      const qBlocks: KnownBlock[] = [
        divider,
        section(
          `*${untrusted(q.title, 300, { oneLine: true })}*${lens}\n` +
            `${riskEmoji[q.risk]} ${riskLabel[q.risk]} · ${answerText(q)}`,
        ),
      ];
      const proposal = proposalText(q);
      if (proposal) qBlocks.push(section(proposal));
      if (q.applied) {
        const what = {
          proposal: 'applied the proposal',
          selection: 'changed the answer',
          not_applicable: 'marked it not applicable',
        }[q.applied.kind];
        qBlocks.push(context(`${userRef(q.applied.by)} ${what}`));
      }
      if (!finished) qBlocks.push(questionButtons(review, q, i));
      return qBlocks;
    },
    more: (hidden) => [
      context(
        `…and ${formatCount(hidden)} more questions; answer these first, or use the Well-Architected Tool for the rest.`,
      ),
    ],
  });
  return {
    type: 'modal',
    callback_id: REVIEW_PILLAR_CALLBACK,
    private_metadata: JSON.stringify({ r: review.id, p: pillarId }),
    title: { type: 'plain_text', text: cut(pillarPlain(pillarId), 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------
// The forms

function findQuestion(review: Review, lens: string, questionId: string): ReviewQuestion {
  const q = review.questions.find((x) => x.lens === lens && x.questionId === questionId);
  if (!q) throw new Error(`Review ${review.id} has no question ${lens}/${questionId}`);
  return q;
}

function formMetadata(review: Review, q: ReviewQuestion, parentViewId?: string): string {
  const m: ReviewFormMetadata = {
    r: review.id,
    l: q.lens,
    q: q.questionId,
    p: q.pillarId,
    ...(parentViewId ? { v: parentViewId } : {}),
  };
  return JSON.stringify(m);
}

function questionHeading(review: Review, q: ReviewQuestion): string {
  const lens = q.lens !== 'wellarchitected' ? ` · _${lensLabel(review, q.lens)}_` : '';
  return `*${untrusted(q.title, 500, { oneLine: true })}*${lens}\n${pillarName(q.pillarId)} · now: ${answerText(q)}`;
}

function choiceOption(c: { id: string; title: string }): PlainTextOption {
  return { text: { type: 'plain_text', text: plain(c.title, 75, { oneLine: true }) || c.id }, value: c.id };
}

/**
 * Every choice of the question as checkboxes, the current selection ticked ("None of these"
 * too). Slack allows ten checkboxes per element, so longer questions get several groups.
 */
export function reviewSelectionModal(
  review: Review,
  lens: string,
  questionId: string,
  parentViewId?: string,
): ModalView {
  const q = findQuestion(review, lens, questionId);
  const groups: (typeof q.choices)[] = [];
  for (let i = 0; i < q.choices.length; i += CHECKBOX_GROUP)
    groups.push(q.choices.slice(i, i + CHECKBOX_GROUP));
  const heading = section(questionHeading(review, q));
  const fitted = fitList({
    budget: VIEW_BUDGET,
    head: [heading],
    items: groups,
    render: (choices, g): KnownBlock[] => {
      const options = choices.map(choiceOption);
      const initial = options.filter((o) => q.isApplicable && q.selected.includes(o.value ?? ''));
      return [
        {
          type: 'input',
          block_id: ids.choicesBlock(g),
          optional: true,
          label: {
            type: 'plain_text',
            text: groups.length > 1 ? `Best practices (${g + 1} of ${groups.length})` : 'Best practices',
          },
          element: {
            type: 'checkboxes',
            action_id: ids.choicesAction,
            options,
            ...(initial.length > 0 ? { initial_options: initial } : {}),
          },
        },
      ];
    },
    more: () => [],
    tail: [
      context(
        'The Tool replaces the whole selection with what is ticked here. "None of these" cannot go with other choices.',
      ),
    ],
  });
  const base = {
    type: 'modal' as const,
    callback_id: views.reviewSelection,
    private_metadata: formMetadata(review, q, parentViewId),
    title: { type: 'plain_text' as const, text: 'Change answer' },
    close: { type: 'plain_text' as const, text: 'Back' },
  };
  if (fitted.shown < groups.length) {
    // Saving part of the choices would unselect the rest in the Tool: no form at all then.
    return {
      ...base,
      blocks: [
        heading,
        context(
          `This question has ${plural(q.choices.length, 'choice')}, more than a Slack form can hold; answer it in the Well-Architected Tool.`,
        ),
      ],
    };
  }
  return { ...base, submit: { type: 'plain_text', text: 'Save' }, blocks: fitted.blocks };
}

/** Why the question does not apply (the Tool's reasons) and optional notes. */
export function reviewNotApplicableModal(
  review: Review,
  lens: string,
  questionId: string,
  parentViewId?: string,
): ModalView {
  const q = findQuestion(review, lens, questionId);
  const options: PlainTextOption[] = notApplicableReasons.map((r) => ({
    text: { type: 'plain_text', text: notApplicableLabels[r] },
    value: r,
  }));
  return {
    type: 'modal',
    callback_id: views.reviewNotApplicable,
    private_metadata: formMetadata(review, q, parentViewId),
    title: { type: 'plain_text', text: 'Not applicable' },
    submit: { type: 'plain_text', text: 'Mark' },
    close: { type: 'plain_text', text: 'Back' },
    blocks: [
      section(questionHeading(review, q)),
      {
        type: 'input',
        block_id: ids.reasonBlock,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'static_select',
          action_id: ids.reasonAction,
          options,
          placeholder: { type: 'plain_text', text: 'Why does it not apply?' },
        },
      },
      {
        type: 'input',
        block_id: ids.notesBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Notes' },
        element: {
          type: 'plain_text_input',
          action_id: ids.notesAction,
          multiline: true,
          max_length: MAX_REVIEW_NOTES,
        },
      },
      context(
        'The question stops counting toward the risk; the notes are stored with the answer in the Tool.',
      ),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Summary and reminder

/**
 * After Finish: risk counts per pillar with the change since the previous milestone, the
 * questions still unanswered, the top improvement items with links, and the milestone.
 */
export function reviewSummaryMessage(summary: ReviewSummary): SlackMessage {
  const { review, milestone: m, previous } = summary;
  const blocks: KnownBlock[] = [
    header(`Review finished: ${plain(review.workload.name, 100, { oneLine: true })}`),
    section(
      `Milestone #${m.number} ${inlineCode(m.name, 120)} recorded in the Well-Architected Tool.\n` +
        (previous
          ? `Changes are against milestone #${previous.number} ${inlineCode(previous.name, 120)}.`
          : 'This is the first milestone, so there is nothing to compare with yet.'),
    ),
  ];
  const rank = (id: string) => (pillars as readonly string[]).indexOf(id);
  const rows = [...summary.pillars].sort((a, b) => rank(a.pillarId) - rank(b.pillarId));
  if (rows.length > 0) {
    blocks.push(fields(rows.map((p) => `*${pillarName(p.pillarId)}*\n${riskCountsLine(p.now, p.before)}`)));
  }
  const u = summary.unanswered;
  if (u.length === 0) blocks.push(section('✅ Every question is answered.'));
  else {
    const shown = u
      .slice(0, TOP_UNANSWERED)
      .map((q) => `• ${untrusted(q.title, 200, { oneLine: true })} · ${pillarName(q.pillarId)}`);
    const more = u.length - shown.length;
    blocks.push(
      section(
        `*${plural(u.length, 'question')} still unanswered*\n${shown.join('\n')}${more > 0 ? `\n…and ${formatCount(more)} more` : ''}`,
      ),
    );
  }
  const items = summary.improvements;
  if (items.length > 0) {
    const order: Record<string, number> = { HIGH: 0, MEDIUM: 1 };
    const top = [...items]
      .sort((a, b) => (order[a.risk] ?? 2) - (order[b.risk] ?? 2))
      .slice(0, TOP_IMPROVEMENTS);
    const lines = top.map(
      (i) =>
        `${riskEmoji[i.risk] ?? '•'} ${link(i.url, untrusted(i.title, 200, { oneLine: true }))} · ${pillarName(i.pillarId)}`,
    );
    const more = items.length - top.length;
    if (more > 0) lines.push(`…and ${formatCount(more)} more in the Tool's improvement plan`);
    // Lines, not one section: five links can pass a section's 3,000 characters.
    blocks.push(...packLines(['*Top improvements*', ...lines], 3).blocks);
  }
  if (summary.report) blocks.push(context('The lens review report (PDF) follows in this thread.'));
  const high = rows.reduce((n, p) => n + (p.now.HIGH ?? 0), 0);
  const highBefore = rows.every((p) => p.before)
    ? rows.reduce((n, p) => n + (p.before?.HIGH ?? 0), 0)
    : undefined;
  return message(
    `Review of ${workloadName(review)} finished: milestone ${untrusted(m.name, 120, { oneLine: true })}, ${plural(high, 'high risk')}${change(high, highBefore)}, ${formatCount(u.length)} unanswered`,
    blocks,
  );
}

/** The nudge in the review's thread until the milestone exists. */
export function reviewReminderText(review: Review): string {
  const t = totals(review);
  const left = t.questions - t.answered;
  const pending = t.pending > 0 ? `, ${plural(t.pending, 'proposal')} waiting for a decision` : '';
  const owner = review.workload.owner ? `${userRef(review.workload.owner)}, the` : 'The';
  return fallback(
    `⏰ ${owner} review of *${workloadName(review)}* (${inlineCode(review.runKey, 60)}) is still open: ${plural(left, 'question')} unanswered${pending}. Press *Finish* on the message above when the team is done.`,
  );
}

/** `/wa review status`: the progress in two lines and a link to the message. */
export function reviewStatusText(review: Review, messageUrl?: string): string {
  const t = totals(review);
  const counts = review.pillars.reduce<RiskCounts>(
    (acc, p) => {
      for (const r of riskOrder) acc[r] += p.riskCounts[r] ?? 0;
      return acc;
    },
    { UNANSWERED: 0, HIGH: 0, MEDIUM: 0, NONE: 0, NOT_APPLICABLE: 0 },
  );
  const state =
    review.status === 'finished'
      ? `finished${review.milestone ? `, milestone #${review.milestone.number} ${inlineCode(review.milestone.name, 120)}` : ''}`
      : 'open';
  const pending = t.pending > 0 ? `, ${plural(t.pending, 'proposal')} waiting` : '';
  const where = messageUrl ? ` · ${link(messageUrl, 'open the review')}` : '';
  return fallback(
    `*${workloadName(review)}* review ${inlineCode(review.runKey, 60)} is ${state}: ${formatCount(t.answered)}/${formatCount(t.questions)} answered${pending}${where}\n` +
      riskCountsLine(counts),
  );
}

import type { KnownBlock } from '@slack/types';
import type { Incident } from '../../incidents/types.js';
import {
  DATE_ONLY,
  DATE_TIME_AGO,
  formatCount,
  formatDuration,
  plural,
  severityEmoji,
  slackDate,
} from './format.js';
import { byUrgency } from './home.js';
import { incidentTitle } from './incident.js';
import { context, fields, header, message, packLines, type SlackMessage, section } from './kit.js';
import { MESSAGE_BUDGET } from './limits.js';
import { inlineCode } from './text.js';

const MAX_NOISIEST = 5;
const MAX_STILL_OPEN = 10;

export interface DigestInput {
  from: number;
  to: number;
  opened: number;
  resolved: number;
  /** Resolved incidents that came back (regressions). */
  reopened: number;
  noisiest: { functionName: string; occurrences: number }[];
  meanTimeToAcknowledgeMs?: number;
  meanTimeToResolveMs?: number;
  /** The incidents still open at `to` (listed, most urgent first), or just how many. */
  stillOpen: Incident[] | number;
  timeZone: string;
}

/** The periodic summary: what opened, what got fixed, how fast, what is noisiest, what is still open. */
export function digestMessage(v: DigestInput): SlackMessage {
  const { timeZone } = v;
  const stillOpen = typeof v.stillOpen === 'number' ? v.stillOpen : v.stillOpen.length;
  const period = `${slackDate(v.from, DATE_ONLY, timeZone)} – ${slackDate(v.to, DATE_ONLY, timeZone)}`;
  const blocks: KnownBlock[] = [header('📊 Pillar digest'), context(`Period: ${period}`)];

  const figures = [
    `*Opened*\n${formatCount(v.opened)}`,
    `*Resolved*\n${formatCount(v.resolved)}`,
    `*Came back (regressions)*\n${formatCount(v.reopened)}`,
    `*Still open*\n${formatCount(stillOpen)}`,
  ];
  if (v.meanTimeToAcknowledgeMs !== undefined) {
    figures.push(`*Mean time to acknowledge*\n${formatDuration(v.meanTimeToAcknowledgeMs)}`);
  }
  if (v.meanTimeToResolveMs !== undefined) {
    figures.push(`*Mean time to resolve*\n${formatDuration(v.meanTimeToResolveMs)}`);
  }
  blocks.push(fields(figures));

  const noisy = [...v.noisiest].sort((a, b) => b.occurrences - a.occurrences).slice(0, MAX_NOISIEST);
  if (noisy.length > 0) {
    const lines = noisy.map(
      (n, k) => `${k + 1}. ${inlineCode(n.functionName, 80)} — ${plural(n.occurrences, 'failure')}`,
    );
    blocks.push(section(`*Noisiest functions*\n${lines.join('\n')}`));
  }

  if (typeof v.stillOpen !== 'number' && v.stillOpen.length > 0) {
    const sorted = [...v.stillOpen].sort(byUrgency);
    const lines = sorted
      .slice(0, MAX_STILL_OPEN)
      .map(
        (i) =>
          `${severityEmoji[i.severity] ?? ''} *#${i.id}* ${incidentTitle(i)} · open since ${slackDate(i.openedAt, DATE_TIME_AGO, timeZone)}`,
      );
    // Lines, not one section: ten long titles can pass a section's 3,000 characters.
    const packed = packLines(['*Still open*', ...lines], 2, MESSAGE_BUDGET.text / 2);
    blocks.push(...packed.blocks);
    const more = sorted.length - (packed.shown - 1);
    if (more > 0) blocks.push(context(`… and ${formatCount(more)} more; \`/wa incidents\` lists them`));
  } else if (stillOpen === 0) {
    blocks.push(section('Nothing is open. 🎉'));
  }

  const text = `Pillar digest: ${formatCount(v.opened)} opened, ${formatCount(v.resolved)} resolved, ${formatCount(v.reopened)} came back, ${formatCount(stillOpen)} still open`;
  return message(text, blocks);
}

import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
  SectionBlockAccessory,
} from '@slack/types';
import { LIMITS } from './limits.js';
import { cut } from './text.js';

/**
 * Small constructors for the blocks Pillar uses. Text passed to them is already safe mrkdwn
 * (built from `untrusted`, `userRef`, `slackDate` …); they only cut it to the block's limit as
 * a last guard, never escape it again.
 */

export const MAX_SECTION = 3000;
export const MAX_FIELD = 2000;
export const MAX_HEADER = 150;
export const MAX_BUTTON = 75;

/**
 * mrkdwn with `verbatim: true`: Slack then does not auto-link URLs or channel names in it
 * (slack.md §2.4); explicit `<…>` markup that Pillar writes still works.
 */
export function md(text: string, max = MAX_SECTION): MrkdwnElement {
  return { type: 'mrkdwn', text: nonEmpty(cut(text, max)), verbatim: true };
}

export function pt(text: string, max = MAX_SECTION): PlainTextElement {
  return { type: 'plain_text', text: nonEmpty(cut(text, max)), emoji: true };
}

/** Slack refuses an empty text object; a dash says "nothing here" without breaking the message. */
function nonEmpty(s: string): string {
  return s.trim() === '' ? '–' : s;
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: pt(text, MAX_HEADER) };
}

export function section(text: string, accessory?: SectionBlockAccessory): SectionBlock {
  return { type: 'section', text: md(text), ...(accessory ? { accessory } : {}) };
}

export function fields(items: string[]): SectionBlock {
  return { type: 'section', fields: items.slice(0, 10).map((f) => md(f, MAX_FIELD)) };
}

export function context(...items: string[]): ContextBlock {
  return { type: 'context', elements: items.slice(0, 10).map((t) => md(t)) };
}

export const divider: DividerBlock = { type: 'divider' };

export function actionsBlock(elements: ActionsBlockElement[], blockId?: string): ActionsBlock {
  return { type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements: elements.slice(0, 25) };
}

export function button(v: {
  text: string;
  actionId: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  label?: string;
}): Button {
  return {
    type: 'button',
    text: pt(v.text, MAX_BUTTON),
    action_id: v.actionId,
    ...(v.value !== undefined ? { value: v.value } : {}),
    ...(v.url !== undefined ? { url: v.url } : {}),
    ...(v.style ? { style: v.style } : {}),
    ...(v.label ? { accessibility_label: cut(v.label, 75) } : {}),
  };
}

/**
 * Lines joined into as few sections as fit in `max` characters each (Slack's 3000), at most
 * `maxBlocks` sections and `budget` characters in all (a message's summed text is limited too);
 * returns how many lines made it, for an "and N more".
 */
export function packLines(
  lines: string[],
  maxBlocks: number,
  budget = Number.POSITIVE_INFINITY,
  max = MAX_SECTION,
): { blocks: SectionBlock[]; shown: number } {
  const blocks: SectionBlock[] = [];
  let current = '';
  let used = 0;
  let shown = 0;
  for (const line of lines) {
    const piece = cut(line, max);
    if (used + piece.length + 1 > budget) break;
    if (current !== '' && current.length + 1 + piece.length > max) {
      if (blocks.length + 1 >= maxBlocks) break;
      blocks.push(section(current));
      current = '';
    }
    current = current === '' ? piece : `${current}\n${piece}`;
    used += piece.length + 1;
    shown++;
  }
  if (current !== '') blocks.push(section(current));
  return { blocks, shown };
}

/** What chat.postMessage, chat.update and respond take: the fallback text and the blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * The top-level `text`: Slack renders it as mrkdwn and puts it in notifications, so it is built
 * like any mrkdwn (untrusted parts through `untrusted`, never `plain`) and cut here to Slack's
 * recommended 4,000 characters (slack.md §1.3).
 */
export function fallback(text: string): string {
  return nonEmpty(cut(text, LIMITS.messageTextRecommended));
}

/** Every builder's message goes out through here, so every fallback is cut the same way. */
export function message(text: string, blocks: KnownBlock[]): SlackMessage {
  return { text: fallback(text), blocks };
}

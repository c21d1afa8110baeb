/**
 * Block Kit limits (slack.md §1): the budget every builder lays its lists out against
 * (`MESSAGE_BUDGET`, `VIEW_BUDGET`, `fitList`), and a validator, so tests can prove every builder
 * output is accepted before Slack sees it. Violations name a JSON pointer the way Slack's
 * `invalid_blocks` errors do (`/blocks/0/text/text`). Builders do not validate at run time: they
 * are written to stay within the limits, and the tests hold them to it.
 */

import type { KnownBlock } from '@slack/types';

export interface Violation {
  pointer: string;
  message: string;
}

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** Slack truncates `text` above this. */
  messageText: 40_000,
  /** Slack's guidance for `text`: about 4,000 characters. Fallback texts are cut to it. */
  messageTextRecommended: 4_000,
  /**
   * Summed block text: `msg_blocks_too_long` comes at roughly 11–13k characters (bolt-js #2509,
   * #2867); slack.md says keep alert bodies well under about 10k.
   */
  messageBlockTextBudget: 10_000,
  /**
   * UTF-8 bytes of a message's blocks as JSON. Slack documents no such limit, but the smallest
   * rejected payload on record (bolt-js #2867) was 17,694 characters of JSON: staying under it
   * keeps a message clear of `msg_blocks_too_long` whichever of the two Slack measures.
   */
  messageJsonBudget: 16_000,
  viewBytes: 250_000,
  /** A view's blocks as JSON: under `view_too_large` (250 kB) with room for title, metadata and ids. */
  viewJsonBudget: 200_000,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  modalTitle: 24,
  modalButton: 24,
  blockId: 255,
  actionId: 255,
  textObject: 3000,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  imageAltText: 2000,
  imageTitle: 2000,
  markdownText: 12_000,
  tableRows: 100,
  tableCells: 20,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  accessibilityLabel: 75,
  overflowMin: 2,
  overflowMax: 5,
  selectOptions: 100,
  optionGroups: 100,
  optionText: 75,
  /** The option-object page says 150; the `@slack/types` JSDoc says 75: 75 is safe. */
  optionValue: 75,
  optionDescription: 75,
  optionUrl: 3000,
  optionGroupLabel: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  choiceOptions: 10,
  inputLength: 3000,
} as const;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  readonly violations: Violation[] = [];
  markdownChars = 0;

  fail(pointer: string, message: string): undefined {
    this.violations.push({ pointer, message });
  }

  max(pointer: string, value: unknown, limit: number, what = 'characters'): undefined {
    if (typeof value === 'string' && value.length > limit) {
      this.fail(pointer, `must be at most ${limit} ${what} (is ${value.length})`);
    }
  }

  string(pointer: string, value: unknown, limit: number, required = true): undefined {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') return this.fail(pointer, 'must be a string');
    if (value.length === 0) return this.fail(pointer, 'must not be empty');
    this.max(pointer, value, limit);
  }

  /** A text object: plain_text or mrkdwn, 1–3000 characters, emoji only on plain_text, verbatim only on mrkdwn. */
  text(pointer: string, t: unknown, limit: number = LIMITS.textObject, kind?: 'plain_text'): undefined {
    if (!isObj(t)) return this.fail(pointer, 'must be a text object');
    if (t.type !== 'plain_text' && t.type !== 'mrkdwn') {
      return this.fail(`${pointer}/type`, 'must be plain_text or mrkdwn');
    }
    if (kind && t.type !== kind) this.fail(`${pointer}/type`, `must be ${kind}`);
    if (t.type === 'mrkdwn' && 'emoji' in t)
      this.fail(`${pointer}/emoji`, 'emoji is only allowed on plain_text');
    if (t.type === 'plain_text' && 'verbatim' in t) {
      this.fail(`${pointer}/verbatim`, 'verbatim is only allowed on mrkdwn');
    }
    this.string(`${pointer}/text`, t.text, Math.min(limit, LIMITS.textObject));
    if (typeof t.text === 'string' && t.text.length > 0 && t.text.trim() === '')
      this.fail(`${pointer}/text`, 'must not be only whitespace');
  }

  blockId(pointer: string, b: Obj, seen: Set<string>): undefined {
    if (b.block_id === undefined) return;
    this.string(`${pointer}/block_id`, b.block_id, LIMITS.blockId);
    if (typeof b.block_id === 'string') {
      if (seen.has(b.block_id)) this.fail(`${pointer}/block_id`, `duplicate block_id "${b.block_id}"`);
      seen.add(b.block_id);
    }
  }

  blocks(pointer: string, blocks: unknown, max: number): undefined {
    if (!Array.isArray(blocks)) return this.fail(pointer, 'must be an array');
    if (blocks.length > max) this.fail(pointer, `must have at most ${max} blocks (has ${blocks.length})`);
    const seen = new Set<string>();
    blocks.forEach((b, i) => {
      this.block(`${pointer}/${i}`, b, seen);
    });
  }

  block(p: string, b: unknown, seen: Set<string>): undefined {
    if (!isObj(b)) return this.fail(p, 'must be a block object');
    this.blockId(p, b, seen);
    switch (b.type) {
      case 'section':
        return this.section(p, b);
      case 'header':
        return this.text(`${p}/text`, b.text, LIMITS.header, 'plain_text');
      case 'context':
        return this.context(p, b);
      case 'actions':
        return this.actions(p, b);
      case 'divider':
        return;
      case 'image':
        return this.image(p, b);
      case 'markdown':
        this.string(`${p}/text`, b.text, LIMITS.markdownText);
        if (typeof b.text === 'string') this.markdownChars += b.text.length;
        return;
      case 'table':
        return this.table(p, b);
      case 'input':
        return this.input(p, b);
      case 'rich_text':
        if (!Array.isArray(b.elements)) this.fail(`${p}/elements`, 'must be an array');
        return;
      default:
        return this.fail(`${p}/type`, `unknown or unchecked block type "${String(b.type)}"`);
    }
  }

  section(p: string, b: Obj): undefined {
    if (b.text === undefined && b.fields === undefined) {
      this.fail(p, 'a section needs text or fields');
    }
    if (b.text !== undefined) this.text(`${p}/text`, b.text, LIMITS.sectionText);
    if (b.fields !== undefined) {
      if (!Array.isArray(b.fields)) {
        this.fail(`${p}/fields`, 'must be an array');
      } else {
        if (b.fields.length === 0) this.fail(`${p}/fields`, 'must not be empty');
        if (b.fields.length > LIMITS.sectionFields) {
          this.fail(
            `${p}/fields`,
            `must have at most ${LIMITS.sectionFields} items (has ${b.fields.length})`,
          );
        }
        b.fields.forEach((f, i) => {
          this.text(`${p}/fields/${i}`, f, LIMITS.sectionField);
        });
      }
    }
    if (b.accessory !== undefined) this.element(`${p}/accessory`, b.accessory);
  }

  context(p: string, b: Obj): undefined {
    if (!Array.isArray(b.elements)) return this.fail(`${p}/elements`, 'must be an array');
    if (b.elements.length === 0) this.fail(`${p}/elements`, 'must not be empty');
    if (b.elements.length > LIMITS.contextElements) {
      this.fail(
        `${p}/elements`,
        `must have at most ${LIMITS.contextElements} items (has ${b.elements.length})`,
      );
    }
    b.elements.forEach((e, i) => {
      if (isObj(e) && e.type === 'image') {
        this.max(`${p}/elements/${i}/alt_text`, e.alt_text, LIMITS.imageAltText);
      } else {
        this.text(`${p}/elements/${i}`, e);
      }
    });
  }

  actions(p: string, b: Obj): undefined {
    if (!Array.isArray(b.elements)) return this.fail(`${p}/elements`, 'must be an array');
    if (b.elements.length === 0) this.fail(`${p}/elements`, 'must not be empty');
    if (b.elements.length > LIMITS.actionsElements) {
      this.fail(
        `${p}/elements`,
        `must have at most ${LIMITS.actionsElements} items (has ${b.elements.length})`,
      );
    }
    const ids = new Set<string>();
    b.elements.forEach((e, i) => {
      this.element(`${p}/elements/${i}`, e);
      if (isObj(e) && typeof e.action_id === 'string') {
        if (ids.has(e.action_id))
          this.fail(`${p}/elements/${i}/action_id`, `duplicate action_id "${e.action_id}"`);
        ids.add(e.action_id);
      }
    });
  }

  image(p: string, b: Obj): undefined {
    this.string(`${p}/alt_text`, b.alt_text, LIMITS.imageAltText);
    if (b.title !== undefined) this.text(`${p}/title`, b.title, LIMITS.imageTitle, 'plain_text');
    if (b.image_url === undefined && b.slack_file === undefined) {
      this.fail(p, 'an image needs image_url or slack_file');
    }
  }

  table(p: string, b: Obj): undefined {
    if (!Array.isArray(b.rows)) return this.fail(`${p}/rows`, 'must be an array');
    if (b.rows.length > LIMITS.tableRows) {
      this.fail(`${p}/rows`, `must have at most ${LIMITS.tableRows} rows (has ${b.rows.length})`);
    }
    b.rows.forEach((r, i) => {
      if (Array.isArray(r) && r.length > LIMITS.tableCells) {
        this.fail(`${p}/rows/${i}`, `must have at most ${LIMITS.tableCells} cells (has ${r.length})`);
      }
    });
  }

  input(p: string, b: Obj): undefined {
    this.text(`${p}/label`, b.label, LIMITS.inputLabel, 'plain_text');
    if (b.hint !== undefined) this.text(`${p}/hint`, b.hint, LIMITS.inputHint, 'plain_text');
    if (b.element === undefined) return this.fail(`${p}/element`, 'an input needs an element');
    this.element(`${p}/element`, b.element);
  }

  actionId(p: string, e: Obj): undefined {
    if (e.action_id !== undefined) this.string(`${p}/action_id`, e.action_id, LIMITS.actionId);
  }

  placeholder(p: string, e: Obj): undefined {
    if (e.placeholder !== undefined)
      this.text(`${p}/placeholder`, e.placeholder, LIMITS.placeholder, 'plain_text');
  }

  confirm(p: string, c: unknown): undefined {
    if (!isObj(c)) return this.fail(p, 'must be a confirm object');
    this.text(`${p}/title`, c.title, LIMITS.confirmTitle, 'plain_text');
    this.text(`${p}/text`, c.text, LIMITS.confirmText);
    this.text(`${p}/confirm`, c.confirm, LIMITS.confirmButton, 'plain_text');
    this.text(`${p}/deny`, c.deny, LIMITS.confirmButton, 'plain_text');
    if (c.style !== undefined && c.style !== 'primary' && c.style !== 'danger') {
      this.fail(`${p}/style`, 'must be primary or danger');
    }
  }

  option(p: string, o: unknown, withUrl = false): undefined {
    if (!isObj(o)) return this.fail(p, 'must be an option object');
    this.text(`${p}/text`, o.text, LIMITS.optionText);
    this.string(`${p}/value`, o.value, LIMITS.optionValue, false);
    if (o.description !== undefined) this.text(`${p}/description`, o.description, LIMITS.optionDescription);
    if (o.url !== undefined) {
      if (!withUrl) this.fail(`${p}/url`, 'url is only allowed in overflow options');
      this.string(`${p}/url`, o.url, LIMITS.optionUrl);
    }
  }

  options(p: string, options: unknown, max: number, min = 1, withUrl = false): Obj[] {
    if (!Array.isArray(options)) {
      this.fail(p, 'must be an array');
      return [];
    }
    if (options.length < min) this.fail(p, `must have at least ${min} options (has ${options.length})`);
    if (options.length > max) this.fail(p, `must have at most ${max} options (has ${options.length})`);
    options.forEach((o, i) => {
      this.option(`${p}/${i}`, o, withUrl);
    });
    return options.filter(isObj);
  }

  element(p: string, e: unknown): undefined {
    if (!isObj(e)) return this.fail(p, 'must be an element object');
    this.actionId(p, e);
    if (e.confirm !== undefined) this.confirm(`${p}/confirm`, e.confirm);
    this.placeholder(p, e);
    switch (e.type) {
      case 'button':
        this.text(`${p}/text`, e.text, LIMITS.buttonText, 'plain_text');
        this.string(`${p}/value`, e.value, LIMITS.buttonValue, false);
        this.string(`${p}/url`, e.url, LIMITS.buttonUrl, false);
        this.string(`${p}/accessibility_label`, e.accessibility_label, LIMITS.accessibilityLabel, false);
        if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') {
          this.fail(`${p}/style`, 'must be primary or danger');
        }
        return;
      case 'overflow':
        this.options(`${p}/options`, e.options, LIMITS.overflowMax, LIMITS.overflowMin, true);
        return;
      case 'static_select':
      case 'multi_static_select':
        return this.staticSelect(p, e);
      case 'checkboxes':
      case 'radio_buttons':
        this.options(`${p}/options`, e.options, LIMITS.choiceOptions);
        return;
      case 'plain_text_input':
        return this.plainTextInput(p, e);
      case 'datepicker':
        if (e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(e.initial_date))) {
          this.fail(`${p}/initial_date`, 'must be YYYY-MM-DD');
        }
        return;
      case 'users_select':
      case 'conversations_select':
      case 'channels_select':
      case 'external_select':
      case 'multi_users_select':
      case 'multi_conversations_select':
      case 'multi_channels_select':
      case 'multi_external_select':
      case 'timepicker':
      case 'datetimepicker':
      case 'email_text_input':
      case 'number_input':
      case 'url_text_input':
      case 'image':
        return;
      default:
        return this.fail(`${p}/type`, `unknown or unchecked element type "${String(e.type)}"`);
    }
  }

  staticSelect(p: string, e: Obj): undefined {
    if (e.options !== undefined && e.option_groups !== undefined) {
      this.fail(p, 'use options or option_groups, not both');
    }
    let all: Obj[] = [];
    if (e.options !== undefined) all = this.options(`${p}/options`, e.options, LIMITS.selectOptions);
    if (e.option_groups !== undefined) {
      if (!Array.isArray(e.option_groups)) return this.fail(`${p}/option_groups`, 'must be an array');
      if (e.option_groups.length > LIMITS.optionGroups) {
        this.fail(`${p}/option_groups`, `must have at most ${LIMITS.optionGroups} groups`);
      }
      for (const [i, g] of e.option_groups.entries()) {
        if (!isObj(g)) {
          this.fail(`${p}/option_groups/${i}`, 'must be an option group');
          continue;
        }
        this.text(`${p}/option_groups/${i}/label`, g.label, LIMITS.optionGroupLabel, 'plain_text');
        all.push(...this.options(`${p}/option_groups/${i}/options`, g.options, LIMITS.selectOptions));
      }
    }
    if (e.options === undefined && e.option_groups === undefined)
      this.fail(p, 'a static select needs options');
    if (e.initial_option !== undefined) {
      const initial = e.initial_option;
      const match =
        isObj(initial) && all.some((o) => o.value === initial.value && sameText(o.text, initial.text));
      if (!match) this.fail(`${p}/initial_option`, 'must exactly match one of the options');
    }
  }

  plainTextInput(p: string, e: Obj): undefined {
    const min = e.min_length;
    const max = e.max_length;
    if (typeof min === 'number' && (min < 0 || min > LIMITS.inputLength)) {
      this.fail(`${p}/min_length`, `must be between 0 and ${LIMITS.inputLength}`);
    }
    if (typeof max === 'number' && (max < 1 || max > LIMITS.inputLength)) {
      this.fail(`${p}/max_length`, `must be between 1 and ${LIMITS.inputLength}`);
    }
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      this.fail(`${p}/min_length`, 'must not exceed max_length');
    }
    if (typeof e.initial_value === 'string' && typeof max === 'number' && e.initial_value.length > max) {
      this.fail(`${p}/initial_value`, `must be at most max_length (${max}) characters`);
    }
  }
}

function sameText(a: unknown, b: unknown): boolean {
  return isObj(a) && isObj(b) && a.type === b.type && a.text === b.text;
}

/** Checks a message (chat.postMessage / chat.update / respond): blocks, their text budget, and `text`. */
export function validateMessage(blocks: readonly unknown[], text: string): Violation[] {
  const c = new Checker();
  if (typeof text !== 'string' || text.length === 0) {
    c.fail('/text', 'must be a non-empty string: it is the notification and screen-reader fallback');
  } else {
    c.max('/text', text, LIMITS.messageText);
    c.max('/text', text, LIMITS.messageTextRecommended, 'characters (Slack recommends about 4,000)');
  }
  c.blocks('/blocks', blocks, LIMITS.messageBlocks);
  if (c.markdownChars > LIMITS.markdownText) {
    c.fail('/blocks', `markdown blocks must total at most ${LIMITS.markdownText} characters`);
  }
  if (Array.isArray(blocks)) {
    const size = measure(blocks);
    if (size.text > LIMITS.messageBlockTextBudget) {
      c.fail(
        '/blocks',
        `block text totals ${size.text} characters; keep it under ${LIMITS.messageBlockTextBudget}`,
      );
    }
    if (size.json > LIMITS.messageJsonBudget) {
      c.fail('/blocks', `blocks are ${size.json} bytes of JSON; keep them under ${LIMITS.messageJsonBudget}`);
    }
  }
  return c.violations;
}

/** Checks a modal or Home tab view. */
export function validateView(view: unknown): Violation[] {
  const c = new Checker();
  if (!isObj(view)) {
    c.fail('', 'must be a view object');
    return c.violations;
  }
  if (view.type !== 'modal' && view.type !== 'home') c.fail('/type', 'must be modal or home');
  c.blocks('/blocks', view.blocks, LIMITS.viewBlocks);
  c.string('/private_metadata', view.private_metadata, LIMITS.privateMetadata, false);
  c.string('/callback_id', view.callback_id, LIMITS.callbackId, false);
  c.string('/external_id', view.external_id, LIMITS.externalId, false);
  if (view.type === 'modal') {
    c.text('/title', view.title, LIMITS.modalTitle, 'plain_text');
    if (view.submit !== undefined) c.text('/submit', view.submit, LIMITS.modalButton, 'plain_text');
    if (view.close !== undefined) c.text('/close', view.close, LIMITS.modalButton, 'plain_text');
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined)
      c.fail('/submit', 'a modal with input blocks needs a submit button');
  }
  const bytes = Buffer.byteLength(JSON.stringify(view), 'utf8');
  if (bytes > LIMITS.viewBytes) c.fail('', `view is ${bytes} bytes; views.publish refuses more than 250 kB`);
  return c.violations;
}

// ---------------------------------------------------------------------------------------------
// The budget builders lay lists out against

/** What one surface may hold: Slack's block count and the practical ceilings under its limits. */
export interface Budget {
  blocks: number;
  /** Summed characters of the text objects in the blocks. */
  text: number;
  /** UTF-8 bytes of the blocks as JSON. */
  json: number;
}

/** chat.postMessage, chat.update and respond. */
export const MESSAGE_BUDGET: Budget = {
  blocks: LIMITS.messageBlocks,
  text: LIMITS.messageBlockTextBudget,
  json: LIMITS.messageJsonBudget,
};

/** Modals and the Home tab: 100 blocks, and no summed-text limit, only the view's size. */
export const VIEW_BUDGET: Budget = {
  blocks: LIMITS.viewBlocks,
  text: Number.POSITIVE_INFINITY,
  json: LIMITS.viewJsonBudget,
};

export type Size = Budget;

/**
 * How much of a budget blocks use. Every text object anywhere in them counts (labels, options
 * and confirm dialogs too), and the JSON is counted so that sizes add up: the size of a list is
 * at most the sum of the sizes of its parts.
 */
export function measure(blocks: readonly unknown[]): Size {
  let text = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
    } else if (isObj(v)) {
      const isText = v.type === 'plain_text' || v.type === 'mrkdwn' || v.type === 'markdown';
      if (isText && typeof v.text === 'string') text += v.text.length;
      for (const x of Object.values(v)) if (typeof x === 'object') walk(x);
    }
  };
  let json = 2;
  for (const b of blocks) {
    walk(b);
    json += Buffer.byteLength(JSON.stringify(b), 'utf8') + 1;
  }
  return { blocks: blocks.length, text, json };
}

function plus(a: Size, b: Size): Size {
  return { blocks: a.blocks + b.blocks, text: a.text + b.text, json: a.json + b.json };
}

function within(s: Size, budget: Budget): boolean {
  return s.blocks <= budget.blocks && s.text <= budget.text && s.json <= budget.json;
}

export interface FitListInput<T> {
  budget: Budget;
  /** Blocks before the list (a header, a count). */
  head?: readonly KnownBlock[];
  items: readonly T[];
  /** One item as one or more blocks; called only for items that are tried. */
  render: (item: T, index: number) => KnownBlock[];
  /** What says how many did not fit and how to see them ("… and 12 more; `/wa checks lambda` narrows it"). */
  more: (hidden: number, shown: number) => KnownBlock[];
  /** Blocks after the list (buttons, a footnote): always kept. */
  tail?: readonly KnownBlock[];
  /** Show at most this many items even when more would fit. */
  max?: number;
}

/**
 * The one way builders cut lists: `head`, then as many items as the budget holds, then `more`
 * when some did not fit, then `tail`. Room for `more` is kept while items remain, so the
 * "and N more" is never what goes over.
 */
export function fitList<T>(v: FitListInput<T>): { blocks: KnownBlock[]; shown: number } {
  const head = [...(v.head ?? [])];
  const tail = [...(v.tail ?? [])];
  const n = v.items.length;
  const limit = Math.min(n, v.max ?? n);
  // The widest "more" there can be: the most digits for both counts.
  const reserve = measure(v.more(n, n));
  let used = plus(measure(head), measure(tail));
  const list: KnownBlock[] = [];
  let shown = 0;
  for (let i = 0; i < limit; i++) {
    const blocks = v.render(v.items[i]!, i);
    const next = plus(used, measure(blocks));
    const last = i === n - 1;
    if (!within(last ? next : plus(next, reserve), v.budget)) break;
    list.push(...blocks);
    used = next;
    shown++;
  }
  const more = shown < n ? v.more(n - shown, shown) : [];
  return { blocks: [...head, ...list, ...more, ...tail], shown };
}

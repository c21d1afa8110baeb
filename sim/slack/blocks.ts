/**
 * Block Kit validation as Slack's API applies it: every problem becomes one message in Slack's
 * wording with a `[json-pointer:…]` suffix, so the stand-in can answer `invalid_blocks` (messages)
 * or `invalid_arguments` (views) the way Slack does and Pillar's error paths get exercised.
 *
 * Wordings confirmed from real Slack answers: `must be less than N characters`, `must be more than
 * 0 characters`, `no more than N items allowed`, `failed to match all allowed schemas`, `must provide
 * a string|an object`, `missing required field: X`, `unsupported type: X`, `invalid additional
 * property: X`. Two are this stand-in's own, as Slack's text for them is not documented: the
 * `style` enum (`must be one of: primary, danger`) and a repeated block_id (`duplicate block_id: X`).
 */

export type BlockSurface = 'message' | 'modal' | 'home';

export const blockLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  textObject: 3000,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  url: 3000,
  blockId: 255,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  selectOptions: 100,
  optionGroups: 100,
  overflowOptions: 5,
  choiceOptions: 10,
  placeholder: 150,
  altText: 2000,
  imageTitle: 2000,
  inputLabel: 2000,
  inputHint: 2000,
  inputLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  accessibilityLabel: 75,
  markdownText: 12_000,
  /** Total text of a message's blocks before `msg_blocks_too_long` (Slack's is ~12k, undocumented). */
  cumulativeText: 12_000,
  /** `views.*` answer `view_too_large` above this many bytes of view JSON. */
  viewBytes: 250 * 1024,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
} as const;

const BUTTON_STYLES = ['primary', 'danger'] as const;

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
] as const;
const MULTI_SELECTS = SELECTS.map((s) => `multi_${s}`);
const PICKERS = ['datepicker', 'timepicker', 'datetimepicker'];
const CHOICES = ['checkboxes', 'radio_buttons'];

const ACTIONS_ELEMENTS = new Set<string>([
  'button',
  'overflow',
  'workflow_button',
  'rich_text_input',
  ...SELECTS,
  ...MULTI_SELECTS,
  ...PICKERS,
  ...CHOICES,
]);
const ACCESSORY_ELEMENTS = new Set<string>([
  'button',
  'image',
  'overflow',
  'workflow_button',
  ...SELECTS,
  ...MULTI_SELECTS,
  ...PICKERS,
  ...CHOICES,
]);
const INPUT_ELEMENTS = new Set<string>([
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'file_input',
  ...SELECTS,
  ...MULTI_SELECTS,
  ...PICKERS,
  ...CHOICES,
]);
/** Known block types that this validator accepts without looking inside. */
const SHALLOW_BLOCKS = new Set(['rich_text', 'file', 'video', 'table', 'context_actions', 'call']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Slack counts characters, not UTF-16 units. */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

class Check {
  readonly errors: string[] = [];
  fail(message: string, pointer: string): void {
    this.errors.push(`${message} [json-pointer:${pointer}]`);
  }
}

const msg = {
  tooLong: (max: number) => `must be less than ${max + 1} characters`,
  empty: 'must be more than 0 characters',
  tooMany: (max: number) => `no more than ${max} items allowed`,
  string: 'must provide a string',
  object: 'must provide an object',
  array: 'must provide an array',
  boolean: 'must provide a boolean',
  number: 'must provide a number',
  missing: (field: string) => `missing required field: ${field}`,
  unsupported: (type: string) => `unsupported type: ${type}`,
  union: 'failed to match all allowed schemas',
  extra: (prop: string) => `invalid additional property: ${prop}`,
  oneOf: (values: readonly string[]) => `must be one of: ${values.join(', ')}`,
  duplicateBlockId: (id: string) => `duplicate block_id: ${id}`,
  eitherOf: (a: string, b: string) => `must define either \`${a}\` or \`${b}\``,
};

/** An optional string field with a length range; returns false when it is present and wrong. */
function optString(c: Check, o: Json, key: string, ptr: string, max: number, min = 0): boolean {
  const v = o[key];
  if (v === undefined) return true;
  if (typeof v !== 'string') {
    c.fail(msg.string, `${ptr}/${key}`);
    return false;
  }
  const n = charLength(v);
  if (n < min) {
    c.fail(msg.empty, `${ptr}/${key}`);
    return false;
  }
  if (n > max) {
    c.fail(msg.tooLong(max), `${ptr}/${key}`);
    return false;
  }
  return true;
}

function reqString(c: Check, o: Json, key: string, ptr: string, max: number, min = 1): boolean {
  if (o[key] === undefined) {
    c.fail(msg.missing(key), ptr);
    return false;
  }
  return optString(c, o, key, ptr, max, min);
}

function optBoolean(c: Check, o: Json, key: string, ptr: string): void {
  if (o[key] !== undefined && typeof o[key] !== 'boolean') c.fail(msg.boolean, `${ptr}/${key}`);
}

type TextType = 'plain_text' | 'mrkdwn';

/**
 * A text object. Where both types are allowed Slack matches it against two schemas, so any fault
 * is preceded by `failed to match all allowed schemas` on the object itself.
 */
function textObject(
  c: Check,
  v: unknown,
  ptr: string,
  allowed: readonly TextType[],
  max: number = blockLimits.textObject,
): void {
  const inner = new Check();
  if (!isObject(v)) {
    c.fail(msg.object, ptr);
    return;
  }
  if (v.type === undefined) inner.fail(msg.missing('type'), ptr);
  else if (typeof v.type !== 'string') inner.fail(msg.string, `${ptr}/type`);
  else if (!allowed.includes(v.type as TextType)) inner.fail(msg.unsupported(v.type), `${ptr}/type`);
  reqString(inner, v, 'text', ptr, max);
  if (v.type === 'mrkdwn' && v.emoji !== undefined) inner.fail(msg.extra('emoji'), ptr);
  if (v.type === 'plain_text' && v.verbatim !== undefined) inner.fail(msg.extra('verbatim'), ptr);
  optBoolean(inner, v, 'emoji', ptr);
  optBoolean(inner, v, 'verbatim', ptr);
  if (inner.errors.length === 0) return;
  if (allowed.length > 1) c.fail(msg.union, ptr);
  c.errors.push(...inner.errors);
}

function optText(
  c: Check,
  o: Json,
  key: string,
  ptr: string,
  allowed: readonly TextType[],
  max?: number,
): void {
  if (o[key] !== undefined) textObject(c, o[key], `${ptr}/${key}`, allowed, max);
}

function reqText(
  c: Check,
  o: Json,
  key: string,
  ptr: string,
  allowed: readonly TextType[],
  max?: number,
): void {
  if (o[key] === undefined) c.fail(msg.missing(key), ptr);
  else textObject(c, o[key], `${ptr}/${key}`, allowed, max);
}

/** An array field with an item limit; returns the array when it is one. */
function arrayField(
  c: Check,
  o: Json,
  key: string,
  ptr: string,
  max: number,
  required: boolean,
): unknown[] | undefined {
  const v = o[key];
  if (v === undefined) {
    if (required) c.fail(msg.missing(key), ptr);
    return undefined;
  }
  if (!Array.isArray(v)) {
    c.fail(msg.array, `${ptr}/${key}`);
    return undefined;
  }
  if (v.length > max) c.fail(msg.tooMany(max), `${ptr}/${key}`);
  return v;
}

function confirmObject(c: Check, v: unknown, ptr: string): void {
  if (!isObject(v)) {
    c.fail(msg.object, ptr);
    return;
  }
  reqText(c, v, 'title', ptr, ['plain_text'], blockLimits.confirmTitle);
  reqText(c, v, 'text', ptr, ['plain_text', 'mrkdwn'], blockLimits.confirmText);
  reqText(c, v, 'confirm', ptr, ['plain_text'], blockLimits.confirmButton);
  reqText(c, v, 'deny', ptr, ['plain_text'], blockLimits.confirmButton);
  if (v.style !== undefined && !BUTTON_STYLES.includes(v.style as never))
    c.fail(msg.oneOf(BUTTON_STYLES), `${ptr}/style`);
}

function optionObject(
  c: Check,
  v: unknown,
  ptr: string,
  textTypes: readonly TextType[],
  urlAllowed: boolean,
) {
  if (!isObject(v)) {
    c.fail(msg.object, ptr);
    return;
  }
  reqText(c, v, 'text', ptr, textTypes, blockLimits.optionText);
  reqString(c, v, 'value', ptr, blockLimits.optionValue);
  optText(c, v, 'description', ptr, textTypes, blockLimits.optionDescription);
  if (urlAllowed) optString(c, v, 'url', ptr, blockLimits.url);
  else if (v.url !== undefined) c.fail(msg.extra('url'), ptr);
}

function optionList(
  c: Check,
  o: Json,
  key: string,
  ptr: string,
  max: number,
  required: boolean,
  textTypes: readonly TextType[] = ['plain_text'],
  urlAllowed = false,
): void {
  const list = arrayField(c, o, key, ptr, max, required);
  list?.forEach((opt, i) => {
    optionObject(c, opt, `${ptr}/${key}/${i}`, textTypes, urlAllowed);
  });
}

function element(c: Check, v: unknown, ptr: string, allowedTypes: ReadonlySet<string>): void {
  if (!isObject(v)) {
    c.fail(msg.object, ptr);
    return;
  }
  if (v.type === undefined) {
    c.fail(msg.missing('type'), ptr);
    return;
  }
  if (typeof v.type !== 'string') {
    c.fail(msg.string, `${ptr}/type`);
    return;
  }
  const type = v.type;
  if (!allowedTypes.has(type)) {
    c.fail(msg.unsupported(type), `${ptr}/type`);
    return;
  }
  if (v.block_id !== undefined) c.fail(msg.extra('block_id'), ptr);
  if (type !== 'image') optString(c, v, 'action_id', ptr, blockLimits.actionId, 1);
  if (v.confirm !== undefined) confirmObject(c, v.confirm, `${ptr}/confirm`);
  optBoolean(c, v, 'focus_on_load', ptr);
  if (v.placeholder !== undefined)
    textObject(c, v.placeholder, `${ptr}/placeholder`, ['plain_text'], blockLimits.placeholder);

  switch (type) {
    case 'button':
      reqText(c, v, 'text', ptr, ['plain_text'], blockLimits.buttonText);
      optString(c, v, 'value', ptr, blockLimits.buttonValue);
      optString(c, v, 'url', ptr, blockLimits.url, 1);
      optString(c, v, 'accessibility_label', ptr, blockLimits.accessibilityLabel, 1);
      if (v.style !== undefined) {
        if (typeof v.style !== 'string') c.fail(msg.string, `${ptr}/style`);
        else if (!BUTTON_STYLES.includes(v.style as never)) c.fail(msg.oneOf(BUTTON_STYLES), `${ptr}/style`);
      }
      return;
    case 'static_select':
    case 'multi_static_select': {
      if (v.options !== undefined && v.option_groups !== undefined) c.fail(msg.union, ptr);
      if (v.option_groups !== undefined) {
        const groups = arrayField(c, v, 'option_groups', ptr, blockLimits.optionGroups, false);
        groups?.forEach((g, i) => {
          const gp = `${ptr}/option_groups/${i}`;
          if (!isObject(g)) c.fail(msg.object, gp);
          else {
            reqText(c, g, 'label', gp, ['plain_text'], blockLimits.optionText);
            optionList(c, g, 'options', gp, blockLimits.selectOptions, true);
          }
        });
      } else {
        optionList(c, v, 'options', ptr, blockLimits.selectOptions, true);
      }
      if (v.initial_option !== undefined)
        optionObject(c, v.initial_option, `${ptr}/initial_option`, ['plain_text'], false);
      optionList(c, v, 'initial_options', ptr, blockLimits.selectOptions, false);
      return;
    }
    case 'overflow':
      optionList(c, v, 'options', ptr, blockLimits.overflowOptions, true, ['plain_text'], true);
      return;
    case 'checkboxes':
      optionList(c, v, 'options', ptr, blockLimits.choiceOptions, true, ['plain_text', 'mrkdwn']);
      optionList(c, v, 'initial_options', ptr, blockLimits.choiceOptions, false, ['plain_text', 'mrkdwn']);
      return;
    case 'radio_buttons':
      optionList(c, v, 'options', ptr, blockLimits.choiceOptions, true, ['plain_text', 'mrkdwn']);
      if (v.initial_option !== undefined)
        optionObject(c, v.initial_option, `${ptr}/initial_option`, ['plain_text', 'mrkdwn'], false);
      return;
    case 'plain_text_input':
      optString(c, v, 'initial_value', ptr, blockLimits.inputLength);
      for (const key of ['min_length', 'max_length']) {
        const n = v[key];
        if (n === undefined) continue;
        if (typeof n !== 'number') c.fail(msg.number, `${ptr}/${key}`);
        else if (n > blockLimits.inputLength)
          c.fail(`must be less than ${blockLimits.inputLength + 1}`, `${ptr}/${key}`);
      }
      optBoolean(c, v, 'multiline', ptr);
      return;
    case 'image':
      imageSource(c, v, ptr);
      reqString(c, v, 'alt_text', ptr, blockLimits.altText);
      return;
    default:
      return;
  }
}

function imageSource(c: Check, v: Json, ptr: string): void {
  if (v.image_url === undefined && v.slack_file === undefined) {
    c.fail(msg.missing('source'), ptr);
    return;
  }
  if (v.image_url !== undefined && v.slack_file !== undefined) c.fail(msg.union, ptr);
  optString(c, v, 'image_url', ptr, blockLimits.url, 1);
  if (v.slack_file !== undefined) {
    const f = v.slack_file;
    const fp = `${ptr}/slack_file`;
    if (!isObject(f)) c.fail(msg.object, fp);
    else if ((f.id === undefined) === (f.url === undefined)) c.fail('invalid slack file', fp);
    else if (f.id !== undefined && (typeof f.id !== 'string' || !/^[F][A-Z0-9]{8,}$/.test(f.id)))
      c.fail('input must match regex pattern: ^[F][A-Z0-9]{8,}$', `${fp}/id`);
  }
}

function block(c: Check, v: unknown, ptr: string, surface: BlockSurface, seen: Set<string>): void {
  if (!isObject(v)) {
    c.fail(msg.object, ptr);
    return;
  }
  if (v.type === undefined) {
    c.fail(msg.missing('type'), ptr);
    return;
  }
  if (typeof v.type !== 'string') {
    c.fail(msg.string, `${ptr}/type`);
    return;
  }
  if (v.block_id !== undefined && optString(c, v, 'block_id', ptr, blockLimits.blockId, 1)) {
    const id = v.block_id as string;
    if (seen.has(id)) c.fail(msg.duplicateBlockId(id), `${ptr}/block_id`);
    seen.add(id);
  }
  switch (v.type) {
    case 'section': {
      if (v.text === undefined && v.fields === undefined) c.fail(msg.eitherOf('text', 'fields'), ptr);
      optText(c, v, 'text', ptr, ['plain_text', 'mrkdwn'], blockLimits.sectionText);
      const fields = arrayField(c, v, 'fields', ptr, blockLimits.sectionFields, false);
      fields?.forEach((f, i) => {
        textObject(c, f, `${ptr}/fields/${i}`, ['plain_text', 'mrkdwn'], blockLimits.sectionField);
      });
      if (v.accessory !== undefined) element(c, v.accessory, `${ptr}/accessory`, ACCESSORY_ELEMENTS);
      optBoolean(c, v, 'expand', ptr);
      return;
    }
    case 'header':
      reqText(c, v, 'text', ptr, ['plain_text'], blockLimits.header);
      return;
    case 'divider':
      return;
    case 'context': {
      const elements = arrayField(c, v, 'elements', ptr, blockLimits.contextElements, true);
      elements?.forEach((e, i) => {
        const ep = `${ptr}/elements/${i}`;
        if (isObject(e) && e.type === 'image') {
          imageSource(c, e, ep);
          reqString(c, e, 'alt_text', ep, blockLimits.altText);
        } else {
          textObject(c, e, ep, ['plain_text', 'mrkdwn']);
        }
      });
      return;
    }
    case 'actions': {
      const elements = arrayField(c, v, 'elements', ptr, blockLimits.actionsElements, true);
      elements?.forEach((e, i) => {
        element(c, e, `${ptr}/elements/${i}`, ACTIONS_ELEMENTS);
      });
      return;
    }
    case 'image':
      imageSource(c, v, ptr);
      reqString(c, v, 'alt_text', ptr, blockLimits.altText);
      optText(c, v, 'title', ptr, ['plain_text'], blockLimits.imageTitle);
      return;
    case 'input':
      if (surface === 'message') {
        c.fail(msg.unsupported('input'), `${ptr}/type`);
        return;
      }
      reqText(c, v, 'label', ptr, ['plain_text'], blockLimits.inputLabel);
      optText(c, v, 'hint', ptr, ['plain_text'], blockLimits.inputHint);
      optBoolean(c, v, 'optional', ptr);
      optBoolean(c, v, 'dispatch_action', ptr);
      if (v.element === undefined) c.fail(msg.missing('element'), ptr);
      else element(c, v.element, `${ptr}/element`, INPUT_ELEMENTS);
      return;
    case 'markdown':
      reqString(c, v, 'text', ptr, blockLimits.markdownText);
      return;
    default:
      if (SHALLOW_BLOCKS.has(v.type)) return;
      c.fail(msg.unsupported(v.type), `${ptr}/type`);
  }
}

/**
 * Validates a `blocks` array for a surface; returns Slack's messages (empty when valid). `root` is
 * the JSON pointer of the array: `/blocks` for messages, `/view/blocks` for views.
 */
export function validateBlocks(blocks: unknown, surface: BlockSurface, root = '/blocks'): string[] {
  const c = new Check();
  if (!Array.isArray(blocks)) {
    c.fail(msg.array, root);
    return c.errors;
  }
  const max = surface === 'message' ? blockLimits.messageBlocks : blockLimits.viewBlocks;
  if (blocks.length > max) c.fail(msg.tooMany(max), root);
  const seen = new Set<string>();
  blocks.forEach((b, i) => {
    block(c, b, `${root}/${i}`, surface, seen);
  });
  return c.errors;
}

/** Characters of every `text` string inside the blocks: what `msg_blocks_too_long` is measured on. */
export function cumulativeBlockText(blocks: unknown): number {
  let total = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (isObject(v))
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') total += charLength(x);
        else walk(x);
      }
  };
  walk(blocks);
  return total;
}

export type MessageBlocksVerdict =
  | { ok: true }
  | { ok: false; error: 'invalid_blocks'; errors: string[] }
  | { ok: false; error: 'msg_blocks_too_long' };

/** What `chat.postMessage`/`chat.update`/`response_url` make of a message's blocks. */
export function checkMessageBlocks(blocks: unknown): MessageBlocksVerdict {
  const errors = validateBlocks(blocks, 'message');
  if (errors.length > 0) return { ok: false, error: 'invalid_blocks', errors };
  if (cumulativeBlockText(blocks) > blockLimits.cumulativeText)
    return { ok: false, error: 'msg_blocks_too_long' };
  return { ok: true };
}

export type ViewVerdict =
  | { ok: true; surface: 'modal' | 'home' }
  | { ok: false; error: 'invalid_arguments'; messages: string[] }
  | { ok: false; error: 'view_too_large' };

/**
 * A view for `views.publish` (`expect: 'home'`), `views.open`/`views.push` (`'modal'`) or
 * `views.update` (either). Slack matches a view against its view schemas, so every fault is
 * preceded by `failed to match all allowed schemas [json-pointer:/view]`.
 */
export function checkView(view: unknown, expect: 'home' | 'modal' | 'any'): ViewVerdict {
  const c = new Check();
  const root = '/view';
  if (!isObject(view)) {
    c.fail(msg.object, root);
    return { ok: false, error: 'invalid_arguments', messages: c.errors };
  }
  if (Buffer.byteLength(JSON.stringify(view)) > blockLimits.viewBytes)
    return { ok: false, error: 'view_too_large' };
  let surface: 'modal' | 'home' = expect === 'home' ? 'home' : 'modal';
  if (view.type === undefined) c.fail(msg.missing('type'), root);
  else if (typeof view.type !== 'string') c.fail(msg.string, `${root}/type`);
  else if ((view.type !== 'home' && view.type !== 'modal') || (expect !== 'any' && view.type !== expect))
    c.fail(msg.unsupported(view.type), `${root}/type`);
  else surface = view.type;

  if (view.blocks === undefined) c.fail(msg.missing('blocks'), root);
  else c.errors.push(...validateBlocks(view.blocks, surface, `${root}/blocks`));
  optString(c, view, 'callback_id', root, blockLimits.callbackId);
  optString(c, view, 'private_metadata', root, blockLimits.privateMetadata);
  optString(c, view, 'external_id', root, blockLimits.externalId, 1);
  optBoolean(c, view, 'clear_on_close', root);
  optBoolean(c, view, 'notify_on_close', root);
  if (surface === 'modal') {
    reqText(c, view, 'title', root, ['plain_text'], blockLimits.modalTitle);
    optText(c, view, 'submit', root, ['plain_text'], blockLimits.modalButton);
    optText(c, view, 'close', root, ['plain_text'], blockLimits.modalButton);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) c.fail(msg.missing('submit'), root);
  }
  if (c.errors.length === 0) return { ok: true, surface };
  return {
    ok: false,
    error: 'invalid_arguments',
    messages: [`${msg.union} [json-pointer:${root}]`, ...c.errors],
  };
}

/**
 * Block Kit → a tree of plain objects (`VNode`): tag, attributes, children, where text is always
 * a child string. The browser turns the tree into DOM nodes with `toDom` (createElement and
 * setAttribute only, through an allow-list), so no message can inject markup; vitest reads the
 * same tree with `toHtml`/`textOf`. Pure and DOM-free: imported as TypeScript by tests, served to
 * the browser through esbuild's transform (see assets.ts).
 *
 * Interactive elements carry what the page needs to send the action: `data-action-id`,
 * `data-block-id`, `data-type`; the message or view they sit in carries `data-container`.
 */
import {
  formatAgo,
  formatClock,
  formatFull,
  formatSlackDate,
  type MdNode,
  parseMrkdwn,
  safeHref,
  tsToMs,
} from './mrkdwn.js';
import type {
  PageChannel,
  PageEphemeral,
  PageFile,
  PageMessage,
  PageState,
  PageUser,
  PageUserGroup,
  PageView,
  ViewStateValues,
} from './types.js';

export interface VElement {
  tag: string;
  attrs: Record<string, string>;
  children: VNode[];
}
export type VNode = VElement | string;
type Child = VNode | Child[] | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;

/** Children flattened: nested arrays spread, null/false/'' dropped. */
export function frag(...children: Child[]): VNode[] {
  const flat: VNode[] = [];
  const add = (c: Child): void => {
    if (c === null || c === undefined || c === false || c === '') return;
    if (Array.isArray(c)) for (const x of c) add(x);
    else flat.push(c);
  };
  for (const c of children) add(c);
  return flat;
}

export function h(tag: string, attrs: Record<string, AttrValue> = {}, ...children: Child[]): VElement {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    a[k] = v === true ? '' : String(v);
  }
  return { tag, attrs: a, children: frag(...children) };
}

export interface RenderContext {
  /** The user looking: mentions of them are highlighted, dates are in their zone. */
  me: string;
  users: Record<string, PageUser>;
  channels: Record<string, PageChannel>;
  userGroups: Record<string, PageUserGroup>;
  bot: { userId: string; name: string };
  /** The stand-in's clock, for `today` and `3 minutes ago`. */
  now: number;
  timeZone: string;
}

export function makeContext(s: PageState, now = s.now): RenderContext {
  const byId = <T extends { id: string }>(xs: T[]) => Object.fromEntries(xs.map((x) => [x.id, x]));
  const me = s.users.find((u) => u.id === s.me);
  return {
    me: s.me,
    users: byId(s.users),
    channels: byId(s.channels),
    userGroups: byId(s.userGroups),
    bot: s.bot,
    now,
    timeZone: me?.tz ?? 'UTC',
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A link or image source the page may use: web and mail links, and the stand-in's own paths. */
export function safeLink(url: string | undefined | null): string | null {
  if (url === undefined || url === null) return null;
  if (/^\/(?!\/)[^\s\\]*$/.test(url)) return url;
  return safeHref(url);
}

// ---- text -------------------------------------------------------------------------------------

export function userName(ctx: RenderContext, id: string): string {
  if (id === ctx.bot.userId) return ctx.bot.name;
  const u = ctx.users[id];
  return u ? u.displayName || u.realName || u.name : id;
}

function dateNode(n: Extract<MdNode, { t: 'date' }>, ctx: RenderContext): VNode {
  const text = formatSlackDate(n.ts, n.format, { now: ctx.now, timeZone: ctx.timeZone }) ?? n.fallback;
  // The inputs stay on the node so the page can bring `{ago}` and `today` up to date in place.
  const span = h(
    'span',
    {
      class: 'md-date',
      title: n.fallback,
      'data-date-ts': Number.isFinite(n.ts) ? n.ts : undefined,
      'data-date-format': Number.isFinite(n.ts) ? n.format : undefined,
    },
    text,
  );
  return n.link ? h('a', { href: n.link, target: '_blank', rel: 'noopener noreferrer' }, span) : span;
}

export function mdToNodes(nodes: MdNode[], ctx: RenderContext): VNode[] {
  return nodes.map((n): VNode => {
    switch (n.t) {
      case 'text':
        return n.s;
      case 'br':
        return h('br');
      case 'b':
        return h('strong', {}, mdToNodes(n.c, ctx));
      case 'i':
        return h('em', {}, mdToNodes(n.c, ctx));
      case 's':
        return h('del', {}, mdToNodes(n.c, ctx));
      case 'code':
        return h('code', { class: 'md-code' }, mdToNodes(n.c, ctx));
      case 'pre':
        return h('pre', { class: 'md-pre' }, mdToNodes(n.c, ctx));
      case 'quote':
        return h('blockquote', { class: 'md-quote' }, mdToNodes(n.c, ctx));
      case 'link':
        return n.href
          ? h('a', { class: 'md-link', href: n.href, target: '_blank', rel: 'noopener noreferrer' }, n.label)
          : h('span', { class: 'md-link-unsafe', title: n.url }, n.label);
      case 'user': {
        const known = n.id === ctx.bot.userId || ctx.users[n.id] !== undefined;
        const name = known ? userName(ctx, n.id) : (n.label ?? n.id);
        return h(
          'span',
          { class: n.id === ctx.me ? 'mention mention-me' : 'mention', 'data-user': n.id },
          `@${name}`,
        );
      }
      case 'channel': {
        const c = ctx.channels[n.id];
        return h(
          'button',
          { type: 'button', class: 'mention channel-ref', 'data-goto-channel': n.id },
          `#${c?.name ?? n.label ?? n.id}`,
        );
      }
      case 'broadcast':
        return h('span', { class: 'mention mention-broadcast' }, `@${n.name}`);
      case 'usergroup': {
        const g = ctx.userGroups[n.id];
        return h('span', { class: 'mention' }, `@${g?.handle ?? n.label ?? n.id}`);
      }
      case 'date':
        return dateNode(n, ctx);
    }
    return '';
  });
}

export function mrkdwn(text: string, ctx: RenderContext): VNode[] {
  return mdToNodes(parseMrkdwn(text), ctx);
}

/** A text object: mrkdwn parsed, plain_text shown as written. */
export function textObject(t: unknown, ctx: RenderContext): VNode[] {
  if (typeof t === 'string') return [t];
  if (!isObj(t)) return [];
  const text = str(t.text) ?? '';
  return t.type === 'mrkdwn' ? mrkdwn(text, ctx) : [text];
}

function plainOf(t: unknown): string {
  if (typeof t === 'string') return t;
  return isObj(t) ? (str(t.text) ?? '') : '';
}

// ---- elements ---------------------------------------------------------------------------------

interface Where {
  blockId: string;
  /** Inside an input block: the value is read on submit, not sent at once. */
  input: boolean;
  /** Sends a block action when used (everything outside input blocks, and `dispatch_action` inputs). */
  dispatch: boolean;
  values?: ViewStateValues;
  label?: string;
}

export function unsupported(kind: 'block' | 'element', type: unknown): VElement {
  const name = typeof type === 'string' && type !== '' ? type : '(no type)';
  return h('div', { class: 'unsupported', 'data-testid': 'unsupported' }, `Unsupported ${kind}: ${name}`);
}

function elementAttrs(el: Obj, where: Where): Record<string, AttrValue> {
  const actionId = str(el.action_id) ?? '';
  return {
    'data-action-id': actionId,
    'data-block-id': where.blockId,
    'data-type': str(el.type),
    'data-testid': `action-${actionId}`,
    'data-dispatch': where.dispatch,
    'data-input': where.input,
    'data-confirm': isObj(el.confirm) ? JSON.stringify(confirmText(el.confirm)) : undefined,
    'aria-label': where.label,
  };
}

/** What the page's confirm dialog shows. */
function confirmText(c: Obj): { title: string; text: string; confirm: string; deny: string } {
  return {
    title: plainOf(c.title) || 'Are you sure?',
    text: plainOf(c.text),
    confirm: plainOf(c.confirm) || 'Yes',
    deny: plainOf(c.deny) || 'Cancel',
  };
}

/** The value an input shows: what the user entered (the view's state), else the element's initial. */
function current(el: Obj, where: Where): unknown {
  const st = where.values?.[where.blockId]?.[str(el.action_id) ?? ''];
  if (!isObj(st)) return undefined;
  for (const key of [
    'value',
    'selected_date',
    'selected_time',
    'selected_user',
    'selected_channel',
    'selected_conversation',
    'selected_users',
    'selected_channels',
    'selected_conversations',
  ]) {
    if (key in st) return st[key];
  }
  if ('selected_option' in st) return isObj(st.selected_option) ? st.selected_option.value : null;
  if ('selected_options' in st) return arr(st.selected_options).map((o) => (isObj(o) ? o.value : undefined));
  return undefined;
}

function oneValue(el: Obj, where: Where, initial: unknown): string | null {
  const c = current(el, where);
  const v = c === undefined ? initial : c;
  return typeof v === 'string' ? v : null;
}

function manyValues(el: Obj, where: Where, initial: unknown): string[] {
  const c = current(el, where);
  const v = c === undefined ? initial : c;
  return arr(v).filter((x): x is string => typeof x === 'string');
}

function optionValue(o: unknown): string | undefined {
  return isObj(o) ? str(o.value) : undefined;
}

function selectOptions(el: Obj, selected: Set<string>): VNode[] {
  const option = (o: unknown): VNode | null => {
    if (!isObj(o)) return null;
    const value = str(o.value) ?? '';
    return h('option', { value, selected: selected.has(value) }, plainOf(o.text) || value);
  };
  const groups = arr(el.option_groups);
  if (groups.length > 0)
    return frag(
      groups.map((g) =>
        isObj(g) ? h('optgroup', { label: plainOf(g.label) }, arr(g.options).map(option)) : null,
      ),
    );
  return frag(arr(el.options).map(option));
}

function placeholderOption(el: Obj, fallback: string, chosen: boolean): VNode {
  return h('option', { value: '', disabled: true, selected: !chosen }, plainOf(el.placeholder) || fallback);
}

function people(ctx: RenderContext): PageUser[] {
  return Object.values(ctx.users)
    .filter((u) => !u.isBot)
    .sort((a, b) => (a.realName ?? a.name).localeCompare(b.realName ?? b.name));
}

function choiceList(el: Obj, where: Where, ctx: RenderContext, kind: 'radio' | 'checkbox'): VElement {
  const chosen =
    kind === 'radio'
      ? new Set([oneValue(el, where, optionValue(el.initial_option))].filter((x): x is string => x !== null))
      : new Set(manyValues(el, where, arr(el.initial_options).map(optionValue)));
  const name = `${where.blockId}/${str(el.action_id) ?? ''}`;
  return h(
    'div',
    { ...elementAttrs(el, where), class: kind === 'radio' ? 'choices radios' : 'choices checkboxes' },
    arr(el.options).map((o) => {
      if (!isObj(o)) return null;
      const value = str(o.value) ?? '';
      return h(
        'label',
        { class: 'choice' },
        h('input', {
          type: kind,
          name,
          value,
          checked: chosen.has(value),
          'data-testid': `option-${value}`,
        }),
        h('span', { class: 'choice-text' }, textObject(o.text, ctx)),
        isObj(o.description) ? h('span', { class: 'choice-desc' }, textObject(o.description, ctx)) : null,
      );
    }),
  );
}

export function imageSource(el: Obj): string | null {
  const direct = safeLink(str(el.image_url));
  if (direct) return direct;
  const file = isObj(el.slack_file) ? el.slack_file : undefined;
  if (file) {
    const viaUrl = safeLink(str(file.url));
    if (viaUrl) return viaUrl;
    const id = str(file.id);
    if (id && /^F[A-Z0-9]+$/.test(id)) return `/files/${id}`;
  }
  return null;
}

function image(el: Obj, cls: string): VElement {
  const src = imageSource(el);
  const alt = str(el.alt_text) ?? '';
  return src
    ? h('img', { class: cls, src, alt, title: alt || undefined, loading: 'lazy' })
    : h('span', { class: `${cls} image-missing` }, alt || 'image');
}

export function renderElement(e: unknown, ctx: RenderContext, where: Where): VNode {
  if (!isObj(e)) return unsupported('element', undefined);
  const type = str(e.type);
  const attrs = elementAttrs(e, where);
  switch (type) {
    case 'button': {
      const style = e.style === 'primary' ? ' btn-primary' : e.style === 'danger' ? ' btn-danger' : '';
      const url = safeLink(str(e.url));
      const label = plainOf(e.text);
      const a = {
        ...attrs,
        class: `btn${style}`,
        'data-value': str(e.value),
        'aria-label': str(e.accessibility_label) ?? where.label,
      };
      // A link button opens its page and still sends the action, as in Slack.
      return url
        ? h('a', { ...a, href: url, target: '_blank', rel: 'noopener noreferrer', role: 'button' }, label)
        : h('button', { ...a, type: 'button' }, label);
    }
    case 'static_select':
    case 'multi_static_select': {
      const multi = type === 'multi_static_select';
      const chosen = multi
        ? manyValues(e, where, arr(e.initial_options).map(optionValue))
        : [oneValue(e, where, optionValue(e.initial_option))].filter((x): x is string => x !== null);
      return h(
        'select',
        { ...attrs, class: 'sel', multiple: multi },
        multi ? null : placeholderOption(e, 'Select an item', chosen.length > 0),
        selectOptions(e, new Set(chosen)),
      );
    }
    case 'users_select':
    case 'multi_users_select': {
      const multi = type === 'multi_users_select';
      const chosen = multi
        ? manyValues(e, where, e.initial_users)
        : [oneValue(e, where, e.initial_user)].filter((x): x is string => x !== null);
      const set = new Set(chosen);
      return h(
        'select',
        { ...attrs, class: 'sel sel-users', multiple: multi },
        multi ? null : placeholderOption(e, 'Select a person', chosen.length > 0),
        people(ctx).map((u) =>
          h(
            'option',
            { value: u.id, selected: set.has(u.id) },
            u.realName ? `${u.realName} (@${u.name})` : u.name,
          ),
        ),
      );
    }
    case 'conversations_select':
    case 'channels_select': {
      const initial = type === 'channels_select' ? e.initial_channel : e.initial_conversation;
      const chosen = oneValue(e, where, initial);
      return h(
        'select',
        { ...attrs, class: 'sel' },
        placeholderOption(e, 'Select a channel', chosen !== null),
        Object.values(ctx.channels)
          .filter((c) => !c.isIm)
          .map((c) => h('option', { value: c.id, selected: c.id === chosen }, `#${c.name}`)),
      );
    }
    case 'overflow':
      return h(
        'div',
        { ...attrs, class: 'overflow', 'data-testid': undefined },
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-overflow',
            'data-overflow-toggle': true,
            'data-testid': attrs['data-testid'],
            'aria-label': 'More actions',
            'aria-haspopup': 'menu',
          },
          '⋯',
        ),
        h(
          'div',
          { class: 'overflow-menu', role: 'menu', hidden: true },
          arr(e.options).map((o) => {
            if (!isObj(o)) return null;
            const value = str(o.value) ?? '';
            return h(
              'button',
              {
                type: 'button',
                role: 'menuitem',
                class: 'overflow-item',
                'data-overflow-option': true,
                'data-value': value,
                'data-url': safeLink(str(o.url)),
                'data-testid': `option-${value}`,
              },
              plainOf(o.text) || value,
            );
          }),
        ),
      );
    case 'datepicker':
      return h('input', {
        ...attrs,
        type: 'date',
        class: 'date',
        value: oneValue(e, where, e.initial_date) ?? undefined,
        title: plainOf(e.placeholder) || undefined,
      });
    case 'timepicker':
      return h('input', {
        ...attrs,
        type: 'time',
        class: 'date',
        value: oneValue(e, where, e.initial_time) ?? undefined,
      });
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const value = oneValue(e, where, e.initial_value);
      const common = {
        ...attrs,
        placeholder: plainOf(e.placeholder) || undefined,
        maxlength: typeof e.max_length === 'number' ? e.max_length : undefined,
        minlength: typeof e.min_length === 'number' ? e.min_length : undefined,
      };
      if (type === 'plain_text_input' && e.multiline === true)
        return h('textarea', { ...common, class: 'text-input', rows: 4 }, value ?? '');
      const inputType =
        type === 'email_text_input'
          ? 'email'
          : type === 'url_text_input'
            ? 'url'
            : type === 'number_input'
              ? 'number'
              : 'text';
      return h('input', { ...common, type: inputType, class: 'text-input', value: value ?? undefined });
    }
    case 'radio_buttons':
      return choiceList(e, where, ctx, 'radio');
    case 'checkboxes':
      return choiceList(e, where, ctx, 'checkbox');
    case 'image':
      return image(e, 'el-image');
    default:
      return unsupported('element', type);
  }
}

// ---- blocks -----------------------------------------------------------------------------------

export interface Surface {
  /** A view's entered values (modals, Home). */
  values?: ViewStateValues;
  /** Field errors by block_id. */
  errors?: Record<string, string>;
}

export function renderBlocks(blocks: unknown[], ctx: RenderContext, surface: Surface = {}): VNode[] {
  return blocks.map((b) => renderBlock(b, ctx, surface));
}

export function renderBlock(b: unknown, ctx: RenderContext, surface: Surface = {}): VNode {
  if (!isObj(b)) return unsupported('block', undefined);
  const type = str(b.type);
  const blockId = str(b.block_id) ?? '';
  const where: Where = {
    blockId,
    input: false,
    dispatch: true,
    ...(surface.values ? { values: surface.values } : {}),
  };
  const base = { 'data-block-id': blockId || undefined };
  switch (type) {
    case 'header':
      return h('div', { ...base, class: 'b-header' }, plainOf(b.text));
    case 'divider':
      return h('hr', { ...base, class: 'b-divider' });
    case 'section': {
      const fields = arr(b.fields);
      return h(
        'div',
        { ...base, class: 'b-section' },
        h(
          'div',
          { class: 'b-section-main' },
          b.text !== undefined ? h('div', { class: 'b-text' }, textObject(b.text, ctx)) : null,
          fields.length > 0
            ? h(
                'div',
                { class: 'b-fields' },
                fields.map((f) => h('div', { class: 'b-field' }, textObject(f, ctx))),
              )
            : null,
        ),
        b.accessory !== undefined
          ? h(
              'div',
              { class: 'b-accessory' },
              isObj(b.accessory) && b.accessory.type === 'image'
                ? image(b.accessory, 'accessory-image')
                : renderElement(b.accessory, ctx, where),
            )
          : null,
      );
    }
    case 'context':
      return h(
        'div',
        { ...base, class: 'b-context' },
        arr(b.elements).map((e) =>
          isObj(e) && e.type === 'image'
            ? image(e, 'context-image')
            : isObj(e) && (e.type === 'mrkdwn' || e.type === 'plain_text')
              ? h('span', { class: 'b-context-item' }, textObject(e, ctx))
              : unsupported('element', isObj(e) ? e.type : undefined),
        ),
      );
    case 'actions':
      return h(
        'div',
        { ...base, class: 'b-actions' },
        arr(b.elements).map((e) => renderElement(e, ctx, where)),
      );
    case 'image':
      return h(
        'figure',
        { ...base, class: 'b-image' },
        b.title !== undefined ? h('figcaption', { class: 'b-image-title' }, plainOf(b.title)) : null,
        image(b, 'block-image'),
      );
    case 'input': {
      const error = surface.errors?.[blockId];
      const label = plainOf(b.label);
      const element = renderElement(b.element, ctx, {
        ...where,
        input: true,
        dispatch: b.dispatch_action === true,
        label,
      });
      return h(
        'div',
        {
          ...base,
          class: error ? 'b-input has-error' : 'b-input',
          'data-input-block': true,
          'data-testid': `input-${blockId}`,
        },
        h(
          'div',
          { class: 'b-input-label' },
          label,
          b.optional === true ? h('span', { class: 'optional' }, ' (optional)') : null,
        ),
        element,
        b.hint !== undefined ? h('div', { class: 'b-hint' }, plainOf(b.hint)) : null,
        error
          ? h('div', { class: 'b-error', role: 'alert', 'data-testid': `error-${blockId}` }, error)
          : null,
      );
    }
    case 'rich_text':
      return h(
        'div',
        { ...base, class: 'b-rich' },
        arr(b.elements).map((e) => richTextPart(e, ctx)),
      );
    case 'markdown':
      return h('div', { ...base, class: 'b-markdown' }, str(b.text) ?? '');
    default:
      return unsupported('block', type);
  }
}

// ---- rich_text --------------------------------------------------------------------------------

function richTextPart(e: unknown, ctx: RenderContext): VNode {
  if (!isObj(e)) return unsupported('element', undefined);
  const inline = () => arr(e.elements).map((x) => richInline(x, ctx));
  switch (e.type) {
    case 'rich_text_section':
      return h('div', { class: 'rt-section' }, inline());
    case 'rich_text_preformatted':
      return h('pre', { class: 'md-pre' }, inline());
    case 'rich_text_quote':
      return h('blockquote', { class: 'md-quote' }, inline());
    case 'rich_text_list':
      return h(
        e.style === 'ordered' ? 'ol' : 'ul',
        { class: 'rt-list' },
        arr(e.elements).map((s) =>
          h('li', {}, isObj(s) ? arr(s.elements).map((x) => richInline(x, ctx)) : null),
        ),
      );
    default:
      return unsupported('element', e.type);
  }
}

function richInline(e: unknown, ctx: RenderContext): VNode {
  if (!isObj(e)) return '';
  const style = isObj(e.style) ? e.style : {};
  const styled = (node: VNode): VNode => {
    let n = node;
    if (style.code === true) n = h('code', { class: 'md-code' }, n);
    if (style.strike === true) n = h('del', {}, n);
    if (style.italic === true) n = h('em', {}, n);
    if (style.bold === true) n = h('strong', {}, n);
    return n;
  };
  switch (e.type) {
    case 'text':
      return styled(str(e.text) ?? '');
    case 'link': {
      const url = str(e.url) ?? '';
      const href = safeHref(url);
      const label = str(e.text) || url;
      return styled(
        href
          ? h('a', { class: 'md-link', href, target: '_blank', rel: 'noopener noreferrer' }, label)
          : h('span', { class: 'md-link-unsafe', title: url }, label),
      );
    }
    case 'user':
      return mdToNodes([{ t: 'user', id: str(e.user_id) ?? '' }], ctx)[0] ?? '';
    case 'channel':
      return mdToNodes([{ t: 'channel', id: str(e.channel_id) ?? '' }], ctx)[0] ?? '';
    case 'usergroup':
      return mdToNodes([{ t: 'usergroup', id: str(e.usergroup_id) ?? '' }], ctx)[0] ?? '';
    case 'broadcast':
      return h('span', { class: 'mention mention-broadcast' }, `@${str(e.range) ?? 'here'}`);
    case 'emoji': {
      const unicode = str(e.unicode);
      if (unicode && /^[0-9a-f]{1,6}(?:-[0-9a-f]{1,6})*$/i.test(unicode)) {
        try {
          return String.fromCodePoint(...unicode.split('-').map((u) => Number.parseInt(u, 16)));
        } catch {
          // not a code point after all: the name below
        }
      }
      return `:${str(e.name) ?? ''}:`;
    }
    case 'date': {
      const fallback = str(e.fallback) ?? '';
      return dateNode(
        {
          t: 'date',
          ts: Number(e.timestamp),
          format: str(e.format) ?? '{date_short}',
          link: safeHref(str(e.url)),
          fallback,
        },
        ctx,
      );
    }
    default:
      return unsupported('element', e.type);
  }
}

// ---- legacy attachments and files --------------------------------------------------------------

function attachment(a: unknown, ctx: RenderContext): VNode {
  if (!isObj(a)) return '';
  const color = str(a.color);
  const tone =
    color === 'good' || color === 'warning' || color === 'danger'
      ? ` att-${color}`
      : color
        ? ' att-color'
        : '';
  const title = str(a.title);
  const titleLink = safeHref(str(a.title_link));
  return h(
    'div',
    { class: `attachment${tone}` },
    str(a.pretext) ? h('div', { class: 'att-pretext' }, mrkdwn(str(a.pretext) ?? '', ctx)) : null,
    title
      ? h(
          'div',
          { class: 'att-title' },
          titleLink
            ? h('a', { href: titleLink, target: '_blank', rel: 'noopener noreferrer' }, title)
            : title,
        )
      : null,
    str(a.text) ? h('div', { class: 'b-text' }, mrkdwn(str(a.text) ?? '', ctx)) : null,
    arr(a.fields).length > 0
      ? h(
          'div',
          { class: 'b-fields' },
          arr(a.fields).map((f) =>
            isObj(f)
              ? h(
                  'div',
                  { class: 'b-field' },
                  h('strong', {}, str(f.title) ?? ''),
                  h('br'),
                  mrkdwn(str(f.value) ?? '', ctx),
                )
              : null,
          ),
        )
      : null,
    arr(a.blocks).length > 0 ? renderBlocks(arr(a.blocks), ctx) : null,
    !str(a.text) && arr(a.blocks).length === 0 && str(a.fallback)
      ? h('div', { class: 'b-text' }, str(a.fallback) ?? '')
      : null,
    str(a.footer) ? h('div', { class: 'b-context' }, mrkdwn(str(a.footer) ?? '', ctx)) : null,
  );
}

function fileNode(f: PageFile): VNode {
  const href = safeLink(f.url);
  if (f.mimetype.startsWith('image/') && href)
    return h(
      'a',
      { class: 'file file-image', href, target: '_blank', rel: 'noopener noreferrer', title: f.title },
      h('img', { src: href, alt: f.title, loading: 'lazy' }),
    );
  return h(
    'a',
    { class: 'file file-chip', href: href ?? undefined, target: '_blank', rel: 'noopener noreferrer' },
    h('span', { class: 'file-icon' }, 'FILE'),
    h('span', {}, f.title || f.name),
  );
}

/** What a message or an ephemeral message shows: its blocks when it has some, else its text. */
export function messageBody(
  m: { text: string; blocks?: unknown[]; attachments?: unknown[]; files?: PageFile[] },
  ctx: RenderContext,
): VNode[] {
  const out: VNode[] = [];
  if (m.blocks && m.blocks.length > 0) out.push(h('div', { class: 'blocks' }, renderBlocks(m.blocks, ctx)));
  else if (m.text !== '') out.push(h('div', { class: 'b-text msg-text' }, mrkdwn(m.text, ctx)));
  if (m.files && m.files.length > 0) out.push(h('div', { class: 'files' }, m.files.map(fileNode)));
  if (m.attachments && m.attachments.length > 0)
    out.push(
      h(
        'div',
        { class: 'attachments' },
        m.attachments.map((a) => attachment(a, ctx)),
      ),
    );
  return out;
}

// ---- messages -----------------------------------------------------------------------------------

function avatar(ctx: RenderContext, user: string, small = false): VElement {
  const name = userName(ctx, user);
  let hash = 0;
  for (const ch of user) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const tone = user === ctx.bot.userId ? 'av-bot' : `av-${hash % 6}`;
  return h(
    'span',
    { class: `avatar ${tone}${small ? ' avatar-small' : ''}`, 'aria-hidden': 'true' },
    (name.charAt(0) || '?').toUpperCase(),
  );
}

function messageHead(ctx: RenderContext, user: string, ts: string, extra: VNode[] = []): VElement {
  const ms = tsToMs(ts);
  return h(
    'div',
    { class: 'msg-head' },
    h('span', { class: 'author' }, userName(ctx, user)),
    user === ctx.bot.userId ? h('span', { class: 'app-badge' }, 'APP') : null,
    h('span', { class: 'time', title: formatFull(ms, ctx.timeZone) }, formatClock(ms, ctx.timeZone)),
    extra,
  );
}

export function lastReplyText(latestReply: string, now: number): string {
  return `Last reply ${formatAgo(tsToMs(latestReply), now)}`;
}

/**
 * Brings relative times (`{ago}`, `today`, "Last reply 3 minutes ago") up to date from the
 * inputs the renderer left on their nodes; the page calls it on a timer.
 */
export function refreshedText(data: Record<string, string | undefined>, ctx: RenderContext): string | null {
  if (data.latestReply !== undefined) return lastReplyText(data.latestReply, ctx.now);
  if (data.dateTs !== undefined && data.dateFormat !== undefined)
    return formatSlackDate(Number(data.dateTs), data.dateFormat, { now: ctx.now, timeZone: ctx.timeZone });
  return null;
}

export interface MessageOptions {
  /** Shown in the thread panel: no reply count, "also sent to the channel" for broadcasts. */
  inThread?: boolean;
}

export function renderMessage(m: PageMessage, ctx: RenderContext, opts: MessageOptions = {}): VElement {
  const isReply = m.threadTs !== undefined && m.threadTs !== m.ts;
  const edited = m.edited ? [h('span', { class: 'edited', 'data-testid': 'edited' }, '(edited)')] : [];
  const note =
    isReply && m.replyBroadcast
      ? opts.inThread
        ? h('div', { class: 'broadcast-note' }, 'Also sent to the channel')
        : h(
            'div',
            { class: 'broadcast-note' },
            'replied to a thread: ',
            h(
              'button',
              { type: 'button', class: 'link', 'data-open-thread': m.threadTs, 'data-channel': m.channel },
              'view thread',
            ),
          )
      : null;
  const replies =
    !opts.inThread && !isReply && m.replyCount > 0
      ? h(
          'button',
          {
            type: 'button',
            class: 'replies',
            'data-open-thread': m.ts,
            'data-channel': m.channel,
            'data-testid': `replies-${m.ts}`,
          },
          h(
            'span',
            { class: 'reply-avatars' },
            m.replyUsers.slice(0, 3).map((u) => avatar(ctx, u, true)),
          ),
          h('span', { class: 'reply-count' }, `${m.replyCount} ${m.replyCount === 1 ? 'reply' : 'replies'}`),
          m.latestReply
            ? h(
                'span',
                { class: 'reply-last', 'data-latest-reply': m.latestReply },
                lastReplyText(m.latestReply, ctx.now),
              )
            : null,
        )
      : null;
  return h(
    'div',
    {
      class: m.user === ctx.me ? 'msg msg-mine' : 'msg',
      'data-testid': `message-${m.ts}`,
      'data-container': 'message',
      'data-channel': m.channel,
      'data-ts': m.ts,
    },
    avatar(ctx, m.user),
    h(
      'div',
      { class: 'msg-main' },
      messageHead(ctx, m.user, m.ts, edited),
      note,
      messageBody(m, ctx),
      replies,
    ),
  );
}

export function renderEphemeral(e: PageEphemeral, ctx: RenderContext): VElement {
  const author = e.local ? 'Slackbot' : ctx.bot.name;
  const ms = tsToMs(e.ts);
  return h(
    'div',
    {
      class: 'msg ephemeral',
      'data-testid': 'ephemeral',
      'data-container': 'message',
      'data-channel': e.channel,
      'data-ts': e.ts,
      'data-local': e.local,
    },
    h(
      'span',
      { class: e.local ? 'avatar av-slackbot' : 'avatar av-bot', 'aria-hidden': 'true' },
      author.charAt(0).toUpperCase(),
    ),
    h(
      'div',
      { class: 'msg-main' },
      h(
        'div',
        { class: 'msg-head' },
        h('span', { class: 'author' }, author),
        e.local ? null : h('span', { class: 'app-badge' }, 'APP'),
        h('span', { class: 'time', title: formatFull(ms, ctx.timeZone) }, formatClock(ms, ctx.timeZone)),
      ),
      h('div', { class: 'only-you' }, 'Only visible to you'),
      messageBody(e, ctx),
      h(
        'button',
        { type: 'button', class: 'link dismiss', 'data-dismiss': e.ts, 'data-testid': `dismiss-${e.ts}` },
        'Dismiss message',
      ),
    ),
  );
}

export type TimelineItem = { kind: 'message'; m: PageMessage } | { kind: 'ephemeral'; m: PageEphemeral };

export function renderItem(item: TimelineItem, ctx: RenderContext, opts: MessageOptions = {}): VElement {
  return item.kind === 'message' ? renderMessage(item.m, ctx, opts) : renderEphemeral(item.m, ctx);
}

// ---- page parts ---------------------------------------------------------------------------------

export type Place = { kind: 'channel'; id: string } | { kind: 'home' };

export function channelLabel(c: PageChannel, ctx: RenderContext): string {
  if (c.isIm) return c.imUser === ctx.me ? `${ctx.bot.name} (messages)` : userName(ctx, c.imUser ?? '');
  return c.name;
}

export function renderSidebar(
  s: PageState,
  ctx: RenderContext,
  v: { place: Place | null; unread: Record<string, number> },
): VNode[] {
  const item = (c: PageChannel) => {
    const active = v.place?.kind === 'channel' && v.place.id === c.id;
    const unread = v.unread[c.id] ?? 0;
    const empty = (s.messages[c.id] ?? []).length === 0;
    const cls = ['chan', active ? 'active' : '', unread > 0 ? 'unread' : '', empty ? 'empty' : '']
      .filter(Boolean)
      .join(' ');
    return h(
      'button',
      {
        type: 'button',
        class: cls,
        'data-channel-id': c.id,
        'data-testid': `channel-${c.id}`,
        'aria-current': active ? 'page' : undefined,
      },
      h(
        'span',
        { class: c.isPrivate && !c.isIm ? 'chan-sigil lock' : 'chan-sigil' },
        c.isIm ? '●' : c.isPrivate ? '' : '#',
      ),
      h('span', { class: 'chan-name' }, channelLabel(c, ctx)),
      unread > 0 ? h('span', { class: 'badge', 'data-testid': `unread-${c.id}` }, String(unread)) : null,
    );
  };
  const channels = s.channels.filter((c) => !c.isIm).sort((a, b) => a.name.localeCompare(b.name));
  const ims = s.channels.filter((c) => c.isIm && c.imUser === s.me);
  const homeActive = v.place?.kind === 'home';
  return frag(
    h('div', { class: 'side-section' }, 'Channels'),
    channels.map(item),
    h('div', { class: 'side-section' }, 'Apps'),
    h(
      'button',
      {
        type: 'button',
        class: homeActive ? 'chan active' : 'chan',
        'data-home': true,
        'data-testid': 'home-tab',
        'aria-current': homeActive ? 'page' : undefined,
      },
      h('span', { class: 'chan-sigil' }, '⌂'),
      h('span', { class: 'chan-name' }, `${s.bot.name} · Home`),
    ),
    ims.map(item),
  );
}

export function renderPaneHead(s: PageState, ctx: RenderContext, place: Place | null): VNode[] {
  if (!place) return [];
  if (place.kind === 'home')
    return [
      h('div', { class: 'pane-title' }, `${s.bot.name}`),
      h('div', { class: 'pane-tabs' }, h('span', { class: 'tab active' }, 'Home')),
    ];
  const c = s.channels.find((x) => x.id === place.id);
  if (!c) return [h('div', { class: 'pane-title' }, place.id)];
  return frag(
    h(
      'div',
      { class: 'pane-title' },
      c.isIm ? channelLabel(c, ctx) : `${c.isPrivate ? '🔒 ' : '# '}${c.name}`,
    ),
    c.topic || c.purpose ? h('div', { class: 'pane-topic' }, c.topic || c.purpose) : null,
    c.isIm ? null : h('div', { class: 'pane-members' }, `${c.memberCount} members`),
  );
}

export function renderEmptyChannel(c: PageChannel | undefined, ctx: RenderContext): VElement {
  const name = c ? (c.isIm ? channelLabel(c, ctx) : `#${c.name}`) : 'this channel';
  return h(
    'div',
    { class: 'empty-state' },
    h('strong', {}, `This is the very beginning of ${name}.`),
    h('div', {}, 'Type /wa help below to talk to Pillar.'),
  );
}

export function renderHome(v: PageView | null, ctx: RenderContext): VElement {
  if (!v)
    return h(
      'div',
      { class: 'home home-empty', 'data-testid': 'home' },
      h('div', { class: 'empty-state' }, 'Waiting for the app to publish its Home tab…'),
    );
  return h(
    'div',
    { class: 'home', 'data-testid': 'home', 'data-container': 'view', 'data-view-id': v.id },
    renderBlocks(v.blocks, ctx, { values: v.state }),
  );
}

export function renderThread(
  channel: PageChannel | undefined,
  items: TimelineItem[],
  ctx: RenderContext,
): VNode[] {
  return [
    h(
      'div',
      { class: 'thread-head' },
      h(
        'div',
        {},
        h('strong', {}, 'Thread'),
        channel ? h('span', { class: 'thread-where' }, ` #${channel.name}`) : null,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'icon-btn',
          'data-thread-close': true,
          'data-testid': 'thread-close',
          'aria-label': 'Close thread',
        },
        '×',
      ),
    ),
    h(
      'div',
      { class: 'thread-body' },
      items.length === 0 ? h('div', { class: 'empty-state' }, 'This message was deleted.') : null,
      items.map((item, i) => [
        renderItem(item, ctx, { inThread: true }),
        i === 0 && items.length > 1
          ? h(
              'div',
              { class: 'thread-divider' },
              `${items.length - 1} ${items.length === 2 ? 'reply' : 'replies'}`,
            )
          : null,
      ]),
    ),
  ];
}

export function renderModal(v: PageView, ctx: RenderContext, opts: { stacked?: number } = {}): VElement {
  const known = new Set(
    v.blocks
      .filter(isObj)
      .map((b) => str(b.block_id))
      .filter((x): x is string => x !== undefined),
  );
  const stray = Object.entries(v.errors ?? {}).filter(([blockId]) => !known.has(blockId));
  return h(
    'div',
    {
      class: 'modal',
      role: 'dialog',
      'aria-modal': 'true',
      'data-testid': 'modal',
      'data-container': 'view',
      'data-view-id': v.id,
      'data-callback-id': v.callbackId || undefined,
    },
    h(
      'div',
      { class: 'modal-head' },
      h('h2', { class: 'modal-title', 'data-testid': 'modal-title' }, plainOf(v.title) || 'App'),
      opts.stacked && opts.stacked > 1
        ? h('span', { class: 'modal-depth' }, `${opts.stacked} of ${opts.stacked}`)
        : null,
      h(
        'button',
        {
          type: 'button',
          class: 'icon-btn',
          'data-modal-close': true,
          'data-testid': 'modal-close-x',
          'aria-label': 'Close',
        },
        '×',
      ),
    ),
    h(
      'div',
      { class: 'modal-body' },
      stray.length > 0
        ? h('div', { class: 'b-error', role: 'alert' }, stray.map(([k, msg]) => `${k}: ${msg}`).join('\n'))
        : null,
      renderBlocks(v.blocks, ctx, { values: v.state, ...(v.errors ? { errors: v.errors } : {}) }),
    ),
    h(
      'div',
      { class: 'modal-foot' },
      h(
        'button',
        { type: 'button', class: 'btn', 'data-modal-close': true, 'data-testid': 'modal-close' },
        plainOf(v.close) || 'Cancel',
      ),
      v.submit !== undefined
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn-primary',
              'data-modal-submit': true,
              'data-testid': 'modal-submit',
            },
            plainOf(v.submit) || 'Submit',
          )
        : null,
    ),
  );
}

// ---- output -------------------------------------------------------------------------------------

const TAGS = new Set([
  'a',
  'blockquote',
  'br',
  'button',
  'code',
  'del',
  'div',
  'em',
  'fieldset',
  'figcaption',
  'figure',
  'h2',
  'h3',
  'hr',
  'img',
  'input',
  'label',
  'legend',
  'li',
  'ol',
  'optgroup',
  'option',
  'pre',
  'select',
  'small',
  'span',
  'strong',
  'textarea',
  'ul',
]);
const VOID = new Set(['br', 'hr', 'img', 'input']);
const ATTRS = new Set([
  'alt',
  'checked',
  'class',
  'disabled',
  'hidden',
  'href',
  'label',
  'loading',
  'maxlength',
  'minlength',
  'multiple',
  'name',
  'placeholder',
  'rel',
  'role',
  'rows',
  'selected',
  'src',
  'target',
  'title',
  'type',
  'value',
]);

/** Whether `toDom` and `toHtml` keep an attribute: known names, `data-*`, `aria-*`, safe links. */
export function attributeAllowed(name: string, value: string): boolean {
  if (name === 'href' || name === 'src') return safeLink(value) !== null;
  return ATTRS.has(name) || /^data-[a-z0-9-]+$/.test(name) || /^aria-[a-z]+$/.test(name);
}

export interface ElementLike {
  setAttribute(name: string, value: string): void;
  append(...nodes: never[]): void;
}
export interface DocumentLike<E extends ElementLike, T> {
  createElement(tag: string): E;
  createTextNode(text: string): T;
}

/** Builds real nodes: only allowed tags and attributes, and text only ever as text nodes. */
export function toDom<E extends ElementLike, T>(node: VNode, doc: DocumentLike<E, T>): E | T {
  if (typeof node === 'string') return doc.createTextNode(node);
  const el = doc.createElement(TAGS.has(node.tag) ? node.tag : 'span');
  for (const [k, v] of Object.entries(node.attrs)) if (attributeAllowed(k, v)) el.setAttribute(k, v);
  const kids = node.children.map((c) => toDom(c, doc));
  (el.append as (...n: (E | T)[]) => void)(...kids);
  return el;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The tree as HTML text, with the same allow-lists as `toDom` (for tests and snapshots). */
export function toHtml(node: VNode | VNode[]): string {
  if (Array.isArray(node)) return node.map(toHtml).join('');
  if (typeof node === 'string') return escapeHtml(node);
  const tag = TAGS.has(node.tag) ? node.tag : 'span';
  const attrs = Object.entries(node.attrs)
    .filter(([k, v]) => attributeAllowed(k, v))
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
  if (VOID.has(tag)) return `<${tag}${attrs}>`;
  return `<${tag}${attrs}>${node.children.map(toHtml).join('')}</${tag}>`;
}

/** The text a reader sees (line breaks as `\n`). */
export function textOf(node: VNode | VNode[]): string {
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return '\n';
  return node.children.map(textOf).join('');
}

/** Every element of a tree matching a predicate (tests look things up by `data-testid`). */
export function findAll(node: VNode | VNode[], pred: (e: VElement) => boolean): VElement[] {
  const out: VElement[] = [];
  const walk = (n: VNode) => {
    if (typeof n === 'string') return;
    if (pred(n)) out.push(n);
    for (const c of n.children) walk(c);
  };
  for (const n of Array.isArray(node) ? node : [node]) walk(n);
  return out;
}

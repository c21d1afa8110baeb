/**
 * The stand-in page in the browser: follows the workspace over Server-Sent Events, draws it with
 * the shared renderer (render.js, which builds nodes through an allow-list, never from HTML
 * strings), and sends what the person does to the page API, which hands it to the stand-in's
 * sender so the app gets it signed as from Slack. Plain JS on purpose: the parts worth testing
 * (mrkdwn, Block Kit, the model) are TypeScript modules that vitest imports directly.
 */
import {
  applyChange,
  defaultChannel,
  itemKey,
  itemVersion,
  latestTs,
  thread,
  timeline,
  unreadCount,
} from './model.js';
import {
  h,
  makeContext,
  refreshedText,
  renderEmptyChannel,
  renderHome,
  renderItem,
  renderModal,
  renderPaneHead,
  renderSidebar,
  renderThread,
  toDom,
} from './render.js';

const USER_KEY = 'pillar-sim:user';
const readKey = (user) => `pillar-sim:read:${user}`;

/** @param {string} sel */
const q = (sel) => /** @type {HTMLElement} */ (document.querySelector(sel));

const ui = {
  picker: /** @type {HTMLSelectElement} */ (q('[data-testid="user-picker"]')),
  sidebar: q('[data-testid="sidebar"]'),
  paneHead: q('[data-testid="pane-head"]'),
  main: q('[data-testid="timeline"]'),
  composerForm: /** @type {HTMLFormElement} */ (q('[data-testid="composer-form"]')),
  composer: /** @type {HTMLTextAreaElement} */ (q('[data-testid="composer"]')),
  thread: q('[data-testid="thread"]'),
  threadContent: q('.thread-content'),
  threadForm: /** @type {HTMLFormElement} */ (q('.thread-composer-bar')),
  threadComposer: /** @type {HTMLTextAreaElement} */ (q('[data-testid="thread-composer"]')),
  modalLayer: q('[data-testid="modal-layer"]'),
  confirmLayer: q('.confirm-layer'),
  toasts: q('[data-testid="toasts"]'),
  connection: q('[data-testid="connection"]'),
};

const session = {
  me: '',
  /** @type {any} */ state: null,
  loading: false,
  /** @type {any[]} changes that arrived while the state was loading */ pending: [],
  /** @type {{kind: 'channel', id: string} | {kind: 'home'} | null} */ place: null,
  /** @type {{channel: string, ts: string} | null} */ openThread: null,
  /** @type {EventSource | null} */ source: null,
  /** Notices made up here ("/foo is not a valid command"), shown like ephemeral messages. */
  /** @type {any[]} */ local: [],
  /** @type {Set<string>} */ dismissed: new Set(),
  /** @type {Record<string, string>} */ lastRead: {},
  clock: { server: Date.now(), wall: Date.now() },
  /** Whether the timeline follows new messages: true until the person scrolls up, as in Slack. */
  stuck: true,
  dirty: { sidebar: false, main: false, thread: false, modal: false, home: false },
  flushTimer: 0,
};

// ---- helpers ------------------------------------------------------------------------------------

/** @param {any} vnode */
const dom = (vnode) => /** @type {Node} */ (toDom(vnode, document));

function serverNow() {
  return session.clock.server + (Date.now() - session.clock.wall);
}

/** @param {number} now */
function setClock(now) {
  if (typeof now === 'number' && Number.isFinite(now)) session.clock = { server: now, wall: Date.now() };
}

function context() {
  return makeContext(session.state, serverNow());
}

/** @param {string} text */
function toast(text) {
  const el = dom(h('div', { class: 'toast', 'data-testid': 'toast', role: 'status' }, text));
  ui.toasts.append(el);
  setTimeout(() => /** @type {HTMLElement} */ (el).remove(), 6000);
}

/**
 * @param {string} path
 * @param {Record<string, unknown>} body
 */
async function post(path, body) {
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const data = await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }));
    return /** @type {any} */ (data);
  } catch (e) {
    return { ok: false, error: 'network', message: String(e) };
  }
}

/** @param {any} r */
function failureText(r) {
  const d = r.delivery;
  if (d?.error) return `The app did not answer: ${d.error}`;
  if (d?.status && (d.status < 200 || d.status >= 300)) return `The app answered HTTP ${d.status}`;
  return r.message ?? r.error ?? 'Something went wrong';
}

function saveRead() {
  try {
    localStorage.setItem(readKey(session.me), JSON.stringify(session.lastRead));
  } catch {
    // private mode: unread markers just do not survive a reload
  }
}

/** @param {string} user */
function loadRead(user) {
  try {
    return JSON.parse(localStorage.getItem(readKey(user)) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

/** @param {HTMLElement} el */
function nearBottom(el) {
  return el.scrollHeight - el.scrollTop - el.clientHeight < 80;
}

// ---- connection and state -----------------------------------------------------------------------

/** @param {string} user */
function start(user) {
  session.me = user;
  ui.picker.value = user;
  try {
    localStorage.setItem(USER_KEY, user);
  } catch {
    // the choice lasts until reload
  }
  const url = new URL(location.href);
  if (url.searchParams.has('user')) {
    url.searchParams.set('user', user);
    history.replaceState(null, '', url);
  }
  session.state = null;
  session.pending = [];
  session.local = [];
  session.dismissed = new Set();
  session.lastRead = loadRead(user);
  session.source?.close();
  const source = new EventSource(`/page/events?user=${encodeURIComponent(user)}`);
  session.source = source;
  source.addEventListener('hello', () => {
    ui.connection.hidden = true;
    void loadState(user);
  });
  source.addEventListener('clock', (e) => setClock(JSON.parse(/** @type {MessageEvent} */ (e).data).now));
  source.onmessage = (e) => receive(JSON.parse(e.data));
  source.onerror = () => {
    ui.connection.hidden = false;
  };
}

/** @param {string} user */
async function loadState(user) {
  session.loading = true;
  try {
    const res = await fetch(`/page/api/state?user=${encodeURIComponent(user)}`);
    const s = await res.json();
    if (user !== session.me) return;
    if (!res.ok) {
      toast(s.message ?? s.error ?? 'Could not load the workspace');
      return;
    }
    for (const c of session.pending) applyChange(s, c);
    session.pending = [];
    session.state = s;
    setClock(s.now);
    if (
      !session.place ||
      (session.place.kind === 'channel' && !s.channels.some((c) => c.id === session.place?.id))
    )
      session.place = placeFromHash(s);
    renderAll();
    if (session.place?.kind === 'home') void openHome();
  } catch (e) {
    toast(`Could not load the workspace: ${String(e)}`);
  } finally {
    session.loading = false;
  }
}

/** @param {any} change */
function receive(change) {
  if (session.loading || !session.state) {
    session.pending.push(change);
    return;
  }
  setClock(change.at);
  const affected = applyChange(session.state, change);
  const place = session.place;
  if (affected.sidebar || affected.channel) session.dirty.sidebar = true;
  if (affected.channel && place?.kind === 'channel' && place.id === affected.channel)
    session.dirty.main = true;
  if (
    session.openThread &&
    affected.channel === session.openThread.channel &&
    (affected.thread === session.openThread.ts || change.ts === session.openThread.ts)
  )
    session.dirty.thread = true;
  if (affected.modal) session.dirty.modal = true;
  if (affected.home && place?.kind === 'home') session.dirty.home = true;
  if (!session.flushTimer) session.flushTimer = window.setTimeout(flush, 0);
}

function flush() {
  session.flushTimer = 0;
  const d = session.dirty;
  session.dirty = { sidebar: false, main: false, thread: false, modal: false, home: false };
  if (d.main || d.home) renderMain();
  if (d.sidebar) renderSidebarNow();
  if (d.thread) renderThreadPanel();
  if (d.modal) renderModalLayer();
}

// ---- places -------------------------------------------------------------------------------------

/** @param {any} s */
function placeFromHash(s) {
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted === 'home') return { kind: 'home' };
  const id = defaultChannel(s, wanted || undefined);
  return id ? { kind: 'channel', id } : { kind: 'home' };
}

/** @param {{kind: 'channel', id: string} | {kind: 'home'}} place */
function go(place) {
  const same =
    session.place?.kind === place.kind &&
    (place.kind === 'home' || (session.place?.kind === 'channel' && session.place.id === place.id));
  session.place = place;
  history.replaceState(null, '', `#${place.kind === 'home' ? 'home' : place.id}`);
  if (!same && session.openThread && (place.kind === 'home' || place.id !== session.openThread.channel))
    closeThread();
  renderAll();
  if (place.kind === 'home') void openHome();
  else ui.composer.focus();
}

async function openHome() {
  const r = await post('/page/api/home', { user: session.me });
  if (!r.ok) toast(failureText(r));
}

// ---- drawing ------------------------------------------------------------------------------------

function renderAll() {
  if (!session.state) return;
  renderSidebarNow();
  renderMain();
  renderThreadPanel();
  renderModalLayer();
}

function renderSidebarNow() {
  const s = session.state;
  /** @type {Record<string, number>} */
  const unread = {};
  for (const c of s.channels) {
    const current = session.place?.kind === 'channel' && session.place.id === c.id;
    unread[c.id] = current ? 0 : unreadCount(s, c.id, session.lastRead[c.id]);
  }
  ui.sidebar.replaceChildren(...renderSidebar(s, context(), { place: session.place, unread }).map(dom));
}

function renderMain() {
  const s = session.state;
  const place = session.place;
  const ctx = context();
  ui.paneHead.replaceChildren(...renderPaneHead(s, ctx, place).map(dom));
  ui.composerForm.hidden = place?.kind !== 'channel';
  if (!place) return;
  if (place.kind === 'home') {
    const version = s.home ? `home:${s.home.id}:${s.home.hash}:${s.home.rev ?? ''}` : 'home:none';
    ui.main.classList.add('is-home');
    if (ui.main.dataset.version === version) return;
    ui.main.replaceChildren(dom(renderHome(s.home, ctx)));
    ui.main.dataset.version = version;
    ui.main.dataset.channel = '';
    return;
  }
  ui.main.classList.remove('is-home');
  const channel = s.channels.find((c) => c.id === place.id);
  ui.composer.placeholder = channel
    ? `Message ${channel.isIm ? ctx.bot.name : `#${channel.name}`} — try /wa help`
    : 'Message';
  if (ui.main.dataset.channel !== place.id) {
    ui.main.replaceChildren();
    ui.main.dataset.channel = place.id;
    ui.main.dataset.version = '';
    session.stuck = true;
  }
  const items = timeline(s, place.id, session.local).filter(
    (i) => !(i.kind === 'ephemeral' && session.dismissed.has(i.m.ts)),
  );
  if (items.length === 0) {
    ui.main.replaceChildren(dom(renderEmptyChannel(channel, ctx)));
  } else {
    reconcile(ui.main, items, ctx);
  }
  if (session.stuck) scrollToEnd();
  const latest = latestTs(s, place.id);
  if (latest && session.lastRead[place.id] !== latest) {
    session.lastRead[place.id] = latest;
    saveRead();
  }
}

/**
 * Puts the items' nodes in order, reusing the node of every item that did not change (a select
 * someone is using, the scroll position and the text of other messages stay as they are).
 * @param {HTMLElement} list
 * @param {any[]} items
 * @param {any} ctx
 */
function reconcile(list, items, ctx) {
  /** @type {Map<string, HTMLElement>} */
  const existing = new Map();
  for (const el of Array.from(list.children)) {
    const key = /** @type {HTMLElement} */ (el).dataset.key;
    if (key) existing.set(key, /** @type {HTMLElement} */ (el));
    else el.remove();
  }
  /** @type {ChildNode | null} */
  let cursor = list.firstChild;
  const keep = new Set();
  for (const item of items) {
    const key = itemKey(item);
    const version = itemVersion(item);
    let el = existing.get(key);
    if (!el || el.dataset.version !== version) {
      const fresh = /** @type {HTMLElement} */ (dom(renderItem(item, ctx)));
      fresh.dataset.key = key;
      fresh.dataset.version = version;
      if (el) {
        if (cursor === el) cursor = fresh;
        el.replaceWith(fresh);
      }
      el = fresh;
    }
    keep.add(key);
    if (cursor !== el) list.insertBefore(el, cursor);
    else cursor = cursor.nextSibling;
  }
  for (const [key, el] of existing) if (!keep.has(key)) el.remove();
}

function scrollToEnd() {
  ui.main.scrollTop = ui.main.scrollHeight;
  // Images and fonts can still grow the list after this frame.
  requestAnimationFrame(() => {
    if (session.stuck) ui.main.scrollTop = ui.main.scrollHeight;
  });
}

ui.main.addEventListener('scroll', () => {
  session.stuck = nearBottom(ui.main);
});

/** @param {string} channel @param {string} ts */
function openThread(channel, ts) {
  session.openThread = { channel, ts };
  ui.thread.hidden = false;
  renderThreadPanel();
  ui.threadComposer.focus();
}

function closeThread() {
  session.openThread = null;
  ui.thread.hidden = true;
  ui.threadContent.replaceChildren();
}

function renderThreadPanel() {
  const t = session.openThread;
  if (!t || !session.state) return;
  const s = session.state;
  const items = thread(s, t.channel, t.ts).filter(
    (i) => !(i.kind === 'ephemeral' && session.dismissed.has(i.m.ts)),
  );
  const channel = s.channels.find((c) => c.id === t.channel);
  const body = ui.threadContent.querySelector('.thread-body');
  const stick = !body || nearBottom(/** @type {HTMLElement} */ (body));
  ui.threadContent.replaceChildren(...renderThread(channel, items, context()).map(dom));
  const fresh = /** @type {HTMLElement | null} */ (ui.threadContent.querySelector('.thread-body'));
  if (fresh && stick) fresh.scrollTop = fresh.scrollHeight;
}

// ---- modals -------------------------------------------------------------------------------------

/**
 * What the person entered in a view's inputs, by block_id then action_id.
 * @param {Element} root
 */
function collectValues(root) {
  /** @type {Record<string, Record<string, unknown>>} */
  const values = {};
  for (const el of Array.from(root.querySelectorAll('[data-input-block] [data-action-id]'))) {
    const e = /** @type {HTMLElement} */ (el);
    const blockId = e.dataset.blockId ?? '';
    const actionId = e.dataset.actionId ?? '';
    values[blockId] ??= {};
    values[blockId][actionId] = readValue(e);
  }
  return values;
}

/** @param {HTMLElement} el */
function readValue(el) {
  const type = el.dataset.type;
  if (el instanceof HTMLSelectElement) {
    if (el.multiple) return Array.from(el.selectedOptions).map((o) => o.value);
    return el.value === '' ? null : el.value;
  }
  if (type === 'radio_buttons') {
    const checked = /** @type {HTMLInputElement | null} */ (el.querySelector('input:checked'));
    return checked ? checked.value : null;
  }
  if (type === 'checkboxes')
    return Array.from(el.querySelectorAll('input:checked')).map(
      (i) => /** @type {HTMLInputElement} */ (i).value,
    );
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    if (type === 'datepicker' || type === 'timepicker') return el.value === '' ? null : el.value;
    return el.value;
  }
  return null;
}

/** @param {HTMLElement} el @param {unknown} value */
function writeValue(el, value) {
  if (el instanceof HTMLSelectElement) {
    const chosen = new Set(Array.isArray(value) ? value : value === null ? [] : [String(value)]);
    for (const o of Array.from(el.options)) o.selected = chosen.has(o.value);
    if (!el.multiple && value === null) el.value = '';
    return;
  }
  if (el.dataset.type === 'radio_buttons' || el.dataset.type === 'checkboxes') {
    const chosen = new Set(Array.isArray(value) ? value : value === null ? [] : [String(value)]);
    /** @type {HTMLInputElement} */ for (const i of Array.from(el.querySelectorAll('input')))
      i.checked = chosen.has(/** @type {HTMLInputElement} */ (i).value);
    return;
  }
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)
    el.value = value === null || value === undefined ? '' : String(value);
}

/** @param {Record<string, string>} [extraErrors] */
function renderModalLayer(extraErrors) {
  const s = session.state;
  const top = s?.modals.at(-1);
  if (!top) {
    ui.modalLayer.hidden = true;
    ui.modalLayer.replaceChildren();
    ui.modalLayer.dataset.version = '';
    ui.modalLayer.dataset.viewId = '';
    return;
  }
  const errors = { ...(top.errors ?? {}), ...(extraErrors ?? {}) };
  const version = `${top.id}:${top.hash}:${JSON.stringify(errors)}:${s.modals.length}`;
  if (ui.modalLayer.dataset.version === version) return;
  const sameView = ui.modalLayer.dataset.viewId === top.id;
  const typed = sameView ? collectValues(ui.modalLayer) : null;
  const view = Object.keys(errors).length > 0 ? { ...top, errors } : top;
  ui.modalLayer.replaceChildren(
    dom(h('div', { class: 'modal-backdrop' }, renderModal(view, context(), { stacked: s.modals.length }))),
  );
  if (typed) {
    for (const el of Array.from(ui.modalLayer.querySelectorAll('[data-input-block] [data-action-id]'))) {
      const e = /** @type {HTMLElement} */ (el);
      const v = typed[e.dataset.blockId ?? '']?.[e.dataset.actionId ?? ''];
      if (v !== undefined) writeValue(e, v);
    }
  }
  ui.modalLayer.hidden = false;
  ui.modalLayer.dataset.version = version;
  ui.modalLayer.dataset.viewId = top.id;
  if (!sameView) {
    const first = /** @type {HTMLElement | null} */ (
      ui.modalLayer.querySelector(
        '[data-input-block] input, [data-input-block] textarea, [data-input-block] select',
      )
    );
    first?.focus();
  }
}

async function submitModal() {
  const modal = /** @type {HTMLElement | null} */ (ui.modalLayer.querySelector('[data-testid="modal"]'));
  if (!modal) return;
  const button = /** @type {HTMLButtonElement | null} */ (modal.querySelector('[data-modal-submit]'));
  if (button) button.disabled = true;
  try {
    const r = await post('/page/api/submit', {
      user: session.me,
      viewId: modal.dataset.viewId,
      values: collectValues(modal),
    });
    // Slack's client refuses an empty required field itself; the app never hears of it.
    if (r.delivery?.clientErrors) {
      ui.modalLayer.dataset.version = '';
      renderModalLayer(r.delivery.clientErrors);
    } else if (!r.ok) toast(failureText(r));
  } finally {
    if (button?.isConnected) button.disabled = false;
  }
}

async function closeModal() {
  const modal = /** @type {HTMLElement | null} */ (ui.modalLayer.querySelector('[data-testid="modal"]'));
  if (!modal) return;
  const r = await post('/page/api/close', { user: session.me, viewId: modal.dataset.viewId });
  if (!r.ok) toast(failureText(r));
}

/**
 * Slack's confirmation dialog for elements with `confirm`.
 * @param {{title: string, text: string, confirm: string, deny: string}} spec
 * @returns {Promise<boolean>}
 */
function confirmDialog(spec) {
  return new Promise((resolve) => {
    const done = (/** @type {boolean} */ answer) => {
      ui.confirmLayer.hidden = true;
      ui.confirmLayer.replaceChildren();
      resolve(answer);
    };
    const box = dom(
      h(
        'div',
        { class: 'modal-backdrop' },
        h(
          'div',
          { class: 'modal confirm', role: 'alertdialog', 'data-testid': 'confirm' },
          h('div', { class: 'modal-head' }, h('h2', { class: 'modal-title' }, spec.title)),
          h('div', { class: 'modal-body' }, spec.text),
          h(
            'div',
            { class: 'modal-foot' },
            h('button', { type: 'button', class: 'btn', 'data-testid': 'confirm-cancel' }, spec.deny),
            h(
              'button',
              { type: 'button', class: 'btn btn-primary', 'data-testid': 'confirm-ok' },
              spec.confirm,
            ),
          ),
        ),
      ),
    );
    ui.confirmLayer.replaceChildren(box);
    ui.confirmLayer.hidden = false;
    const ok = /** @type {HTMLElement} */ (ui.confirmLayer.querySelector('[data-testid="confirm-ok"]'));
    const cancel = /** @type {HTMLElement} */ (
      ui.confirmLayer.querySelector('[data-testid="confirm-cancel"]')
    );
    ok.addEventListener('click', () => done(true));
    cancel.addEventListener('click', () => done(false));
    ok.focus();
  });
}

// ---- interactions -------------------------------------------------------------------------------

/**
 * Sends a block action for an element of a message, an ephemeral message, a modal or the Home tab.
 * @param {HTMLElement} el the element carrying data-action-id
 * @param {unknown} [value]
 */
async function sendAction(el, value) {
  const container = /** @type {HTMLElement | null} */ (el.closest('[data-container]'));
  if (!container || container.dataset.local !== undefined) return;
  /** @type {Record<string, unknown>} */
  const body = { user: session.me, actionId: el.dataset.actionId, blockId: el.dataset.blockId || undefined };
  if (value !== undefined) body.value = value;
  if (container.dataset.container === 'view') body.viewId = container.dataset.viewId;
  else {
    body.channel = container.dataset.channel;
    body.ts = container.dataset.ts;
  }
  el.classList.add('busy');
  try {
    const r = await post('/page/api/action', body);
    if (!r.ok) toast(failureText(r));
  } finally {
    el.classList.remove('busy');
  }
}

/** @param {HTMLElement} el */
async function confirmed(el) {
  const spec = el.dataset.confirm;
  if (!spec) return true;
  try {
    return await confirmDialog(JSON.parse(spec));
  } catch {
    return true;
  }
}

function closeMenus(/** @type {Element | null} */ except = null) {
  for (const m of Array.from(document.querySelectorAll('.overflow-menu:not([hidden])')))
    if (m !== except) /** @type {HTMLElement} */ (m).hidden = true;
}

/** @param {string} channel @param {string} text */
function localNotice(channel, text) {
  const now = serverNow();
  const sec = Math.floor(now / 1000);
  const micros = String((now % 1000) * 1000 + 999).padStart(6, '0');
  session.local.push({ channel, ts: `${sec}.${micros}`, user: session.me, text, local: true });
  session.dirty.main = true;
  flush();
}

/**
 * @param {HTMLTextAreaElement} box
 * @param {string | undefined} threadTs
 */
async function submitComposer(box, threadTs) {
  const text = box.value.trim();
  const place = session.place;
  if (text === '' || !session.state) return;
  const channel = threadTs ? session.openThread?.channel : place?.kind === 'channel' ? place.id : undefined;
  if (!channel) return;
  box.value = '';
  // What the person sends (and the answer to it) comes into view, as in Slack.
  if (!threadTs) {
    session.stuck = true;
    scrollToEnd();
  }
  const command = /^(\/\S+)(?:\s+([\s\S]*))?$/.exec(text);
  if (command) {
    const name = command[1] ?? '';
    if (name !== '/wa') {
      localNotice(
        channel,
        `${name} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
      );
      return;
    }
    const r = await post('/page/api/command', {
      user: session.me,
      channel,
      command: name,
      text: command[2] ?? '',
    });
    if (!r.ok) localNotice(channel, `${name} failed with the error "${r.error ?? 'unknown'}"`);
    return;
  }
  const r = await post('/page/api/message', {
    user: session.me,
    channel,
    text,
    ...(threadTs ? { threadTs } : {}),
  });
  if (!r.ok) {
    box.value = text;
    toast(failureText(r));
  }
}

document.addEventListener('click', async (event) => {
  const target = /** @type {HTMLElement} */ (event.target);
  if (!(target instanceof Element)) return;

  const toggle = target.closest('[data-overflow-toggle]');
  if (toggle) {
    const menu = /** @type {HTMLElement | null} */ (
      toggle.parentElement?.querySelector('.overflow-menu') ?? null
    );
    closeMenus(menu);
    if (menu) menu.hidden = !menu.hidden;
    return;
  }
  const option = /** @type {HTMLElement | null} */ (target.closest('[data-overflow-option]'));
  if (option) {
    closeMenus();
    const owner = /** @type {HTMLElement | null} */ (option.closest('[data-action-id]'));
    if (option.dataset.url) window.open(option.dataset.url, '_blank', 'noopener,noreferrer');
    if (owner && (await confirmed(owner))) await sendAction(owner, option.dataset.value ?? null);
    return;
  }
  closeMenus();

  const button = /** @type {HTMLElement | null} */ (target.closest('[data-type="button"][data-action-id]'));
  if (button) {
    const isLink = button.tagName === 'A';
    if (button.dataset.confirm) {
      event.preventDefault();
      if (!(await confirmed(button))) return;
      if (isLink)
        window.open(/** @type {HTMLAnchorElement} */ (button).href, '_blank', 'noopener,noreferrer');
    }
    // A link button's page opens by the link itself; the action is sent all the same, as Slack does.
    await sendAction(button);
    return;
  }
  const channelItem = /** @type {HTMLElement | null} */ (target.closest('[data-channel-id]'));
  if (channelItem?.dataset.channelId) return go({ kind: 'channel', id: channelItem.dataset.channelId });
  if (target.closest('[data-home]')) return go({ kind: 'home' });
  const ref = /** @type {HTMLElement | null} */ (target.closest('[data-goto-channel]'));
  if (ref?.dataset.gotoChannel) {
    if (session.state?.channels.some((/** @type {any} */ c) => c.id === ref.dataset.gotoChannel))
      go({ kind: 'channel', id: ref.dataset.gotoChannel });
    else toast('That channel is not visible to you.');
    return;
  }
  const threadLink = /** @type {HTMLElement | null} */ (target.closest('[data-open-thread]'));
  if (threadLink?.dataset.openThread && threadLink.dataset.channel)
    return openThread(threadLink.dataset.channel, threadLink.dataset.openThread);
  if (target.closest('[data-thread-close]')) return closeThread();
  const dismiss = /** @type {HTMLElement | null} */ (target.closest('[data-dismiss]'));
  if (dismiss?.dataset.dismiss) {
    session.dismissed.add(dismiss.dataset.dismiss);
    renderMain();
    renderThreadPanel();
    return;
  }
  if (target.closest('[data-modal-submit]')) return void (await submitModal());
  if (target.closest('[data-modal-close]')) return void (await closeModal());
});

document.addEventListener('change', (event) => {
  const target = /** @type {HTMLElement} */ (event.target);
  if (!(target instanceof Element)) return;
  const el = /** @type {HTMLElement | null} */ (target.closest('[data-action-id]'));
  if (!el || el.dataset.dispatch === undefined || el.dataset.type === 'button') return;
  void (async () => {
    if (await confirmed(el)) await sendAction(el, readValue(el));
  })();
});

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  if (document.querySelector('.overflow-menu:not([hidden])')) return closeMenus();
  if (!ui.confirmLayer.hidden) return;
  if (!ui.modalLayer.hidden) void closeModal();
});

/** Enter sends, Shift+Enter starts a new line (as in Slack). */
function composerKeys(
  /** @type {HTMLTextAreaElement} */ box,
  /** @type {() => string | undefined} */ threadTs,
) {
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void submitComposer(box, threadTs());
    }
  });
}
composerKeys(ui.composer, () => undefined);
composerKeys(ui.threadComposer, () => session.openThread?.ts);
ui.composerForm.addEventListener('submit', (e) => {
  e.preventDefault();
  void submitComposer(ui.composer, undefined);
});
ui.threadForm.addEventListener('submit', (e) => {
  e.preventDefault();
  void submitComposer(ui.threadComposer, session.openThread?.ts);
});

ui.picker.addEventListener('change', () => {
  closeThread();
  ui.modalLayer.dataset.version = '';
  start(ui.picker.value);
});

window.addEventListener('hashchange', () => {
  if (session.state) go(placeFromHash(session.state));
});

// Keeps "Last reply 3 minutes ago" and `{ago}` dates right as the clock moves, in place.
setInterval(() => {
  if (!session.state) return;
  const ctx = context();
  for (const el of Array.from(document.querySelectorAll('[data-date-ts], [data-latest-reply]'))) {
    const text = refreshedText(/** @type {HTMLElement} */ (el).dataset, ctx);
    if (text !== null && el.textContent !== text) el.textContent = text;
  }
}, 15_000);

const fromUrl = new URL(location.href).searchParams.get('user');
let saved = null;
try {
  saved = localStorage.getItem(USER_KEY);
} catch {
  // no storage: the first user
}
const known = (/** @type {string | null} */ id) =>
  id !== null && Array.from(ui.picker.options).some((o) => o.value === id);
start(
  known(fromUrl)
    ? /** @type {string} */ (fromUrl)
    : known(saved)
      ? /** @type {string} */ (saved)
      : ui.picker.value,
);

import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { applyChange, thread, timeline, unreadCount } from '../../../../sim/slack/page/model.js';
import {
  compareTs,
  decodeEntities,
  formatAgo,
  formatSlackDate,
  type MdNode,
  parseMrkdwn,
} from '../../../../sim/slack/page/mrkdwn.js';
import {
  findAll,
  h,
  makeContext,
  type RenderContext,
  refreshedText,
  renderBlock,
  renderBlocks,
  renderEphemeral,
  renderMessage,
  renderModal,
  renderSidebar,
  textOf,
  toDom,
  toHtml,
  type VElement,
  type VNode,
} from '../../../../sim/slack/page/render.js';
import type { PageChange, PageMessage, PageState, PageView } from '../../../../sim/slack/page/types.js';
import {
  actionResultMessage,
  helpMessage,
  incidentListMessage,
  statusMessage,
  usageMessage,
} from '../../../../src/slack/blocks/commands.js';
import { digestMessage } from '../../../../src/slack/blocks/digest.js';
import { homeView } from '../../../../src/slack/blocks/home.js';
import {
  actionNote,
  incidentMessage,
  occurrenceNote,
  regressionNote,
  reminderNote,
} from '../../../../src/slack/blocks/incident.js';
import { muteModal } from '../../../../src/slack/blocks/modals.js';
import {
  DAY,
  HOSTILE,
  HOUR,
  MINUTE,
  makeAction,
  makeGroup,
  makeIncident,
  makeSample,
  makeTarget,
  T0,
} from '../../../slack/blocks/fixtures.js';

const ALICE = 'U0SIMALICE';
const BOB = 'U0SIMBOB01';
const BOT = 'U0PILLARBOT';

function state(over: Partial<PageState> = {}): PageState {
  return {
    seq: 0,
    now: T0,
    team: { id: 'T0SIMTEAM1', name: 'Pillar Sim', domain: 'pillar-sim' },
    bot: { userId: BOT, name: 'pillar' },
    me: ALICE,
    users: [
      { id: ALICE, name: 'alice', realName: 'Alice Archer', tz: 'Europe/London', isBot: false },
      { id: BOB, name: 'bob', realName: 'Bob Baker', tz: 'America/New_York', isBot: false },
      { id: 'U0SIMCAROL', name: 'carol', realName: 'Carol Chen', tz: 'Asia/Tokyo', isBot: false },
    ],
    userGroups: [{ id: 'S0ONCALL01', handle: 'oncall' }],
    channels: [
      {
        id: 'C0ALERTS01',
        name: 'alerts',
        isPrivate: false,
        isIm: false,
        isArchived: false,
        topic: '',
        purpose: '',
        memberCount: 3,
      },
      {
        id: 'C0OPS00001',
        name: 'ops',
        isPrivate: false,
        isIm: false,
        isArchived: false,
        topic: '',
        purpose: '',
        memberCount: 3,
      },
    ],
    messages: { C0ALERTS01: [], C0OPS00001: [] },
    ephemerals: [],
    home: null,
    modals: [],
    ...over,
  };
}

const ctx: RenderContext = { ...makeContext(state()), timeZone: 'UTC' };

const md = (text: string) => toHtml(renderBlock({ type: 'section', text: { type: 'mrkdwn', text } }, ctx));
const mdText = (text: string) =>
  textOf(renderBlock({ type: 'section', text: { type: 'mrkdwn', text } }, ctx));
const byTestId = (node: VNode | VNode[], id: string) => findAll(node, (e) => e.attrs['data-testid'] === id);
const unsupported = (node: VNode | VNode[]) => byTestId(node, 'unsupported');

// ---- mrkdwn -------------------------------------------------------------------------------------

describe('mrkdwn', () => {
  it('renders bold, italics, strike, inline code, code blocks and quotes', () => {
    expect(parseMrkdwn('*bold* _it_ ~gone~ `x`')).toEqual<MdNode[]>([
      { t: 'b', c: [{ t: 'text', s: 'bold' }] },
      { t: 'text', s: ' ' },
      { t: 'i', c: [{ t: 'text', s: 'it' }] },
      { t: 'text', s: ' ' },
      { t: 's', c: [{ t: 'text', s: 'gone' }] },
      { t: 'text', s: ' ' },
      { t: 'code', c: [{ t: 'text', s: 'x' }] },
    ]);
    expect(md('*a _b_ c*')).toBe(
      '<div class="b-section"><div class="b-section-main"><div class="b-text"><strong>a <em>b</em> c</strong></div></div></div>',
    );
    const pre = parseMrkdwn('before\n```\nline *1*\nline 2\n```\nafter');
    expect(pre).toEqual<MdNode[]>([
      { t: 'text', s: 'before' },
      { t: 'pre', c: [{ t: 'text', s: 'line *1*' }, { t: 'br' }, { t: 'text', s: 'line 2' }] },
      { t: 'text', s: 'after' },
    ]);
    expect(parseMrkdwn('> quoted\nplain')).toEqual<MdNode[]>([
      { t: 'quote', c: [{ t: 'text', s: 'quoted' }] },
      { t: 'text', s: 'plain' },
    ]);
  });

  it('leaves markers inside words and unclosed ones alone', () => {
    expect(mdText('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(md('snake_case_name')).not.toContain('<em>');
    expect(md('* not bold *')).not.toContain('<strong>');
    expect(md('*open only')).not.toContain('<strong>');
    expect(md('`code with *stars*`')).toContain('<code class="md-code">code with *stars*</code>');
  });

  it('decodes &amp; &lt; &gt; exactly once and shows them as text, never as markup', () => {
    expect(decodeEntities('&amp;lt; &lt;b&gt; &amp;')).toBe('&lt; <b> &');
    expect(mdText('&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;')).toBe('<script>alert(1)</script> &lt;');
    const html = md('&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;');
    expect(html).not.toContain('<script');
    // A raw `<script>` is a (broken) link in Slack: shown as its text, with no link to follow.
    const raw = md('<script>');
    expect(raw).not.toContain('<script');
    expect(raw).not.toContain('href');
  });

  it('shows mentions by name, channels, broadcasts and user groups', () => {
    expect(mdText(`<@${ALICE}> <@${BOB}|bobby> <@U0NOBODY|ghost> <@${BOT}>`)).toBe(
      '@Alice Archer @Bob Baker @ghost @pillar',
    );
    const mention = findAll(
      renderBlock({ type: 'section', text: { type: 'mrkdwn', text: `<@${ALICE}>` } }, ctx),
      (e) => (e.attrs.class ?? '').includes('mention'),
    );
    expect(mention[0]?.attrs.class).toContain('mention-me');
    expect(mdText('<#C0ALERTS01> <#C0UNKNOWN|elsewhere> <!here> <!channel> <!subteam^S0ONCALL01>')).toBe(
      '#alerts #elsewhere @here @channel @oncall',
    );
    expect(md('<#C0ALERTS01>')).toContain('data-goto-channel="C0ALERTS01"');
  });

  it('links web and mail addresses, and never a javascript: one', () => {
    expect(md('<https://example.com/a?b=1&amp;c=2|the docs>')).toContain(
      '<a class="md-link" href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>',
    );
    expect(md('<mailto:ops@example.com>')).toContain('href="mailto:ops@example.com"');
    const evil = md('<javascript:alert(1)|click me>');
    expect(evil).not.toContain('href');
    expect(evil).toContain('click me');
  });

  it('formats date tokens in the reader zone, with the fallback when the time is not a number', () => {
    const at = Date.parse('2026-11-28T09:05:07Z') / 1000;
    const opts = { now: T0, timeZone: 'UTC' };
    expect(formatSlackDate(at, '{date_num} {date} {date_short} {date_long}', opts)).toBe(
      '2026-11-28 November 28th, 2026 Nov 28, 2026 Saturday, November 28th, 2026',
    );
    expect(formatSlackDate(at, '{date_short_pretty} at {time} ({ago})', opts)).toBe(
      'today at 9:05 AM (3 hours ago)',
    );
    expect(formatSlackDate(at - 86_400, '{date_pretty}', opts)).toBe('yesterday');
    expect(formatSlackDate(at + 86_400, '{date_long_pretty}', opts)).toBe('tomorrow');
    expect(formatSlackDate(at, '{time_secs} {unknown}', opts)).toBe('9:05:07 AM {unknown}');
    expect(formatSlackDate(at, '{time}', { now: T0, timeZone: 'Asia/Tokyo' })).toBe('6:05 PM');
    expect(formatSlackDate(at, '{time}', { now: T0, timeZone: 'Not/AZone' })).toBe('9:05 AM');
    expect(formatSlackDate(Number.NaN, '{date}', opts)).toBeNull();
    expect(formatAgo(T0 - 30_000, T0)).toBe('a few seconds ago');
    expect(formatAgo(T0 + 2 * DAY, T0)).toBe('in 2 days');

    expect(mdText(`<!date^${at}^{date_short_pretty} at {time}|2026-11-28 09:05 UTC>`)).toBe(
      'today at 9:05 AM',
    );
    expect(mdText('<!date^notanumber^{date}|the fallback &amp; more>')).toBe('the fallback & more');
    const linked = md(`<!date^${at}^{date}^https://example.com/x|fallback>`);
    expect(linked).toContain('href="https://example.com/x"');
    expect(linked).toContain('title="fallback"');
  });

  it('orders timestamps numerically', () => {
    expect(compareTs('1764331200.000100', '1764331200.000020')).toBeGreaterThan(0);
    expect(compareTs('99.5', '100.1')).toBeLessThan(0);
  });

  it('stays fast on hostile input', () => {
    const started = performance.now();
    parseMrkdwn(' *'.repeat(20_000));
    parseMrkdwn(`${'<'.repeat(10_000)}${'`'.repeat(10_000)}${'_a'.repeat(10_000)}`);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

// ---- Block Kit ----------------------------------------------------------------------------------

/** Every block Pillar builds, from the real builders with sample incidents. */
function pillarSurfaces(): { name: string; blocks: KnownBlock[] }[] {
  const sample = makeSample();
  const tz = 'Europe/Berlin';
  const states = [
    makeIncident(),
    makeIncident({
      state: 'acknowledged',
      acknowledgedBy: ALICE,
      acknowledgedAt: T0 - MINUTE,
      assignee: BOB,
    }),
    makeIncident({
      state: 'muted',
      mutedBy: BOB,
      mutedUntil: T0 + DAY,
      muteReason: 'deploy <!channel> & fix',
      regressions: 2,
      lastRegressionAt: T0 - HOUR,
    }),
    makeIncident({ state: 'resolved', resolvedBy: 'U0SIMCAROL', resolvedAt: T0, errorType: null }),
  ];
  const out: { name: string; blocks: KnownBlock[] }[] = [];
  for (const i of states) {
    out.push({
      name: `incident ${i.state}`,
      blocks: incidentMessage({
        incident: i,
        sample,
        now: T0,
        timeZone: tz,
        failingChecks: [{ id: 'lambda-dlq', title: 'Async functions have a DLQ' }],
      }).blocks,
    });
  }
  const i = states[0]!;
  out.push(
    {
      name: 'occurrence',
      blocks: occurrenceNote({
        incident: i,
        newOccurrences: 5,
        sinceMs: 5 * MINUTE,
        sample,
        timeZone: tz,
        now: T0,
      }).blocks,
    },
    { name: 'reminder', blocks: reminderNote({ incident: i, now: T0, unacknowledgedForMs: HOUR }).blocks },
    {
      name: 'regression',
      blocks: regressionNote({
        incident: i,
        sample,
        resolved: { by: BOB, at: T0 - HOUR },
        now: T0,
        timeZone: tz,
      }).blocks,
    },
    {
      name: 'action note',
      blocks: actionNote({
        incident: i,
        action: makeAction({ action: 'muted', details: JSON.stringify({ until: T0 + HOUR, reason: 'x' }) }),
      }).blocks,
    },
    {
      name: 'mute modal',
      blocks: muteModal({ incident: i, privateMetadata: '{}', now: T0, timeZone: tz }).blocks as KnownBlock[],
    },
    {
      name: 'home',
      blocks: homeView({
        open: states.slice(0, 3),
        recentlyResolved: [states[3]!],
        targets: [
          makeTarget(),
          makeTarget({ region: 'eu-west-1', lastErrorAt: T0, lastErrorCode: 'throttled' }),
        ],
        now: T0,
        timeZone: tz,
        failingChecksByPillar: { reliability: 2, security: 0 },
      }).blocks as KnownBlock[],
    },
    { name: 'help', blocks: helpMessage().blocks },
    { name: 'usage', blocks: usageMessage('Unknown subcommand', '/wa incidents').blocks },
    {
      name: 'status',
      blocks: statusMessage({
        targets: [makeTarget()],
        groups: { total: 3, failing: [makeGroup()] },
        delivery: [{ channel: 'C0ALERTS01', lastSuccessAt: T0 - MINUTE }],
        now: T0,
        timeZone: tz,
      }).blocks,
    },
    {
      name: 'incident list',
      blocks: incidentListMessage({ incidents: states, filter: 'all', total: 4, now: T0, timeZone: tz })
        .blocks,
    },
    {
      name: 'action result',
      blocks: actionResultMessage({ action: 'ack', id: 12, incident: states[1], changed: true, timeZone: tz })
        .blocks,
    },
    {
      name: 'digest',
      blocks: digestMessage({
        from: T0 - 7 * DAY,
        to: T0,
        opened: 3,
        resolved: 2,
        reopened: 1,
        noisiest: [{ functionName: 'orders-api', occurrences: 1234 }],
        meanTimeToAcknowledgeMs: 14 * MINUTE,
        stillOpen: states.slice(0, 2),
        timeZone: tz,
      }).blocks,
    },
  );
  return out;
}

/** Every action_id a list of blocks holds (actions elements, accessories, inputs). */
function actionIdsOf(blocks: unknown[]): string[] {
  const out: string[] = [];
  for (const b of blocks as Record<string, unknown>[]) {
    const elements = [
      ...(b.type === 'actions' ? (b.elements as Record<string, unknown>[]) : []),
      ...(b.accessory ? [b.accessory as Record<string, unknown>] : []),
      ...(b.type === 'input' ? [b.element as Record<string, unknown>] : []),
    ];
    for (const e of elements) if (typeof e.action_id === 'string') out.push(e.action_id);
  }
  return out;
}

describe('Block Kit rendering', () => {
  const surfaces = pillarSurfaces();

  it('renders every block and element Pillar sends, with no placeholder', () => {
    const seen = new Set<string>();
    for (const { name, blocks } of surfaces) {
      for (const b of blocks) seen.add(b.type);
      const nodes = renderBlocks(blocks, ctx);
      expect(unsupported(nodes), name).toEqual([]);
      for (const id of actionIdsOf(blocks))
        expect(byTestId(nodes, `action-${id}`), `${name}: ${id}`).not.toEqual([]);
      // Text of every header reaches the page.
      for (const b of blocks) if (b.type === 'header') expect(textOf(nodes)).toContain(b.text.text);
    }
    expect([...seen]).toEqual(
      expect.arrayContaining(['actions', 'context', 'divider', 'header', 'input', 'section']),
    );
  });

  it('renders an incident alert: header, fields grid, buttons with styles, selects, link button', () => {
    const blocks = surfaces[0]!.blocks;
    const nodes = renderBlocks(blocks, ctx);
    const text = textOf(nodes);
    expect(text).toContain('TypeError in orders-api · #12');
    expect(text).toContain("Cannot read properties of undefined (reading 'id')");
    const fields = findAll(nodes, (e) => e.attrs.class === 'b-fields');
    expect(fields[0]?.children).toHaveLength(8);
    const ack = byTestId(nodes, 'action-incident_acknowledge')[0]!;
    expect(ack.tag).toBe('button');
    expect(ack.attrs.class).toBe('btn btn-primary');
    expect(ack.attrs['data-value']).toBe('12');
    expect(ack.attrs['data-block-id']).toBe('incident:12:actions:r3');
    expect(ack.attrs['aria-label']).toBe('Acknowledge incident #12');
    const mute = byTestId(nodes, 'action-incident_mute')[0]!;
    expect(mute.tag).toBe('select');
    expect(textOf(mute)).toBe('Mute…1 hour24 hours7 daysUntil a date…');
    expect(findAll(mute, (e) => e.tag === 'option').map((o) => o.attrs.value)).toEqual([
      '',
      '12:1h',
      '12:24h',
      '12:7d',
      '12:custom',
    ]);
    const assign = byTestId(nodes, 'action-incident_assign')[0]!;
    expect(findAll(assign, (e) => e.tag === 'option').map((o) => o.attrs.value)).toEqual([
      '',
      ALICE,
      BOB,
      'U0SIMCAROL',
    ]);
    const logs = byTestId(nodes, 'action-incident_open_logs')[0]!;
    expect(logs.tag).toBe('a');
    expect(logs.attrs.href).toMatch(/^https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home/);
    expect(logs.attrs.target).toBe('_blank');
    expect(logs.attrs['data-type']).toBe('button');
    // Dates render in the reader's zone from the token, the fallback kept as a tooltip.
    expect(findAll(nodes, (e) => e.attrs.class === 'md-date').length).toBeGreaterThan(3);
  });

  it('shows the assignee preselected and the state line with a mention', () => {
    const nodes = renderBlocks(surfaces[1]!.blocks, ctx);
    const assign = byTestId(nodes, 'action-incident_assign')[0]!;
    expect(findAll(assign, (e) => e.attrs.selected !== undefined).map((o) => o.attrs.value)).toEqual([BOB]);
    expect(textOf(nodes)).toContain('Acknowledged by @Alice Archer');
    expect(byTestId(nodes, 'action-incident_acknowledge')).toEqual([]);
  });

  it('keeps hostile text literal: escaped markup, forged links and broadcasts stay text', () => {
    for (const line of HOSTILE) {
      const m = incidentMessage({
        incident: makeIncident({ lastMessage: line, functionName: line, errorType: line }),
        now: T0,
        timeZone: 'UTC',
      });
      const html = toHtml(renderBlocks(m.blocks, ctx));
      expect(html).not.toMatch(/<script|javascript:|href="https:\/\/evil/);
      expect(
        findAll(renderBlocks(m.blocks, ctx), (e) => (e.attrs.class ?? '').includes('mention-broadcast')),
      ).toEqual([]);
    }
    const header = renderBlock(
      { type: 'header', text: { type: 'plain_text', text: '<script>alert(1)</script> &lt;' } },
      ctx,
    );
    expect(textOf(header)).toBe('<script>alert(1)</script> &lt;');
    expect(toHtml(header)).toBe('<div class="b-header">&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;</div>');
  });

  it('shows an unsupported block or element as a visible placeholder', () => {
    const nodes = renderBlocks(
      [
        { type: 'table', rows: [] },
        { type: 'actions', elements: [{ type: 'workflow_button', action_id: 'w' }] },
        { type: 'context', elements: [{ type: 'video' }] },
        'not a block',
      ],
      ctx,
    );
    expect(unsupported(nodes).map(textOf)).toEqual([
      'Unsupported block: table',
      'Unsupported element: workflow_button',
      'Unsupported element: video',
      'Unsupported block: (no type)',
    ]);
  });

  it('renders images, overflow menus, date and time pickers, radio buttons, checkboxes and rich text', () => {
    const nodes = renderBlocks(
      [
        {
          type: 'image',
          image_url: 'https://example.com/chart.png',
          alt_text: 'chart',
          title: { type: 'plain_text', text: 'Errors' },
        },
        { type: 'image', slack_file: { id: 'F0SIM000001' }, alt_text: 'uploaded' },
        { type: 'image', image_url: 'javascript:alert(1)', alt_text: 'bad' },
        {
          type: 'section',
          text: { type: 'plain_text', text: 'Thumb' },
          accessory: { type: 'image', image_url: 'https://example.com/t.png', alt_text: 'thumb' },
        },
        {
          type: 'context',
          elements: [
            { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'icon' },
            { type: 'plain_text', text: '*not bold*' },
          ],
        },
        {
          type: 'actions',
          block_id: 'b1',
          elements: [
            {
              type: 'overflow',
              action_id: 'more',
              options: [
                { text: { type: 'plain_text', text: 'Edit' }, value: 'edit' },
                {
                  text: { type: 'plain_text', text: 'Docs' },
                  value: 'docs',
                  url: 'https://example.com/docs',
                },
              ],
            },
            { type: 'datepicker', action_id: 'day', initial_date: '2026-12-01' },
            { type: 'timepicker', action_id: 'time', initial_time: '09:30' },
            {
              type: 'radio_buttons',
              action_id: 'radio',
              initial_option: { text: { type: 'plain_text', text: 'B' }, value: 'b' },
              options: [
                { text: { type: 'plain_text', text: 'A' }, value: 'a' },
                { text: { type: 'plain_text', text: 'B' }, value: 'b' },
              ],
            },
            {
              type: 'checkboxes',
              action_id: 'checks',
              options: [{ text: { type: 'mrkdwn', text: '*yes*' }, value: 'y' }],
            },
            {
              type: 'button',
              action_id: 'danger',
              text: { type: 'plain_text', text: 'Delete' },
              style: 'danger',
            },
          ],
        },
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'bold', style: { bold: true } },
                { type: 'text', text: ' ' },
                { type: 'user', user_id: BOB },
                { type: 'emoji', name: 'tada', unicode: '1f389' },
                { type: 'link', url: 'https://example.com', text: 'site' },
              ],
            },
            {
              type: 'rich_text_list',
              style: 'bullet',
              elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }],
            },
            { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'code' }] },
          ],
        },
      ],
      ctx,
    );
    expect(unsupported(nodes)).toEqual([]);
    const imgs = findAll(nodes, (e) => e.tag === 'img').map((e) => e.attrs.src);
    expect(imgs).toEqual([
      'https://example.com/chart.png',
      '/files/F0SIM000001',
      'https://example.com/t.png',
      'https://example.com/i.png',
    ]);
    expect(textOf(nodes)).toContain('bad');
    expect(textOf(nodes)).toContain('*not bold*');
    const overflow = findAll(nodes, (e) => e.attrs['data-action-id'] === 'more')[0]!;
    expect(overflow.attrs['data-type']).toBe('overflow');
    expect(byTestId(overflow, 'action-more')[0]?.attrs['data-overflow-toggle']).toBe('');
    expect(byTestId(overflow, 'option-docs')[0]?.attrs['data-url']).toBe('https://example.com/docs');
    expect(byTestId(nodes, 'action-day')[0]?.attrs).toMatchObject({ type: 'date', value: '2026-12-01' });
    expect(byTestId(nodes, 'action-time')[0]?.attrs).toMatchObject({ type: 'time', value: '09:30' });
    expect(byTestId(nodes, 'option-b')[0]?.attrs.checked).toBe('');
    expect(byTestId(nodes, 'option-a')[0]?.attrs.checked).toBeUndefined();
    expect(byTestId(nodes, 'action-danger')[0]?.attrs.class).toBe('btn btn-danger');
    expect(textOf(nodes)).toContain('bold @Bob Baker🎉site');
    expect(toHtml(nodes)).toContain('<strong>bold</strong>');
  });
});

// ---- messages, modals, page parts ----------------------------------------------------------------

function message(over: Partial<PageMessage> = {}): PageMessage {
  return {
    channel: 'C0ALERTS01',
    ts: '1764331200.000100',
    user: BOT,
    bot: true,
    text: 'hello',
    replyCount: 0,
    replyUsers: [],
    edited: false,
    ...over,
  };
}

describe('messages', () => {
  it('show author, time, (edited), blocks over text, and a reply count that opens the thread', () => {
    const m = renderMessage(
      message({
        edited: true,
        text: 'fallback only',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*from blocks*' } }],
        threadTs: '1764331200.000100',
        replyCount: 2,
        replyUsers: [BOT, ALICE],
        latestReply: '1764331260.000100',
      }),
      ctx,
    );
    expect(m.attrs['data-testid']).toBe('message-1764331200.000100');
    expect(m.attrs['data-container']).toBe('message');
    const text = textOf(m);
    expect(text).toContain('pillarAPP12:00 PM(edited)');
    expect(text).toContain('from blocks');
    expect(text).not.toContain('fallback only');
    const replies = byTestId(m, 'replies-1764331200.000100')[0]!;
    expect(replies.attrs['data-open-thread']).toBe('1764331200.000100');
    expect(textOf(replies)).toContain('2 replies');
    expect(refreshedText({ latestReply: '1764331260.000100' }, { ...ctx, now: 1764331260_000 + HOUR })).toBe(
      'Last reply an hour ago',
    );
    expect(renderMessage(message(), ctx).children.length).toBeGreaterThan(0);
    expect(byTestId(renderMessage(message(), ctx), 'edited')).toEqual([]);
  });

  it('marks a broadcast reply in the channel and in the thread', () => {
    const reply = message({ ts: '1764331300.000100', threadTs: '1764331200.000100', replyBroadcast: true });
    expect(textOf(renderMessage(reply, ctx))).toContain('replied to a thread');
    expect(textOf(renderMessage(reply, ctx, { inThread: true }))).toContain('Also sent to the channel');
  });

  it('marks ephemeral messages as only visible to you, with files and a dismiss link', () => {
    const e = renderEphemeral(
      { channel: 'C0ALERTS01', ts: '1764331400.000100', user: ALICE, text: 'Only *you*' },
      ctx,
    );
    expect(e.attrs['data-testid']).toBe('ephemeral');
    expect(e.attrs['data-ts']).toBe('1764331400.000100');
    expect(textOf(e)).toContain('Only visible to you');
    expect(toHtml(e)).toContain('<strong>you</strong>');
    expect(byTestId(e, 'dismiss-1764331400.000100')).toHaveLength(1);
    const withFile = renderMessage(
      message({
        files: [{ id: 'F1', name: 'chart.png', title: 'Chart', mimetype: 'image/png', url: '/files/F1' }],
      }),
      ctx,
    );
    expect(findAll(withFile, (el) => el.tag === 'img')[0]?.attrs.src).toBe('/files/F1');
  });

  it('renders a modal with its inputs, entered values, field errors, Close and Submit', () => {
    const modal = muteModal({ incident: makeIncident(), privateMetadata: '{}', now: T0, timeZone: 'UTC' });
    const view: PageView = {
      id: 'V0SIM000001',
      type: 'modal',
      user: ALICE,
      callbackId: modal.callback_id ?? '',
      title: modal.title,
      submit: modal.submit,
      close: modal.close,
      blocks: modal.blocks,
      state: { mute_reason: { mute_reason_input: { type: 'plain_text_input', value: 'typed before' } } },
      errors: { mute_reason: 'Say why', elsewhere: 'Not a field' },
      hash: 'h',
      rootViewId: 'V0SIM000001',
      previousViewId: null,
    };
    const node = renderModal(view, ctx);
    expect(node.attrs).toMatchObject({ 'data-testid': 'modal', 'data-view-id': 'V0SIM000001' });
    expect(textOf(byTestId(node, 'modal-title'))).toBe('Mute #12');
    expect(textOf(byTestId(node, 'modal-submit'))).toBe('Mute');
    expect(textOf(byTestId(node, 'modal-close'))).toBe('Cancel');
    const reason = byTestId(node, 'action-mute_reason_input')[0]!;
    expect(reason.tag).toBe('textarea');
    expect(textOf(reason)).toBe('typed before');
    expect(reason.attrs['data-input']).toBe('');
    expect(reason.attrs['data-dispatch']).toBeUndefined();
    expect(reason.attrs['aria-label']).toBe('Reason');
    expect(textOf(byTestId(node, 'error-mute_reason'))).toBe('Say why');
    expect(textOf(node)).toContain('elsewhere: Not a field');
    const until = byTestId(node, 'action-mute_until_date')[0]!;
    expect(until.attrs).toMatchObject({ type: 'date', value: '2026-11-29' });
    const duration = byTestId(node, 'action-mute_duration_select')[0]!;
    expect(findAll(duration, (e) => e.attrs.selected !== undefined).map((o) => o.attrs.value)).toEqual([
      'date',
    ]);
  });

  it('lists channels with unread counts and the App Home entry', () => {
    const s = state();
    const side = renderSidebar(s, ctx, {
      place: { kind: 'channel', id: 'C0ALERTS01' },
      unread: { C0OPS00001: 3 },
    });
    expect(byTestId(side, 'channel-C0ALERTS01')[0]?.attrs['aria-current']).toBe('page');
    expect(textOf(byTestId(side, 'unread-C0OPS00001'))).toBe('3');
    expect(byTestId(side, 'home-tab')).toHaveLength(1);
  });
});

// ---- the DOM builder ----------------------------------------------------------------------------

class FakeElement {
  attrs: Record<string, string> = {};
  children: (FakeElement | string)[] = [];
  constructor(readonly tag: string) {}
  setAttribute(name: string, value: string) {
    this.attrs[name] = value;
  }
  append(...nodes: (FakeElement | string)[]) {
    this.children.push(...nodes);
  }
}

const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag),
  createTextNode: (text: string) => text,
};

describe('toDom', () => {
  it('builds only allowed tags and attributes, and text only as text nodes', () => {
    const tree: VElement = h(
      'div',
      { class: 'x', onclick: 'steal()', 'data-action-id': 'a', style: 'color:red' },
      h('script', {}, 'alert(1)'),
      h('a', { href: 'javascript:alert(1)' }, 'bad'),
      h('a', { href: '/files/F1' }, 'ok'),
      h('img', { src: '//evil.example/x.png' }),
      '<b>not markup</b>',
    );
    const el = toDom(tree, fakeDocument) as FakeElement;
    expect(el.attrs).toEqual({ class: 'x', 'data-action-id': 'a' });
    const [script, bad, ok, img, text] = el.children as [
      FakeElement,
      FakeElement,
      FakeElement,
      FakeElement,
      string,
    ];
    expect(script.tag).toBe('span');
    expect(bad.attrs).toEqual({});
    expect(ok.attrs).toEqual({ href: '/files/F1' });
    expect(img.attrs).toEqual({});
    expect(text).toBe('<b>not markup</b>');
    expect(toHtml(tree)).toBe(
      '<div class="x" data-action-id="a"><span>alert(1)</span><a>bad</a><a href="/files/F1">ok</a><img>&lt;b&gt;not markup&lt;/b&gt;</div>',
    );
  });
});

// ---- the model ----------------------------------------------------------------------------------

describe('model', () => {
  let seq = 0;
  const change = (c: Record<string, unknown>): PageChange => ({ seq: ++seq, at: T0, ...c }) as PageChange;

  it('applies posts, replies, edits and deletions in ts order, and skips what it already has', () => {
    const s = state();
    const parent = message({ ts: '1764331200.000100' });
    applyChange(s, change({ type: 'message_posted', channel: 'C0ALERTS01', ts: parent.ts, message: parent }));
    const earlier = message({ ts: '1764331100.000100', text: 'earlier' });
    applyChange(
      s,
      change({ type: 'message_posted', channel: 'C0ALERTS01', ts: earlier.ts, message: earlier }),
    );
    expect(s.messages.C0ALERTS01?.map((m) => m.text)).toEqual(['earlier', 'hello']);

    const reply = message({
      ts: '1764331300.000100',
      threadTs: parent.ts,
      text: 'reply',
      user: ALICE,
      bot: false,
    });
    const affected = applyChange(
      s,
      change({ type: 'message_posted', channel: 'C0ALERTS01', ts: reply.ts, message: reply }),
    );
    expect(affected).toMatchObject({ channel: 'C0ALERTS01', thread: parent.ts });
    const updated = { ...parent, threadTs: parent.ts, replyCount: 1, replyUsers: [ALICE], edited: true };
    applyChange(
      s,
      change({ type: 'message_updated', channel: 'C0ALERTS01', ts: parent.ts, message: updated }),
    );
    expect(s.messages.C0ALERTS01?.find((m) => m.ts === parent.ts)).toMatchObject({ replyCount: 1, rev: 2 });

    expect(timeline(s, 'C0ALERTS01').map((i) => i.m.ts)).toEqual([earlier.ts, parent.ts]);
    expect(thread(s, 'C0ALERTS01', parent.ts).map((i) => i.m.ts)).toEqual([parent.ts, reply.ts]);

    const stale: PageChange = {
      ...change({ type: 'message_deleted', channel: 'C0ALERTS01', ts: earlier.ts }),
      seq: 1,
    };
    expect(applyChange(s, stale)).toEqual({});
    applyChange(s, change({ type: 'message_deleted', channel: 'C0ALERTS01', ts: earlier.ts }));
    expect(s.messages.C0ALERTS01?.map((m) => m.ts)).toEqual([parent.ts, reply.ts]);
  });

  it("keeps only the user's ephemerals, places them in the timeline, and follows modals and Home", () => {
    const s = state();
    const mine = { channel: 'C0ALERTS01', ts: '1764331500.000100', user: ALICE, text: 'for alice' };
    const theirs = { channel: 'C0ALERTS01', ts: '1764331501.000100', user: BOB, text: 'for bob' };
    applyChange(s, change({ type: 'ephemeral_posted', channel: 'C0ALERTS01', ts: mine.ts, message: mine }));
    applyChange(
      s,
      change({ type: 'ephemeral_posted', channel: 'C0ALERTS01', ts: theirs.ts, message: theirs }),
    );
    expect(timeline(s, 'C0ALERTS01').map((i) => `${i.kind}:${i.m.text}`)).toEqual(['ephemeral:for alice']);

    const view = (id: string, over: Partial<PageView> = {}): PageView => ({
      id,
      type: 'modal',
      user: ALICE,
      callbackId: 'cb',
      blocks: [],
      state: {},
      hash: id,
      rootViewId: id,
      previousViewId: null,
      ...over,
    });
    applyChange(s, change({ type: 'view_opened', view: view('V1') }));
    applyChange(s, change({ type: 'view_pushed', view: view('V2') }));
    applyChange(s, change({ type: 'view_opened', view: view('V9', { user: BOB }) }));
    expect(s.modals.map((v) => v.id)).toEqual(['V1', 'V2']);
    applyChange(s, change({ type: 'view_updated', view: view('V2', { errors: { b: 'bad' } }) }));
    expect(s.modals[1]?.errors).toEqual({ b: 'bad' });
    applyChange(s, change({ type: 'view_closed', view: view('V2') }));
    expect(s.modals.map((v) => v.id)).toEqual(['V1']);
    applyChange(s, change({ type: 'view_published', view: view('V3', { type: 'home' }) }));
    expect(s.home?.id).toBe('V3');
  });

  it('counts unread top-level messages from others after the last read one', () => {
    const s = state({
      messages: {
        C0ALERTS01: [
          message({ ts: '1.000001' }),
          message({ ts: '2.000001', user: ALICE }),
          message({ ts: '3.000001' }),
          message({ ts: '4.000001', threadTs: '3.000001' }),
        ],
      },
    });
    expect(unreadCount(s, 'C0ALERTS01', undefined)).toBe(2);
    expect(unreadCount(s, 'C0ALERTS01', '1.000001')).toBe(1);
    expect(unreadCount(s, 'C0ALERTS01', '3.000001')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type BlockSurface,
  checkMessageBlocks,
  checkView,
  cumulativeBlockText,
  validateBlocks,
} from '../../../sim/slack/index.js';

const x = (n: number, ch = 'a') => ch.repeat(n);
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string) => ({ type: 'plain_text', text });
const sectionOf = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const actionsOf = (...elements: unknown[]) => ({ type: 'actions', elements });
const btn = (extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'a',
  text: plain('Ack'),
  ...extra,
});
const opt = (text: string, value: string) => ({ text: plain(text), value });
const select = (options: unknown[]) => ({
  type: 'static_select',
  action_id: 's',
  placeholder: plain('Pick'),
  options,
});
const input = (element: unknown = { type: 'plain_text_input', action_id: 'i' }) => ({
  type: 'input',
  block_id: 'in',
  label: plain('Reason'),
  element,
});

interface Case {
  name: string;
  blocks: unknown;
  surface?: BlockSurface;
  errors: string[];
}

const invalid: Case[] = [
  {
    name: 'more than 50 blocks in a message',
    blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })),
    errors: ['no more than 50 items allowed [json-pointer:/blocks]'],
  },
  {
    name: 'more than 100 blocks in a view',
    blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })),
    surface: 'modal',
    errors: ['no more than 100 items allowed [json-pointer:/blocks]'],
  },
  {
    name: 'section text over 3000',
    blocks: [sectionOf(x(3001))],
    errors: [
      'failed to match all allowed schemas [json-pointer:/blocks/0/text]',
      'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ],
  },
  {
    name: 'section text empty',
    blocks: [sectionOf('')],
    errors: [
      'failed to match all allowed schemas [json-pointer:/blocks/0/text]',
      'must be more than 0 characters [json-pointer:/blocks/0/text/text]',
    ],
  },
  {
    name: 'section with neither text nor fields',
    blocks: [{ type: 'section' }],
    errors: ['must define either `text` or `fields` [json-pointer:/blocks/0]'],
  },
  {
    name: 'section with 11 fields',
    blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }],
    errors: ['no more than 10 items allowed [json-pointer:/blocks/0/fields]'],
  },
  {
    name: 'section field over 2000',
    blocks: [{ type: 'section', fields: [mrkdwn('ok'), mrkdwn(x(2001))] }],
    errors: [
      'failed to match all allowed schemas [json-pointer:/blocks/0/fields/1]',
      'must be less than 2001 characters [json-pointer:/blocks/0/fields/1/text]',
    ],
  },
  {
    name: 'header in mrkdwn',
    blocks: [{ type: 'header', text: mrkdwn('*Alert*') }],
    errors: ['unsupported type: mrkdwn [json-pointer:/blocks/0/text/type]'],
  },
  {
    name: 'header over 150',
    blocks: [{ type: 'header', text: plain(x(151)) }],
    errors: ['must be less than 151 characters [json-pointer:/blocks/0/text/text]'],
  },
  {
    name: 'context with 11 elements',
    blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }],
    errors: ['no more than 10 items allowed [json-pointer:/blocks/0/elements]'],
  },
  {
    name: 'actions with 26 elements',
    blocks: [actionsOf(...Array.from({ length: 26 }, (_, i) => btn({ action_id: `a${i}` })))],
    errors: ['no more than 25 items allowed [json-pointer:/blocks/0/elements]'],
  },
  {
    name: 'button text over 75',
    blocks: [actionsOf(btn({ text: plain(x(76)) }))],
    errors: ['must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]'],
  },
  {
    name: 'button value over 2000',
    blocks: [actionsOf(btn({ value: x(2001) }))],
    errors: ['must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]'],
  },
  {
    name: 'button action_id over 255',
    blocks: [actionsOf(btn({ action_id: x(256) }))],
    errors: ['must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]'],
  },
  {
    name: 'button url over 3000',
    blocks: [actionsOf(btn({ url: `https://example.com/${x(2990)}` }))],
    errors: ['must be less than 3001 characters [json-pointer:/blocks/0/elements/0/url]'],
  },
  {
    name: 'button style other than primary/danger',
    blocks: [actionsOf(btn({ style: 'warning' }))],
    errors: ['must be one of: primary, danger [json-pointer:/blocks/0/elements/0/style]'],
  },
  {
    name: 'button style null',
    blocks: [actionsOf(btn({ style: null }))],
    errors: ['must provide a string [json-pointer:/blocks/0/elements/0/style]'],
  },
  {
    name: 'button text in mrkdwn',
    blocks: [actionsOf(btn({ text: mrkdwn('*Ack*') }))],
    errors: ['unsupported type: mrkdwn [json-pointer:/blocks/0/elements/0/text/type]'],
  },
  {
    name: 'block_id over 255',
    blocks: [{ type: 'divider', block_id: x(256) }],
    errors: ['must be less than 256 characters [json-pointer:/blocks/0/block_id]'],
  },
  {
    name: 'block_id repeated in one message',
    blocks: [
      { type: 'divider', block_id: 'same' },
      { type: 'divider', block_id: 'same' },
    ],
    errors: ['duplicate block_id: same [json-pointer:/blocks/1/block_id]'],
  },
  {
    name: 'option text over 75',
    blocks: [actionsOf(select([opt(x(76), 'v')]))],
    errors: ['must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]'],
  },
  {
    name: 'option value over 150',
    blocks: [actionsOf(select([opt('One hour', x(151))]))],
    errors: ['must be less than 151 characters [json-pointer:/blocks/0/elements/0/options/0/value]'],
  },
  {
    name: 'static_select with 101 options',
    blocks: [actionsOf(select(Array.from({ length: 101 }, (_, i) => opt(`o${i}`, `v${i}`))))],
    errors: ['no more than 100 items allowed [json-pointer:/blocks/0/elements/0/options]'],
  },
  {
    name: 'text object over 3000 in a context',
    blocks: [{ type: 'context', elements: [plain(x(3001))] }],
    errors: [
      'failed to match all allowed schemas [json-pointer:/blocks/0/elements/0]',
      'must be less than 3001 characters [json-pointer:/blocks/0/elements/0/text]',
    ],
  },
  {
    name: 'emoji on a mrkdwn text object',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi', emoji: true } }],
    errors: [
      'failed to match all allowed schemas [json-pointer:/blocks/0/text]',
      'invalid additional property: emoji [json-pointer:/blocks/0/text]',
    ],
  },
  {
    name: 'input block in a message',
    blocks: [input()],
    errors: ['unsupported type: input [json-pointer:/blocks/0/type]'],
  },
  {
    name: 'unknown block type',
    blocks: [{ type: 'sections', text: mrkdwn('x') }],
    errors: ['unsupported type: sections [json-pointer:/blocks/0/type]'],
  },
  {
    name: 'unknown element type in actions',
    blocks: [actionsOf({ type: 'slider', action_id: 's' })],
    errors: ['unsupported type: slider [json-pointer:/blocks/0/elements/0/type]'],
  },
  {
    name: 'block_id on an element',
    blocks: [actionsOf(btn({ block_id: 'b' }))],
    errors: ['invalid additional property: block_id [json-pointer:/blocks/0/elements/0]'],
  },
  {
    name: 'image without a source',
    blocks: [{ type: 'image', alt_text: 'chart' }],
    errors: ['missing required field: source [json-pointer:/blocks/0]'],
  },
  {
    name: 'image with a permalink as slack_file id',
    blocks: [{ type: 'image', alt_text: 'chart', slack_file: { id: 'https://x.slack.com/files/F1' } }],
    errors: ['input must match regex pattern: ^[F][A-Z0-9]{8,}$ [json-pointer:/blocks/0/slack_file/id]'],
  },
  {
    name: 'a block that is not an object',
    blocks: ['divider'],
    errors: ['must provide an object [json-pointer:/blocks/0]'],
  },
  {
    name: 'a block without type',
    blocks: [{ text: mrkdwn('x') }],
    errors: ['missing required field: type [json-pointer:/blocks/0]'],
  },
  {
    name: 'overflow with 6 options',
    blocks: [
      actionsOf({
        type: 'overflow',
        action_id: 'o',
        options: Array.from({ length: 6 }, (_, i) => opt(`o${i}`, `v${i}`)),
      }),
    ],
    errors: ['no more than 5 items allowed [json-pointer:/blocks/0/elements/0/options]'],
  },
  {
    name: 'input label over 2000 in a modal',
    blocks: [{ ...input(), label: plain(x(2001)) }],
    surface: 'modal',
    errors: ['must be less than 2001 characters [json-pointer:/blocks/0/label/text]'],
  },
  {
    name: 'confirm dialog title over 100',
    blocks: [
      actionsOf(
        btn({
          confirm: { title: plain(x(101)), text: plain('Sure?'), confirm: plain('Yes'), deny: plain('No') },
        }),
      ),
    ],
    errors: ['must be less than 101 characters [json-pointer:/blocks/0/elements/0/confirm/title/text]'],
  },
  {
    name: 'blocks that are not an array',
    blocks: { type: 'divider' },
    errors: ['must provide an array [json-pointer:/blocks]'],
  },
];

const valid: { name: string; blocks: unknown[]; surface?: BlockSurface }[] = [
  { name: 'exactly 50 blocks', blocks: Array.from({ length: 50 }, () => ({ type: 'divider' })) },
  { name: 'section text of exactly 3000', blocks: [sectionOf(x(3000))] },
  { name: 'header of exactly 150', blocks: [{ type: 'header', text: plain(x(150)) }] },
  {
    name: 'a Pillar-like alert',
    blocks: [
      { type: 'header', text: plain(':rotating_light: checkout-api is failing') },
      { type: 'section', fields: [mrkdwn('*Errors*\n12'), mrkdwn('*Since*\n12:00')] },
      {
        type: 'context',
        elements: [
          mrkdwn('prod · eu-west-1'),
          { type: 'image', image_url: 'https://x/i.png', alt_text: 'i' },
        ],
      },
      actionsOf(
        btn({ action_id: 'ack', style: 'primary', value: '42' }),
        btn({ action_id: 'resolve', style: 'danger', value: '42' }),
        select([opt('1 hour', '42:1h'), opt('1 day', '42:24h')]),
        { type: 'users_select', action_id: 'assign', placeholder: plain('Assign') },
        btn({ action_id: 'logs', text: plain('Logs'), url: 'https://console.aws.amazon.com/' }),
      ),
      { type: 'rich_text', elements: [] },
    ],
  },
  { name: 'input in a modal', blocks: [input()], surface: 'modal' },
  { name: 'input in a home tab', blocks: [input()], surface: 'home' },
  { name: 'a 75-char option text and 150-char value', blocks: [actionsOf(select([opt(x(75), x(150))]))] },
  {
    name: 'code points, not UTF-16 units, are counted',
    blocks: [{ type: 'header', text: plain('🚨'.repeat(150)) }],
  },
];

describe('Block Kit validation', () => {
  it.each(invalid)('refuses $name', ({ blocks, surface, errors }) => {
    expect(validateBlocks(blocks, surface ?? 'message')).toEqual(errors);
  });

  it.each(valid)('accepts $name', ({ blocks, surface }) => {
    expect(validateBlocks(blocks, surface ?? 'message')).toEqual([]);
  });

  it('points into /view/blocks for views', () => {
    expect(validateBlocks([sectionOf('')], 'modal', '/view/blocks')).toContain(
      'must be more than 0 characters [json-pointer:/view/blocks/0/text/text]',
    );
  });

  it('answers msg_blocks_too_long when the total text passes 12,000 characters', () => {
    const blocks = Array.from({ length: 5 }, () => sectionOf(x(2500)));
    expect(cumulativeBlockText(blocks)).toBe(12_500);
    expect(checkMessageBlocks(blocks)).toEqual({ ok: false, error: 'msg_blocks_too_long' });
    expect(checkMessageBlocks(blocks.slice(0, 4))).toEqual({ ok: true });
    expect(checkMessageBlocks([sectionOf('')])).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });
});

describe('view validation', () => {
  const modal = (extra: Record<string, unknown> = {}) => ({
    type: 'modal',
    title: plain('Mute incident'),
    submit: plain('Mute'),
    blocks: [input()],
    ...extra,
  });

  const cases: { name: string; view: unknown; expect: 'home' | 'modal' | 'any'; messages: string[] }[] = [
    {
      name: 'a modal title over 24',
      view: modal({ title: plain(x(25)) }),
      expect: 'modal',
      messages: ['must be less than 25 characters [json-pointer:/view/title/text]'],
    },
    {
      name: 'input without a submit button',
      view: modal({ submit: undefined }),
      expect: 'modal',
      messages: ['missing required field: submit [json-pointer:/view]'],
    },
    {
      name: 'submit set to null',
      view: modal({ submit: null }),
      expect: 'modal',
      messages: ['must provide an object [json-pointer:/view/submit]'],
    },
    {
      name: 'private_metadata over 3000',
      view: modal({ private_metadata: x(3001) }),
      expect: 'modal',
      messages: ['must be less than 3001 characters [json-pointer:/view/private_metadata]'],
    },
    {
      name: 'a modal where a home view is expected',
      view: modal(),
      expect: 'home',
      messages: ['unsupported type: modal [json-pointer:/view/type]'],
    },
    {
      name: '101 blocks in a home tab',
      view: { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) },
      expect: 'home',
      messages: ['no more than 100 items allowed [json-pointer:/view/blocks]'],
    },
  ];

  it.each(cases)('refuses $name with invalid_arguments', ({ view, expect: kind, messages }) => {
    const verdict = checkView(JSON.parse(JSON.stringify(view)), kind);
    expect(verdict).toEqual({
      ok: false,
      error: 'invalid_arguments',
      messages: ['failed to match all allowed schemas [json-pointer:/view]', ...messages],
    });
  });

  it('refuses a view over 250 kB with view_too_large', () => {
    const blocks = Array.from({ length: 90 }, () => sectionOf(x(2900, 'é')));
    expect(checkView({ type: 'home', blocks }, 'home')).toEqual({ ok: false, error: 'view_too_large' });
  });

  it('accepts a good modal and home view', () => {
    expect(checkView(modal(), 'modal')).toEqual({ ok: true, surface: 'modal' });
    expect(checkView({ type: 'home', blocks: [sectionOf('hi')] }, 'home')).toEqual({
      ok: true,
      surface: 'home',
    });
    expect(checkView({ type: 'home', blocks: [] }, 'any')).toEqual({ ok: true, surface: 'home' });
  });
});

import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  fitList,
  LIMITS,
  MESSAGE_BUDGET,
  measure,
  VIEW_BUDGET,
  validateMessage,
  validateView,
} from '../../../src/slack/blocks/limits.js';

const md = (text: string) => ({ type: 'mrkdwn', text });
const pt = (text: string) => ({ type: 'plain_text', text });
const sectionOf = (text: string) => ({ type: 'section', text: md(text) });
const pointers = (v: { pointer: string }[]) => v.map((x) => x.pointer);

describe('validateMessage', () => {
  it('accepts a small valid message', () => {
    expect(validateMessage([sectionOf('hi'), { type: 'divider' }], 'hi')).toEqual([]);
  });

  it('needs a fallback text', () => {
    expect(pointers(validateMessage([sectionOf('hi')], ''))).toEqual(['/text']);
  });

  it('flags text over the recommended 4,000 and the hard 40,000 characters', () => {
    expect(validateMessage([], 'x'.repeat(4001))).toHaveLength(1);
    expect(validateMessage([], 'x'.repeat(40_001))).toHaveLength(2);
  });

  it('flags more than 50 blocks', () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(validateMessage(blocks, 't')).toEqual([
      { pointer: '/blocks', message: expect.stringContaining('50') },
    ]);
  });

  it('flags section text over 3000 and empty text with Slack-style pointers', () => {
    const v = validateMessage([sectionOf('ok'), sectionOf('x'.repeat(3001)), sectionOf('')], 't');
    expect(pointers(v)).toEqual(['/blocks/1/text/text', '/blocks/2/text/text']);
  });

  it('flags whitespace-only text', () => {
    expect(pointers(validateMessage([sectionOf('  ')], 't'))).toEqual(['/blocks/0/text/text']);
  });

  it('flags a section with neither text nor fields, too many fields and long fields', () => {
    const fields = Array.from({ length: 11 }, () => md('f'));
    fields[3] = md('x'.repeat(2001));
    const v = validateMessage([{ type: 'section' }, { type: 'section', fields }], 't');
    expect(pointers(v)).toEqual(['/blocks/0', '/blocks/1/fields', '/blocks/1/fields/3/text']);
  });

  it('flags a header over 150 characters or in mrkdwn', () => {
    const v = validateMessage(
      [
        { type: 'header', text: pt('x'.repeat(151)) },
        { type: 'header', text: md('h') },
      ],
      't',
    );
    expect(pointers(v)).toEqual(['/blocks/0/text/text', '/blocks/1/text/type']);
  });

  it('flags emoji on mrkdwn and verbatim on plain_text', () => {
    const v = validateMessage(
      [
        { type: 'section', text: { type: 'mrkdwn', text: 'a', emoji: true } },
        { type: 'header', text: { type: 'plain_text', text: 'a', verbatim: true } },
      ],
      't',
    );
    expect(pointers(v)).toEqual(['/blocks/0/text/emoji', '/blocks/1/text/verbatim']);
  });

  it('flags more than 10 context elements and 25 actions elements', () => {
    const v = validateMessage(
      [
        { type: 'context', elements: Array.from({ length: 11 }, () => md('c')) },
        {
          type: 'actions',
          elements: Array.from({ length: 26 }, (_, i) => ({
            type: 'button',
            text: pt('b'),
            action_id: `a${i}`,
          })),
        },
      ],
      't',
    );
    expect(pointers(v)).toEqual(['/blocks/0/elements', '/blocks/1/elements']);
  });

  it('checks buttons: text, value, url, action_id, style, accessibility label', () => {
    const v = validateMessage(
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: pt('x'.repeat(76)),
              action_id: 'a'.repeat(256),
              value: 'v'.repeat(2001),
              url: `https://${'u'.repeat(3000)}`,
              style: 'green',
              accessibility_label: 'l'.repeat(76),
            },
          ],
        },
      ],
      't',
    );
    expect(pointers(v).sort()).toEqual(
      [
        '/blocks/0/elements/0/action_id',
        '/blocks/0/elements/0/text/text',
        '/blocks/0/elements/0/value',
        '/blocks/0/elements/0/url',
        '/blocks/0/elements/0/accessibility_label',
        '/blocks/0/elements/0/style',
      ].sort(),
    );
  });

  it('flags duplicate action ids in a block and duplicate block ids in a message', () => {
    const btn = { type: 'button', text: pt('b'), action_id: 'same' };
    const v = validateMessage(
      [
        { type: 'actions', block_id: 'x', elements: [btn, btn] },
        { type: 'divider', block_id: 'x' },
      ],
      't',
    );
    expect(pointers(v)).toEqual(['/blocks/0/elements/1/action_id', '/blocks/1/block_id']);
  });

  it('checks static selects: option count, option lengths, initial option', () => {
    const opt = (t: string, v: string) => ({ text: pt(t), value: v });
    const v = validateMessage(
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              placeholder: pt('p'.repeat(151)),
              options: [opt('x'.repeat(76), 'a'), opt('b', 'v'.repeat(76))],
              initial_option: opt('c', 'c'),
            },
            {
              type: 'static_select',
              action_id: 't',
              options: Array.from({ length: 101 }, () => opt('o', 'o')),
            },
          ],
        },
      ],
      't',
    );
    expect(pointers(v)).toEqual([
      '/blocks/0/elements/0/placeholder/text',
      '/blocks/0/elements/0/options/0/text/text',
      '/blocks/0/elements/0/options/1/value',
      '/blocks/0/elements/0/initial_option',
      '/blocks/0/elements/1/options',
    ]);
  });

  it('checks overflow (2 to 5 options) and confirm dialogs', () => {
    const opt = { text: pt('o'), value: 'o' };
    const v = validateMessage(
      [
        {
          type: 'section',
          text: md('s'),
          accessory: {
            type: 'overflow',
            action_id: 'o',
            options: [opt, opt, opt, opt, opt, opt],
            confirm: {
              title: pt('t'.repeat(101)),
              text: md('x'.repeat(301)),
              confirm: pt('y'),
              deny: pt('n'.repeat(31)),
            },
          },
        },
      ],
      't',
    );
    expect(pointers(v)).toEqual([
      '/blocks/0/accessory/confirm/title/text',
      '/blocks/0/accessory/confirm/text/text',
      '/blocks/0/accessory/confirm/deny/text',
      '/blocks/0/accessory/options',
    ]);
  });

  it('checks image, markdown and table blocks', () => {
    const v = validateMessage(
      [
        { type: 'image', alt_text: 'a'.repeat(2001) },
        { type: 'markdown', text: 'm'.repeat(12_001) },
        { type: 'table', rows: Array.from({ length: 101 }, () => Array.from({ length: 21 }, () => ({}))) },
      ],
      't',
    );
    expect(pointers(v)).toContain('/blocks/0/alt_text');
    expect(pointers(v)).toContain('/blocks/0');
    expect(pointers(v)).toContain('/blocks/1/text');
    expect(pointers(v)).toContain('/blocks/2/rows');
    expect(pointers(v)).toContain('/blocks/2/rows/0');
  });

  it('flags a summed block text over the budget even when each block is valid', () => {
    const blocks = Array.from({ length: 5 }, () => sectionOf('x'.repeat(2500)));
    expect(validateMessage(blocks, 't')).toEqual([
      { pointer: '/blocks', message: expect.stringContaining(String(LIMITS.messageBlockTextBudget)) },
    ]);
  });

  it('flags blocks over the JSON budget even when their text is within its own', () => {
    // The shape of bolt-js #2867's rejected message: many small sections, each with a button.
    const blocks = Array.from({ length: 45 }, (_, i) => ({
      type: 'section',
      block_id: `finding:${i}`,
      text: md('x'.repeat(200)),
      accessory: { type: 'button', text: pt('Suppress…'), action_id: `a${i}`, value: 'v'.repeat(150) },
    }));
    expect(validateMessage(blocks, 't')).toEqual([
      { pointer: '/blocks', message: expect.stringContaining(String(LIMITS.messageJsonBudget)) },
    ]);
  });

  it('flags unknown block types rather than passing them unchecked', () => {
    expect(pointers(validateMessage([{ type: 'sparkle' }], 't'))).toEqual(['/blocks/0/type']);
  });
});

describe('validateView', () => {
  const modal = (over: Record<string, unknown> = {}) => ({
    type: 'modal',
    title: pt('Mute #12'),
    submit: pt('Mute'),
    blocks: [{ type: 'input', label: pt('Reason'), element: { type: 'plain_text_input', action_id: 'r' } }],
    ...over,
  });

  it('accepts a valid modal and home', () => {
    expect(validateView(modal())).toEqual([]);
    expect(validateView({ type: 'home', blocks: [sectionOf('hi')] })).toEqual([]);
  });

  it('flags a title over 24 characters and a missing submit with inputs', () => {
    const v = validateView(modal({ title: pt('x'.repeat(25)), submit: undefined }));
    expect(pointers(v)).toEqual(['/title/text', '/submit']);
  });

  it('flags more than 100 blocks, long private_metadata and callback_id', () => {
    const v = validateView({
      type: 'home',
      blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })),
      private_metadata: 'm'.repeat(3001),
      callback_id: 'c'.repeat(256),
    });
    expect(pointers(v)).toEqual(['/blocks', '/private_metadata', '/callback_id']);
  });

  it('checks inputs: label, hint, lengths, initial value, datepicker format', () => {
    const v = validateView(
      modal({
        blocks: [
          {
            type: 'input',
            label: pt('l'.repeat(2001)),
            hint: pt('h'.repeat(2001)),
            element: {
              type: 'plain_text_input',
              action_id: 'r',
              min_length: 10,
              max_length: 5,
              initial_value: 'x'.repeat(6),
            },
          },
          {
            type: 'input',
            label: pt('d'),
            element: { type: 'datepicker', action_id: 'd', initial_date: '28/11/2026' },
          },
        ],
      }),
    );
    expect(pointers(v)).toEqual([
      '/blocks/0/label/text',
      '/blocks/0/hint/text',
      '/blocks/0/element/min_length',
      '/blocks/0/element/initial_value',
      '/blocks/1/element/initial_date',
    ]);
  });

  it('flags a view over 250 kB', () => {
    const blocks = Array.from({ length: 100 }, () => ({
      type: 'section',
      fields: Array.from({ length: 10 }, () => md('é'.repeat(2000))),
    }));
    expect(pointers(validateView({ type: 'home', blocks }))).toEqual(['']);
  });
});

describe('measure', () => {
  it('counts every text object, nested ones too, and the JSON in UTF-8 bytes', () => {
    const blocks = [
      sectionOf('abc'),
      {
        type: 'actions',
        elements: [{ type: 'button', text: pt('é'), action_id: 'a', confirm: { title: pt('xy') } }],
      },
    ];
    const size = measure(blocks);
    expect(size.blocks).toBe(2);
    expect(size.text).toBe(3 + 1 + 2);
    expect(size.json).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(blocks)));
  });

  it('adds up: a list is never more than its parts', () => {
    const a = [sectionOf('a'.repeat(100))];
    const b = [sectionOf('b'), { type: 'divider' }];
    const whole = measure([...a, ...b]);
    const parts = [measure(a), measure(b)];
    expect(whole.json).toBeLessThanOrEqual(parts[0]!.json + parts[1]!.json);
    expect(whole.text).toBe(parts[0]!.text + parts[1]!.text);
  });
});

describe('fitList', () => {
  const item = (n: number): KnownBlock[] => [
    { type: 'section', text: { type: 'mrkdwn', text: `item ${n}` } },
  ];
  const more = (hidden: number): KnownBlock[] => [
    { type: 'context', elements: [{ type: 'mrkdwn', text: `… and ${hidden} more` }] },
  ];

  it('shows everything, with no "more", when it fits', () => {
    const r = fitList({ budget: MESSAGE_BUDGET, items: [1, 2, 3], render: item, more });
    expect(r.shown).toBe(3);
    expect(r.blocks).toHaveLength(3);
  });

  it('keeps room for head, tail and "more" within the block count', () => {
    const head = item(0);
    const tail: KnownBlock[] = [{ type: 'divider' }];
    const r = fitList({
      budget: MESSAGE_BUDGET,
      head,
      tail,
      items: Array.from({ length: 500 }, (_, i) => i),
      render: item,
      more,
    });
    expect(r.blocks).toHaveLength(MESSAGE_BUDGET.blocks);
    expect(r.shown).toBe(MESSAGE_BUDGET.blocks - 3);
    expect(r.blocks.at(-2)).toEqual(more(500 - r.shown)[0]);
    expect(r.blocks.at(-1)).toEqual(tail[0]);
  });

  it('fills the last slot with an item rather than "more" when that item is the last', () => {
    const items = Array.from({ length: MESSAGE_BUDGET.blocks }, (_, i) => i);
    const r = fitList({ budget: MESSAGE_BUDGET, items, render: item, more });
    expect(r.shown).toBe(MESSAGE_BUDGET.blocks);
  });

  it('stops at the text and JSON budgets, not only the block count', () => {
    const big = (n: number): KnownBlock[] => [
      { type: 'section', text: { type: 'mrkdwn', text: `${n}`.padEnd(2900, 'x') } },
    ];
    const r = fitList({
      budget: MESSAGE_BUDGET,
      items: Array.from({ length: 40 }, (_, i) => i),
      render: big,
      more,
    });
    expect(r.shown).toBe(3);
    expect(validateMessage(r.blocks, 't')).toEqual([]);
    const wide = (n: number): KnownBlock[] => [
      {
        type: 'section',
        block_id: `b${n}`.padEnd(250, 'x'),
        text: { type: 'mrkdwn', text: 'x'.repeat(150) },
      },
    ];
    const w = fitList({
      budget: MESSAGE_BUDGET,
      items: Array.from({ length: 49 }, (_, i) => i),
      render: wide,
      more,
    });
    // Within the block count and the text budget: the JSON is what stops it.
    expect(measure(w.blocks).text).toBeLessThan(MESSAGE_BUDGET.text);
    expect(w.shown).toBeLessThan(40);
    expect(measure(w.blocks).json).toBeLessThanOrEqual(MESSAGE_BUDGET.json);
  });

  it('renders only the items it tries, and honours max', () => {
    let rendered = 0;
    const r = fitList({
      budget: VIEW_BUDGET,
      items: Array.from({ length: 100_000 }, (_, i) => i),
      render: (n) => {
        rendered++;
        return item(n);
      },
      more,
      max: 10,
    });
    expect(r.shown).toBe(10);
    expect(rendered).toBe(10);
    expect(r.blocks.at(-1)).toEqual(more(100_000 - 10)[0]);
  });
});

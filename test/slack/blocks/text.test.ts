import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeBlock,
  cut,
  escapeMrkdwn,
  inlineCode,
  link,
  plain,
  untrusted,
} from '../../../src/slack/blocks/text.js';
import { SECRETS } from './fixtures.js';

const ZWSP = '\u200B';
const MB10 = 10 * 1024 * 1024;

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here>', '&lt;!here&gt;'],
    ['<@U123>', '&lt;@U123&gt;'],
    ['<#C123>', '&lt;#\u200BC123&gt;'],
    ['<!subteam^S1>', '&lt;!subteam^S1&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['&lt;', '&amp;lt;'],
    ['a & b', 'a &amp; b'],
  ])('escapes %s so it shows literally', (input, out) => {
    expect(escapeMrkdwn(input)).toBe(out);
  });

  it('escapes & before < and > (never double-escapes its own output)', () => {
    expect(escapeMrkdwn('<&>')).toBe('&lt;&amp;&gt;');
  });

  it('leaves other mrkdwn characters alone', () => {
    expect(escapeMrkdwn('*b* _i_ ~s~ "q" \'a\'')).toBe('*b* _i_ ~s~ "q" \'a\'');
  });

  it.each(['@channel', '@here', '@everyone', '@Channel'])(
    'breaks a plain %s with a zero-width space',
    (m) => {
      const out = escapeMrkdwn(`hey ${m} now`);
      expect(out).toBe(`hey @${ZWSP}${m.slice(1)} now`);
      expect(out).not.toMatch(/@(here|channel|everyone)/i);
    },
  );

  it('breaks a leading #channel but not C# or a # inside a word', () => {
    expect(escapeMrkdwn('#general and C# and a#b')).toBe(`#${ZWSP}general and C# and a#b`);
  });
});

describe('cut', () => {
  it('adds an ellipsis and stays within the limit', () => {
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(cut('abc', 4)).toBe('abc');
  });

  it('never splits an entity', () => {
    const s = escapeMrkdwn('ab<<<<');
    for (let max = 1; max <= s.length; max++) {
      const out = cut(s, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
  });

  it('never splits a surrogate pair', () => {
    const out = cut('ab😀😀😀', 4);
    expect(out).toBe('ab…');
  });
});

describe('untrusted', () => {
  it('masks, escapes, and cuts in that order', () => {
    expect(untrusted('<!channel> password=hunter2', 100)).toBe('&lt;!channel&gt; password=****');
  });

  it('displays an already-escaped entity literally', () => {
    expect(untrusted('&lt;', 10)).toBe('&amp;lt;');
  });

  it('measures the limit after escaping', () => {
    const out = untrusted('<'.repeat(1000), 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.endsWith('…')).toBe(true);
    expect(out.slice(0, -1)).toMatch(/^(&lt;)+$/);
  });

  it('drops control and bidi characters and normalises line ends', () => {
    expect(untrusted('a\u0000b\u202Ec\r\nd\u0007', 100)).toBe('abc\nd');
  });

  it('can keep text on one line', () => {
    expect(untrusted('a\n\n  b\tc', 100, { oneLine: true })).toBe('a b c');
  });

  it('is empty for null and undefined', () => {
    expect(untrusted(null, 10)).toBe('');
    expect(untrusted(undefined, 10)).toBe('');
  });

  it('handles a 10 MB string fast and marks the cut', () => {
    const s = `${'x'.repeat(MB10)}<!channel>`;
    const t = performance.now();
    const out = untrusted(s, 3000);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.endsWith('…')).toBe(true);
  });

  it('does not leak half a secret at the edge of the window it reads', () => {
    // A masked PEM block shrinks by thousands of characters, so the end of the raw window that
    // untrusted() reads can land in the output; a secret cut in half there must not show.
    const max = 400;
    const windowEnd = max + 8192;
    const tail = ` ${SECRETS.awsKeyId} ${SECRETS.awsSecret} end`;
    for (let into = 1; into < 40; into += 3) {
      const secretStart = windowEnd - into;
      const head = '-----BEGIN RSA PRIVATE KEY-----\n';
      const end = '\n-----END RSA PRIVATE KEY----- ';
      const body = 'A'.repeat(secretStart - SECRETS.awsKeyId.length - 2 - head.length - end.length);
      const s = `${head}${body}${end}${tail}`;
      expect(s.indexOf(SECRETS.awsSecret)).toBe(secretStart);
      const out = untrusted(s, max);
      expect(out).toContain('AKIA…****');
      expect(out).not.toContain(SECRETS.awsSecret.slice(0, 4));
    }
  });

  it('never exceeds the limit and never emits raw < or > (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: 1, max: 300 }),
        (s, max) => {
          const out = untrusted(s, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(out).not.toMatch(/[<>]/);
          expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps hostile markup inert for any mix (property)', () => {
    const pieces = fc.constantFrom(
      '<!channel>',
      '<@U1>',
      '&',
      '<',
      '>',
      '@here',
      '`',
      'a',
      ' ',
      '\n',
      '&lt;',
      '#x',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), fc.integer({ min: 1, max: 200 }), (parts, max) => {
        const out = untrusted(parts.join(''), max);
        expect(out).not.toMatch(/<[!@#]/);
        expect(out).not.toMatch(/@here/);
        expect(out.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 300 },
    );
  });
});

describe('plain', () => {
  it('masks and cuts but does not escape', () => {
    expect(plain('a < b & password=x', 100)).toBe('a < b & password=****');
    expect(plain('x'.repeat(200), 150)).toHaveLength(150);
  });
});

describe('codeBlock', () => {
  it('fences escaped, masked text with backticks neutralised', () => {
    const out = codeBlock('x ```<!channel>``` token=abc', 200);
    expect(out).toBe('```\nx ˋˋˋ&lt;!channel&gt;ˋˋˋ token=****\n```');
  });

  it('fits the whole block, fences included, in the limit', () => {
    for (const max of [9, 10, 50, 1200]) {
      const out = codeBlock('<&>'.repeat(2000), max);
      expect(out.length).toBeLessThanOrEqual(Math.max(max, 9));
      expect(out.startsWith('```\n')).toBe(true);
      expect(out.endsWith('\n```')).toBe(true);
      expect(out.slice(4, -4)).not.toContain('`');
    }
  });

  it('never shows empty fences', () => {
    expect(codeBlock('', 100)).toBe('```\n \n```');
    expect(codeBlock(null, 100)).toBe('```\n \n```');
  });

  it('has no backtick inside for any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 9, max: 400 }), (s, max) => {
        const out = codeBlock(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.slice(3, -3)).not.toContain('`');
      }),
      { numRuns: 300 },
    );
  });
});

describe('inlineCode', () => {
  it('is one line, escaped, with backticks neutralised', () => {
    expect(inlineCode('a`b\n<c>', 50)).toBe('`aˋb &lt;c&gt;`');
    expect(inlineCode('', 50)).toBe('` `');
    expect(inlineCode('x'.repeat(100), 20).length).toBeLessThanOrEqual(20);
  });
});

describe('link', () => {
  it('links a plain https URL with the label', () => {
    expect(link('https://docs.aws.amazon.com/x.html', 'Protect data')).toBe(
      '<https://docs.aws.amazon.com/x.html|Protect data>',
    );
  });

  it.each([
    ['javascript:alert(1)'],
    ['http://example.com/'],
    ['https://evil.example|<!channel>'],
    ['https://a.example/>x'],
    ['https://a.example/ b'],
    [`https://a.example/?k=${SECRETS.awsKeyId}`],
    [`https://a.example/${'x'.repeat(1000)}`],
  ])('gives the label alone for %s', (url) => {
    expect(link(url, 'label')).toBe('label');
  });

  it('keeps a | in the label from ending it early', () => {
    expect(link('https://a.example/', 'a|b')).toBe('<https://a.example/|a/b>');
  });
});

import { describe, expect, it } from 'vitest';
import { digestMessage } from '../../../src/slack/blocks/digest.js';
import {
  allText,
  DAY,
  expectNoInjection,
  expectValidMessage,
  HOSTILE,
  HOUR,
  MINUTE,
  makeIncident,
  SECRET_LINE,
  T0,
} from './fixtures.js';

const TZ = 'UTC';

describe('digestMessage', () => {
  it('summarises the period', () => {
    const m = digestMessage({
      from: T0 - 7 * DAY,
      to: T0,
      opened: 12,
      resolved: 9,
      reopened: 2,
      noisiest: [
        { functionName: 'a', occurrences: 5 },
        { functionName: 'orders-api', occurrences: 1234 },
      ],
      meanTimeToAcknowledgeMs: 14 * MINUTE,
      meanTimeToResolveMs: 3 * HOUR + 20 * MINUTE,
      stillOpen: [makeIncident({ id: 5, severity: 'low' }), makeIncident({ id: 6, severity: 'critical' })],
      timeZone: TZ,
    });
    expect(m.text).toBe('Pillar digest: 12 opened, 9 resolved, 2 came back, 2 still open');
    const text = allText(m.blocks);
    expect(text).toContain('*Opened*\n12');
    expect(text).toContain('*Mean time to acknowledge*\n14 min');
    expect(text).toContain('*Mean time to resolve*\n3 h 20 min');
    expect(text).toMatch(/1\. `orders-api` — 1,234 failures\n2\. `a` — 5 failures/);
    expect(text.indexOf('*#6*')).toBeLessThan(text.indexOf('*#5*'));
    expectValidMessage(m);
  });

  it('takes a count for still open, and leaves out unknown means', () => {
    const m = digestMessage({
      from: T0 - DAY,
      to: T0,
      opened: 0,
      resolved: 0,
      reopened: 0,
      noisiest: [],
      stillOpen: 0,
      timeZone: TZ,
    });
    const text = allText(m.blocks);
    expect(text).not.toContain('Mean time');
    expect(text).toContain('Nothing is open. 🎉');
    expectValidMessage(m);
  });

  it('stays within limits with many hostile entries', () => {
    const m = digestMessage({
      from: T0 - DAY,
      to: T0,
      opened: 1e6,
      resolved: 1,
      reopened: 1,
      noisiest: HOSTILE.map((h, k) => ({ functionName: `${h}${SECRET_LINE}`, occurrences: k })),
      stillOpen: Array.from({ length: 300 }, (_, k) =>
        makeIncident({ id: k, functionName: `<!channel>${'y'.repeat(5000)}` }),
      ),
      timeZone: TZ,
    });
    expectNoInjection(m);
    expectValidMessage(m);
    expect(allText(m.blocks)).toContain('… and 290 more');
  });
});

import type { InputBlock, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { muteModal } from '../../../src/slack/blocks/modals.js';
import { muteModal as ids, views } from '../../../src/slack/ids.js';
import {
  allText,
  DAY,
  expectNoInjection,
  expectValidView,
  HOSTILE,
  HOUR,
  makeIncident,
  SECRET_LINE,
  T0,
} from './fixtures.js';

const TZ = 'UTC';

function input(blocks: KnownBlock[], blockId: string): InputBlock {
  const b = blocks.find((x): x is InputBlock => x.type === 'input' && x.block_id === blockId);
  if (!b) throw new Error(`no input ${blockId}`);
  return b;
}

describe('muteModal', () => {
  const meta = JSON.stringify({ incidentId: 12, channel: 'C0123ALERTS', ts: '1700000000.000100' });

  it('asks how long and why, with the ids the submission reads', () => {
    const view = muteModal({ incident: makeIncident(), privateMetadata: meta, now: T0, timeZone: TZ });
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(views.mute);
    expect(view.private_metadata).toBe(meta);
    expect(view.title.text).toBe('Mute #12');
    expect(view.submit?.text).toBe('Mute');

    const duration = input(view.blocks as KnownBlock[], ids.durationBlock);
    expect(duration.element.type).toBe('static_select');
    if (duration.element.type !== 'static_select') throw new Error();
    expect(duration.element.action_id).toBe(ids.durationAction);
    expect(duration.element.options?.map((o) => o.value)).toEqual(['1h', '24h', '7d', 'date']);
    expect(duration.element.initial_option?.value).toBe('date');

    const until = input(view.blocks as KnownBlock[], ids.untilBlock);
    expect(until.optional).toBe(true);
    expect(until.element).toMatchObject({
      type: 'datepicker',
      action_id: ids.untilAction,
      initial_date: '2026-11-29',
    });

    const reason = input(view.blocks as KnownBlock[], ids.reasonBlock);
    expect(reason.optional).toBeUndefined();
    expect(reason.element).toMatchObject({
      type: 'plain_text_input',
      action_id: ids.reasonAction,
      multiline: true,
      max_length: 500,
    });
    expectValidView(view);
  });

  it('offers a datepicker day that is in the future for the submission (00:00 UTC)', () => {
    const late = Date.parse('2026-11-28T23:59:00Z');
    const view = muteModal({
      incident: makeIncident(),
      privateMetadata: meta,
      now: late,
      timeZone: 'Pacific/Kiritimati',
    });
    const until = input(view.blocks as KnownBlock[], ids.untilBlock).element;
    expect(until).toMatchObject({ initial_date: '2026-11-29' });
    expect(Date.parse('2026-11-29T00:00:00Z')).toBeGreaterThan(late);
  });

  it('shows the current mute and prefills its reason when already muted', () => {
    const view = muteModal({
      incident: makeIncident({
        state: 'muted',
        mutedBy: 'U0123ANA',
        mutedUntil: T0 + DAY,
        muteReason: 'deploy',
      }),
      privateMetadata: meta,
      now: T0,
      timeZone: TZ,
    });
    expect(allText(view.blocks)).toContain('Now: 🔕 *Muted* by <@U0123ANA> until');
    expect(input(view.blocks as KnownBlock[], ids.reasonBlock).element).toMatchObject({
      initial_value: 'deploy',
    });
    expectValidView(view);
  });

  it('keeps hostile incidents inert and within limits', () => {
    for (const h of [...HOSTILE, SECRET_LINE, 'x'.repeat(100_000)]) {
      const view = muteModal({
        incident: makeIncident({
          id: 999_999_999,
          functionName: h,
          errorType: h,
          lastMessage: h,
          state: 'muted',
          muteReason: h,
          mutedBy: h,
          mutedUntil: T0 + HOUR,
          assignee: h,
        }),
        privateMetadata: meta,
        now: T0,
        timeZone: h,
      });
      expectNoInjection(view);
      expectValidView(view);
    }
  });
});

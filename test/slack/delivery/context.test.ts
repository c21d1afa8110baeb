import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { deliverySettings } from '../../../src/slack/delivery/context.js';
import { defaultDeliverySettings } from '../../../src/slack/delivery/index.js';
import { MINUTE } from './helpers.js';

describe('delivery settings', () => {
  const base = loadConfig({}, { readFile: () => '' });

  it('are the defaults without incidents settings or overrides', () => {
    expect(deliverySettings({ settings: { slack: base.slack, schedules: base.schedules } })).toEqual(
      defaultDeliverySettings,
    );
  });

  it('take reminders and the note interval from the incidents settings (minutes), then the overrides', () => {
    const incidents = {
      ...base.incidents,
      remindAfterMinutes: 5,
      remindEveryMinutes: 15,
      threadNoteMinutes: 2,
    };
    const settings = { slack: base.slack, schedules: base.schedules, incidents };
    expect(deliverySettings({ settings })).toEqual({
      ...defaultDeliverySettings,
      remindAfterMs: 5 * MINUTE,
      remindEveryMs: 15 * MINUTE,
      noteIntervalMs: 2 * MINUTE,
    });
    expect(
      deliverySettings({ settings, delivery: { noteIntervalMs: MINUTE, editIntervalMs: 1 } }),
    ).toMatchObject({
      remindAfterMs: 5 * MINUTE,
      noteIntervalMs: MINUTE,
      editIntervalMs: 1,
    });
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { incidentMessages } from '../../../src/db/schema.js';
import { createEditor } from '../../../src/slack/delivery/edit.js';
import { CrashForTest } from '../../helpers/crash.js';
import { platformError, rateLimitedError } from '../../helpers/web-client.js';
import { ALERTS, type DeliverySetup, deliverySetup, MINUTE, OPS, posted, SECOND, T0 } from './helpers.js';

function rowOf(s: DeliverySetup, incidentId: number) {
  return s.db.select().from(incidentMessages).where(eq(incidentMessages.incidentId, incidentId)).get()!;
}

describe('editing changed messages', () => {
  it('folds a burst of changes into one edit per 10 s, showing the latest revision', async () => {
    const s = deliverySetup();
    const editor = createEditor(s.ctx);
    const id = s.fail('orders-api');
    posted(s, id);

    s.incidents.acknowledge(id, 'U1');
    s.incidents.assign(id, 'U1', 'U2');
    await editor.editChanged(new Set());
    // Posted at T0: the first edit waits for the interval.
    expect(s.slack.of('chat.update')).toHaveLength(0);

    s.clock.advance(10 * SECOND);
    await editor.editChanged(new Set());
    expect(s.slack.of('chat.update')).toMatchObject([{ channel: ALERTS, ts: `ts-${id}-${ALERTS}` }]);
    expect(s.slack.of('chat.update')[0]!.text).toEqual(s.ctx.render(s.incidents.get(id)!).text);
    expect(rowOf(s, id)).toMatchObject({ renderedRevision: 3, lastUpdateAt: T0 + 10 * SECOND });
    expect(s.ctx.stats.edits).toBe(1);

    s.clock.advance(SECOND);
    s.incidents.resolve(id, 'U1');
    s.clock.advance(4 * SECOND);
    await editor.editChanged(new Set());
    expect(s.slack.of('chat.update')).toHaveLength(1);
    s.clock.advance(5 * SECOND);
    await editor.editChanged(new Set());
    await editor.editChanged(new Set());
    expect(s.slack.of('chat.update')).toHaveLength(2);
    expect(rowOf(s, id).renderedRevision).toBe(4);
  });

  it('follows the edit interval setting', async () => {
    const s = deliverySetup({ delivery: { editIntervalMs: MINUTE } });
    const editor = createEditor(s.ctx);
    const id = s.fail('orders-api');
    posted(s, id);
    s.incidents.acknowledge(id, 'U1');
    s.clock.advance(59 * SECOND);
    await editor.editChanged(new Set());
    expect(s.slack.of('chat.update')).toHaveLength(0);
    s.clock.advance(SECOND);
    await editor.editChanged(new Set());
    expect(s.slack.of('chat.update')).toHaveLength(1);
  });

  it('skips paused channels, and pauses the rest of a channel that answers 429', async () => {
    const s = deliverySetup();
    const editor = createEditor(s.ctx);
    const first = s.fail('a-fn');
    const second = s.fail('b-fn');
    const other = s.fail('c-fn');
    posted(s, first);
    s.clock.advance(1);
    posted(s, second);
    s.clock.advance(1);
    posted(s, other, OPS);
    for (const id of [first, second, other]) s.incidents.acknowledge(id, 'U1');
    s.clock.advance(10 * SECOND);

    const paused = new Set<string>();
    s.slack.failNext('chat.update', rateLimitedError(20));
    await editor.editChanged(paused);
    // The 429 on the first ALERTS edit holds the second one back; OPS goes on.
    expect(s.slack.of('chat.update').map((a) => a.channel)).toEqual([ALERTS, OPS]);
    expect([...paused]).toEqual([ALERTS]);
    expect(s.ctx.stats).toMatchObject({ edits: 1, rateLimited: 1 });
    expect(rowOf(s, first)).toMatchObject({ attempts: 1, nextAttemptAt: s.clock.now() + 20 * SECOND });

    await editor.editChanged(new Set([ALERTS]));
    expect(s.slack.of('chat.update')).toHaveLength(2);
  });

  it('stops editing a message Slack says is gone', async () => {
    const s = deliverySetup();
    const editor = createEditor(s.ctx);
    const id = s.fail('orders-api');
    posted(s, id);
    s.incidents.acknowledge(id, 'U1');
    s.clock.advance(10 * SECOND);
    s.slack.failNext('chat.update', platformError('message_not_found'));
    await editor.editChanged(new Set());
    expect(rowOf(s, id)).toMatchObject({ state: 'failed', lastError: 'message_not_found' });
    expect(s.ctx.stats.errors).toBe(1);
    s.incidents.resolve(id, 'U1');
    s.clock.advance(MINUTE);
    await editor.editChanged(new Set());
    expect(s.slack.of('chat.update')).toHaveLength(1);
  });

  it('lets a process death through instead of recording it as a Slack error', async () => {
    const s = deliverySetup();
    const editor = createEditor(s.ctx);
    const id = s.fail('orders-api');
    posted(s, id);
    s.incidents.acknowledge(id, 'U1');
    s.clock.advance(10 * SECOND);
    s.slack.failNext('chat.update', new CrashForTest('killed during chat.update'));
    await expect(editor.editChanged(new Set())).rejects.toThrow(CrashForTest);
    expect(rowOf(s, id)).toMatchObject({ attempts: 0, renderedRevision: 1 });
    expect(s.ctx.stats.errors).toBe(0);
  });
});

describe('updating at once', () => {
  it('edits every posted message of the incident whatever the interval, and the next pass has nothing to do', async () => {
    const s = deliverySetup();
    const editor = createEditor(s.ctx);
    const id = s.fail('orders-api');
    posted(s, id);
    posted(s, id, OPS);
    s.incidents.acknowledge(id, 'U1');
    await editor.updateNow(id);
    expect(s.slack.of('chat.update').map((a) => a.channel)).toEqual([ALERTS, OPS]);
    s.clock.advance(MINUTE);
    await editor.editChanged(new Set());
    expect(s.slack.of('chat.update')).toHaveLength(2);
  });

  it('does nothing for an unknown incident or one not posted yet', async () => {
    const s = deliverySetup();
    const editor = createEditor(s.ctx);
    const id = s.fail('orders-api');
    await editor.updateNow(id);
    await editor.updateNow(id + 1);
    expect(s.slack.calls).toEqual([]);
  });
});

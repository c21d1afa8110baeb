import { describe, expect, it } from 'vitest';
import { createDelivery } from '../../../src/slack/delivery/index.js';
import { ALERTS, deliverySetup } from './helpers.js';

/** SIGTERM: the pass ends after the Slack call in flight; what is left waits in the outbox. */
describe('delivery.stop', () => {
  it('ends the pass after the call in flight, and the next process posts the rest, each once', async () => {
    const s = deliverySetup({ delivery: { channelGapMs: 0 } });
    for (let k = 0; k < 10; k++) s.fail(`fn-${k}`);
    // A slow Slack: every post takes 100 ms of real time.
    const post = s.slack.client.chat.postMessage.bind(s.slack.client.chat);
    s.slack.client.chat.postMessage = (async (args: Parameters<typeof post>[0]) => {
      await new Promise((r) => setTimeout(r, 100));
      return post(args);
    }) as typeof post;
    const first = createDelivery({ ...s.deps, owner: 'first' });
    const pass = first.drain();
    await new Promise((r) => setTimeout(r, 250));
    const stoppedAt = Date.now();
    first.stop();
    const stats = await pass;
    expect(Date.now() - stoppedAt).toBeLessThan(500);
    expect(stats.posts).toBeGreaterThan(0);
    expect(stats.posts).toBeLessThan(10);
    expect((await first.drain()).posts).toBe(0);

    const next = createDelivery({ ...s.deps, owner: 'next' });
    await next.drain();
    const messages = s.slack.channels.get(ALERTS) ?? [];
    expect(messages).toHaveLength(10);
    const ids = messages.map(
      (m) => (m.metadata as { event_payload: { incident_id: number } }).event_payload.incident_id,
    );
    expect(new Set(ids).size).toBe(10);
  });
});

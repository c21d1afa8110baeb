import { afterEach, describe, expect, it } from 'vitest';
import { jobsFor } from '../../src/app/schedule.js';
import { ALERTS, type PillarHarness, pillarHarness } from '../helpers/pillar.js';

/** After a degraded spell, the alerts channel hears once that Pillar works again, and for how long it did not. */
let h: PillarHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the health job', () => {
  it('posts one short note when Pillar recovers, naming what was wrong and how long', async () => {
    h = await pillarHarness();
    const health = jobsFor(h.pillar).find((j) => j.name === 'health')!;
    h.pillar.health.ingestSucceeded();
    await health.run();
    expect(h.slack.workspace.topLevel(ALERTS)).toHaveLength(0);

    h.pillar.health.deliveryFailed('fetch failed');
    h.clock.advance(6 * 60_000);
    h.pillar.health.ingestSucceeded();
    await health.run();
    expect(h.pillar.health.report().status).toBe('degraded');
    expect(h.slack.workspace.topLevel(ALERTS)).toHaveLength(0);

    h.clock.advance(4 * 60_000);
    h.pillar.health.deliverySucceeded();
    h.pillar.health.ingestSucceeded();
    await health.run();
    const notes = h.slack.workspace.topLevel(ALERTS);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toBe('Pillar is working again after 10 min degraded');
    const body = JSON.stringify(notes[0]!.blocks);
    expect(body).toContain('Slack delivery has failed for 6 min');
    expect(body).toContain('Alerts that queued meanwhile are being posted now, oldest first, each once.');

    await health.run();
    expect(h.slack.workspace.topLevel(ALERTS)).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { jobsFor } from '../../src/app/schedule.js';
import { digestStats } from '../../src/jobs/digest.js';
import { prune } from '../../src/jobs/prune.js';
import { ALERTS, ALICE, oneIncident, type PillarHarness, pillarHarness } from '../helpers/pillar.js';

let h: PillarHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const _orders = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;

describe('reminders', () => {
  it('reminds in the thread after remindAfterMinutes, then at most every remindEveryMinutes, until acknowledged', async () => {
    h = await pillarHarness({
      settings: (s) => ({
        ...s,
        incidents: { ...s.incidents, remindAfterMinutes: 20, remindEveryMinutes: 30 },
      }),
    });
    const m = await oneIncident(h);
    const reminders = () =>
      h!.slack.workspace.thread(ALERTS, m.ts).filter((r) => /⏰|unacknowledged|Still/i.test(r.text));
    h.clock.advance(19 * 60_000);
    await h.drain();
    expect(reminders()).toHaveLength(0);
    h.clock.advance(2 * 60_000);
    await h.drain();
    expect(reminders()).toHaveLength(1);
    h.clock.advance(10 * 60_000);
    await h.drain();
    expect(reminders()).toHaveLength(1);
    h.clock.advance(25 * 60_000);
    await h.drain();
    expect(reminders()).toHaveLength(2);
    h.pillar.incidents.acknowledge(1, ALICE);
    h.clock.advance(60 * 60_000);
    await h.drain();
    expect(reminders()).toHaveLength(2);
  });
});

describe('daily digest', () => {
  it('counts opened, resolved and regressed incidents, the noisiest functions and time to acknowledge', async () => {
    h = await pillarHarness();
    await oneIncident(h);
    const from = h.clock.now() - 3_600_000;
    h.clock.advance(10 * 60_000);
    h.pillar.incidents.acknowledge(1, ALICE);
    h.clock.advance(10 * 60_000);
    h.pillar.incidents.resolve(1, ALICE);
    const stats = digestStats(h.db, from, h.clock.now() + 1);
    expect(stats).toMatchObject({ opened: 1, resolved: 1, reopened: 0, stillOpen: 0 });
    expect(stats.noisiest).toEqual([{ functionName: 'orders-api', occurrences: 1 }]);
    expect(stats.meanTimeToAcknowledgeMs).toBeGreaterThanOrEqual(10 * 60_000);
    expect(stats.meanTimeToResolveMs).toBeGreaterThan(stats.meanTimeToAcknowledgeMs!);
  });

  it('the digest job posts one message to the alerts channel', async () => {
    h = await pillarHarness();
    await oneIncident(h);
    const job = jobsFor(h.pillar).find((j) => j.name === 'digest')!;
    const before = h.slack.workspace.topLevel(ALERTS).length;
    await job.run();
    const posted = h.slack.workspace.topLevel(ALERTS);
    expect(posted).toHaveLength(before + 1);
    expect(posted.at(-1)!.text).toMatch(/orders-api|digest|opened/i);
  });
});

describe('retention', () => {
  it('prunes old invocations and long-resolved incidents, keeping the rest', async () => {
    h = await pillarHarness();
    await oneIncident(h);
    h.pillar.incidents.resolve(1, ALICE);
    expect(prune(h.db, h.clock.now(), 90)).toMatchObject({ incidents: 0, invocations: 0 });
    const later = h.clock.now() + 91 * 86_400_000;
    const r = prune(h.db, later, 90);
    expect(r.incidents).toBe(1);
    expect(r.invocations).toBeGreaterThan(0);
  });
});

describe('/healthz', () => {
  it('answers with the ingestion health of each account and region', async () => {
    h = await pillarHarness();
    await oneIncident(h);
    const port = (h.pillar.server!.address() as { port: number }).port;
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      problems: string[];
      accounts: Array<{ account: string; region: string }>;
    };
    expect(body.status).toBe('ok');
    expect(body.problems).toEqual([]);
    expect(body.accounts).toEqual([expect.objectContaining({ account: 'prod', region: 'us-east-1' })]);
  });
});

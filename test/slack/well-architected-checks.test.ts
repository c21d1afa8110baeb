import { afterEach, describe, expect, it } from 'vitest';
import { demoInventory } from '../../sim/aws/index.js';
import type { SimEphemeral } from '../../sim/slack/index.js';
import { jobsFor } from '../../src/app/schedule.js';
import { validateMessage } from '../../src/slack/blocks/limits.js';
import { actions, findingBlockId, suppressModal, views } from '../../src/slack/ids.js';
import { addFunction, invoke, PROD } from '../helpers/ingest.js';
import { ALERTS, ALICE, type PillarHarness, pillarHarness } from '../helpers/pillar.js';

let h: PillarHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function runChecks(harness: PillarHarness): Promise<void> {
  const job = jobsFor(harness.pillar).find((j) => j.name === 'checks');
  expect(job?.schedule).toBe(harness.settings.schedules.checks);
  await job!.run();
}

async function wa(harness: PillarHarness, text: string, user = ALICE): Promise<string> {
  const before = harness.slack.workspace.ephemeralFor(user).length;
  const res = await harness.slack.send.slashCommand({ user, channel: ALERTS, text });
  expect(res.status).toBe(200);
  const all = harness.slack.workspace.ephemeralFor(user);
  expect(all.length).toBeGreaterThan(before);
  const e: SimEphemeral = all.at(-1)!;
  return `${e.text} ${JSON.stringify(e.blocks ?? [])}`;
}

const summaries = (harness: PillarHarness) =>
  harness.slack.workspace.topLevel(ALERTS).filter((m) => /Well-Architected checks/.test(m.text));

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('the daily checks job', () => {
  it('posts one summary per account and region, within Block Kit limits, with See all and Suppress buttons', async () => {
    h = await pillarHarness();
    demoInventory(h.sim.state);
    await runChecks(h);
    const posted = summaries(h);
    expect(posted).toHaveLength(1);
    const m = posted[0]!;
    expect(validateMessage(m.blocks ?? [], m.text)).toEqual([]);
    const body = JSON.stringify(m.blocks);
    expect(body).toContain('Security');
    expect(body).toContain('Reliability');
    expect(body).toContain('Fix:');
    expect(body).toContain(actions.checksSeeAll);
    expect(body.split(actions.checksSuppress).length - 1).toBe(5);
    // The most severe findings come first: the demo has critical secrets in variables.
    expect(body).toContain('lambda-env-secrets');
    const open = h.pillar.findings.open();
    expect(m.text).toContain(`${open.length} failing findings, ${open.length} new, 0 fixed`);

    // See all answers ephemerally with the full list.
    const before = h.slack.workspace.ephemeralFor(ALICE).length;
    await h.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.checksSeeAll },
    });
    const eph = h.slack.workspace.ephemeralFor(ALICE);
    expect(eph.length).toBe(before + 1);
    expect(JSON.stringify(eph.at(-1)!.blocks)).toContain(`${open.length} failing findings`);
  });

  it('a second scan reports what was fixed in the account, and keeps first seen', async () => {
    h = await pillarHarness();
    demoInventory(h.sim.state);
    await runChecks(h);
    const before = h.pillar.findings
      .open({ resourceName: '/aws/lambda/orders-api' })
      .find((f) => f.checkId === 'logs-retention-set');
    expect(before).toBeDefined();
    const firstOrders = h.pillar.findings.open({ resourceName: 'orders-api' })[0]!;
    h.sim.state.updateLogGroup(PROD, 'us-east-1', '/aws/lambda/orders-api', { retentionInDays: 30 });
    h.clock.advance(86_400_000);
    await runChecks(h);
    const second = summaries(h).at(-1)!;
    expect(second.text).toMatch(/0 new, 1 fixed/);
    expect(JSON.stringify(second.blocks)).toContain('Fixed since the last scan');
    expect(JSON.stringify(second.blocks)).toContain('/aws/lambda/orders-api');
    expect(
      h.pillar.findings
        .open({ resourceName: '/aws/lambda/orders-api' })
        .some((f) => f.checkId === 'logs-retention-set'),
    ).toBe(false);
    const still = h.pillar.findings.get(firstOrders.id)!;
    expect(still.firstSeenAt).toBe(firstOrders.firstSeenAt);
    expect(still.lastSeenAt).toBeGreaterThanOrEqual(firstOrders.lastSeenAt + 86_400_000);
    expect(still.fixedAt).toBeNull();
  });
});

describe('lists longer than a message', () => {
  it('/wa checks shows what fits and pages through the rest with Next page, in place', async () => {
    h = await pillarHarness();
    demoInventory(h.sim.state);
    for (let k = 0; k < 40; k++) addFunction(h.sim, { name: `batch-worker-${k}` });
    await runChecks(h);
    const all = h.pillar.findings.open({ service: 'lambda' });
    expect(all.length).toBeGreaterThan(60);

    await wa(h, 'checks lambda');
    const first = h.slack.workspace.ephemeralFor(ALICE).at(-1)!;
    expect(validateMessage(first.blocks ?? [], first.text)).toEqual([]);
    const firstBody = JSON.stringify(first.blocks);
    expect(firstBody).toContain(`${all.length} failing findings`);
    expect(firstBody).toMatch(/… and \d+ more/);
    expect(firstBody).toContain(actions.checksPage);

    const count = h.slack.workspace.ephemeralFor(ALICE).length;
    await h.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: first.ts,
      action: { actionId: actions.checksPage },
    });
    // The next page replaces the list rather than piling up messages.
    const list = h.slack.workspace.ephemeralFor(ALICE);
    expect(list).toHaveLength(count);
    const second = list.at(-1)!;
    expect(validateMessage(second.blocks ?? [], second.text)).toEqual([]);
    const shownFirst = (firstBody.match(/"block_id":"finding:\d+"/g) ?? []).length;
    expect(JSON.stringify(second.blocks)).toContain(`showing ${shownFirst + 1}–`);
    expect(JSON.stringify(second.blocks)).not.toContain(firstBody.match(/"block_id":"finding:\d+"/)![0]);
  });
});

describe('suppressing from Slack', () => {
  it('Suppress opens a modal; a valid submission hides the finding from /wa checks and App Home and lists it as suppressed', async () => {
    h = await pillarHarness();
    demoInventory(h.sim.state);
    await runChecks(h);
    const m = summaries(h)[0]!;
    const target = h.pillar.findings
      .open({ resourceName: 'orders-api' })
      .find((f) => f.checkId === 'lambda-env-secrets')!;
    expect(await wa(h, 'checks orders-api')).toContain('lambda-env-secrets');
    await h.slack.send.appHomeOpened({ user: ALICE });
    const securityBefore = h.pillar.findings.failingByPillar()!.security;
    expect(JSON.stringify(h.slack.workspace.home(ALICE)?.blocks)).toContain(
      `${securityBefore} failing checks`,
    );

    await h.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.checksSuppress, blockId: findingBlockId(target.id) },
    });
    const modal = h.slack.workspace.modalStack(ALICE).at(-1);
    expect(modal?.callbackId).toBe(views.suppress);
    expect(JSON.stringify(modal?.blocks)).toContain('orders-api');

    // Refused in the modal: no reason, a past date, a date more than a year out.
    const now = h.clock.now();
    const bad: Array<[Record<string, Record<string, string>>, string]> = [
      [{ [suppressModal.reasonBlock]: { [suppressModal.reasonAction]: '' } }, suppressModal.reasonBlock],
      [
        {
          [suppressModal.reasonBlock]: { [suppressModal.reasonAction]: 'x' },
          [suppressModal.untilBlock]: { [suppressModal.untilAction]: day(now - 86_400_000) },
        },
        suppressModal.untilBlock,
      ],
      [
        {
          [suppressModal.reasonBlock]: { [suppressModal.reasonAction]: 'x' },
          [suppressModal.untilBlock]: { [suppressModal.untilAction]: day(now + 400 * 86_400_000) },
        },
        suppressModal.untilBlock,
      ],
    ];
    for (const [values, block] of bad) {
      const r = await h.slack.send.viewSubmission({ user: ALICE, values, skipClientValidation: true });
      expect((r.json as { errors?: Record<string, string> }).errors?.[block]).toBeTruthy();
    }
    expect(h.pillar.findings.suppressions()).toHaveLength(0);

    const until = day(now + 10 * 86_400_000);
    await h.slack.send.viewSubmission({
      user: ALICE,
      values: {
        [suppressModal.scopeBlock]: { [suppressModal.scopeAction]: 'resource' },
        [suppressModal.untilBlock]: { [suppressModal.untilAction]: until },
        [suppressModal.reasonBlock]: { [suppressModal.reasonAction]: 'rotating the key this sprint' },
      },
    });
    const [s] = h.pillar.findings.suppressions();
    expect(s).toMatchObject({
      checkId: 'lambda-env-secrets',
      resource: target.resourceId,
      createdBy: ALICE,
      source: 'slack',
      reason: 'rotating the key this sprint',
      expiresAt: Date.parse(`${until}T00:00:00Z`),
      createdAt: now,
    });

    const list = await wa(h, 'checks orders-api');
    expect(list).not.toContain('lambda-env-secrets');
    expect(list).toContain('lambda-public-policy');
    const suppressed = await wa(h, 'checks suppressed');
    expect(suppressed).toContain('lambda-env-secrets');
    expect(suppressed).toContain(`<@${ALICE}>`);
    expect(suppressed).toContain('rotating the key this sprint');
    expect(suppressed).toContain(`<!date^${Math.floor(s!.expiresAt / 1000)}^`);

    await h.slack.send.appHomeOpened({ user: ALICE });
    expect(h.pillar.findings.failingByPillar()!.security).toBe(securityBefore - 1);
    expect(JSON.stringify(h.slack.workspace.home(ALICE)?.blocks)).toContain(
      `${securityBefore - 1} failing checks`,
    );

    // Still recorded: the finding stays open in the store.
    expect(h.pillar.findings.get(target.id)?.fixedAt).toBeNull();
  });

  it('an expired suppression stops hiding the finding', async () => {
    h = await pillarHarness();
    demoInventory(h.sim.state);
    await runChecks(h);
    h.pillar.findings.suppress({
      checkId: 'lambda-url-auth-none',
      resource: 'thumbnail-*',
      reason: 'retiring',
      expiresAt: h.clock.now() + 86_400_000,
      user: ALICE,
    });
    expect(await wa(h, 'checks thumbnail-legacy')).not.toContain('lambda-url-auth-none');
    h.clock.advance(2 * 86_400_000);
    expect(await wa(h, 'checks thumbnail-legacy')).toContain('lambda-url-auth-none');
    expect(await wa(h, 'checks suppressed')).toContain('Nothing is suppressed');
  });
});

describe('/wa checks', () => {
  it('filters by pillar, service and function; a bad filter gets the usage line; settings suppressions hide findings', async () => {
    h = await pillarHarness({
      settings: (s) => ({
        ...s,
        checks: {
          ...s.checks,
          suppressions: [{ check: 'lambda-code-signing', reason: 'not adopted yet', expires: '2099-01-01' }],
        },
      }),
    });
    expect(await wa(h, 'checks')).toContain('have not run yet');
    demoInventory(h.sim.state);
    await runChecks(h);
    const security = await wa(h, 'checks security');
    expect(security).toContain('lambda-env-secrets');
    expect(security).not.toContain('lambda-arm64');
    expect(security).not.toContain('lambda-code-signing');
    expect(await wa(h, 'checks sustainability')).toContain('lambda-arm64');
    const logs = await wa(h, 'checks logs');
    expect(logs).toContain('logs-retention-set');
    expect(logs).not.toContain('lambda-env-secrets');
    const fn = await wa(h, 'checks payments-webhook');
    expect(fn).toContain('lambda-dlq-configured');
    expect(fn).not.toContain('orders-api');
    expect(await wa(h, 'checks security extra')).toMatch(/Usage/);
    const suppressed = await wa(h, 'checks suppressed');
    expect(suppressed).toContain('the settings file');
    expect(suppressed).toContain('not adopted yet');
    // Recorded all the same.
    const { n } = h.db.$client
      .prepare("select count(*) as n from findings where check_id = 'lambda-code-signing'")
      .get() as {
      n: number;
    };
    expect(n).toBeGreaterThan(0);
  });
});

describe('incident messages', () => {
  it('a timeout lists the failing timeout-related checks of its function', async () => {
    h = await pillarHarness();
    const fn = { name: 'payments-webhook', runtime: 'nodejs22.x', format: 'Text' } as const;
    addFunction(h.sim, fn);
    demoInventory(h.sim.state);
    await runChecks(h);
    invoke(h.sim, fn, h.clock.now() - 30_000, { outcome: 'timeout' });
    await h.ingest();
    await h.drain();
    const alert = h.slack.workspace
      .topLevel(ALERTS)
      .find(
        (m) => /payments-webhook/.test(JSON.stringify(m.blocks)) && !/Well-Architected checks/.test(m.text),
      );
    expect(alert).toBeDefined();
    const body = JSON.stringify(alert!.blocks);
    expect(body).toContain('Well-Architected checks failing for this function');
    expect(body).toContain('lambda-dlq-configured');
    expect(body).toContain('lambda-async-failure-destination');
    // Not related to a timeout.
    expect(body).not.toContain('lambda-code-signing');
  });
});

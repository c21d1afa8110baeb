import { afterEach, describe, expect, it } from 'vitest';
import { actions } from '../../src/slack/ids.js';
import { ALERTS, ALICE, oneIncident, type PillarHarness, pillarHarness } from '../helpers/pillar.js';

/**
 * Who may triage, and from where: the App Home answers its clicks (it has no `response_url`), and
 * with no `permissions:` set only members of the incident's channel may resolve or mute.
 */
let h: PillarHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const _orders = { name: 'orders-api', runtime: 'nodejs20.x', format: 'Text' } as const;
const OUTSIDER = 'U0OUTSIDER';

/** The app's DM with a user: where Pillar answers Home-tab clicks. */
function dmTexts(harness: PillarHarness, user: string): string[] {
  return harness.slack.workspace.imChannel(user).messages.map((m) => m.text);
}

describe('App Home triage', () => {
  it('acknowledges from the Home tab, tells the user, republishes the tab; a second click answers without an error', async () => {
    h = await pillarHarness();
    await oneIncident(h);
    await h.slack.send.appHomeOpened({ user: ALICE });
    const home = h.slack.workspace.home(ALICE)!;
    expect(JSON.stringify(home.blocks)).toContain(actions.acknowledge);
    const published = h.slack.calls.count('views.publish');

    const first = await h.slack.send.blockAction({
      user: ALICE,
      viewId: home.id,
      action: { actionId: actions.acknowledge },
    });
    expect(first.status).toBe(200);
    expect(h.pillar.incidents.get(1)?.state).toBe('acknowledged');
    expect(dmTexts(h, ALICE)).toEqual(['Incident #1 acknowledged.']);
    expect(h.slack.calls.count('views.publish')).toBeGreaterThan(published);

    // The same button on the tab the user still had open (a second click before it refreshed).
    const stale = JSON.parse(new URLSearchParams(first.rawBody).get('payload')!);
    stale.actions[0].action_ts = `${Number(stale.actions[0].action_ts) + 1}`;
    stale.trigger_id = `${stale.trigger_id}-2`;
    const again = await h.slack.send.raw({
      body: new URLSearchParams({ payload: JSON.stringify(stale) }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(again.status).toBe(200);
    expect(dmTexts(h, ALICE).at(-1)).toBe('Incident #1 was already acknowledged; nothing changed.');
    expect(h.pillar.incidents.get(1)?.state).toBe('acknowledged');
  });
});

describe('default permissions (no permissions: in the settings)', () => {
  async function withOutsider() {
    h = await pillarHarness();
    h.slack.workspace.addUser({
      id: OUTSIDER,
      name: 'olga',
      realName: 'Olga Outside',
      email: 'o@example.com',
      tz: 'UTC',
    });
    const alerts = h.slack.workspace.channelById(ALERTS)!;
    alerts.members.splice(alerts.members.indexOf(OUTSIDER), 1);
    const m = await oneIncident(h);
    return { m, harness: h };
  }

  it('refuses resolve and mute to a user outside the alerts channel, from a DM too, and changes nothing', async () => {
    const { harness } = await withOutsider();
    const dm = harness.slack.workspace.imChannel(OUTSIDER).id;
    for (const text of ['resolve 1', 'mute 1 7d silencing prod']) {
      const before = harness.slack.workspace.ephemeralFor(OUTSIDER).length;
      const res = await harness.slack.send.slashCommand({ user: OUTSIDER, channel: dm, text });
      expect(res.status).toBe(200);
      const said = harness.slack.workspace
        .ephemeralFor(OUTSIDER)
        .slice(before)
        .map((e) => e.text)
        .join(' ');
      const ack = res.body;
      expect(`${said} ${ack}`).toMatch(
        /Only members of <#C0ALERTS01> may (resolve or reopen|mute or unmute) incidents/,
      );
    }
    expect(harness.pillar.incidents.get(1)?.state).toBe('open');
  });

  it('refuses the outsider’s button clicks too, and lets a member of the channel resolve', async () => {
    const { m, harness } = await withOutsider();
    await harness.slack.send.blockAction({
      user: OUTSIDER,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.resolve },
    });
    expect(harness.pillar.incidents.get(1)?.state).toBe('open');
    await harness.slack.send.blockAction({
      user: ALICE,
      channel: ALERTS,
      messageTs: m.ts,
      action: { actionId: actions.resolve },
    });
    expect(harness.pillar.incidents.get(1)?.state).toBe('resolved');
  });

  it('says in /wa help who may do what', async () => {
    h = await pillarHarness({
      settings: (s) => ({ ...s, permissions: { ...s.permissions, mute: ['S0ONCALL01'] } }),
    });
    await h.slack.send.slashCommand({ user: ALICE, channel: ALERTS, text: 'help' });
    const help = h.slack.workspace.ephemeralFor(ALICE).at(-1)!;
    const text = JSON.stringify(help.blocks);
    expect(text).toContain("Resolve or reopen incidents: members of the incident's channel");
    expect(text).toContain('Mute or unmute incidents: <!subteam^S0ONCALL01>');
  });
});

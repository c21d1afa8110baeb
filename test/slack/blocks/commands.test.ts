import type { Button, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { incidentStates } from '../../../src/db/schema.js';
import {
  actionResultMessage,
  helpMessage,
  incidentListMessage,
  statusMessage,
  targetHealth,
  usageMessage,
} from '../../../src/slack/blocks/commands.js';
import { actions } from '../../../src/slack/ids.js';
import {
  actionIds,
  allText,
  expectNoInjection,
  expectValidMessage,
  HOSTILE,
  HOUR,
  MINUTE,
  makeGroup,
  makeIncident,
  makeTarget,
  SECRET_LINE,
  T0,
} from './fixtures.js';

const TZ = 'UTC';

describe('helpMessage', () => {
  it('lists every subcommand', () => {
    const m = helpMessage();
    const text = allText(m.blocks);
    for (const sub of [
      'incidents',
      'ack',
      'resolve',
      'reopen',
      'mute',
      'unmute',
      'assign',
      'status',
      'help',
    ]) {
      expect(text).toContain(`/wa ${sub}`);
    }
    expectValidMessage(m);
  });

  it('shows <id>, <function> and <reason> as text, not as Slack markup', () => {
    const text = allText(helpMessage().blocks);
    expect(text).toContain('`/wa ack &lt;id&gt;`');
    expect(text).toContain('&lt;reason&gt;');
    expect(text).not.toMatch(/<(?!!date\^)/);
  });
});

describe('usageMessage', () => {
  it('says the problem in one line and shows the usage', () => {
    const m = usageMessage(
      'For how long? Give a duration such as 1h.',
      '/wa mute <id> <1h|24h|7d|YYYY-MM-DD> [reason]',
    );
    expect(m.text).toBe('⚠️ For how long? Give a duration such as 1h.');
    expect(allText(m.blocks)).toContain(
      '*Usage*\n`/wa mute &lt;id&gt; &lt;1h|24h|7d|YYYY-MM-DD&gt; [reason]`',
    );
    expectValidMessage(m);
  });

  it('shows every usage when none is given, and escapes what the user typed', () => {
    const m = usageMessage('Unknown subcommand "<!channel>".');
    expect(allText(m.blocks)).toContain('`/wa status`');
    expectNoInjection(m);
    expectValidMessage(m);
  });
});

describe('statusMessage', () => {
  const ok = makeTarget();
  const failing = makeTarget({
    region: 'eu-west-1',
    lastSuccessAt: T0 - HOUR,
    lastErrorAt: T0 - MINUTE,
    lastErrorCode: 'aws_access_denied',
    lastErrorMessage:
      'Access denied: logs:FilterLogEvents in prod/eu-west-1. Add logs:FilterLogEvents to the role Pillar uses.',
    consecutiveErrors: 4,
  });
  const stale = makeTarget({ region: 'us-west-2', lastSuccessAt: T0 - HOUR });
  const behind = makeTarget({ region: 'ap-south-1', lagMs: 20 * MINUTE });
  const waiting = makeTarget({ region: 'sa-east-1', lastSuccessAt: null, lagMs: null });

  it('classifies targets', () => {
    expect(targetHealth(ok, T0)).toBe('ok');
    expect(targetHealth(failing, T0)).toBe('failing');
    expect(targetHealth(stale, T0)).toBe('stale');
    expect(targetHealth(behind, T0)).toBe('behind');
    expect(targetHealth(waiting, T0)).toBe('waiting');
  });

  it('is not green when every log group it tried failed, and partial when some did', () => {
    expect(targetHealth(makeTarget({ groupsRead: 0, groupsFailed: 12 }), T0)).toBe('failing');
    expect(targetHealth(makeTarget({ groupsRead: 3, groupsFailed: 2 }), T0)).toBe('partial');
    expect(targetHealth(makeTarget({ groupsRead: 0, groupsFailed: 0, lastGroupReadAt: null }), T0)).toBe(
      'waiting',
    );
    expect(targetHealth(makeTarget({ lastGroupReadAt: T0 - 2 * HOUR }), T0)).toBe('stale');
  });

  it('never says "delivery fine" while a channel is rate limited, and counts throttled calls', () => {
    const m = statusMessage({
      targets: [makeTarget({ throttles: 7 })],
      groups: { total: 3, failing: [] },
      delivery: [
        { channel: 'C0123ALERTS', lastSuccessAt: T0 - MINUTE, rateLimitedUntil: T0 + MINUTE, rateLimits: 2 },
      ],
      now: T0,
      timeZone: 'UTC',
    });
    expect(m.text).not.toMatch(/delivery fine/);
    expect(m.text).toMatch(/1 channel rate limited/);
    expect(m.text).toMatch(/7 throttled calls/);
    expect(JSON.stringify(m.blocks)).toContain('7 throttled calls last cycle');
  });

  it('shows its own fix text whole: advice that names a token is not masked', () => {
    const m = statusMessage({
      targets: [makeTarget()],
      groups: { total: 3, failing: [] },
      delivery: [
        {
          channel: 'C0123ALERTS',
          lastSuccessAt: T0 - HOUR,
          lastErrorAt: T0 - MINUTE,
          lastError: 'invalid_auth',
          fix: 'Slack rejected the bot token: check SLACK_BOT_TOKEN (xoxb-…) and reinstall the app.',
        },
      ],
      now: T0,
      timeZone: 'UTC',
    });
    expect(JSON.stringify(m.blocks)).toContain(
      'Slack rejected the bot token: check SLACK_BOT_TOKEN (xoxb-…) and reinstall the app.',
    );
  });

  it('shows per account and region the last success, lag, and errors with their fix', () => {
    const m = statusMessage({
      targets: [ok, failing, stale, behind, waiting],
      groups: { total: 312, failing: [makeGroup()] },
      delivery: [
        { channel: 'C0123ALERTS', lastSuccessAt: T0 - MINUTE, rateLimits: 0 },
        {
          channel: 'C0123OTHER',
          lastSuccessAt: T0 - HOUR,
          lastErrorAt: T0 - MINUTE,
          lastError: 'not_in_channel',
          fix: 'Invite Pillar to the channel: /invite @Pillar',
        },
        { channel: 'C0123SHORT', error: 'channel_not_found', fix: 'Check slack.alertsChannel', at: T0 },
      ],
      now: T0,
      timeZone: TZ,
    });
    const text = allText(m.blocks);
    expect(text).toContain('✅ *prod · us-east-1* — last read <!date');
    expect(text).toContain('lag 45 s · 34 log groups');
    expect(text).toContain('🔴 *prod · eu-west-1*');
    expect(text).toContain('(4 in a row): `aws_access_denied` Access denied: logs:FilterLogEvents');
    expect(text).toContain('Add logs:FilterLogEvents to the role Pillar uses.');
    expect(text).toContain('🟠 *prod · us-west-2*');
    expect(text).toContain('🟡 *prod · ap-south-1*');
    expect(text).toContain('⏳ *prod · sa-east-1* — no successful read yet');
    expect(text).toContain('*Log groups*: 312 watched, 1 failing:');
    expect(text).toContain('`/aws/lambda/orders-api`');
    expect(text).toContain('✅ <#C0123ALERTS> — last post');
    expect(text).toContain('🔴 <#C0123OTHER>');
    expect(text).toContain('Fix: Invite Pillar to the channel: /invite @Pillar');
    expect(text).toContain('🔴 <#C0123SHORT>');
    expect(text).toContain('Fix: Check slack.alertsChannel');
    expect(m.text).toBe(
      'Pillar status: 1 target failing, 3 not reading normally, 1 log groups failing, 2 channels failing',
    );
    expectValidMessage(m);
  });

  it('says when all is well', () => {
    const m = statusMessage({
      targets: [ok],
      groups: { total: 3, failing: [] },
      delivery: [],
      now: T0,
      timeZone: TZ,
    });
    expect(m.text).toBe('Pillar status: all 1 target reading, delivery fine');
    expect(allText(m.blocks)).toContain('3 watched, none failing.');
  });

  it('stays within limits for many targets, groups and channels with hostile errors', () => {
    const targets = Array.from({ length: 300 }, (_, i) =>
      makeTarget({
        account: HOSTILE[i % HOSTILE.length]!,
        region: `r-${i}`,
        lastErrorAt: T0,
        lastErrorCode: '<!here>',
        lastErrorMessage: `${SECRET_LINE} ${'x'.repeat(5000)}`,
        metricProbeError: '<!channel>',
      }),
    );
    const groups = Array.from({ length: 20 }, (_, i) =>
      makeGroup({ id: i, logGroup: `<!channel>${'g'.repeat(600)}`, lastErrorMessage: SECRET_LINE }),
    );
    const delivery = Array.from({ length: 100 }, (_, i) => ({
      channel: i % 2 ? `C${i}XYZ` : '<!channel>',
      lastError: SECRET_LINE,
      lastErrorAt: T0,
      fix: '<https://evil.example|click>',
    }));
    const m = statusMessage({
      targets,
      groups: { total: 5000, failing: groups },
      delivery,
      now: T0,
      timeZone: TZ,
    });
    expectValidMessage(m);
    expectNoInjection(m);
    expect(allText(m.blocks)).toMatch(/… and \d+ more/);
  });
});

describe('incidentListMessage', () => {
  const list = incidentStates.map((state, k) =>
    makeIncident({ id: k + 1, state, ...(state === 'acknowledged' ? { acknowledgedBy: 'U0123ANA' } : {}) }),
  );

  it('shows compact lines with id, severity, state, function, kind, occurrences and last seen', () => {
    const m = incidentListMessage({
      incidents: list,
      filter: 'all',
      total: list.length,
      now: T0,
      timeZone: TZ,
    });
    const first = (m.blocks[1] as SectionBlock).text!.text;
    expect(first).toMatch(
      /^🔴 \*#1\* TypeError in orders-api\nHigh · 🔥 Open · Uncaught exception · 42 occurrences · last <!date/,
    );
    expect(allText(m.blocks)).toContain('👀 Acknowledged by <@');
    expect(m.text).toMatch(/^4 incidents \(all\): #1 TypeError in orders-api/);
    expectValidMessage(m);
  });

  it('offers Acknowledge only next to open incidents', () => {
    const m = incidentListMessage({ incidents: list, filter: '', total: list.length, now: T0, timeZone: TZ });
    expect(actionIds(m.blocks)).toEqual([actions.listAcknowledge]);
    const btn = (m.blocks[1] as SectionBlock).accessory as Button;
    expect(btn.value).toBe('1');
  });

  it('shows at most 20 with "and N more"', () => {
    const many = Array.from({ length: 30 }, (_, k) => makeIncident({ id: k + 1 }));
    const m = incidentListMessage({ incidents: many, filter: 'open', total: 140, now: T0, timeZone: TZ });
    expect(m.blocks.filter((b) => b.type === 'section')).toHaveLength(21);
    expect(allText(m.blocks)).toContain('… and 120 more');
    expect(allText(m.blocks)).toContain('*140 incidents* (open) · showing 20');
    expectValidMessage(m);
  });

  it('says when nothing matches', () => {
    const m = incidentListMessage({ incidents: [], filter: 'open', total: 0, now: T0, timeZone: TZ });
    expect(m.text).toBe('No incidents (open).');
    expect(allText(m.blocks)).toContain('All quiet.');
    expectValidMessage(m);
  });

  it('keeps hostile incidents and filters inert and within limits', () => {
    const hostile = Array.from({ length: 20 }, (_, k) =>
      makeIncident({
        id: k,
        functionName: `${HOSTILE[k % HOSTILE.length]}${'x'.repeat(10_000)}`,
        errorType: HOSTILE[(k + 1) % HOSTILE.length]!,
        acknowledgedBy: '<!channel>',
        state: k % 2 ? 'acknowledged' : 'open',
      }),
    );
    const m = incidentListMessage({
      incidents: hostile,
      filter: '<!channel>',
      total: 20,
      now: T0,
      timeZone: TZ,
    });
    expectNoInjection(m);
    expectValidMessage(m);
  });
});

describe('actionResultMessage', () => {
  it('says what changed and shows the incident', () => {
    const m = actionResultMessage({
      action: 'ack',
      id: 12,
      incident: makeIncident({ state: 'acknowledged', acknowledgedBy: 'U0123ANA' }),
      changed: true,
      timeZone: TZ,
    });
    expect(m.text).toBe('👀 Incident #12 acknowledged.');
    expect(allText(m.blocks)).toContain('*#12* TypeError in orders-api');
    expectValidMessage(m);
  });

  it('says when nothing changed', () => {
    const m = actionResultMessage({
      action: 'resolve',
      id: 12,
      incident: makeIncident({ state: 'resolved' }),
      changed: false,
      timeZone: TZ,
    });
    expect(m.text).toBe('Incident #12 was already resolved; nothing changed.');
  });

  it('names the assignee and the mute end', () => {
    expect(
      actionResultMessage({
        action: 'assign',
        id: 3,
        incident: makeIncident({ assignee: 'U0123BOB' }),
        changed: true,
        timeZone: TZ,
      }).text,
    ).toContain('assigned to <@U0123BOB>');
    expect(
      actionResultMessage({
        action: 'mute',
        id: 3,
        incident: makeIncident({ state: 'muted', mutedUntil: T0 + HOUR }),
        changed: true,
        timeZone: TZ,
      }).text,
    ).toMatch(/^🔕 Incident #3 muted until <!date/);
  });

  it('shows an error escaped', () => {
    const m = actionResultMessage({
      action: 'mute',
      id: 3,
      changed: false,
      error: '"<!channel>" is not a duration',
      timeZone: TZ,
    });
    expect(m.text).toBe('⚠️ "&lt;!channel&gt;" is not a duration');
    expectNoInjection(m);
  });
});

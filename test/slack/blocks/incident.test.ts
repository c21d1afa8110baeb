import type { ActionsBlock, Button, KnownBlock, SectionBlock, StaticSelect, UsersSelect } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentStates } from '../../../src/db/schema.js';
import type { Incident } from '../../../src/incidents/types.js';
import { failureKinds } from '../../../src/logs/record.js';
import {
  actionNote,
  consoleLogsUrl,
  incidentMessage,
  occurrenceNote,
  regressionNote,
  reminderNote,
} from '../../../src/slack/blocks/incident.js';
import { actions, incidentActionsBlockId, incidentIdFromBlockId } from '../../../src/slack/ids.js';
import { incidentSeverities } from '../../../src/vocabulary.js';
import {
  actionIds,
  allText,
  DAY,
  expectNoInjection,
  expectValidMessage,
  HOSTILE,
  HOUR,
  MINUTE,
  makeAction,
  makeIncident,
  makeSample,
  SECRET_LINE,
  SECRETS,
  T0,
} from './fixtures.js';

const TZ = 'Europe/Berlin';

function inState(state: Incident['state'], over: Partial<Incident> = {}): Incident {
  const base: Partial<Incident> = { state };
  if (state === 'acknowledged')
    Object.assign(base, { acknowledgedBy: 'U0123ANA', acknowledgedAt: T0 - 30 * MINUTE });
  if (state === 'resolved') Object.assign(base, { resolvedBy: 'U0123BOB', resolvedAt: T0 - 10 * MINUTE });
  if (state === 'muted') {
    Object.assign(base, { mutedBy: 'U0123ANA', mutedUntil: T0 + DAY, muteReason: 'deploy in progress' });
  }
  return makeIncident({ ...base, ...over });
}

function render(incident: Incident, extra: Partial<Parameters<typeof incidentMessage>[0]> = {}) {
  return incidentMessage({ incident, sample: makeSample(), now: T0, timeZone: TZ, ...extra });
}

function actionsOf(blocks: KnownBlock[]): ActionsBlock {
  const a = blocks.find((b): b is ActionsBlock => b.type === 'actions');
  if (!a) throw new Error('no actions block');
  return a;
}

function headerText(blocks: KnownBlock[]): string {
  const h = blocks[0];
  if (h?.type !== 'header') throw new Error('first block is not a header');
  return h.text.text;
}

describe('incidentMessage', () => {
  it('shows what failed, where, how often and when', () => {
    const m = render(makeIncident());
    expect(headerText(m.blocks)).toBe('🔴 TypeError in orders-api · #12');
    const text = allText(m.blocks);
    expect(text).toContain('*Severity*\n🔴 High');
    expect(text).toContain('*Failure*\nUncaught exception');
    expect(text).toContain('*Function*\n`orders-api`');
    expect(text).toContain('*Account · Region*\nprod · us-east-1');
    expect(text).toContain('*Occurrences*\n42');
    expect(text).toContain("*TypeError*: Cannot read properties of undefined (reading 'id')");
    expect(text).toContain('`at handler (/var/task/src/handlers/orders.js:12:9)`');
    // Slack date tokens, with a fallback in the configured zone.
    expect(text).toContain(
      `<!date^${(T0 - 2 * HOUR) / 1000}^{date_short_pretty} at {time}|2026-11-28 11:00 GMT+1>`,
    );
    expect(text).toContain(`<!date^${(T0 - MINUTE) / 1000}^{date_short_pretty} at {time} ({ago})|`);
    expect(text).toContain('_Unassigned_');
    expect(text).toContain('Incident #12 · log group `/aws/lambda/orders-api`');
    expectValidMessage(m);
  });

  it('has a fallback text for notifications', () => {
    expect(render(makeIncident()).text).toBe(
      "🔴 High: orders-api — TypeError: Cannot read properties of undefined (reading 'id')",
    );
    expect(render(inState('resolved')).text).toMatch(/^✅ Resolved · 🔴 High: orders-api — TypeError: /);
  });

  it('shows the last failing invocation', () => {
    const text = allText(render(makeIncident()).blocks);
    expect(text).toContain('*Last failing invocation*');
    expect(text).toContain('Request `8f14e45f-ceea-467f-a0e6-1b2c3d4e5f60`');
    expect(text).toContain('3.00 s of 3 s timeout');
    expect(text).toContain('128 of 128 MB memory');
    expect(text).toContain('Cold start: yes (init 812 ms)');
    expect(text).toContain('Retry: no');
  });

  it('shows warm starts, retries and missing figures sensibly', () => {
    const text = allText(
      render(makeIncident(), {
        sample: makeSample({
          coldStart: false,
          initDurationMs: null,
          retry: true,
          durationMs: null,
          maxMemoryUsedMB: null,
          timeoutSeconds: 900,
          requestId: null,
        }),
      }).blocks,
    );
    expect(text).toContain('Cold start: no');
    expect(text).toContain('Retry: yes');
    expect(text).toContain('timeout 900 s');
    expect(text).toContain('128 MB memory');
    expect(text).not.toContain('Request `');
  });

  it('shows a masked log excerpt in a code block of at most ~1,200 characters', () => {
    const excerpt = `${SECRET_LINE}\n${'x'.repeat(5000)}`;
    const m = render(makeIncident(), { sample: makeSample({ excerpt }) });
    const block = m.blocks.find(
      (b): b is SectionBlock => b.type === 'section' && (b.text?.text.startsWith('*Log excerpt*') ?? false),
    );
    expect(block).toBeDefined();
    const code = block!.text!.text.slice('*Log excerpt*\n'.length);
    expect(code.length).toBeLessThanOrEqual(1200);
    expect(code.startsWith('```\n')).toBe(true);
    expect(code.endsWith('\n```')).toBe(true);
    expect(code).toContain('AKIA…****');
    expectNoInjection(m);
    expectValidMessage(m);
  });

  it('leaves out the invocation and excerpt when there is no sample', () => {
    const m = incidentMessage({ incident: makeIncident(), now: T0, timeZone: TZ });
    expect(allText(m.blocks)).not.toContain('Last failing invocation');
    expect(allText(m.blocks)).not.toContain('```');
    expectValidMessage(m);
  });

  it.each(failureKinds.map((k) => [k]))(
    'names the failure kind %s in words, also without an error type',
    (kind) => {
      const labels: Record<string, string> = {
        timeout: 'Timeout',
        out_of_memory: 'Out of memory',
        init_error: 'Init failure',
        runtime_exit: 'Runtime exit',
        uncaught_exception: 'Uncaught exception',
        error_log: 'Logged error',
      };
      const m = render(makeIncident({ failureKind: kind, errorType: null }));
      expect(headerText(m.blocks)).toBe(`🔴 ${labels[kind]} in orders-api · #12`);
      expect(allText(m.blocks)).toContain(`*Failure*\n${labels[kind]}`);
      expectValidMessage(m);
    },
  );

  it.each(incidentSeverities.map((s) => [s]))('shows severity %s with an emoji and a word', (severity) => {
    const m = render(makeIncident({ severity }));
    const word = severity.charAt(0).toUpperCase() + severity.slice(1);
    expect(allText(m.blocks)).toMatch(new RegExp(`\\*Severity\\*\\n\\S+ ${word}`));
    expect(m.text).toContain(`${word}: orders-api`);
  });

  it('marks a regression', () => {
    const text = allText(render(makeIncident({ regressions: 2, lastRegressionAt: T0 - MINUTE })).blocks);
    expect(text).toContain('↩️ *Regression*: it came back after it was resolved (2 times)');
    expect(allText(render(makeIncident()).blocks)).not.toContain('Regression');
  });

  it('shows the assignee and preselects them in the Assign menu', () => {
    const m = render(makeIncident({ assignee: 'U0123ANA' }));
    expect(allText(m.blocks)).toContain('*Assignee*\n<@U0123ANA>');
    const assign = actionsOf(m.blocks).elements.find((e): e is UsersSelect => e.type === 'users_select');
    expect(assign?.initial_user).toBe('U0123ANA');
    expect(assign?.action_id).toBe(actions.assign);
  });

  it('never renders an assignee that is not a user id as a mention', () => {
    const m = render(makeIncident({ assignee: '<!channel>' }));
    const assign = actionsOf(m.blocks).elements.find((e): e is UsersSelect => e.type === 'users_select');
    expect(assign?.initial_user).toBeUndefined();
    expectNoInjection(m);
  });

  describe('state line and buttons per state', () => {
    const expected: Record<Incident['state'], { line: RegExp; ids: string[] }> = {
      open: {
        line: /^🔥 \*Open\* since <!date\^\d+\^.*\(\{ago\}\)\|.*> · not acknowledged yet$/,
        ids: [actions.acknowledge, actions.resolve, actions.mute, actions.assign, actions.openLogs],
      },
      acknowledged: {
        line: /^👀 \*Acknowledged\* by <@U0123ANA> <!date\^\d+\^\{date_short_pretty\} at \{time\}\|.*>$/,
        ids: [actions.resolve, actions.mute, actions.assign, actions.openLogs],
      },
      resolved: {
        line: /^✅ \*Resolved\* by <@U0123BOB> <!date/,
        ids: [actions.reopen, actions.assign, actions.openLogs],
      },
      muted: {
        line: /^🔕 \*Muted\* by <@U0123ANA> until <!date\^\d+\^.*> — deploy in progress$/,
        ids: [actions.resolve, actions.unmute, actions.mute, actions.assign, actions.openLogs],
      },
    };

    it.each(incidentStates.map((s) => [s]))('%s', (state) => {
      const m = render(inState(state));
      const line = (m.blocks[1] as SectionBlock).text!.text;
      expect(line).toMatch(expected[state].line);
      expect(actionIds(m.blocks)).toEqual(expected[state].ids);
      expectValidMessage(m);
    });

    it('uses the state as the header emoji once it needs no work', () => {
      expect(headerText(render(inState('resolved')).blocks)).toMatch(/^✅ /);
      expect(headerText(render(inState('muted')).blocks)).toMatch(/^🔕 /);
      expect(headerText(render(inState('acknowledged')).blocks)).toMatch(/^🔴 /);
    });

    it('says when a mute has already ended', () => {
      const m = render(inState('muted', { mutedUntil: T0 - MINUTE }));
      expect((m.blocks[1] as SectionBlock).text!.text).toContain(
        '(ended; alerts resume with the next occurrence)',
      );
    });

    it('makes the next step the primary button', () => {
      const primary = (i: Incident) =>
        actionsOf(render(i).blocks)
          .elements.filter((e): e is Button => e.type === 'button' && e.style === 'primary')
          .map((e) => e.text.text);
      expect(primary(inState('open'))).toEqual(['Acknowledge']);
      expect(primary(inState('acknowledged'))).toEqual(['Resolve']);
      expect(primary(inState('muted'))).toEqual([]);
    });
  });

  it('wires the controls to the ids handlers read', () => {
    const m = render(makeIncident({ id: 4321, revision: 7 }));
    const block = actionsOf(m.blocks);
    expect(block.block_id).toBe(incidentActionsBlockId(4321, 7));
    expect(incidentIdFromBlockId(block.block_id)).toBe(4321);
    for (const e of block.elements) {
      if (e.type === 'button' && e.action_id !== actions.openLogs) expect(e.value).toBe('4321');
    }
    const mute = block.elements.find((e): e is StaticSelect => e.type === 'static_select')!;
    expect(mute.action_id).toBe(actions.mute);
    expect(mute.options?.map((o) => [o.text.text, o.value])).toEqual([
      ['1 hour', '4321:1h'],
      ['24 hours', '4321:24h'],
      ['7 days', '4321:7d'],
      ['Until a date…', '4321:custom'],
    ]);
    const logs = block.elements.find(
      (e): e is Button => e.type === 'button' && e.action_id === actions.openLogs,
    )!;
    expect(logs.url).toMatch(
      /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#logsV2:/,
    );
  });

  it('lists failing Well-Architected checks, at most five', () => {
    const checks = Array.from({ length: 7 }, (_, i) => ({ id: `check-${i}`, title: `Check <b>${i}</b>` }));
    const m = render(makeIncident(), { failingChecks: checks });
    const text = allText(m.blocks);
    expect(text).toContain('Well-Architected checks failing for this function');
    expect(text).toContain('• Check &lt;b&gt;0&lt;/b&gt; `check-0`');
    expect(text).not.toContain('check-5');
    expect(text).toContain('… and 2 more');
    expectValidMessage(m);
  });

  describe('hostile input', () => {
    it.each(HOSTILE.map((h) => [h]))('keeps %j inert in every field', (h) => {
      const incident = makeIncident({
        functionName: h,
        errorType: h,
        lastMessage: h,
        messageTemplate: h,
        topFrame: h,
        account: h,
        region: h,
        logGroup: h,
        assignee: h,
        state: 'muted',
        mutedBy: h,
        mutedUntil: T0 + HOUR,
        muteReason: h,
      });
      const sample = makeSample({ excerpt: h, requestId: h, logStream: h, errorMessage: h });
      const m = incidentMessage({
        incident,
        sample,
        failingChecks: [{ id: h, title: h }],
        now: T0,
        timeZone: h,
      });
      expectNoInjection(m);
      expectValidMessage(m);
    });

    it('escapes the message: <!channel> shows as text', () => {
      const m = render(makeIncident({ lastMessage: '<!channel> &lt; <https://evil.example|click>' }));
      const text = allText(m.blocks);
      expect(text).toContain('&lt;!channel&gt; &amp;lt; &lt;https://evil.example|click&gt;');
      expect(m.text).toContain('&lt;!channel&gt;');
    });

    it('masks secrets in the message, reason and excerpt', () => {
      const m = render(
        inState('muted', {
          lastMessage: SECRET_LINE,
          muteReason: `rotating ${SECRETS.slackToken}`,
          topFrame: SECRET_LINE,
        }),
        { sample: makeSample({ excerpt: SECRET_LINE, errorMessage: SECRET_LINE }) },
      );
      expectNoInjection(m);
      expect(allText(m.blocks)).toContain('postgres://app:****@db');
    });

    it('stays within every limit with huge values everywhere', () => {
      const huge = `${'<&>'.repeat(10_000)}${'x'.repeat(10 * 1024 * 1024)}`;
      const incident = makeIncident({
        functionName: huge,
        errorType: huge,
        lastMessage: huge,
        topFrame: huge,
        account: huge,
        region: huge,
        logGroup: huge,
        muteReason: huge,
        state: 'muted',
        mutedBy: huge,
        mutedUntil: T0 + HOUR,
        regressions: 1e9,
        occurrences: 2 ** 40,
        id: 999_999_999,
      });
      const t = performance.now();
      const m = incidentMessage({
        incident,
        sample: makeSample({ excerpt: huge, errorMessage: huge, requestId: huge, logStream: huge }),
        failingChecks: Array.from({ length: 1000 }, () => ({ id: huge, title: huge })),
        now: T0,
        timeZone: TZ,
      });
      expect(performance.now() - t).toBeLessThan(3000);
      expectValidMessage(m);
      expect(headerText(m.blocks).length).toBeLessThanOrEqual(150);
    });

    it('stays valid for arbitrary incidents (property)', () => {
      const text = fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.constantFrom(...HOSTILE),
        fc.constant(SECRET_LINE),
      );
      fc.assert(
        fc.property(
          fc.record({
            functionName: text,
            errorType: fc.option(text),
            lastMessage: fc.option(text),
            topFrame: fc.option(text),
            muteReason: fc.option(text),
            state: fc.constantFrom(...incidentStates),
            severity: fc.constantFrom(...incidentSeverities),
            failureKind: fc.constantFrom(...failureKinds),
            regressions: fc.nat(5),
          }),
          fc.option(text),
          (over, excerpt) => {
            const m = render(makeIncident({ ...over, mutedUntil: T0 + HOUR }), {
              sample: makeSample({ excerpt }),
            });
            expectValidMessage(m);
            expectNoInjection(m);
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});

describe('consoleLogsUrl', () => {
  const group = '/aws/lambda/luciferous-devio-index-cl-FunctionCheckIndividualS-qNWf7JYCZBBM';
  const stream = '2024/06/30/[39]3ca88f3a2fff4810b2de52cf027d0a40';
  const base =
    'https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#logsV2:log-groups';

  it('links to a log group with the console encoding ($252F for /)', () => {
    expect(consoleLogsUrl({ region: 'ap-northeast-1', logGroup: group })).toBe(
      `${base}/log-group/$252Faws$252Flambda$252Fluciferous-devio-index-cl-FunctionCheckIndividualS-qNWf7JYCZBBM/log-events`,
    );
  });

  it('links to a stream, filtered on the request id, around the failure', () => {
    const at = Date.parse('2024-06-30T12:00:00Z');
    const url = consoleLogsUrl({
      region: 'ap-northeast-1',
      logGroup: group,
      logStream: stream,
      requestId: 'abc-123',
      at,
    });
    expect(url).toBe(
      `${base}/log-group/$252Faws$252Flambda$252Fluciferous-devio-index-cl-FunctionCheckIndividualS-qNWf7JYCZBBM` +
        '/log-events/2024$252F06$252F30$252F$255B39$255D3ca88f3a2fff4810b2de52cf027d0a40' +
        `$3FfilterPattern$3D$2522abc-123$2522$26start$3D${at - 15 * MINUTE}$26end$3D${at + 5 * MINUTE}`,
    );
  });

  it('encodes $LATEST streams', () => {
    const url = consoleLogsUrl({
      region: 'us-east-1',
      logGroup: '/aws/lambda/f',
      logStream: '2026/11/28/[$LATEST]abc',
    });
    expect(url).toContain('/log-events/2026$252F11$252F28$252F$255B$2524LATEST$255Dabc');
  });

  it('decodes back to what it was given', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 100 }),
        fc.string({ minLength: 1, maxLength: 100 }),
        (g, s) => {
          const url = consoleLogsUrl({ region: 'eu-west-1', logGroup: g, logStream: s });
          const m = /log-group\/([^/]+)\/log-events\/([^/]+)$/.exec(url);
          expect(m).not.toBeNull();
          const decode = (x: string) => decodeURIComponent(decodeURIComponent(x.replace(/\$/g, '%')));
          expect(decode(m![1]!)).toBe(g);
          expect(decode(m![2]!)).toBe(s);
          expect(url).not.toMatch(/[\s"<>|`]/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('uses the console of China and GovCloud regions', () => {
    expect(consoleLogsUrl({ region: 'cn-north-1', logGroup: 'g' })).toMatch(
      /^https:\/\/cn-north-1\.console\.amazonaws\.cn\//,
    );
    expect(consoleLogsUrl({ region: 'us-gov-west-1', logGroup: 'g' })).toMatch(
      /^https:\/\/console\.amazonaws-us-gov\.com\/cloudwatch\/home\?region=us-gov-west-1#/,
    );
  });

  it('never puts an untrusted region into the host name', () => {
    const url = consoleLogsUrl({ region: 'evil.example/x?', logGroup: 'g' });
    expect(
      url.startsWith('https://console.aws.amazon.com/cloudwatch/home#logsV2:log-groups/log-group/g'),
    ).toBe(true);
  });

  it('drops a request id that is not one, rather than build a broken filter', () => {
    const url = consoleLogsUrl({ region: 'us-east-1', logGroup: 'g', requestId: 'a" OR "b' });
    expect(url).not.toContain('filterPattern');
  });

  it('falls back to shorter links to stay within the 3000-character button limit', () => {
    // A stream name of 512 'é' (10 characters each once encoded) does not fit: the group does.
    const url = consoleLogsUrl({
      region: 'us-east-1',
      logGroup: '/aws/lambda/f',
      logStream: 'é'.repeat(512),
      requestId: 'r',
    });
    expect(url.length).toBeLessThanOrEqual(3000);
    expect(url).toMatch(/\/log-group\/\$252Faws\$252Flambda\$252Ff\/log-events\$3FfilterPattern/);
    const huge = consoleLogsUrl({ region: 'us-east-1', logGroup: '/'.repeat(2000) });
    expect(huge).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups',
    );
  });
});

describe('occurrenceNote', () => {
  it('says how many more in how long, with the total', () => {
    const m = occurrenceNote({
      incident: makeIncident({ occurrences: 57 }),
      newOccurrences: 14,
      sinceMs: 5 * MINUTE,
      timeZone: TZ,
      now: T0,
    });
    expect(m.text).toBe('14 more in the last 5 min (57 occurrences in total): TypeError in orders-api');
    expect(allText(m.blocks)).toContain('*14 more in the last 5 min* · 57 occurrences in total');
    expectValidMessage(m);
  });

  it('shows the latest message when it differs from the group message, and its request id', () => {
    const incident = makeIncident({
      messageTemplate: 'User <uuid> not found',
      lastMessage: 'User 42 not found',
    });
    const m = occurrenceNote({
      incident,
      newOccurrences: 3,
      sinceMs: MINUTE,
      sample: makeSample({ errorMessage: 'User 42 not found' }),
      timeZone: TZ,
      now: T0,
    });
    const text = allText(m.blocks);
    expect(text).toContain('Latest: User 42 not found');
    expect(text).toContain('Request `8f14e45f-ceea-467f-a0e6-1b2c3d4e5f60`');
    expect(text).toMatch(/<https:\/\/us-east-1\.console\.aws\.amazon\.com\/[^|>]+\|View logs>/);
  });

  it('does not repeat a message that is the same as the group message', () => {
    const m = occurrenceNote({
      incident: makeIncident({ messageTemplate: 'boom', lastMessage: 'boom' }),
      newOccurrences: 1,
      sinceMs: MINUTE,
      sample: makeSample({ errorMessage: 'boom' }),
      timeZone: TZ,
      now: T0,
    });
    expect(allText(m.blocks)).not.toContain('Latest:');
  });

  it('keeps hostile latest messages inert', () => {
    for (const h of [...HOSTILE, SECRET_LINE]) {
      // Stream names come from Lambda, not from the function's output: only the message is hostile here.
      const m = occurrenceNote({
        incident: makeIncident({ functionName: h }),
        newOccurrences: 2,
        sinceMs: MINUTE,
        sample: makeSample({ errorMessage: h, requestId: h }),
        timeZone: TZ,
        now: T0,
      });
      expectNoInjection(m);
      expectValidMessage(m);
    }
  });
});

describe('reminderNote', () => {
  it('nudges and mentions the assignee', () => {
    const m = reminderNote({
      incident: makeIncident({ assignee: 'U0123ANA' }),
      now: T0,
      unacknowledgedForMs: 30 * MINUTE,
    });
    expect(m.text).toBe('⏰ Still not acknowledged after 30 min: TypeError in orders-api');
    expect(allText(m.blocks)).toContain(
      '⏰ <@U0123ANA>, this is still not acknowledged after 30 min: 42 occurrences so far',
    );
    expectValidMessage(m);
  });

  it('works without an assignee and with hostile names', () => {
    const m = reminderNote({
      incident: makeIncident({ functionName: '<!channel>', assignee: '<!here>' }),
      now: T0,
      unacknowledgedForMs: 2 * HOUR + 5 * MINUTE,
    });
    expect(allText(m.blocks)).toContain('⏰ This is still not acknowledged after 2 h 5 min');
    expectNoInjection(m);
  });
});

describe('regressionNote', () => {
  it('says who resolved it and that it is open again', () => {
    const m = regressionNote({
      incident: makeIncident({ regressions: 3, lastRegressionAt: T0 }),
      sample: makeSample(),
      resolved: { by: 'U0123BOB', at: T0 - DAY },
      now: T0,
      timeZone: TZ,
    });
    const text = allText(m.blocks);
    expect(text).toMatch(
      /↩️ \*Regression\*: TypeError in orders-api came back <!date.*> after <@U0123BOB> resolved it <!date.*>\. It is open again \(regression #3\)\./,
    );
    expect(m.text).toBe('↩️ Regression: TypeError in orders-api came back after it was resolved');
    expectValidMessage(m);
  });
});

describe('actionNote', () => {
  const note = (action: string, details?: unknown, actor = 'U0123ANA') =>
    actionNote({
      incident: makeIncident(),
      action: makeAction({ action, actor, details: details === undefined ? null : JSON.stringify(details) }),
      timeZone: TZ,
      now: T0,
    }).text;

  it('records who did what', () => {
    expect(note('acknowledged')).toBe('👀 <@U0123ANA> acknowledged');
    expect(note('resolved')).toBe('✅ <@U0123ANA> resolved');
    expect(note('resolved', { from: 'muted' })).toBe('✅ <@U0123ANA> resolved (the mute ends with it)');
    expect(note('reopened')).toBe('🔁 <@U0123ANA> reopened');
    expect(note('unmuted')).toBe('🔔 <@U0123ANA> unmuted; alerts are back on');
    expect(note('assigned', { assignee: 'U0123BOB' })).toBe('👤 <@U0123ANA> assigned this to <@U0123BOB>');
    expect(note('assigned', { assignee: 'U0123ANA' })).toBe('👤 <@U0123ANA> took this');
    expect(note('unassigned', { previous: 'U0123BOB' })).toBe('👤 <@U0123ANA> unassigned <@U0123BOB>');
    expect(note('mute_expired', { mutedBy: 'U0123BOB' }, 'pillar')).toBe(
      '🔔 The mute set by <@U0123BOB> ended; alerts are back on',
    );
  });

  it('says how long a mute is and why', () => {
    expect(note('muted', { until: T0 + 24 * HOUR, reason: 'deploy in progress' })).toMatch(
      /^🔕 <@U0123ANA> muted for 24 h: deploy in progress \(until <!date\^\d+\^.*>\)$/,
    );
    expect(note('muted', { until: T0 + 7 * DAY, reason: 'r' })).toContain('muted for 7 d: r');
    expect(note('muted', { until: T0 + DAY, reason: 'r', previousUntil: T0 + HOUR })).toContain(
      'changed the mute: now muted for 24 h',
    );
  });

  it('announces a regression with the incident title', () => {
    expect(note('regressed', { at: T0, resolvedBy: 'U0123BOB', resolvedAt: T0 - DAY }, 'pillar')).toMatch(
      /^↩️ \*Regression\*: TypeError in orders-api came back <!date.*> after <@U0123BOB> resolved it/,
    );
  });

  it('survives bad details and unknown actions, and escapes what it shows', () => {
    const bad = actionNote({
      incident: makeIncident(),
      action: makeAction({ action: 'muted', details: '{not json' }),
    });
    expect(bad.text).toBe('🔕 <@U0123ANA> muted');
    expect(note('<!channel>', undefined, '<!here>')).toBe('&lt;!here&gt;: &lt;!channel&gt;');
    const m = actionNote({
      incident: makeIncident(),
      action: makeAction({
        action: 'muted',
        details: JSON.stringify({ until: T0 + HOUR, reason: `<!channel> ${SECRET_LINE}` }),
      }),
    });
    expectNoInjection(m);
    expectValidMessage(m);
  });

  it('shows a CLI actor as text and Pillar by name', () => {
    expect(note('acknowledged', undefined, 'ana@laptop')).toBe('👀 ana@laptop acknowledged');
    expect(note('reopened', undefined, 'pillar')).toBe('🔁 Pillar reopened');
  });
});

/**
 * Every exported builder of `src/slack/blocks/`, run on the worst inputs Pillar can meet (names of
 * 1,000 characters, 256 KB log lines, 500 findings, 100 incidents, emoji, Slack markup, secrets),
 * held to Slack's documented limits (slack.md §1) and to the escaping rules (§2). The table is
 * checked against the modules' exports: a builder added later without an entry fails here.
 */
import { readdirSync } from 'node:fs';
import type { KnownBlock, View } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { FindingRow, SuppressionRow } from '../../../src/findings/store.js';
import type { Incident, IncidentAction } from '../../../src/incidents/types.js';
import type { Review, ReviewQuestion, ReviewSummary } from '../../../src/review/types.js';
import * as checks from '../../../src/slack/blocks/checks.js';
import * as commands from '../../../src/slack/blocks/commands.js';
import * as digest from '../../../src/slack/blocks/digest.js';
import * as format from '../../../src/slack/blocks/format.js';
import * as health from '../../../src/slack/blocks/health.js';
import * as home from '../../../src/slack/blocks/home.js';
import * as incident from '../../../src/slack/blocks/incident.js';
import * as kit from '../../../src/slack/blocks/kit.js';
import { LIMITS, validateMessage, validateView } from '../../../src/slack/blocks/limits.js';
import * as modals from '../../../src/slack/blocks/modals.js';
import * as reviewMessages from '../../../src/slack/blocks/review-messages.js';
import { actions } from '../../../src/slack/ids.js';
import { type Pillar, pillars } from '../../../src/vocabulary.js';
import {
  DAY,
  expectNoInjection,
  HOUR,
  MINUTE,
  makeAction,
  makeGroup,
  makeIncident,
  makeSample,
  makeTarget,
  SECRET_LINE,
  SECRETS,
  T0,
} from './fixtures.js';

const TZ = 'UTC';

// ---------------------------------------------------------------------------------------------
// Worst-case inputs

const MARKUP = '<!channel> <!here> <@U123> <#C123> <!subteam^S1> <https://evil.example|x> & *_~` ``` > quote';
const EMOJI = '🔥👩‍💻🇯🇵';
/** One of everything hostile; repeated to the length asked, so every long value holds all of it. */
const UNIT = `${MARKUP} ${SECRET_LINE} ${EMOJI} `;
function evil(length: number): string {
  return UNIT.repeat(Math.ceil(length / UNIT.length)).slice(0, length);
}
const LONG = evil(1000);
const HUGE = evil(256 * 1024);

const states = ['open', 'acknowledged', 'muted', 'resolved'] as const;

function hostileIncident(k: number): Incident {
  const state = states[k % states.length]!;
  return makeIncident({
    id: 100_000 + k,
    functionName: LONG,
    errorType: k % 5 === 0 ? null : LONG,
    failureKind: k % 5 === 0 ? LONG : 'uncaught_exception',
    messageTemplate: HUGE,
    lastMessage: HUGE,
    topFrame: HUGE,
    account: LONG,
    region: LONG,
    logGroup: LONG,
    severity: (k % 7 === 0
      ? LONG
      : (['critical', 'high', 'medium', 'low'] as const)[k % 4]) as Incident['severity'],
    state,
    acknowledgedBy: k % 2 ? 'U0123ANA' : LONG,
    acknowledgedAt: T0 - MINUTE,
    resolvedBy: LONG,
    resolvedAt: T0,
    mutedBy: LONG,
    mutedUntil: state === 'muted' ? T0 + DAY : null,
    muteReason: HUGE,
    assignee: k % 3 ? LONG : 'U0123ANA',
    regressions: k % 3,
    lastRegressionAt: T0 - HOUR,
    occurrences: 1_000_000_000 + k,
  });
}
const INCIDENTS = Array.from({ length: 100 }, (_, k) => hostileIncident(k));
const SAMPLE = makeSample({
  excerpt: HUGE,
  errorMessage: HUGE,
  requestId: SECRETS.awsKeyId,
  logStream: LONG,
});

const CHECK_IDS = ['lambda-timeout-risk', 'lambda-env-secrets', 'logs-retention-set', LONG];
function finding(k: number): FindingRow {
  return {
    id: k + 1,
    checkId: CHECK_IDS[k % CHECK_IDS.length]!,
    account: LONG,
    region: LONG,
    resourceId: LONG,
    resourceName: LONG,
    severity: (['critical', 'high', 'medium', 'low', 'info', LONG] as const)[k % 6]!,
    pillar: k % 9 === 0 ? LONG : 'security',
    service: 'lambda',
    message: HUGE,
    firstSeenAt: T0,
    lastSeenAt: T0,
    fixedAt: null,
    reopenedAt: null,
    lastScanId: 1,
  };
}
const FINDINGS = Array.from({ length: 500 }, (_, k) => finding(k));

function suppression(k: number): SuppressionRow {
  return {
    id: k + 1,
    checkId: k % 2 ? LONG : '*',
    resource: k % 3 ? LONG : '*',
    reason: HUGE,
    expiresAt: T0 + DAY,
    createdBy: k % 2 ? LONG : 'U0SIMALICE',
    createdAt: T0,
    source: k % 4 ? 'slack' : 'settings',
    retiredAt: null,
  };
}
const SUPPRESSIONS = Array.from({ length: 500 }, (_, k) => suppression(k));

const TARGETS = Array.from({ length: 100 }, (_, k) =>
  makeTarget({
    account: LONG,
    region: LONG,
    lastErrorAt: k % 2 ? T0 : null,
    lastSuccessAt: k % 2 ? T0 - HOUR : T0 - MINUTE,
    lastErrorCode: LONG,
    lastErrorMessage: HUGE,
    metricProbeError: HUGE,
    consecutiveErrors: k,
    lagMs: k % 3 ? 10 * MINUTE : null,
  }),
);
const GROUPS = Array.from({ length: 500 }, () =>
  makeGroup({ logGroup: LONG, account: LONG, region: LONG, lastErrorCode: LONG, lastErrorMessage: HUGE }),
);
const DELIVERY: commands.DeliveryHealth[] = Array.from({ length: 100 }, (_, k) => ({
  channel: k % 2 ? LONG : 'C0123ALERTS',
  lastSuccessAt: T0 - HOUR,
  lastErrorAt: T0,
  lastError: HUGE,
  fix: HUGE,
  rateLimitedUntil: T0 + MINUTE,
  rateLimits: k,
}));

function question(k: number, pillarId: string): ReviewQuestion {
  const choices = Array.from({ length: 15 }, (_, c) => ({ id: `q${k}_c${c}`, title: LONG, none: c === 14 }));
  return {
    lens: k % 2 ? 'wellarchitected' : 'serverless',
    questionId: `q${k}`,
    pillarId,
    title: LONG,
    choices,
    selected: choices.slice(0, 3).map((c) => c.id),
    isApplicable: k % 5 !== 0,
    ...(k % 5 === 0 ? { reason: k % 10 ? 'OUT_OF_SCOPE' : LONG } : {}),
    risk: (['HIGH', 'MEDIUM', 'NONE', 'UNANSWERED', 'NOT_APPLICABLE'] as const)[k % 5]!,
    proposal: {
      selected: choices.slice(0, 5).map((c) => c.id),
      supports: [],
      contradicts: choices.slice(5, 10).map((c) => c.id),
      notes: HUGE,
      changes: k % 2 === 0,
      evidence: Array.from({ length: 20 }, (_, e) => ({
        checkId: LONG,
        title: LONG,
        choiceId: choices[e % 15]!.id,
        status: e % 2 ? ('compliant' as const) : ('non_compliant' as const),
        resources: Array.from({ length: 10 }, () => LONG),
        resourceCount: 1_000_000,
      })),
    },
    applied: { at: T0, by: LONG, kind: 'proposal' },
  };
}

function hostileReview(status: Review['status']): Review {
  const counts = { UNANSWERED: 1e6, HIGH: 1e6, MEDIUM: 1e6, NONE: 1e6, NOT_APPLICABLE: 1e6 };
  return {
    id: 7,
    workload: { name: LONG, id: LONG, arn: LONG, region: LONG, account: LONG, owner: LONG },
    runKey: LONG,
    trigger: 'command',
    status,
    startedAt: T0,
    startedBy: LONG,
    ...(status === 'finished' ? { milestone: { number: 1e6, name: LONG }, finishedAt: T0 } : {}),
    lenses: Array.from({ length: 50 }, (_, k) => ({
      alias: k === 0 ? 'serverless' : LONG,
      arn: LONG,
      name: LONG,
      version: LONG,
      status: 'DEPRECATED',
    })),
    pillars: [...pillars, LONG as Pillar].map((pillarId) => ({
      pillarId,
      riskCounts: counts,
      questions: 1e6,
      answered: 1,
      proposalsPending: 1e6,
    })),
    questions: Array.from({ length: 500 }, (_, k) => question(k, 'reliability')),
    drift: Array.from({ length: 100 }, () => ({
      checkId: LONG,
      lens: LONG,
      questionId: LONG,
      choiceId: LONG,
      problem: 'unknown_choice' as const,
    })),
    evidenceAt: T0,
    slack: { channel: 'C0REVIEWS1', ts: '1782896400.000100' },
  };
}
const OPEN_REVIEW = hostileReview('open');
const FINISHED_REVIEW = hostileReview('finished');
const SUMMARY: ReviewSummary = {
  review: FINISHED_REVIEW,
  milestone: { number: 2, name: LONG },
  previous: { number: 1, name: LONG },
  pillars: pillars.map((pillarId) => ({
    pillarId,
    now: { UNANSWERED: 1e6, HIGH: 1e6, MEDIUM: 0, NONE: 0, NOT_APPLICABLE: 0 },
    before: { UNANSWERED: 0, HIGH: 0, MEDIUM: 1e6, NONE: 0, NOT_APPLICABLE: 0 },
  })),
  unanswered: Array.from({ length: 500 }, (_, k) => ({
    lens: LONG,
    questionId: `q${k}`,
    pillarId: k % 2 ? 'security' : LONG,
    title: LONG,
  })),
  improvements: Array.from({ length: 100 }, (_, k) => ({
    lens: LONG,
    questionId: `q${k}`,
    pillarId: 'security',
    title: LONG,
    risk: 'HIGH' as const,
    url: [
      `https://docs.aws.amazon.com/wellarchitected/latest/${'p'.repeat(900)}`,
      'https://evil.example|<!channel>',
      `https://docs.aws.amazon.com/?key=${SECRETS.awsKeyId}`,
      LONG,
    ][k % 4]!,
  })),
  report: { filename: 'report.pdf', pdf: Buffer.from('%PDF') },
};

const ACTION_NAMES = [
  'opened',
  'acknowledged',
  'resolved',
  'reopened',
  'muted',
  'unmuted',
  'mute_expired',
  'assigned',
  'unassigned',
  'regressed',
  LONG,
];
const ACTIONS: IncidentAction[] = ACTION_NAMES.map((action, k) =>
  makeAction({
    action: action as IncidentAction['action'],
    actor: k % 2 ? LONG : 'U0123ANA',
    details: JSON.stringify({
      reason: HUGE,
      until: T0 + DAY,
      previousUntil: T0,
      mutedBy: LONG,
      assignee: LONG,
      previous: LONG,
      resolvedBy: LONG,
      resolvedAt: T0 - DAY,
      at: T0,
      from: 'muted',
    }),
  }),
);

const HOME_INPUT: home.HomeInput = {
  open: [...INCIDENTS, ...Array.from({ length: 400 }, (_, k) => hostileIncident(1000 + k))].filter(
    (i) => i.state !== 'resolved',
  ),
  recentlyResolved: INCIDENTS.map((i) => ({ ...i, state: 'resolved' as const })),
  targets: TARGETS,
  now: T0,
  timeZone: TZ,
  failingChecksByPillar: Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`${LONG}${k}`, 1e6 + k])),
  reviews: {
    open: Array.from({ length: 50 }, (_, k) => ({
      workload: LONG,
      runKey: LONG,
      answered: 1e6,
      questions: 1e6,
      url: k % 2 ? `https://example.com/${'u'.repeat(990)}` : 'https://x|<!channel>',
    })),
    nextAt: T0 + DAY,
  },
};

// ---------------------------------------------------------------------------------------------
// What every output is held to

/** Pillar's own markup in mrkdwn: date tokens, user and channel mentions by id, https links. */
const OWN_MARKUP =
  /<!date\^-?\d+\^[^|<>]*\|[^<>]*>|<@[UW][A-Z0-9]{2,30}>|<#[CGD][A-Z0-9]{2,30}>|<https:\/\/[^\s<>|"]{1,3000}\|[^<>]*>/g;

/** The mrkdwn Slack parses (mrkdwn text objects and the top-level text) and the plain text it shows as is. */
function rendered(v: unknown, out = { mrkdwn: [] as string[], plain: [] as string[] }) {
  if (Array.isArray(v)) for (const x of v) rendered(x, out);
  else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.mrkdwn.push(o.text);
    else if (o.type === 'plain_text' && typeof o.text === 'string') out.plain.push(o.text);
    else for (const x of Object.values(o)) rendered(x, out);
  }
  return out;
}

function allStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(allStrings);
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(allStrings);
  return [];
}

/** No markup but Pillar's own, no link to the attacker's site, no secret anywhere (values and URLs too). */
function expectSafeMrkdwn(texts: string[]): void {
  for (const t of texts) {
    const rest = t.replace(OWN_MARKUP, '');
    expect(rest, `markup from input in: ${t.slice(0, 200)}`).not.toMatch(/[<>]/);
    const urls = (t.match(OWN_MARKUP) ?? []).flatMap((m) => /^<(https:[^|]*)\|/.exec(m)?.[1] ?? []);
    for (const url of urls) expect(url).not.toMatch(/evil/);
  }
}

function expectNoSecrets(v: unknown): void {
  const everything = allStrings(v).join('\n');
  for (const s of Object.values(SECRETS)) expect(everything, `leaked ${s}`).not.toContain(s);
}

function expectSafe(v: unknown, extraMrkdwn: string[] = []): void {
  const { mrkdwn } = rendered(v);
  expectSafeMrkdwn([...mrkdwn, ...extraMrkdwn]);
  expectNoSecrets(v);
  expectNoInjection(v);
}

function checkMessage(m: kit.SlackMessage): void {
  expect(validateMessage(m.blocks, m.text)).toEqual([]);
  expect(m.text.length).toBeLessThanOrEqual(LIMITS.messageTextRecommended);
  expectSafe(m.blocks, [m.text]);
  expectNoSecrets(m.text);
}

function checkView(v: View): void {
  expect(validateView(v)).toEqual([]);
  expectSafe(v);
}

// ---------------------------------------------------------------------------------------------
// The table

type Case =
  /** Builds a whole message: limits, fallback text, escaping, secrets. */
  | { kind: 'message'; run: () => kit.SlackMessage[] }
  /** Builds a modal or the Home tab. */
  | { kind: 'view'; run: () => View[] }
  /** A mrkdwn fragment that callers put in a text object: at most `max`, escaped, masked. */
  | { kind: 'mrkdwn'; max: number; run: () => string[] }
  /** A plain_text fragment: at most `max`, masked (plain text needs no escaping). */
  | { kind: 'plain'; max: number; run: () => string[] }
  /**
   * Kit: blocks from text the caller has made safe (that is its contract), so only the limits
   * are checked; the builders above prove the text they pass is safe.
   */
  | { kind: 'blocks'; run: () => KnownBlock[][] }
  /** Not text at all (a comparator, a classification): run on worst-case input, its result checked. */
  | { kind: 'value'; run: () => void };

const section = (text: string): KnownBlock => kit.section(text);

const builders: Record<string, Record<string, Case>> = {
  'checks.ts': {
    findingLine: {
      kind: 'mrkdwn',
      max: LIMITS.sectionText,
      run: () =>
        FINDINGS.slice(0, 8).flatMap((f) => [checks.findingLine(f, true), checks.findingLine(f, false)]),
    },
    scanSummaryMessage: {
      kind: 'message',
      run: () => [
        checks.scanSummaryMessage({
          account: LONG,
          region: LONG,
          recorded: {
            opened: FINDINGS.slice(0, 250),
            fixed: FINDINGS.slice(250).map((f) => ({ ...f, fixedAt: T0 })),
          },
          failing: FINDINGS,
          checksRun: 1e6,
          now: T0,
          timeZone: TZ,
        }),
        checks.scanSummaryMessage({
          account: 'prod',
          region: 'us-east-1',
          recorded: { opened: [], fixed: [] },
          failing: [],
          checksRun: 0,
          now: T0,
          timeZone: TZ,
        }),
      ],
    },
    pageValue: {
      kind: 'value',
      run: () => {
        // A filter that does not fit the handler, or carries a secret, gets no button at all.
        expect(checks.pageValue({ a: LONG, r: 'us-east-1' }, 0)).toBeUndefined();
        expect(checks.pageValue({ n: SECRETS.awsKeyId }, 0)).toBeUndefined();
        const v = checks.pageValue(
          { n: 'x'.repeat(checks.CHECKS_QUERY_MAX.n), a: 'prod', r: 'us-east-1' },
          1e6,
        );
        expect(v!.length).toBeLessThanOrEqual(LIMITS.buttonValue);
      },
    },
    checksListMessage: {
      kind: 'message',
      run: () => [
        checks.checksListMessage({ findings: FINDINGS, filter: LONG }),
        checks.checksListMessage({ findings: FINDINGS, filter: LONG, offset: 499, query: { n: 'orders' } }),
        checks.checksListMessage({ findings: FINDINGS, filter: '', offset: 10_000, query: {} }),
        checks.checksListMessage({ findings: [], filter: LONG }),
        checks.checksListMessage({ findings: FINDINGS, filter: LONG, neverScanned: true }),
      ],
    },
    suppressionsMessage: {
      kind: 'message',
      run: () => [
        checks.suppressionsMessage(SUPPRESSIONS, TZ),
        checks.suppressionsMessage(SUPPRESSIONS, TZ, 480),
        checks.suppressionsMessage([], TZ),
      ],
    },
    suppressModal: {
      kind: 'view',
      run: () =>
        FINDINGS.slice(0, 4).map((f) =>
          checks.suppressModal({ finding: f, privateMetadata: '{"findingId":1}', now: T0 }),
        ),
    },
  },

  'commands.ts': {
    helpMessage: {
      kind: 'message',
      run: () => [
        commands.helpMessage(),
        commands.helpMessage(
          Array.from({ length: 40 }, (_, k) => ({
            what: HUGE,
            listed:
              k % 2 === 0 ? null : Array.from({ length: 500 }, (_, j) => (j % 3 === 0 ? LONG : `U0${j}ABC`)),
            byDefault: HUGE,
          })),
        ),
      ],
    },
    usageMessage: {
      kind: 'message',
      run: () => [commands.usageMessage(HUGE, HUGE), commands.usageMessage(HUGE)],
    },
    targetHealth: {
      kind: 'value',
      run: () => {
        for (const t of TARGETS)
          expect(Object.keys(commands.healthEmoji)).toContain(commands.targetHealth(t, T0));
      },
    },
    targetLine: {
      kind: 'mrkdwn',
      max: LIMITS.sectionText,
      run: () =>
        TARGETS.slice(0, 4).flatMap((t) => [
          commands.targetLine(t, T0, TZ),
          commands.targetLine(t, T0, TZ, false),
        ]),
    },
    statusMessage: {
      kind: 'message',
      run: () => [
        commands.statusMessage({
          targets: TARGETS,
          groups: { total: 1e9, failing: GROUPS },
          delivery: DELIVERY,
          now: T0,
          timeZone: TZ,
        }),
        commands.statusMessage({
          targets: [],
          groups: { total: 0, failing: [] },
          delivery: [],
          now: T0,
          timeZone: TZ,
        }),
      ],
    },
    incidentLine: {
      kind: 'mrkdwn',
      max: LIMITS.sectionText,
      run: () => INCIDENTS.slice(0, 8).map((i) => commands.incidentLine(i, TZ)),
    },
    incidentListMessage: {
      kind: 'message',
      run: () => [
        commands.incidentListMessage({
          incidents: INCIDENTS,
          filter: LONG,
          total: 1e9,
          now: T0,
          timeZone: TZ,
        }),
        commands.incidentListMessage({ incidents: [], filter: LONG, total: 0, now: T0, timeZone: TZ }),
      ],
    },
    actionResultMessage: {
      kind: 'message',
      run: () =>
        (['ack', 'resolve', 'reopen', 'mute', 'unmute', 'assign'] as const).flatMap((action, k) => [
          commands.actionResultMessage({
            action,
            id: 1,
            incident: INCIDENTS[k]!,
            changed: k % 2 === 0,
            timeZone: TZ,
          }),
          commands.actionResultMessage({ action, id: 1, changed: false, error: HUGE, timeZone: TZ }),
        ]),
    },
  },

  'digest.ts': {
    digestMessage: {
      kind: 'message',
      run: () => [
        digest.digestMessage({
          from: T0 - DAY,
          to: T0,
          opened: 1e12,
          resolved: 1e12,
          reopened: 1e12,
          noisiest: Array.from({ length: 100 }, (_, k) => ({ functionName: LONG, occurrences: 1e9 + k })),
          meanTimeToAcknowledgeMs: 1e15,
          meanTimeToResolveMs: 0,
          stillOpen: INCIDENTS,
          timeZone: TZ,
        }),
        digest.digestMessage({
          from: Number.NaN,
          to: Number.POSITIVE_INFINITY,
          opened: 0,
          resolved: 0,
          reopened: 0,
          noisiest: [],
          stillOpen: 1e9,
          timeZone: LONG,
        }),
      ],
    },
  },

  'health.ts': {
    recoveryNote: {
      kind: 'message',
      run: () => [
        health.recoveryNote({
          from: T0 - DAY,
          to: T0,
          problems: Array.from({ length: 50 }, () => HUGE),
          timeZone: TZ,
        }),
        health.recoveryNote({ from: Number.NaN, to: Number.POSITIVE_INFINITY, problems: [], timeZone: LONG }),
      ],
    },
  },

  'format.ts': {
    formatDuration: {
      kind: 'plain',
      max: 40,
      run: () => [1e300, -1, Number.NaN, 0.5, 59_999].map((ms) => format.formatDuration(ms)),
    },
    formatSeconds: {
      kind: 'plain',
      max: 30,
      run: () => [1e300, 59_999.999, -1].map((ms) => format.formatSeconds(ms)),
    },
    formatMillis: {
      kind: 'plain',
      max: 30,
      run: () => [1e300, 999.9, -1].map((ms) => format.formatMillis(ms)),
    },
    formatTime: {
      kind: 'plain',
      max: 40,
      run: () => [format.formatTime(T0, LONG), format.formatTime(Number.NaN, TZ)],
    },
    formatDay: {
      kind: 'plain',
      max: 20,
      run: () => [format.formatDay(T0, LONG), format.formatDay(1e20, TZ)],
    },
    slackDate: {
      kind: 'mrkdwn',
      max: 200,
      run: () => [
        format.slackDate(T0, format.DATE_TIME_AGO, LONG),
        format.slackDate(Number.NaN, format.DATE_ONLY, TZ),
      ],
    },
    failureKindLabel: {
      kind: 'plain',
      max: 60,
      run: () => [format.failureKindLabel(HUGE), format.failureKindLabel('out_of_memory')],
    },
    userRef: {
      kind: 'mrkdwn',
      max: 100,
      run: () => [LONG, '', 'U0123ANA', 'U123|x'].map((u) => format.userRef(u)),
    },
    channelRef: {
      kind: 'mrkdwn',
      max: 100,
      run: () => [LONG, 'C0123ALERTS', 'C1>'].map((c) => format.channelRef(c)),
    },
    isSlackUserId: {
      kind: 'value',
      run: () => {
        expect(format.isSlackUserId(`U123${LONG}`)).toBe(false);
        expect(format.isSlackUserId('<@U123>')).toBe(false);
      },
    },
    plural: {
      kind: 'mrkdwn',
      max: 40,
      run: () => [format.plural(1e21, 'incident'), format.plural(-1e9, 'check')],
    },
    formatCount: {
      kind: 'plain',
      max: 30,
      run: () => [format.formatCount(1e20), format.formatCount(Number.NaN)],
    },
  },

  'home.ts': {
    byUrgency: {
      kind: 'value',
      run: () => {
        const sorted = [...INCIDENTS].sort(home.byUrgency);
        expect(sorted).toHaveLength(INCIDENTS.length);
        expect(sorted[0]!.severity).toBe('critical');
      },
    },
    homeView: {
      kind: 'view',
      run: () => [
        home.homeView(HOME_INPUT),
        home.homeView({ open: [], recentlyResolved: [], targets: [], now: T0, timeZone: TZ }),
      ],
    },
  },

  'incident.ts': {
    consoleLogsUrl: {
      kind: 'value',
      run: () => {
        for (const url of [
          incident.consoleLogsUrl({ region: LONG, logGroup: HUGE, logStream: HUGE, requestId: LONG, at: T0 }),
          incident.consoleLogsUrl({
            region: 'us-east-1',
            logGroup: `/aws/lambda/${SECRETS.awsKeyId}`,
            logStream: SECRETS.slackToken,
            requestId: SECRETS.awsKeyId,
            at: Number.NaN,
          }),
          incident.consoleLogsUrl({
            region: 'eu-west-1',
            logGroup: 'g'.repeat(512),
            logStream: 's'.repeat(512),
            at: T0,
          }),
        ]) {
          expect(url.length).toBeLessThanOrEqual(LIMITS.buttonUrl);
          expect(url).toMatch(
            /^https:\/\/[a-z0-9.-]+\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\//,
          );
          expectNoSecrets(url);
        }
      },
    },
    incidentTitle: {
      kind: 'mrkdwn',
      max: 400,
      run: () => INCIDENTS.slice(0, 10).map((i) => incident.incidentTitle(i)),
    },
    stateLine: {
      kind: 'mrkdwn',
      max: LIMITS.sectionText,
      run: () => INCIDENTS.slice(0, 8).map((i) => incident.stateLine(i, T0, TZ)),
    },
    invocationLine: {
      kind: 'mrkdwn',
      max: 1000,
      run: () => [
        incident.invocationLine(SAMPLE),
        incident.invocationLine(
          makeSample({
            durationMs: 1e300,
            timeoutSeconds: 1e300,
            memorySizeMB: 1e300,
            maxMemoryUsedMB: null,
          }),
        ),
      ],
    },
    incidentButtons: {
      kind: 'blocks',
      run: () =>
        INCIDENTS.slice(0, 4).map((i) => [
          kit.actionsBlock(incident.incidentButtons(i, SAMPLE), 'incident:1:1'),
        ]),
    },
    incidentMessage: {
      kind: 'message',
      run: () =>
        INCIDENTS.slice(0, 10).map((i, k) =>
          incident.incidentMessage({
            incident: i,
            ...(k % 3 ? { sample: SAMPLE } : {}),
            failingChecks: Array.from({ length: 50 }, () => ({ id: LONG, title: LONG })),
            now: T0,
            timeZone: TZ,
          }),
        ),
    },
    occurrenceNote: {
      kind: 'message',
      run: () =>
        INCIDENTS.slice(0, 4).map((i) =>
          incident.occurrenceNote({
            incident: i,
            newOccurrences: 1e12,
            sinceMs: 1,
            sample: SAMPLE,
            timeZone: TZ,
            now: T0,
          }),
        ),
    },
    reminderNote: {
      kind: 'message',
      run: () =>
        INCIDENTS.slice(0, 4).map((i) =>
          incident.reminderNote({ incident: i, now: T0, unacknowledgedForMs: 1e15, timeZone: LONG }),
        ),
    },
    regressionNote: {
      kind: 'message',
      run: () =>
        INCIDENTS.slice(0, 4).map((i) =>
          incident.regressionNote({
            incident: i,
            sample: SAMPLE,
            resolved: { by: LONG, at: T0 },
            now: T0,
            timeZone: TZ,
          }),
        ),
    },
    actionNote: {
      kind: 'message',
      run: () =>
        ACTIONS.map((a) =>
          incident.actionNote({ incident: INCIDENTS[1]!, action: a, timeZone: TZ, now: T0 }),
        ),
    },
  },

  'kit.ts': {
    md: { kind: 'blocks', run: () => [[{ type: 'context', elements: [kit.md(HUGE), kit.md('')] }]] },
    pt: { kind: 'blocks', run: () => [[{ type: 'context', elements: [kit.pt(HUGE), kit.pt(' ')] }]] },
    header: { kind: 'blocks', run: () => [[kit.header(HUGE), kit.header('')]] },
    section: {
      kind: 'blocks',
      run: () => [
        [kit.section(HUGE, kit.button({ text: HUGE, actionId: actions.checksSuppress, label: HUGE }))],
      ],
    },
    fields: { kind: 'blocks', run: () => [[kit.fields(Array.from({ length: 20 }, () => HUGE))]] },
    context: { kind: 'blocks', run: () => [[kit.context(...Array.from({ length: 20 }, () => HUGE))]] },
    actionsBlock: {
      kind: 'blocks',
      run: () => [
        [
          kit.actionsBlock(
            Array.from({ length: 30 }, (_, k) => kit.button({ text: HUGE, actionId: `a${k}`, value: LONG })),
          ),
        ],
      ],
    },
    button: {
      kind: 'blocks',
      run: () => [
        [
          kit.actionsBlock([
            kit.button({
              text: HUGE,
              actionId: actions.acknowledge,
              value: LONG,
              label: HUGE,
              style: 'danger',
            }),
          ]),
        ],
      ],
    },
    packLines: {
      kind: 'blocks',
      run: () => [
        kit.packLines(
          Array.from({ length: 500 }, () => HUGE),
          40,
          LIMITS.messageBlockTextBudget,
        ).blocks,
        kit.packLines(
          Array.from({ length: 500 }, () => LONG),
          40,
          LIMITS.messageBlockTextBudget,
        ).blocks,
      ],
    },
    fallback: {
      kind: 'value',
      // Takes mrkdwn its caller made safe, like the rest of the kit: only the cut is its job.
      run: () => {
        expect(kit.fallback(HUGE).length).toBeLessThanOrEqual(LIMITS.messageTextRecommended);
        expect(kit.fallback(' ')).toBe('–');
      },
    },
    message: {
      kind: 'value',
      run: () => {
        const m = kit.message(HUGE, [section('x')]);
        expect(m.text.length).toBeLessThanOrEqual(LIMITS.messageTextRecommended);
        expect(m.blocks).toHaveLength(1);
      },
    },
  },

  'modals.ts': {
    muteModal: {
      kind: 'view',
      run: () =>
        INCIDENTS.slice(0, 4).map((i) =>
          modals.muteModal({ incident: i, privateMetadata: '{"incidentId":1}', now: T0, timeZone: LONG }),
        ),
    },
  },

  'review-messages.ts': {
    riskCountsLine: {
      kind: 'mrkdwn',
      max: 400,
      run: () => [
        reviewMessages.riskCountsLine(
          { UNANSWERED: 1e21, HIGH: 1e21, MEDIUM: 1e21, NONE: 1e21, NOT_APPLICABLE: 1e21 },
          { UNANSWERED: -1e21, HIGH: 0, MEDIUM: 0, NONE: 0, NOT_APPLICABLE: 0 },
        ),
      ],
    },
    change: {
      kind: 'mrkdwn',
      max: 40,
      run: () => [reviewMessages.change(1e21, -1e21), reviewMessages.change(undefined, 5)],
    },
    answerText: {
      kind: 'mrkdwn',
      max: LIMITS.sectionText,
      run: () => OPEN_REVIEW.questions.slice(0, 10).map((q) => reviewMessages.answerText(q)),
    },
    reviewMessage: {
      kind: 'message',
      run: () => [reviewMessages.reviewMessage(OPEN_REVIEW), reviewMessages.reviewMessage(FINISHED_REVIEW)],
    },
    reviewPillarModal: {
      kind: 'view',
      run: () => [
        reviewMessages.reviewPillarModal(OPEN_REVIEW, 'reliability'),
        reviewMessages.reviewPillarModal(FINISHED_REVIEW, 'reliability'),
        // Pillar ids come from the Tool, not from people; the handlers take up to 64 characters.
        reviewMessages.reviewPillarModal(OPEN_REVIEW, 'x'.repeat(64)),
      ],
    },
    reviewSelectionModal: {
      kind: 'view',
      run: () => {
        const many = hostileReview('open');
        many.questions[0] = {
          ...many.questions[0]!,
          choices: Array.from({ length: 5000 }, (_, c) => ({ id: `c${c}`, title: LONG, none: false })),
        };
        return [
          reviewMessages.reviewSelectionModal(OPEN_REVIEW, 'serverless', 'q0', 'V123'),
          reviewMessages.reviewSelectionModal(OPEN_REVIEW, 'wellarchitected', 'q1'),
          reviewMessages.reviewSelectionModal(many, 'serverless', 'q0'),
        ];
      },
    },
    reviewNotApplicableModal: {
      kind: 'view',
      run: () => [reviewMessages.reviewNotApplicableModal(OPEN_REVIEW, 'wellarchitected', 'q1', 'V123')],
    },
    reviewSummaryMessage: { kind: 'message', run: () => [reviewMessages.reviewSummaryMessage(SUMMARY)] },
    reviewReminderText: {
      kind: 'mrkdwn',
      max: LIMITS.messageTextRecommended,
      run: () => [reviewMessages.reviewReminderText(OPEN_REVIEW)],
    },
    reviewStatusText: {
      kind: 'mrkdwn',
      max: LIMITS.messageTextRecommended,
      run: () => [
        reviewMessages.reviewStatusText(OPEN_REVIEW, 'https://x|<!channel>'),
        reviewMessages.reviewStatusText(
          FINISHED_REVIEW,
          `https://pillar.slack.com/archives/C1/p1?${SECRETS.slackToken}`,
        ),
      ],
    },
  },
};

/** Modules of src/slack/blocks that build nothing Slack shows on their own. */
const notBuilders: Record<string, string> = {
  'text.ts': 'the escaping and masking path itself (text.test.ts); every builder above goes through it',
  'limits.ts': 'the budget and the validator this test uses (limits.test.ts)',
};

const modules: Record<string, Record<string, unknown>> = {
  'checks.ts': checks,
  'commands.ts': commands,
  'digest.ts': digest,
  'format.ts': format,
  'health.ts': health,
  'home.ts': home,
  'incident.ts': incident,
  'kit.ts': kit,
  'modals.ts': modals,
  'review-messages.ts': reviewMessages,
};

describe('the builder table', () => {
  it('names every module of src/slack/blocks', () => {
    const files = readdirSync('src/slack/blocks').filter((f) => f.endsWith('.ts'));
    expect([...Object.keys(builders), ...Object.keys(notBuilders)].sort()).toEqual(files.sort());
    expect(Object.keys(modules).sort()).toEqual(Object.keys(builders).sort());
  });

  it.each(Object.keys(modules))('has an entry for every function %s exports', (file) => {
    const exported = Object.entries(modules[file]!)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k);
    expect(Object.keys(builders[file]!).sort()).toEqual(exported.sort());
  });
});

const cases = Object.entries(builders).flatMap(([file, entries]) =>
  Object.entries(entries).map(([name, c]) => [`${file} ${name}`, c] as const),
);

describe('every builder on worst-case input', () => {
  it.each(cases)('%s', (_, c) => {
    switch (c.kind) {
      case 'message': {
        const out = c.run();
        expect(out.length).toBeGreaterThan(0);
        for (const m of out) checkMessage(m);
        return;
      }
      case 'view': {
        const out = c.run();
        expect(out.length).toBeGreaterThan(0);
        for (const v of out) checkView(v);
        return;
      }
      case 'mrkdwn': {
        const out = c.run();
        expect(out.length).toBeGreaterThan(0);
        for (const s of out) {
          expect(s.length).toBeLessThanOrEqual(c.max);
          expectSafeMrkdwn([s]);
          expectNoSecrets(s);
          expectNoInjection({ text: s });
        }
        return;
      }
      case 'plain': {
        const out = c.run();
        expect(out.length).toBeGreaterThan(0);
        for (const s of out) {
          expect(s.length).toBeLessThanOrEqual(c.max);
          expectNoSecrets(s);
        }
        return;
      }
      case 'blocks': {
        const out = c.run();
        expect(out.length).toBeGreaterThan(0);
        // Per-block limits only: fitting blocks into a message's budget is the builders' job.
        const perBlock = (v: { message: string }) => !/keep (it|them) under/.test(v.message);
        for (const blocks of out) expect(validateMessage(blocks, 'x').filter(perBlock)).toEqual([]);
        return;
      }
      case 'value':
        c.run();
        return;
    }
  });
});

describe('lists cut to the budget can be seen in full', () => {
  const plainFinding = (k: number): FindingRow => ({
    ...finding(k),
    checkId: 'lambda-timeout-risk',
    account: 'prod',
    region: 'us-east-1',
    resourceName: `fn-${k}`,
    severity: 'high',
    pillar: 'reliability' as Pillar,
    message: 'p99 duration 2.9 s of a 3 s timeout',
  });

  it('pages /wa checks through every finding with Next page, each page within the message budget', () => {
    const findings = Array.from({ length: 500 }, (_, k) => plainFinding(k));
    const seen: string[] = [];
    let offset = 0;
    for (let page = 0; page < 100; page++) {
      const m = checks.checksListMessage({
        findings,
        filter: 'reliability',
        offset,
        query: { p: 'reliability' },
      });
      checkMessage(m);
      const ids = m.blocks.flatMap((b) => (b.type === 'section' && b.block_id ? [b.block_id] : []));
      seen.push(...ids);
      const next = m.blocks
        .flatMap((b) => (b.type === 'actions' ? b.elements : []))
        .find((e) => e.type === 'button' && e.action_id === actions.checksPage);
      if (next?.type !== 'button') break;
      const value = JSON.parse(next.value!) as { p: string; o: number };
      expect(value).toEqual({ p: 'reliability', o: offset + ids.length });
      offset = value.o;
    }
    expect(seen).toEqual(findings.map((f) => `finding:${f.id}`));
  });
});

import type { KnownBlock } from '@slack/types';
import type { ingestionTargets, logGroups } from '../../db/schema.js';
import type { Incident } from '../../incidents/types.js';
import { maskSecretShapes } from '../../redact.js';
import { actions, COMMAND } from '../ids.js';
import {
  channelRef,
  DATE_TIME,
  DATE_TIME_AGO,
  failureKindLabel,
  formatCount,
  formatDuration,
  plural,
  severityEmoji,
  severityLabel,
  slackDate,
  stateEmoji,
  stateLabel,
  userRef,
} from './format.js';
import { incidentTitle } from './incident.js';
import { button, context, divider, header, message, packLines, type SlackMessage, section } from './kit.js';
import { fitList, MESSAGE_BUDGET } from './limits.js';
import { cut, escapeMrkdwn, inlineCode, plain, untrusted } from './text.js';

export type TargetRow = typeof ingestionTargets.$inferSelect;
export type GroupRow = typeof logGroups.$inferSelect;

/** The `/wa` subcommands as `/wa help` lists them. */
export const commandHelp: [usage: string, what: string][] = [
  [`${COMMAND} incidents [open|all] [function]`, 'List incidents (open ones by default), most severe first.'],
  [`${COMMAND} ack <id>`, 'Acknowledge: you are on it.'],
  [`${COMMAND} resolve <id>`, 'Resolve; it reopens as a regression if the error comes back.'],
  [`${COMMAND} reopen <id>`, 'Reopen a resolved incident.'],
  [
    `${COMMAND} mute <id> <1h|24h|7d|YYYY-MM-DD> <reason>`,
    'Silence alerts until then; occurrences are still counted.',
  ],
  [`${COMMAND} unmute <id>`, 'End a mute now.'],
  [`${COMMAND} assign <id> @person`, 'Assign (or `nobody` to unassign).'],
  [
    `${COMMAND} checks [pillar|service|function|suppressed]`,
    'Failing Well-Architected checks from the last scan, with the fix; `suppressed` lists suppressions.',
  ],
  [
    `${COMMAND} review [workload] [start|status|finish]`,
    'Well-Architected review of a workload: start it (posts it in the reviews channel), see its progress, or finish it with a milestone.',
  ],
  [`${COMMAND} status`, 'Ingestion and delivery health per account and region.'],
  [`${COMMAND} help`, 'This list.'],
];

/**
 * `/wa help`: every subcommand with one line on what it does. The usages go through `inlineCode`:
 * `<id>` would otherwise be read as markup (a link or a mention), and shows as `&lt;id&gt;` on the wire.
 */
/** One permission for the help text (see `Permissions.describe`). */
export interface WhoMayLine {
  what: string;
  listed: string[] | null;
  byDefault: string;
}

function whoMayLine(w: WhoMayLine): string {
  const who = w.listed
    ? w.listed
        .slice(0, 20)
        .map((e) => (/^S[A-Z0-9]{2,20}$/.test(e) ? `<!subteam^${e}>` : userRef(e)))
        .join(', ')
    : untrusted(w.byDefault, 200, { oneLine: true });
  return `• ${untrusted(w.what, 100, { oneLine: true })}: ${who}${w.listed && w.listed.length > 20 ? ` and ${w.listed.length - 20} more` : ''}`;
}

export function helpMessage(whoMay: WhoMayLine[] = []): SlackMessage {
  const lines = commandHelp.map(([usage, what]) => `${inlineCode(usage, 200)} — ${escapeMrkdwn(what)}`);
  return message(`Pillar: ${COMMAND} commands`, [
    section(
      `*Pillar* watches your Lambda functions and posts an alert per incident. From anywhere in Slack:`,
    ),
    ...packLines(lines, 5).blocks,
    ...(whoMay.length > 0 ? packLines(['*Who may*', ...whoMay.slice(0, 10).map(whoMayLine)], 2).blocks : []),
    context(
      'Incident numbers are the #12 in each alert. The buttons on an alert do the same as these commands. Anyone may acknowledge.',
    ),
  ]);
}

/**
 * A command Pillar could not read: the problem in one line, then how to write it. `usage` is
 * the subcommand's usage line(s); without it the whole list is shown.
 */
export function usageMessage(problem: string, usage?: string): SlackMessage {
  // Masked as a whole before it is split: a secret can span lines (a PEM key does).
  const usageLines = plain(usage ?? commandHelp.map(([u]) => u).join('\n'), 20_000);
  const shown = untrusted(problem, 500);
  const lines = usageLines
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => inlineCode(l, 200));
  return message(`⚠️ ${shown}`, [
    section(`⚠️ ${shown}`),
    ...packLines([`*Usage*`, ...lines], 5, 4000).blocks,
    context(`\`${COMMAND} help\` lists every command.`),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Status

/** Delivery health per channel: the `delivery_status` row, or the short form the brief used. */
export interface DeliveryHealth {
  channel: string;
  lastSuccessAt?: number | null;
  lastErrorAt?: number | null;
  lastError?: string | null;
  fix?: string | null;
  rateLimitedUntil?: number | null;
  rateLimits?: number;
  /** Short-form aliases of lastError / lastErrorAt. */
  error?: string | null;
  at?: number | null;
}

export interface StatusInput {
  targets: TargetRow[];
  groups: { total: number; failing: GroupRow[] };
  delivery: DeliveryHealth[];
  now: number;
  timeZone: string;
}

/** A target that has not read anything for this long is stale even without an error. */
export const STALE_AFTER_MS = 15 * 60_000;
/** Lag above this is worth a warning: alerts arrive that much late. */
export const LAG_WARN_MS = 5 * 60_000;

export type TargetHealth = 'ok' | 'failing' | 'partial' | 'stale' | 'behind' | 'waiting';

/**
 * Green only when a log group of the target was read lately: a cycle that reaches AWS but
 * fails every group it tries is failing, one that fails some is partial.
 */
export function targetHealth(t: TargetRow, now: number): TargetHealth {
  const failing = t.lastErrorAt !== null && (t.lastSuccessAt === null || t.lastErrorAt > t.lastSuccessAt);
  if (failing) return 'failing';
  if (t.groupsFailed > 0 && t.groupsRead === 0) return 'failing';
  if (t.lastSuccessAt === null) return 'waiting';
  if (t.groupsFailed > 0) return 'partial';
  if (now - t.lastSuccessAt > STALE_AFTER_MS) return 'stale';
  if (
    t.logGroups > 0 &&
    (t.lastGroupReadAt === null || now - t.lastGroupReadAt > STALE_AFTER_MS + 5 * 60_000)
  )
    return t.lastGroupReadAt === null ? 'waiting' : 'stale';
  if (t.lagMs !== null && t.lagMs > LAG_WARN_MS) return 'behind';
  return 'ok';
}

export const healthEmoji: Record<TargetHealth, string> = {
  ok: '✅',
  failing: '🔴',
  partial: '🟠',
  stale: '🟠',
  behind: '🟡',
  waiting: '⏳',
};

/** One line per account and region: last success, lag, and the error with its fix when failing. */
export function targetLine(t: TargetRow, now: number, timeZone: string, detail = true): string {
  const h = targetHealth(t, now);
  const where = `*${untrusted(t.account, 100, { oneLine: true })} · ${untrusted(t.region, 40, { oneLine: true })}*`;
  const parts: string[] = [];
  parts.push(
    t.lastSuccessAt !== null
      ? `last read ${slackDate(t.lastSuccessAt, DATE_TIME_AGO, timeZone)}`
      : 'no successful read yet',
  );
  if (t.lagMs !== null) parts.push(`lag ${formatDuration(t.lagMs)}`);
  parts.push(plural(t.logGroups, 'log group'));
  if (t.groupsRead > 0 || t.groupsFailed > 0)
    parts.push(`last cycle ${formatCount(t.groupsRead)} read, ${formatCount(t.groupsFailed)} failed`);
  if (t.throttles > 0) parts.push(`${plural(t.throttles, 'throttled call')} last cycle (Pillar slowed down)`);
  let line = `${healthEmoji[h]} ${where} — ${parts.join(' · ')}`;
  if (h === 'failing') {
    const since = t.lastErrorAt !== null ? ` since ${slackDate(t.lastErrorAt, DATE_TIME, timeZone)}` : '';
    const code = t.lastErrorCode ? ` ${inlineCode(t.lastErrorCode, 60)}` : '';
    const times = t.consecutiveErrors > 1 ? ` (${t.consecutiveErrors} in a row)` : '';
    line += `\n      Failing${since}${times}:${code} ${untrusted(t.lastErrorMessage ?? 'no detail recorded', detail ? 600 : 200)}`;
  } else if (h === 'partial') {
    line += '\n      Some log groups fail to read: they are listed under *Log groups* below.';
  } else if (h === 'stale') {
    line += '\n      Nothing read for a while: is Pillar’s ingestion schedule running?';
  }
  if (detail && t.metricProbeError) {
    line += `\n      Metrics: ${untrusted(t.metricProbeError, 300)}`;
  }
  return line;
}

function deliveryLine(d: DeliveryHealth, now: number, timeZone: string): string {
  const error = d.lastError ?? d.error ?? null;
  const errorAt = d.lastErrorAt ?? d.at ?? null;
  const failing =
    error !== null && (d.lastSuccessAt == null || (errorAt !== null && errorAt > d.lastSuccessAt));
  const limited = typeof d.rateLimitedUntil === 'number' && d.rateLimitedUntil > now;
  const emoji = failing ? '🔴' : limited ? '🟡' : '✅';
  const parts: string[] = [];
  if (d.lastSuccessAt != null) parts.push(`last post ${slackDate(d.lastSuccessAt, DATE_TIME_AGO, timeZone)}`);
  else parts.push('nothing posted yet');
  if (limited) parts.push(`rate limited until ${slackDate(d.rateLimitedUntil!, DATE_TIME, timeZone)}`);
  if (d.rateLimits) parts.push(`${plural(d.rateLimits, 'rate limit')} so far`);
  let line = `${emoji} ${channelRef(d.channel)} — ${parts.join(' · ')}`;
  if (failing) {
    const when = errorAt !== null ? ` ${slackDate(errorAt, DATE_TIME, timeZone)}` : '';
    line += `\n      Failed${when}: ${untrusted(error, 300)}`;
    // Pillar's own advice: escaped, never masked (it names tokens and scopes on purpose).
    if (d.fix) line += `\n      Fix: ${escapeMrkdwn(cut(maskSecretShapes(d.fix), 400))}`;
  }
  return line;
}

const MAX_FAILING_GROUPS = 10;
/**
 * Characters per part of `/wa status`: half the message's text budget for the targets, a fifth
 * each for the log groups and delivery, a tenth left for the headings and footnotes.
 */
const BUDGET = {
  targets: MESSAGE_BUDGET.text / 2,
  groups: MESSAGE_BUDGET.text / 5,
  delivery: MESSAGE_BUDGET.text / 5,
} as const;

const healthRank: Record<TargetHealth, number> = {
  failing: 0,
  partial: 1,
  stale: 2,
  behind: 3,
  waiting: 4,
  ok: 5,
};

/** "… and N more", saying whether the hidden ones need a look. */
function moreTargets(hidden: TargetRow[], now: number): string {
  const bad = hidden.filter((t) => targetHealth(t, now) !== 'ok').length;
  return bad === 0
    ? `… and ${formatCount(hidden.length)} more, all reading`
    : `… and ${formatCount(hidden.length)} more, ${formatCount(bad)} of them not reading normally; \`pillar ingest --once\` in a terminal reports every account and region`;
}

/** `/wa status`: is Pillar reading every account and region, and can it post? */
export function statusMessage(v: StatusInput): SlackMessage {
  const { now, timeZone } = v;
  const blocks: KnownBlock[] = [header('Pillar status')];
  const failingTargets = v.targets.filter((t) => targetHealth(t, now) === 'failing').length;

  blocks.push(section('*Ingestion* (per account and region)'));
  if (v.targets.length === 0) {
    blocks.push(section('No account is being read yet. Check `aws.accounts` in the settings file.'));
  } else {
    // The ones that need a look first: they must not be what the budget cuts.
    const targets = [...v.targets].sort(
      (a, b) => healthRank[targetHealth(a, now)] - healthRank[targetHealth(b, now)],
    );
    const packed = packLines(
      targets.map((t) => targetLine(t, now, timeZone)),
      4,
      BUDGET.targets,
    );
    blocks.push(...packed.blocks);
    if (packed.shown < targets.length) blocks.push(context(moreTargets(targets.slice(packed.shown), now)));
  }

  const failing = v.groups.failing;
  let groupsText = `*Log groups*: ${formatCount(v.groups.total)} watched`;
  if (failing.length === 0) groupsText += ', none failing.';
  else groupsText += `, ${formatCount(failing.length)} failing:`;
  blocks.push(section(groupsText));
  if (failing.length > 0) {
    const lines = failing.slice(0, MAX_FAILING_GROUPS).map((g) => {
      const when = g.lastErrorAt !== null ? ` ${slackDate(g.lastErrorAt, DATE_TIME, timeZone)}` : '';
      const code = g.lastErrorCode ? ` ${inlineCode(g.lastErrorCode, 60)}` : '';
      return `• ${inlineCode(g.logGroup, 200)} (${untrusted(g.account, 60, { oneLine: true })} · ${untrusted(g.region, 40, { oneLine: true })})${when}:${code} ${untrusted(g.lastErrorMessage ?? '', 300)}`;
    });
    const packed = packLines(lines, 2, BUDGET.groups);
    blocks.push(...packed.blocks);
    const more = failing.length - packed.shown;
    if (more > 0)
      blocks.push(
        context(
          `… and ${formatCount(more)} more failing; the errors usually share a cause, so fixing these often fixes the rest`,
        ),
      );
  }

  blocks.push(divider, section('*Slack delivery* (per channel)'));
  if (v.delivery.length === 0) {
    blocks.push(section('Nothing posted yet.'));
  } else {
    const lines = v.delivery.map((d) => deliveryLine(d, now, timeZone));
    // Failing channels first, for the same reason as the targets.
    const ordered = [...lines.filter((l) => l.startsWith('🔴')), ...lines.filter((l) => !l.startsWith('🔴'))];
    const packed = packLines(ordered, 2, BUDGET.delivery);
    blocks.push(...packed.blocks);
    if (packed.shown < ordered.length)
      blocks.push(context(`… and ${formatCount(ordered.length - packed.shown)} more channels`));
  }
  blocks.push(context(`As of ${slackDate(now, DATE_TIME, timeZone)}`));

  const deliveryFailing = v.delivery.filter((d) => deliveryLine(d, now, timeZone).startsWith('🔴')).length;
  const rateLimited = v.delivery.filter((d) => deliveryLine(d, now, timeZone).startsWith('🟡')).length;
  const notGreen = v.targets.filter((t) => targetHealth(t, now) !== 'ok').length;
  const throttled = v.targets.reduce((n, t) => n + t.throttles, 0);
  const problems = notGreen + deliveryFailing + rateLimited + throttled + (failing.length > 0 ? 1 : 0);
  const text =
    problems === 0
      ? `Pillar status: all ${plural(v.targets.length, 'target')} reading, delivery fine`
      : [
          `Pillar status: ${plural(failingTargets, 'target')} failing`,
          notGreen > failingTargets ? `${formatCount(notGreen - failingTargets)} not reading normally` : '',
          `${formatCount(failing.length)} log groups failing`,
          throttled > 0 ? `${plural(throttled, 'throttled call')}` : '',
          `${plural(deliveryFailing, 'channel')} failing`,
          rateLimited > 0 ? `${plural(rateLimited, 'channel')} rate limited` : '',
        ]
          .filter(Boolean)
          .join(', ');
  return message(text, blocks);
}

// ---------------------------------------------------------------------------------------------
// Incident list

export const MAX_LISTED = 20;

/** One incident in two short lines: `🔴 #12 TypeError in orders-api` / state · kind · count · last seen. */
export function incidentLine(i: Incident, timeZone: string): string {
  const state = `${stateEmoji[i.state] ?? ''} ${stateLabel[i.state] ?? untrusted(i.state, 30, { oneLine: true })}`;
  const extra =
    i.state === 'acknowledged' && i.acknowledgedBy
      ? ` by ${userRef(i.acknowledgedBy)}`
      : i.state === 'muted' && i.mutedUntil !== null
        ? ` until ${slackDate(i.mutedUntil, DATE_TIME, timeZone)}`
        : '';
  const regression = i.regressions > 0 ? ' · ↩️ regression' : '';
  return (
    `${severityEmoji[i.severity] ?? ''} *#${i.id}* ${incidentTitle(i)}\n` +
    `${severityLabel[i.severity] ?? untrusted(i.severity, 30, { oneLine: true })} · ${state}${extra} · ${escapeMrkdwn(failureKindLabel(i.failureKind))} · ` +
    `${plural(i.occurrences, 'occurrence')} · last ${slackDate(i.lastSeenAt, DATE_TIME_AGO, timeZone)}${regression}`
  );
}

export interface IncidentListInput {
  /** In the order to show; at most `MAX_LISTED` are shown. */
  incidents: Incident[];
  /** What was asked for (`open`, `all orders-api`), shown back. */
  filter: string;
  /** How many matched in all, for "and N more". */
  total: number;
  now: number;
  timeZone: string;
}

/**
 * `/wa incidents`: one compact section per incident, Acknowledge next to the open ones, at most
 * `MAX_LISTED` and no more than the message budget holds, then how to narrow the list.
 */
export function incidentListMessage(v: IncidentListInput): SlackMessage {
  const candidates = v.incidents.slice(0, MAX_LISTED);
  const total = Math.max(v.total, candidates.length);
  const filter = v.filter.trim() === '' ? '' : ` (${untrusted(v.filter, 100, { oneLine: true })})`;
  if (candidates.length === 0) {
    const text = `No incidents${filter}.`;
    return message(text, [
      section(`${text} ${filter.includes('all') ? '' : 'All quiet. 🎉'}`.trim()),
      context(`\`${COMMAND} incidents all\` includes resolved ones.`),
    ]);
  }
  const heading = (shown: number) =>
    section(
      `*${plural(total, 'incident')}*${filter}${total > shown ? ` · showing ${formatCount(shown)}` : ''}`,
    );
  const footer = (more: number) =>
    context(
      more > 0
        ? `… and ${formatCount(more)} more. Narrow it down: \`${COMMAND} incidents open &lt;function&gt;\`.`
        : `\`${COMMAND} ack &lt;id&gt;\`, \`${COMMAND} resolve &lt;id&gt;\`, \`${COMMAND} mute &lt;id&gt; 24h &lt;reason&gt;\``,
    );
  const fitted = fitList({
    budget: MESSAGE_BUDGET,
    head: [heading(total - 1)],
    items: candidates,
    render: (i) => {
      const accessory =
        i.state === 'open'
          ? button({
              text: 'Acknowledge',
              actionId: actions.listAcknowledge,
              value: String(i.id),
              label: `Acknowledge incident #${i.id}`,
            })
          : undefined;
      return [section(incidentLine(i, v.timeZone), accessory)];
    },
    more: () => [],
    // Room for either footer, whichever it turns out to be (both are measured: they are short).
    tail: [footer(total), footer(0)],
  });
  const shown = candidates.slice(0, fitted.shown);
  fitted.blocks[0] = heading(shown.length);
  // Incidents beyond the candidates were never given to this builder: "more" counts them too.
  fitted.blocks.splice(-2, 2, footer(total - shown.length));
  const text = `${plural(total, 'incident')}${filter}: ${shown
    .slice(0, 5)
    .map((i) => `#${i.id} ${incidentTitle(i)}`)
    .join(', ')}${shown.length > 5 ? ', …' : ''}`;
  return message(text, fitted.blocks);
}

// ---------------------------------------------------------------------------------------------
// Result of a /wa change

export type ActionKind = 'ack' | 'resolve' | 'reopen' | 'mute' | 'unmute' | 'assign';

export interface ActionResultInput {
  action: ActionKind;
  id: number;
  /** The incident after the change, when it worked. */
  incident?: Incident;
  changed: boolean;
  /** Why it did not work (a Pillar error message, shown escaped). */
  error?: string;
  timeZone: string;
}

/** What a triage action did, in past tense (`Incident #12 acknowledged.`). */
export const actionDone: Record<ActionKind, string> = {
  ack: 'acknowledged',
  resolve: 'resolved',
  reopen: 'reopened',
  mute: 'muted',
  unmute: 'unmuted',
  assign: 'assigned',
};

/** The answer to `/wa ack 12` and friends: what happened, and the incident as it is now. */
export function actionResultMessage(v: ActionResultInput): SlackMessage {
  if (v.error !== undefined) {
    const line = `⚠️ ${untrusted(v.error, 500)}`;
    return message(line, [section(line)]);
  }
  const i = v.incident;
  let done = actionDone[v.action];
  if (v.action === 'assign' && i) done = i.assignee ? `assigned to ${userRef(i.assignee)}` : 'unassigned';
  if (v.action === 'mute' && i?.mutedUntil != null)
    done = `muted until ${slackDate(i.mutedUntil, DATE_TIME, v.timeZone)}`;
  const line = v.changed
    ? `${i ? (stateEmoji[i.state] ?? '✔️') : '✔️'} Incident #${v.id} ${done}.`
    : `Incident #${v.id} was already ${done}; nothing changed.`;
  const blocks: KnownBlock[] = [section(line)];
  if (i) blocks.push(section(incidentLine(i, v.timeZone)));
  return message(line, blocks);
}

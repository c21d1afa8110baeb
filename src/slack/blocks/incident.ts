import type {
  ActionsBlockElement,
  KnownBlock,
  PlainTextOption,
  StaticSelect,
  UsersSelect,
} from '@slack/types';
import type { Incident, IncidentAction, OccurrenceSample } from '../../incidents/types.js';
import { maskSecrets } from '../../redact.js';
import { actions, incidentActionsBlockId } from '../ids.js';
import {
  DATE_TIME,
  DATE_TIME_AGO,
  failureKindLabel,
  formatCount,
  formatDuration,
  formatMillis,
  formatSeconds,
  isSlackUserId,
  plural,
  severityEmoji,
  severityLabel,
  slackDate,
  stateEmoji,
  stateLabel,
  userRef,
} from './format.js';
import { actionsBlock, button, context, fields, header, message, type SlackMessage, section } from './kit.js';
import { codeBlock, escapeMrkdwn, inlineCode, plain, untrusted } from './text.js';

/** How much of each untrusted part an alert shows: enough to act on, well under Slack's budgets. */
const MAX = {
  function: 64,
  errorType: 100,
  message: 1500,
  frame: 300,
  excerpt: 1200,
  reason: 500,
  account: 100,
  region: 40,
  requestId: 80,
  checkTitle: 150,
  fallbackMessage: 150,
} as const;
const MAX_CHECKS = 5;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// ---------------------------------------------------------------------------------------------
// Console link

export interface LogsLink {
  region: string;
  logGroup: string;
  logStream?: string | null;
  requestId?: string | null;
  /** When the failure happened; the link opens a window around it. */
  at?: number | null;
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;
/** Lambda's longest timeout: the window starts early enough to show the invocation's START. */
const WINDOW_BEFORE = 15 * MINUTE;
const WINDOW_AFTER = 5 * MINUTE;
const MAX_URL = 3000;
const MAX_NAME = 512;

/** True when masking would leave the text as it is: nothing in it looks like a secret. */
function clean(s: string): boolean {
  return maskSecrets(s) === s;
}

/** encodeURIComponent plus the characters it leaves alone but RFC 3986 reserves. */
function encodeStrict(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The console's fragment encoding: values are percent-encoded twice and every `%` becomes `$`
 * (`/` → `$252F`); the separators of the fragment's own query are encoded once (`?` → `$3F`).
 */
function consoleEncode(s: string): string {
  return encodeStrict(encodeStrict(s)).replace(/%/g, '$');
}

function consoleHost(region: string): string {
  if (!REGION.test(region)) return 'console.aws.amazon.com';
  if (region.startsWith('cn-')) return `${region}.console.amazonaws.cn`;
  if (region.startsWith('us-gov-')) return 'console.amazonaws-us-gov.com';
  return `${region}.console.aws.amazon.com`;
}

/**
 * CloudWatch console deep link to a function's log group (or one stream), filtered on the
 * request id and opened on a window around the failure. Falls back to less precise links when a
 * long stream name would take the URL over Slack's 3000-character button limit.
 */
export function consoleLogsUrl(v: LogsLink): string {
  // An unknown region never goes into the URL: the console then opens on the user's last region.
  const region = REGION.test(v.region) ? `?region=${v.region}` : '';
  const base = `https://${consoleHost(v.region)}/cloudwatch/home${region}#logsV2:log-groups`;
  // CloudWatch names are at most 512 characters; anything longer is not a name, so no link to it.
  // Nor to a name that holds what looks like a secret: the link would carry it unmasked.
  if (v.logGroup.length > MAX_NAME || !clean(v.logGroup)) return base;
  const group = `${base}/log-group/${consoleEncode(v.logGroup)}`;
  const query: string[] = [];
  if (v.requestId && REQUEST_ID.test(v.requestId) && clean(v.requestId))
    query.push(`filterPattern$3D${consoleEncode(`"${v.requestId}"`)}`);
  if (typeof v.at === 'number' && Number.isFinite(v.at)) {
    query.push(`start$3D${Math.round(v.at - WINDOW_BEFORE)}`, `end$3D${Math.round(v.at + WINDOW_AFTER)}`);
  }
  const q = query.length > 0 ? `$3F${query.join('$26')}` : '';
  const stream =
    v.logStream && v.logStream.length <= MAX_NAME && clean(v.logStream) ? v.logStream : undefined;
  const candidates = [
    stream ? `${group}/log-events/${consoleEncode(stream)}${q}` : undefined,
    `${group}/log-events${q}`,
    group,
  ];
  return candidates.find((u): u is string => u !== undefined && u.length <= MAX_URL) ?? base;
}

function logsUrl(incident: Incident, sample?: OccurrenceSample): string {
  return consoleLogsUrl({
    region: incident.region,
    logGroup: incident.logGroup,
    logStream: sample?.logStream ?? null,
    requestId: sample?.requestId ?? null,
    at: sample?.at ?? incident.lastSeenAt,
  });
}

// ---------------------------------------------------------------------------------------------
// Pieces

/** What failed, in the incident's own words: the error type, or the failure kind when there is none. */
function whatPlain(i: Incident): string {
  // Shorter than in mrkdwn: the header (150) also holds the function name and the id.
  return i.errorType ? plain(i.errorType, 60, { oneLine: true }) : failureKindLabel(i.failureKind);
}

function whatMrkdwn(i: Incident): string {
  return i.errorType
    ? untrusted(i.errorType, MAX.errorType, { oneLine: true })
    : escapeMrkdwn(failureKindLabel(i.failureKind));
}

function severityOf(i: Incident): string {
  return `${severityEmoji[i.severity] ?? ''} ${severityLabel[i.severity] ?? untrusted(i.severity, 30, { oneLine: true })}`;
}

/** The emoji that leads the header: the severity while it needs work, the state once it does not. */
function headEmoji(i: Incident): string {
  if (i.state === 'resolved' || i.state === 'muted') return stateEmoji[i.state];
  return severityEmoji[i.severity] ?? '⚠️';
}

/** `TypeError in orders-api`, as plain text for headers. */
function titlePlain(i: Incident): string {
  return `${whatPlain(i)} in ${plain(i.functionName, MAX.function, { oneLine: true })}`;
}

/** `TypeError in orders-api`, as mrkdwn. */
export function incidentTitle(i: Incident): string {
  return `${whatMrkdwn(i)} in ${untrusted(i.functionName, MAX.function, { oneLine: true })}`;
}

function errorMessage(i: Incident, sample?: OccurrenceSample): string | null {
  return i.lastMessage ?? sample?.errorMessage ?? (i.messageTemplate || null);
}

/** The notification line: `🔴 High: orders-api — TypeError: Cannot read …`, escaped. */
function fallbackText(i: Incident, sample?: OccurrenceSample): string {
  const fn = untrusted(i.functionName, MAX.function, { oneLine: true });
  const msg = errorMessage(i, sample);
  const detail = msg ? `: ${untrusted(msg, MAX.fallbackMessage, { oneLine: true })}` : '';
  const line = `${severityOf(i)}: ${fn} — ${whatMrkdwn(i)}${detail}`;
  return i.state === 'open' ? line : `${stateEmoji[i.state]} ${stateLabel[i.state]} · ${line}`;
}

/** `Acknowledged by @ana today at 10:02`, `Muted by … until … — reason`, and so on. */
export function stateLine(i: Incident, now: number, timeZone: string): string {
  switch (i.state) {
    case 'acknowledged':
      return `${stateEmoji.acknowledged} *Acknowledged* by ${userRef(i.acknowledgedBy)}${
        i.acknowledgedAt !== null ? ` ${slackDate(i.acknowledgedAt, DATE_TIME, timeZone)}` : ''
      }`;
    case 'resolved':
      return `${stateEmoji.resolved} *Resolved* by ${userRef(i.resolvedBy)}${
        i.resolvedAt !== null ? ` ${slackDate(i.resolvedAt, DATE_TIME, timeZone)}` : ''
      } · it reopens as a regression if it happens again`;
    case 'muted': {
      const until =
        i.mutedUntil === null
          ? 'until further notice'
          : i.mutedUntil <= now
            ? `until ${slackDate(i.mutedUntil, DATE_TIME, timeZone)} (ended; alerts resume with the next occurrence)`
            : `until ${slackDate(i.mutedUntil, DATE_TIME, timeZone)}`;
      const reason = i.muteReason ? ` — ${untrusted(i.muteReason, MAX.reason)}` : '';
      return `${stateEmoji.muted} *Muted* by ${userRef(i.mutedBy)} ${until}${reason}`;
    }
    default:
      return `${stateEmoji.open} *Open* since ${slackDate(i.openedAt, DATE_TIME_AGO, timeZone)} · not acknowledged yet`;
  }
}

function regressionLine(i: Incident, timeZone: string): string {
  const times = i.regressions > 1 ? ` (${plural(i.regressions, 'time')})` : '';
  const when =
    i.lastRegressionAt !== null
      ? `; last came back ${slackDate(i.lastRegressionAt, DATE_TIME, timeZone)}`
      : '';
  return `↩️ *Regression*: it came back after it was resolved${times}${when}.`;
}

/** `3.00 s of 3 s timeout · 128 of 128 MB memory · cold start (init 812 ms) · retry`. */
export function invocationLine(s: OccurrenceSample): string {
  const parts: string[] = [];
  if (s.durationMs !== null) {
    parts.push(
      `⏱ ${formatSeconds(s.durationMs)}${s.timeoutSeconds !== null ? ` of ${s.timeoutSeconds} s timeout` : ''}`,
    );
  } else if (s.timeoutSeconds !== null) {
    parts.push(`⏱ timeout ${s.timeoutSeconds} s`);
  }
  if (s.maxMemoryUsedMB !== null && s.memorySizeMB !== null) {
    parts.push(`💾 ${s.maxMemoryUsedMB} of ${s.memorySizeMB} MB memory`);
  } else if (s.memorySizeMB !== null) {
    parts.push(`💾 ${s.memorySizeMB} MB memory`);
  }
  parts.push(
    s.coldStart
      ? `Cold start: yes${s.initDurationMs !== null ? ` (init ${formatMillis(s.initDurationMs)})` : ''}`
      : 'Cold start: no',
  );
  parts.push(s.retry ? 'Retry: yes (Lambda retried a failed attempt)' : 'Retry: no');
  return parts.join(' · ');
}

function invocationSection(s: OccurrenceSample, timeZone: string): KnownBlock {
  const request = s.requestId ? `\nRequest ${inlineCode(s.requestId, MAX.requestId)}` : '';
  return section(
    `*Last failing invocation* · ${slackDate(s.at, DATE_TIME, timeZone)}${request}\n${invocationLine(s)}`,
  );
}

function checksSection(checks: { id: string; title: string }[]): KnownBlock {
  const lines = checks
    .slice(0, MAX_CHECKS)
    .map((c) => `• ${untrusted(c.title, MAX.checkTitle, { oneLine: true })} ${inlineCode(c.id, 80)}`);
  if (checks.length > MAX_CHECKS) lines.push(`… and ${checks.length - MAX_CHECKS} more`);
  return section(`🏛 *Well-Architected checks failing for this function*\n${lines.join('\n')}`);
}

const MUTE_CHOICES: [string, string][] = [
  ['1h', '1 hour'],
  ['24h', '24 hours'],
  ['7d', '7 days'],
  ['custom', 'Until a date…'],
];

function muteSelect(i: Incident): StaticSelect {
  const options: PlainTextOption[] = MUTE_CHOICES.map(([value, label]) => ({
    text: { type: 'plain_text', text: label },
    value: `${i.id}:${value}`,
  }));
  return {
    type: 'static_select',
    action_id: actions.mute,
    placeholder: { type: 'plain_text', text: i.state === 'muted' ? 'Change mute…' : 'Mute…' },
    options,
  };
}

function assignSelect(i: Incident): UsersSelect {
  return {
    type: 'users_select',
    action_id: actions.assign,
    placeholder: { type: 'plain_text', text: 'Assign…' },
    ...(isSlackUserId(i.assignee) ? { initial_user: i.assignee } : {}),
  };
}

/** The buttons a state allows, in the order people use them. */
export function incidentButtons(i: Incident, sample?: OccurrenceSample): ActionsBlockElement[] {
  const id = String(i.id);
  const label = (verb: string) => `${verb} incident #${i.id}`;
  const out: ActionsBlockElement[] = [];
  if (i.state === 'open') {
    out.push(
      button({
        text: 'Acknowledge',
        actionId: actions.acknowledge,
        value: id,
        style: 'primary',
        label: label('Acknowledge'),
      }),
    );
  }
  if (i.state !== 'resolved') {
    out.push(
      button({
        text: 'Resolve',
        actionId: actions.resolve,
        value: id,
        ...(i.state === 'acknowledged' ? { style: 'primary' as const } : {}),
        label: label('Resolve'),
      }),
    );
  } else {
    out.push(button({ text: 'Reopen', actionId: actions.reopen, value: id, label: label('Reopen') }));
  }
  if (i.state === 'muted') {
    out.push(button({ text: 'Unmute', actionId: actions.unmute, value: id, label: label('Unmute') }));
  }
  if (i.state !== 'resolved') out.push(muteSelect(i));
  out.push(assignSelect(i));
  out.push(
    button({
      text: 'View logs',
      actionId: actions.openLogs,
      value: id,
      url: logsUrl(i, sample),
      label: `Open the logs of incident #${i.id} in the AWS console`,
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// The alert

export interface IncidentMessageInput {
  incident: Incident;
  /** The latest occurrence sample, for the invocation details and the log excerpt. */
  sample?: OccurrenceSample;
  /** Well-Architected checks failing for the function, which would have caught this. */
  failingChecks?: { id: string; title: string }[];
  now: number;
  timeZone: string;
}

/**
 * The incident's one message, edited in place as it changes: what failed, where, how often, the
 * last failing invocation, a masked log excerpt, who is on it, and the triage controls the
 * state allows.
 */
export function incidentMessage(v: IncidentMessageInput): SlackMessage {
  const { incident: i, sample, now, timeZone } = v;
  const blocks: KnownBlock[] = [
    header(`${headEmoji(i)} ${titlePlain(i)} · #${i.id}`),
    section(stateLine(i, now, timeZone)),
  ];
  if (i.regressions > 0) blocks.push(section(regressionLine(i, timeZone)));

  const msg = errorMessage(i, sample);
  const frame = i.topFrame ? `\n${inlineCode(i.topFrame, MAX.frame)}` : '';
  blocks.push(section(`*${whatMrkdwn(i)}*${msg ? `: ${untrusted(msg, MAX.message)}` : ''}${frame}`));

  blocks.push(
    fields([
      `*Severity*\n${severityOf(i)}`,
      `*Failure*\n${escapeMrkdwn(failureKindLabel(i.failureKind))}`,
      `*Function*\n${inlineCode(i.functionName, MAX.function + 2)}`,
      `*Account · Region*\n${untrusted(i.account, MAX.account, { oneLine: true })} · ${untrusted(i.region, MAX.region, { oneLine: true })}`,
      `*Occurrences*\n${formatCount(i.occurrences)}`,
      `*Assignee*\n${i.assignee ? userRef(i.assignee) : '_Unassigned_'}`,
      `*First seen*\n${slackDate(i.firstSeenAt, DATE_TIME, timeZone)}`,
      `*Last seen*\n${slackDate(i.lastSeenAt, DATE_TIME_AGO, timeZone)}`,
    ]),
  );

  if (sample) {
    blocks.push(invocationSection(sample, timeZone));
    if (sample.excerpt) blocks.push(section(`*Log excerpt*\n${codeBlock(sample.excerpt, MAX.excerpt)}`));
  }
  if (v.failingChecks && v.failingChecks.length > 0) blocks.push(checksSection(v.failingChecks));

  blocks.push(actionsBlock(incidentButtons(i, sample), incidentActionsBlockId(i.id, i.revision)));
  blocks.push(context(`Incident #${i.id} · log group ${inlineCode(i.logGroup, 200)}`));
  return message(fallbackText(i, sample), blocks);
}

// ---------------------------------------------------------------------------------------------
// Thread notes

export interface OccurrenceNoteInput {
  incident: Incident;
  newOccurrences: number;
  /** How long the new occurrences took to pile up (since the previous note). */
  sinceMs: number;
  sample?: OccurrenceSample;
  timeZone: string;
  now: number;
}

/** `14 more in the last 5 min`: the thread's running count, with the latest message when it says more than the group's. */
export function occurrenceNote(v: OccurrenceNoteInput): SlackMessage {
  const { incident: i, sample, timeZone } = v;
  const count = `${formatCount(v.newOccurrences)} more in the last ${formatDuration(v.sinceMs)}`;
  const total = `${plural(i.occurrences, 'occurrence')} in total`;
  const blocks: KnownBlock[] = [
    section(`📈 *${count}* · ${total} · last ${slackDate(i.lastSeenAt, DATE_TIME_AGO, timeZone)}`),
  ];
  if (sample) {
    const latest = sample.errorMessage ?? i.lastMessage;
    // The alert shows the group's message; a latest one that differs (other ids, other values) is news.
    if (latest && latest !== i.messageTemplate) {
      blocks.push(section(`Latest: ${untrusted(latest, 600)}`));
    }
    const request = sample.requestId ? `Request ${inlineCode(sample.requestId, MAX.requestId)} · ` : '';
    blocks.push(context(`${request}${invocationLine(sample)} · <${logsUrl(i, sample)}|View logs>`));
  }
  return message(`${count} (${total}): ${incidentTitle(i)}`, blocks);
}

export interface ReminderNoteInput {
  incident: Incident;
  now: number;
  unacknowledgedForMs: number;
  timeZone?: string;
}

/** A nudge in the thread while nobody has acknowledged; mentions the assignee when there is one. */
export function reminderNote(v: ReminderNoteInput): SlackMessage {
  const { incident: i } = v;
  const tz = v.timeZone ?? 'UTC';
  const who = isSlackUserId(i.assignee) ? `${userRef(i.assignee)}, this` : 'This';
  const waited = formatDuration(v.unacknowledgedForMs);
  const line = `⏰ ${who} is still not acknowledged after ${waited}: ${plural(i.occurrences, 'occurrence')} so far, the last ${slackDate(i.lastSeenAt, DATE_TIME_AGO, tz)}.`;
  return message(`⏰ Still not acknowledged after ${waited}: ${incidentTitle(i)}`, [
    section(line),
    context('Acknowledge it if someone is on it, or mute it with a reason if it can wait.'),
  ]);
}

export interface RegressionNoteInput {
  incident: Incident;
  sample?: OccurrenceSample;
  /** Who resolved it and when, before it came back (the incident itself no longer says). */
  resolved?: { by?: string | null; at?: number | null };
  now: number;
  timeZone: string;
}

/** A resolved incident that happened again: said in the thread (and worth broadcasting). */
export function regressionNote(v: RegressionNoteInput): SlackMessage {
  const { incident: i, sample, timeZone } = v;
  const blocks: KnownBlock[] = [
    section(regressedLine(i, v.resolved?.by, v.resolved?.at, sample?.at ?? i.lastRegressionAt, timeZone)),
  ];
  if (sample) {
    const latest = sample.errorMessage ?? i.lastMessage;
    if (latest) blocks.push(section(`Latest: ${untrusted(latest, 600)}`));
    const request = sample.requestId ? `Request ${inlineCode(sample.requestId, MAX.requestId)} · ` : '';
    blocks.push(context(`${request}<${logsUrl(i, sample)}|View logs>`));
  }
  return message(`↩️ Regression: ${incidentTitle(i)} came back after it was resolved`, blocks);
}

function regressedLine(
  i: Incident,
  by: string | null | undefined,
  resolvedAt: number | null | undefined,
  at: number | null | undefined,
  timeZone: string,
): string {
  const when = typeof at === 'number' ? ` ${slackDate(at, DATE_TIME, timeZone)}` : '';
  const resolvedBy = by ? ` after ${userRef(by)} resolved it` : ' after it was resolved';
  const resolvedWhen = typeof resolvedAt === 'number' ? ` ${slackDate(resolvedAt, DATE_TIME, timeZone)}` : '';
  const nth = i.regressions > 1 ? ` (regression #${i.regressions})` : '';
  return `↩️ *Regression*: ${incidentTitle(i)} came back${when}${resolvedBy}${resolvedWhen}. It is open again${nth}.`;
}

export interface ActionNoteInput {
  incident: Incident;
  action: IncidentAction;
  timeZone?: string;
  now?: number;
}

/** Reads the audit entry's JSON details; anything unexpected reads as no details. */
function details(a: IncidentAction): Record<string, unknown> {
  if (!a.details) return {};
  try {
    const d: unknown = JSON.parse(a.details);
    return typeof d === 'object' && d !== null && !Array.isArray(d) ? (d as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `24 h` for a mute of whole hours up to three days (that is how people chose it), else `formatDuration`. */
function muteLength(ms: number): string {
  if (ms > 0 && ms <= 72 * HOUR && ms % HOUR === 0) return `${ms / HOUR} h`;
  return formatDuration(ms);
}

/** One line in the thread for each change: who did what (`<@U1> muted for 24 h: deploy in progress`). */
export function actionNote(v: ActionNoteInput): SlackMessage {
  const { incident: i, action: a } = v;
  const tz = v.timeZone ?? 'UTC';
  const d = details(a);
  const who = userRef(a.actor);
  let line: string;
  switch (a.action) {
    case 'opened':
      line = `🆕 Opened: ${incidentTitle(i)}`;
      break;
    case 'acknowledged':
      line = `${stateEmoji.acknowledged} ${who} acknowledged`;
      break;
    case 'resolved':
      line = `${stateEmoji.resolved} ${who} resolved${d.from === 'muted' ? ' (the mute ends with it)' : ''}`;
      break;
    case 'reopened':
      line = `🔁 ${who} reopened`;
      break;
    case 'muted': {
      const until = num(d.until);
      const reason = str(d.reason);
      const length = until !== null ? ` for ${muteLength(until - a.at)}` : '';
      const end = until !== null ? ` (until ${slackDate(until, DATE_TIME, tz)})` : '';
      const verb = num(d.previousUntil) !== null ? 'changed the mute: now muted' : 'muted';
      line = `${stateEmoji.muted} ${who} ${verb}${length}${reason ? `: ${untrusted(reason, MAX.reason)}` : ''}${end}`;
      break;
    }
    case 'unmuted':
      line = `🔔 ${who} unmuted; alerts are back on`;
      break;
    case 'mute_expired': {
      const by = str(d.mutedBy);
      line = `🔔 The mute${by ? ` set by ${userRef(by)}` : ''} ended; alerts are back on`;
      break;
    }
    case 'assigned': {
      const to = str(d.assignee);
      line = to === a.actor ? `👤 ${who} took this` : `👤 ${who} assigned this to ${userRef(to)}`;
      break;
    }
    case 'unassigned': {
      const prev = str(d.previous);
      line = `👤 ${who} unassigned${prev ? ` ${userRef(prev)}` : ''}`;
      break;
    }
    case 'regressed':
      line = regressedLine(i, str(d.resolvedBy), num(d.resolvedAt), num(d.at), tz);
      break;
    default:
      line = `${who}: ${untrusted(a.action, 60, { oneLine: true })}`;
  }
  return message(line, [section(line)]);
}

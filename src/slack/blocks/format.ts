import type { IncidentState } from '../../db/schema.js';
import { SYSTEM_ACTOR } from '../../incidents/types.js';
import type { FailureKind } from '../../logs/record.js';
import type { IncidentSeverity } from '../../vocabulary.js';
import { escapeMrkdwn, plain, untrusted } from './text.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * `45 s`, `3 min`, `2 h 5 min`, `4 d 3 h`: the two largest units, rounded down, a zero second
 * unit left out. Under a second reads `under 1 s`, so a short wait never shows as `0 s` (not
 * `<1 s`: in mrkdwn a `<` opens a link or mention that runs to the next `>`).
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < SECOND) return 'under 1 s';
  const units: [number, string][] = [
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'min'],
    [SECOND, 's'],
  ];
  const i = units.findIndex(([size]) => ms >= size);
  const [big, bigName] = units[i]!;
  const n = Math.floor(ms / big);
  const next = units[i + 1];
  if (next === undefined || bigName === 'min') {
    // Seconds next to minutes are noise in an alert.
    return `${n} ${bigName}`;
  }
  const m = Math.floor((ms - n * big) / next[0]);
  return m > 0 ? `${n} ${bigName} ${m} ${next[1]}` : `${n} ${bigName}`;
}

/** `3.00 s` under a minute, else `formatDuration`: Lambda reports durations to the hundredth. */
export function formatSeconds(ms: number): string {
  if (ms < MINUTE) return `${(ms / SECOND).toFixed(2)} s`;
  return formatDuration(ms);
}

/** `812 ms` under a second, `1.25 s` above. */
export function formatMillis(ms: number): string {
  return ms < SECOND ? `${Math.round(ms)} ms` : `${(ms / SECOND).toFixed(2)} s`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter for the zone, or for UTC when the zone is unknown: a typo in settings must not break alerts. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    };
    try {
      f = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    // Zones come from settings, so there are few; a cap keeps a bad caller from growing this forever.
    if (formatters.size >= 64) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(ms: number, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** The range a Date can hold (±100,000,000 days around 1970); a time outside it has no date to show. */
const MAX_TIME = 8.64e15;

function isTime(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME;
}

/** `2026-11-28 12:00 UTC` in the zone: plain text for places Slack date tokens do not reach. */
export function formatTime(ms: number, timeZone: string): string {
  if (!isTime(ms)) return 'unknown time';
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** `2026-11-28` in the zone. */
export function formatDay(ms: number, timeZone: string): string {
  if (!isTime(ms)) return 'unknown day';
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

export const DATE_TIME = '{date_short_pretty} at {time}';
export const DATE_TIME_AGO = '{date_short_pretty} at {time} ({ago})';
export const DATE_ONLY = '{date_short_pretty}';

/**
 * A Slack date token: each reader sees the time in their own zone and clock format. The
 * fallback (old clients, notifications) is written in the configured zone.
 */
export function slackDate(ms: number, format: string, fallbackTz: string): string {
  if (!isTime(ms)) return 'unknown time';
  const fallback = escapeMrkdwn(formatTime(ms, fallbackTz)).replace(/\|/g, '/');
  return `<!date^${Math.floor(ms / 1000)}^${format}|${fallback}>`;
}

export const severityEmoji: Record<IncidentSeverity, string> = {
  critical: '🚨',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
};

export const severityLabel: Record<IncidentSeverity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const severityRank: Record<IncidentSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export const stateEmoji: Record<IncidentState, string> = {
  open: '🔥',
  acknowledged: '👀',
  muted: '🔕',
  resolved: '✅',
};

export const stateLabel: Record<IncidentState, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  muted: 'Muted',
  resolved: 'Resolved',
};

const kindLabels: Record<FailureKind, string> = {
  timeout: 'Timeout',
  out_of_memory: 'Out of memory',
  init_error: 'Init failure',
  runtime_exit: 'Runtime exit',
  uncaught_exception: 'Uncaught exception',
  error_log: 'Logged error',
};

/**
 * The failure kind in words, as plain text; a kind this version does not know is shown as
 * stored (masked and cut like any untrusted text), and mrkdwn callers escape it.
 */
export function failureKindLabel(kind: string): string {
  return (
    (kindLabels as Record<string, string>)[kind] ?? plain(kind.replace(/_/g, ' '), 40, { oneLine: true })
  );
}

const SLACK_USER = /^[UW][A-Z0-9]{2,30}$/;
const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,30}$/;

/**
 * A person as mrkdwn: a mention when it is a Slack user id, `Pillar` for Pillar's own changes,
 * anything else (a CLI user name) as escaped text, never as markup.
 */
export function userRef(id: string | null | undefined): string {
  if (id === null || id === undefined || id === '') return 'someone';
  if (SLACK_USER.test(id)) return `<@${id}>`;
  if (id === SYSTEM_ACTOR) return 'Pillar';
  return untrusted(id, 80, { oneLine: true });
}

/** A channel as mrkdwn: a link when it is a channel id, escaped text otherwise. */
export function channelRef(id: string): string {
  return SLACK_CHANNEL.test(id) ? `<#${id}>` : untrusted(id, 80, { oneLine: true });
}

export function isSlackUserId(id: string | null | undefined): id is string {
  return typeof id === 'string' && SLACK_USER.test(id);
}

/** `1 occurrence`, `42 occurrences`, with a thousands separator that does not depend on the locale. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

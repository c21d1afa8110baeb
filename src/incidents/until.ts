import { PillarError } from '../errors.js';

/** What a mute end may be, as every message about one says it. */
export const ACCEPTED_UNTIL = 'a duration like 30m, 1h, 24h, 7d, 2w or a date like 2026-12-01';

/** `2026-12-01 09:30 UTC`: times in messages are UTC, since the service does not know the reader's zone. */
export function formatTime(ms: number | null): string {
  if (ms === null) return 'further notice';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = {
  m: MINUTE,
  h: 60 * MINUTE,
  d: 24 * 60 * MINUTE,
  w: 7 * 24 * 60 * MINUTE,
};
const DURATION = /^(\d{1,6})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)$/i;

/** `30m`, `1h`, `24h`, `7d`, `2w` (and `3 days`, `1 hour`) → milliseconds; null when it is not one. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (m === null) return null;
  const n = Number(m[1]);
  const unit = UNIT_MS[m[2]!.charAt(0).toLowerCase()];
  if (n === 0 || unit === undefined) return null;
  return n * unit;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** Date.UTC rolls 2026-02-30 over to March: a day that does not read back is not a day. */
function isRealDay(ymd: string): boolean {
  const [y, mo, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d)).toISOString().slice(0, 10) === ymd;
}

/**
 * When a mute given as text ends: a duration from `now`, or an ISO date (`2026-12-01`, the start
 * of that day in UTC) or date-time (`2026-12-01T09:00`, UTC unless it names an offset).
 */
export function parseUntil(text: string, now: number): number {
  const t = text.trim();
  if (t === '') throw new PillarError('input_invalid', `Say how long to mute: ${ACCEPTED_UNTIL}.`);
  const shown = t.length > 40 ? `${t.slice(0, 40)}…` : t;
  let until: number | undefined;
  const duration = parseDuration(t);
  if (duration !== null) {
    until = now + duration;
  } else if (DATE_ONLY.test(t)) {
    if (isRealDay(t)) until = Date.parse(`${t}T00:00:00Z`);
  } else {
    const m = DATE_TIME.exec(t);
    if (m !== null && isRealDay(t.slice(0, 10))) {
      // Without an offset, Date.parse would use the server's zone: say UTC explicitly.
      const iso = t.replace(' ', 'T');
      const ms = Date.parse(m[1] === undefined ? `${iso}Z` : iso);
      if (Number.isFinite(ms)) until = ms;
    }
  }
  if (until === undefined) {
    throw new PillarError('input_invalid', `Cannot read "${shown}" as a mute end: use ${ACCEPTED_UNTIL}.`);
  }
  if (until <= now) {
    throw new PillarError(
      'input_invalid',
      `${shown} is in the past: pick a later date or a duration like 24h.`,
    );
  }
  return until;
}

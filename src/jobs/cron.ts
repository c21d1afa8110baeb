/**
 * The next moment a cron expression names after a given time, in a time zone: what the scheduler
 * needs to tell whether a run was missed while Pillar was down. node-cron keeps its own matcher
 * private and only answers relative to the wall clock, so this small one follows the same syntax
 * (5 fields, or 6 with seconds first; `*`, lists, ranges, steps, month and weekday names).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Fields {
  seconds: number[];
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

function field(text: string, min: number, max: number, names?: string[]): number[] {
  const out = new Set<number>();
  const value = (s: string): number => {
    const named = names?.indexOf(s.toLowerCase()) ?? -1;
    const n = named >= 0 ? named + (min === 1 ? 1 : 0) : Number(s);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`"${s}" is out of range ${min}-${max}`);
    return n;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad step in "${part}"`);
    let lo = min;
    let hi = max;
    if (range !== '*' && range !== undefined) {
      const [a, b] = range.split('-');
      lo = value(a ?? '');
      hi = b === undefined ? (stepText === undefined ? lo : max) : value(b);
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

export function parseCron(expression: string): Fields {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) throw new Error(`expected 5 or 6 fields in "${expression}"`);
  const [s, m, h, dom, mon, dow] = parts.length === 6 ? parts : ['0', ...parts];
  // 7 is Sunday too.
  const weekdays = new Set(field(dow as string, 0, 7, DAYS).map((d) => d % 7));
  return {
    seconds: field(s as string, 0, 59),
    minutes: field(m as string, 0, 59),
    hours: field(h as string, 0, 23),
    days: new Set(field(dom as string, 1, 31)),
    months: new Set(field(mon as string, 1, 12, MONTHS)),
    weekdays,
    daysRestricted: dom !== '*',
    weekdaysRestricted: dow !== '*',
  };
}

/** Minutes east of UTC that a time zone is at a moment. */
function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(at / 1000) * 1000;
}

function localToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = guess - offsetMs(guess, tz);
  return guess - offsetMs(first, tz);
}

/** The first moment strictly after `after` (epoch ms) that the expression names; undefined past five years. */
export function nextRunAfter(expression: string, after: number, timeZone = 'UTC'): number | undefined {
  const f = parseCron(expression);
  const start = new Date(after + offsetMs(after, timeZone));
  let y = start.getUTCFullYear();
  let mo = start.getUTCMonth() + 1;
  let d = start.getUTCDate();
  for (let i = 0; i < 366 * 5; i++) {
    const weekday = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
    const dayOk =
      f.daysRestricted && f.weekdaysRestricted
        ? f.days.has(d) || f.weekdays.has(weekday)
        : f.days.has(d) && f.weekdays.has(weekday);
    if (f.months.has(mo) && dayOk) {
      for (const h of f.hours)
        for (const mi of f.minutes)
          for (const s of f.seconds) {
            const at = localToUtc(y, mo, d, h, mi, s, timeZone);
            if (at > after) return at;
          }
    }
    const next = new Date(Date.UTC(y, mo - 1, d + 1));
    y = next.getUTCFullYear();
    mo = next.getUTCMonth() + 1;
    d = next.getUTCDate();
  }
  return undefined;
}

/**
 * Cron expressions: the one strict reading used both to validate settings and to find the next
 * run. The scheduler needs the next run to tell whether a run was missed while Pillar was down,
 * and node-cron keeps its own matcher private and only answers relative to the wall clock. The
 * syntax is the part both read alike: 5 fields, or 6 with seconds first; `*`, lists, ranges,
 * steps after `*` or a range, month and weekday names. node-cron's own `validate` is not strict
 * enough for settings: it accepts a step of 61 seconds (which then runs once a minute), so settings
 * are checked here; its extensions (L, W, #, @daily, wrapping ranges such as 5-1) are refused.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Longest day of each month (February in a leap year), to reject a day no month chosen has. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Largest useful step: a larger one could only name the first value. */
  maxStep: number;
  /** Names mapped to their numbers, and how to say so in a problem. */
  names?: Map<string, number>;
  allowed: string;
  /** `?` means "any" in the day fields, as node-cron reads it. */
  question?: boolean;
}

const namesOf = (lists: string[][], first: number) =>
  new Map(lists.flatMap((l) => l.map((n, i) => [n, i + first] as const)));

const SPECS: FieldSpec[] = [
  { name: 'second', min: 0, max: 59, maxStep: 59, allowed: '0-59' },
  { name: 'minute', min: 0, max: 59, maxStep: 59, allowed: '0-59' },
  { name: 'hour', min: 0, max: 23, maxStep: 23, allowed: '0-23' },
  { name: 'day-of-month', min: 1, max: 31, maxStep: 30, allowed: '1-31', question: true },
  {
    name: 'month',
    min: 1,
    max: 12,
    maxStep: 11,
    names: namesOf([MONTHS, MONTH_NAMES], 1),
    allowed: '1-12 or jan-dec',
  },
  {
    name: 'day-of-week',
    min: 0,
    max: 7,
    maxStep: 6,
    names: namesOf([DAYS, DAY_NAMES], 0),
    allowed: '0-7 (0 and 7 are Sunday) or sun-sat',
    question: true,
  },
];

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

const ITEM = /^(?:(\*)|([0-9a-z]+)(?:-([0-9a-z]+))?)(?:\/([0-9]+))?$/i;

/** The values one field names, or the problems with it (each naming the field and the fix). */
function readField(text: string, spec: FieldSpec): { values: number[]; problems: string[] } {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${spec.name} field "${text}": ${what}`);
  const out = new Set<number>();
  if (spec.question && text === '?') text = '*';
  const value = (s: string): number | undefined => {
    const n = /^[0-9]+$/.test(s) ? Number(s) : spec.names?.get(s.toLowerCase());
    if (n === undefined) {
      say(`"${s}" is not a number${spec.names ? ' nor a name' : ''}; use ${spec.allowed}`);
      return undefined;
    }
    if (n < spec.min || n > spec.max) {
      say(`${s} is out of range; use ${spec.allowed}`);
      return undefined;
    }
    return n;
  };
  for (const item of text.split(',')) {
    if (item === '') {
      say('an empty item in the list; separate values with single commas, as in 1,15');
      continue;
    }
    const m = ITEM.exec(item);
    if (!m) {
      say(`"${item}" is not understood; use *, a value, a range (1-5), a list (1,5) or a step (*/15)`);
      continue;
    }
    const [, star, a, b, stepText] = m;
    let lo = spec.min;
    let hi = spec.max;
    if (!star) {
      const from = value(a as string);
      const to = b === undefined ? from : value(b);
      if (from === undefined || to === undefined) continue;
      if (from > to) {
        say(`the range ${item} runs backwards; put the lower value first`);
        continue;
      }
      if (stepText !== undefined && b === undefined) {
        say(`"${item}" has a step without a range; write ${a}-${spec.max}/${stepText} or */${stepText}`);
        continue;
      }
      lo = from;
      hi = to;
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1 || step > spec.maxStep) {
      say(`step ${stepText} is out of range; use a step from 1 to ${spec.maxStep}`);
      continue;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return { values: [...out].sort((x, y) => x - y), problems };
}

/** Reads an expression: its fields, or every problem with it (empty list when it is fine). */
function readCron(expression: string): { fields?: Fields; problems: string[] } {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    return {
      problems: [
        `expected a cron expression with 5 or 6 fields (6 when seconds come first), such as "0 8 * * *" or "*/30 * * * * *"; got ${parts[0] === '' ? 0 : parts.length}`,
      ],
    };
  }
  const texts = parts.length === 6 ? parts : ['0', ...parts];
  const read = texts.map((t, i) => readField(t, SPECS[i] as FieldSpec));
  const problems = read.flatMap((r) => r.problems);
  if (problems.length > 0) return { problems };
  const [s, m, h, dom, mon, dow] = read.map((r) => r.values) as [
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  const dayText = texts[3] as string;
  const weekdayText = texts[5] as string;
  const daysRestricted = dayText !== '*' && dayText !== '?';
  // node-cron refuses a day of month that none of the months has (31 in February only).
  if (daysRestricted && !mon.some((month) => dom.some((d) => d <= (MONTH_DAYS[month - 1] as number)))) {
    return {
      problems: [
        `day-of-month field "${dayText}": none of the months chosen has that day; pick a day that exists in one of them`,
      ],
    };
  }
  return {
    fields: {
      seconds: s,
      minutes: m,
      hours: h,
      days: new Set(dom),
      months: new Set(mon),
      // 7 is Sunday too.
      weekdays: new Set(dow.map((d) => d % 7)),
      daysRestricted,
      weekdaysRestricted: weekdayText !== '*' && weekdayText !== '?',
    },
    problems: [],
  };
}

/** Every problem with a cron expression, each naming the field and the fix; empty when it is fine. */
export function cronProblems(expression: string): string[] {
  return readCron(expression).problems;
}

export function parseCron(expression: string): Fields {
  const { fields, problems } = readCron(expression);
  if (!fields) throw new Error(`cron expression "${expression}": ${problems.join('; ')}`);
  return fields;
}

/** One formatter per time zone: building one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** How far ahead of UTC (ms) a time zone is at a moment. */
function offsetMs(at: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(at));
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
  // On the first day, times before `after` (local) are skipped rather than tried one by one: a
  // seconds-level schedule has 86,400 of them a day. An hour of slack covers a DST shift.
  const startHour = Math.max(0, start.getUTCHours() - 1);
  for (let i = 0; i < 366 * 5; i++) {
    const weekday = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
    const dayOk =
      f.daysRestricted && f.weekdaysRestricted
        ? f.days.has(d) || f.weekdays.has(weekday)
        : f.days.has(d) && f.weekdays.has(weekday);
    if (f.months.has(mo) && dayOk) {
      for (const h of f.hours) {
        if (i === 0 && h < startHour) continue;
        for (const mi of f.minutes) {
          // Whole minutes that end before `after` cannot hold the answer.
          if (localToUtc(y, mo, d, h, mi, 59, timeZone) <= after) continue;
          for (const s of f.seconds) {
            const at = localToUtc(y, mo, d, h, mi, s, timeZone);
            if (at > after) return at;
          }
        }
      }
    }
    const next = new Date(Date.UTC(y, mo - 1, d + 1));
    y = next.getUTCFullYear();
    mo = next.getUTCMonth() + 1;
    d = next.getUTCDate();
  }
  return undefined;
}

/**
 * The longest gap between consecutive runs over the next few runs after `after`: how long
 * a job on this schedule may go without running (health compares against it).
 */
export function msBetweenRuns(expression: string, after: number, timeZone = 'UTC'): number {
  let longest = 0;
  let previous = nextRunAfter(expression, after, timeZone);
  for (let i = 0; i < 8 && previous !== undefined; i++) {
    const next = nextRunAfter(expression, previous, timeZone);
    if (next === undefined) break;
    longest = Math.max(longest, next - previous);
    previous = next;
  }
  return longest || 60_000;
}

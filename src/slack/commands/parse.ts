import { type CheckService, checkServices, type Pillar } from '../../../checks/types.js';
import { parseUntil } from '../../incidents/service.js';

/** `/wa` subcommands, parsed from the command text. */
export type WaCommand =
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'incidents'; scope: 'open' | 'all'; functionName?: string }
  | { kind: 'ack' | 'resolve' | 'reopen' | 'unmute'; id: number }
  | { kind: 'mute'; id: number; until: number; duration: string; reason: string }
  | { kind: 'assign'; id: number; user: string | null }
  | { kind: 'checks'; filter: ChecksFilter }
  | { kind: 'review'; action: ReviewAction; workload?: string }
  | { kind: 'invalid'; problem: string; usage: string };

/** `/wa review [workload] [start|status|finish]`: start is the default. */
export type ReviewAction = 'start' | 'status' | 'finish';
const REVIEW_ACTIONS: readonly string[] = ['start', 'status', 'finish'];

/** What `/wa checks` lists: everything failing, one pillar, one service, one function, or the suppressions. */
export type ChecksFilter =
  | { by: 'all' }
  | { by: 'pillar'; pillar: Pillar }
  | { by: 'service'; service: CheckService }
  | { by: 'function'; name: string }
  | { by: 'suppressed' };

const PILLAR_WORDS: Record<string, Pillar> = {
  operationalexcellence: 'operationalExcellence',
  operations: 'operationalExcellence',
  ops: 'operationalExcellence',
  security: 'security',
  reliability: 'reliability',
  performance: 'performance',
  performanceefficiency: 'performance',
  cost: 'costOptimization',
  costoptimization: 'costOptimization',
  sustainability: 'sustainability',
};

export const usage: Record<string, string> = {
  help: '/wa help',
  status: '/wa status',
  checks: '/wa checks [pillar|service|function|suppressed]',
  incidents: '/wa incidents [open|all] [function]',
  review: '/wa review [workload] [start|status|finish]',
  ack: '/wa ack <id>',
  resolve: '/wa resolve <id>',
  reopen: '/wa reopen <id>',
  mute: '/wa mute <id> <1h|24h|7d|YYYY-MM-DD> [reason]',
  unmute: '/wa unmute <id>',
  assign: '/wa assign <id> @person   (or: /wa assign <id> nobody)',
};

const ALIASES: Record<string, string> = {
  acknowledge: 'ack',
  list: 'incidents',
  incident: 'incidents',
  '?': 'help',
  reviews: 'review',
};

function invalid(problem: string, sub: string): WaCommand {
  return { kind: 'invalid', problem, usage: usage[sub] ?? Object.values(usage).join('\n') };
}

function parseId(token: string | undefined, sub: string): number | WaCommand {
  if (!token)
    return invalid(`Which incident? Give its number, e.g. \`${usage[sub]?.replace('<id>', '12')}\`.`, sub);
  const m = /^#?(\d{1,9})$/.exec(token);
  if (!m)
    return invalid(
      `"${token.slice(0, 40)}" is not an incident number; use the number shown as #12 in alerts.`,
      sub,
    );
  return Number(m[1]);
}

/** Reads `/wa` text. Never throws: bad input comes back as `invalid` with the usage line. */
export function parseWaCommand(text: string, now: number): WaCommand {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const first = (tokens[0] ?? 'help').toLowerCase();
  const sub = ALIASES[first] ?? first;
  const rest = tokens.slice(1);
  switch (sub) {
    case 'help':
      return { kind: 'help' };
    case 'status':
      return { kind: 'status' };
    case 'checks':
      return parseChecks(rest);
    case 'review':
      return parseReview(rest);
    case 'incidents': {
      let scope: 'open' | 'all' = 'open';
      let functionName: string | undefined;
      for (const t of rest) {
        const lower = t.toLowerCase();
        if (lower === 'open' || lower === 'all') scope = lower;
        else if (functionName === undefined && /^[A-Za-z0-9_*?:.-]{1,140}$/.test(t)) functionName = t;
        else return invalid(`"${t.slice(0, 40)}" is not open, all or a function name.`, 'incidents');
      }
      return { kind: 'incidents', scope, ...(functionName ? { functionName } : {}) };
    }
    case 'ack':
    case 'resolve':
    case 'reopen':
    case 'unmute': {
      const id = parseId(rest[0], sub);
      if (typeof id !== 'number') return id;
      if (rest.length > 1) return invalid(`${sub} takes only the incident number.`, sub);
      return { kind: sub, id };
    }
    case 'mute': {
      const id = parseId(rest[0], sub);
      if (typeof id !== 'number') return id;
      const duration = rest[1];
      if (!duration)
        return invalid('For how long? Give a duration such as 1h, 24h or 7d, or an end date.', 'mute');
      let until: number;
      try {
        until = parseUntil(duration, now);
      } catch (e) {
        return invalid((e as Error).message, 'mute');
      }
      const reason = rest.slice(2).join(' ').trim();
      if (!reason) return invalid('Say why, so the team knows: add a reason after the duration.', 'mute');
      return { kind: 'mute', id, until, duration, reason };
    }
    case 'assign': {
      const id = parseId(rest[0], sub);
      if (typeof id !== 'number') return id;
      const who = rest[1];
      if (!who) return invalid('Assign to whom? Mention the person.', 'assign');
      if (/^(nobody|none|-)$/i.test(who)) return { kind: 'assign', id, user: null };
      const m = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(who) ?? /^([UW][A-Z0-9]{6,})$/.exec(who);
      if (!m) {
        return invalid(
          `"${who.slice(0, 40)}" is not a mention Slack resolved; type @ and pick the person from the list.`,
          'assign',
        );
      }
      return { kind: 'assign', id, user: m[1]! };
    }
    default:
      return invalid(`Unknown subcommand "${first.slice(0, 40)}".`, 'help');
  }
}

function parseChecks(rest: string[]): WaCommand {
  if (rest.length === 0) return { kind: 'checks', filter: { by: 'all' } };
  if (rest.length > 1) {
    const joined = rest
      .join('')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    const pillar = PILLAR_WORDS[joined];
    if (pillar) return { kind: 'checks', filter: { by: 'pillar', pillar } };
    return invalid('Give one pillar, service or function name.', 'checks');
  }
  const t = rest[0]!;
  const lower = t.toLowerCase();
  if (lower === 'suppressed' || lower === 'suppressions')
    return { kind: 'checks', filter: { by: 'suppressed' } };
  if (lower === 'all') return { kind: 'checks', filter: { by: 'all' } };
  const pillar = PILLAR_WORDS[lower.replace(/[^a-z]/g, '')];
  if (pillar) return { kind: 'checks', filter: { by: 'pillar', pillar } };
  if ((checkServices as readonly string[]).includes(lower))
    return { kind: 'checks', filter: { by: 'service', service: lower as CheckService } };
  if (/^[A-Za-z0-9_.-]{1,140}$/.test(t)) return { kind: 'checks', filter: { by: 'function', name: t } };
  return invalid(`"${t.slice(0, 40)}" is not a pillar, a service or a function name.`, 'checks');
}

/**
 * `review`, `review status`, `review orders start`, `review "Orders API" finish`: the action is
 * the last (or first) word when it is one; the rest is the workload name as typed.
 */
function parseReview(rest: string[]): WaCommand {
  let words = [...rest];
  let action: ReviewAction = 'start';
  const last = words.at(-1)?.toLowerCase();
  const first = words[0]?.toLowerCase();
  if (last && REVIEW_ACTIONS.includes(last)) {
    action = last as ReviewAction;
    words = words.slice(0, -1);
  } else if (first && REVIEW_ACTIONS.includes(first)) {
    action = first as ReviewAction;
    words = words.slice(1);
  }
  const workload = words
    .join(' ')
    .replace(/^["\u201c\u2018']|["\u201d\u2019']$/g, '')
    .trim();
  if (workload.length > 100) return invalid('A workload name has at most 100 characters.', 'review');
  if (words.some((w) => REVIEW_ACTIONS.includes(w.toLowerCase())))
    return invalid('Give one of start, status or finish, after the workload name.', 'review');
  return { kind: 'review', action, ...(workload ? { workload } : {}) };
}

import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { checkMeta, type FindingRow, type RecordedScan, type SuppressionRow } from '../../findings/store.js';
import { maskSecrets } from '../../redact.js';
import { type CheckSeverity, checkSeverities, type Pillar, pillarLabel, pillars } from '../../vocabulary.js';
import { actions, COMMAND, findingBlockId, suppressModal as ids, views } from '../ids.js';
import { DATE_ONLY, formatCount, formatDay, plural, slackDate, userRef } from './format.js';
import {
  actionsBlock,
  button,
  context,
  divider,
  fields,
  header,
  message,
  type SlackMessage,
  section,
} from './kit.js';
import { fitList, LIMITS, MESSAGE_BUDGET } from './limits.js';
import { inlineCode, untrusted } from './text.js';

/** Builders for the checks in Slack: the scan summary, `/wa checks` and the suppress modal. */

const DAY = 86_400_000;
export const TOP_FINDINGS = 5;
export const MAX_SUPPRESS_DAYS = 366;
export const MAX_SUPPRESS_REASON = 500;

export const checkSeverityEmoji: Record<CheckSeverity, string> = {
  critical: '🚨',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  info: 'ℹ️',
};

function label(p: string): string {
  return pillarLabel[p as Pillar] ?? untrusted(p, 60, { oneLine: true });
}

function emoji(s: string): string {
  return checkSeverityEmoji[s as CheckSeverity] ?? '•';
}

function checkTitle(f: FindingRow): string {
  return untrusted(checkMeta(f.checkId)?.title ?? f.checkId, 150, { oneLine: true });
}

/** One finding: the check, the resource, what failed, and (optionally) how to fix it. */
export function findingLine(f: FindingRow, withRemediation: boolean): string {
  const meta = checkMeta(f.checkId);
  const head = `${emoji(f.severity)} *${checkTitle(f)}* ${inlineCode(f.checkId, 80)}`;
  const where = `${untrusted(f.resourceName, 140, { oneLine: true })} · ${untrusted(f.account, 60, { oneLine: true })}/${untrusted(f.region, 40, { oneLine: true })}`;
  const what = untrusted(f.message, 300, { oneLine: true });
  const fix = withRemediation && meta ? `\n_Fix:_ ${untrusted(meta.remediation, 500)}` : '';
  return `${head}\n${where}: ${what}${fix}`;
}

function suppressButton(f: FindingRow) {
  return button({
    text: 'Suppress…',
    actionId: actions.checksSuppress,
    value: String(f.id),
    // The section beside it names the check; an id from outside has no place in a label.
    label: 'Suppress this check on this resource',
  });
}

function countsLine(counts: Partial<Record<CheckSeverity, number>>): string {
  const parts = checkSeverities
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${emoji(s)} ${formatCount(counts[s] ?? 0)} ${s}`);
  return parts.length > 0 ? parts.join(' · ') : '✅ none failing';
}

export interface ScanSummaryInput {
  account: string;
  region: string;
  recorded: Pick<RecordedScan, 'opened' | 'fixed'>;
  /** Open, unsuppressed findings of the target after the scan. */
  failing: FindingRow[];
  /** How many checks ran. */
  checksRun: number;
  now: number;
  timeZone: string;
}

/**
 * The daily scan's one message per account and region: failing findings per pillar by severity,
 * what is new and what was fixed since the last scan, the most severe findings with their fix,
 * and buttons to see them all or suppress one.
 */
export function scanSummaryMessage(v: ScanSummaryInput): SlackMessage {
  const target = `${untrusted(v.account, 60, { oneLine: true })}/${untrusted(v.region, 40, { oneLine: true })}`;
  const failing = [...v.failing];
  const openedIds = new Set(v.recorded.opened.map((f) => f.id));
  const newFailing = failing.filter((f) => openedIds.has(f.id));
  const byPillar = new Map<
    string,
    { counts: Partial<Record<CheckSeverity, number>>; opened: number; fixed: number }
  >();
  const entry = (p: string) => {
    let e = byPillar.get(p);
    if (!e) {
      e = { counts: {}, opened: 0, fixed: 0 };
      byPillar.set(p, e);
    }
    return e;
  };
  for (const f of failing) {
    const e = entry(f.pillar);
    e.counts[f.severity as CheckSeverity] = (e.counts[f.severity as CheckSeverity] ?? 0) + 1;
  }
  for (const f of newFailing) entry(f.pillar).opened++;
  for (const f of v.recorded.fixed) entry(f.pillar).fixed++;

  const pillarFields = pillars
    .filter((p) => byPillar.has(p))
    .map((p) => {
      const e = byPillar.get(p)!;
      const delta = [
        e.opened > 0 ? `🆕 ${formatCount(e.opened)} new` : '',
        e.fixed > 0 ? `🛠 ${formatCount(e.fixed)} fixed` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      return `*${label(p)}*\n${countsLine(e.counts)}${delta ? `\n${delta}` : ''}`;
    });

  const text =
    `Well-Architected checks for ${target}: ` +
    `${plural(failing.length, 'failing finding')}, ${formatCount(newFailing.length)} new, ${formatCount(v.recorded.fixed.length)} fixed`;
  const head: KnownBlock[] = [
    header('Well-Architected checks'),
    section(
      `*${target}* · ${plural(v.checksRun, 'check')} ran ${slackDate(v.now, DATE_ONLY, v.timeZone)}\n` +
        `*${formatCount(failing.length)}* failing · 🆕 *${formatCount(newFailing.length)}* new since the last scan · 🛠 *${formatCount(v.recorded.fixed.length)}* fixed`,
    ),
  ];
  if (pillarFields.length > 0) head.push(fields(pillarFields));
  const tail: KnownBlock[] = [];
  if (v.recorded.fixed.length > 0) {
    const shown = v.recorded.fixed
      .slice(0, 5)
      .map((f) => `🛠 ${checkTitle(f)} · ${untrusted(f.resourceName, 140, { oneLine: true })}`);
    const more = v.recorded.fixed.length - shown.length;
    tail.push(
      section(
        `*Fixed since the last scan*\n${shown.join('\n')}${more > 0 ? `\n… and ${formatCount(more)} more` : ''}`,
      ),
    );
  }
  const seeAll = pageValue({ a: v.account, r: v.region }, 0);
  if (failing.length > 0 && seeAll !== undefined) {
    tail.push(
      actionsBlock([
        button({
          text: `See all ${formatCount(failing.length)}`,
          actionId: actions.checksSeeAll,
          value: seeAll,
          label: 'List every failing check',
        }),
      ]),
    );
  }
  tail.push(
    context(
      `Suppressed findings are not shown; \`${COMMAND} checks suppressed\` lists them.` +
        (failing.length > 0 && seeAll === undefined
          ? ` \`${COMMAND} checks\` lists every failing check.`
          : ''),
    ),
  );
  if (failing.length === 0) return message(text, [...head, section('✅ No check is failing.'), ...tail]);

  // The top findings get what the budget leaves after the counts, the fixed list and the buttons.
  const top = Math.min(TOP_FINDINGS, failing.length);
  const fitted = fitList({
    budget: MESSAGE_BUDGET,
    head: [...head, divider, section(`*Top ${top} findings*`)],
    items: failing,
    max: TOP_FINDINGS,
    render: (f) => [
      {
        ...section(`${openedIds.has(f.id) ? '🆕 ' : ''}${findingLine(f, true)}`, suppressButton(f)),
        block_id: findingBlockId(f.id),
      },
    ],
    // The rest is behind See all; nothing to add.
    more: () => [],
    tail,
  });
  if (fitted.shown < top) {
    // Same length or shorter than what was measured: one digit either way.
    fitted.blocks[head.length + 1] = section(`*Top ${fitted.shown} findings*`);
  }
  return message(text, fitted.blocks);
}

/**
 * What a "Next page" button carries so the handler can list the same thing again: the filter
 * (account and region from a scan summary; pillar, service or resource name from `/wa checks`;
 * or the suppressions) and, in the value, where the next page starts.
 */
export interface ChecksQuery {
  a?: string;
  r?: string;
  p?: string;
  s?: string;
  n?: string;
  /** `/wa checks suppressed`. */
  sup?: 1;
}

/** The longest value of each filter a button may carry; the handler refuses longer ones. */
export const CHECKS_QUERY_MAX = { a: 64, r: 40, p: 40, s: 40, n: 256 } as const;

/**
 * The button value for a page of `query` from `offset`, or undefined when the filter cannot
 * travel through Slack: too long for the handler, or holding something that looks like a secret
 * (values are not shown, but they are still sent to Slack).
 */
export function pageValue(query: ChecksQuery | undefined, offset: number): string | undefined {
  if (!query) return undefined;
  for (const [k, max] of Object.entries(CHECKS_QUERY_MAX)) {
    const x = query[k as keyof typeof CHECKS_QUERY_MAX];
    if (x !== undefined && (x.length === 0 || x.length > max)) return undefined;
  }
  const value = JSON.stringify({ ...query, o: offset });
  return value.length <= LIMITS.buttonValue && maskSecrets(value) === value ? value : undefined;
}

/** "… and N more", the Next page button when the list can be paged, and how to narrow it. */
function moreBlocks(hidden: number, next: string | undefined, hint: string): KnownBlock[] {
  const blocks: KnownBlock[] = [context(`… and ${formatCount(hidden)} more. ${hint}`)];
  if (next !== undefined) {
    blocks.push(
      actionsBlock([
        button({
          text: 'Next page',
          actionId: actions.checksPage,
          value: next,
          label: 'Show the next findings',
        }),
      ]),
    );
  }
  return blocks;
}

/** ` · showing 21–40`, when a page shows less than the whole list. */
function range(offset: number, shown: number, total: number): string {
  return offset === 0 && shown === total
    ? ''
    : ` · showing ${formatCount(offset + 1)}–${formatCount(offset + shown)}`;
}

/** The widest `range` a list of `total` can have, to measure a heading before the page is known. */
function widestRange(total: number): string {
  return ` · showing ${formatCount(total)}–${formatCount(total)}`;
}

export interface ChecksListInput {
  findings: FindingRow[];
  /** The filter as the person typed it, for the heading. */
  filter: string;
  /** True when no scan was ever recorded. */
  neverScanned?: boolean;
  /** Where this page starts in `findings` (0, the first page, by default). */
  offset?: number;
  /** The filter as the Next page button carries it; without it the list says how to narrow it. */
  query?: ChecksQuery;
}

const NARROW = `\`${COMMAND} checks\` with a pillar, a service or a function name narrows the list, e.g. \`${COMMAND} checks lambda\`.`;

/**
 * `/wa checks [filter]` and "See all": failing checks most severe first, the most severe with
 * their fix, as many as fit in a message, then "… and N more" with a Next page button.
 */
export function checksListMessage(v: ChecksListInput): SlackMessage {
  const what = v.filter ? ` (${untrusted(v.filter, 100, { oneLine: true })})` : '';
  if (v.neverScanned) {
    return message('The checks have not run yet.', [
      section('The checks have not run yet; they run daily on the `checks` schedule.'),
    ]);
  }
  const total = v.findings.length;
  const offset = Math.max(0, Math.min(v.offset ?? 0, total));
  if (total === 0 || offset === total) {
    const none = total === 0 ? `No failing checks${what}.` : `No more failing checks${what}.`;
    return message(none, [section(`✅ ${none}`)]);
  }
  const heading = (shown: string) =>
    section(`*${plural(total, 'failing finding')}*${what}, most severe first${shown}`);
  const fitted = fitList({
    budget: MESSAGE_BUDGET,
    head: [heading(widestRange(total))],
    items: v.findings.slice(offset),
    render: (f, i) => [
      {
        ...section(findingLine(f, offset + i < 10), suppressButton(f)),
        block_id: findingBlockId(f.id),
      },
    ],
    more: (hidden, shown) => moreBlocks(hidden, pageValue(v.query, offset + shown), NARROW),
  });
  fitted.blocks[0] = heading(range(offset, fitted.shown, total));
  return message(`${plural(total, 'failing finding')}${what}`, fitted.blocks);
}

/** `/wa checks suppressed`: what is hidden, by whom, why and until when, a page at a time. */
export function suppressionsMessage(rows: SuppressionRow[], timeZone: string, offset = 0): SlackMessage {
  if (rows.length === 0) return message('Nothing is suppressed.', [section('Nothing is suppressed.')]);
  const start = Math.max(0, Math.min(offset, rows.length - 1));
  const line = (s: SuppressionRow) => {
    const who = s.source === 'settings' ? 'the settings file' : userRef(s.createdBy);
    const check = s.checkId === '*' ? 'every check' : inlineCode(s.checkId, 80);
    const resource = s.resource === '*' ? 'every resource' : untrusted(s.resource, 200, { oneLine: true });
    return (
      `🔕 ${check} on ${resource}\n` +
      `by ${who} ${slackDate(s.createdAt, DATE_ONLY, timeZone)} · until ${slackDate(s.expiresAt, DATE_ONLY, timeZone)} · _${untrusted(s.reason, MAX_SUPPRESS_REASON, { oneLine: true })}_`
    );
  };
  const heading = (shown: string) => section(`*${plural(rows.length, 'active suppression')}*${shown}`);
  const fitted = fitList({
    budget: MESSAGE_BUDGET,
    head: [heading(widestRange(rows.length))],
    items: rows.slice(start),
    render: (s) => [section(line(s))],
    more: (hidden, shown) =>
      moreBlocks(hidden, pageValue({ sup: 1 }, start + shown), 'Next page shows the following ones.'),
  });
  fitted.blocks[0] = heading(range(start, fitted.shown, rows.length));
  return message(plural(rows.length, 'active suppression'), fitted.blocks);
}

export interface SuppressModalInput {
  finding: FindingRow;
  privateMetadata: string;
  now: number;
}

/** The suppress form: this resource or every resource, a required reason, and an end date within a year. */
export function suppressModal(v: SuppressModalInput): ModalView {
  const f = v.finding;
  const scopes: PlainTextOption[] = [
    { text: { type: 'plain_text', text: 'This resource only' }, value: 'resource' },
    { text: { type: 'plain_text', text: 'Every resource' }, value: 'all' },
  ];
  return {
    type: 'modal',
    callback_id: views.suppress,
    private_metadata: v.privateMetadata,
    title: { type: 'plain_text', text: 'Suppress a check' },
    submit: { type: 'plain_text', text: 'Suppress' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(findingLine(f, false)),
      {
        type: 'input',
        block_id: ids.scopeBlock,
        label: { type: 'plain_text', text: 'Suppress on' },
        element: {
          type: 'static_select',
          action_id: ids.scopeAction,
          options: scopes,
          initial_option: scopes[0]!,
        },
      },
      {
        type: 'input',
        block_id: ids.untilBlock,
        label: { type: 'plain_text', text: 'Until' },
        hint: {
          type: 'plain_text',
          text: 'At most a year from now. The suppression ends at 00:00 UTC that day.',
        },
        element: {
          type: 'datepicker',
          action_id: ids.untilAction,
          initial_date: formatDay(v.now + 30 * DAY, 'UTC'),
          placeholder: { type: 'plain_text', text: 'Pick a day' },
        },
      },
      {
        type: 'input',
        block_id: ids.reasonBlock,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'plain_text_input',
          action_id: ids.reasonAction,
          multiline: true,
          min_length: 1,
          max_length: MAX_SUPPRESS_REASON,
          placeholder: { type: 'plain_text', text: 'Why can this wait?' },
        },
      },
      context(
        'The finding is still recorded; it is hidden from summaries, `/wa checks`, App Home and alerts until then.',
      ),
    ],
  };
}

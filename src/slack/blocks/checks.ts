import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { type Pillar, pillars, type Severity, severities } from '../../../checks/types.js';
import { checkMeta, type FindingRow, type RecordedScan, type SuppressionRow } from '../../findings/store.js';
import { actions, COMMAND, findingBlockId, suppressModal as ids, views } from '../ids.js';
import { DATE_ONLY, formatCount, formatDay, plural, slackDate, userRef } from './format.js';
import {
  actionsBlock,
  button,
  context,
  divider,
  fields,
  header,
  packLines,
  type SlackMessage,
  section,
} from './kit.js';
import { inlineCode, plain, untrusted } from './text.js';

/** Builders for the checks in Slack: the scan summary, `/wa checks` and the suppress modal. */

const DAY = 86_400_000;
export const TOP_FINDINGS = 5;
export const MAX_SUPPRESS_DAYS = 366;
export const MAX_SUPPRESS_REASON = 500;

export const pillarLabel: Record<Pillar, string> = {
  operationalExcellence: 'Operational excellence',
  security: 'Security',
  reliability: 'Reliability',
  performance: 'Performance efficiency',
  costOptimization: 'Cost optimization',
  sustainability: 'Sustainability',
};

export const checkSeverityEmoji: Record<Severity, string> = {
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
  return checkSeverityEmoji[s as Severity] ?? '•';
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
    label: `Suppress ${f.checkId} on this resource`,
  });
}

function countsLine(counts: Partial<Record<Severity, number>>): string {
  const parts = severities
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
    { counts: Partial<Record<Severity, number>>; opened: number; fixed: number }
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
    e.counts[f.severity as Severity] = (e.counts[f.severity as Severity] ?? 0) + 1;
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
    `Well-Architected checks for ${plain(v.account, 60, { oneLine: true })}/${plain(v.region, 40, { oneLine: true })}: ` +
    `${plural(failing.length, 'failing finding')}, ${formatCount(newFailing.length)} new, ${formatCount(v.recorded.fixed.length)} fixed`;
  const blocks: KnownBlock[] = [
    header('Well-Architected checks'),
    section(
      `*${target}* · ${plural(v.checksRun, 'check')} ran ${slackDate(v.now, DATE_ONLY, v.timeZone)}\n` +
        `*${formatCount(failing.length)}* failing · 🆕 *${formatCount(newFailing.length)}* new since the last scan · 🛠 *${formatCount(v.recorded.fixed.length)}* fixed`,
    ),
  ];
  if (pillarFields.length > 0) blocks.push(fields(pillarFields));
  if (failing.length === 0) {
    blocks.push(section('✅ No check is failing.'));
  } else {
    blocks.push(divider, section(`*Top ${Math.min(TOP_FINDINGS, failing.length)} findings*`));
    for (const f of failing.slice(0, TOP_FINDINGS)) {
      const isNew = openedIds.has(f.id) ? '🆕 ' : '';
      blocks.push({
        ...section(`${isNew}${findingLine(f, true)}`, suppressButton(f)),
        block_id: findingBlockId(f.id),
      });
    }
  }
  if (v.recorded.fixed.length > 0) {
    const shown = v.recorded.fixed
      .slice(0, 5)
      .map((f) => `🛠 ${checkTitle(f)} · ${untrusted(f.resourceName, 140, { oneLine: true })}`);
    const more = v.recorded.fixed.length - shown.length;
    blocks.push(
      section(
        `*Fixed since the last scan*\n${shown.join('\n')}${more > 0 ? `\n… and ${formatCount(more)} more` : ''}`,
      ),
    );
  }
  if (failing.length > 0) {
    blocks.push(
      actionsBlock([
        button({
          text: `See all ${formatCount(failing.length)}`,
          actionId: actions.checksSeeAll,
          value: JSON.stringify({ a: v.account, r: v.region }),
          label: 'List every failing check',
        }),
      ]),
    );
  }
  blocks.push(context(`Suppressed findings are not shown; \`${COMMAND} checks suppressed\` lists them.`));
  return { text, blocks };
}

export interface ChecksListInput {
  findings: FindingRow[];
  /** The filter as the person typed it, for the heading. */
  filter: string;
  /** True when no scan was ever recorded. */
  neverScanned?: boolean;
}

const LIST_BLOCKS = 45;

/** `/wa checks [filter]` and "See all": failing checks with their fix, most severe first. */
export function checksListMessage(v: ChecksListInput): SlackMessage {
  const what = v.filter ? ` (${untrusted(v.filter, 100, { oneLine: true })})` : '';
  if (v.neverScanned) {
    return {
      text: 'The checks have not run yet.',
      blocks: [section('The checks have not run yet; they run daily on the `checks` schedule.')],
    };
  }
  if (v.findings.length === 0) {
    return { text: `No failing checks${what}.`, blocks: [section(`✅ No failing checks${what}.`)] };
  }
  const blocks: KnownBlock[] = [
    section(`*${plural(v.findings.length, 'failing finding')}*${what}, most severe first`),
  ];
  let shown = 0;
  for (const f of v.findings) {
    if (blocks.length >= LIST_BLOCKS) break;
    blocks.push({
      ...section(findingLine(f, shown < 10), suppressButton(f)),
      block_id: findingBlockId(f.id),
    });
    shown++;
  }
  if (shown < v.findings.length)
    blocks.push(
      context(
        `… and ${formatCount(v.findings.length - shown)} more; narrow it with a pillar, service or function.`,
      ),
    );
  return { text: `${plural(v.findings.length, 'failing finding')}${what.replace(/\*/g, '')}`, blocks };
}

/** `/wa checks suppressed`: what is hidden, by whom, why and until when. */
export function suppressionsMessage(rows: SuppressionRow[], timeZone: string): SlackMessage {
  if (rows.length === 0) {
    return { text: 'Nothing is suppressed.', blocks: [section('Nothing is suppressed.')] };
  }
  const lines = rows.map((s) => {
    const who = s.source === 'settings' ? 'the settings file' : userRef(s.createdBy);
    const check = s.checkId === '*' ? 'every check' : inlineCode(s.checkId, 80);
    const resource = s.resource === '*' ? 'every resource' : untrusted(s.resource, 200, { oneLine: true });
    return (
      `🔕 ${check} on ${resource}\n` +
      `by ${who} ${slackDate(s.createdAt, DATE_ONLY, timeZone)} · until ${slackDate(s.expiresAt, DATE_ONLY, timeZone)} · _${untrusted(s.reason, MAX_SUPPRESS_REASON, { oneLine: true })}_`
    );
  });
  const packed = packLines(lines, 40, 9_000);
  const blocks: KnownBlock[] = [section(`*${plural(rows.length, 'active suppression')}*`), ...packed.blocks];
  if (packed.shown < rows.length)
    blocks.push(context(`… and ${formatCount(rows.length - packed.shown)} more`));
  return { text: `${plural(rows.length, 'active suppression')}`, blocks };
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

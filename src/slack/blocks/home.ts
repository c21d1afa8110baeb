import type { HomeView, KnownBlock } from '@slack/types';
import type { Incident } from '../../incidents/types.js';
import type { IncidentSeverity } from '../../vocabulary.js';
import { type Pillar, pillarLabel } from '../../vocabulary.js';
import { actions } from '../ids.js';
import { type TargetRow, targetLine } from './commands.js';
import {
  DATE_TIME,
  DATE_TIME_AGO,
  failureKindLabel,
  formatCount,
  plural,
  severityEmoji,
  severityLabel,
  severityRank,
  slackDate,
  stateEmoji,
  stateLabel,
  userRef,
} from './format.js';
import { incidentTitle } from './incident.js';
import { button, context, divider, fields, header, packLines, section } from './kit.js';
import { fitList, VIEW_BUDGET } from './limits.js';
import { escapeMrkdwn, link, untrusted } from './text.js';

const MAX_TARGET_BLOCKS = 4;
const MAX_RESOLVED = 10;

export interface HomeInput {
  /** Open, acknowledged and muted incidents, in any order. */
  open: Incident[];
  recentlyResolved: Incident[];
  targets: TargetRow[];
  now: number;
  timeZone: string;
  /** Failing Well-Architected checks per pillar, when the checks have run. */
  failingChecksByPillar?: Record<string, number>;
  /** Reviews, when workloads are configured: the open ones and when the next one is due. */
  reviews?: {
    open: { workload: string; runKey: string; answered: number; questions: number; url?: string }[];
    nextAt?: number;
  };
}

/** Most severe first, then the most recently seen. */
export function byUrgency(a: Incident, b: Incident): number {
  const rank = (s: string) => severityRank[s as IncidentSeverity] ?? 9;
  return rank(a.severity) - rank(b.severity) || b.lastSeenAt - a.lastSeenAt || b.id - a.id;
}

function openLine(i: Incident, timeZone: string): string {
  const state =
    i.state === 'acknowledged'
      ? `${stateEmoji.acknowledged} Acknowledged by ${userRef(i.acknowledgedBy)}`
      : i.state === 'muted'
        ? `${stateEmoji.muted} Muted${i.mutedUntil !== null ? ` until ${slackDate(i.mutedUntil, DATE_TIME, timeZone)}` : ''}`
        : `${stateEmoji[i.state] ?? ''} ${stateLabel[i.state] ?? untrusted(i.state, 30, { oneLine: true })}`;
  const assignee = i.assignee && i.state !== 'acknowledged' ? ` · 👤 ${userRef(i.assignee)}` : '';
  const regression = i.regressions > 0 ? ' · ↩️ regression' : '';
  return (
    `${severityEmoji[i.severity] ?? ''} *#${i.id}* ${incidentTitle(i)}\n` +
    `${state}${assignee} · ${escapeMrkdwn(failureKindLabel(i.failureKind))} · ${plural(i.occurrences, 'occurrence')} · ` +
    `last ${slackDate(i.lastSeenAt, DATE_TIME_AGO, timeZone)} · ${untrusted(i.account, 60, { oneLine: true })} · ${untrusted(i.region, 40, { oneLine: true })}${regression}`
  );
}

function resolvedLine(i: Incident, timeZone: string): string {
  const when = i.resolvedAt !== null ? ` ${slackDate(i.resolvedAt, DATE_TIME, timeZone)}` : '';
  return `${stateEmoji.resolved} *#${i.id}* ${incidentTitle(i)} — resolved by ${userRef(i.resolvedBy)}${when}`;
}

/** The pillar's label from the one vocabulary; a key Pillar does not know shows as escaped text. */
function pillarName(key: string): string {
  return pillarLabel[key as Pillar] ?? untrusted(key, 60, { oneLine: true });
}

/**
 * The App Home: counts by state, open incidents by severity (Acknowledge next to the open ones),
 * failing checks per pillar, ingestion health per account and region, and what was resolved
 * lately. Lists are cut to stay within a view's 100 blocks, with "and N more".
 */
export function homeView(v: HomeInput): HomeView {
  const { now, timeZone } = v;
  const open = [...v.open].sort(byUrgency);
  const count = (s: Incident['state']) => open.filter((i) => i.state === s).length;

  const head: KnownBlock[] = [
    header('Pillar'),
    section(
      `${stateEmoji.open} *${formatCount(count('open'))}* open · ${stateEmoji.acknowledged} *${formatCount(count('acknowledged'))}* acknowledged · ` +
        `${stateEmoji.muted} *${formatCount(count('muted'))}* muted · ${stateEmoji.resolved} *${formatCount(v.recentlyResolved.length)}* resolved lately`,
      button({
        text: 'Refresh',
        actionId: actions.homeRefresh,
        value: 'refresh',
        label: 'Refresh this page',
      }),
    ),
    context(`Updated ${slackDate(now, DATE_TIME, timeZone)}`),
  ];

  // Everything after the incident list is built first, so the list gets whatever room is left.
  const tail: KnownBlock[] = [];
  const pillars = Object.entries(v.failingChecksByPillar ?? {});
  if (pillars.length > 0) {
    tail.push(divider, header('Well-Architected checks'));
    const failing = pillars.filter(([, n]) => n > 0);
    if (failing.length === 0) {
      tail.push(section('✅ No check is failing.'));
    } else {
      tail.push(
        fields(failing.slice(0, 10).map(([p, n]) => `*${pillarName(p)}*\n${plural(n, 'failing check')}`)),
      );
      if (failing.length > 10) tail.push(context(`… and ${failing.length - 10} more pillars`));
    }
  }
  if (v.reviews) {
    tail.push(divider, header('Well-Architected reviews'));
    const lines = v.reviews.open.slice(0, 5).map((r) => {
      const open = r.url ? ` · ${link(r.url, 'open the review')}` : '';
      return `📝 *${untrusted(r.workload, 100, { oneLine: true })}* ${untrusted(r.runKey, 40, { oneLine: true })} · ${formatCount(r.answered)}/${formatCount(r.questions)} answered${open}`;
    });
    if (lines.length === 0) lines.push('No review is open. `/wa review` starts one.');
    if (v.reviews.open.length > lines.length)
      lines.push(`… and ${formatCount(v.reviews.open.length - lines.length)} more open`);
    if (v.reviews.nextAt !== undefined)
      lines.push(`Next scheduled review: ${slackDate(v.reviews.nextAt, DATE_TIME, timeZone)}`);
    // Lines, not one section: five links can pass a section's 3,000 characters.
    tail.push(...packLines(lines, 3).blocks);
  }
  tail.push(divider, header('Ingestion'));
  if (v.targets.length === 0) {
    tail.push(section('No account is being read yet. Check `aws.accounts` in the settings file.'));
  } else {
    const packed = packLines(
      v.targets.map((t) => targetLine(t, now, timeZone, false)),
      MAX_TARGET_BLOCKS,
    );
    tail.push(...packed.blocks);
    if (packed.shown < v.targets.length) {
      tail.push(context(`… and ${v.targets.length - packed.shown} more; \`/wa status\` has them all`));
    }
  }
  if (v.recentlyResolved.length > 0) {
    tail.push(divider, header('Recently resolved'));
    const resolved = v.recentlyResolved.slice(0, MAX_RESOLVED);
    const packed = packLines(
      resolved.map((i) => resolvedLine(i, timeZone)),
      2,
    );
    tail.push(...packed.blocks);
    const more = v.recentlyResolved.length - packed.shown;
    if (more > 0) tail.push(context(`… and ${more} more`));
  }

  const listHead: KnownBlock[] = [...head, divider, header('Open incidents')];
  if (open.length === 0) {
    return { type: 'home', blocks: [...listHead, section('Nothing open. 🎉'), ...tail] };
  }
  const inGroup = new Map<string, number>();
  for (const i of open) inGroup.set(i.severity, (inGroup.get(i.severity) ?? 0) + 1);
  // The list gets whatever the view's budget leaves after everything else; a severity label
  // goes before the first incident of each severity.
  const fitted = fitList({
    budget: VIEW_BUDGET,
    head: listHead,
    items: open,
    render: (i, k) => {
      const blocks: KnownBlock[] = [];
      if (k === 0 || open[k - 1]!.severity !== i.severity) {
        blocks.push(
          context(
            `${severityEmoji[i.severity] ?? ''} *${severityLabel[i.severity] ?? untrusted(i.severity, 30, { oneLine: true })}* · ${formatCount(inGroup.get(i.severity) ?? 0)}`,
          ),
        );
      }
      const accessory =
        i.state === 'open'
          ? button({
              text: 'Acknowledge',
              actionId: actions.acknowledge,
              value: String(i.id),
              label: `Acknowledge incident #${i.id}`,
            })
          : undefined;
      blocks.push(section(openLine(i, timeZone), accessory));
      return blocks;
    },
    more: (hidden) => [context(`… and ${formatCount(hidden)} more; \`/wa incidents\` lists them`)],
    tail,
  });
  return { type: 'home', blocks: fitted.blocks };
}

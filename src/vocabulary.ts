/**
 * The words every floor shares: the Well-Architected pillars and the two severity scales. Pure data
 * on the kernel floor, so checks, findings, reviews and Slack messages name them the same way.
 */

/** The pillar ids as the Well-Architected Tool's API spells them, in the Tool's order. */
export const pillars = [
  'operationalExcellence',
  'security',
  'reliability',
  'performance',
  'costOptimization',
  'sustainability',
] as const;
export type Pillar = (typeof pillars)[number];

/** The Tool's pillar names, in sentence case as Pillar writes its labels. */
export const pillarLabel: Record<Pillar, string> = {
  operationalExcellence: 'Operational excellence',
  security: 'Security',
  reliability: 'Reliability',
  performance: 'Performance efficiency',
  costOptimization: 'Cost optimization',
  sustainability: 'Sustainability',
};

/**
 * How severe a check's finding is, most severe first: the index is the rank used by filters and
 * summaries. Check severities end with `info`, for findings worth knowing that need no action.
 */
export const checkSeverities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type CheckSeverity = (typeof checkSeverities)[number];

/** 0 for the most severe; an incident severity ranks the same as the check severity of that name. */
export function checkSeverityRank(s: CheckSeverity): number {
  return checkSeverities.indexOf(s);
}

/**
 * How severe an incident is, most severe first. Incident severities have no `info`: an incident is
 * a failure someone should look at, never a note.
 */
export const incidentSeverities = ['critical', 'high', 'medium', 'low'] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

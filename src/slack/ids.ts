/**
 * Every Slack identifier Pillar registers or renders: the slash command, action ids, view
 * callback ids, block ids. Builders and handlers both import from here, and a test keeps
 * manifest.yml in step with it, so a listener can never drift from the element that calls it.
 */
export const COMMAND = '/wa';

export const actions = {
  acknowledge: 'incident_acknowledge',
  resolve: 'incident_resolve',
  reopen: 'incident_reopen',
  unmute: 'incident_unmute',
  /** static_select whose option values are `<incidentId>:<1h|24h|7d|custom>`. */
  mute: 'incident_mute',
  /** users_select; the incident id is in the block id (see `incidentActionsBlockId`). */
  assign: 'incident_assign',
  /** A link button to the function's logs in the AWS console; Slack still sends an action, which is acked. */
  openLogs: 'incident_open_logs',
  /** App Home: refresh the tab. */
  homeRefresh: 'home_refresh',
  /** Ephemeral /wa incidents list: acknowledge from the list. */
  listAcknowledge: 'list_acknowledge',
  /** Check summary: the full list of failing checks, ephemerally; the value is `{"a":account,"r":region}`. */
  checksSeeAll: 'checks_see_all',
  /** Check summary and `/wa checks`: opens the suppress modal; the value is the finding id. */
  checksSuppress: 'checks_suppress',
} as const;
export type ActionId = (typeof actions)[keyof typeof actions];

export const views = {
  /** Modal asking a mute reason and end date; private_metadata is `{"incidentId":N,"channel":…,"ts":…}`. */
  mute: 'incident_mute_modal',
  /** Modal suppressing a finding's check on its resource; private_metadata is `{"findingId":N}`. */
  suppress: 'checks_suppress_modal',
} as const;

/** Block and action ids inside the suppress modal. */
export const suppressModal = {
  scopeBlock: 'suppress_scope',
  scopeAction: 'suppress_scope_select',
  reasonBlock: 'suppress_reason',
  reasonAction: 'suppress_reason_input',
  untilBlock: 'suppress_until',
  untilAction: 'suppress_until_date',
} as const;

/** Block and action ids inside the mute modal. */
export const muteModal = {
  reasonBlock: 'mute_reason',
  reasonAction: 'mute_reason_input',
  untilBlock: 'mute_until',
  untilAction: 'mute_until_date',
  durationBlock: 'mute_duration',
  durationAction: 'mute_duration_select',
} as const;

/** Bot events Pillar subscribes to. */
export const events = ['app_home_opened'] as const;

/** Slack message metadata event type that marks a message as an incident's alert. */
export const INCIDENT_METADATA_EVENT = 'pillar_incident';

/**
 * Block id of an incident message's actions block: carries the incident id for selects. The
 * revision makes it new on every edit, as Slack advises, so clients drop stale menu choices.
 */
export function incidentActionsBlockId(incidentId: number, revision?: number): string {
  return revision === undefined
    ? `incident:${incidentId}:actions`
    : `incident:${incidentId}:actions:r${revision}`;
}

/** Reads the incident id from a block id written by `incidentActionsBlockId`. */
export function incidentIdFromBlockId(blockId: string | undefined): number | undefined {
  const m = /^incident:(\d{1,12}):/.exec(blockId ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Block id of a finding's section in a check summary or list (its Suppress button is inside). */
export function findingBlockId(findingId: number): string {
  return `finding:${findingId}`;
}

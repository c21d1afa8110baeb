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
  /**
   * A checks or suppressions list cut to fit a message: the next page, in place of the list. The
   * value is the filter and where the page starts (`ChecksQuery` plus `o`).
   */
  checksPage: 'checks_page',
  /** Check summary and `/wa checks`: opens the suppress modal; the value is the finding id. */
  checksSuppress: 'checks_suppress',
  /** Review message: one button per pillar (ids must differ within the actions block); the value is the review id. */
  reviewPillarOperationalExcellence: 'review_pillar_operationalExcellence',
  reviewPillarSecurity: 'review_pillar_security',
  reviewPillarReliability: 'review_pillar_reliability',
  reviewPillarPerformance: 'review_pillar_performance',
  reviewPillarCostOptimization: 'review_pillar_costOptimization',
  reviewPillarSustainability: 'review_pillar_sustainability',
  /** Review message: creates the milestone (with a confirm dialog); the value is the review id. */
  reviewFinish: 'review_finish',
  /** Pillar modal, per question; the value is `{"r":reviewId,"l":lens,"q":questionId}`. */
  reviewApply: 'review_apply',
  reviewChange: 'review_change',
  reviewNotApplicable: 'review_not_applicable',
} as const;
export type ActionId = (typeof actions)[keyof typeof actions];

export const views = {
  /** Modal asking a mute reason and end date; private_metadata is `{"incidentId":N,"channel":…,"ts":…}`. */
  mute: 'incident_mute_modal',
  /** Modal suppressing a finding's check on its resource; private_metadata is `{"findingId":N}`. */
  suppress: 'checks_suppress_modal',
  /** Pushed over the pillar modal: the complete selection; private_metadata is `{"r","l","q","v":parentViewId}`. */
  reviewSelection: 'review_selection_modal',
  /** Pushed over the pillar modal: a reason and notes; private_metadata as reviewSelection. */
  reviewNotApplicable: 'review_not_applicable_modal',
} as const;

/**
 * The pillar modal of a review (questions, proposals, buttons). It has no submit button, so no
 * view listener; its private_metadata is `{"r":reviewId,"p":pillarId}`.
 */
export const REVIEW_PILLAR_CALLBACK = 'review_pillar_modal';

/** The pillar buttons' action ids, by pillar id (vocabulary.ts `pillars`). */
export const reviewPillarActions = {
  operationalExcellence: actions.reviewPillarOperationalExcellence,
  security: actions.reviewPillarSecurity,
  reliability: actions.reviewPillarReliability,
  performance: actions.reviewPillarPerformance,
  costOptimization: actions.reviewPillarCostOptimization,
  sustainability: actions.reviewPillarSustainability,
} as const;

/** Block and action ids inside the review modals. Choice checkboxes are split in groups of ten (Slack's limit). */
export const reviewModal = {
  choicesBlock: (group: number) => `review_choices_${group}`,
  choicesBlockPrefix: 'review_choices_',
  choicesAction: 'review_choices_select',
  reasonBlock: 'review_na_reason',
  reasonAction: 'review_na_reason_select',
  notesBlock: 'review_na_notes',
  notesAction: 'review_na_notes_input',
} as const;

/** Block id of a question's buttons in the pillar modal (an index: lens aliases can be long ARNs). */
export function reviewQuestionBlockId(index: number): string {
  return `review_q:${index}`;
}

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

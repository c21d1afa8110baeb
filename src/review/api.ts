import type { NotApplicableReason, Review, ReviewPlan, ReviewSummary, ReviewTrigger } from './types.js';

/**
 * What the Slack surfaces, the scheduler and the CLI ask of the review workflow. Every method
 * that talks to the Well-Architected Tool can throw a `PillarError` whose message is the one
 * sentence a user sees (access denied names the missing permission, throttling says to retry).
 */
export interface ReviewService {
  /** Workload names from the settings, in order. */
  workloadNames(): string[];
  /** The dry run: what `start` would write, and the proposals; sends no write call. */
  plan(workload: string): Promise<ReviewPlan>;
  /**
   * Finds or creates the workload, associates missing lenses, reads every answer, runs the checks
   * for evidence and stores the review with its proposals. An open review of the same workload and
   * run key is returned as it is (`created: false`), so a schedule and a command never make two.
   */
  start(
    workload: string,
    options: { trigger: ReviewTrigger; by?: string; runKey?: string },
  ): Promise<{ review: Review; created: boolean }>;
  get(id: number): Review | undefined;
  /** The workload's open review, else its latest finished one. */
  latest(workload: string): Review | undefined;
  /** Open reviews (no milestone yet). */
  openReviews(): Review[];
  /** Sends the proposal's complete selection and notes with UpdateAnswer. */
  applyProposal(id: number, lens: string, questionId: string, by: string): Promise<Review>;
  /** Sends this complete selection (a person's choice) with UpdateAnswer. */
  setSelection(id: number, lens: string, questionId: string, choices: string[], by: string): Promise<Review>;
  /** Marks the question not applicable with a reason (and optional notes). */
  markNotApplicable(
    id: number,
    lens: string,
    questionId: string,
    reason: NotApplicableReason,
    notes: string | undefined,
    by: string,
  ): Promise<Review>;
  /** Creates the milestone and gathers the summary (risk change per pillar, unanswered, improvements, report). */
  finish(id: number, by: string): Promise<ReviewSummary>;
  /** Remembers the Slack message that shows the review. */
  attachSlack(id: number, channel: string, ts: string): void;
  /** Records that a reminder was posted in the review's thread. */
  markReminded(id: number, at: number): void;
}

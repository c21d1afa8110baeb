/**
 * The review's domain: what Pillar knows about one Well-Architected review of one workload, as
 * read from the Well-Architected Tool and completed with proposals from the checks. Block Kit
 * builders render these objects; the review service produces them.
 */

import type { Pillar } from '../vocabulary.js';

export const risks = ['UNANSWERED', 'HIGH', 'MEDIUM', 'NONE', 'NOT_APPLICABLE'] as const;
export type Risk = (typeof risks)[number];
/** Every key present (the Tool leaves zero counts out; Pillar fills them in). */
export type RiskCounts = Record<Risk, number>;

/** Why a question does not apply (the Tool's `AnswerReason`). */
export const notApplicableReasons = [
  'OUT_OF_SCOPE',
  'BUSINESS_PRIORITIES',
  'ARCHITECTURE_CONSTRAINTS',
  'OTHER',
  'NONE',
] as const;
export type NotApplicableReason = (typeof notApplicableReasons)[number];

export interface ReviewChoice {
  id: string;
  title: string;
  /** The question's "None of these" choice (its id differs per question). */
  none: boolean;
}

/** One check's verdict on one best practice (choice), for the proposal and its notes. */
export interface EvidenceItem {
  checkId: string;
  title: string;
  choiceId: string;
  status: 'compliant' | 'non_compliant';
  /** Failing resources (names), at most a handful; `resourceCount` has the total. */
  resources: string[];
  resourceCount: number;
}

/**
 * Failing resources of one check that a suppression (settings or Slack) left out of the evidence,
 * kept so the notes can say what was left out and why.
 */
export interface SuppressedEvidence {
  checkId: string;
  title: string;
  choiceId: string;
  /** Resource names, at most a handful; `resourceCount` has the total. */
  resources: string[];
  resourceCount: number;
  /** The suppression's reason and end. */
  reason: string;
  until: number;
}

/** What the checks say the answer should be. Nothing is sent to the Tool until a person applies it. */
export interface Proposal {
  /** The complete selection to send (UpdateAnswer replaces the selection). */
  selected: string[];
  /** Choices the evidence supports (all their checks pass). */
  supports: string[];
  /** Choices the evidence contradicts (a check fails), left out of `selected`. */
  contradicts: string[];
  /** The notes sent with it: passing and failing checks with resources, at most 2,084 characters. */
  notes: string;
  evidence: EvidenceItem[];
  /** Failing findings left out because they are suppressed (absent when none were). */
  suppressed?: SuppressedEvidence[];
  /** True when `selected` differs from the current selection. */
  changes: boolean;
}

export interface ReviewQuestion {
  lens: string;
  questionId: string;
  pillarId: string;
  title: string;
  choices: ReviewChoice[];
  selected: string[];
  isApplicable: boolean;
  reason?: string;
  risk: Risk;
  /** Absent when no check bears on the question. */
  proposal?: Proposal;
  /** The last change Pillar sent for this question in this review. */
  applied?: { at: number; by: string; kind: 'proposal' | 'selection' | 'not_applicable' };
}

export interface ReviewLens {
  alias: string;
  arn: string;
  name: string;
  version: string;
  status?: string;
}

/** A check mapped to a question or choice that the lens in the Tool does not have (lens version drift). */
export interface DriftItem {
  checkId: string;
  lens: string;
  questionId: string;
  choiceId: string;
  problem: 'unknown_question' | 'unknown_choice' | 'lens_not_associated';
}

export interface PillarProgress {
  pillarId: Pillar;
  riskCounts: RiskCounts;
  questions: number;
  /** Answered or marked not applicable. */
  answered: number;
  /** Questions whose proposal would change the answer and has not been applied. */
  proposalsPending: number;
}

export interface WorkloadRef {
  name: string;
  id: string;
  arn: string;
  region: string;
  /** The account name from the settings whose credentials reach the Tool. */
  account: string;
  owner?: string;
}

export type ReviewTrigger = 'schedule' | 'command' | 'cli' | 'catch-up';

export interface Review {
  id: number;
  workload: WorkloadRef;
  /** Names the review period (`2026-H2`); one review per workload and run key. */
  runKey: string;
  trigger: ReviewTrigger;
  status: 'open' | 'finished';
  startedAt: number;
  startedBy?: string;
  finishedAt?: number;
  milestone?: { number: number; name: string };
  lenses: ReviewLens[];
  pillars: PillarProgress[];
  questions: ReviewQuestion[];
  drift: DriftItem[];
  /** When the check evidence was gathered. */
  evidenceAt: number;
  /** Where the review lives in Slack, once posted. */
  slack?: { channel: string; ts: string; lastReminderAt?: number };
}

export interface ImprovementItem {
  lens: string;
  questionId: string;
  pillarId: string;
  title: string;
  risk: Risk;
  url?: string;
}

export interface ReviewSummary {
  review: Review;
  milestone: { number: number; name: string };
  /** The milestone before this one, when there is one. */
  previous?: { number: number; name: string; recordedAt?: number };
  pillars: { pillarId: Pillar; now: RiskCounts; before?: RiskCounts }[];
  unanswered: { lens: string; questionId: string; pillarId: string; title: string }[];
  improvements: ImprovementItem[];
  /** The lens review report of the `wellarchitected` lens (PDF), when the Tool gave one. */
  report?: { filename: string; pdf: Buffer };
}

/** What `--dry-run` prints: the calls the review would make and the proposals, nothing written. */
export interface ReviewPlan {
  workload: { name: string; id?: string; region: string; account: string; exists: boolean };
  /** Writes the run would make, in order, as sentences. */
  writes: string[];
  review?: Omit<Review, 'id' | 'status' | 'startedAt' | 'trigger'>;
}

import type { ScanResult } from '../../checks/runner.js';
import type { AwsTarget } from '../aws/clients.js';
import { type ScanDeps, scanTarget } from '../findings/scan.js';
import { leaveOutSuppressed, type SuppressedFinding, suppressionsInForce } from '../findings/suppressions.js';
import { evidenceByQuestion, proposeAnswer, questionKey } from './proposals.js';
import type { Review, ReviewQuestion } from './types.js';

/**
 * A review's evidence: the checks run now over the workload's account and region by the one scan
 * path (findings/scan.ts), with suppressed findings taken out, so what a person decided can wait
 * never reaches the Tool as a failure.
 */

/** Check results for one account and region, as the scan gives them (tests pass their own). */
export type EvidenceSource = (target: AwsTarget) => Promise<ScanResult[]>;

export interface Evidence {
  /** When the checks ran (for the notes). */
  at: number;
  /** The results, suppressed findings taken out. */
  results: ScanResult[];
  /** The failing findings that suppressions took out. */
  suppressed: SuppressedFinding[];
}

export interface EvidenceDeps extends ScanDeps {
  /** Where check results come from (default: `scanTarget`, collecting the inventory now). */
  evidence?: EvidenceSource;
}

export function createEvidence(deps: EvidenceDeps): (target: AwsTarget) => Promise<Evidence> {
  const source: EvidenceSource =
    deps.evidence ?? (async (target) => (await scanTarget(deps, target)).results);
  return async (target) => {
    const at = deps.clock.now();
    const raw = await source(target);
    const inForce = suppressionsInForce(deps.db, deps.settings.checks.suppressions, deps.clock.now());
    const { results, suppressed } = leaveOutSuppressed(raw, inForce);
    if (suppressed.length > 0)
      deps.logger.info(
        { ...target, suppressed: suppressed.length },
        'Suppressed findings are left out of the review evidence',
      );
    return { at, results, suppressed };
  };
}

/** The questions with a proposal where the evidence bears on them, and the lens drift it showed. */
export function withProposals(
  questions: readonly Omit<ReviewQuestion, 'proposal'>[],
  evidence: Evidence,
): { questions: ReviewQuestion[]; drift: Review['drift'] } {
  const found = evidenceByQuestion(questions, evidence.results, evidence.suppressed);
  return {
    drift: found.drift,
    questions: questions.map((q) => {
      const key = questionKey(q.lens, q.questionId);
      const proposal = proposeAnswer(
        q,
        found.evidence.get(key) ?? [],
        evidence.at,
        '',
        found.suppressed.get(key) ?? [],
      );
      return proposal ? { ...q, proposal } : { ...q };
    }),
  };
}

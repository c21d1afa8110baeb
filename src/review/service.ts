import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { createAnswers } from './answers.js';
import type { ReviewService } from './api.js';
import { createEvidence, type EvidenceSource } from './evidence.js';
import { createFinish } from './finish.js';
import { createLocks } from './locks.js';
import { createStart } from './start.js';
import { createReviewStore } from './store.js';

export type { ReviewService } from './api.js';
export type { EvidenceSource } from './evidence.js';
export { milestoneName, runKeyFor } from './periods.js';
export { progress } from './read.js';

export interface ReviewDeps {
  settings: Settings;
  db: Db;
  clock: Clock;
  logger: Logger;
  aws: AwsClients;
  /** Where check results come from (default: collect the inventory and run the checks now). */
  evidence?: EvidenceSource;
}

/**
 * The review workflow: its parts (store, locks, evidence, start, answers, finish) wired together
 * behind the `ReviewService` the Slack surfaces, the scheduler and the CLI use.
 */
export function createReviewService(deps: ReviewDeps): ReviewService {
  const { settings, clock, logger, aws } = deps;
  const store = createReviewStore(deps.db, clock);
  // One set of locks for every part, so a finish waits for an answer being changed.
  const locks = createLocks();
  const evidence = createEvidence(deps);
  const parts = { settings, clock, logger, aws, store, locks, evidence };
  return {
    workloadNames: () => settings.review.workloads.map((w) => w.name),
    ...createStart(parts),
    get: (id) => store.get(id),
    latest: (name) => store.latest(name),
    openReviews: () => store.openReviews(),
    ...createAnswers(parts),
    ...createFinish(parts),
    attachSlack: (id, channel, ts) => store.attachSlack(id, channel, ts),
    markReminded: (id, at) => store.markReminded(id, at),
  };
}

import type { Clock } from '../../../clock.js';

/** PLACEHOLDER (being written this session): the simulated account's sns resources, per account and region. */
export class SimSnsStore {
  constructor(readonly clock: Clock) {}
}

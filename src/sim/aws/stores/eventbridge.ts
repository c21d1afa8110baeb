import type { Clock } from '../../../clock.js';

/** PLACEHOLDER (being written this session): the simulated account's eventbridge resources, per account and region. */
export class SimEventBridgeStore {
  constructor(readonly clock: Clock) {}
}

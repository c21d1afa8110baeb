import type { Clock } from '../../../clock.js';

/** PLACEHOLDER (being written this session): the simulated account's wellarchitected resources, per account and region. */
export class SimWellArchitectedStore {
  constructor(readonly clock: Clock) {}
}

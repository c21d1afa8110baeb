import type { Clock } from '../../../clock.js';

/** PLACEHOLDER (being written this session): the simulated account's kinesis resources, per account and region. */
export class SimKinesisStore {
  constructor(readonly clock: Clock) {}
}

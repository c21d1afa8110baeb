import type { Clock } from '../../../clock.js';

/** PLACEHOLDER (being written this session): the simulated account's apigateway resources, per account and region. */
export class SimApiGatewayStore {
  constructor(readonly clock: Clock) {}
}

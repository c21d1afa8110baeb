import type { SimState } from '../state.js';

/** PLACEHOLDER (being written this session): the demo account's apigateway resources, compliant and not. Returns their names. */
export function demoApiGateway(_state: SimState, _account: string, _region: string): string[] {
  return [];
}

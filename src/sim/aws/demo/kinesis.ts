import type { SimState } from '../state.js';

/** PLACEHOLDER (being written this session): the demo account's kinesis resources, compliant and not. Returns their names. */
export function demoKinesis(_state: SimState, _account: string, _region: string): string[] {
  return [];
}

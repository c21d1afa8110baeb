import type { SimState } from '../state.js';

/** PLACEHOLDER (being written this session): the demo account's sns resources, compliant and not. Returns their names. */
export function demoSns(_state: SimState, _account: string, _region: string): string[] {
  return [];
}

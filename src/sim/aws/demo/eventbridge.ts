import type { SimState } from '../state.js';

/** PLACEHOLDER (being written this session): the demo account's eventbridge resources, compliant and not. Returns their names. */
export function demoEventBridge(_state: SimState, _account: string, _region: string): string[] {
  return [];
}

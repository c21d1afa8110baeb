import type { ScanContext } from '../context.js';

/** PLACEHOLDER (being written this session): the eventbridge section of the snapshot. */
export type EventBridgeInventory = {};

/** PLACEHOLDER: not collected yet. */
export async function collectEventBridge(
  _ctx: ScanContext,
  _concurrency: number,
): Promise<EventBridgeInventory | undefined> {
  return undefined;
}

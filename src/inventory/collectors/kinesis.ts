import type { ScanContext } from '../context.js';

/** PLACEHOLDER (being written this session): the kinesis section of the snapshot. */
export type KinesisInventory = {};

/** PLACEHOLDER: not collected yet. */
export async function collectKinesis(
  _ctx: ScanContext,
  _concurrency: number,
): Promise<KinesisInventory | undefined> {
  return undefined;
}

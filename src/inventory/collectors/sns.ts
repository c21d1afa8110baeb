import type { ScanContext } from '../context.js';

/** PLACEHOLDER (being written this session): the sns section of the snapshot. */
export type SnsInventory = {};

/** PLACEHOLDER: not collected yet. */
export async function collectSns(_ctx: ScanContext, _concurrency: number): Promise<SnsInventory | undefined> {
  return undefined;
}

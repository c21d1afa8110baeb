import type { ScanContext } from '../context.js';

/** PLACEHOLDER (being written this session): the apigateway section of the snapshot. */
export type ApiGatewayInventory = {};

/** PLACEHOLDER: not collected yet. */
export async function collectApiGateway(
  _ctx: ScanContext,
  _concurrency: number,
): Promise<ApiGatewayInventory | undefined> {
  return undefined;
}

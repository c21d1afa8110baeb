import { type SimAws, startSimAws } from '../../sim/aws/index.js';
import { type AwsClients, createAwsClients } from '../../src/aws/clients.js';
import { type CollectDeps, type CollectResult, collectSnapshot } from '../../src/inventory/index.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock } from '../helpers/clock.js';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const NOW = '2026-11-28T12:00:00.000Z';

export interface InventoryHarness {
  sim: SimAws;
  clock: FakeClock;
  clients: AwsClients;
  collect: (options?: Partial<Omit<CollectDeps, 'clients' | 'clock' | 'target'>>) => Promise<CollectResult>;
  close: () => Promise<void>;
}

/** The real SDK clients over HTTP against the simulated account, on a fake clock. */
export async function inventoryHarness(): Promise<InventoryHarness> {
  const clock = new FakeClock(NOW);
  const sim = await startSimAws({ clock });
  const clients = createAwsClients({
    accounts: [{ name: 'prod', regions: [REGION] }],
    endpoint: sim.url,
    credentials: sim.credentials(ACCOUNT),
    maxAttempts: 1,
  });
  return {
    sim,
    clock,
    clients,
    collect: (options = {}) =>
      collectSnapshot({
        clients,
        clock,
        logger: silentLogger(),
        target: { account: 'prod', region: REGION },
        ...options,
      }),
    close: async () => {
      clients.destroy();
      await sim.close();
    },
  };
}

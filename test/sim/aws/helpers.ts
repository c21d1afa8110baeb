import { type SimAws, type SimAwsOptions, startSimAws } from '../../../sim/aws/index.js';
import { FakeClock } from '../../helpers/clock.js';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const HOME_ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** A sim on a fake clock; remember to close it. */
export async function startTestSim(options: SimAwsOptions = {}): Promise<{ sim: SimAws; clock: FakeClock }> {
  const clock = options.clock instanceof FakeClock ? options.clock : new FakeClock();
  const sim = await startSimAws({ ...options, clock });
  return { sim, clock };
}

/** SDK client options for one account of the sim, with retries off so errors surface at once. */
export function clientConfig(sim: SimAws, account = ACCOUNT, region = REGION) {
  return { endpoint: sim.url, region, credentials: sim.credentials(account), maxAttempts: 1 };
}

/** Catches what a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

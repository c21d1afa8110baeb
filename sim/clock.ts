/**
 * The simulator's own clock, shaped like Pillar's so one object drives both in the demo and in
 * tests; the simulator imports nothing from the product.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

import type { Clock } from '../clock.js';

/**
 * A token bucket that keeps calls under a requests-per-second budget. AWS quotas such as
 * FilterLogEvents' 5-25/s are per account and region and shared with people and other tools,
 * so Pillar stays below them instead of relying on throttling.
 */
export class Pacer {
  private tokens: number;
  private last: number;
  private rate: number;
  private readonly baseRate: number;
  private pausedUntil = 0;
  private backoffMs = 0;
  /** Number of calls that had to wait, for the cycle report. */
  waits = 0;
  /** Number of throttled answers from AWS (`/wa status` shows them). */
  throttles = 0;

  constructor(
    private readonly clock: Clock,
    requestsPerSecond: number,
    private readonly burst = Math.max(1, Math.ceil(requestsPerSecond)),
  ) {
    this.rate = requestsPerSecond;
    this.baseRate = requestsPerSecond;
    this.tokens = this.burst;
    this.last = clock.now();
  }

  get currentRate(): number {
    return this.rate;
  }

  async take(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        this.waits++;
        await this.clock.sleep(this.pausedUntil - now);
        continue;
      }
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      this.waits++;
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }

  /** After throttling: halve the rate and pause with exponential backoff (1 s, 2 s, 4 s … 30 s). */
  throttled(): number {
    this.throttles++;
    this.rate = Math.max(this.baseRate / 8, this.rate / 2);
    this.backoffMs = Math.min(30_000, this.backoffMs === 0 ? 1_000 : this.backoffMs * 2);
    this.pausedUntil = this.clock.now() + this.backoffMs;
    this.tokens = 0;
    return this.backoffMs;
  }

  /** After a success: recover the rate gradually. */
  succeeded(): void {
    this.backoffMs = 0;
    if (this.rate < this.baseRate) this.rate = Math.min(this.baseRate, this.rate * 1.25);
  }
}

import type { Clock } from '../clock.js';

/** A token bucket on an injected clock: `rate` tokens per second, at most `burst` stored. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    readonly rate: number,
    readonly burst: number = rate,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Takes one token if there is one; false means the call is over the rate. */
  take(): boolean {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.rate) / 1000);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }
}

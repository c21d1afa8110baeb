import type { Clock } from '../../src/clock.js';

/** A clock that only moves when told to; `sleep` advances it instantly. */
export class FakeClock implements Clock {
  private t: number;
  readonly sleeps: number[] = [];
  constructor(start: number | string = '2026-11-28T12:00:00.000Z') {
    this.t = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(t: number | string): void {
    this.t = typeof t === 'number' ? t : Date.parse(t);
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
}

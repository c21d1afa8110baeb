import { describe, expect, it } from 'vitest';
import { createLocks } from '../../src/review/locks.js';

/** A promise and the functions that settle it. */
function gate<T = void>() {
  let open!: (v: T) => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    open = res;
    fail = rej;
  });
  return { promise, open, fail };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('per-key serialization', () => {
  it('runs work under one key one after the other, and under different keys side by side', async () => {
    const locks = createLocks();
    const log: string[] = [];
    const first = gate();
    const a1 = locks.serialized('review:1', async () => {
      log.push('a1 start');
      await first.promise;
      log.push('a1 end');
      return 1;
    });
    const a2 = locks.serialized('review:1', async () => {
      log.push('a2 start');
      return 2;
    });
    const b = locks.serialized('review:2', async () => {
      log.push('b start');
      return 3;
    });
    await tick();
    expect(log).toEqual(['a1 start', 'b start']);
    first.open();
    expect(await Promise.all([a1, a2, b])).toEqual([1, 2, 3]);
    expect(log).toEqual(['a1 start', 'b start', 'a1 end', 'a2 start']);
  });

  it('a failed call gives its error to its caller only, and the next call still runs', async () => {
    const locks = createLocks();
    const first = gate();
    const failing = locks.serialized('k', async () => {
      await first.promise;
      throw new Error('throttled');
    });
    const next = locks.serialized('k', async () => 'ran');
    first.open();
    await expect(failing).rejects.toThrow('throttled');
    await expect(next).resolves.toBe('ran');
  });

  it('forgets a key once its queue is empty', async () => {
    const locks = createLocks();
    const first = gate();
    const work = locks.serialized('k', () => first.promise);
    expect(locks.held()).toBe(1);
    first.open();
    await work;
    await tick();
    expect(locks.held()).toBe(0);
  });
});

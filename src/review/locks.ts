/**
 * Two people clicking at once: work under one key (a review, or the start of a workload) runs one
 * call after the other, so each reads the state the previous one saved. Different keys run
 * side by side. In-process only: one Pillar serves a workspace.
 */
export interface Locks {
  /** Runs `work` after every earlier call with this key has settled (failed ones too). */
  serialized<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Keys with work queued or running (the map forgets a key once its queue is empty). */
  held(): number;
}

export function createLocks(): Locks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    serialized(key, work) {
      const before = tails.get(key) ?? Promise.resolve();
      const next = before.then(work, work);
      const tail = next.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
    held: () => tails.size,
  };
}

import { allChecks } from '../../checks/index.js';
import type { Check } from '../../checks/types.js';
import { type SimAws, startSimAws } from '../../sim/aws/index.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig, type Settings } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { silentLogger } from '../../src/logger.js';
import type { Evidence } from '../../src/review/evidence.js';
import { createLocks, type Locks } from '../../src/review/locks.js';
import { createReviewStore, type ReviewStore } from '../../src/review/store.js';
import { FakeClock } from './clock.js';
import { testDb } from './db.js';

export const PROD = '111122223333';
export const REGION = 'us-east-1';
/** Tool operations that write. */
export const WA_WRITES = [
  'CreateWorkload',
  'AssociateLenses',
  'UpdateAnswer',
  'CreateMilestone',
  'UpdateWorkload',
];

/** A question of the framework lens with two mapped best practices, and a check for each. */
export function mappedPair(): {
  questionId: string;
  pass: Check;
  fail: Check;
  passChoice: string;
  failChoice: string;
} {
  const byQuestion = new Map<string, { check: Check; choiceId: string }[]>();
  for (const check of allChecks)
    for (const ref of check.meta.wellArchitected ?? [])
      if (ref.lens === 'wellarchitected') {
        const list = byQuestion.get(ref.questionId) ?? [];
        list.push({ check, choiceId: ref.choiceId });
        byQuestion.set(ref.questionId, list);
      }
  for (const [questionId, list] of byQuestion) {
    const a = list[0]!;
    const b = list.find((x) => x.choiceId !== a.choiceId && x.check !== a.check);
    if (!b) continue;
    // Only a pair whose checks map to nothing else on that question, so the verdicts stay clear.
    const onlyOne = (c: Check) =>
      (c.meta.wellArchitected ?? []).filter(
        (r) => r.lens === 'wellarchitected' && r.questionId === questionId,
      ).length === 1;
    if (onlyOne(a.check) && onlyOne(b.check))
      return { questionId, pass: a.check, fail: b.check, passChoice: a.choiceId, failChoice: b.choiceId };
  }
  throw new Error('no framework question with two mapped checks');
}

/**
 * The parts of the review workflow over the simulated account: settings with one workload
 * (`orders`), a store and locks on an in-memory database, and evidence the test sets.
 */
export interface ReviewHarness {
  sim: SimAws;
  clock: FakeClock;
  db: Db;
  settings: Settings;
  clients: ReturnType<typeof createAwsClients>;
  store: ReviewStore;
  locks: Locks;
  /** What the evidence function returns (its `at` is taken when called); tests change it. */
  evidence: Omit<Evidence, 'at'>;
  /** How many times the evidence was gathered. */
  evidenceCalls: number;
  parts(): {
    settings: Settings;
    clock: FakeClock;
    logger: ReturnType<typeof silentLogger>;
    aws: ReturnType<typeof createAwsClients>;
    store: ReviewStore;
    locks: Locks;
    evidence: () => Promise<Evidence>;
  };
  /** Write calls the Tool received. */
  writes(): string[];
  close(): Promise<void>;
}

export async function reviewHarness(): Promise<ReviewHarness> {
  const clock = new FakeClock('2026-11-28T12:00:00Z');
  const sim = await startSimAws({ clock });
  const db = testDb();
  const settings: Settings = {
    ...loadConfig({}, { readFile: () => '' }),
    accounts: [{ name: 'prod', regions: [REGION] }],
    review: { workloads: [{ name: 'orders', region: REGION, owner: 'U0OWNER01' }] },
  };
  const clients = createAwsClients({
    accounts: settings.accounts,
    endpoint: sim.url,
    credentials: sim.credentials(PROD),
    maxAttempts: 1,
  });
  const h: ReviewHarness = {
    sim,
    clock,
    db,
    settings,
    clients,
    store: createReviewStore(db, clock),
    locks: createLocks(),
    evidence: { results: [], suppressed: [] },
    evidenceCalls: 0,
    parts: () => ({
      settings: h.settings,
      clock,
      logger: silentLogger(),
      aws: clients,
      store: h.store,
      locks: h.locks,
      evidence: async () => {
        h.evidenceCalls++;
        return { at: clock.now(), ...h.evidence };
      },
    }),
    writes: () =>
      sim.requests
        .all()
        .filter((r) => r.service === 'wellarchitected' && WA_WRITES.includes(r.operation))
        .map((r) => r.operation),
    async close() {
      clients.destroy();
      await sim.close();
    },
  };
  return h;
}

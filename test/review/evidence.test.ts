import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../checks/runner.js';
import type { CheckMeta } from '../../checks/types.js';
import { demoInventory, type SimAws, startSimAws } from '../../sim/aws/index.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { loadConfig, type Settings } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { scanTarget } from '../../src/findings/scan.js';
import { addSuppression } from '../../src/findings/store.js';
import { silentLogger } from '../../src/logger.js';
import { createEvidence, type EvidenceDeps, withProposals } from '../../src/review/evidence.js';
import { createReviewService } from '../../src/review/service.js';
import type { ReviewQuestion } from '../../src/review/types.js';
import { FakeClock } from '../helpers/clock.js';
import { testDb } from '../helpers/db.js';

const PROD = '111122223333';
const TARGET = { account: 'prod', region: 'us-east-1' };

let sim: SimAws;
let clock: FakeClock;
let db: Db;
let settings: Settings;
let clients: ReturnType<typeof createAwsClients>;

const deps = (over: Partial<EvidenceDeps> = {}): EvidenceDeps => ({
  settings,
  db,
  clock,
  logger: silentLogger(),
  aws: clients,
  ...over,
});
const suppress = (...list: Settings['checks']['suppressions']) => {
  settings = { ...settings, checks: { ...settings.checks, suppressions: list } };
};
const verdict = (r: ScanResult) => {
  const { durationMs: _durationMs, ...rest } = r;
  return rest;
};

beforeEach(async () => {
  clock = new FakeClock('2026-11-28T12:00:00Z');
  sim = await startSimAws({ clock });
  db = testDb();
  settings = {
    ...loadConfig({}, { readFile: () => '' }),
    accounts: [{ name: 'prod', regions: ['us-east-1'] }],
    review: { workloads: [{ name: 'orders', region: 'us-east-1' }] },
  };
  clients = createAwsClients({
    accounts: settings.accounts,
    endpoint: sim.url,
    credentials: sim.credentials(PROD),
    maxAttempts: 1,
  });
});

afterEach(async () => {
  clients.destroy();
  await sim.close();
});

function meta(id: string, choiceId: string): CheckMeta {
  return {
    id,
    title: `Title of ${id}`,
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale: 'r',
    remediation: 'm',
    docsUrl: 'https://example.com',
    wellArchitected: [{ lens: 'serverless', questionId: 'rel_q2', choiceId }],
    data: 'config',
    needs: ['lambda'],
  };
}
const fails = (m: CheckMeta, ...names: string[]): ScanResult => ({
  meta: m,
  durationMs: 0,
  status: 'non_compliant',
  severity: 'high',
  findings: names.map((n) => ({ resourceId: `arn:fn:${n}`, resourceName: n, message: 'x' })),
});
const passes = (m: CheckMeta): ScanResult => ({ meta: m, durationMs: 0, status: 'compliant' });
const question: Omit<ReviewQuestion, 'proposal'> = {
  lens: 'serverless',
  questionId: 'rel_q2',
  pillarId: 'reliability',
  title: 'How do you build resiliency into your Serverless application?',
  choices: [
    { id: 'rel_rel_q2_a1', title: 'Manage transaction, partial, and intermittent failures', none: false },
    { id: 'rel_rel_q2_a3', title: 'Manage duplicate and unwanted events', none: false },
    { id: 'rel_rel_q2_no', title: 'None of these', none: true },
  ],
  selected: [],
  isApplicable: true,
  risk: 'UNANSWERED',
};

describe('gathering evidence', () => {
  it('without a source of its own, is what the one scan path finds in the account', async () => {
    demoInventory(sim.state);
    const evidence = await createEvidence(deps())(TARGET);
    const scanned = await scanTarget(deps(), TARGET);
    expect(evidence.results.map(verdict)).toEqual(scanned.results.map(verdict));
    expect(evidence.results.some((r) => r.status === 'non_compliant')).toBe(true);
    expect(evidence.suppressed).toEqual([]);
    expect(evidence.at).toBe(Date.parse('2026-11-28T12:00:00Z'));
  }, 60_000);

  it('takes out findings suppressed in the settings or in Slack, whatever the source', async () => {
    const a = meta('check-a', 'rel_rel_q2_a1');
    const b = meta('check-b', 'rel_rel_q2_a3');
    suppress({ check: 'check-a', resource: 'legacy-*', reason: 'vendor binary', expires: '2027-03-31' });
    addSuppression(
      db,
      {
        checkId: 'check-b',
        resource: 'orders-api',
        reason: 'fix in flight',
        expiresAt: clock.now() + 86_400_000,
        createdBy: 'U0ALICE01',
        source: 'slack',
      },
      clock.now(),
    );
    const source = async () => [fails(a, 'legacy-1', 'payments'), fails(b, 'orders-api')];
    const evidence = await createEvidence(deps({ evidence: source }))(TARGET);
    expect(evidence.results).toHaveLength(1);
    expect(evidence.results[0]).toMatchObject({
      meta: { id: 'check-a' },
      findings: [{ resourceName: 'payments' }],
    });
    expect(evidence.suppressed.map((s) => [s.meta.id, s.finding.resourceName, s.suppression.source])).toEqual(
      [
        ['check-a', 'legacy-1', 'settings'],
        ['check-b', 'orders-api', 'slack'],
      ],
    );
  });
});

describe('proposals from the evidence', () => {
  it('a fully suppressed failure neither contradicts its choice nor hides it: the notes name it with the reason', async () => {
    const a = meta('check-a', 'rel_rel_q2_a1');
    const b = meta('check-b', 'rel_rel_q2_a3');
    suppress({ check: 'check-b', reason: 'accepted risk', expires: '2027-03-31' });
    const evidence = await createEvidence(
      deps({ evidence: async () => [passes(a), fails(b, 'orders-api')] }),
    )(TARGET);
    const { questions } = withProposals([question], evidence);
    const p = questions[0]!.proposal!;
    expect(p.selected).toEqual(['rel_rel_q2_a1']);
    expect(p.contradicts).toEqual([]);
    expect(p.evidence.map((e) => e.checkId)).toEqual(['check-a']);
    expect(p.suppressed).toEqual([
      {
        checkId: 'check-b',
        title: 'Title of check-b',
        choiceId: 'rel_rel_q2_a3',
        resources: ['orders-api'],
        resourceCount: 1,
        reason: 'accepted risk',
        until: Date.parse('2027-03-31T00:00:00Z'),
      },
    ]);
    expect(p.notes).not.toContain('FAIL');
    expect(p.notes).toContain(
      'SUPPRESSED Title of check-b [Manage duplicate and unwanted events]: orders-api (accepted risk; until 2027-03-31)',
    );
  });

  it('proposes nothing from suppressed findings alone, and still reports their lens drift', async () => {
    const gone = meta('check-gone', 'rel_rel_q2_a9');
    const b = meta('check-b', 'rel_rel_q2_a3');
    suppress({ check: '*', reason: 'freeze', expires: '2027-03-31' });
    const evidence = await createEvidence(
      deps({ evidence: async () => [fails(b, 'orders-api'), fails(gone, 'orders-api')] }),
    )(TARGET);
    expect(evidence.results).toEqual([]);
    const { questions, drift } = withProposals([question], evidence);
    expect(questions[0]!.proposal).toBeUndefined();
    expect(drift).toEqual([
      {
        checkId: 'check-gone',
        lens: 'serverless',
        questionId: 'rel_q2',
        choiceId: 'rel_rel_q2_a9',
        problem: 'unknown_choice',
      },
    ]);
  });
});

describe('a review without injected evidence', () => {
  it('runs the checks through the scan path, and a suppressed failing check is left out of its proposals', async () => {
    demoInventory(sim.state);
    const scanned = await scanTarget(deps(), TARGET);
    const mapped = scanned.results.find(
      (r) =>
        r.status === 'non_compliant' &&
        (r.meta.wellArchitected ?? []).some((w) => w.lens === 'wellarchitected' || w.lens === 'serverless'),
    );
    expect(mapped).toBeDefined();
    const id = mapped!.meta.id;
    const inEvidence = (qs: ReviewQuestion[], status: string) =>
      qs.filter((q) => q.proposal?.evidence.some((e) => e.checkId === id && e.status === status));

    const reviews = () => createReviewService(deps());
    const first = await reviews().start('orders', { trigger: 'command' });
    const bearing = inEvidence(first.review.questions, 'non_compliant');
    expect(bearing.length).toBeGreaterThan(0);
    await reviews().finish(first.review.id, 'U0ALICE01');

    suppress({ check: id, reason: 'known and accepted', expires: '2027-03-31' });
    const second = await reviews().start('orders', { trigger: 'command' });
    expect(second.created).toBe(true);
    expect(inEvidence(second.review.questions, 'non_compliant')).toEqual([]);
    for (const q of bearing) {
      const now = second.review.questions.find((x) => x.lens === q.lens && x.questionId === q.questionId)!;
      // With other evidence the proposal stands and its notes say what was left out; without, there is none.
      if (now.proposal) {
        expect(now.proposal.suppressed?.map((s) => s.checkId)).toContain(id);
        expect(now.proposal.notes).toMatch(/SUPPRESSED .*\(known and accepted; until 2027-03-31\)/);
      } else expect(q.proposal!.evidence.every((e) => e.checkId === id)).toBe(true);
    }
  }, 120_000);
});

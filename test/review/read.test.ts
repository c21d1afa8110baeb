import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SimAws, startSimAws } from '../../sim/aws/index.js';
import { createAwsClients } from '../../src/aws/clients.js';
import {
  addPillarRisks,
  findWorkload,
  pillarRisksOver,
  progress,
  questionOf,
  readQuestions,
} from '../../src/review/read.js';
import { riskCounts, type WaTool } from '../../src/review/tool.js';
import type { ReviewQuestion, RiskCounts } from '../../src/review/types.js';
import { toolFor } from '../../src/review/workloads.js';
import { FakeClock } from '../helpers/clock.js';

const PROD = '111122223333';
const REGION = 'us-east-1';

const counts = (c: Partial<RiskCounts>): RiskCounts => ({ ...riskCounts(undefined), ...c });

describe('questions and risk counts (pure)', () => {
  it("keeps a question as the Tool answered it, spotting the question's own None of these", () => {
    const q = questionOf('serverless', {
      QuestionId: 'rel_q2',
      PillarId: 'reliability',
      QuestionTitle: 'How do you build resiliency?',
      Choices: [
        { ChoiceId: 'rel_rel_q2_a1', Title: 'Manage failures' },
        { ChoiceId: 'rel_rel_q2_no', Title: 'None of these' },
        { ChoiceId: 'sec_x_no' },
      ],
      SelectedChoices: ['rel_rel_q2_a1'],
      IsApplicable: true,
      Reason: 'NONE',
      Risk: 'MEDIUM',
    });
    expect(q).toEqual({
      lens: 'serverless',
      questionId: 'rel_q2',
      pillarId: 'reliability',
      title: 'How do you build resiliency?',
      choices: [
        { id: 'rel_rel_q2_a1', title: 'Manage failures', none: false },
        { id: 'rel_rel_q2_no', title: 'None of these', none: true },
        { id: 'sec_x_no', title: 'sec_x_no', none: true },
      ],
      selected: ['rel_rel_q2_a1'],
      isApplicable: true,
      risk: 'MEDIUM',
    });
    expect(
      questionOf('serverless', { QuestionId: 'q', IsApplicable: false, Reason: 'OUT_OF_SCOPE' }),
    ).toMatchObject({
      title: 'q',
      isApplicable: false,
      reason: 'OUT_OF_SCOPE',
      risk: 'UNANSWERED',
    });
  });

  it('sums risk counts per pillar over lenses', () => {
    const totals = new Map<string, RiskCounts>();
    addPillarRisks(totals, new Map([['security', counts({ HIGH: 2, UNANSWERED: 1 })]]));
    addPillarRisks(
      totals,
      new Map([
        ['security', counts({ HIGH: 1, NONE: 4 })],
        ['reliability', counts({ MEDIUM: 1 })],
      ]),
    );
    expect(totals.get('security')).toEqual(counts({ HIGH: 3, NONE: 4, UNANSWERED: 1 }));
    expect(totals.get('reliability')).toEqual(counts({ MEDIUM: 1 }));
  });

  it('reports progress for pillars with questions: answered, and proposals that change something and wait', () => {
    const q = (over: Partial<ReviewQuestion>): ReviewQuestion => ({
      lens: 'wellarchitected',
      questionId: 'q',
      pillarId: 'security',
      title: 't',
      choices: [],
      selected: [],
      isApplicable: true,
      risk: 'UNANSWERED',
      ...over,
    });
    const proposal = (changes: boolean) => ({
      selected: [],
      supports: [],
      contradicts: [],
      notes: '',
      evidence: [],
      changes,
    });
    const rows = progress(
      [
        q({ risk: 'HIGH', proposal: proposal(true) }),
        q({ proposal: proposal(true), applied: { at: 1, by: 'U0ALICE01', kind: 'selection' } }),
        q({ risk: 'NOT_APPLICABLE', proposal: proposal(false) }),
        q({ pillarId: 'reliability' }),
      ],
      new Map([['security', counts({ HIGH: 1 })]]),
    );
    expect(rows).toEqual([
      {
        pillarId: 'security',
        riskCounts: counts({ HIGH: 1 }),
        questions: 3,
        answered: 2,
        proposalsPending: 1,
      },
      { pillarId: 'reliability', riskCounts: counts({}), questions: 1, answered: 0, proposalsPending: 0 },
    ]);
  });
});

describe('reading a workload from the Tool', () => {
  let sim: SimAws;
  let clients: ReturnType<typeof createAwsClients>;
  let tool: WaTool;

  beforeEach(async () => {
    sim = await startSimAws({ clock: new FakeClock('2026-11-28T12:00:00Z') });
    clients = createAwsClients({
      accounts: [{ name: 'prod', regions: [REGION] }],
      endpoint: sim.url,
      credentials: sim.credentials(PROD),
      maxAttempts: 1,
    });
    tool = toolFor(clients, { account: 'prod', region: REGION });
  });

  afterEach(async () => {
    clients.destroy();
    await sim.close();
  });

  const make = (name: string, lenses: string[]) =>
    sim.state.wellarchitected.createWorkload(PROD, REGION, {
      WorkloadName: name,
      Description: 'made in the console',
      Environment: 'PRODUCTION',
      Lenses: lenses,
      ReviewOwner: 'someone',
      AwsRegions: [REGION],
    }).WorkloadId;

  it('finds the workload by the id in the settings, else by name, else not at all', async () => {
    const id = make('Orders', ['wellarchitected']);
    expect(await findWorkload(tool, { name: 'orders' })).toMatchObject({
      id,
      name: 'Orders',
      lenses: ['wellarchitected'],
    });
    expect((await findWorkload(tool, { name: 'renamed', id }))?.name).toBe('Orders');
    expect(await findWorkload(tool, { name: 'payments' })).toBeUndefined();
  });

  it('reads every question of every lens, and risk counts summed over the lenses', async () => {
    const id = make('orders', ['wellarchitected', 'serverless']);
    const { lenses, questions, risksByPillar } = await readQuestions(tool, id);
    expect(lenses.map((l) => l.alias).sort()).toEqual(['serverless', 'wellarchitected']);
    expect(questions.filter((q) => q.lens === 'wellarchitected')).toHaveLength(57);
    expect(questions.filter((q) => q.lens === 'serverless')).toHaveLength(9);
    const summed = await pillarRisksOver(tool, id, lenses);
    expect(summed).toEqual(risksByPillar);
    const framework = await tool.pillarRisks(id, 'wellarchitected');
    const serverless = await tool.pillarRisks(id, 'serverless');
    expect(summed.get('security')?.UNANSWERED).toBe(
      (framework.get('security')?.UNANSWERED ?? 0) + (serverless.get('security')?.UNANSWERED ?? 0),
    );
    expect(serverless.get('security')?.UNANSWERED).toBeGreaterThan(0);
  });
});

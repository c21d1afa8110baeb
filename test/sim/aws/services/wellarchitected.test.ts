import {
  AccessDeniedException,
  AssociateLensesCommand,
  ConflictException,
  CreateMilestoneCommand,
  CreateWorkloadCommand,
  type CreateWorkloadCommandInput,
  DeleteWorkloadCommand,
  GetAnswerCommand,
  GetLensCommand,
  GetLensReviewCommand,
  GetLensReviewReportCommand,
  GetMilestoneCommand,
  GetWorkloadCommand,
  ListAnswersCommand,
  ListLensesCommand,
  ListLensReviewImprovementsCommand,
  ListLensReviewsCommand,
  ListMilestonesCommand,
  ListWorkloadsCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  UpdateAnswerCommand,
  UpdateWorkloadCommand,
  ValidationException,
  WellArchitectedClient,
} from '@aws-sdk/client-wellarchitected';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoWellArchitected } from '../../../../sim/aws/demo/wellarchitected.js';
import type { SimAws } from '../../../../sim/aws/index.js';
import type { FakeClock } from '../../../helpers/clock.js';
import { ACCOUNT, clientConfig, OTHER_ACCOUNT, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let clock: FakeClock;
let wa: WellArchitectedClient;

beforeEach(async () => {
  ({ sim, clock } = await startTestSim());
  wa = new WellArchitectedClient(clientConfig(sim));
});

afterEach(async () => {
  wa.destroy();
  await sim.close();
});

const spec = (over: Partial<CreateWorkloadCommandInput> = {}): CreateWorkloadCommandInput => ({
  WorkloadName: 'checkout',
  Description: 'Checkout and payments',
  Environment: 'PRODUCTION',
  Lenses: ['wellarchitected'],
  ReviewOwner: 'team@example.com',
  AwsRegions: [REGION],
  ...over,
});

async function create(over: Partial<CreateWorkloadCommandInput> = {}): Promise<string> {
  const out = await wa.send(new CreateWorkloadCommand(spec(over)));
  return out.WorkloadId as string;
}

const status = (e: Record<string, unknown>) => (e.$metadata as { httpStatusCode?: number }).httpStatusCode;

describe('simulated Well-Architected Tool: workloads', () => {
  it('creates a workload with a 32-hex id and its ARN, and reads it back with risk counts and lenses', async () => {
    const out = await wa.send(new CreateWorkloadCommand(spec({ Lenses: [] })));
    expect(out.WorkloadId).toMatch(/^[0-9a-f]{32}$/);
    expect(out.WorkloadArn).toBe(`arn:aws:wellarchitected:${REGION}:${ACCOUNT}:workload/${out.WorkloadId}`);
    const { Workload } = await wa.send(new GetWorkloadCommand({ WorkloadId: out.WorkloadId }));
    expect(Workload).toMatchObject({
      WorkloadName: 'checkout',
      Environment: 'PRODUCTION',
      ReviewOwner: 'team@example.com',
      AwsRegions: [REGION],
      Owner: ACCOUNT,
      // The framework lens is always applied.
      Lenses: ['wellarchitected'],
      RiskCounts: { UNANSWERED: 57, HIGH: 0, MEDIUM: 0, NONE: 0, NOT_APPLICABLE: 0 },
    });
    expect(Workload?.UpdatedAt).toEqual(new Date(clock.now()));
    expect(sim.requests.all().at(-1)).toMatchObject({ service: 'wellarchitected', operation: 'GetWorkload' });
  });

  it('is idempotent per client request token and refuses a token reused with other parameters', async () => {
    const first = await wa.send(new CreateWorkloadCommand(spec({ ClientRequestToken: 'tok-1' })));
    const again = await wa.send(new CreateWorkloadCommand(spec({ ClientRequestToken: 'tok-1' })));
    expect(again).toMatchObject({ WorkloadId: first.WorkloadId, WorkloadArn: first.WorkloadArn });
    expect(sim.state.wellarchitected.workloads(ACCOUNT, REGION)).toHaveLength(1);
    const mismatch = await rejectionOf(
      wa.send(
        new CreateWorkloadCommand(spec({ ClientRequestToken: 'tok-1', Description: 'Something else' })),
      ),
    );
    expect(mismatch).toBeInstanceOf(ConflictException);
  });

  it('refuses a duplicate name ignoring spaces and case, with the conflicting workload id', async () => {
    const id = await create({ WorkloadName: 'Payments Platform' });
    const dup = await rejectionOf(
      wa.send(new CreateWorkloadCommand(spec({ WorkloadName: 'paymentsplatform' }))),
    );
    expect(dup).toBeInstanceOf(ConflictException);
    expect(status(dup)).toBe(409);
    expect(dup).toMatchObject({ ResourceId: id, ResourceType: 'WORKLOAD' });
    expect(dup.message).toContain('paymentsplatform');
    // Names are per account and region.
    const other = new WellArchitectedClient(clientConfig(sim, OTHER_ACCOUNT));
    await expect(
      other.send(new CreateWorkloadCommand(spec({ WorkloadName: 'Payments Platform' }))),
    ).resolves.toBeDefined();
    other.destroy();
    const renamed = await rejectionOf(
      wa.send(
        new UpdateWorkloadCommand({
          WorkloadId: await create({ WorkloadName: 'ledger' }),
          WorkloadName: 'PAYMENTS platform',
        }),
      ),
    );
    expect(renamed).toBeInstanceOf(ConflictException);
  });

  it('validates the documented caveats: ReviewOwner and AWS or non-AWS regions are required', async () => {
    const noOwner = await rejectionOf(wa.send(new CreateWorkloadCommand(spec({ ReviewOwner: undefined }))));
    expect(noOwner).toBeInstanceOf(ValidationException);
    expect(status(noOwner)).toBe(400);
    expect(noOwner.Fields).toEqual([{ Name: 'ReviewOwner', Message: 'ReviewOwner must be specified.' }]);
    const noRegions = await rejectionOf(wa.send(new CreateWorkloadCommand(spec({ AwsRegions: undefined }))));
    expect(noRegions).toBeInstanceOf(ValidationException);
    expect(noRegions.message).toContain('AwsRegions, NonAwsRegions');
    await expect(
      wa.send(new CreateWorkloadCommand(spec({ AwsRegions: undefined, NonAwsRegions: ['on-prem-dc1'] }))),
    ).resolves.toBeDefined();
    const shortName = await rejectionOf(wa.send(new CreateWorkloadCommand(spec({ WorkloadName: 'ab' }))));
    expect(shortName).toBeInstanceOf(ValidationException);
    expect(shortName.message).toContain('WorkloadName');
    const badEnv = await rejectionOf(
      wa.send(new CreateWorkloadCommand(spec({ Environment: 'STAGING' as 'PRODUCTION' }))),
    );
    expect(badEnv).toBeInstanceOf(ValidationException);
  });

  it('lists workload summaries by name prefix, paging with MaxResults and NextToken', async () => {
    for (const n of ['svc-c', 'svc-a', 'svc-b', 'other']) await create({ WorkloadName: n });
    const first = await wa.send(new ListWorkloadsCommand({ WorkloadNamePrefix: 'svc-', MaxResults: 2 }));
    expect(first.WorkloadSummaries?.map((w) => w.WorkloadName)).toEqual(['svc-a', 'svc-b']);
    expect(first.WorkloadSummaries?.[0]).toMatchObject({ Owner: ACCOUNT, Lenses: ['wellarchitected'] });
    const second = await wa.send(
      new ListWorkloadsCommand({ WorkloadNamePrefix: 'svc-', MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.WorkloadSummaries?.map((w) => w.WorkloadName)).toEqual(['svc-c']);
    expect(second.NextToken).toBeUndefined();
    const bad = await rejectionOf(wa.send(new ListWorkloadsCommand({ NextToken: 'garbage' })));
    expect(bad).toBeInstanceOf(ValidationException);
  });

  it('stops at 1,000 workloads per account and region with ServiceQuotaExceededException', async () => {
    const base = spec();
    for (let i = 0; i < 1000; i++) {
      sim.state.wellarchitected.createWorkload(ACCOUNT, REGION, {
        WorkloadName: `workload ${i}`,
        Description: base.Description as string,
        Environment: 'PREPRODUCTION',
        Lenses: [],
        ReviewOwner: 'team@example.com',
        AwsRegions: [REGION],
      });
    }
    const over = await rejectionOf(wa.send(new CreateWorkloadCommand(spec())));
    expect(over).toBeInstanceOf(ServiceQuotaExceededException);
    expect(over).toMatchObject({ QuotaCode: 'L-ACECEBBD', ServiceCode: 'wellarchitected' });
  });

  it('answers ResourceNotFoundException (404) for an unknown workload and ValidationException for a malformed id', async () => {
    const missing = await rejectionOf(wa.send(new GetWorkloadCommand({ WorkloadId: 'a'.repeat(32) })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(status(missing)).toBe(404);
    expect(missing).toMatchObject({ ResourceId: 'a'.repeat(32), ResourceType: 'WORKLOAD' });
    const malformed = await rejectionOf(wa.send(new GetWorkloadCommand({ WorkloadId: 'not-an-id' })));
    expect(malformed).toBeInstanceOf(ValidationException);
  });
});

describe('simulated Well-Architected Tool: lenses and answers', () => {
  it('associates the serverless lens by alias and lists both lens reviews with their ARNs', async () => {
    const id = await create();
    await wa.send(new AssociateLensesCommand({ WorkloadId: id, LensAliases: ['serverless'] }));
    const { LensReviewSummaries } = await wa.send(new ListLensReviewsCommand({ WorkloadId: id }));
    expect(LensReviewSummaries?.map((r) => [r.LensAlias, r.LensArn, r.LensVersion, r.LensStatus])).toEqual([
      ['wellarchitected', 'arn:aws:wellarchitected::aws:lens/wellarchitected', '2024-06-27', 'CURRENT'],
      ['serverless', 'arn:aws:wellarchitected::aws:lens/serverless', '2023-04-26', 'CURRENT'],
    ]);
    expect(LensReviewSummaries?.[1]?.RiskCounts).toMatchObject({ UNANSWERED: 9 });
    const unknown = await rejectionOf(
      wa.send(new AssociateLensesCommand({ WorkloadId: id, LensAliases: ['no-such-lens'] })),
    );
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(unknown).toMatchObject({ ResourceId: 'no-such-lens', ResourceType: 'LENS' });
    // A lens ARN works as the alias in a path label.
    const review = await wa.send(
      new GetLensReviewCommand({ WorkloadId: id, LensAlias: 'arn:aws:wellarchitected::aws:lens/serverless' }),
    );
    expect(review.LensReview?.LensName).toBe('Serverless Lens');
    const notAssociated = await rejectionOf(
      wa.send(
        new GetLensReviewCommand({
          WorkloadId: await create({ WorkloadName: 'bare' }),
          LensAlias: 'serverless',
        }),
      ),
    );
    expect(notAssociated).toBeInstanceOf(ResourceNotFoundException);
  });

  it('pages the 57 framework questions as 50 + 7 and filters by pillar', async () => {
    const id = await create();
    const first = await wa.send(new ListAnswersCommand({ WorkloadId: id, LensAlias: 'wellarchitected' }));
    expect(first.AnswerSummaries).toHaveLength(50);
    expect(first.LensArn).toBe('arn:aws:wellarchitected::aws:lens/wellarchitected');
    expect(first.AnswerSummaries?.[0]).toMatchObject({
      QuestionId: 'priorities',
      PillarId: 'operationalExcellence',
      Risk: 'UNANSWERED',
      IsApplicable: true,
      SelectedChoices: [],
    });
    expect(first.AnswerSummaries?.[0]?.Choices?.at(-1)).toEqual({
      ChoiceId: 'ops_priorities_no',
      Title: 'None of these',
    });
    const second = await wa.send(
      new ListAnswersCommand({ WorkloadId: id, LensAlias: 'wellarchitected', NextToken: first.NextToken }),
    );
    expect(second.AnswerSummaries).toHaveLength(7);
    expect(second.NextToken).toBeUndefined();
    const ids = [...(first.AnswerSummaries ?? []), ...(second.AnswerSummaries ?? [])].map(
      (a) => a.QuestionId,
    );
    expect(new Set(ids).size).toBe(57);
    const security = await wa.send(
      new ListAnswersCommand({
        WorkloadId: id,
        LensAlias: 'wellarchitected',
        PillarId: 'security',
        MaxResults: 50,
      }),
    );
    expect(security.AnswerSummaries).toHaveLength(11);
    expect(security.AnswerSummaries?.every((a) => a.PillarId === 'security')).toBe(true);
    const tooMany = await rejectionOf(
      wa.send(new ListAnswersCommand({ WorkloadId: id, LensAlias: 'wellarchitected', MaxResults: 51 })),
    );
    expect(tooMany).toBeInstanceOf(ValidationException);
    expect(tooMany.message).toContain('MaxResults');
    const badPillar = await rejectionOf(
      wa.send(
        new ListAnswersCommand({ WorkloadId: id, LensAlias: 'wellarchitected', PillarId: 'resilience' }),
      ),
    );
    expect(badPillar).toBeInstanceOf(ValidationException);
  });

  it('replaces the selection on UpdateAnswer and returns the answer with its risk', async () => {
    const id = await create();
    const update = (
      input: Omit<ConstructorParameters<typeof UpdateAnswerCommand>[0], 'WorkloadId' | 'LensAlias'>,
    ) => wa.send(new UpdateAnswerCommand({ WorkloadId: id, LensAlias: 'wellarchitected', ...input }));
    const a = await update({
      QuestionId: 'backing-up-data',
      SelectedChoices: [
        'rel_backing_up_data_identified_backups_data',
        'rel_backing_up_data_secured_backups_data',
      ],
      Notes: 'Backups checked by Pillar.',
    });
    expect(a.LensArn).toBe('arn:aws:wellarchitected::aws:lens/wellarchitected');
    expect(a.Answer).toMatchObject({
      QuestionId: 'backing-up-data',
      SelectedChoices: [
        'rel_backing_up_data_identified_backups_data',
        'rel_backing_up_data_secured_backups_data',
      ],
      Risk: 'MEDIUM',
      Notes: 'Backups checked by Pillar.',
    });
    expect(a.Answer?.ImprovementPlanUrl).toContain('rel_backing_up_data_automated_backups_data');
    const b = await update({
      QuestionId: 'backing-up-data',
      SelectedChoices: ['rel_backing_up_data_automated_backups_data'],
    });
    // Replaced, not merged: one of four best practices is below a third.
    expect(b.Answer?.SelectedChoices).toEqual(['rel_backing_up_data_automated_backups_data']);
    expect(b.Answer?.Risk).toBe('HIGH');
    expect(b.Answer?.Notes).toBe('Backups checked by Pillar.');
    const all = await update({
      QuestionId: 'backing-up-data',
      SelectedChoices: [
        'rel_backing_up_data_identified_backups_data',
        'rel_backing_up_data_secured_backups_data',
        'rel_backing_up_data_automated_backups_data',
        'rel_backing_up_data_periodic_recovery_testing_data',
      ],
    });
    expect(all.Answer?.Risk).toBe('NONE');
    const none = await update({ QuestionId: 'identities', SelectedChoices: ['sec_identities_no'] });
    expect(none.Answer?.Risk).toBe('HIGH');
    const read = await wa.send(
      new GetAnswerCommand({ WorkloadId: id, LensAlias: 'wellarchitected', QuestionId: 'backing-up-data' }),
    );
    expect(read.Answer?.SelectedChoices).toHaveLength(4);
    expect(sim.state.wellarchitected.answer(ACCOUNT, REGION, id, 'wellarchitected', 'identities')).toEqual({
      SelectedChoices: ['sec_identities_no'],
      ChoiceAnswers: { sec_identities_no: { Status: 'SELECTED' } },
      IsApplicable: true,
      Risk: 'HIGH',
    });
    expect(
      sim.state.wellarchitected.riskCounts(ACCOUNT, REGION, id, {
        alias: 'wellarchitected',
        pillarId: 'reliability',
      }),
    ).toMatchObject({ NONE: 1, UNANSWERED: 12 });
  });

  it('refuses unknown choice ids by name, over-long notes, and unknown questions', async () => {
    const id = await create();
    const unknown = await rejectionOf(
      wa.send(
        new UpdateAnswerCommand({
          WorkloadId: id,
          LensAlias: 'wellarchitected',
          QuestionId: 'priorities',
          SelectedChoices: ['ops_priorities_ext_cust_needs', 'ops_priorities_made_up'],
        }),
      ),
    );
    expect(unknown).toBeInstanceOf(ValidationException);
    expect(unknown.message).toContain('ops_priorities_made_up');
    expect(unknown).toMatchObject({ Reason: 'FIELD_VALIDATION_FAILED' });
    const long = await rejectionOf(
      wa.send(
        new UpdateAnswerCommand({
          WorkloadId: id,
          LensAlias: 'wellarchitected',
          QuestionId: 'priorities',
          Notes: 'x'.repeat(2085),
        }),
      ),
    );
    expect(long).toBeInstanceOf(ValidationException);
    expect(long.Fields).toEqual([{ Name: 'Notes', Message: 'Notes must be at most 2084 characters.' }]);
    const ok = await wa.send(
      new UpdateAnswerCommand({
        WorkloadId: id,
        LensAlias: 'wellarchitected',
        QuestionId: 'priorities',
        Notes: 'x'.repeat(2084),
      }),
    );
    expect(ok.Answer?.Notes).toHaveLength(2084);
    const question = await rejectionOf(
      wa.send(new GetAnswerCommand({ WorkloadId: id, LensAlias: 'wellarchitected', QuestionId: 'OPS01' })),
    );
    expect(question).toBeInstanceOf(ResourceNotFoundException);
  });

  it('changes the risk of a pillar in GetLensReview as answers change, and marks questions not applicable', async () => {
    const id = await create();
    const pillar = async (p: string) => {
      const { LensReview } = await wa.send(
        new GetLensReviewCommand({ WorkloadId: id, LensAlias: 'wellarchitected' }),
      );
      expect(LensReview?.PillarReviewSummaries?.map((s) => s.PillarId)).toEqual([
        'operationalExcellence',
        'security',
        'reliability',
        'performance',
        'costOptimization',
        'sustainability',
      ]);
      return LensReview?.PillarReviewSummaries?.find((s) => s.PillarId === p)?.RiskCounts;
    };
    expect(await pillar('reliability')).toEqual({
      UNANSWERED: 13,
      HIGH: 0,
      MEDIUM: 0,
      NONE: 0,
      NOT_APPLICABLE: 0,
    });
    await wa.send(
      new UpdateAnswerCommand({
        WorkloadId: id,
        LensAlias: 'wellarchitected',
        QuestionId: 'fault-isolation',
        SelectedChoices: ['rel_fault_isolation_multiaz_region_system'],
      }),
    );
    expect(await pillar('reliability')).toMatchObject({ UNANSWERED: 12, HIGH: 1 });
    const na = await wa.send(
      new UpdateAnswerCommand({
        WorkloadId: id,
        LensAlias: 'wellarchitected',
        QuestionId: 'planning-network-topology',
        IsApplicable: false,
        Reason: 'OUT_OF_SCOPE',
      }),
    );
    expect(na.Answer).toMatchObject({ IsApplicable: false, Reason: 'OUT_OF_SCOPE', Risk: 'NOT_APPLICABLE' });
    expect(await pillar('reliability')).toMatchObject({ UNANSWERED: 11, HIGH: 1, NOT_APPLICABLE: 1 });
    // Choices marked NOT_APPLICABLE count as satisfied.
    const hw = await wa.send(
      new UpdateAnswerCommand({
        WorkloadId: id,
        LensAlias: 'wellarchitected',
        QuestionId: 'sus_hardware',
        SelectedChoices: ['sus_sus_hardware_a2', 'sus_sus_hardware_a3', 'sus_sus_hardware_a4'],
        ChoiceUpdates: {
          sus_sus_hardware_a5: { Status: 'NOT_APPLICABLE', Reason: 'OUT_OF_SCOPE', Notes: 'No GPUs' },
        },
      }),
    );
    expect(hw.Answer?.Risk).toBe('NONE');
    expect(hw.Answer?.ChoiceAnswers).toContainEqual({
      ChoiceId: 'sus_sus_hardware_a5',
      Status: 'NOT_APPLICABLE',
      Reason: 'OUT_OF_SCOPE',
      Notes: 'No GPUs',
    });
    expect(await pillar('sustainability')).toMatchObject({ NONE: 1, UNANSWERED: 5 });
    const { Workload } = await wa.send(new GetWorkloadCommand({ WorkloadId: id }));
    expect(Workload?.RiskCounts).toEqual({ UNANSWERED: 54, HIGH: 1, MEDIUM: 0, NONE: 1, NOT_APPLICABLE: 1 });
  });

  it('lists HIGH and MEDIUM questions as improvements with plan URLs', async () => {
    const id = await create();
    sim.state.wellarchitected.setAnswer(ACCOUNT, REGION, id, 'wellarchitected', 'identities', {
      SelectedChoices: ['sec_identities_no'],
    });
    sim.state.wellarchitected.setAnswer(ACCOUNT, REGION, id, 'wellarchitected', 'priorities', {
      SelectedChoices: [
        'ops_priorities_ext_cust_needs',
        'ops_priorities_int_cust_needs',
        'ops_priorities_governance_reqs',
      ],
    });
    sim.state.wellarchitected.setAnswer(ACCOUNT, REGION, id, 'wellarchitected', 'fault-isolation', {
      SelectedChoices: [
        'rel_fault_isolation_multiaz_region_system',
        'rel_fault_isolation_select_location',
        'rel_fault_isolation_use_bulkhead',
        'rel_fault_isolation_single_az_system',
      ],
    });
    const out = await wa.send(
      new ListLensReviewImprovementsCommand({ WorkloadId: id, LensAlias: 'wellarchitected' }),
    );
    expect(out.ImprovementSummaries?.map((i) => [i.QuestionId, i.Risk])).toEqual([
      ['priorities', 'MEDIUM'],
      ['identities', 'HIGH'],
    ]);
    expect(out.ImprovementSummaries?.[0]?.ImprovementPlanUrl).toBe(
      'https://docs.aws.amazon.com/wellarchitected/2024-06-27T08-00-00/framework/ops_priorities_compliance_reqs.html',
    );
    const security = await wa.send(
      new ListLensReviewImprovementsCommand({
        WorkloadId: id,
        LensAlias: 'wellarchitected',
        PillarId: 'security',
        MaxResults: 100,
      }),
    );
    expect(security.ImprovementSummaries?.map((i) => i.QuestionId)).toEqual(['identities']);
    const tooMany = await rejectionOf(
      wa.send(
        new ListLensReviewImprovementsCommand({
          WorkloadId: id,
          LensAlias: 'wellarchitected',
          MaxResults: 101,
        }),
      ),
    );
    expect(tooMany).toBeInstanceOf(ValidationException);
  });

  it('returns the lens review report as a base64 PDF naming the workload, lens and risks per pillar', async () => {
    const id = await create({ WorkloadName: 'payments (eu)' });
    sim.state.wellarchitected.setAnswer(ACCOUNT, REGION, id, 'wellarchitected', 'identities', {
      SelectedChoices: ['sec_identities_no'],
    });
    const out = await wa.send(
      new GetLensReviewReportCommand({ WorkloadId: id, LensAlias: 'wellarchitected' }),
    );
    expect(out.LensReviewReport?.LensArn).toBe('arn:aws:wellarchitected::aws:lens/wellarchitected');
    const pdf = Buffer.from(out.LensReviewReport?.Base64String ?? '', 'base64');
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toContain('payments \\(eu\\)');
    expect(text).toContain('AWS Well-Architected Framework');
    expect(text).toContain('Security: UNANSWERED 10, HIGH 1, MEDIUM 0, NONE 0, NOT_APPLICABLE 0');
    // startxref points at the xref table, and each object offset at its object.
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((o, i) => {
      expect(text.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
  });

  it('lists the official lenses and filters out custom and draft ones', async () => {
    const all = await wa.send(new ListLensesCommand({}));
    expect(all.LensSummaries?.map((l) => [l.LensAlias, l.LensArn, l.LensType])).toEqual([
      ['wellarchitected', 'arn:aws:wellarchitected::aws:lens/wellarchitected', 'AWS_OFFICIAL'],
      ['serverless', 'arn:aws:wellarchitected::aws:lens/serverless', 'AWS_OFFICIAL'],
    ]);
    expect((await wa.send(new ListLensesCommand({ LensType: 'CUSTOM_SELF' }))).LensSummaries).toEqual([]);
    expect((await wa.send(new ListLensesCommand({ LensName: 'serverless' }))).LensSummaries).toHaveLength(1);
  });

  it('follows a lens version drift: the removed choice disappears and is refused by UpdateAnswer', async () => {
    const id = await create();
    sim.state.wellarchitected.setAnswer(ACCOUNT, REGION, id, 'wellarchitected', 'priorities', {
      SelectedChoices: ['ops_priorities_eval_threat_landscape', 'ops_priorities_ext_cust_needs'],
    });
    await wa.send(new CreateMilestoneCommand({ WorkloadId: id, MilestoneName: 'before drift' }));
    sim.state.wellarchitected.driftLens('wellarchitected', {
      version: '2025-02-25',
      removeChoices: ['ops_priorities_eval_threat_landscape'],
    });
    const now = await wa.send(
      new GetAnswerCommand({ WorkloadId: id, LensAlias: 'wellarchitected', QuestionId: 'priorities' }),
    );
    expect(now.Answer?.Choices?.map((c) => c.ChoiceId)).not.toContain('ops_priorities_eval_threat_landscape');
    expect(now.Answer?.Choices).toHaveLength(6);
    expect(now.Answer?.SelectedChoices).toEqual(['ops_priorities_ext_cust_needs']);
    const refused = await rejectionOf(
      wa.send(
        new UpdateAnswerCommand({
          WorkloadId: id,
          LensAlias: 'wellarchitected',
          QuestionId: 'priorities',
          SelectedChoices: ['ops_priorities_eval_threat_landscape'],
        }),
      ),
    );
    expect(refused).toBeInstanceOf(ValidationException);
    expect(refused.message).toContain('ops_priorities_eval_threat_landscape');
    const reviews = await wa.send(new ListLensReviewsCommand({ WorkloadId: id }));
    expect(reviews.LensReviewSummaries?.[0]).toMatchObject({
      LensVersion: '2025-02-25',
      LensStatus: 'CURRENT',
    });
    const old = await wa.send(new ListLensReviewsCommand({ WorkloadId: id, MilestoneNumber: 1 }));
    expect(old.LensReviewSummaries?.[0]).toMatchObject({
      LensVersion: '2024-06-27',
      LensStatus: 'NOT_CURRENT',
    });
    expect((await wa.send(new ListLensesCommand({}))).LensSummaries?.[0]?.LensVersion).toBe('2025-02-25');
  });
});

describe('simulated Well-Architected Tool: milestones', () => {
  it('records milestones numbered from 1, refuses duplicate names and honours the token', async () => {
    const id = await create();
    const m1 = await wa.send(new CreateMilestoneCommand({ WorkloadId: id, MilestoneName: '2026-H1 review' }));
    expect(m1).toMatchObject({ WorkloadId: id, MilestoneNumber: 1 });
    const dup = await rejectionOf(
      wa.send(new CreateMilestoneCommand({ WorkloadId: id, MilestoneName: '2026-H1 review' })),
    );
    expect(dup).toBeInstanceOf(ConflictException);
    expect(status(dup)).toBe(409);
    // Exact names: another case is another milestone.
    const m2 = await wa.send(new CreateMilestoneCommand({ WorkloadId: id, MilestoneName: '2026-h1 review' }));
    expect(m2.MilestoneNumber).toBe(2);
    const t1 = await wa.send(
      new CreateMilestoneCommand({
        WorkloadId: id,
        MilestoneName: 'WAR-2026-H2',
        ClientRequestToken: 'war-2026-h2',
      }),
    );
    const t2 = await wa.send(
      new CreateMilestoneCommand({
        WorkloadId: id,
        MilestoneName: 'WAR-2026-H2',
        ClientRequestToken: 'war-2026-h2',
      }),
    );
    expect(t2.MilestoneNumber).toBe(t1.MilestoneNumber);
    expect(sim.state.wellarchitected.milestones(ACCOUNT, REGION, id).map((m) => m.name)).toEqual([
      '2026-H1 review',
      '2026-h1 review',
      'WAR-2026-H2',
    ]);
    const listed = await wa.send(new ListMilestonesCommand({ WorkloadId: id, MaxResults: 2 }));
    expect(listed.MilestoneSummaries?.map((m) => [m.MilestoneNumber, m.MilestoneName])).toEqual([
      [1, '2026-H1 review'],
      [2, '2026-h1 review'],
    ]);
    expect(listed.MilestoneSummaries?.[0]?.WorkloadSummary?.WorkloadName).toBe('checkout');
    const rest = await wa.send(
      new ListMilestonesCommand({ WorkloadId: id, MaxResults: 2, NextToken: listed.NextToken }),
    );
    expect(rest.MilestoneSummaries?.map((m) => m.MilestoneNumber)).toEqual([3]);
  });

  it('stops at 100 milestones with ServiceQuotaExceededException (402)', async () => {
    const id = await create();
    for (let i = 1; i <= 100; i++)
      sim.state.wellarchitected.createMilestone(ACCOUNT, REGION, id, `milestone ${i}`);
    const over = await rejectionOf(
      wa.send(new CreateMilestoneCommand({ WorkloadId: id, MilestoneName: 'one more' })),
    );
    expect(over).toBeInstanceOf(ServiceQuotaExceededException);
    expect(status(over)).toBe(402);
    expect(over).toMatchObject({ QuotaCode: 'L-CA783EAE', ServiceCode: 'wellarchitected' });
    const last = await wa.send(new GetMilestoneCommand({ WorkloadId: id, MilestoneNumber: 100 }));
    expect(last.Milestone?.MilestoneName).toBe('milestone 100');
  });

  it('freezes answers and risks: reading at a milestone shows the state it recorded', async () => {
    const id = await create();
    const set = (choices: string[]) =>
      wa.send(
        new UpdateAnswerCommand({
          WorkloadId: id,
          LensAlias: 'wellarchitected',
          QuestionId: 'identities',
          SelectedChoices: choices,
        }),
      );
    await set(['sec_identities_no']);
    clock.advance(60_000);
    const recordedAt = clock.now();
    await wa.send(new CreateMilestoneCommand({ WorkloadId: id, MilestoneName: 'baseline' }));
    await set([
      'sec_identities_enforce_mechanisms',
      'sec_identities_unique',
      'sec_identities_secrets',
      'sec_identities_identity_provider',
      'sec_identities_audit',
      'sec_identities_groups_attributes',
    ]);
    await wa.send(new UpdateWorkloadCommand({ WorkloadId: id, Description: 'Changed after the milestone' }));

    const then = await wa.send(
      new GetAnswerCommand({
        WorkloadId: id,
        LensAlias: 'wellarchitected',
        QuestionId: 'identities',
        MilestoneNumber: 1,
      }),
    );
    expect(then).toMatchObject({
      MilestoneNumber: 1,
      Answer: { SelectedChoices: ['sec_identities_no'], Risk: 'HIGH' },
    });
    const now = await wa.send(
      new GetAnswerCommand({ WorkloadId: id, LensAlias: 'wellarchitected', QuestionId: 'identities' }),
    );
    expect(now.Answer?.Risk).toBe('NONE');
    const listThen = await wa.send(
      new ListAnswersCommand({
        WorkloadId: id,
        LensAlias: 'wellarchitected',
        PillarId: 'security',
        MilestoneNumber: 1,
      }),
    );
    expect(listThen.AnswerSummaries?.find((a) => a.QuestionId === 'identities')?.Risk).toBe('HIGH');
    const reviewThen = await wa.send(
      new GetLensReviewCommand({ WorkloadId: id, LensAlias: 'wellarchitected', MilestoneNumber: 1 }),
    );
    expect(reviewThen.LensReview?.RiskCounts).toMatchObject({ HIGH: 1, NONE: 0 });
    const improvementsThen = await wa.send(
      new ListLensReviewImprovementsCommand({
        WorkloadId: id,
        LensAlias: 'wellarchitected',
        MilestoneNumber: 1,
      }),
    );
    expect(improvementsThen.ImprovementSummaries?.map((i) => i.QuestionId)).toEqual(['identities']);
    const milestone = await wa.send(new GetMilestoneCommand({ WorkloadId: id, MilestoneNumber: 1 }));
    expect(milestone.Milestone).toMatchObject({ MilestoneNumber: 1, MilestoneName: 'baseline' });
    expect(milestone.Milestone?.RecordedAt).toEqual(new Date(recordedAt));
    expect(milestone.Milestone?.Workload).toMatchObject({
      Description: 'Checkout and payments',
      RiskCounts: { HIGH: 1, UNANSWERED: 56 },
    });
    const missing = await rejectionOf(
      wa.send(new GetMilestoneCommand({ WorkloadId: id, MilestoneNumber: 7 })),
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    const missingAnswers = await rejectionOf(
      wa.send(new ListAnswersCommand({ WorkloadId: id, LensAlias: 'wellarchitected', MilestoneNumber: 7 })),
    );
    expect(missingAnswers).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('simulated Well-Architected Tool: injected faults and the demo', () => {
  it('attributes operations it does not serve under /lenses and /workloads to the Tool', async () => {
    const id = await create();
    const lens = await rejectionOf(wa.send(new GetLensCommand({ LensAlias: 'serverless' })));
    expect(lens.name).toBe('UnknownOperationException');
    expect(sim.requests.all().at(-1)).toMatchObject({
      service: 'wellarchitected',
      operation: 'GET /lenses/serverless',
    });
    const del = await rejectionOf(
      wa.send(new DeleteWorkloadCommand({ WorkloadId: id, ClientRequestToken: 't' })),
    );
    expect(del.name).toBe('UnknownOperationException');
    expect(sim.requests.all().at(-1)).toMatchObject({ service: 'wellarchitected' });
  });

  it('answers injected throttling and access denied as the SDK typed exceptions', async () => {
    const id = await create();
    sim.faults.add({
      service: 'wellarchitected',
      operation: 'ListAnswers',
      error: 'ThrottlingException',
      times: 1,
    });
    const throttled = await rejectionOf(
      wa.send(new ListAnswersCommand({ WorkloadId: id, LensAlias: 'wellarchitected' })),
    );
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect(status(throttled)).toBe(429);
    expect(throttled).toMatchObject({ ServiceCode: 'wellarchitected' });
    await expect(
      wa.send(new ListAnswersCommand({ WorkloadId: id, LensAlias: 'wellarchitected' })),
    ).resolves.toBeDefined();

    sim.faults.add({ service: 'wellarchitected', operation: 'UpdateAnswer', error: 'AccessDeniedException' });
    const denied = await rejectionOf(
      wa.send(
        new UpdateAnswerCommand({
          WorkloadId: id,
          LensAlias: 'wellarchitected',
          QuestionId: 'priorities',
          SelectedChoices: [],
        }),
      ),
    );
    expect(denied).toBeInstanceOf(AccessDeniedException);
    expect(status(denied)).toBe(403);
    expect(denied.message).toContain('wellarchitected:UpdateAnswer');
    expect(denied.message).toContain(`workload/${id}`);
    expect(sim.requests.all().at(-1)).toMatchObject({
      operation: 'UpdateAnswer',
      status: 403,
      errorCode: 'AccessDeniedException',
    });
  });

  it('seeds the demo workload with a first-half milestone to compare with', async () => {
    const [id] = demoWellArchitected(sim.state, ACCOUNT, REGION);
    const { WorkloadSummaries } = await wa.send(new ListWorkloadsCommand({ WorkloadNamePrefix: 'payments' }));
    expect(WorkloadSummaries?.map((w) => [w.WorkloadId, w.WorkloadName, w.Lenses])).toEqual([
      [id, 'payments-platform', ['wellarchitected', 'serverless']],
    ]);
    const { Workload } = await wa.send(new GetWorkloadCommand({ WorkloadId: id }));
    expect(Workload).toMatchObject({ Environment: 'PRODUCTION', ReviewOwner: 'platform-team@example.com' });
    const { MilestoneSummaries } = await wa.send(new ListMilestonesCommand({ WorkloadId: id }));
    expect(MilestoneSummaries?.map((m) => m.MilestoneName)).toEqual(['2026-H1 review']);
    expect(MilestoneSummaries?.[0]?.RecordedAt?.getTime()).toBeLessThan(clock.now() - 100 * 24 * 3600 * 1000);
    const then = await wa.send(
      new GetLensReviewCommand({ WorkloadId: id, LensAlias: 'wellarchitected', MilestoneNumber: 1 }),
    );
    const now = await wa.send(new GetLensReviewCommand({ WorkloadId: id, LensAlias: 'wellarchitected' }));
    expect(then.LensReview?.RiskCounts).toEqual({
      UNANSWERED: 51,
      HIGH: 3,
      MEDIUM: 1,
      NONE: 1,
      NOT_APPLICABLE: 1,
    });
    expect(now.LensReview?.RiskCounts).toEqual({
      UNANSWERED: 50,
      HIGH: 0,
      MEDIUM: 3,
      NONE: 3,
      NOT_APPLICABLE: 1,
    });
    const sls = await wa.send(new GetLensReviewCommand({ WorkloadId: id, LensAlias: 'serverless' }));
    expect(sls.LensReview?.RiskCounts).toEqual({
      UNANSWERED: 6,
      HIGH: 0,
      MEDIUM: 2,
      NONE: 1,
      NOT_APPLICABLE: 0,
    });
  });
});

import type { SimState } from '../state.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The demo account's Well-Architected Tool: workload `payments-platform` (PRODUCTION, both the
 * Framework and the Serverless lens) reviewed once before, with milestone `2026-H1 review`
 * recorded about five months ago, and answers improved since, so a new review has a baseline to
 * compare with: `observability` went from HIGH to NONE, `identities` from HIGH ("None of these")
 * to MEDIUM, `backing-up-data` from HIGH to MEDIUM; `fault-isolation` stayed NONE;
 * `planning-network-topology` is not applicable (no VPC); the rest is unanswered.
 * Returns the workload ids.
 */
export function demoWellArchitected(state: SimState, account: string, region: string): string[] {
  const wa = state.wellarchitected;
  const { WorkloadId: id } = wa.createWorkload(account, region, {
    WorkloadName: 'payments-platform',
    Description: 'Checkout, payment webhooks and the ledger reconciliation behind them.',
    Environment: 'PRODUCTION',
    Lenses: ['wellarchitected', 'serverless'],
    ReviewOwner: 'platform-team@example.com',
    AwsRegions: [region],
    AccountIds: [account],
    Notes: 'Half-yearly review run by Pillar.',
  });
  const answer = (lens: string, question: string, update: Parameters<typeof wa.setAnswer>[5]) =>
    wa.setAnswer(account, region, id, lens, question, update);

  // The state at the first-half review.
  answer('wellarchitected', 'priorities', {
    SelectedChoices: [
      'ops_priorities_ext_cust_needs',
      'ops_priorities_int_cust_needs',
      'ops_priorities_governance_reqs',
      'ops_priorities_compliance_reqs',
    ],
  });
  answer('wellarchitected', 'observability', {
    SelectedChoices: ['ops_observability_application_telemetry'],
  });
  answer('wellarchitected', 'identities', { SelectedChoices: ['sec_identities_no'] });
  answer('wellarchitected', 'backing-up-data', {
    SelectedChoices: ['rel_backing_up_data_automated_backups_data'],
  });
  answer('wellarchitected', 'fault-isolation', {
    SelectedChoices: [
      'rel_fault_isolation_multiaz_region_system',
      'rel_fault_isolation_select_location',
      'rel_fault_isolation_use_bulkhead',
      'rel_fault_isolation_single_az_system',
    ],
  });
  answer('wellarchitected', 'planning-network-topology', {
    IsApplicable: false,
    Reason: 'OUT_OF_SCOPE',
    Notes: 'Serverless only: no VPC or on-premises connectivity.',
  });
  answer('serverless', 'ops_q1', { SelectedChoices: ['ops_ops_q1_a1'] });
  answer('serverless', 'sec_q1', {
    SelectedChoices: ['sec_sec_q1_a3', 'sec_sec_q1_a1', 'sec_sec_q1_a2'],
  });
  wa.createMilestone(account, region, id, '2026-H1 review', undefined, state.clock.now() - 150 * DAY);

  // Improvements since.
  answer('wellarchitected', 'observability', {
    SelectedChoices: [
      'ops_observability_identify_kpis',
      'ops_observability_application_telemetry',
      'ops_observability_customer_telemetry',
      'ops_observability_dependency_telemetry',
      'ops_observability_dist_trace',
    ],
  });
  answer('wellarchitected', 'identities', {
    SelectedChoices: ['sec_identities_enforce_mechanisms', 'sec_identities_unique', 'sec_identities_secrets'],
  });
  answer('wellarchitected', 'backing-up-data', {
    SelectedChoices: [
      'rel_backing_up_data_automated_backups_data',
      'rel_backing_up_data_secured_backups_data',
    ],
  });
  answer('wellarchitected', 'sus_hardware', {
    SelectedChoices: ['sus_sus_hardware_a2', 'sus_sus_hardware_a3', 'sus_sus_hardware_a4'],
    ChoiceUpdates: {
      sus_sus_hardware_a5: {
        Status: 'NOT_APPLICABLE',
        Reason: 'OUT_OF_SCOPE',
        Notes: 'No accelerators in use.',
      },
    },
  });
  answer('serverless', 'ops_q1', { SelectedChoices: ['ops_ops_q1_a1', 'ops_ops_q1_a4'] });
  answer('serverless', 'rel_q1', { SelectedChoices: ['rel_rel_q1_a1'] });
  return [id];
}

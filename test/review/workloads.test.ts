import { describe, expect, it } from 'vitest';
import { loadConfig, type Settings } from '../../src/config.js';
import { lensesOf, targetOf, workloadSettings } from '../../src/review/workloads.js';

const base = loadConfig({}, { readFile: () => '' });
const settings = (over: Partial<Settings>): Settings => ({ ...base, ...over });
const accounts = [
  { name: 'prod', regions: ['eu-west-1', 'us-east-1'] },
  { name: 'staging', regions: ['us-west-2'] },
];

describe('the workload a review is about', () => {
  it('is found by name in any case; otherwise the error lists the configured ones, or says where to add one', () => {
    const s = settings({ review: { workloads: [{ name: 'Orders' }, { name: 'payments' }] } });
    expect(workloadSettings(s, 'orders').name).toBe('Orders');
    expect(() => workloadSettings(s, 'billing')).toThrow(
      'No workload named "billing" under review.workloads; configured: Orders, payments.',
    );
    expect(() => workloadSettings(settings({ review: { workloads: [] } }), 'orders')).toThrow(
      'No workloads are configured for reviews: add one under review.workloads in the settings.',
    );
  });

  it("lives in its own account and region, else the first account's first region", () => {
    const s = settings({ accounts });
    expect(targetOf(s, { name: 'orders' })).toEqual({ account: 'prod', region: 'eu-west-1' });
    expect(targetOf(s, { name: 'orders', account: 'staging' })).toEqual({
      account: 'staging',
      region: 'us-west-2',
    });
    expect(targetOf(s, { name: 'orders', region: 'us-east-1' })).toEqual({
      account: 'prod',
      region: 'us-east-1',
    });
    expect(() => targetOf(s, { name: 'orders', account: 'dev' })).toThrow(
      'Workload orders names account "dev", which is not under aws.accounts.',
    );
    expect(() => targetOf(settings({ accounts: [] }), { name: 'orders' })).toThrow(
      'Workload orders needs an AWS account: add one under aws.accounts.',
    );
    expect(() =>
      targetOf(settings({ accounts: [{ name: 'prod', regions: [] }] }), { name: 'orders' }),
    ).toThrow('Workload orders needs a region (review.workloads[].region).');
  });

  it('is reviewed with the framework lens always, plus the serverless lens unless others are named', () => {
    expect(lensesOf({ name: 'orders' })).toEqual(['wellarchitected', 'serverless']);
    expect(lensesOf({ name: 'orders', lenses: [] })).toEqual(['wellarchitected', 'serverless']);
    expect(lensesOf({ name: 'orders', lenses: ['saas', 'wellarchitected'] })).toEqual([
      'wellarchitected',
      'saas',
    ]);
  });
});

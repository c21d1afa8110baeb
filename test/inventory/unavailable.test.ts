import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/aws/clients.js';
import { type CollectorProgress, collectSnapshot } from '../../src/inventory/index.js';
import { silentLogger } from '../../src/logger.js';
import { seedAccount } from './fixtures.js';
import { ACCOUNT, type InventoryHarness, inventoryHarness, REGION } from './helpers.js';

let h: InventoryHarness;

beforeEach(async () => {
  h = await inventoryHarness();
  seedAccount(h.sim, h.clock);
  for (let i = 0; i < 7; i++)
    h.sim.state.addFunction(ACCOUNT, REGION, { name: `extra-${i}`, runtime: 'nodejs22.x' });
});

afterEach(async () => {
  await h.close();
});

describe('a service or call that is denied', () => {
  it('is listed once with its IAM action and the reason, and everything else is collected', async () => {
    h.sim.faults.add({ service: 'lambda', operation: 'GetPolicy', error: 'AccessDeniedException' });
    h.sim.faults.add({ service: 'logs', operation: 'DescribeLogGroups', error: 'AccessDeniedException' });
    const progress: CollectorProgress[] = [];
    const { snapshot, calls } = await h.collect({ onProgress: (e) => progress.push(e) });

    expect(snapshot.unavailable).toEqual([
      {
        service: 'lambda',
        action: 'lambda:GetPolicy',
        code: 'aws_access_denied',
        message: expect.stringMatching(
          /^Access denied: lambda:GetPolicy on [\w-]+ in prod\/us-east-1\. Add lambda:GetPolicy to the role Pillar uses/,
        ),
      },
      {
        service: 'logs',
        action: 'logs:DescribeLogGroups',
        code: 'aws_access_denied',
        message:
          'Access denied: logs:DescribeLogGroups in prod/us-east-1. Add logs:DescribeLogGroups to the role Pillar uses (see docs/iam-policy.json).',
      },
    ]);
    // Denied once is denied for the scan: only the calls already in flight were sent.
    expect(calls['lambda:GetPolicy']).toBeLessThanOrEqual(4);
    expect(h.sim.requests.count({ operation: 'GetPolicy' })).toBe(calls['lambda:GetPolicy']);
    expect(calls['logs:DescribeLogGroups']).toBe(1);

    // The rest is all there.
    const fns = snapshot.lambda.functions;
    expect(fns).toHaveLength(10);
    expect(fns.every((f) => f.policy === undefined)).toBe(true);
    expect(fns.find((f) => f.name === 'good')).toMatchObject({
      reservedConcurrency: 50,
      url: { authType: 'AWS_IAM' },
      tags: { team: 'orders', env: 'prod' },
      asyncConfig: { maximumRetryAttempts: 1 },
    });
    expect(snapshot.lambda.eventSourceMappings).toHaveLength(3);
    expect(snapshot.lambda.account?.functionCount).toBe(10);
    expect(snapshot.logs.logGroups).toEqual([]);
    expect(snapshot.logs.resourcePolicies).toHaveLength(1);
    // Insights still reads the functions' own groups, named from their logging config.
    expect(snapshot.telemetry.functions.bad).toMatchObject({ invocations: 9, reportCount: 9, timeouts: 2 });
    expect(snapshot.telemetry.functions.good).toMatchObject({ invocations: 10, coldStarts: 2 });
    expect(progress).toEqual(
      expect.arrayContaining([
        { collector: 'lambda', state: 'done', items: 10 },
        { collector: 'logs', state: 'failed', message: expect.stringContaining('logs:DescribeLogGroups') },
        { collector: 'telemetry', state: 'done', items: 10 },
      ]),
    );
  });

  it('a per-function call failing for some functions lists just those', async () => {
    h.sim.faults.add({ service: 'lambda', operation: 'ListAliases', error: 'InternalFailure', times: 2 });
    const { snapshot } = await h.collect({ concurrency: 1 });
    // Functions are described in name order with concurrency 1: the first two failed.
    expect(snapshot.unavailable).toEqual([
      {
        service: 'lambda',
        action: 'lambda:ListAliases',
        code: 'aws_unavailable',
        message: expect.stringContaining('lambda:ListAliases'),
        resources: ['bad', 'extra-0'],
      },
    ]);
    expect(snapshot.lambda.functions.find((f) => f.name === 'good')?.aliases).toHaveLength(2);
  });

  it('without ListFunctions the Lambda collector fails but account settings, mappings and logs still come', async () => {
    h.sim.faults.add({ service: 'lambda', operation: 'ListFunctions', error: 'AccessDeniedException' });
    const progress: CollectorProgress[] = [];
    const { snapshot, calls } = await h.collect({ onProgress: (e) => progress.push(e) });
    expect(snapshot.unavailable.map((u) => u.action)).toEqual(['lambda:ListFunctions']);
    expect(snapshot.lambda.functions).toEqual([]);
    expect(snapshot.lambda.account?.functionCount).toBe(10);
    expect(snapshot.lambda.eventSourceMappings).toHaveLength(3);
    expect(snapshot.logs.logGroups.map((g) => g.name)).toEqual([
      '/aws/lambda/bad',
      '/aws/lambda/good',
      '/aws/lambda/orphan',
    ]);
    // Lambda's default group names stand in for the function list.
    expect(
      snapshot.logs.logGroups.find((g) => g.name === '/aws/lambda/orphan')?.subscriptionFilterCount,
    ).toBe(0);
    expect(calls['cloudwatch:GetMetricData']).toBeUndefined();
    expect(progress).toContainEqual({
      collector: 'lambda',
      state: 'failed',
      message: expect.stringContaining('Access denied: lambda:ListFunctions'),
    });
  });

  it('credentials AWS refuses stop the scan early, each action listed once', async () => {
    const clients = createAwsClients({
      accounts: [{ name: 'prod', regions: [REGION] }],
      endpoint: h.sim.url,
      credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) },
      maxAttempts: 1,
    });
    try {
      const { snapshot, calls } = await collectSnapshot({
        clients,
        clock: h.clock,
        logger: silentLogger(),
        target: { account: 'prod', region: REGION },
      });
      expect(snapshot.unavailable.length).toBeGreaterThanOrEqual(4);
      expect(snapshot.unavailable.every((u) => u.code === 'aws_credentials')).toBe(true);
      expect(new Set(snapshot.unavailable.map((u) => u.action)).size).toBe(snapshot.unavailable.length);
      // Only the first calls, sent side by side before the answer came, reached AWS.
      expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
      expect(snapshot.lambda.functions).toEqual([]);
    } finally {
      clients.destroy();
    }
  });
});

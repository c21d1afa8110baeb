import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../checks/runner.js';
import { checkServices } from '../../checks/types.js';
import { defaultScenario, writeScenario } from '../../sim/aws/index.js';
import { demoInventory } from '../../sim/aws/scenario.js';
import { awsCallsForScan, scanShapeOf } from '../../src/inventory/index.js';
import { type InventoryHarness, inventoryHarness } from './helpers.js';

let h: InventoryHarness;

beforeEach(async () => {
  h = await inventoryHarness();
});

afterEach(async () => {
  await h.close();
});

describe('the demo account inventory', () => {
  it('has compliant and non-compliant resources of every kind the Lambda and Logs checks read', async () => {
    const now = h.clock.now();
    writeScenario(h.sim.state, defaultScenario({ start: now - 30 * 60_000, durationMs: 30 * 60_000 }));
    const demo = demoInventory(h.sim.state);
    expect(demo.addedFunctions.sort()).toEqual([
      'archive-exporter',
      'catalog-api-image',
      'legacy-cron',
      'search-indexer',
      'thumbnail-legacy',
    ]);
    expect(demo.configuredFunctions).toContain('orders-api');

    const { snapshot } = await h.collect();
    expect(snapshot.unavailable).toEqual([]);
    const fns = snapshot.lambda.functions;
    const fn = (name: string) => {
      const f = fns.find((x) => x.name === name);
      if (!f) throw new Error(`no ${name}`);
      return f;
    };

    // Runtimes, sizes, architectures, formats.
    expect(fns.map((f) => f.runtime)).toEqual(
      expect.arrayContaining(['python3.8', 'nodejs16.x', 'nodejs22.x']),
    );
    expect(fn('legacy-cron')).toMatchObject({
      memorySizeMB: 128,
      timeoutSeconds: 3,
      architectures: ['x86_64'],
    });
    expect(fn('catalog-api-image')).toMatchObject({ packageType: 'Image' });
    expect(fn('catalog-api-image').runtime).toBeUndefined();
    expect(new Set(fns.flatMap((f) => f.architectures))).toEqual(new Set(['x86_64', 'arm64']));
    expect(new Set(fns.map((f) => f.logging.format))).toEqual(new Set(['Text', 'JSON']));
    expect(fn('invoice-renderer').snapStart).toBe('None');
    expect(fn('fraud-scorer')).toMatchObject({
      snapStart: 'PublishedVersions',
      provisionedConcurrency: [{ qualifier: 'live' }],
    });

    // Security: public policy, open URL, secret-looking variables (names only).
    expect(fn('orders-api').policy).toEqual([
      expect.objectContaining({ principals: ['*'], conditionKeys: [] }),
    ]);
    expect(fn('orders-api').url).toEqual({ authType: 'NONE', allowOrigins: ['*'] });
    expect(fn('catalog-api-image').url).toEqual({
      authType: 'AWS_IAM',
      allowOrigins: ['https://shop.example.com'],
    });
    expect(fn('orders-api').secretLookingVariables).toEqual(['STRIPE_SECRET_KEY']);
    expect(fn('billing-legacy').secretLookingVariables).toEqual(['DATABASE_URL']);
    expect(fn('legacy-cron').secretLookingVariables).toEqual(['API_TOKEN']);
    expect(fn('payments-webhook').secretLookingVariables).toEqual([]);
    expect(JSON.stringify(snapshot)).not.toContain('Tr0ub4dor3');

    // Reliability: async without DLQ or destination, and one with both; concurrency 0; a failed update.
    expect(fn('payments-webhook').policy?.[0]?.principals).toEqual(['sns.amazonaws.com']);
    expect(fn('payments-webhook').deadLetterTargetArn).toBeUndefined();
    expect(fn('payments-webhook').asyncConfig).toBeUndefined();
    expect(fn('image-resizer').deadLetterTargetArn).toBeDefined();
    expect(fn('image-resizer').asyncConfig?.onFailureDestination).toBeDefined();
    expect(fn('archive-exporter').reservedConcurrency).toBe(0);
    expect(fn('report-builder').reservedConcurrency).toBe(10);
    expect(fn('search-indexer').lastUpdateStatus).toBe('Failed');
    expect(fn('billing-legacy').recursiveLoop).toBe('Allow');
    expect(fn('ledger-reconciler').runtimeUpdateMode).toBe('Manual');

    // Mappings: SQS without partial batch responses, a stream retrying forever, one set up well.
    const esm = (name: string) =>
      snapshot.lambda.eventSourceMappings.find((m) => m.functionArn.endsWith(`:${name}`));
    expect(esm('inventory-sync')).toMatchObject({ sourceType: 'sqs', functionResponseTypes: [] });
    expect(esm('notifications-fanout')).toMatchObject({
      sourceType: 'kinesis',
      maximumRetryAttempts: -1,
      bisectBatchOnFunctionError: false,
    });
    expect(esm('notifications-fanout')?.onFailureDestination).toBeUndefined();
    expect(esm('ledger-reconciler')).toMatchObject({
      sourceType: 'dynamodb',
      bisectBatchOnFunctionError: true,
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(esm('search-indexer')?.state).toBe('Disabled');

    // Log groups: no retention, ten years, KMS, orphaned, Infrequent Access; a public resource policy.
    const group = (name: string) => snapshot.logs.logGroups.find((g) => g.name === name);
    expect(group('/aws/lambda/legacy-cron')?.retentionInDays).toBeUndefined();
    expect(group('/aws/lambda/orders-api')?.retentionInDays).toBeUndefined();
    expect(group('/aws/lambda/ledger-reconciler')?.retentionInDays).toBe(3653);
    expect(group('/aws/lambda/report-builder')).toMatchObject({
      retentionInDays: 30,
      subscriptionFilterCount: 1,
    });
    expect(group('/aws/lambda/report-builder')?.kmsKeyId).toBeDefined();
    expect(group('/aws/lambda/deleted-function')).toBeDefined();
    expect(fns.some((f) => f.name === 'deleted-function')).toBe(false);
    expect(group('/aws/lambda/catalog-api-image')?.logGroupClass).toBe('INFREQUENT_ACCESS');
    expect(snapshot.logs.resourcePolicies?.map((p) => p.statements[0]?.principals)).toEqual([
      ['*'],
      ['route53.amazonaws.com'],
    ]);

    // Telemetry: traffic from the scenario's logs, and what only metrics show.
    const t = snapshot.telemetry.functions;
    expect(t['orders-api']?.invocations).toBeGreaterThan(100);
    expect(t['orders-api']).toMatchObject({ logSource: 'insights', throttles: 3 });
    expect(t['orders-api']?.reportCount).toBe(t['orders-api']?.invocations);
    expect(t['inventory-sync']?.timeouts).toBe(1);
    expect(t['image-resizer']?.outOfMemory).toBe(1);
    expect(t['archive-exporter']).toMatchObject({ invocations: 0, throttles: 114 });
    expect(t['notifications-fanout']?.iteratorAgeMaxMs).toBe(240_000);
    expect(t['payments-webhook']?.asyncEventsDropped).toBe(5);
    expect(t['fraud-scorer']?.provisionedConcurrencyUtilizationMax).toBe(0.22);
    expect(snapshot.telemetry.account?.concurrentExecutionsMax).toBe(840);
  });

  it('is idempotent: a second call adds nothing', () => {
    writeScenario(h.sim.state, defaultScenario({ start: h.clock.now(), durationMs: 60_000 }));
    demoInventory(h.sim.state);
    const functions = h.sim.state.functions('111122223333', 'us-east-1').length;
    const mappings = h.sim.state.eventSourceMappings('111122223333', 'us-east-1').length;
    const again = demoInventory(h.sim.state);
    expect(again.addedFunctions).toEqual([]);
    expect(h.sim.state.functions('111122223333', 'us-east-1')).toHaveLength(functions);
    expect(h.sim.state.eventSourceMappings('111122223333', 'us-east-1')).toHaveLength(mappings);
  });

  it('gives every service failing checks and no errors, and makes exactly the calls calls.ts predicts', async () => {
    const now = h.clock.now();
    writeScenario(h.sim.state, defaultScenario({ start: now - 30 * 60_000, durationMs: 30 * 60_000 }));
    const demo = demoInventory(h.sim.state);
    expect(demo.apis.length).toBeGreaterThan(0);
    expect(demo.topics.length).toBeGreaterThan(0);
    expect(demo.streams.length).toBeGreaterThan(0);
    expect(demo.eventbridge.length).toBeGreaterThan(0);
    const { snapshot, calls } = await h.collect();
    expect(snapshot.unavailable).toEqual([]);
    expect(awsCallsForScan(scanShapeOf(snapshot))).toEqual(calls);
    const results = runChecks(snapshot);
    for (const service of checkServices) {
      const mine = results.filter((r) => r.meta.service === service);
      expect(
        mine.some((r) => r.status === 'non_compliant'),
        `${service} has a failing check`,
      ).toBe(true);
      expect(
        mine.filter((r) => r.status === 'error').map((r) => r.meta.id),
        service,
      ).toEqual([]);
    }
  });
});

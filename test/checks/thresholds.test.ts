import { describe, expect, it } from 'vitest';
import { defaultThresholds, parseThresholds } from '../../checks/thresholds.js';
import { alarm, DAY, NOW, snapshot } from './builders.js';
import { fails, runCase } from './cases.js';

describe('parseThresholds', () => {
  it('uses the catalog defaults when the section is absent', () => {
    for (const raw of [undefined, null, {}]) {
      const r = parseThresholds(raw);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.thresholds).toEqual(defaultThresholds);
    }
    expect(defaultThresholds).toMatchObject({
      memoryHeadroom: 0.9,
      memoryOverprovisioned: 0.5,
      timeoutRisk: 0.8,
      errorRate: 0.1,
      coldStartShare: 0.1,
      initP95Ms: 1000,
      logRetentionMinDays: 30,
      logRetentionMaxDays: 365,
      runtimeDeprecationWarningDays: 180,
      sharedRoleMaxFunctions: 1,
      trustedLayerAccounts: [],
    });
  });

  it('overrides only the keys given', () => {
    const r = parseThresholds({
      errorRate: 0.05,
      logRetentionMinDays: 90,
      trustedLayerAccounts: ['464622532012'],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.thresholds.errorRate).toBe(0.05);
    expect(r.thresholds.logRetentionMinDays).toBe(90);
    expect(r.thresholds.trustedLayerAccounts).toEqual(['464622532012']);
    expect(r.thresholds.memoryHeadroom).toBe(0.9);
  });

  it('lists every problem at once, each naming its key', () => {
    const r = parseThresholds({
      memoryHeadroom: 1.5,
      logRetentionMinDays: 'thirty',
      initP95Ms: 2.5,
      trustedLayerAccounts: ['12345'],
      memoryHedroom: 0.8,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(5);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        'checks.memoryHeadroom: expected a number between 0 and 1',
        'checks.logRetentionMinDays: expected a number',
        'checks.initP95Ms: expected a whole number',
        'checks.trustedLayerAccounts.0: expected a 12-digit AWS account id',
        'checks.memoryHedroom: unknown threshold',
      ]),
    );
  });

  it('rejects a minimum retention above the maximum', () => {
    const r = parseThresholds({ logRetentionMinDays: 400 });
    expect(r).toEqual({
      ok: false,
      problems: ['checks.logRetentionMinDays: 400 is above checks.logRetentionMaxDays (365)'],
    });
  });

  it('rejects a minimum maxReceiveCount above the maximum', () => {
    expect(parseThresholds({ sqsMaxReceiveCountMin: 25 })).toEqual({
      ok: false,
      problems: ['checks.sqsMaxReceiveCountMin: 25 is above checks.sqsMaxReceiveCountMax (20)'],
    });
    expect(parseThresholds({ sqsMaxReceiveCountMin: 25, sqsMaxReceiveCountMax: 30 }).ok).toBe(true);
  });

  it('has defaults for the limits moved out of the SQS, DynamoDB and CloudWatch checks', () => {
    expect(defaultThresholds).toMatchObject({
      sqsMaxReceiveCountMin: 3,
      sqsMaxReceiveCountMax: 20,
      sqsRetentionMinDays: 4,
      dynamodbEmptyTableDays: 30,
      dynamodbInfrequentAccessStorageShare: 1,
      alarmInsufficientDataDays: 7,
    });
    const r = parseThresholds({ sqsRetentionMinDays: 0, dynamodbInfrequentAccessStorageShare: -1 });
    expect(r).toEqual({
      ok: false,
      problems: [
        'checks.sqsRetentionMinDays: expected a number above 0',
        'checks.dynamodbInfrequentAccessStorageShare: expected a number above 0',
      ],
    });
  });

  it('judges alarms stuck in INSUFFICIENT_DATA against alarmInsufficientDataDays', () => {
    const stuck = snapshot({
      alarms: [
        alarm({ name: 'stuck', stateValue: 'INSUFFICIENT_DATA', stateUpdatedTimestamp: NOW - 3 * DAY }),
      ],
    });
    // Three days is within the default week…
    runCase('cloudwatch-alarm-insufficient-data', {
      name: 'default',
      snapshot: stuck,
      expect: { status: 'compliant' },
    });
    // …and past a two-day setting.
    runCase('cloudwatch-alarm-insufficient-data', {
      name: 'two days',
      snapshot: stuck,
      thresholds: { alarmInsufficientDataDays: 2 },
      expect: fails({ resourceName: 'stuck', message: 'in INSUFFICIENT_DATA for 3 days' }),
    });
  });

  it('rejects a section that is not a mapping', () => {
    const r = parseThresholds(['memoryHeadroom']);
    expect(r).toEqual({
      ok: false,
      problems: ['checks: expected a mapping of thresholds such as memoryHeadroom: 0.9'],
    });
  });
});

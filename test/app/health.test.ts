import { describe, expect, it } from 'vitest';
import {
  DELIVERY_FAILING_MS,
  HealthMonitor,
  INGEST_MISSED_INTERVALS,
  STORAGE_FAILURES,
} from '../../src/app/health.js';
import { FakeClock } from '../helpers/clock.js';

const INTERVAL = 30_000;

function monitor() {
  const clock = new FakeClock();
  return { clock, health: new HealthMonitor(clock, { ingestIntervalMs: INTERVAL, ingestion: true }) };
}

describe('HealthMonitor', () => {
  it('is ok at start and while ingestion succeeds', () => {
    const { clock, health } = monitor();
    expect(health.report().status).toBe('ok');
    clock.advance(INTERVAL * 10);
    health.ingestSucceeded();
    expect(health.report()).toMatchObject({ status: 'ok', problems: [] });
  });

  it(`is degraded once ingestion has not succeeded for ${INGEST_MISSED_INTERVALS} intervals`, () => {
    const { clock, health } = monitor();
    health.ingestSucceeded();
    health.ingestFailed('AccessDenied on logs:FilterLogEvents');
    clock.advance(INTERVAL * INGEST_MISSED_INTERVALS);
    expect(health.report().status).toBe('ok');
    clock.advance(1);
    const r = health.report();
    expect(r.status).toBe('degraded');
    expect(r.problems[0]).toMatch(/Ingestion has not succeeded for 2 min \(last error: AccessDenied/);
  });

  it('is degraded when delivery has failed for 5 minutes, and ok after one success', () => {
    const { clock, health } = monitor();
    health.ingestSucceeded();
    health.deliveryFailed('fetch failed');
    clock.advance(DELIVERY_FAILING_MS - 1);
    health.ingestSucceeded();
    expect(health.report().status).toBe('ok');
    health.deliveryFailed('fetch failed');
    clock.advance(1);
    expect(health.report().problems).toEqual([
      expect.stringMatching(/^Slack delivery has failed for 5 min \(fetch failed\)/),
    ]);
    health.deliverySucceeded();
    expect(health.report().status).toBe('ok');
  });

  it('is degraded while the socket is down, at once', () => {
    const { health } = monitor();
    health.socketState(false, 'connecting');
    expect(health.report().problems).toEqual([
      expect.stringMatching(/Socket Mode connection to Slack is down \(connecting\)/),
    ]);
    health.socketState(true);
    expect(health.report().status).toBe('ok');
  });

  it(`is degraded after ${STORAGE_FAILURES} consecutive storage failures`, () => {
    const { health } = monitor();
    health.storageFailed('The disk holding ./data/pillar.db is full');
    expect(health.report().status).toBe('ok');
    health.storageFailed('The disk holding ./data/pillar.db is full');
    expect(health.report().problems).toEqual([
      'The database fails: The disk holding ./data/pillar.db is full',
    ]);
    health.storageSucceeded();
    expect(health.report().status).toBe('ok');
  });

  it('remembers a degraded spell once, for the note after recovery', () => {
    const { clock, health } = monitor();
    health.socketState(false, 'connecting');
    health.report();
    expect(health.takeRecovery()).toBeUndefined();
    clock.advance(120_000);
    health.socketState(true);
    health.ingestSucceeded();
    const spell = health.takeRecovery();
    expect(spell).toEqual({
      from: clock.now() - 120_000,
      to: clock.now(),
      problems: ['The Socket Mode connection to Slack is down'],
    });
    expect(health.takeRecovery()).toBeUndefined();
  });
});

import type { Db } from '../../src/db/client.js';
import {
  createIncidentService,
  type FailureOccurrence,
  type IncidentService,
  type IncidentServiceSettings,
} from '../../src/incidents/service.js';
import { FakeClock } from '../helpers/clock.js';
import { testDb } from '../helpers/db.js';

export const T0 = Date.parse('2026-11-28T12:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface Setup {
  db: Db;
  clock: FakeClock;
  incidents: IncidentService;
}

export function setup(settings?: IncidentServiceSettings): Setup {
  const db = testDb();
  const clock = new FakeClock(T0);
  return { db, clock, incidents: createIncidentService({ db, clock, ...(settings ? { settings } : {}) }) };
}

/** A Node.js handler throwing a TypeError from its own code, a minute before the clock's start. */
export function failure(over: Partial<FailureOccurrence> = {}): FailureOccurrence {
  return {
    account: '111122223333',
    region: 'us-east-1',
    functionName: 'orders-api',
    logGroup: '/aws/lambda/orders-api',
    failureKind: 'uncaught_exception',
    errorType: 'TypeError',
    errorMessage: "Cannot read properties of undefined (reading 'id')",
    frames: [
      {
        raw: 'at Runtime.handle (/var/runtime/index.mjs:1:1)',
        file: '/var/runtime/index.mjs',
        fn: 'Runtime.handle',
        inApp: false,
      },
      { raw: 'at handler (/var/task/index.js:12:9)', file: '/var/task/index.js', fn: 'handler', inApp: true },
    ],
    at: T0 - MINUTE,
    requestId: '8f14e45f-ceea-467f-a0e6-1b2c3d4e5f60',
    logStream: '2026/11/28/[$LATEST]abcdef0123456789',
    excerpt: 'ERROR Invoke Error {"errorType":"TypeError"}',
    ...over,
  };
}

import { loadConfig, type Settings } from '../../../src/config.js';
import type { Db } from '../../../src/db/client.js';
import { createIncidentService, type IncidentService } from '../../../src/incidents/service.js';
import type { FailureOccurrence } from '../../../src/incidents/types.js';
import { silentLogger } from '../../../src/logger.js';
import { createContext, type DeliveryContext } from '../../../src/slack/delivery/context.js';
import type { DeliveryDeps, DeliverySettings } from '../../../src/slack/delivery/types.js';
import { FakeClock } from '../../helpers/clock.js';
import { testDb } from '../../helpers/db.js';
import { FakeWebClient } from '../../helpers/web-client.js';

export const T0 = Date.parse('2026-11-28T12:00:00.000Z');
export const SECOND = 1000;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const ALERTS = 'C0ALERTS01';
export const OPS = 'C0OPS00001';

export interface DeliverySetup {
  db: Db;
  clock: FakeClock;
  incidents: IncidentService;
  slack: FakeWebClient;
  deps: DeliveryDeps;
  ctx: DeliveryContext;
  /** Records a failure of its own function (one incident per function name) at the clock's time. */
  fail(functionName: string, over?: Partial<FailureOccurrence>): number;
}

/** One delivery's parts on in-memory SQLite, a fake clock and an in-process WebClient. */
export function deliverySetup(
  options: { delivery?: Partial<DeliverySettings>; routes?: Settings['slack']['routes'] } = {},
): DeliverySetup {
  const db = testDb();
  const clock = new FakeClock(T0);
  const incidents = createIncidentService({ db, clock });
  const slack = new FakeWebClient();
  const base = loadConfig({}, { readFile: () => '' });
  const deps: DeliveryDeps = {
    db,
    clock,
    logger: silentLogger(),
    slack: slack.client,
    incidents,
    settings: {
      slack: { ...base.slack, alertsChannel: ALERTS, ...(options.routes ? { routes: options.routes } : {}) },
      schedules: base.schedules,
    },
    ...(options.delivery ? { delivery: options.delivery } : {}),
  };
  return {
    db,
    clock,
    incidents,
    slack,
    deps,
    ctx: createContext(deps),
    fail: (functionName, over = {}) =>
      incidents.recordFailure({
        account: '111122223333',
        region: 'us-east-1',
        functionName,
        logGroup: `/aws/lambda/${functionName}`,
        failureKind: 'uncaught_exception',
        errorType: 'TypeError',
        errorMessage: `Cannot read properties of undefined (reading 'id')`,
        at: clock.now(),
        requestId: `req-${clock.now()}`,
        ...over,
      }).incident.id,
  };
}

/** The incident's message as if posted now in `channel` (what post.ts leaves behind). */
export function posted(s: DeliverySetup, incidentId: number, channel = ALERTS): void {
  const incident = s.incidents.get(incidentId)!;
  s.ctx.outbox.claim(incidentId, channel, s.clock.now());
  const claimed = s.ctx.outbox
    .postingDue(s.clock.now())
    .find((r) => r.incidentId === incidentId && r.channel === channel);
  if (!claimed) throw new Error(`incident ${incidentId} already has a message in ${channel}`);
  s.ctx.outbox.adopt(claimed, `ts-${incidentId}-${channel}`, incident.revision, incident.occurrences);
}

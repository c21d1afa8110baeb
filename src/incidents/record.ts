import type { Clock } from '../clock.js';
import { PillarError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FailureKind } from '../logs/record.js';
import type { IncidentSeverity } from '../vocabulary.js';
import { fingerprintFailure } from './fingerprint.js';
import {
  addAction,
  addSample,
  bounded,
  CLEAR_ACK,
  CLEAR_MUTE,
  CLEAR_RESOLVED,
  findByFingerprint,
  type IncidentPatch,
  insertIncident,
  linkInvocation,
  MAX_ID,
  MAX_MESSAGE,
  muteDetails,
  updateIncident,
  writeTx,
} from './store.js';
import { type FailureOccurrence, type IncidentDb, type RecordResult, SYSTEM_ACTOR } from './types.js';

export interface RecorderDeps {
  clock: Clock;
  logger?: Logger | undefined;
  /** How many occurrences are kept per incident besides the first one. */
  samplesPerIncident: number;
  severityByKind: Record<FailureKind, IncidentSeverity>;
}

/** Records one failure on the database or transaction given. */
export type Recorder = (q: IncidentDb, o: FailureOccurrence) => RecordResult;

/**
 * Groups failures into incidents by fingerprint: opens a new one, counts on an active one,
 * reopens a resolved one as a regression, or counts while muted; keeps samples of each.
 */
export function createRecorder(deps: RecorderDeps): Recorder {
  const { clock, logger, samplesPerIncident, severityByKind } = deps;

  return (q, o) => {
    if (!Number.isSafeInteger(o.at) || o.at < 0) {
      throw new PillarError(
        'input_invalid',
        `A failure needs its time as epoch milliseconds, got ${String(o.at)}.`,
      );
    }
    const fp = fingerprintFailure({
      account: o.account,
      region: o.region,
      functionName: o.functionName,
      failureKind: o.failureKind,
      errorType: o.errorType,
      errorMessage: o.errorMessage,
      frames: o.frames,
    });
    const message = bounded(o.errorMessage, MAX_MESSAGE);

    return writeTx(q, (tx) => {
      const now = clock.now();
      const existing = findByFingerprint(tx, fp.fingerprint);

      if (existing === undefined) {
        const incident = insertIncident(tx, {
          fingerprint: fp.fingerprint,
          account: o.account,
          region: o.region,
          functionName: o.functionName,
          logGroup: o.logGroup,
          failureKind: o.failureKind,
          errorType: bounded(o.errorType, MAX_ID),
          messageTemplate: fp.template,
          lastMessage: message,
          topFrame: fp.topFrame ?? null,
          severity: severityByKind[o.failureKind],
          state: 'open',
          occurrences: 1,
          firstSeenAt: o.at,
          lastSeenAt: o.at,
          openedAt: now,
          revision: 1,
          createdAt: now,
          updatedAt: now,
        });
        addAction(tx, incident.id, 'opened', SYSTEM_ACTOR, now, { at: o.at, requestId: o.requestId ?? null });
        addSample(tx, incident.id, o, true, samplesPerIncident);
        linkInvocation(tx, o, incident.id);
        logger?.info(
          { incidentId: incident.id, fingerprint: fp.fingerprint, functionName: o.functionName },
          'incident opened',
        );
        return { incident, change: 'opened' };
      }

      // Late events are normal (ingestion reads an overlapping window): an older occurrence never
      // moves lastSeenAt back, firstSeenAt forward, or replaces the latest message.
      const latest = o.at >= existing.lastSeenAt;
      const patch: IncidentPatch = {
        occurrences: existing.occurrences + 1,
        firstSeenAt: Math.min(existing.firstSeenAt, o.at),
        lastSeenAt: Math.max(existing.lastSeenAt, o.at),
      };
      if (latest && message !== null) patch.lastMessage = message;

      let change: RecordResult['change'] = 'updated';
      if (existing.state === 'muted') {
        if (existing.mutedUntil !== null && existing.mutedUntil <= now) {
          addAction(tx, existing.id, 'mute_expired', SYSTEM_ACTOR, now, muteDetails(existing));
          Object.assign(patch, { ...CLEAR_MUTE, state: 'open' } satisfies IncidentPatch);
        } else {
          change = 'muted';
        }
      } else if (
        existing.state === 'resolved' &&
        (existing.resolvedAt === null || o.at > existing.resolvedAt)
      ) {
        // A failure that happened after the fix was declared: the fix did not hold.
        Object.assign(patch, {
          ...CLEAR_ACK,
          ...CLEAR_RESOLVED,
          state: 'open',
          regressions: existing.regressions + 1,
          lastRegressionAt: now,
          openedAt: now,
        } satisfies IncidentPatch);
        addAction(tx, existing.id, 'regressed', SYSTEM_ACTOR, now, {
          at: o.at,
          requestId: o.requestId ?? null,
          resolvedAt: existing.resolvedAt,
          resolvedBy: existing.resolvedBy,
        });
        change = 'reopened';
      }
      // A resolved incident receiving an occurrence from before its resolution (a late event)
      // only counts it: it is not a regression.

      const incident = updateIncident(tx, existing, patch, now);
      addSample(tx, incident.id, o, false, samplesPerIncident);
      linkInvocation(tx, o, incident.id);
      if (change === 'reopened') {
        logger?.info({ incidentId: incident.id, regressions: incident.regressions }, 'incident regressed');
      }
      return { incident, change };
    });
  };
}

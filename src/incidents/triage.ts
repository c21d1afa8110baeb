import type { Clock } from '../clock.js';
import { PillarError } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  addAction,
  CLEAR_ACK,
  CLEAR_MUTE,
  CLEAR_RESOLVED,
  type IncidentPatch,
  mustFindIncident,
  muteDetails,
  mutesEnded,
  updateIncident,
  writeTx,
} from './store.js';
import {
  type Incident,
  type IncidentActionName,
  type IncidentDb,
  MAX_MUTE_REASON,
  MuteInput,
  SYSTEM_ACTOR,
  type TriageResult,
} from './types.js';
import { ACCEPTED_UNTIL, formatTime } from './until.js';

const MAX_ACTOR = 256;

export interface TriageDeps {
  clock: Clock;
  logger?: Logger | undefined;
}

/** What people do to an incident, each move checked and written with its audit entry. */
export interface Triage {
  acknowledge(id: number, actor: string): TriageResult;
  resolve(id: number, actor: string): TriageResult;
  reopen(id: number, actor: string): TriageResult;
  mute(id: number, actor: string, input: { until: number; reason: string }): TriageResult;
  unmute(id: number, actor: string): TriageResult;
  assign(id: number, actor: string, assignee: string | null): TriageResult;
  /** Muted incidents whose mute has ended go back to open; returns them as they are now. */
  expireMutes(): Incident[];
}

interface Transition {
  patch: IncidentPatch;
  action: IncidentActionName;
  details?: Record<string, unknown>;
}

/** The triage moves, running their statements on `q` (the database or a caller's transaction). */
export function triageOn(q: IncidentDb, deps: TriageDeps): Triage {
  const { clock, logger } = deps;

  /**
   * Runs one triage action: `decide` throws when the move is not allowed, returns null when the
   * incident is already where the action would take it (nothing written), or the change to make.
   */
  function triage(
    id: number,
    actor: string,
    decide: (incident: Incident, now: number) => Transition | null,
  ): TriageResult {
    const who = checkActor(actor);
    return writeTx(q, (tx) => {
      const now = clock.now();
      const current = mustFindIncident(tx, id);
      const step = decide(current, now);
      if (step === null) return { incident: current, changed: false };
      const incident = updateIncident(tx, current, step.patch, now);
      addAction(tx, id, step.action, who, now, { from: current.state, ...step.details });
      logger?.debug({ incidentId: id, action: step.action, actor: who }, 'incident triaged');
      return { incident, changed: true };
    });
  }

  return {
    acknowledge: (id, actor) =>
      triage(id, actor, (i, now) => {
        switch (i.state) {
          case 'acknowledged':
            return null;
          case 'resolved':
            throw transition(`Incident #${id} is already resolved; use reopen to open it again.`);
          case 'muted':
            throw transition(
              `Incident #${id} is muted until ${formatTime(i.mutedUntil)}; unmute it first to acknowledge it.`,
            );
          default:
            return {
              patch: { state: 'acknowledged', acknowledgedBy: actor, acknowledgedAt: now },
              action: 'acknowledged',
            };
        }
      }),

    resolve: (id, actor) =>
      triage(id, actor, (i, now) => {
        if (i.state === 'resolved') return null;
        // Resolving a muted incident ends the mute: if the error comes back it is a regression.
        return {
          patch: { ...CLEAR_MUTE, state: 'resolved', resolvedBy: actor, resolvedAt: now },
          action: 'resolved',
        };
      }),

    reopen: (id, actor) =>
      triage(id, actor, (i, now) => {
        switch (i.state) {
          case 'open':
            return null;
          case 'acknowledged':
            throw transition(
              `Incident #${id} is acknowledged, not resolved; only a resolved incident can be reopened.`,
            );
          case 'muted':
            throw transition(`Incident #${id} is muted, not resolved; use unmute to open it again.`);
          default:
            return {
              patch: { ...CLEAR_ACK, ...CLEAR_RESOLVED, state: 'open', openedAt: now },
              action: 'reopened',
            };
        }
      }),

    mute: (id, actor, input) => {
      const mute = checkMute(input, clock.now());
      return triage(id, actor, (i) => {
        if (i.state === 'resolved') {
          throw transition(
            `Incident #${id} is resolved, so there is nothing to mute; it reopens by itself if the error comes back.`,
          );
        }
        if (i.state === 'muted' && i.mutedUntil === mute.until && i.muteReason === mute.reason) return null;
        return {
          // Acknowledgement ends with the mute: when the mute ends the incident is open again.
          patch: {
            ...CLEAR_ACK,
            state: 'muted',
            mutedBy: actor,
            mutedUntil: mute.until,
            muteReason: mute.reason,
          },
          action: 'muted',
          details: { until: mute.until, reason: mute.reason, previousUntil: i.mutedUntil },
        };
      });
    },

    unmute: (id, actor) =>
      triage(id, actor, (i) => {
        if (i.state !== 'muted') return null;
        return { patch: { ...CLEAR_MUTE, state: 'open' }, action: 'unmuted', details: muteDetails(i) };
      }),

    assign: (id, actor, assignee) => {
      const who = checkAssignee(assignee);
      return triage(id, actor, (i) => {
        if (i.assignee === who) return null;
        return {
          patch: { assignee: who },
          action: who === null ? 'unassigned' : 'assigned',
          details: { assignee: who, previous: i.assignee },
        };
      });
    },

    expireMutes: () =>
      writeTx(q, (tx) => {
        const now = clock.now();
        return mutesEnded(tx, now).map((i) => {
          addAction(tx, i.id, 'mute_expired', SYSTEM_ACTOR, now, muteDetails(i));
          return updateIncident(tx, i, { ...CLEAR_MUTE, state: 'open' }, now);
        });
      }),
  };
}

function transition(message: string): PillarError {
  return new PillarError('invalid_transition', message);
}

function checkActor(actor: string): string {
  const who = actor.trim();
  if (who === '' || who.length > MAX_ACTOR) {
    throw new PillarError('input_invalid', 'An incident action needs the id of the person taking it.');
  }
  return who;
}

function checkAssignee(assignee: string | null): string | null {
  if (assignee === null) return null;
  const who = assignee.trim();
  if (who === '' || who.length > MAX_ACTOR) {
    throw new PillarError('input_invalid', 'Name the person to assign, or clear the assignee to unassign.');
  }
  return who;
}

function checkMute(input: { until: number; reason: string }, now: number): MuteInput {
  const parsed = MuteInput.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    if (field === 'reason') {
      const long = typeof input.reason === 'string' && input.reason.trim().length > MAX_MUTE_REASON;
      throw new PillarError(
        'input_invalid',
        long
          ? `Keep the mute reason under ${MAX_MUTE_REASON} characters.`
          : 'A mute needs a reason: say why the alerts can wait, e.g. "fix ships Monday".',
        { cause: parsed.error },
      );
    }
    throw new PillarError('input_invalid', `A mute needs an end: ${ACCEPTED_UNTIL}.`, {
      cause: parsed.error,
    });
  }
  if (parsed.data.until <= now) {
    throw new PillarError(
      'input_invalid',
      `The mute must end in the future: use ${ACCEPTED_UNTIL} after today.`,
    );
  }
  return parsed.data;
}

import { isPillarError } from '../errors.js';
import type { Incident } from '../incidents/types.js';
import { actionDone } from './blocks/commands.js';
import type { Permission } from './permissions.js';
import type { SlackServices } from './services.js';

export type TriageRequest =
  | { kind: 'ack' | 'resolve' | 'reopen' | 'unmute'; id: number }
  | { kind: 'mute'; id: number; until: number; reason: string }
  | { kind: 'assign'; id: number; assignee: string | null };

export type TriageOutcome =
  | { ok: true; incident: Incident; changed: boolean; message: string }
  | { ok: false; refused: boolean; message: string };

const PERMISSION: Record<TriageRequest['kind'], Permission | null> = {
  ack: null,
  resolve: 'resolve',
  reopen: 'resolve',
  mute: 'mute',
  unmute: 'mute',
  assign: 'assign',
};

function apply(services: SlackServices, user: string, req: TriageRequest) {
  const svc = services.incidents;
  switch (req.kind) {
    case 'ack':
      return svc.acknowledge(req.id, user);
    case 'resolve':
      return svc.resolve(req.id, user);
    case 'reopen':
      return svc.reopen(req.id, user);
    case 'unmute':
      return svc.unmute(req.id, user);
    case 'mute':
      return svc.mute(req.id, user, { until: req.until, reason: req.reason });
    case 'assign':
      return svc.assign(req.id, user, req.assignee);
  }
}

/**
 * One triage action by one person, from a button, a modal or `/wa`: checks the permission,
 * changes the incident (recorded with who and when), and edits its message at once.
 */
export async function triage(
  services: SlackServices,
  user: string,
  req: TriageRequest,
): Promise<TriageOutcome> {
  const permission = PERMISSION[req.kind];
  if (permission) {
    const incident = services.incidents.get(req.id);
    // Without a list in the settings, the people who may are the members of the alert's channel.
    const scope = {
      channel: incident ? services.delivery.channelOf(incident) : services.settings.slack.alertsChannel,
    };
    if (!(await services.permissions.allows(user, permission, scope)))
      return { ok: false, refused: true, message: services.permissions.refusal(permission, scope) };
  }
  try {
    const result = apply(services, user, req);
    if (result.changed) {
      await services.delivery.updateNow(req.id);
      services.home.changed();
    }
    let what = actionDone[req.kind];
    if (req.kind === 'assign') what = req.assignee ? `assigned to <@${req.assignee}>` : 'unassigned';
    return {
      ok: true,
      incident: result.incident,
      changed: result.changed,
      message: result.changed
        ? `Incident #${req.id} ${what}.`
        : `Incident #${req.id} was already ${what}; nothing changed.`,
    };
  } catch (e) {
    if (isPillarError(e)) return { ok: false, refused: false, message: e.message };
    services.logger.error({ err: e, user, req }, 'Triage failed');
    return {
      ok: false,
      refused: false,
      message: 'Something went wrong on Pillar’s side; the log has the details. Nothing was changed.',
    };
  }
}

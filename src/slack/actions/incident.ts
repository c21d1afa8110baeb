import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { parseDuration } from '../../incidents/service.js';
import { muteModal } from '../blocks/modals.js';
import { incidentIdFromBlockId } from '../ids.js';
import { withFastRetry } from '../retry.js';
import type { SlackServices } from '../services.js';
import { type TriageRequest, triage } from '../triage.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const IncidentId = z.coerce.number().int().positive().max(999_999_999);
const MuteChoice = z.string().regex(/^(\d{1,9}):(1h|24h|7d|custom)$/);

/**
 * Says one thing to the person who clicked. A click on a message answers through its
 * `response_url`; a click in the App Home carries none, so the answer goes to the app's DM
 * with them.
 */
export async function tellClicker(args: Args, services: SlackServices, text: string): Promise<void> {
  const fromHome = args.body.view?.type === 'home' || !args.body.response_url;
  try {
    if (!fromHome) {
      await withFastRetry(() => args.respond({ response_type: 'ephemeral', replace_original: false, text }));
      return;
    }
    await withFastRetry(() => args.client.chat.postMessage({ channel: args.body.user.id, text }));
  } catch (err) {
    services.logger.warn({ err, user: args.body.user.id }, 'Could not answer a click');
  }
}

function invalidPayload(args: Args, services: SlackServices, what: string): Promise<unknown> {
  args.logger.warn({ action: args.action }, `Ignored a ${what} click with an unexpected payload`);
  return tellClicker(args, services, 'That button is out of date; use `/wa incidents` to find the incident.');
}

/**
 * After an action: tell the clicker when something went wrong or nothing changed (from the App
 * Home, always, since the tab shows no thread), and refresh their Home tab.
 */
async function answer(args: Args, services: SlackServices, user: string, req: TriageRequest): Promise<void> {
  const out = await triage(services, user, req);
  const fromHome = args.body.view?.type === 'home';
  if (!out.ok || !out.changed || fromHome) await tellClicker(args, services, out.message);
  if (fromHome) await services.home.publish(user).catch(() => undefined);
}

/** Acknowledge, Resolve, Reopen and Unmute buttons: the value is the incident id. */
export function buttonAction(services: SlackServices, kind: 'ack' | 'resolve' | 'reopen' | 'unmute') {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const action = args.action;
    const id = IncidentId.safeParse(action.type === 'button' ? action.value : undefined);
    if (!id.success) return void (await invalidPayload(args, services, kind));
    await answer(args, services, args.body.user.id, { kind, id: id.data });
  };
}

/** The Mute select: 1 h, 24 h and 7 d mute at once; "Until a date…" opens the modal. */
export function muteAction(services: SlackServices) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const action = args.action;
    const choice = MuteChoice.safeParse(
      action.type === 'static_select' ? action.selected_option?.value : undefined,
    );
    if (!choice.success) return void (await invalidPayload(args, services, 'mute'));
    const [idText, duration] = choice.data.split(':') as [string, string];
    const id = Number(idText);
    const user = args.body.user.id;
    if (duration === 'custom') {
      const incident = services.incidents.get(id);
      if (!incident) return void (await invalidPayload(args, services, 'mute'));
      // The modal opens first: a permission lookup (user groups, channel members) could use up
      // the trigger's 3 seconds. The submission checks the permission, as every mute does.
      const privateMetadata = JSON.stringify({ incidentId: id });
      await withFastRetry(() =>
        args.client.views.open({
          trigger_id: args.body.trigger_id,
          view: muteModal({
            incident,
            privateMetadata,
            now: services.clock.now(),
            timeZone: services.settings.schedules.timezone,
          }),
        }),
      );
      return;
    }
    const ms = parseDuration(duration)!;
    const label = { '1h': '1 hour', '24h': '24 hours', '7d': '7 days' }[duration] ?? duration;
    await answer(args, services, user, {
      kind: 'mute',
      id,
      until: services.clock.now() + ms,
      reason: `Snoozed for ${label} from Slack`,
    });
  };
}

/** The Assign user picker: the incident id is in the block id. */
export function assignAction(services: SlackServices) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const action = args.action;
    if (action.type !== 'users_select') return void (await invalidPayload(args, services, 'assign'));
    const id = incidentIdFromBlockId(action.block_id);
    if (id === undefined) return void (await invalidPayload(args, services, 'assign'));
    await answer(args, services, args.body.user.id, {
      kind: 'assign',
      id,
      assignee: action.selected_user ?? null,
    });
  };
}

/** Link buttons still send an action; it only needs an ack. */
export async function ackOnly({ ack }: Args): Promise<void> {
  await ack();
}

/** App Home: Refresh, and Acknowledge next to an open incident. */
export function homeRefresh(services: SlackServices) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    await services.home.publish(args.body.user.id);
  };
}

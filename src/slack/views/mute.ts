import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { parseDuration } from '../../incidents/service.js';
import { muteModal as ids } from '../ids.js';
import type { SlackServices } from '../services.js';
import { triage } from '../triage.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

const Metadata = z.object({ incidentId: z.number().int().positive() });

/** The mute modal's submission: errors go back into the modal next to the field. */
export function muteSubmission(services: SlackServices) {
  return async ({ ack, view, body, logger, client }: Args): Promise<void> => {
    let meta: z.infer<typeof Metadata>;
    try {
      meta = Metadata.parse(JSON.parse(view.private_metadata));
    } catch {
      await ack({
        response_action: 'errors',
        errors: { [ids.reasonBlock]: 'This form is out of date; close it and use Mute again.' },
      });
      return;
    }
    const values = view.state.values;
    const reason = values[ids.reasonBlock]?.[ids.reasonAction]?.value?.trim() ?? '';
    const duration = values[ids.durationBlock]?.[ids.durationAction]?.selected_option?.value ?? 'date';
    const date = values[ids.untilBlock]?.[ids.untilAction]?.selected_date ?? null;
    const now = services.clock.now();
    const errors: Record<string, string> = {};
    if (!reason) errors[ids.reasonBlock] = 'Say why, so the team knows.';
    if (reason.length > 500) errors[ids.reasonBlock] = 'Keep the reason under 500 characters.';
    let until: number | undefined;
    if (duration === 'date' || duration === 'custom') {
      if (!date) errors[ids.untilBlock] = 'Pick the date the mute ends.';
      else {
        until = Date.parse(`${date}T00:00:00Z`);
        if (!(until > now)) errors[ids.untilBlock] = 'Pick a date in the future.';
      }
    } else {
      const ms = parseDuration(duration);
      if (ms === null) errors[ids.durationBlock] = 'Pick a duration.';
      else until = now + ms;
    }
    if (Object.keys(errors).length > 0 || until === undefined) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const out = await triage(services, body.user.id, { kind: 'mute', id: meta.incidentId, until, reason });
    if (!out.ok || !out.changed) {
      // The modal is closed; tell the person in a direct message from the app.
      await client.chat.postMessage({ channel: body.user.id, text: out.message }).catch((err: unknown) => {
        logger.warn({ err }, 'Could not tell the user about a refused mute');
      });
    }
  };
}

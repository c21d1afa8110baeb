import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { MAX_SUPPRESS_DAYS, MAX_SUPPRESS_REASON } from '../blocks/checks.js';
import { suppressModal as ids } from '../ids.js';
import { checksScope } from '../permissions.js';
import type { SlackServices } from '../services.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

const Metadata = z.object({ findingId: z.number().int().positive() });
const Submission = z.object({
  scope: z.enum(['resource', 'all']),
  reason: z
    .string()
    .trim()
    .min(1, 'Say why, so the team knows.')
    .max(MAX_SUPPRESS_REASON, 'Keep the reason under 500 characters.'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick the date the suppression ends.'),
});

const DAY = 86_400_000;

/** The suppress modal's submission: errors go back into the modal next to the field. */
export function suppressSubmission(services: SlackServices) {
  return async ({ ack, view, body, logger, client }: Args): Promise<void> => {
    const meta = Metadata.safeParse(safeJson(view.private_metadata));
    const finding = meta.success ? services.findings.get(meta.data.findingId) : undefined;
    if (!finding) {
      await ack({
        response_action: 'errors',
        errors: { [ids.reasonBlock]: 'This form is out of date; close it and use Suppress again.' },
      });
      return;
    }
    const values = view.state.values;
    const raw = {
      scope: values[ids.scopeBlock]?.[ids.scopeAction]?.selected_option?.value ?? 'resource',
      reason: values[ids.reasonBlock]?.[ids.reasonAction]?.value ?? '',
      date: values[ids.untilBlock]?.[ids.untilAction]?.selected_date ?? '',
    };
    const parsed = Submission.safeParse(raw);
    const errors: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const block =
          issue.path[0] === 'reason'
            ? ids.reasonBlock
            : issue.path[0] === 'date'
              ? ids.untilBlock
              : ids.scopeBlock;
        errors[block] ??= issue.path[0] === 'scope' ? 'Pick what to suppress.' : issue.message;
      }
      await ack({ response_action: 'errors', errors });
      return;
    }
    const now = services.clock.now();
    const expiresAt = Date.parse(`${parsed.data.date}T00:00:00Z`);
    if (!(expiresAt > now)) errors[ids.untilBlock] = 'Pick a date in the future.';
    else if (expiresAt > now + MAX_SUPPRESS_DAYS * DAY) errors[ids.untilBlock] = 'Pick a date within a year.';
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const user = body.user.id;
    if (!(await services.permissions.allows(user, 'mute', checksScope(services.settings)))) {
      await client.chat
        .postMessage({
          channel: user,
          text: services.permissions.refusal('mute', checksScope(services.settings)),
        })
        .catch((err: unknown) => logger.warn({ err }, 'Could not tell the user about a refused suppression'));
      return;
    }
    const s = services.findings.suppress({
      checkId: finding.checkId,
      resource: parsed.data.scope === 'all' ? '*' : finding.resourceId,
      reason: parsed.data.reason.trim(),
      expiresAt,
      user,
    });
    logger.info({ suppression: s.id, check: s.checkId, resource: s.resource, user }, 'Finding suppressed');
    services.home.changed();
  };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

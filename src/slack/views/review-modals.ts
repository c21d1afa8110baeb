import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { ReviewService } from '../../review/api.js';
import { type NotApplicableReason, notApplicableReasons, type Review } from '../../review/types.js';
import { afterChange, failureText, REVIEWS_OFF, tell } from '../actions/review-buttons.js';
import { MAX_REVIEW_NOTES } from '../blocks/review-messages.js';
import { reviewModal as ids } from '../ids.js';
import { reviewScope } from '../permissions.js';
import type { SlackServices } from '../services.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

const Metadata = z.object({
  r: z.number().int().positive(),
  l: z.string().min(1).max(2048),
  q: z.string().min(1).max(128),
  p: z.string().min(1).max(64).optional(),
  v: z.string().min(1).max(64).optional(),
});
type Metadata = z.infer<typeof Metadata>;

function metadata(raw: string): Metadata | undefined {
  try {
    const r = Metadata.safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What both submissions share: the form closes (only the pushed form: the pillar modal stays),
 * then the service runs and the pillar modal, by its id, and the channel message are updated.
 * Refusals and the service's errors reach the person as an ephemeral message.
 */
async function submit(
  args: Args,
  services: SlackServices,
  meta: Metadata,
  change: (reviews: ReviewService, user: string) => Promise<Review>,
  what: string,
): Promise<void> {
  const { client, body, logger } = args;
  const user = body.user.id;
  const channel = services.reviews?.get(meta.r)?.slack?.channel;
  const target = { user, channel, logger };
  const reviews = services.reviews;
  if (!reviews) return void (await tell(client, target, REVIEWS_OFF));
  const scope = reviewScope(services.settings);
  if (!(await services.permissions.allows(user, 'review', scope)))
    return void (await tell(client, target, services.permissions.refusal('review', scope)));
  let review: Review;
  try {
    review = await change(reviews, user);
  } catch (err) {
    await tell(client, target, failureText(err, logger, what));
    return;
  }
  const pillar =
    meta.p ?? review.questions.find((q) => q.lens === meta.l && q.questionId === meta.q)?.pillarId;
  await afterChange(client, logger, review, meta.v, pillar);
}

const OUT_OF_DATE = 'This form is out of date; close it and open the pillar again.';

/** "Change answer…": the complete selection; "None of these" alone or not at all. */
export function selectionSubmission(services: SlackServices) {
  return async (args: Args): Promise<void> => {
    const { ack, view } = args;
    const meta = metadata(view.private_metadata);
    const values = view.state.values;
    const blockIds = Object.keys(values).filter((b) => b.startsWith(ids.choicesBlockPrefix));
    const firstBlock = blockIds.sort()[0] ?? ids.choicesBlock(0);
    const question = meta
      ? services.reviews?.get(meta.r)?.questions.find((q) => q.lens === meta.l && q.questionId === meta.q)
      : undefined;
    if (!meta || !question) {
      await ack({ response_action: 'errors', errors: { [firstBlock]: OUT_OF_DATE } });
      return;
    }
    const chosen = blockIds.flatMap(
      (b) => values[b]?.[ids.choicesAction]?.selected_options?.map((o) => o.value) ?? [],
    );
    const known = new Set(question.choices.map((c) => c.id));
    const selection = [...new Set(chosen)].filter((c) => known.has(c));
    const none = question.choices.filter((c) => c.none).map((c) => c.id);
    if (selection.length === 0) {
      await ack({
        response_action: 'errors',
        errors: { [firstBlock]: 'Tick at least one choice, or "None of these".' },
      });
      return;
    }
    if (selection.some((c) => none.includes(c)) && selection.some((c) => !none.includes(c))) {
      const where =
        blockIds.find((b) =>
          values[b]?.[ids.choicesAction]?.selected_options?.some((o) => none.includes(o.value)),
        ) ?? firstBlock;
      await ack({
        response_action: 'errors',
        errors: { [where]: '"None of these" cannot go with other choices; untick one or the other.' },
      });
      return;
    }
    await ack();
    await submit(
      args,
      services,
      meta,
      (reviews, user) => reviews.setSelection(meta.r, meta.l, meta.q, selection, user),
      'selection',
    );
  };
}

/** "Not applicable…": a reason from the Tool's list and optional notes. */
export function notApplicableSubmission(services: SlackServices) {
  return async (args: Args): Promise<void> => {
    const { ack, view } = args;
    const meta = metadata(view.private_metadata);
    if (!meta) {
      await ack({ response_action: 'errors', errors: { [ids.reasonBlock]: OUT_OF_DATE } });
      return;
    }
    const values = view.state.values;
    const reason = values[ids.reasonBlock]?.[ids.reasonAction]?.selected_option?.value;
    const notes = values[ids.notesBlock]?.[ids.notesAction]?.value?.trim() ?? '';
    const errors: Record<string, string> = {};
    if (!reason || !(notApplicableReasons as readonly string[]).includes(reason))
      errors[ids.reasonBlock] = 'Pick why the question does not apply.';
    if (notes.length > MAX_REVIEW_NOTES)
      errors[ids.notesBlock] = `Keep the notes under ${MAX_REVIEW_NOTES} characters.`;
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await submit(
      args,
      services,
      meta,
      (reviews, user) =>
        reviews.markNotApplicable(
          meta.r,
          meta.l,
          meta.q,
          reason as NotApplicableReason,
          notes === '' ? undefined : notes,
          user,
        ),
      'not applicable',
    );
  };
}

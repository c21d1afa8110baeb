import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { isPillarError } from '../../errors.js';
import type { ReviewService } from '../../review/api.js';
import { type Pillar, pillars } from '../../vocabulary.js';
import {
  reviewNotApplicableModal,
  reviewPillarModal,
  reviewSelectionModal,
} from '../blocks/review-messages.js';
import { actions, reviewPillarActions } from '../ids.js';
import { reviewScope } from '../permissions.js';
import { postSummary, type ReviewLog, refreshReview } from '../review-posts.js';
import type { SlackServices } from '../services.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const ReviewId = z.coerce.number().int().positive().max(999_999_999);
const QuestionRef = z.object({
  r: z.number().int().positive(),
  l: z.string().min(1).max(2048),
  q: z.string().min(1).max(128),
});
const PillarMeta = z.object({ r: z.number().int().positive(), p: z.string().min(1).max(64) });

export const REVIEWS_OFF =
  'Well-Architected reviews are not set up in this Pillar; add workloads under review.workloads in the settings.';
const OUT_OF_DATE = 'That button is out of date; use `/wa review status` for the current review.';
const FAILED = 'Pillar could not do that; the log has the details.';

/**
 * Says something only the clicker sees. From a message: through response_url. From a modal
 * (no response_url): an ephemeral message in the review's channel, else a direct message.
 */
export async function tell(
  client: WebClient,
  args: { respond?: Args['respond']; user: string; channel?: string | undefined; logger: ReviewLog },
  text: string,
): Promise<void> {
  try {
    if (args.respond) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text });
      return;
    }
    if (args.channel) {
      await client.chat.postEphemeral({ channel: args.channel, user: args.user, text });
      return;
    }
    await client.chat.postMessage({ channel: args.user, text });
  } catch (err) {
    args.logger.warn({ err }, 'Could not tell the user about a review action');
  }
}

/** A PillarError's sentence goes to the person; anything else is logged and a generic sentence shown. */
export function failureText(err: unknown, logger: ReviewLog, what: string): string {
  if (isPillarError(err)) {
    logger.warn({ err, code: err.code }, `Review ${what} refused`);
    return err.message;
  }
  logger.error({ err }, `Review ${what} failed`);
  return FAILED;
}

function fromView(args: Args): boolean {
  return args.body.container?.type === 'view' || args.body.view !== undefined;
}

function replyTarget(args: Args, channel?: string) {
  const inModal = fromView(args);
  return {
    ...(inModal ? {} : { respond: args.respond }),
    user: args.body.user.id,
    channel: channel ?? args.body.channel?.id,
    logger: args.logger,
  };
}

function buttonValue(args: Args): string | undefined {
  return args.action.type === 'button' ? args.action.value : undefined;
}

function questionRef(args: Args): z.infer<typeof QuestionRef> | undefined {
  try {
    const r = QuestionRef.safeParse(JSON.parse(buttonValue(args) ?? ''));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

function pillarOfView(args: Args): string | undefined {
  try {
    const r = PillarMeta.safeParse(JSON.parse(args.body.view?.private_metadata ?? ''));
    return r.success ? r.data.p : undefined;
  } catch {
    return undefined;
  }
}

async function guard(
  args: Args,
  services: SlackServices,
  channel?: string,
): Promise<ReviewService | undefined> {
  const reviews = services.reviews;
  if (!reviews) {
    await tell(args.client, replyTarget(args, channel), REVIEWS_OFF);
    return undefined;
  }
  const scope = reviewScope(services.settings);
  if (!(await services.permissions.allows(args.body.user.id, 'review', scope))) {
    await tell(args.client, replyTarget(args, channel), services.permissions.refusal('review', scope));
    return undefined;
  }
  return reviews;
}

/** A pillar button on the review message: opens that pillar's questions. Anyone may look. */
export function pillarAction(services: SlackServices, pillar: Pillar) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const id = ReviewId.safeParse(buttonValue(args));
    const reviews = services.reviews;
    if (!reviews) return void (await tell(args.client, replyTarget(args), REVIEWS_OFF));
    const review = id.success ? reviews.get(id.data) : undefined;
    if (!review) return void (await tell(args.client, replyTarget(args), OUT_OF_DATE));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: reviewPillarModal(review, pillar),
    });
  };
}

/** "Apply proposal" in the pillar modal: sends the proposal, then refreshes the modal and the message. */
export function applyAction(services: SlackServices) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const ref = questionRef(args);
    const current = ref ? services.reviews?.get(ref.r) : undefined;
    const channel = current?.slack?.channel;
    const reviews = await guard(args, services, channel);
    if (!reviews) return;
    if (!ref || !current) return void (await tell(args.client, replyTarget(args, channel), OUT_OF_DATE));
    let review: Awaited<ReturnType<ReviewService['applyProposal']>>;
    try {
      review = await reviews.applyProposal(ref.r, ref.l, ref.q, args.body.user.id);
    } catch (err) {
      await tell(args.client, replyTarget(args, channel), failureText(err, args.logger, 'apply'));
      return;
    }
    await afterChange(args.client, args.logger, review, args.body.view?.id, pillarOfView(args));
  };
}

/** After a change: the pillar modal (when still open) and the channel message show it. */
export async function afterChange(
  client: WebClient,
  logger: ReviewLog,
  review: NonNullable<ReturnType<ReviewService['get']>>,
  viewId: string | undefined,
  pillar: string | undefined,
): Promise<void> {
  if (viewId && pillar) {
    await client.views
      .update({ view_id: viewId, view: reviewPillarModal(review, pillar) })
      .catch((err: unknown) => logger.warn({ err, review: review.id }, 'Could not update the pillar modal'));
  }
  await refreshReview(client, review).catch((err: unknown) =>
    logger.warn({ err, review: review.id }, 'Could not update the review message'),
  );
}

/** "Change answer…" and "Not applicable…": push the form over the pillar modal. */
export function formAction(services: SlackServices, form: 'selection' | 'not_applicable') {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const ref = questionRef(args);
    const review = ref ? services.reviews?.get(ref.r) : undefined;
    const channel = review?.slack?.channel;
    const reviews = await guard(args, services, channel);
    if (!reviews) return;
    const q = review?.questions.find((x) => x.lens === ref?.l && x.questionId === ref?.q);
    if (!ref || !review || !q || review.status !== 'open')
      return void (await tell(args.client, replyTarget(args, channel), OUT_OF_DATE));
    const build = form === 'selection' ? reviewSelectionModal : reviewNotApplicableModal;
    const view = build(review, ref.l, ref.q, args.body.view?.id);
    if (fromView(args)) await args.client.views.push({ trigger_id: args.body.trigger_id, view });
    else await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  };
}

/** "Finish": the milestone, the message without buttons, the summary and the report in the thread. */
export function finishAction(services: SlackServices) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const reviews = await guard(args, services);
    if (!reviews) return;
    const id = ReviewId.safeParse(buttonValue(args));
    const review = id.success ? reviews.get(id.data) : undefined;
    if (!review) return void (await tell(args.client, replyTarget(args), OUT_OF_DATE));
    if (review.status === 'finished') {
      await tell(args.client, replyTarget(args), 'This review is already finished.');
      return;
    }
    await finishReview(args.client, reviews, review.id, args.body.user.id, args.logger, (text) =>
      tell(args.client, replyTarget(args), text),
    );
  };
}

/** Shared by the Finish button and `/wa review finish`. Returns true when the milestone was made. */
export async function finishReview(
  client: WebClient,
  reviews: ReviewService,
  id: number,
  user: string,
  logger: ReviewLog,
  say: (text: string) => Promise<void>,
  fallbackChannel?: string,
): Promise<boolean> {
  let summary: Awaited<ReturnType<ReviewService['finish']>>;
  try {
    summary = await reviews.finish(id, user);
  } catch (err) {
    await say(failureText(err, logger, 'finish'));
    return false;
  }
  await refreshReview(client, summary.review).catch((err: unknown) =>
    logger.warn({ err, review: id }, 'Could not update the review message'),
  );
  try {
    await postSummary(client, summary, { logger, ...(fallbackChannel ? { channel: fallbackChannel } : {}) });
  } catch (err) {
    logger.error({ err, review: id }, 'Could not post the review summary');
    await say('The milestone is recorded, but the summary could not be posted; the log has the details.');
  }
  return true;
}

export function register(app: App, services: SlackServices): void {
  for (const p of pillars) app.action<BlockAction>(reviewPillarActions[p], pillarAction(services, p));
  app.action<BlockAction>(actions.reviewApply, applyAction(services));
  app.action<BlockAction>(actions.reviewChange, formAction(services, 'selection'));
  app.action<BlockAction>(actions.reviewNotApplicable, formAction(services, 'not_applicable'));
  app.action<BlockAction>(actions.reviewFinish, finishAction(services));
}

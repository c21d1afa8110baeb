import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { failureText, finishReview, REVIEWS_OFF } from '../actions/review-buttons.js';
import { reviewStatusText } from '../blocks/review-messages.js';
import { escapeMrkdwn, inlineCode, untrusted } from '../blocks/text.js';
import { reviewScope } from '../permissions.js';
import { messageLink, postReview, type ReviewLog } from '../review-posts.js';
import type { SlackServices } from '../services.js';
import type { ReviewAction } from './parse.js';

export interface ReviewCommandContext {
  user: string;
  /** Where the command was typed: the reviews channel when the settings name none. */
  channel: string;
  client: WebClient;
  respond: RespondFn;
  logger: ReviewLog;
}

function list(names: string[]): string {
  return names.map((n) => inlineCode(n, 102)).join(', ');
}

/**
 * The workload a command means: the one named (any case), the only one configured, or a
 * sentence that names the configured ones.
 */
export function pickWorkload(
  names: string[],
  wanted: string | undefined,
): { name: string } | { problem: string } {
  if (names.length === 0) return { problem: REVIEWS_OFF };
  if (wanted === undefined) {
    if (names.length === 1) return { name: names[0]! };
    return { problem: `Which workload? Pillar reviews ${list(names)}; use \`/wa review <workload>\`.` };
  }
  const found = names.find((n) => n.toLowerCase() === wanted.toLowerCase());
  if (found) return { name: found };
  return {
    problem: `There is no workload named "${untrusted(wanted, 100, { oneLine: true })}"; the configured ${names.length === 1 ? 'one is' : 'ones are'} ${list(names)}.`,
  };
}

/** `/wa review [workload] [start|status|finish]`. */
export async function reviewCommand(
  services: SlackServices,
  cmd: { action: ReviewAction; workload?: string },
  ctx: ReviewCommandContext,
): Promise<void> {
  const say = (text: string) => ctx.respond({ response_type: 'ephemeral', text }).then(() => undefined);
  const reviews = services.reviews;
  if (!reviews) return say(REVIEWS_OFF);
  const picked = pickWorkload(reviews.workloadNames(), cmd.workload);
  if ('problem' in picked) return say(picked.problem);
  const name = picked.name;
  const shown = escapeMrkdwn(name);

  if (cmd.action === 'status') {
    const review = reviews.latest(name);
    if (!review)
      return say(`No review of *${shown}* yet; ${inlineCode(`/wa review ${name}`, 120)} starts one.`);
    const url = review.slack ? messageLink(review.slack.channel, review.slack.ts) : undefined;
    return say(reviewStatusText(review, url));
  }

  const scope = reviewScope(services.settings);
  if (!(await services.permissions.allows(ctx.user, 'review', scope)))
    return say(services.permissions.refusal('review', scope));

  if (cmd.action === 'finish') {
    const review = reviews.latest(name);
    if (review?.status !== 'open') return say(`There is no open review of *${shown}* to finish.`);
    const done = await finishReview(ctx.client, reviews, review.id, ctx.user, ctx.logger, say, ctx.channel);
    if (done) {
      const after = reviews.get(review.id) ?? review;
      const where = after.slack
        ? ` <${messageLink(after.slack.channel, after.slack.ts)}|The summary is in the thread.>`
        : '';
      await say(
        `✅ The review of *${shown}* is finished${after.milestone ? `: milestone #${after.milestone.number}` : ''}.${where}`,
      );
    }
    return;
  }

  await say(`Starting the review of *${shown}*: reading the answers and running the checks…`);
  let started: Awaited<ReturnType<typeof reviews.start>>;
  try {
    started = await reviews.start(name, { trigger: 'command', by: ctx.user });
  } catch (err) {
    return say(failureText(err, ctx.logger, 'start'));
  }
  const channel = services.settings.slack.reviewsChannel ?? ctx.channel;
  let where: { channel: string; ts: string };
  try {
    where = await postReview(ctx.client, reviews, started.review, channel);
  } catch (err) {
    ctx.logger.error({ err, review: started.review.id, channel }, 'Could not post the review');
    return say(
      `The review is ${started.created ? 'started' : 'open'}, but Pillar could not post it in <#${channel}>; invite Pillar to the channel and run \`/wa review\` again.`,
    );
  }
  const link = `<${messageLink(where.channel, where.ts)}|the review>`;
  return say(
    started.created
      ? `Started ${link} of *${shown}* (${escapeMrkdwn(started.review.runKey)}) in <#${where.channel}>.`
      : `The ${escapeMrkdwn(started.review.runKey)} review of *${shown}* is already open: ${link} in <#${where.channel}>.`,
  );
}

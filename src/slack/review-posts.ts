import type { WebClient } from '@slack/web-api';
import type { ReviewService } from '../review/api.js';
import type { Review, ReviewSummary } from '../review/types.js';
import { reviewMessage, reviewReminderText, reviewSummaryMessage } from './blocks/review-messages.js';
import { withFastRetry } from './retry.js';

/** The logging a review surface needs: Bolt's logger and pino's both fit. */
export interface ReviewLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Posting the review in Slack: the kickoff/progress message, the summary and report in its
 * thread, and the reminders. Handlers, the scheduler and the CLI call these.
 */

/** Posts the review's message, or edits it when the review already has one; remembers where it is. */
export async function postReview(
  client: WebClient,
  service: Pick<ReviewService, 'attachSlack'>,
  review: Review,
  channel: string,
): Promise<{ channel: string; ts: string }> {
  const message = reviewMessage(review);
  if (review.slack) {
    await client.chat.update({
      channel: review.slack.channel,
      ts: review.slack.ts,
      text: message.text,
      blocks: message.blocks,
    });
    return { channel: review.slack.channel, ts: review.slack.ts };
  }
  const res = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  const ts = String(res.ts);
  const where = String(res.channel ?? channel);
  service.attachSlack(review.id, where, ts);
  return { channel: where, ts };
}

/** Edits the review's message after a change; a review never posted is left alone. */
export async function refreshReview(client: WebClient, review: Review): Promise<void> {
  if (!review.slack) return;
  const message = reviewMessage(review);
  await client.chat.update({
    channel: review.slack.channel,
    ts: review.slack.ts,
    text: message.text,
    blocks: message.blocks,
  });
}

/**
 * The summary in the review's thread, then the lens review report (PDF) in the same thread.
 * `channel` is used only when the review has no message yet (then the summary is top level).
 */
export async function postSummary(
  client: WebClient,
  summary: ReviewSummary,
  options: { channel?: string; logger?: ReviewLog } = {},
): Promise<{ channel: string; ts: string } | undefined> {
  const where = summary.review.slack;
  const channel = where?.channel ?? options.channel;
  if (!channel) {
    options.logger?.warn(
      { review: summary.review.id },
      'The review has no Slack message and no channel was given',
    );
    return undefined;
  }
  const message = reviewSummaryMessage(summary);
  const res = await client.chat.postMessage({
    channel,
    ...(where ? { thread_ts: where.ts } : {}),
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  const threadTs = where?.ts ?? String(res.ts);
  const report = summary.report;
  if (report) {
    try {
      await withFastRetry(() =>
        client.files.uploadV2({
          channel_id: channel,
          thread_ts: threadTs,
          file: report.pdf,
          filename: report.filename,
          title: `Well-Architected report: ${summary.review.workload.name} (${summary.milestone.name})`.slice(
            0,
            250,
          ),
        }),
      );
    } catch (err) {
      // The summary is out; a missing report is said in the log and in the thread.
      options.logger?.warn({ err, review: summary.review.id }, 'Could not upload the review report');
      await client.chat
        .postMessage({
          channel,
          thread_ts: threadTs,
          text: 'The lens review report could not be uploaded here; download it from the Well-Architected Tool.',
        })
        .catch(() => undefined);
    }
  }
  return { channel, ts: String(res.ts) };
}

/**
 * A reminder in the thread of each open review whose last reminder (or start) is older than
 * `everyMs`; returns how many were posted. One failing channel does not stop the others.
 */
export async function remindOpenReviews(
  client: WebClient,
  service: Pick<ReviewService, 'openReviews' | 'markReminded'>,
  now: number,
  everyMs: number,
  logger?: ReviewLog,
): Promise<number> {
  let sent = 0;
  for (const review of service.openReviews()) {
    if (review.status !== 'open' || !review.slack) continue;
    const last = review.slack.lastReminderAt ?? review.startedAt;
    if (now - last < everyMs) continue;
    try {
      await client.chat.postMessage({
        channel: review.slack.channel,
        thread_ts: review.slack.ts,
        text: reviewReminderText(review),
        unfurl_links: false,
        unfurl_media: false,
      });
      service.markReminded(review.id, now);
      sent++;
    } catch (err) {
      logger?.warn({ err, review: review.id }, 'Could not post a review reminder');
    }
  }
  return sent;
}

/** A link to a message that opens it in any workspace the reader is in. */
export function messageLink(channel: string, ts: string): string {
  return `https://slack.com/archives/${channel}/p${ts.replace('.', '')}`;
}

import { DATE_TIME, formatDuration, slackDate } from './format.js';
import { context, message, packLines, type SlackMessage, section } from './kit.js';
import { untrusted } from './text.js';

const MAX_PROBLEMS = 10;

export interface RecoveryInput {
  /** When the degraded spell started and ended (epoch ms). */
  from: number;
  to: number;
  /** What was wrong, one sentence each (HealthMonitor's problems, without their detail). */
  problems: string[];
  timeZone: string;
}

/**
 * The one short note Pillar posts when it works again after a degraded spell: for how long,
 * what was wrong, and what happens to what it missed.
 */
export function recoveryNote(v: RecoveryInput): SlackMessage {
  const lasted = formatDuration(Math.max(0, v.to - v.from));
  const from = slackDate(v.from, DATE_TIME, v.timeZone);
  const to = slackDate(v.to, DATE_TIME, v.timeZone);
  const lines = v.problems.slice(0, MAX_PROBLEMS).map((p) => `• ${untrusted(p, 300, { oneLine: true })}`);
  const missed: string[] = [];
  if (v.problems.some((p) => /Slack|Socket/.test(p)))
    missed.push('Alerts that queued meanwhile are being posted now, oldest first, each once.');
  if (v.problems.some((p) => /Ingestion/.test(p)))
    missed.push('Logs from that time are read again from where each log group stopped.');
  if (v.problems.some((p) => /database/i.test(p)))
    missed.push('Cycles that failed to store their events are read again from their cursors.');
  return message(`Pillar is working again after ${lasted} degraded`, [
    section(`✅ *Pillar is working again* after ${lasted} degraded (${from} – ${to}).`),
    ...packLines(['*What was wrong*', ...lines], 3).blocks,
    ...(missed.length > 0 ? [context(missed.join(' '))] : []),
  ]);
}

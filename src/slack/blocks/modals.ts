import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Incident } from '../../incidents/types.js';
import { MAX_MUTE_REASON } from '../../incidents/types.js';
import { muteModal as ids, views } from '../ids.js';
import { DATE_TIME, failureKindLabel, formatDay, slackDate, userRef } from './format.js';
import { incidentTitle, stateLine } from './incident.js';
import { context, section } from './kit.js';
import { escapeMrkdwn, plain, untrusted } from './text.js';

const DAY = 86_400_000;

/** The modal's duration choices; `date` means "until the date below" (the submit handler reads these). */
export const muteDurations: [value: string, label: string][] = [
  ['1h', '1 hour'],
  ['24h', '24 hours'],
  ['7d', '7 days'],
  ['date', 'Until the date below'],
];

export interface MuteModalInput {
  incident: Incident;
  /** Carried through to the submission as-is (the incident id and where the alert is). */
  privateMetadata: string;
  now: number;
  timeZone: string;
}

/**
 * The mute form: how long (a duration or a date) and a required reason, so whoever sees the
 * muted alert knows why it can wait. Opened from "Until a date…", so the date is preselected.
 */
export function muteModal(v: MuteModalInput): ModalView {
  const { incident: i, now, timeZone } = v;
  const options: PlainTextOption[] = muteDurations.map(([value, label]) => ({
    text: { type: 'plain_text', text: label },
    value,
  }));
  const dateOption = options[options.length - 1]!;
  // The submission reads the date as 00:00 UTC: the next UTC day is the earliest that is in the future.
  const tomorrow = formatDay(now + DAY, 'UTC');
  const current = i.state === 'muted' ? [context(`Now: ${stateLine(i, now, timeZone)}`)] : [];
  const blocks: KnownBlock[] = [
    section(
      `*#${i.id}* ${incidentTitle(i)}\n${untrusted(i.lastMessage ?? i.messageTemplate, 300, { oneLine: true })}`,
    ),
    ...current,
    {
      type: 'input',
      block_id: ids.durationBlock,
      label: { type: 'plain_text', text: 'Mute for' },
      element: {
        type: 'static_select',
        action_id: ids.durationAction,
        options,
        initial_option: dateOption,
      },
    },
    {
      type: 'input',
      block_id: ids.untilBlock,
      optional: true,
      label: { type: 'plain_text', text: 'Until' },
      hint: {
        type: 'plain_text',
        text: 'Used with "Until the date below". The mute ends at 00:00 UTC on that day.',
      },
      element: {
        type: 'datepicker',
        action_id: ids.untilAction,
        initial_date: tomorrow,
        placeholder: { type: 'plain_text', text: 'Pick a day' },
      },
    },
    {
      type: 'input',
      block_id: ids.reasonBlock,
      label: { type: 'plain_text', text: 'Reason' },
      hint: { type: 'plain_text', text: 'Shown on the alert while it is muted, e.g. "fix ships Monday".' },
      element: {
        type: 'plain_text_input',
        action_id: ids.reasonAction,
        multiline: true,
        min_length: 1,
        max_length: MAX_MUTE_REASON,
        ...(i.state === 'muted' && i.muteReason
          ? { initial_value: plain(i.muteReason, MAX_MUTE_REASON) }
          : {}),
        placeholder: { type: 'plain_text', text: 'Why can this wait?' },
      },
    },
    context(
      `Occurrences are still counted while muted; when the mute ends the incident is open again. Last seen ${slackDate(i.lastSeenAt, DATE_TIME, timeZone)}${
        i.assignee ? ` · assigned to ${userRef(i.assignee)}` : ''
      } · ${escapeMrkdwn(failureKindLabel(i.failureKind))}`,
    ),
  ];
  return {
    type: 'modal',
    callback_id: views.mute,
    private_metadata: v.privateMetadata,
    title: { type: 'plain_text', text: `Mute #${i.id}`.slice(0, 24) },
    submit: { type: 'plain_text', text: 'Mute' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

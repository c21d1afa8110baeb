import type { App, ViewSubmitAction } from '@slack/bolt';
import { views } from '../ids.js';
import type { SlackServices } from '../services.js';
import { muteSubmission } from './mute.js';
import { notApplicableSubmission, selectionSubmission } from './review-modals.js';
import { suppressSubmission } from './suppress.js';

export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(views.mute, muteSubmission(services));
  app.view<ViewSubmitAction>(views.suppress, suppressSubmission(services));
  app.view<ViewSubmitAction>(views.reviewSelection, selectionSubmission(services));
  app.view<ViewSubmitAction>(views.reviewNotApplicable, notApplicableSubmission(services));
}

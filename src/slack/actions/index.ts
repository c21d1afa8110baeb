import type { App, BlockAction } from '@slack/bolt';
import { actions } from '../ids.js';
import type { SlackServices } from '../services.js';
import { pageAction, seeAllAction, suppressAction } from './checks.js';
import { ackOnly, assignAction, buttonAction, homeRefresh, muteAction } from './incident.js';
import { register as registerReview } from './review-buttons.js';

export function register(app: App, services: SlackServices): void {
  app.action<BlockAction>(actions.acknowledge, buttonAction(services, 'ack'));
  app.action<BlockAction>(actions.listAcknowledge, buttonAction(services, 'ack'));
  app.action<BlockAction>(actions.resolve, buttonAction(services, 'resolve'));
  app.action<BlockAction>(actions.reopen, buttonAction(services, 'reopen'));
  app.action<BlockAction>(actions.unmute, buttonAction(services, 'unmute'));
  app.action<BlockAction>(actions.mute, muteAction(services));
  app.action<BlockAction>(actions.assign, assignAction(services));
  app.action<BlockAction>(actions.openLogs, ackOnly);
  app.action<BlockAction>(actions.homeRefresh, homeRefresh(services));
  app.action<BlockAction>(actions.checksSeeAll, seeAllAction(services));
  app.action<BlockAction>(actions.checksPage, pageAction(services));
  app.action<BlockAction>(actions.checksSuppress, suppressAction(services));
  registerReview(app, services);
}

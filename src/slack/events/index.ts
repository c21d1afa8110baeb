import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.js';

export function register(app: App, services: SlackServices): void {
  app.event('app_home_opened', async ({ event, logger }) => {
    if (event.tab !== 'home') return;
    try {
      await services.home.publish(event.user);
    } catch (err) {
      logger.error({ err, user: event.user }, 'Could not publish App Home');
    }
  });
}

import type { App } from '@slack/bolt';
import { COMMAND } from '../ids.js';
import type { SlackServices } from '../services.js';
import { waCommand } from './wa.js';

export function register(app: App, services: SlackServices): void {
  app.command(COMMAND, waCommand(services));
}

import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import type { Button, SectionBlock } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { type SlackStandIn, type SlackStandInOptions, startSlackStandIn } from '../../../sim/slack/index.js';
import { FakeClock } from '../../helpers/clock.js';

export const SECRET = 'sim-signing-secret-0123456789abcdef';
export const ALICE = 'U0SIMALICE';
export const BOB = 'U0SIMBOB01';
export const ALERTS = 'C0ALERTS01';
export const OPS = 'C0OPS00001';
export const GENERAL = 'C0GENERAL1';
export const PRIVATE = 'C0PRIVATE1';

/** A stand-in on a fake clock; remember to close it. */
export async function startTestStandIn(
  options: Partial<SlackStandInOptions> = {},
): Promise<{ slack: SlackStandIn; clock: FakeClock }> {
  const clock = options.clock instanceof FakeClock ? options.clock : new FakeClock();
  const slack = await startSlackStandIn({ signingSecret: SECRET, ...options, clock });
  return { slack, clock };
}

/** The real WebClient pointed at the stand-in, retries off so errors surface at once. */
export function webClient(slack: SlackStandIn, token = slack.botToken): WebClient {
  return new WebClient(token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
  });
}

/** Bolt's and the WebClient's logger, quiet: refusals are asserted, not printed. */
export const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/**
 * The real Bolt app in HTTP mode against the stand-in: its constructor calls auth.test there, and
 * the stand-in delivers to its /slack/events.
 */
export async function startBoltApp(
  slack: SlackStandIn,
  register: (app: App) => void,
  options: { processBeforeResponse?: boolean } = {},
): Promise<{ app: App; stop: () => Promise<void> }> {
  const app = new App({
    token: slack.botToken,
    signingSecret: SECRET,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    logger: silentLogger,
    ...(options.processBeforeResponse ? { processBeforeResponse: true } : {}),
  });
  register(app);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as {
    address(): AddressInfo | string | null;
  };
  const address = server.address() as AddressInfo;
  slack.setAppUrl(`http://127.0.0.1:${address.port}/slack/events`);
  return { app, stop: () => app.stop() as Promise<void> };
}

/** Catches what a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

export const section = (text: string, blockId?: string): SectionBlock => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: { type: 'mrkdwn', text },
});

/** A button; `style` is loose on purpose so tests can send invalid ones. */
export const button = (actionId: string, text: string, value?: string, style?: string): Button => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text },
  ...(value !== undefined ? { value } : {}),
  ...(style !== undefined ? { style: style as Button['style'] } : {}),
});

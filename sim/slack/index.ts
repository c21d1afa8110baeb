/**
 * The Slack stand-in: the Web API methods Pillar calls, over a model of one workspace, and a
 * sender that delivers signed slash commands, clicks, submissions and events to the app.
 *
 *   const slack = await startSlackStandIn({ signingSecret, clock });
 *   const app = new App({
 *     token: slack.botToken,
 *     signingSecret,
 *     clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
 *   });                                   // its constructor calls auth.test on the stand-in
 *   const server = await app.start({ port: 0, host: '127.0.0.1' });
 *   slack.setAppUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
 *   const posted = slack.waitFor((c) => c.type === 'ephemeral_posted');
 *   await slack.send.slashCommand({ user: 'U0SIMALICE', channel: 'C0ALERTS01', text: 'status' });
 *   await posted;                         // respond() runs after the ack unless processBeforeResponse
 *   slack.calls.find('chat.postMessage');
 *
 * The sender signs with the system clock by default (Bolt checks timestamps against Date.now());
 * everything else (ts, trigger and response_url expiry, rate limits) runs on `clock`.
 */
export {
  type BlockSurface,
  blockLimits,
  checkMessageBlocks,
  checkView,
  cumulativeBlockText,
  validateBlocks,
} from './blocks.js';
export { type SlackCallFilter, SlackCallLog, type SlackCallRecord } from './calls.js';
export { type SlackErrorCode, type SlackFaultHandle, type SlackFaultSpec, SlackFaults } from './faults.js';
export { MAX_MESSAGE_TEXT, SlackApiError } from './methods.js';
export { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS, type ResponseUrlInfo, ResponseUrls } from './respond.js';
export {
  type ActionInput,
  type BlockActionInput,
  type Delivery,
  type DeliveryKind,
  elementState,
  type Selection,
  type SignOptions,
  SlackSender,
  type SlashCommandInput,
  type ViewSubmissionInput,
} from './sender.js';
export {
  DEFAULT_BOT_TOKEN,
  type SlackRateLimitOptions,
  SlackStandIn,
  type SlackStandInEvents,
  type SlackStandInOptions,
  startSlackStandIn,
} from './server.js';
export {
  SIGNATURE_MAX_AGE_SECONDS,
  type SignatureCheck,
  signSlackRequest,
  slackSignatureHeaders,
  verifySlackSignature,
} from './signing.js';
export { TRIGGER_TTL_MS, Triggers } from './triggers.js';
export {
  compareTs,
  defaultBot,
  defaultChannels,
  defaultTeam,
  defaultUserGroups,
  defaultUsers,
  type MessageSource,
  type SimBot,
  type SimChannel,
  type SimChannelState,
  type SimEphemeral,
  type SimFile,
  type SimMessage,
  type SimMessageVersion,
  type SimTeam,
  type SimUser,
  type SimUserGroup,
  type SimView,
  type SlackChange,
  type SlackChangeType,
  type SlackMetadata,
  Workspace,
} from './workspace.js';

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { pillarLabel } from '../../vocabulary.js';
import { checksListMessage, suppressionsMessage } from '../blocks/checks.js';
import { helpMessage, incidentListMessage, statusMessage, usageMessage } from '../blocks/commands.js';
import { readHealth } from '../health.js';
import type { SlackServices } from '../services.js';
import { triage } from '../triage.js';
import { parseWaCommand } from './parse.js';
import { reviewCommand } from './wa-review.js';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** `/wa …`: acknowledged at once, answered with an ephemeral message only the caller sees. */
export function waCommand(services: SlackServices) {
  return async ({ command, ack, respond, logger, client }: Args): Promise<void> => {
    await ack();
    const { clock, settings } = services;
    const timeZone = settings.schedules.timezone;
    const now = clock.now();
    const cmd = parseWaCommand(command.text ?? '', now);
    try {
      switch (cmd.kind) {
        case 'help':
          await respond({ response_type: 'ephemeral', ...helpMessage(services.permissions.describe()) });
          return;
        case 'invalid':
          await respond({ response_type: 'ephemeral', ...usageMessage(cmd.problem, cmd.usage) });
          return;
        case 'status': {
          const health = readHealth(services.db);
          await respond({ response_type: 'ephemeral', ...statusMessage({ ...health, now, timeZone }) });
          return;
        }
        case 'checks': {
          const f = cmd.filter;
          if (f.by === 'suppressed') {
            await respond({
              response_type: 'ephemeral',
              ...suppressionsMessage(services.findings.suppressions(), timeZone),
            });
            return;
          }
          const neverScanned = services.findings.failingByPillar() === undefined;
          const findings = services.findings.open(
            f.by === 'pillar'
              ? { pillar: f.pillar }
              : f.by === 'service'
                ? { service: f.service }
                : f.by === 'function'
                  ? { resourceName: f.name }
                  : {},
          );
          const filter =
            f.by === 'pillar'
              ? pillarLabel[f.pillar]
              : f.by === 'service'
                ? f.service
                : f.by === 'function'
                  ? f.name
                  : '';
          // What the Next page button needs to list the same findings again.
          const query =
            f.by === 'pillar'
              ? { p: f.pillar }
              : f.by === 'service'
                ? { s: f.service }
                : f.by === 'function'
                  ? { n: f.name }
                  : {};
          await respond({
            response_type: 'ephemeral',
            ...checksListMessage({ findings, filter, neverScanned, query }),
          });
          return;
        }
        case 'review':
          await reviewCommand(
            services,
            { action: cmd.action, ...(cmd.workload ? { workload: cmd.workload } : {}) },
            { user: command.user_id, channel: command.channel_id, client, respond, logger },
          );
          return;
        case 'incidents': {
          const states = cmd.scope === 'open' ? (['open', 'acknowledged', 'muted'] as const) : undefined;
          const all = services.incidents.list({
            ...(states ? { states: [...states] } : {}),
            ...(cmd.functionName ? { functionName: cmd.functionName } : {}),
            limit: 500,
          });
          const filter = [cmd.scope, cmd.functionName].filter(Boolean).join(' ');
          await respond({
            response_type: 'ephemeral',
            ...incidentListMessage({ incidents: all.slice(0, 20), total: all.length, filter, now, timeZone }),
          });
          return;
        }
        default: {
          const req =
            cmd.kind === 'mute'
              ? { kind: 'mute' as const, id: cmd.id, until: cmd.until, reason: cmd.reason }
              : cmd.kind === 'assign'
                ? { kind: 'assign' as const, id: cmd.id, assignee: cmd.user }
                : { kind: cmd.kind, id: cmd.id };
          const out = await triage(services, command.user_id, req);
          await respond({ response_type: 'ephemeral', text: out.message });
        }
      }
    } catch (err) {
      logger.error({ err, text: command.text }, '/wa failed');
      await respond({
        response_type: 'ephemeral',
        text: 'Pillar could not answer that; the log has the details. Try `/wa help`.',
      }).catch(() => undefined);
    }
  };
}

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { checkServices } from '../../../checks/types.js';
import type { FindingFilter } from '../../findings/store.js';
import { pillarLabel, pillars } from '../../vocabulary.js';
import {
  checksListMessage,
  CHECKS_QUERY_MAX as MAX,
  suppressionsMessage,
  suppressModal,
} from '../blocks/checks.js';
import { checksScope } from '../permissions.js';
import type { SlackServices } from '../services.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const Target = z.object({ a: z.string().min(1).max(64), r: z.string().min(1).max(40) });
const FindingId = z.coerce.number().int().positive().max(999_999_999);

function outOfDate(args: Args): Promise<unknown> {
  args.logger.warn({ action: args.action }, 'Ignored a checks click with an unexpected payload');
  return args
    .respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'That button is out of date; use `/wa checks` for the current list.',
    })
    .catch(() => undefined);
}

/** "See all" on a scan summary: every failing, unsuppressed finding of that account and region. */
export function seeAllAction(services: SlackServices) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    let target: z.infer<typeof Target>;
    try {
      target = Target.parse(JSON.parse(args.action.type === 'button' ? (args.action.value ?? '') : ''));
    } catch {
      return void (await outOfDate(args));
    }
    const findings = services.findings.open({ account: target.a, region: target.r });
    await args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...checksListMessage({ findings, filter: `${target.a}/${target.r}`, query: target }),
    });
  };
}

/** What a Next page button carries (`ChecksQuery` and where the page starts). */
const Page = z
  .object({
    a: z.string().min(1).max(MAX.a),
    r: z.string().min(1).max(MAX.r),
    p: z.enum(pillars),
    s: z.enum(checkServices),
    n: z.string().min(1).max(MAX.n),
    sup: z.literal(1),
  })
  .partial()
  .extend({ o: z.number().int().min(0).max(1_000_000) })
  .strict();

/** Next page on a checks or suppressions list: the following page replaces the list. */
export function pageAction(services: SlackServices) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    let page: z.infer<typeof Page>;
    try {
      page = Page.parse(JSON.parse(args.action.type === 'button' ? (args.action.value ?? '') : ''));
    } catch {
      return void (await outOfDate(args));
    }
    const { o, ...query } = page;
    if (query.sup) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: true,
        ...suppressionsMessage(services.findings.suppressions(), services.settings.schedules.timezone, o),
      });
      return;
    }
    const filter: FindingFilter = {
      ...(query.a ? { account: query.a } : {}),
      ...(query.r ? { region: query.r } : {}),
      ...(query.p ? { pillar: query.p } : {}),
      ...(query.s ? { service: query.s } : {}),
      ...(query.n ? { resourceName: query.n } : {}),
    };
    const label = query.p
      ? pillarLabel[query.p]
      : (query.s ?? query.n ?? (query.a && query.r ? `${query.a}/${query.r}` : ''));
    await args.respond({
      response_type: 'ephemeral',
      replace_original: true,
      ...checksListMessage({ findings: services.findings.open(filter), filter: label, offset: o, query }),
    });
  };
}

/** "Suppress…" next to a finding: opens the suppress modal with the check and resource filled in. */
export function suppressAction(services: SlackServices) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const id = FindingId.safeParse(args.action.type === 'button' ? args.action.value : undefined);
    if (!id.success) return void (await outOfDate(args));
    const user = args.body.user.id;
    if (!(await services.permissions.allows(user, 'mute', checksScope(services.settings)))) {
      await args
        .respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: services.permissions.refusal('mute', checksScope(services.settings)),
        })
        .catch(() => undefined);
      return;
    }
    const finding = services.findings.get(id.data);
    if (!finding) return void (await outOfDate(args));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: suppressModal({
        finding,
        privateMetadata: JSON.stringify({ findingId: finding.id }),
        now: services.clock.now(),
      }),
    });
  };
}

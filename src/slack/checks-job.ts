import type { WebClient } from '@slack/web-api';
import { runScan, type ScanDeps } from '../findings/scan.js';
import type { FindingsService } from '../findings/service.js';
import { scanSummaryMessage } from './blocks/checks.js';

export interface ChecksJobDeps extends ScanDeps {
  findings: FindingsService;
  /** Where summaries go; none: the findings are only recorded. */
  slack?: { client: WebClient; channel: string };
}

/**
 * The daily `checks` job: for each account and region, collect and run the checks, record the
 * findings, and post one summary message. One target failing never stops the others (runScan
 * reports collector failures as not assessed).
 */
export async function runChecksJob(deps: ChecksJobDeps): Promise<{ targets: number; posted: number }> {
  const { findings, settings } = deps;
  const report = await runScan(deps, {
    failOn: 'high',
    record: (target, results, startedAt) => findings.record(target, results, startedAt),
  });
  let posted = 0;
  for (const t of report.targets) {
    if (!deps.slack || !t.recorded) continue;
    const message = scanSummaryMessage({
      account: t.account,
      region: t.region,
      recorded: t.recorded,
      failing: findings.open({ account: t.account, region: t.region }),
      checksRun: t.results.length,
      now: deps.clock.now(),
      timeZone: settings.schedules.timezone,
    });
    try {
      await deps.slack.client.chat.postMessage({
        channel: deps.slack.channel,
        ...message,
        unfurl_links: false,
      });
      posted++;
    } catch (err) {
      deps.logger.warn({ err, account: t.account, region: t.region }, 'Could not post the checks summary');
    }
  }
  deps.logger.info({ targets: report.targets.length, posted }, 'Checks scan done');
  return { targets: report.targets.length, posted };
}

import type { AwsClients, AwsTarget } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { Settings } from '../config.js';
import type { Logger } from '../logger.js';
import type { ReviewService } from './api.js';
import { type Evidence, withProposals } from './evidence.js';
import type { Locks } from './locks.js';
import { milestoneName, runKeyFor } from './periods.js';
import { type FoundWorkload, findWorkload, progress, readQuestions } from './read.js';
import type { ReviewStore } from './store.js';
import type { WaTool } from './tool.js';
import type { Review, ReviewPlan, WorkloadRef } from './types.js';
import { lensesOf, targetOf, toolFor, type WorkloadSettings, workloadSettings } from './workloads.js';

/**
 * Starting a review: find or create the workload in the Tool, associate the missing lenses, read
 * every answer, gather the evidence and propose answers; and the dry run of all that.
 */

export interface StartDeps {
  settings: Settings;
  clock: Clock;
  logger: Logger;
  aws: AwsClients;
  store: ReviewStore;
  locks: Locks;
  evidence: (target: AwsTarget) => Promise<Evidence>;
}

export function createStart(deps: StartDeps): Pick<ReviewService, 'plan' | 'start'> {
  const { settings, clock, logger, store } = deps;
  const periodNow = () => runKeyFor(clock.now(), settings.schedules.timezone);

  /** The workload's questions as the Tool has them, with proposals from fresh evidence. */
  async function gather(tool: WaTool, target: AwsTarget, workloadId: string) {
    const { lenses, questions, risksByPillar } = await readQuestions(tool, workloadId);
    const evidence = await deps.evidence(target);
    const proposed = withProposals(questions, evidence);
    return { lenses, risksByPillar, evidenceAt: evidence.at, ...proposed };
  }

  /** The workload in the Tool with every wanted lens: found (lenses added) or created. */
  async function ensureWorkload(
    tool: WaTool,
    w: WorkloadSettings,
    target: AwsTarget,
  ): Promise<FoundWorkload> {
    const lenses = lensesOf(w);
    const found = await findWorkload(tool, w);
    if (found) {
      const missing = lenses.filter((l) => !found.lenses.includes(l));
      if (missing.length > 0) await tool.associateLenses(found.id, missing);
      return found;
    }
    const created = await tool.createOrAdoptWorkload({
      name: w.name,
      description: `Serverless workload ${w.name}, reviewed with Pillar twice a year.`,
      environment: w.environment ?? 'PRODUCTION',
      lenses,
      reviewOwner: w.owner ?? 'Pillar',
      regions: [target.region],
      accountIds: [],
      // The same token on a retry returns the workload the first attempt created.
      clientRequestToken: `pillar-${w.name.replace(/[^\w-]/g, '-')}`.slice(0, 2048),
    });
    if (created.existed) {
      // Found through the Tool's own name check: read what it has, lenses included.
      const adopted = await tool.getWorkload(created.id);
      const have = adopted.Lenses ?? [];
      const missing = lenses.filter((l) => !have.includes(l));
      if (missing.length > 0) await tool.associateLenses(created.id, missing);
      return { id: created.id, arn: created.arn, lenses: have, name: adopted.WorkloadName ?? w.name };
    }
    logger.info({ workload: w.name, id: created.id }, 'Created the workload in the Well-Architected Tool');
    return { id: created.id, arn: created.arn, lenses, name: w.name };
  }

  return {
    async plan(name) {
      const w = workloadSettings(settings, name);
      const target = targetOf(settings, w);
      const tool = toolFor(deps.aws, target);
      const found = await findWorkload(tool, w);
      const lenses = lensesOf(w);
      const writes: string[] = [];
      const base = { name: w.name, region: target.region, account: target.account };
      if (!found) {
        writes.push(
          `CreateWorkload "${w.name}" in ${target.region} (${w.environment ?? 'PRODUCTION'}, owner ${w.owner ?? 'Pillar'}) with lenses ${lenses.join(', ')}`,
        );
        writes.push(`CreateMilestone "${milestoneName(periodNow(), [])}" when the review is finished`);
        return { workload: { ...base, exists: false }, writes };
      }
      const missing = lenses.filter((l) => !found.lenses.includes(l));
      if (missing.length > 0) writes.push(`AssociateLenses ${missing.join(', ')} on workload ${found.id}`);
      const gathered = await gather(tool, target, found.id);
      for (const q of gathered.questions) {
        if (q.proposal?.changes)
          writes.push(
            `UpdateAnswer ${q.lens}/${q.questionId} with [${q.proposal.selected.join(', ')}] once a person applies the proposal`,
          );
      }
      const milestones = await tool.milestones(found.id);
      writes.push(
        `CreateMilestone "${milestoneName(
          periodNow(),
          milestones.map((m) => m.MilestoneName ?? ''),
        )}" when the review is finished`,
      );
      const plan: ReviewPlan = {
        workload: { ...base, id: found.id, exists: true },
        writes,
        review: {
          workload: { ...base, id: found.id, arn: found.arn, ...(w.owner ? { owner: w.owner } : {}) },
          runKey: periodNow(),
          lenses: gathered.lenses,
          pillars: progress(gathered.questions, gathered.risksByPillar),
          questions: gathered.questions,
          drift: gathered.drift,
          evidenceAt: gathered.evidenceAt,
        },
      };
      return plan;
    },

    async start(name, options) {
      const key = `workload:${workloadSettings(settings, name).name}`;
      return deps.locks.serialized(key, async () => {
        const w = workloadSettings(settings, name);
        const period = options.runKey ?? periodNow();
        const open = store.openOf(w.name);
        if (open) return { review: open, created: false };
        const samePeriod = store.withRunKey(w.name, period);
        // A schedule (or a catch-up) never reviews a period twice; a person may start another.
        if (samePeriod && (options.trigger === 'schedule' || options.trigger === 'catch-up'))
          return { review: samePeriod, created: false };
        let runKey = period;
        for (let n = 2; store.withRunKey(w.name, runKey); n++) runKey = `${period}-${n}`;

        const target = targetOf(settings, w);
        const tool = toolFor(deps.aws, target);
        const found = await ensureWorkload(tool, w, target);
        const gathered = await gather(tool, target, found.id);
        for (const d of gathered.drift)
          logger.warn(
            { workload: w.name, ...d },
            'A check names a question or choice the lens in the Tool does not have',
          );

        const workload: WorkloadRef = {
          name: w.name,
          id: found.id,
          arn: found.arn,
          region: target.region,
          account: target.account,
          ...(w.owner ? { owner: w.owner } : {}),
        };
        const review: Omit<Review, 'id'> = {
          workload,
          runKey,
          trigger: options.trigger,
          status: 'open',
          startedAt: clock.now(),
          ...(options.by ? { startedBy: options.by } : {}),
          lenses: gathered.lenses,
          pillars: progress(gathered.questions, gathered.risksByPillar),
          questions: gathered.questions,
          drift: gathered.drift,
          evidenceAt: gathered.evidenceAt,
        };
        const stored = store.insert(review);
        store.audit(stored, options.by ?? 'pillar', 'start', {
          trigger: options.trigger,
          runKey,
          workloadId: found.id,
        });
        logger.info(
          { workload: w.name, review: stored.id, runKey, trigger: options.trigger },
          'Review started',
        );
        return { review: stored, created: true };
      });
    },
  };
}

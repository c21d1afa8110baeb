import type { AwsClients, AwsTarget } from '../aws/clients.js';
import type { Settings } from '../config.js';
import { PillarError } from '../errors.js';
import { WaTool } from './tool.js';

/** The workloads the settings name for reviews: which one, where it lives, which lenses. */

export type WorkloadSettings = Settings['review']['workloads'][number];

const DEFAULT_LENSES = ['wellarchitected', 'serverless'];

/** The configured workload of that name (any case), or an error that lists the configured ones. */
export function workloadSettings(settings: Settings, name: string): WorkloadSettings {
  const all = settings.review.workloads;
  const w = all.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!w) {
    const known = all.map((x) => x.name);
    throw new PillarError(
      'not_found',
      known.length === 0
        ? `No workloads are configured for reviews: add one under review.workloads in the settings.`
        : `No workload named "${name}" under review.workloads; configured: ${known.join(', ')}.`,
    );
  }
  return w;
}

/** The account and region of the workload: its own, else the first account and its first region. */
export function targetOf(settings: Settings, w: WorkloadSettings): AwsTarget {
  const account = w.account ? settings.accounts.find((a) => a.name === w.account) : settings.accounts[0];
  if (!account)
    throw new PillarError(
      'not_found',
      w.account
        ? `Workload ${w.name} names account "${w.account}", which is not under aws.accounts.`
        : `Workload ${w.name} needs an AWS account: add one under aws.accounts.`,
    );
  const region = w.region ?? account.regions[0];
  if (!region)
    throw new PillarError('not_found', `Workload ${w.name} needs a region (review.workloads[].region).`);
  return { account: account.name, region };
}

/** The lenses the workload is reviewed with (the framework lens first, always). */
export function lensesOf(w: WorkloadSettings): string[] {
  const wanted = w.lenses && w.lenses.length > 0 ? w.lenses : DEFAULT_LENSES;
  // The framework lens is on every workload and cannot be removed.
  return [...new Set(['wellarchitected', ...wanted])];
}

/** The Well-Architected Tool in the workload's account and region. */
export function toolFor(aws: AwsClients, target: AwsTarget): WaTool {
  return new WaTool(aws.wellarchitected(target), target);
}

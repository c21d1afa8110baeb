import type { ServiceName, Snapshot } from '../src/inventory/snapshot.js';
import { type CheckSeverity, checkSeverityRank, type Pillar } from '../src/vocabulary.js';
import type { Thresholds } from './thresholds.js';

// The checks name pillars and severities so often that they get them from here too.
export {
  type CheckSeverity,
  checkSeverities,
  checkSeverityRank,
  type Pillar,
  pillars,
} from '../src/vocabulary.js';

/**
 * The shape of one Well-Architected check: metadata plus a pure evaluator over the inventory
 * snapshot. A check never calls AWS, Slack or the database and never reads the clock
 * (`snapshot.takenAt` is "now"), so it can be table-tested from plain objects.
 */

/** The service whose resources a check judges (its folder under `checks/`). */
export const checkServices = [
  'lambda',
  'logs',
  'sqs',
  'dynamodb',
  'cloudwatch',
  'stepfunctions',
  'apigateway',
  'sns',
  'kinesis',
  'eventbridge',
] as const;
export type CheckService = (typeof checkServices)[number];

export const dataKinds = ['config', 'metrics', 'logs', 'cross', 'account'] as const;
export type DataKind = (typeof dataKinds)[number];

export const lenses = ['wellarchitected', 'serverless'] as const;
export type Lens = (typeof lenses)[number];

/** A best practice of a Well-Architected lens that the check evidences (ids as the WA Tool API returns them). */
export interface WellArchitectedRef {
  lens: Lens;
  questionId: string;
  choiceId: string;
}

export interface CheckMeta {
  /** Kebab-case, equal to the file name (`checks/<service>/<id>.ts`). */
  id: string;
  title: string;
  service: CheckService;
  pillar: Pillar;
  /** Default severity; a finding may carry its own (for example as a deprecation date nears). */
  severity: CheckSeverity;
  /** Why it matters, 1-3 sentences. */
  rationale: string;
  /** What to do, concretely. */
  remediation: string;
  docsUrl: string;
  wellArchitected?: WellArchitectedRef[];
  data: DataKind;
  /** Snapshot services the check reads: when one is unavailable the check is not assessed. */
  needs: ServiceName[];
  /**
   * Per-resource calls the check depends on (IAM action names such as `lambda:GetPolicy`). A failed
   * call listed in the runner's `detailActions` blocks only the checks that read it; any other
   * failure of a needed service blocks every check that needs the service.
   */
  reads?: string[];
}

export interface Finding {
  /** ARN when there is one, else the name. */
  resourceId: string;
  resourceName: string;
  /** Specific and short: the values that failed. Never an environment variable's value. */
  message: string;
  /** Overrides the check's default severity for this finding. */
  severity?: CheckSeverity;
  details?: Record<string, string | number | boolean>;
}

export type CheckResult =
  | { status: 'compliant' }
  | { status: 'not_applicable'; reason: string }
  /** The snapshot lacks a figure the check needs (not collected or not measured). */
  | { status: 'not_assessed'; reason: string }
  | { status: 'non_compliant'; findings: Finding[] };

export interface Check {
  meta: CheckMeta;
  run(snapshot: Snapshot, thresholds: Thresholds): CheckResult;
}

/** Identity with types checked and inferred; every check file exports `check = defineCheck({...})`. */
export function defineCheck(check: Check): Check {
  return check;
}

/** True when `s` is at least as severe as `min`. */
export function atLeast(s: CheckSeverity, min: CheckSeverity): boolean {
  return checkSeverityRank(s) <= checkSeverityRank(min);
}

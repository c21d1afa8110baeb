import type { Snapshot, StateMachine } from '../src/inventory/snapshot.js';
import { notApplicable, notAssessed, verdict } from './helpers.js';
import type { CheckResult, Finding } from './types.js';

/**
 * Walks Amazon States Language definitions (parsed JSON, as the Step Functions collector keeps
 * them): every state with its name, including those nested in Parallel branches and Map
 * iterators (`Iterator` or `ItemProcessor`).
 */

export interface AslState {
  Type?: string;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number;
  HeartbeatSecondsPath?: string;
  /** Map: items processed at once; 0 or absent is as many as possible. */
  MaxConcurrency?: number;
  MaxConcurrencyPath?: string;
  /** Choice: the state when no rule matches. */
  Default?: string;
  /** Wait: a fixed number of seconds (the other forms are read at run time). */
  Seconds?: number;
  Parameters?: Record<string, unknown>;
  Retry?: { ErrorEquals?: string[] }[];
  Catch?: { ErrorEquals?: string[] }[];
  Branches?: AslMachine[];
  Iterator?: AslMachine;
  ItemProcessor?: AslMachine;
  [key: string]: unknown;
}

export interface AslMachine {
  States?: Record<string, AslState>;
  TimeoutSeconds?: number;
}

export function statesOf(definition: unknown): { name: string; state: AslState }[] {
  const out: { name: string; state: AslState }[] = [];
  const walk = (machine: AslMachine | undefined, depth: number): void => {
    // Depth-capped: definitions are user input and could nest without end.
    if (!machine || typeof machine !== 'object' || depth > 20) return;
    const states = machine.States;
    if (!states || typeof states !== 'object') return;
    for (const [name, state] of Object.entries(states)) {
      if (!state || typeof state !== 'object') continue;
      out.push({ name, state });
      if (Array.isArray(state.Branches)) for (const b of state.Branches) walk(b, depth + 1);
      walk(state.Iterator, depth + 1);
      walk(state.ItemProcessor, depth + 1);
    }
  };
  walk(definition as AslMachine, 0);
  return out;
}

/** A Task that invokes Lambda: the optimised integration or a function ARN as the resource. */
export function isLambdaTask(state: AslState): boolean {
  const r = state.Resource ?? '';
  return (
    state.Type === 'Task' &&
    (r.startsWith('arn:aws:states:::lambda:invoke') || /^arn:aws[\w-]*:lambda:/.test(r))
  );
}

/** Errors whose retry covers Lambda's transient failures. */
const lambdaTransient = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

export function retriesLambdaTransient(state: AslState): boolean {
  return (state.Retry ?? []).some((r) =>
    (r.ErrorEquals ?? []).some(
      (e) => e === 'States.ALL' || e === 'States.TaskFailed' || lambdaTransient.includes(e),
    ),
  );
}

/** Task, Map and Parallel states: the ones that can fail and take Retry and Catch. */
export function canFail(state: AslState): boolean {
  return state.Type === 'Task' || state.Type === 'Map' || state.Type === 'Parallel';
}

/** A Task that waits for a task token (`.waitForTaskToken`): it waits until someone calls back. */
export function isCallbackTask(state: AslState): boolean {
  return state.Type === 'Task' && (state.Resource ?? '').endsWith('.waitForTaskToken');
}

/** A Task run by an activity worker (`arn:aws:states:<region>:<account>:activity:<name>`). */
export function isActivityTask(state: AslState): boolean {
  return state.Type === 'Task' && /^arn:aws[\w-]*:states:[\w-]+:\d{12}:activity:/.test(state.Resource ?? '');
}

const positive = (n: unknown): boolean => typeof n === 'number' && n > 0;
const present = (p: unknown): boolean => typeof p === 'string' && p.length > 0;

/** TimeoutSeconds or TimeoutSecondsPath set (a Task otherwise waits up to the execution's own limit). */
export function hasTaskTimeout(state: AslState): boolean {
  return positive(state.TimeoutSeconds) || present(state.TimeoutSecondsPath);
}

export function hasHeartbeat(state: AslState): boolean {
  return positive(state.HeartbeatSeconds) || present(state.HeartbeatSecondsPath);
}

/** A Map whose concurrency is bounded, by a fixed number or one read from the input. */
export function hasBoundedConcurrency(state: AslState): boolean {
  return positive(state.MaxConcurrency) || present(state.MaxConcurrencyPath);
}

/**
 * Every string literal under a state's fields, with the dotted path of the key holding it (e.g.
 * `Parameters.Headers.Authorization`). Keys ending in `.$` hold paths or intrinsic functions, not
 * data, and nested states are left to their own entry from `statesOf`.
 */
export function literalsOf(state: AslState): { path: string; key: string; value: string }[] {
  const out: { path: string; key: string; value: string }[] = [];
  const nested = new Set(['Branches', 'Iterator', 'ItemProcessor']);
  const walk = (value: unknown, path: string, key: string, depth: number): void => {
    if (depth > 20) return;
    if (typeof value === 'string') out.push({ path, key, value });
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`, key, depth + 1);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k.endsWith('.$') || (depth === 0 && nested.has(k))) continue;
        walk(v, path ? `${path}.${k}` : k, k, depth + 1);
      }
    }
  };
  walk(state, '', '', 0);
  return out;
}

/**
 * The shared frame of the Step Functions checks: not assessed when machines were not collected,
 * not applicable when there are none (or none of the kind `scope` keeps), else the verdict of
 * `judge` over each kept machine.
 */
export function overMachines(
  snapshot: Snapshot,
  judge: (m: StateMachine) => Finding | undefined,
  scope?: { keep: (m: StateMachine) => boolean; none: string },
): CheckResult {
  const machines = snapshot.stepfunctions?.stateMachines;
  if (!machines) return notAssessed('Step Functions state machines were not collected');
  if (machines.length === 0) return notApplicable('no Step Functions state machines');
  const kept = scope ? machines.filter(scope.keep) : machines;
  if (kept.length === 0) return notApplicable(scope?.none ?? 'no Step Functions state machines');
  return verdict(kept.map(judge).filter((f): f is Finding => f !== undefined));
}

/**
 * Like `overMachines` for checks that read each machine's whole definition: machines whose
 * definition could not be parsed are skipped, and the check is not assessed when none could.
 */
export function overDefinitions(
  snapshot: Snapshot,
  judge: (m: StateMachine, definition: object) => Finding | undefined,
  scope?: { keep: (m: StateMachine) => boolean; none: string },
): CheckResult {
  const machines = snapshot.stepfunctions?.stateMachines;
  if (!machines) return notAssessed('Step Functions state machines were not collected');
  if (machines.length === 0) return notApplicable('no Step Functions state machines');
  const kept = scope ? machines.filter(scope.keep) : machines;
  if (kept.length === 0) return notApplicable(scope?.none ?? 'no Step Functions state machines');
  const parsed = kept.filter((m) => m.definition !== undefined);
  if (parsed.length === 0) return notAssessed('no state machine definition could be parsed');
  return verdict(
    parsed.map((m) => judge(m, m.definition as object)).filter((f): f is Finding => f !== undefined),
  );
}

/**
 * Like `overMachines` for checks that read the definition: machines whose definition could not be
 * parsed are skipped, and the check is not assessed when none could; not applicable when no
 * machine has a state `relevant` keeps (e.g. no Map state anywhere).
 */
export function overStates(
  snapshot: Snapshot,
  relevant: (state: AslState) => boolean,
  none: string,
  judge: (m: StateMachine, states: { name: string; state: AslState }[]) => Finding | undefined,
  scope?: (m: StateMachine) => boolean,
): CheckResult {
  const machines = snapshot.stepfunctions?.stateMachines;
  if (!machines) return notAssessed('Step Functions state machines were not collected');
  if (machines.length === 0) return notApplicable('no Step Functions state machines');
  const parsed = machines.filter((m) => m.definition !== undefined && (!scope || scope(m)));
  if (parsed.length === 0) {
    const any = machines.some((m) => !scope || scope(m));
    return any ? notAssessed('no state machine definition could be parsed') : notApplicable(none);
  }
  const findings: Finding[] = [];
  let seen = 0;
  for (const m of parsed) {
    const states = statesOf(m.definition).filter(({ state }) => relevant(state));
    if (states.length === 0) continue;
    seen++;
    const f = judge(m, states);
    if (f) findings.push(f);
  }
  if (seen === 0) return notApplicable(none);
  return verdict(findings);
}

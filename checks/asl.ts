/**
 * Walks Amazon States Language definitions (parsed JSON, as the Step Functions collector keeps
 * them): every state with its name, including those nested in Parallel branches and Map
 * iterators (`Iterator` or `ItemProcessor`).
 */

export interface AslState {
  Type?: string;
  Resource?: string;
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
    if (!machine || typeof machine !== 'object' || depth > 20) return;
    for (const [name, state] of Object.entries(machine.States ?? {})) {
      if (!state || typeof state !== 'object') continue;
      out.push({ name, state });
      for (const b of state.Branches ?? []) walk(b, depth + 1);
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

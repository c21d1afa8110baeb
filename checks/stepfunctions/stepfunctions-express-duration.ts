import { overStates } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

/** An Express execution stops after five minutes, whatever the definition says. */
const EXPRESS_LIMIT_SECONDS = 300;

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-express-duration',
    title: 'Express workflow waiting longer than its five-minute limit',
    service: 'stepfunctions',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'Express executions are stopped after five minutes. A Wait state of five minutes or more always ends the execution in a timeout, and task or workflow timeouts that long never fire, a sign the workflow expects to run longer than it can.',
    remediation:
      'Move long waits to a Standard workflow (an Express child can do the fast part), or shorten the Wait and task timeouts to well under 300 seconds.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_client_timeouts',
      },
      { lens: 'serverless', questionId: 'perf_q1', choiceId: 'perf_perf_q1_a1' },
    ],
    data: 'config',
    needs: ['stepfunctions'],
  },
  run(snapshot) {
    const atLimit = (n: unknown): n is number => typeof n === 'number' && n >= EXPRESS_LIMIT_SECONDS;
    return overStates(
      snapshot,
      () => true,
      'no Express state machines',
      (m, states) => {
        // A Wait this long always outlives the execution; a timeout this long never fires.
        const waits = states
          .filter(({ state }) => state.Type === 'Wait' && atLimit(state.Seconds))
          .map(({ name, state }) => `Wait ${name} ${state.Seconds} s`);
        const timeouts = states
          .filter(({ state }) => state.Type !== 'Wait' && atLimit(state.TimeoutSeconds))
          .map(({ name, state }) => `${name} TimeoutSeconds ${state.TimeoutSeconds} s`);
        const top = (m.definition as { TimeoutSeconds?: unknown } | null)?.TimeoutSeconds;
        if (atLimit(top) && top > EXPRESS_LIMIT_SECONDS) timeouts.unshift(`workflow TimeoutSeconds ${top} s`);
        const over = [...waits, ...timeouts];
        if (over.length === 0) return undefined;
        return {
          ...resourceFinding(m, `not within the 300 s Express limit: ${over.join(', ')}`, {
            waits: waits.length,
            timeouts: timeouts.length,
          }),
          ...(waits.length === 0 ? { severity: 'medium' as const } : {}),
        };
      },
      (m) => m.type === 'EXPRESS',
    );
  },
});

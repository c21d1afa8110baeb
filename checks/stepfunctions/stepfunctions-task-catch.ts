import { canFail, overDefinitions, statesOf } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-task-catch',
    title: 'Task states without Catch',
    service: 'stepfunctions',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'A Task, Map or Parallel state without Catch ends the whole execution when its retries run out, with no compensation, cleanup or notification step.',
    remediation:
      'Add a Catch on States.ALL (or the errors you expect) that routes to a state which records the failure, compensates, or notifies.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_graceful_degradation',
      },
    ],
    data: 'config',
    needs: ['stepfunctions'],
  },
  run(snapshot) {
    return overDefinitions(snapshot, (m, definition) => {
      const missing = statesOf(definition)
        .filter(({ state }) => canFail(state) && (!state.Catch || state.Catch.length === 0))
        .map(({ name }) => name);
      return missing.length === 0
        ? undefined
        : resourceFinding(m, `no Catch on ${missing.join(', ')}`, { states: missing.length });
    });
  },
});

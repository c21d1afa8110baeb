import { overStates } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-choice-default',
    title: 'Choice state without Default',
    service: 'stepfunctions',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'When no rule of a Choice state matches and it has no Default, the execution fails with States.NoChoiceMatched, an error that unexpected input turns into an outage instead of a handled path.',
    remediation:
      'Give every Choice state a Default: the normal path, or a Fail state with an error name that says which input was unexpected.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html',
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
    return overStates(
      snapshot,
      (s) => s.Type === 'Choice',
      'no Choice states',
      (m, states) => {
        const open = states
          .filter(({ state }) => typeof state.Default !== 'string' || state.Default === '')
          .map(({ name }) => name);
        return open.length === 0
          ? undefined
          : resourceFinding(m, `no Default on ${open.join(', ')}`, { states: open.length });
      },
    );
  },
});

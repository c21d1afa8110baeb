import { overDefinitions } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-execution-timeout',
    title: 'Standard workflow without an execution timeout',
    service: 'stepfunctions',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'Without a top-level TimeoutSeconds, a Standard execution stuck on a callback or a task can run for up to a year, holding whatever it locked and hiding the failure.',
    remediation:
      'Set TimeoutSeconds at the top of the definition to a bound well above the longest expected run.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_client_timeouts',
      },
    ],
    data: 'config',
    needs: ['stepfunctions'],
  },
  run(snapshot) {
    return overDefinitions(
      snapshot,
      (m, definition) =>
        typeof (definition as { TimeoutSeconds?: unknown }).TimeoutSeconds === 'number'
          ? undefined
          : resourceFinding(m, 'no top-level TimeoutSeconds'),
      { keep: (m) => m.type === 'STANDARD', none: 'no Standard state machines' },
    );
  },
});

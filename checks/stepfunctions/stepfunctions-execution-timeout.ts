import type { StateMachine } from '../../src/inventory/snapshot.js';
import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

const machineFinding = (m: StateMachine, message: string, details?: Finding['details']): Finding => ({
  resourceId: m.arn,
  resourceName: m.name,
  message,
  ...(details ? { details } : {}),
});

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
    const machines = snapshot.stepfunctions?.stateMachines;
    if (!machines) return notAssessed('Step Functions state machines were not collected');
    if (machines.length === 0) return notApplicable('no Step Functions state machines');
    const candidates = machines.filter((m) => m.type === 'STANDARD');
    if (candidates.length === 0) return notApplicable('no Standard state machines');
    const parsed = candidates.filter((m) => m.definition !== undefined);
    if (parsed.length === 0) return notAssessed('no state machine definition could be parsed');
    return verdict(
      parsed
        .filter((m) => typeof (m.definition as { TimeoutSeconds?: unknown }).TimeoutSeconds !== 'number')
        .map((m) => machineFinding(m, 'no top-level TimeoutSeconds')),
    );
  },
});

import type { StateMachine } from '../../src/inventory/snapshot.js';
import { canFail, statesOf } from '../asl.js';
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
    const machines = snapshot.stepfunctions?.stateMachines;
    if (!machines) return notAssessed('Step Functions state machines were not collected');
    if (machines.length === 0) return notApplicable('no Step Functions state machines');
    const candidates = machines;
    if (candidates.length === 0) return notApplicable('no Step Functions state machines');
    const parsed = candidates.filter((m) => m.definition !== undefined);
    if (parsed.length === 0) return notAssessed('no state machine definition could be parsed');
    const findings: Finding[] = [];
    for (const m of parsed) {
      const missing = statesOf(m.definition)
        .filter(({ state }) => canFail(state) && (!state.Catch || state.Catch.length === 0))
        .map(({ name }) => name);
      if (missing.length > 0)
        findings.push(machineFinding(m, `no Catch on ${missing.join(', ')}`, { states: missing.length }));
    }
    return verdict(findings);
  },
});

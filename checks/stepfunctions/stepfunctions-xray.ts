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
    id: 'stepfunctions-xray',
    title: 'X-Ray tracing off',
    service: 'stepfunctions',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'Without X-Ray tracing, the time spent in each state and in the Lambda functions and services it calls is not visible end to end.',
    remediation:
      'Enable tracingConfiguration on the state machine (and active tracing on the Lambda functions it invokes).',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'observability', choiceId: 'ops_observability_dist_trace' },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a3' },
    ],
    data: 'config',
    needs: ['stepfunctions'],
  },
  run(snapshot) {
    const machines = snapshot.stepfunctions?.stateMachines;
    if (!machines) return notAssessed('Step Functions state machines were not collected');
    if (machines.length === 0) return notApplicable('no Step Functions state machines');
    return verdict(
      machines.filter((m) => !m.tracingEnabled).map((m) => machineFinding(m, 'X-Ray tracing is off')),
    );
  },
});

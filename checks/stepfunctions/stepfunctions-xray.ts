import { overMachines } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

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
    return overMachines(snapshot, (m) =>
      m.tracingEnabled ? undefined : resourceFinding(m, 'X-Ray tracing is off'),
    );
  },
});

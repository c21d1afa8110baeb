import { functionFinding, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-tracing-active',
    title: 'X-Ray active tracing off',
    service: 'lambda',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'Without active tracing, a slow or failing request cannot be followed across the function and the ' +
      'services it calls, which lengthens every investigation.',
    remediation:
      "Set the function's tracing mode to Active, add xray:PutTraceSegments and xray:PutTelemetryRecords to its " +
      'role (AWSXRayDaemonWriteAccess), and instrument the AWS SDK clients.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'observability', choiceId: 'ops_observability_dist_trace' },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a3' },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    return overFunctions(snapshot, (fn) =>
      fn.tracingMode === 'Active' ? undefined : functionFinding(fn, `tracing mode is ${fn.tracingMode}`),
    );
  },
});

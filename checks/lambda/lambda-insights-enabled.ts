import { functionFinding, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-insights-enabled',
    title: 'Lambda Insights not enabled',
    service: 'lambda',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'Lambda Insights adds per-invocation CPU, memory, network and init figures that the standard metrics lack, ' +
      'which is what memory sizing and cold-start work need.',
    remediation:
      "Add the LambdaInsightsExtension layer for the function's region and architecture and attach the " +
      'CloudWatchLambdaInsightsExecutionRolePolicy to its role, at least on the functions that matter most.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Lambda-Insights.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'observability',
        choiceId: 'ops_observability_application_telemetry',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a1' },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    return overFunctions(snapshot, (fn) =>
      fn.layers.some((l) => l.arn.includes(':layer:LambdaInsightsExtension'))
        ? undefined
        : functionFinding(fn, 'no LambdaInsightsExtension layer'),
    );
  },
});

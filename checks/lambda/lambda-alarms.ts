import { hasAlarmOn, NO_FUNCTIONS, notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

const metrics = ['Errors', 'Throttles'] as const;

export const check = defineCheck({
  meta: {
    id: 'lambda-alarms',
    title: 'No alarm on Errors or Throttles',
    service: 'lambda',
    pillar: 'operationalExcellence',
    severity: 'medium',
    rationale:
      'Without an alarm on Errors and Throttles, failing or throttled invocations are noticed only when someone looks at a dashboard or a customer complains.',
    remediation:
      'Create CloudWatch alarms on the AWS/Lambda Errors and Throttles metrics for the function (dimension FunctionName), or account-wide alarms on the metrics without dimensions, and send them to an SNS topic someone watches.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-alarms.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'workload-observability',
        choiceId: 'ops_workload_observability_create_alerts',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a1' },
    ],
    data: 'cross',
    needs: ['lambda', 'cloudwatch'],
    reads: ['cloudwatch:DescribeAlarms'],
  },
  run(snapshot) {
    const alarms = snapshot.alarms?.alarms;
    if (!alarms) return notAssessed('CloudWatch alarms were not collected');
    const functions = snapshot.lambda.functions;
    if (functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const findings: Finding[] = [];
    for (const fn of functions) {
      const missing = metrics.filter((m) => !hasAlarmOn(alarms, 'AWS/Lambda', m, 'FunctionName', fn.name));
      if (missing.length === 0) continue;
      findings.push({
        resourceId: fn.arn,
        resourceName: fn.name,
        message: `no alarm on ${missing.join(' or ')}`,
        details: { missing: missing.join(',') },
      });
    }
    return verdict(findings);
  },
});

import { notApplicable, notAssessed, plural } from '../helpers.js';
import { overMeasuredResources } from '../metrics.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-executions-throttled',
    title: 'Executions throttled',
    service: 'stepfunctions',
    pillar: 'performance',
    severity: 'medium',
    rationale:
      'Throttled state transitions and StartExecution calls are delayed or rejected: the account reached a Step Functions quota, so workflows run slower than the load needs or not at all.',
    remediation:
      'Check the StateTransition and StartExecution quotas in Service Quotas and request an increase, move high-volume short workflows to Express, or buffer starts through a queue.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'manage-service-limits',
        choiceId: 'rel_manage_service_limits_monitor_manage_limits',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a4' },
    ],
    data: 'metrics',
    needs: ['stepfunctions', 'cloudwatch'],
  },
  run(snapshot) {
    const machines = snapshot.stepfunctions?.stateMachines;
    if (!machines) return notAssessed('Step Functions state machines were not collected');
    if (machines.length === 0) return notApplicable('no Step Functions state machines');
    return overMeasuredResources(snapshot, machines, 'state machine', (m, metrics, days) => {
      const throttled = metrics.ExecutionThrottled ?? 0;
      if (throttled === 0) return undefined;
      return {
        resourceId: m.arn,
        resourceName: m.name,
        message: `${plural(throttled, 'throttled execution event')} in ${days} days`,
        details: { throttled },
      };
    });
  },
});

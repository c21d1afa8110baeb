import { DAY_MS, notApplicable, notAssessed } from '../helpers.js';
import { overMeasuredResources } from '../metrics.js';
import { utcDate } from '../runtimes.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-unused',
    title: 'State machine not executed',
    service: 'stepfunctions',
    pillar: 'costOptimization',
    severity: 'low',
    rationale:
      'A state machine nobody starts still carries its role, log group, alarms and the Lambda functions it calls, each to be patched and reviewed for no benefit.',
    remediation:
      'Confirm with the owner that nothing starts it (schedules, EventBridge rules, other workflows, seasonal jobs), then delete it with the role and resources only it uses.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_decommission',
      },
      { lens: 'serverless', questionId: 'cost_q1', choiceId: 'cost_cost_q1_a3' },
    ],
    data: 'metrics',
    needs: ['stepfunctions', 'cloudwatch'],
  },
  run(snapshot) {
    const machines = snapshot.stepfunctions?.stateMachines;
    if (!machines) return notAssessed('Step Functions state machines were not collected');
    if (machines.length === 0) return notApplicable('no Step Functions state machines');
    return overMeasuredResources(snapshot, machines, 'state machine', (m, metrics, days) => {
      if ((metrics.ExecutionsStarted ?? 0) > 0) return undefined;
      // A machine created within the window may simply not have been started yet.
      if (snapshot.takenAt - m.creationDate < days * DAY_MS) return undefined;
      return {
        resourceId: m.arn,
        resourceName: m.name,
        message: `no executions started in ${days} days; created ${utcDate(m.creationDate)}`,
        details: { created: utcDate(m.creationDate) },
      };
    });
  },
});

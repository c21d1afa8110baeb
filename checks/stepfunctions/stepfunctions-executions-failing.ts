import { notApplicable, notAssessed, percent, plural } from '../helpers.js';
import { overMeasuredResources } from '../metrics.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-executions-failing',
    title: 'Executions failing, timing out or aborted',
    service: 'stepfunctions',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'Failed, timed-out and aborted executions are work the workflow did not finish: orders not shipped, refunds not paid. A share this high is a failing dependency or a bug, not noise.',
    remediation:
      'Open the failed executions in the console (or GetExecutionHistory) to find the failing state and error; add Retry for transient errors and Catch to a compensating path, and alarm on ExecutionsFailed.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'withstand-component-failures',
        choiceId: 'rel_withstand_component_failures_monitoring_health',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a1' },
    ],
    data: 'metrics',
    needs: ['stepfunctions', 'cloudwatch'],
  },
  run(snapshot, thresholds) {
    const machines = snapshot.stepfunctions?.stateMachines;
    if (!machines) return notAssessed('Step Functions state machines were not collected');
    if (machines.length === 0) return notApplicable('no Step Functions state machines');
    return overMeasuredResources(snapshot, machines, 'state machine', (m, metrics, days) => {
      const failed =
        (metrics.ExecutionsFailed ?? 0) +
        (metrics.ExecutionsTimedOut ?? 0) +
        (metrics.ExecutionsAborted ?? 0);
      if (failed === 0) return undefined;
      // Executions started before the window can end in it: never divide by fewer than ended badly.
      const started = Math.max(metrics.ExecutionsStarted ?? 0, failed);
      const rate = failed / started;
      if (rate <= thresholds.stepfunctionsFailureRate) return undefined;
      return {
        resourceId: m.arn,
        resourceName: m.name,
        message: `${failed} of ${plural(started, 'execution')} failed, timed out or were aborted (${percent(rate)}) in ${days} days`,
        details: {
          started,
          failed: metrics.ExecutionsFailed ?? 0,
          timedOut: metrics.ExecutionsTimedOut ?? 0,
          aborted: metrics.ExecutionsAborted ?? 0,
        },
      };
    });
  },
});

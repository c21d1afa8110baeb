import { canFail, isLambdaTask, overDefinitions, retriesLambdaTransient, statesOf } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-task-retry',
    title: 'Task states without Retry',
    service: 'stepfunctions',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'A Task, Map or Parallel state without Retry fails the execution on the first transient error. Lambda invocations in particular fail now and then with Lambda.ServiceException or TooManyRequestsException and succeed when retried.',
    remediation:
      'Add a Retry with backoff to each Task, Map and Parallel state; for Lambda tasks include Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException and Lambda.TooManyRequestsException.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_limit_retries',
      },
    ],
    data: 'config',
    needs: ['stepfunctions'],
  },
  run(snapshot) {
    return overDefinitions(snapshot, (m, definition) => {
      const noRetry: string[] = [];
      const lambdaGaps: string[] = [];
      for (const { name, state } of statesOf(definition)) {
        if (!canFail(state)) continue;
        if (!state.Retry || state.Retry.length === 0) noRetry.push(name);
        else if (isLambdaTask(state) && !retriesLambdaTransient(state)) lambdaGaps.push(name);
      }
      const parts = [
        ...(noRetry.length > 0 ? [`no Retry on ${noRetry.join(', ')}`] : []),
        ...(lambdaGaps.length > 0 ? [`Lambda transient errors not retried on ${lambdaGaps.join(', ')}`] : []),
      ];
      return parts.length === 0
        ? undefined
        : resourceFinding(m, parts.join('; '), { states: noRetry.length + lambdaGaps.length });
    });
  },
});

import type { StateMachine } from '../../src/inventory/snapshot.js';
import { canFail, isLambdaTask, retriesLambdaTransient, statesOf } from '../asl.js';
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
    const machines = snapshot.stepfunctions?.stateMachines;
    if (!machines) return notAssessed('Step Functions state machines were not collected');
    if (machines.length === 0) return notApplicable('no Step Functions state machines');
    const candidates = machines;
    if (candidates.length === 0) return notApplicable('no Step Functions state machines');
    const parsed = candidates.filter((m) => m.definition !== undefined);
    if (parsed.length === 0) return notAssessed('no state machine definition could be parsed');
    const findings: Finding[] = [];
    for (const m of parsed) {
      const noRetry: string[] = [];
      const lambdaGaps: string[] = [];
      for (const { name, state } of statesOf(m.definition)) {
        if (!canFail(state)) continue;
        if (!state.Retry || state.Retry.length === 0) noRetry.push(name);
        else if (isLambdaTask(state) && !retriesLambdaTransient(state)) lambdaGaps.push(name);
      }
      const parts = [
        ...(noRetry.length > 0 ? [`no Retry on ${noRetry.join(', ')}`] : []),
        ...(lambdaGaps.length > 0 ? [`Lambda transient errors not retried on ${lambdaGaps.join(', ')}`] : []),
      ];
      if (parts.length > 0)
        findings.push(machineFinding(m, parts.join('; '), { states: [...noRetry, ...lambdaGaps].length }));
    }
    return verdict(findings);
  },
});

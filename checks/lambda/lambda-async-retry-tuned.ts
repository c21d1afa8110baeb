import { functionFinding, overAsyncFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

/** Lambda's defaults for asynchronous invocation. */
const DEFAULT_RETRIES = 2;
const DEFAULT_MAX_AGE_SECONDS = 21_600;

export const check = defineCheck({
  meta: {
    id: 'lambda-async-retry-tuned',
    title: 'Async retry and max-event-age left at defaults',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'low',
    rationale:
      'The defaults retry a failing event twice and keep events for up to six hours, which suits few workloads: ' +
      'non-idempotent handlers want fewer retries, time-sensitive events a shorter age.',
    remediation:
      "Set MaximumRetryAttempts (0-2) and MaximumEventAgeInSeconds (60-21600) in the function's asynchronous " +
      'invocation configuration to what the handler and its callers can tolerate.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_limit_retries',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:GetPolicy', 'lambda:ListFunctionEventInvokeConfigs'],
  },
  run(snapshot) {
    return overAsyncFunctions(snapshot, (asyncFunctions) =>
      asyncFunctions
        .filter((f) => {
          const retries = f.asyncConfig?.maximumRetryAttempts ?? DEFAULT_RETRIES;
          const age = f.asyncConfig?.maximumEventAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
          return retries === DEFAULT_RETRIES && age === DEFAULT_MAX_AGE_SECONDS;
        })
        .map((f) =>
          functionFinding(
            f,
            f.asyncConfig
              ? 'async retries (2) and maximum event age (6 h) are the defaults'
              : 'no asynchronous invocation configuration: 2 retries and 6 h event age by default',
          ),
        ),
    );
  },
});

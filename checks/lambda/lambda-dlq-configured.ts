import { asyncInvokers, functionFinding, overAsyncFunctions, shortPrincipals } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-dlq-configured',
    title: 'Async-invoked function has no dead-letter queue',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      "An asynchronous event that still fails after Lambda's retries is discarded unless a dead-letter queue or " +
      'an on-failure destination keeps it, so the work is lost silently.',
    remediation:
      'Give the function an on-failure destination (SQS, SNS, EventBridge or another function) or a dead-letter ' +
      'queue, grant the execution role permission to send to it, and alarm on its depth.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
    wellArchitected: [{ lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' }],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:GetPolicy', 'lambda:ListFunctionEventInvokeConfigs'],
  },
  run(snapshot) {
    return overAsyncFunctions(snapshot, (asyncFunctions) =>
      asyncFunctions
        // An on-failure destination does the same job as a DLQ, with more context.
        .filter((f) => !f.deadLetterTargetArn && !f.asyncConfig?.onFailureDestination)
        .map((f) =>
          functionFinding(
            f,
            `invoked asynchronously by ${shortPrincipals(asyncInvokers(f))} with no dead-letter queue or on-failure destination`,
          ),
        ),
    );
  },
});

import { asyncInvokers, functionFinding, overAsyncFunctions, shortPrincipals } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-async-failure-destination',
    title: 'No on-failure destination for async invokes',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'An on-failure destination receives the failed event together with the error and request context, which a ' +
      'dead-letter queue does not carry, so failed events can be diagnosed and replayed.',
    remediation:
      "Add an on-failure destination to the function's asynchronous invocation configuration (an SQS queue is the " +
      'usual choice) and allow the execution role to send to it.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
    wellArchitected: [{ lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' }],
    data: 'cross',
    needs: ['lambda'],
    reads: ['lambda:GetPolicy', 'lambda:ListFunctionEventInvokeConfigs'],
  },
  run(snapshot) {
    return overAsyncFunctions(snapshot, (asyncFunctions) =>
      asyncFunctions
        .filter((f) => !f.asyncConfig?.onFailureDestination)
        .map((f) =>
          functionFinding(
            f,
            `invoked asynchronously by ${shortPrincipals(asyncInvokers(f))} with no on-failure destination` +
              (f.deadLetterTargetArn ? ' (it has a dead-letter queue)' : ''),
            { hasDeadLetterQueue: Boolean(f.deadLetterTargetArn) },
          ),
        ),
    );
  },
});

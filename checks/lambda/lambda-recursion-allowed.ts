import { functionFinding, NO_FUNCTIONS, notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-recursion-allowed',
    title: 'Recursive-loop detection turned off',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'With recursive-loop detection set to Allow, a function that writes back to the queue, topic or bucket ' +
      'that triggers it can loop without end, burning concurrency and money.',
    remediation:
      "Set the function's recursive loop configuration back to Terminate unless the loop is intended, and then " +
      'guard it with a depth counter or a reserved-concurrency cap.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html',
    wellArchitected: [{ lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a3' }],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:GetFunctionRecursionConfig'],
  },
  run(snapshot) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const known = snapshot.lambda.functions.filter((f) => f.recursiveLoop !== undefined);
    if (known.length === 0) return notAssessed('recursion configurations were not collected');
    return verdict(
      known
        .filter((f) => f.recursiveLoop === 'Allow')
        .map((f) => functionFinding(f, 'recursive loops are allowed')),
    );
  },
});

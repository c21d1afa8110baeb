import { functionFinding, NO_FUNCTIONS, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-url-auth-none',
    title: 'Function URL has no IAM auth',
    service: 'lambda',
    pillar: 'security',
    severity: 'high',
    rationale:
      'A function URL with auth type NONE is a public HTTPS endpoint: anyone who finds it can invoke the ' +
      "function, so all authentication rests on the function's own code.",
    remediation:
      'Use auth type AWS_IAM (sign requests with SigV4, or put CloudFront with origin access control in front), ' +
      'or confirm the function authenticates every request itself and record that decision.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'sec_q1', choiceId: 'sec_sec_q1_a1' },
      { lens: 'serverless', questionId: 'sec_q1', choiceId: 'sec_sec_q1_a3' },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:ListFunctionUrlConfigs'],
  },
  run(snapshot) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const withUrl = snapshot.lambda.functions.filter((f) => f.url);
    if (withUrl.length === 0) return notApplicable('no function has a function URL');
    return verdict(
      withUrl
        .filter((f) => f.url!.authType === 'NONE')
        .map((f) => functionFinding(f, 'function URL auth type is NONE')),
    );
  },
});

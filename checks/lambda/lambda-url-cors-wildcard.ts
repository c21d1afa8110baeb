import { functionFinding, NO_FUNCTIONS, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-url-cors-wildcard',
    title: 'Function URL CORS allows any origin',
    service: 'lambda',
    pillar: 'security',
    severity: 'medium',
    rationale:
      "Allowing every origin lets any web page call the function URL from a visitor's browser and read the " +
      'response, which widens the reach of a leaked or ambient credential.',
    remediation: 'List the exact origins that need the URL in its CORS AllowOrigins instead of "*".',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html',
    wellArchitected: [{ lens: 'serverless', questionId: 'sec_q1', choiceId: 'sec_sec_q1_a3' }],
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
        .filter((f) => f.url!.allowOrigins.includes('*'))
        .map((f) => functionFinding(f, 'function URL CORS allows origin "*"')),
    );
  },
});

import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'apigateway-rest-method-auth',
    title: 'REST API methods with no authorization',
    service: 'apigateway',
    pillar: 'security',
    severity: 'high',
    rationale:
      'A method with authorizationType NONE runs its integration for any caller who knows the URL; an API key alone does not authenticate anyone. CORS preflight (OPTIONS) methods are the only ones expected to be open.',
    remediation:
      'Give every non-OPTIONS method an authorizer: AWS_IAM for service callers, a Cognito user pool or Lambda authorizer for users, then redeploy the stage.',
    docsUrl:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'identities', choiceId: 'sec_identities_enforce_mechanisms' },
      { lens: 'serverless', questionId: 'sec_q1', choiceId: 'sec_sec_q1_a1' },
    ],
    data: 'config',
    needs: ['apigateway'],
  },
  run(snapshot) {
    const section = snapshot.apigateway;
    if (!section) return notAssessed('API Gateway APIs were not collected');
    const apis = section.restApis;
    if (!apis) return notAssessed('REST APIs could not be listed');
    const judged = apis.filter((a) => a.methods !== undefined);
    if (apis.length > 0 && judged.length === 0) return notAssessed('no REST API resources could be read');
    const withMethods = judged.filter((a) => (a.methods ?? []).some((m) => m.httpMethod !== 'OPTIONS'));
    if (withMethods.length === 0) return notApplicable('no REST API methods other than OPTIONS');
    const findings: Finding[] = [];
    for (const api of withMethods) {
      const open = (api.methods ?? []).filter(
        (m) => m.httpMethod !== 'OPTIONS' && m.authorizationType === 'NONE',
      );
      if (open.length === 0) continue;
      const names = open.map((m) => `${m.httpMethod} ${m.path}`).sort();
      const shown = names.length > 5 ? [...names.slice(0, 5), `and ${names.length - 5} more`] : names;
      const keyOnly = open.filter((m) => m.apiKeyRequired).length;
      findings.push({
        resourceId: api.arn,
        resourceName: api.name,
        message: `${open.length} method${open.length === 1 ? '' : 's'} without authorization: ${shown.join(', ')}${keyOnly > 0 ? ` (${keyOnly} protected by an API key only)` : ''}`,
        // Reachable only through VPC endpoints: still open inside the network, but not to the internet.
        ...(api.endpointTypes.includes('PRIVATE') ? { severity: 'medium' as const } : {}),
        details: { methods: open.length },
      });
    }
    return verdict(findings);
  },
});

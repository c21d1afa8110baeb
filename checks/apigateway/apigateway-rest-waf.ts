import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'apigateway-rest-waf',
    title: 'Public REST API stage without a WAF web ACL',
    service: 'apigateway',
    pillar: 'security',
    severity: 'medium',
    rationale:
      'An edge-optimized or regional stage takes requests from the whole internet; without a web ACL nothing filters injection payloads, known bad IPs or request floods before they reach the backend and its bill.',
    remediation:
      'Associate an AWS WAF web ACL with the stage (AWS managed rule groups plus a rate-based rule are a sound start).',
    docsUrl:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'network-protection',
        choiceId: 'sec_network_protection_inspection',
      },
      { lens: 'serverless', questionId: 'sec_q1', choiceId: 'sec_sec_q1_a3' },
    ],
    data: 'config',
    needs: ['apigateway'],
  },
  run(snapshot) {
    const section = snapshot.apigateway;
    if (!section) return notAssessed('API Gateway APIs were not collected');
    const apis = section.restApis;
    if (!apis) return notAssessed('REST APIs could not be listed');
    // PRIVATE APIs are reachable only through VPC endpoints: WAF is not the control that matters there.
    const publicApis = apis.filter((a) => !a.endpointTypes.includes('PRIVATE'));
    if (publicApis.length === 0) return notApplicable('no public (edge or regional) REST APIs');
    const judged = publicApis.filter((a) => a.stages !== undefined);
    if (judged.length === 0) return notAssessed('no REST API stages could be read');
    const stages = judged.flatMap((api) => (api.stages ?? []).map((stage) => ({ api, stage })));
    if (stages.length === 0) return notApplicable('no stages on public REST APIs');
    return verdict(
      stages
        .filter(({ stage }) => !stage.webAclArn)
        .map(({ api, stage }) => ({
          resourceId: stage.arn,
          resourceName: `${api.name}/${stage.name}`,
          message: `${api.endpointTypes.join('/') || 'public'} stage has no WAF web ACL`,
        })),
    );
  },
});

import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

/** WebSocket APIs authorize once, on `$connect`; other routes cannot carry an authorizer. */
const judgedRoute = (protocol: 'HTTP' | 'WEBSOCKET', routeKey: string): boolean =>
  protocol === 'WEBSOCKET' ? routeKey === '$connect' : !routeKey.startsWith('OPTIONS ');

export const check = defineCheck({
  meta: {
    id: 'apigateway-v2-route-auth',
    title: 'HTTP or WebSocket API routes with no authorization',
    service: 'apigateway',
    pillar: 'security',
    severity: 'high',
    rationale:
      'A route with authorizationType NONE invokes its integration for anyone who finds the endpoint. For a WebSocket API the $connect route is the only place a connection can be authorized.',
    remediation:
      'Attach a JWT, Lambda (CUSTOM) or AWS_IAM authorizer to every HTTP API route except CORS preflight, and to the $connect route of WebSocket APIs.',
    docsUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html',
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
    const apis = section.v2Apis;
    if (!apis) return notAssessed('HTTP and WebSocket APIs could not be listed');
    const judged = apis.filter((a) => a.routes !== undefined);
    if (apis.length > 0 && judged.length === 0)
      return notAssessed('no HTTP or WebSocket API routes could be read');
    const withRoutes = judged.filter((a) =>
      (a.routes ?? []).some((r) => judgedRoute(a.protocolType, r.routeKey)),
    );
    if (withRoutes.length === 0) return notApplicable('no HTTP API routes or WebSocket $connect routes');
    const findings: Finding[] = [];
    for (const api of withRoutes) {
      const open = (api.routes ?? [])
        .filter((r) => judgedRoute(api.protocolType, r.routeKey) && r.authorizationType === 'NONE')
        .map((r) => r.routeKey)
        .sort();
      if (open.length === 0) continue;
      const shown = open.length > 5 ? [...open.slice(0, 5), `and ${open.length - 5} more`] : open;
      findings.push({
        resourceId: api.arn,
        resourceName: api.name,
        message: `${api.protocolType} API route${open.length === 1 ? '' : 's'} without authorization: ${shown.join(', ')}`,
        details: { routes: open.length },
      });
    }
    return verdict(findings);
  },
});

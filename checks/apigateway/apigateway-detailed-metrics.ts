import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'apigateway-detailed-metrics',
    title: 'API stage without detailed (per-method or per-route) metrics',
    service: 'apigateway',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'Without detailed metrics CloudWatch has only API-wide figures, so one failing or slow method hides inside the totals of the healthy ones.',
    remediation:
      'Turn on detailed CloudWatch metrics: metricsEnabled in the REST stage `*/*` method setting, or detailedMetricsEnabled in the HTTP/WebSocket stage default route settings.',
    docsUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/monitoring-cloudwatch.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'workload-observability',
        choiceId: 'ops_workload_observability_analyze_workload_metrics',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a1' },
    ],
    data: 'config',
    needs: ['apigateway'],
  },
  run(snapshot) {
    const section = snapshot.apigateway;
    if (!section) return notAssessed('API Gateway APIs were not collected');
    if (!section.restApis && !section.v2Apis) return notAssessed('no API Gateway API list could be read');
    const rest = (section.restApis ?? []).filter((a) => a.stages !== undefined);
    const v2 = (section.v2Apis ?? []).filter((a) => a.stages !== undefined);
    const listed = (section.restApis?.length ?? 0) + (section.v2Apis?.length ?? 0);
    if (listed > 0 && rest.length + v2.length === 0) return notAssessed('no API stages could be read');
    const stages = [
      ...rest.flatMap((api) =>
        (api.stages ?? []).map((s) => ({
          arn: s.arn,
          name: `${api.name}/${s.name}`,
          on: s.methodSettings['*/*']?.metricsEnabled ?? false,
          what: '`*/*` metricsEnabled is off',
        })),
      ),
      ...v2.flatMap((api) =>
        (api.stages ?? []).map((s) => ({
          arn: s.arn,
          name: `${api.name}/${s.name}`,
          on: s.defaultRouteSettings.detailedMetricsEnabled,
          what: 'default route detailedMetricsEnabled is off',
        })),
      ),
    ];
    if (stages.length === 0) return notApplicable('no API Gateway stages');
    return verdict(
      stages.filter((s) => !s.on).map((s) => ({ resourceId: s.arn, resourceName: s.name, message: s.what })),
    );
  },
});

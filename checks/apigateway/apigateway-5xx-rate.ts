import { notApplicable, notAssessed, percent } from '../helpers.js';
import { overMeasuredResources } from '../metrics.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'apigateway-5xx-rate',
    title: 'High 5xx error rate',
    service: 'apigateway',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      "5xx responses are the API's own failures (integration errors, timeouts, throttled backends), seen by every client that got one.",
    remediation:
      'Read the access and execution logs for the failing routes: fix the integration (Lambda errors and timeouts, a backend over its limits), keep integration timeouts under the 29-second limit, and alarm on the 5xx metric.',
    docsUrl:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'withstand-component-failures',
        choiceId: 'rel_withstand_component_failures_monitoring_health',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a1' },
    ],
    data: 'metrics',
    needs: ['apigateway', 'cloudwatch'],
  },
  run(snapshot, thresholds) {
    const gw = snapshot.apigateway;
    if (!gw || (!gw.restApis && !gw.v2Apis)) return notAssessed('API Gateway APIs were not collected');
    // WebSocket APIs publish no 5xx metric; REST reports `5XXError`, HTTP `5xx`.
    const apis = [
      ...(gw.restApis ?? []).map((a) => ({ arn: a.arn, name: a.name, errorMetric: '5XXError' })),
      ...(gw.v2Apis ?? [])
        .filter((a) => a.protocolType === 'HTTP')
        .map((a) => ({ arn: a.arn, name: a.name, errorMetric: '5xx' })),
    ];
    if (apis.length === 0) return notApplicable('no REST or HTTP APIs');
    return overMeasuredResources(snapshot, apis, 'API', (api, metrics, days) => {
      const requests = metrics.Count ?? 0;
      const errors = metrics[api.errorMetric] ?? 0;
      if (requests === 0 || errors === 0) return undefined;
      const rate = errors / requests;
      if (rate <= thresholds.apigateway5xxRate) return undefined;
      return {
        resourceId: api.arn,
        resourceName: api.name,
        message: `${errors} of ${requests} requests answered 5xx (${percent(rate)}) in ${days} days`,
        details: { requests, errors },
      };
    });
  },
});

import { overApiStages, stageFinding } from '../helpers.js';
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
    return overApiStages(snapshot, 'all', (stages) =>
      stages.flatMap((ref) => {
        const s = ref.stage;
        // REST stages carry method settings; HTTP and WebSocket stages a default route setting.
        if ('methodSettings' in s)
          return s.methodSettings['*/*']?.metricsEnabled
            ? []
            : [stageFinding(ref, '`*/*` metricsEnabled is off')];
        return s.defaultRouteSettings.detailedMetricsEnabled
          ? []
          : [stageFinding(ref, 'default route detailedMetricsEnabled is off')];
      }),
    );
  },
});

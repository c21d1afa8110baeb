import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

const READS = new Set(['GET', 'HEAD']);

export const check = defineCheck({
  meta: {
    id: 'apigateway-rest-caching',
    title: 'Read-only REST API stage without a cache',
    service: 'apigateway',
    pillar: 'performance',
    severity: 'low',
    rationale:
      'When every method of an API only reads, a stage cache answers repeated requests without invoking the backend, cutting latency and the load on Lambda and the data store. Only APIs whose methods are all GET or HEAD are judged, since caching writes is meaningless.',
    remediation:
      'Enable the stage cache cluster (0.5 GB is the smallest), turn on caching with a TTL suited to how fresh the data must be, encrypt the cache, and key it on the parameters that change the answer.',
    docsUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'data-management',
        choiceId: 'perf_data_access_patterns_caching',
      },
      { lens: 'serverless', questionId: 'perf_q1', choiceId: 'perf_perf_q1_a5' },
    ],
    data: 'config',
    needs: ['apigateway'],
  },
  run(snapshot) {
    const section = snapshot.apigateway;
    if (!section) return notAssessed('API Gateway APIs were not collected');
    const apis = section.restApis;
    if (!apis) return notAssessed('REST APIs could not be listed');
    const judged = apis.filter((a) => a.methods !== undefined && a.stages !== undefined);
    if (apis.length > 0 && judged.length === 0)
      return notAssessed('no REST API methods and stages could be read');
    const readOnly = judged.filter((a) => {
      const methods = (a.methods ?? []).filter((m) => m.httpMethod !== 'OPTIONS');
      return methods.length > 0 && methods.every((m) => READS.has(m.httpMethod));
    });
    const stages = readOnly.flatMap((api) => (api.stages ?? []).map((stage) => ({ api, stage })));
    if (stages.length === 0) return notApplicable('no stages of read-only (GET/HEAD) REST APIs');
    return verdict(
      stages
        .filter(({ stage }) => !stage.cacheClusterEnabled)
        .map(({ api, stage }) => ({
          resourceId: stage.arn,
          resourceName: `${api.name}/${stage.name}`,
          message: 'read-only API stage with no cache cluster',
        })),
    );
  },
});

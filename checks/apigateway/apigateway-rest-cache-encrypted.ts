import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'apigateway-rest-cache-encrypted',
    title: 'REST API cache data not encrypted',
    service: 'apigateway',
    pillar: 'security',
    severity: 'medium',
    rationale:
      'The stage cache holds copies of backend responses, often personal or account data; unencrypted, they sit in plain form on the cache cluster.',
    remediation:
      'Set cacheDataEncrypted to true in the method settings of every method that caches (`*/*` covers the whole stage).',
    docsUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'protect-data-rest', choiceId: 'sec_protect_data_rest_encrypt' },
    ],
    data: 'config',
    needs: ['apigateway'],
  },
  run(snapshot) {
    const section = snapshot.apigateway;
    if (!section) return notAssessed('API Gateway APIs were not collected');
    const apis = section.restApis;
    if (!apis) return notAssessed('REST APIs could not be listed');
    const judged = apis.filter((a) => a.stages !== undefined);
    if (apis.length > 0 && judged.length === 0) return notAssessed('no REST API stages could be read');
    const cached = judged.flatMap((api) =>
      (api.stages ?? []).filter((s) => s.cacheClusterEnabled).map((stage) => ({ api, stage })),
    );
    if (cached.length === 0) return notApplicable('no REST API stage has a cache cluster');
    return verdict(
      cached.flatMap(({ api, stage }) => {
        const plain = Object.entries(stage.methodSettings)
          .filter(([, m]) => m.cachingEnabled && !m.cacheDataEncrypted)
          .map(([key]) => key)
          .sort();
        return plain.length === 0
          ? []
          : [
              {
                resourceId: stage.arn,
                resourceName: `${api.name}/${stage.name}`,
                message: `caching without encryption on ${plain.join(', ')}`,
              },
            ];
      }),
    );
  },
});

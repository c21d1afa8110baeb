import { overApiStages, stageFinding } from '../helpers.js';
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
    return overApiStages(
      snapshot,
      'rest',
      (stages) =>
        stages.flatMap((ref) => {
          const plain = Object.entries(ref.stage.methodSettings)
            .filter(([, m]) => m.cachingEnabled && !m.cacheDataEncrypted)
            .map(([key]) => key)
            .sort();
          return plain.length === 0
            ? []
            : [stageFinding(ref, `caching without encryption on ${plain.join(', ')}`)];
        }),
      { stages: (s) => s.cacheClusterEnabled, none: 'no REST API stage has a cache cluster' },
    );
  },
});

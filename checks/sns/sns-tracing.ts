import { overTopics, resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sns-tracing',
    title: 'Topic without active X-Ray tracing',
    service: 'sns',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'With TracingConfig PassThrough the topic only forwards a trace header it receives and records no segment of its own. Traces then break at the topic, hiding fan-out delays and failed deliveries.',
    remediation: 'Set the topic attribute TracingConfig to Active, and let SNS send segments to X-Ray.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-active-tracing.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'observability', choiceId: 'ops_observability_dist_trace' },
      {
        lens: 'wellarchitected',
        questionId: 'workload-observability',
        choiceId: 'ops_workload_observability_analyze_workload_traces',
      },
    ],
    data: 'config',
    needs: ['sns'],
  },
  run(snapshot) {
    return overTopics(snapshot, (topics) =>
      topics
        .filter((t) => t.tracing !== 'Active')
        .map((t) => resourceFinding(t, `TracingConfig is ${t.tracing}`)),
    );
  },
});

import { functionFinding, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-default-memory',
    title: 'Memory left at the 128 MB default',
    service: 'lambda',
    pillar: 'performance',
    severity: 'low',
    rationale:
      'Memory also sets the CPU share, so the 128 MB default often makes a function slower and, billed by ' +
      'duration, no cheaper; a default usually means nobody measured.',
    remediation:
      'Measure the function at several memory sizes (for example with AWS Lambda Power Tuning) and set the size ' +
      'that meets its latency target at the lowest cost.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'compute-hardware',
        choiceId: 'perf_compute_hardware_configure_and_right_size_compute_resources',
      },
      { lens: 'serverless', questionId: 'perf_q1', choiceId: 'perf_perf_q1_a3' },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    return overFunctions(snapshot, (fn) =>
      fn.memorySizeMB === 128 ? functionFinding(fn, 'memory is the 128 MB default') : undefined,
    );
  },
});

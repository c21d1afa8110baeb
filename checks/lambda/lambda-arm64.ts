import { functionFinding, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-arm64',
    title: 'Runs on x86_64 instead of Graviton',
    service: 'lambda',
    pillar: 'sustainability',
    severity: 'low',
    rationale:
      'Graviton (arm64) functions cost about 20% less per GB-second and use less energy for the same work; most ' +
      'interpreted code runs unchanged.',
    remediation:
      'Switch the architecture to arm64 after rebuilding native dependencies and layers for arm64, and compare ' +
      'duration before and after.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/foundation-arch.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'sus_hardware', choiceId: 'sus_sus_hardware_a3' },
      {
        lens: 'wellarchitected',
        questionId: 'compute-hardware',
        choiceId: 'perf_compute_hardware_select_best_compute_options',
      },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    return overFunctions(snapshot, (fn) =>
      fn.architectures.includes('arm64') ? undefined : functionFinding(fn, 'architecture is x86_64'),
    );
  },
});

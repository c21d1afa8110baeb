import { overMachines } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-logging',
    title: 'Standard workflow logging off',
    service: 'stepfunctions',
    pillar: 'operationalExcellence',
    severity: 'medium',
    rationale:
      'Without execution logging, failed Standard executions are investigated from the execution history alone, which expires after 90 days and cannot be searched across executions.',
    remediation:
      'Set loggingConfiguration level to ERROR (or ALL) with a CloudWatch Logs log group destination, and grant the execution role the log delivery permissions.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'workload-observability',
        choiceId: 'ops_workload_observability_analyze_workload_logs',
      },
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a4' },
    ],
    data: 'config',
    needs: ['stepfunctions'],
  },
  run(snapshot) {
    return overMachines(
      snapshot,
      (m) => (m.logging.level === 'OFF' ? resourceFinding(m, 'execution logging is OFF') : undefined),
      {
        keep: (m) => m.type === 'STANDARD',
        none: 'no Standard state machines',
      },
    );
  },
});

import { overMachines } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-express-no-logs',
    title: 'Express workflow without logging',
    service: 'stepfunctions',
    pillar: 'operationalExcellence',
    severity: 'high',
    rationale:
      'Express workflows keep no execution history: with logging off, nothing at all records what an execution did or why it failed.',
    remediation:
      'Set loggingConfiguration level to ERROR or ALL with a CloudWatch Logs log group destination.',
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
      (m) =>
        m.logging.level === 'OFF'
          ? resourceFinding(m, 'Express workflow with logging OFF: executions leave no record')
          : undefined,
      { keep: (m) => m.type === 'EXPRESS', none: 'no Express state machines' },
    );
  },
});

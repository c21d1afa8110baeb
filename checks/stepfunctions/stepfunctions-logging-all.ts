import { overMachines } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-logging-all',
    title: 'Execution logging below ALL, or without execution data',
    service: 'stepfunctions',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'At ERROR or FATAL level the logs hold only failures, so a wrong result from a successful execution cannot be traced state by state. Without execution data the log events omit the input and output that explain a failure.',
    remediation:
      'Set loggingConfiguration level to ALL with includeExecutionData true (as cdk-nag AwsSolutions-SF1 asks); if inputs carry personal data, keep ALL and mask the fields in the states instead.',
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
    // Machines with logging OFF are the logging checks' findings; this one refines those that log.
    return overMachines(
      snapshot,
      (m) => {
        const gaps = [
          ...(m.logging.level === 'ALL' ? [] : [`logging level ${m.logging.level}, not ALL`]),
          ...(m.logging.includeExecutionData ? [] : ['execution data not included']),
        ];
        return gaps.length === 0
          ? undefined
          : resourceFinding(m, gaps.join('; '), {
              level: m.logging.level,
              includeExecutionData: m.logging.includeExecutionData,
            });
      },
      { keep: (m) => m.logging.level !== 'OFF', none: 'no state machine has execution logging on' },
    );
  },
});

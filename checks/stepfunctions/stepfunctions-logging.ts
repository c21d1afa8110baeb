import type { StateMachine } from '../../src/inventory/snapshot.js';
import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

const machineFinding = (m: StateMachine, message: string, details?: Finding['details']): Finding => ({
  resourceId: m.arn,
  resourceName: m.name,
  message,
  ...(details ? { details } : {}),
});

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
    const machines = snapshot.stepfunctions?.stateMachines;
    if (!machines) return notAssessed('Step Functions state machines were not collected');
    if (machines.length === 0) return notApplicable('no Step Functions state machines');
    const standard = machines.filter((m) => m.type === 'STANDARD');
    if (standard.length === 0) return notApplicable('no Standard state machines');
    return verdict(
      standard
        .filter((m) => m.logging.level === 'OFF')
        .map((m) => machineFinding(m, 'execution logging is OFF')),
    );
  },
});

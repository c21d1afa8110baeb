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
    const machines = snapshot.stepfunctions?.stateMachines;
    if (!machines) return notAssessed('Step Functions state machines were not collected');
    if (machines.length === 0) return notApplicable('no Step Functions state machines');
    const express = machines.filter((m) => m.type === 'EXPRESS');
    if (express.length === 0) return notApplicable('no Express state machines');
    return verdict(
      express
        .filter((m) => m.logging.level === 'OFF')
        .map((m) => machineFinding(m, 'Express workflow with logging OFF: executions leave no record')),
    );
  },
});

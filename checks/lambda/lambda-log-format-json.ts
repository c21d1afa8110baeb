import { functionFinding, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-log-format-json',
    title: 'Logs are plain text, not JSON',
    service: 'lambda',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'JSON logs carry the request id, level and fields as structure, so Logs Insights can filter and aggregate ' +
      'them and log levels can be set without code changes.',
    remediation:
      "Set the function's log format to JSON (advanced logging controls), choose application and system log " +
      'levels, and log objects rather than formatted strings.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'ops_q1', choiceId: 'ops_ops_q1_a4' },
      {
        lens: 'wellarchitected',
        questionId: 'observability',
        choiceId: 'ops_observability_application_telemetry',
      },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    return overFunctions(snapshot, (fn) =>
      fn.logging.format === 'JSON' ? undefined : functionFinding(fn, `log format is ${fn.logging.format}`),
    );
  },
});

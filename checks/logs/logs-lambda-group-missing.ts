import {
  functionFinding,
  NO_FUNCTIONS,
  notApplicable,
  notAssessed,
  telemetryOf,
  verdict,
} from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'logs-lambda-group-missing',
    title: 'Function has no log group (logs are being lost)',
    service: 'logs',
    pillar: 'operationalExcellence',
    severity: 'medium',
    rationale:
      'A function that runs but has no log group is writing its logs nowhere, usually because its role lacks ' +
      'logs:CreateLogGroup, logs:CreateLogStream or logs:PutLogEvents; failures cannot be diagnosed.',
    remediation:
      "Create the log group named in the function's logging configuration (with a retention period) and give the " +
      'execution role logs:CreateLogStream and logs:PutLogEvents on it (AWSLambdaBasicExecutionRole).',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'observability',
        choiceId: 'ops_observability_application_telemetry',
      },
      {
        lens: 'wellarchitected',
        questionId: 'monitor-aws-resources',
        choiceId: 'rel_monitor_aws_resources_monitor_resources',
      },
    ],
    data: 'cross',
    needs: ['lambda', 'logs', 'cloudwatch'],
  },
  run(snapshot) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const counted = snapshot.lambda.functions.filter(
      (f) => telemetryOf(snapshot, f)?.invocations !== undefined,
    );
    if (counted.length === 0) return notAssessed('no function has an invocation count in the snapshot');
    // A function never invoked has no log group yet, and that is fine.
    const invoked = counted.filter((f) => telemetryOf(snapshot, f)!.invocations! > 0);
    if (invoked.length === 0) return notApplicable('no function was invoked in the window');
    const groups = new Set(snapshot.logs.logGroups.map((g) => g.name));
    return verdict(
      invoked
        .filter((f) => !groups.has(f.logging.logGroup))
        .map((f) =>
          functionFinding(
            f,
            `${telemetryOf(snapshot, f)!.invocations} invocations in ${snapshot.telemetry.windowDays} days but log group ${f.logging.logGroup} does not exist`,
            { logGroup: f.logging.logGroup },
          ),
        ),
    );
  },
});

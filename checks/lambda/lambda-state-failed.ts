import { functionFinding, NO_FUNCTIONS, notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

const BAD_STATES = new Set(['Failed', 'Inactive']);

export const check = defineCheck({
  meta: {
    id: 'lambda-state-failed',
    title: 'Function in Failed/Inactive state or last update failed',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'A Failed function cannot be invoked; an Inactive one fails or stalls on its first invocations while its ' +
      'resources are recreated; a failed update leaves the old code or configuration running.',
    remediation:
      'Read StateReasonCode and LastUpdateStatusReason, fix the cause (often a deleted subnet, security group, ' +
      'KMS key or image), then update the function again.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'withstand-component-failures',
        choiceId: 'rel_withstand_component_failures_monitoring_health',
      },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:GetFunctionConfiguration'],
  },
  run(snapshot) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const known = snapshot.lambda.functions.filter(
      (f) => f.state !== undefined || f.lastUpdateStatus !== undefined,
    );
    if (known.length === 0) return notAssessed('function states were not collected');
    const findings: Finding[] = [];
    for (const fn of known) {
      const problems: string[] = [];
      if (fn.state && BAD_STATES.has(fn.state)) problems.push(`state is ${fn.state}`);
      if (fn.lastUpdateStatus === 'Failed') problems.push('last update failed');
      if (problems.length > 0) findings.push(functionFinding(fn, problems.join('; ')));
    }
    return verdict(findings);
  },
});

import { functionFinding, NO_FUNCTIONS, notApplicable, plural, verdict } from '../helpers.js';
import { daysUntil, runtimeDeprecations } from '../runtimes.js';
import { type CheckSeverity, defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-runtime-deprecation-soon',
    title: 'Runtime will be deprecated soon',
    service: 'lambda',
    pillar: 'security',
    severity: 'medium',
    rationale:
      'Upgrading a runtime takes testing time; starting before the deprecation date avoids running unpatched ' +
      'code and being blocked from deploying fixes. The finding is high within 30 days and low beyond 90.',
    remediation:
      'Plan the move to the newest runtime of the language now: upgrade dependencies, run the tests on the new ' +
      'runtime, and deploy before the date shown.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'dev-integ', choiceId: 'ops_dev_integ_patch_mgmt' },
      { lens: 'serverless', questionId: 'ops_q2', choiceId: 'ops_ops_q2_a6' },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot, thresholds) {
    const zipFunctions = snapshot.lambda.functions.filter((f) => f.packageType === 'Zip' && f.runtime);
    if (zipFunctions.length === 0) {
      return notApplicable(
        snapshot.lambda.functions.length === 0 ? NO_FUNCTIONS : 'no zip functions with a runtime',
      );
    }
    const findings: Finding[] = [];
    for (const fn of zipFunctions) {
      const date = runtimeDeprecations[fn.runtime!];
      if (date === undefined) continue;
      const days = daysUntil(date, snapshot.takenAt);
      // Already past: lambda-runtime-deprecated reports it.
      if (days <= 0 || days > thresholds.runtimeDeprecationWarningDays) continue;
      const severity: CheckSeverity = days <= 30 ? 'high' : days <= 90 ? 'medium' : 'low';
      findings.push(
        functionFinding(
          fn,
          `${fn.runtime} reaches end of support on ${date}, in ${plural(days, 'day')}`,
          { runtime: fn.runtime!, deprecatesOn: date, daysLeft: days },
          severity,
        ),
      );
    }
    return verdict(findings);
  },
});

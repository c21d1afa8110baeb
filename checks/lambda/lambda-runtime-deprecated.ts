import { functionFinding, NO_FUNCTIONS, notApplicable, verdict } from '../helpers.js';
import { daysUntil, runtimeDeprecations } from '../runtimes.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-runtime-deprecated',
    title: 'Function runs on a deprecated runtime',
    service: 'lambda',
    pillar: 'security',
    severity: 'high',
    rationale:
      'A deprecated runtime no longer receives security patches and its functions lose technical support; ' +
      'Lambda later blocks creating and then updating functions on it.',
    remediation:
      'Move the function to a supported runtime of the same language (for example nodejs24.x or python3.14), ' +
      'test it, and deploy; update layers and native dependencies built for the old runtime.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-compute',
        choiceId: 'sec_protect_compute_vulnerability_management',
      },
      { lens: 'serverless', questionId: 'ops_q2', choiceId: 'ops_ops_q2_a6' },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    // Image functions carry their runtime inside the image, so only zip functions are judged.
    const zipFunctions = snapshot.lambda.functions.filter((f) => f.packageType === 'Zip' && f.runtime);
    if (zipFunctions.length === 0) {
      return notApplicable(
        snapshot.lambda.functions.length === 0 ? NO_FUNCTIONS : 'no zip functions with a runtime',
      );
    }
    const findings: Finding[] = [];
    for (const fn of zipFunctions) {
      const date = runtimeDeprecations[fn.runtime!];
      if (date === undefined || daysUntil(date, snapshot.takenAt) > 0) continue;
      findings.push(
        functionFinding(fn, `${fn.runtime} reached end of support on ${date}`, {
          runtime: fn.runtime!,
          deprecatedOn: date,
        }),
      );
    }
    return verdict(findings);
  },
});

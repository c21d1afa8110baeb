import { functionFinding, NO_FUNCTIONS, notApplicable, verdict } from '../helpers.js';
import {
  compareVersions,
  daysUntil,
  newestRuntimeByFamily,
  parseRuntime,
  runtimeDeprecations,
} from '../runtimes.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-runtime-not-latest',
    title: 'Not on the newest runtime of its language',
    service: 'lambda',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'Staying on the newest runtime keeps upgrades small and buys the longest support window. Runtimes already ' +
      'deprecated or deprecating soon are left to the two deprecation checks.',
    remediation:
      'Schedule an upgrade to the newest identifier of the language (nodejs24.x, python3.14, java25, dotnet10, ' +
      'ruby3.4 or provided.al2023) as part of regular maintenance.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'dev-integ', choiceId: 'ops_dev_integ_patch_mgmt' },
      { lens: 'wellarchitected', questionId: 'sus_dev', choiceId: 'sus_sus_dev_a3' },
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
      const runtime = fn.runtime!;
      const date = runtimeDeprecations[runtime];
      if (
        date !== undefined &&
        daysUntil(date, snapshot.takenAt) <= thresholds.runtimeDeprecationWarningDays
      ) {
        continue;
      }
      const parsed = parseRuntime(runtime);
      const newest = parsed && newestRuntimeByFamily[parsed.family];
      const newestParsed = newest && parseRuntime(newest);
      if (!parsed || !newest || !newestParsed) continue;
      if (compareVersions(parsed.version, newestParsed.version) >= 0) continue;
      findings.push(functionFinding(fn, `${runtime} is older than ${newest}`, { runtime, newest }));
    }
    return verdict(findings);
  },
});

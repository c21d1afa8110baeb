import { functionFinding, NO_FUNCTIONS, notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-runtime-updates-manual',
    title: 'Runtime patching pinned to Manual',
    service: 'lambda',
    pillar: 'security',
    severity: 'low',
    rationale:
      'In Manual mode the function stays on a fixed runtime version and misses the security patches Lambda rolls ' +
      'out; Manual is meant as a short-lived rollback, not a steady state.',
    remediation:
      'Set the runtime update mode back to Auto (or FunctionUpdate if patches must ride with deployments) once ' +
      'the incompatibility that prompted the pin is fixed.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'dev-integ', choiceId: 'ops_dev_integ_patch_mgmt' },
      {
        lens: 'wellarchitected',
        questionId: 'protect-compute',
        choiceId: 'sec_protect_compute_vulnerability_management',
      },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:GetRuntimeManagementConfig'],
  },
  run(snapshot) {
    const zipFunctions = snapshot.lambda.functions.filter((f) => f.packageType === 'Zip');
    if (zipFunctions.length === 0) {
      return notApplicable(snapshot.lambda.functions.length === 0 ? NO_FUNCTIONS : 'no zip functions');
    }
    const known = zipFunctions.filter((f) => f.runtimeUpdateMode !== undefined);
    if (known.length === 0) return notAssessed('runtime management settings were not collected');
    return verdict(
      known
        .filter((f) => f.runtimeUpdateMode === 'Manual')
        .map((f) => functionFinding(f, `runtime updates are Manual on ${f.runtime ?? 'its runtime'}`)),
    );
  },
});

import { functionFinding, NO_FUNCTIONS, notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-code-signing',
    title: 'No code-signing config',
    service: 'lambda',
    pillar: 'security',
    severity: 'low',
    rationale:
      'Without a code-signing configuration Lambda accepts any package a deployer uploads; signing proves the ' +
      'code came unaltered from your build pipeline.',
    remediation:
      'Create a signing profile in AWS Signer, sign packages in the pipeline, and attach a code-signing ' +
      'configuration that enforces it to the function.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-compute',
        choiceId: 'sec_protect_compute_validate_software_integrity',
      },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:GetFunctionCodeSigningConfig'],
  },
  run(snapshot) {
    // Code signing applies to zip packages only.
    const zipFunctions = snapshot.lambda.functions.filter((f) => f.packageType === 'Zip');
    if (zipFunctions.length === 0) {
      return notApplicable(snapshot.lambda.functions.length === 0 ? NO_FUNCTIONS : 'no zip functions');
    }
    const known = zipFunctions.filter((f) => f.codeSigningConfigArn !== undefined);
    if (known.length === 0) return notAssessed('code-signing configurations were not collected');
    return verdict(
      known
        .filter((f) => f.codeSigningConfigArn === null)
        .map((f) => functionFinding(f, 'no code-signing configuration')),
    );
  },
});

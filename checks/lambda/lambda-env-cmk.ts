import { functionFinding, NO_FUNCTIONS, notApplicable, plural, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-env-cmk',
    title: 'Environment variables not encrypted with a customer key',
    service: 'lambda',
    pillar: 'security',
    severity: 'low',
    rationale:
      'With the AWS managed key anyone allowed to read the function configuration can read its environment; a ' +
      'customer managed key adds a key policy and an audit trail of decryptions.',
    remediation:
      'Create a customer managed KMS key, allow the execution role kms:Decrypt on it, and set it as the ' +
      "function's KMSKeyArn.",
    docsUrl:
      'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-rest',
        choiceId: 'sec_protect_data_rest_key_mgmt',
      },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const withEnv = snapshot.lambda.functions.filter((f) => f.environmentVariableNames.length > 0);
    if (withEnv.length === 0) return notApplicable('no function has environment variables');
    return verdict(
      withEnv
        .filter((f) => !f.kmsKeyArn)
        .map((f) =>
          functionFinding(
            f,
            `${plural(f.environmentVariableNames.length, 'environment variable')} encrypted with the AWS managed key`,
          ),
        ),
    );
  },
});

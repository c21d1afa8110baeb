import { functionFinding, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-env-secrets',
    title: 'Secrets in environment variables',
    service: 'lambda',
    pillar: 'security',
    severity: 'critical',
    rationale:
      'Environment variable values are visible to anyone with lambda:GetFunctionConfiguration, land in ' +
      'deployment templates and logs, and are never rotated.',
    remediation:
      'Move the secret to AWS Secrets Manager or SSM Parameter Store (SecureString), read it at run time (the ' +
      'Parameters and Secrets extension caches it), rotate the exposed value, and keep only its name or ARN in ' +
      'the environment.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'identities', choiceId: 'sec_identities_secrets' },
      { lens: 'serverless', questionId: 'sec_q3', choiceId: 'sec_sec_q3_a4' },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    // Names only: the snapshot never holds values, and a finding must not either.
    return overFunctions(snapshot, (fn) => {
      const names = fn.secretLookingVariables;
      if (names.length === 0) return undefined;
      const message =
        names.length === 1
          ? `environment variable ${names[0]} looks like a secret`
          : `environment variables ${names.join(', ')} look like secrets`;
      return functionFinding(fn, message, { variables: names.join(',') });
    });
  },
});

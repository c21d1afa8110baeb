import { looksLikeSecret } from '../../src/inventory/secrets.js';
import { literalsOf, overDefinitions, statesOf } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-secrets-in-definition',
    title: 'Secrets in the state machine definition',
    service: 'stepfunctions',
    pillar: 'security',
    severity: 'critical',
    rationale:
      'A definition is readable by anyone with states:DescribeStateMachine and is kept in every version and in source control. A credential written into it cannot be rotated without redeploying and leaks with every copy.',
    remediation:
      'Rotate the exposed credential, then read it at run time: a Secrets Manager GetSecretValue task, an EventBridge connection for HTTP tasks, or a parameter passed in the execution input.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/connect-third-party-apis.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'identities', choiceId: 'sec_identities_secrets' },
      { lens: 'serverless', questionId: 'sec_q3', choiceId: 'sec_sec_q3_a4' },
    ],
    data: 'config',
    needs: ['stepfunctions'],
  },
  run(snapshot) {
    return overDefinitions(snapshot, (m, definition) => {
      // Only the state and field names leave this function, never the value.
      const where = statesOf(definition).flatMap(({ name, state }) =>
        literalsOf(state)
          .filter((l) => looksLikeSecret(l.key, l.value))
          .map((l) => `${name}.${l.path}`),
      );
      if (where.length === 0) return undefined;
      return resourceFinding(
        m,
        where.length === 1
          ? `${where[0]} looks like a secret`
          : `${where.length} fields look like secrets: ${where.join(', ')}`,
        { fields: where.length },
      );
    });
  },
});

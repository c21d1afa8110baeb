import { functionFinding, isFunctionUrlStatement, isPublicStatement, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-public-policy',
    title: 'Resource policy allows public invoke',
    service: 'lambda',
    pillar: 'security',
    severity: 'critical',
    rationale:
      'A statement that allows principal "*" without a source account, source ARN or organization condition lets ' +
      'anyone with an AWS account invoke the function, run up its cost and reach whatever its role can.',
    remediation:
      'Remove the statement, or name the calling principal and add aws:SourceAccount and aws:SourceArn (or ' +
      'aws:PrincipalOrgID) conditions.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'permissions',
        choiceId: 'sec_permissions_analyze_cross_account',
      },
      { lens: 'serverless', questionId: 'sec_q2', choiceId: 'sec_sec_q2_a1' },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:GetPolicy'],
  },
  run(snapshot) {
    return overFunctions(snapshot, (fn) => {
      // Function URL statements with auth NONE are reported by lambda-url-auth-none.
      const open = (fn.policy ?? []).filter((st) => isPublicStatement(st) && !isFunctionUrlStatement(st));
      if (open.length === 0) return undefined;
      const names = open.map((st, i) => st.sid ?? `#${i + 1}`).join(', ');
      return functionFinding(
        fn,
        `policy statement ${names} allows "*" to ${open.flatMap((s) => s.actions).join(', ')} with no source condition`,
        {
          statements: open.length,
        },
      );
    });
  },
});

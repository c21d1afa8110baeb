import { isPublicStatement, overTopics, resourceFinding } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sns-public-policy',
    title: 'Topic policy open to anyone',
    service: 'sns',
    pillar: 'security',
    severity: 'critical',
    rationale:
      'An Allow for principal * with no condition naming the caller lets any AWS account publish to the topic or subscribe to it. Strangers can then inject messages into every subscriber or read what the topic carries.',
    remediation:
      'Replace the * principal with the accounts or services that need access, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'permissions', choiceId: 'sec_permissions_least_privileges' },
      { lens: 'wellarchitected', questionId: 'permissions', choiceId: 'sec_permissions_share_securely' },
    ],
    data: 'config',
    needs: ['sns'],
  },
  run(snapshot) {
    return overTopics(snapshot, (topics) => {
      const findings: Finding[] = [];
      for (const t of topics) {
        const open = (t.policy ?? []).filter(isPublicStatement);
        if (open.length === 0) continue;
        const actions = [...new Set(open.flatMap((s) => s.actions))].sort().join(', ');
        findings.push(
          resourceFinding(t, `policy allows ${actions || 'actions'} to any principal without a condition`),
        );
      }
      return findings;
    });
  },
});

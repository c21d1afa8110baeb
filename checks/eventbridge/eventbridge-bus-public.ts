import { isPublicStatement, notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'eventbridge-bus-public',
    title: 'Event bus policy open to any principal',
    service: 'eventbridge',
    pillar: 'security',
    severity: 'high',
    rationale:
      'An Allow for principal * with no condition on the caller lets any AWS account put events on the bus (or manage its rules). Forged events then trigger every rule and target behind it.',
    remediation:
      'Replace * with the accounts that send events, or add an aws:PrincipalOrgID (or aws:SourceAccount) condition to the statement (PutPermission / RemovePermission).',
    docsUrl: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'permissions', choiceId: 'sec_permissions_least_privileges' },
      { lens: 'wellarchitected', questionId: 'permissions', choiceId: 'sec_permissions_share_securely' },
    ],
    data: 'config',
    needs: ['eventbridge'],
  },
  run(snapshot) {
    const buses = snapshot.eventbridge?.buses;
    if (!buses) return notAssessed('EventBridge buses were not collected');
    if (buses.length === 0) return notApplicable('no EventBridge buses');
    const findings: Finding[] = [];
    for (const b of buses) {
      const open = (b.policy ?? []).filter(isPublicStatement);
      if (open.length === 0) continue;
      const actions = [...new Set(open.flatMap((s) => s.actions))].sort().join(', ');
      findings.push({
        resourceId: b.arn,
        resourceName: b.name,
        message: `policy allows ${actions || 'actions'} to any principal without a condition`,
      });
    }
    return verdict(findings);
  },
});

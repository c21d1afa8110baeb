import { isPublicStatement, notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sqs-public-policy',
    title: 'Queue policy open to anyone',
    service: 'sqs',
    pillar: 'security',
    severity: 'critical',
    rationale:
      'An Allow for principal * with no condition naming the caller lets any AWS account read, send or delete messages. That exposes data and lets strangers inject work.',
    remediation:
      'Replace the * principal with the accounts or services that need access, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.',
    docsUrl:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'permissions', choiceId: 'sec_permissions_least_privileges' },
      { lens: 'wellarchitected', questionId: 'permissions', choiceId: 'sec_permissions_share_securely' },
    ],
    data: 'config',
    needs: ['sqs'],
    reads: ['sqs:GetQueueAttributes'],
  },
  run(snapshot) {
    const queues = snapshot.sqs?.queues;
    if (!queues) return notAssessed('SQS queues were not collected');
    if (queues.length === 0) return notApplicable('no SQS queues');
    const findings: Finding[] = [];
    for (const q of queues) {
      const open = (q.policy ?? []).filter(isPublicStatement);
      if (open.length === 0) continue;
      const actions = [...new Set(open.flatMap((s) => s.actions))].sort().join(', ');
      findings.push(
        resourceFinding(q, `policy allows ${actions || 'actions'} to any principal without a condition`),
      );
    }
    return verdict(findings);
  },
});

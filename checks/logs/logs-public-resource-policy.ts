import { isPublicStatement, notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'logs-public-resource-policy',
    title: 'Logs resource policy open to anyone',
    service: 'logs',
    pillar: 'security',
    severity: 'high',
    rationale:
      'A CloudWatch Logs resource policy that allows principal "*" without a source condition lets any AWS ' +
      'account write into (or deliver to) your log groups, polluting or flooding them.',
    remediation:
      'Name the service principal that needs access (for example delivery.logs.amazonaws.com) and add ' +
      'aws:SourceAccount and aws:SourceArn conditions, or delete the policy if nothing uses it.',
    docsUrl:
      'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'permissions',
        choiceId: 'sec_permissions_analyze_cross_account',
      },
    ],
    data: 'config',
    needs: ['logs'],
    reads: ['logs:DescribeResourcePolicies'],
  },
  run(snapshot) {
    const policies = snapshot.logs.resourcePolicies;
    if (policies === undefined) return notAssessed('logs resource policies were not collected');
    if (policies.length === 0) return notApplicable('no CloudWatch Logs resource policies');
    const findings: Finding[] = [];
    for (const p of policies) {
      const open = p.statements.filter(isPublicStatement);
      if (open.length === 0) continue;
      findings.push({
        resourceId: p.name,
        resourceName: p.name,
        message: `allows "*" to ${[...new Set(open.flatMap((s) => s.actions))].join(', ')} with no source condition`,
        details: { statements: open.length },
      });
    }
    return verdict(findings);
  },
});

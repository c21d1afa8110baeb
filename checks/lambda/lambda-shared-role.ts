import { NO_FUNCTIONS, notApplicable, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-shared-role',
    title: 'One execution role shared by many functions',
    service: 'lambda',
    pillar: 'security',
    severity: 'medium',
    rationale:
      "A shared role holds the union of every function's permissions, so each function can do what any of them " +
      'needs and a flaw in one exposes all of them.',
    remediation:
      'Give each function its own execution role with only the actions and resources that function uses.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'permissions', choiceId: 'sec_permissions_least_privileges' },
      { lens: 'serverless', questionId: 'sec_q2', choiceId: 'sec_sec_q2_a3' },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot, thresholds) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const byRole = new Map<string, string[]>();
    for (const fn of snapshot.lambda.functions)
      byRole.set(fn.role, [...(byRole.get(fn.role) ?? []), fn.name]);
    const findings: Finding[] = [];
    for (const [role, names] of [...byRole].sort(([a], [b]) => a.localeCompare(b))) {
      if (names.length <= thresholds.sharedRoleMaxFunctions) continue;
      const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? `, +${names.length - 5} more` : '');
      findings.push({
        resourceId: role,
        resourceName: role.split('/').at(-1) ?? role,
        message: `used by ${names.length} functions: ${shown}`,
        details: { functionCount: names.length },
      });
    }
    return verdict(findings);
  },
});

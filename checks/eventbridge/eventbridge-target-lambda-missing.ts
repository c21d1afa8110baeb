import { functionNameFromArn, notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'eventbridge-target-lambda-missing',
    title: 'Rule targets a Lambda function that does not exist',
    service: 'eventbridge',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'A rule whose Lambda target was deleted or renamed keeps matching events, and every delivery fails. The events go to the dead-letter queue, or are dropped after the retries when there is none.',
    remediation:
      'Point the target at the function that now does the work (PutTargets), or remove the target (RemoveTargets) and the rule if nothing should run.',
    docsUrl: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-troubleshooting.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'monitor-aws-resources',
        choiceId: 'rel_monitor_aws_resources_monitor_resources',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
    ],
    data: 'cross',
    needs: ['eventbridge', 'lambda'],
  },
  run(snapshot) {
    const rules = snapshot.eventbridge?.rules;
    if (!rules) return notAssessed('EventBridge rules were not collected');
    const region = snapshot.region;
    // Functions of other accounts or regions are not in the inventory: they cannot be judged.
    const local = (arn: string) => {
      const [, , service, r, account] = arn.split(':');
      return (
        service === 'lambda' &&
        r === region &&
        (snapshot.accountId === undefined || account === snapshot.accountId)
      );
    };
    const existing = new Set(snapshot.lambda.functions.map((f) => f.name));
    const findings: Finding[] = [];
    let judged = 0;
    for (const r of rules) {
      if (r.state === 'DISABLED') continue;
      const lambdaTargets = (r.targets ?? []).filter((t) => local(t.arn));
      judged += lambdaTargets.length;
      const missing = lambdaTargets.map((t) => functionNameFromArn(t.arn)).filter((n) => !existing.has(n));
      if (missing.length === 0) continue;
      findings.push({
        resourceId: r.arn,
        resourceName: r.name,
        message: `targets missing function ${missing.join(', ')}`,
        details: { bus: r.bus, functions: missing.join(',') },
      });
    }
    if (judged === 0)
      return notApplicable('no enabled EventBridge rule targets a Lambda function of this account');
    return verdict(findings);
  },
});

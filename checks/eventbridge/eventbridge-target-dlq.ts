import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'eventbridge-target-dlq',
    title: 'Rule target without a dead-letter queue',
    service: 'eventbridge',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'When EventBridge cannot deliver an event to a target (target deleted, permission missing, throttled past the retry window) it drops the event. A dead-letter queue keeps it for inspection and redrive.',
    remediation:
      'Set DeadLetterConfig on the target to an SQS queue in the same account and region, allow events.amazonaws.com to send to it, and alarm on its depth.',
    docsUrl: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'prevent-interaction-failure',
        choiceId: 'rel_prevent_interaction_failure_loosely_coupled_system',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
    ],
    data: 'config',
    needs: ['eventbridge'],
  },
  run(snapshot) {
    const rules = snapshot.eventbridge?.rules;
    if (!rules) return notAssessed('EventBridge rules were not collected');
    // Disabled rules deliver nothing, and rules another service manages cannot be changed.
    const judged = rules.filter(
      (r) => r.state !== 'DISABLED' && !r.managedBy && (r.targets?.length ?? 0) > 0,
    );
    if (judged.length === 0) return notApplicable('no enabled EventBridge rule with targets');
    const findings: Finding[] = [];
    for (const r of judged) {
      const bare = (r.targets ?? []).filter((t) => !t.deadLetterArn).map((t) => t.id);
      if (bare.length === 0) continue;
      findings.push({
        resourceId: r.arn,
        resourceName: r.name,
        message: `${bare.length === 1 ? 'target' : 'targets'} ${bare.join(', ')} without a dead-letter queue`,
        details: { bus: r.bus, targets: bare.join(',') },
      });
    }
    return verdict(findings);
  },
});

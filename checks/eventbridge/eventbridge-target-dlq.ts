import { overRuleTargets } from '../helpers.js';
import { defineCheck } from '../types.js';

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
    return overRuleTargets(
      snapshot,
      (t) => !t.deadLetterArn,
      (targets) => `${targets} without a dead-letter queue`,
    );
  },
});

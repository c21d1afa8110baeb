import { overRuleTargets } from '../helpers.js';
import { defineCheck } from '../types.js';

/** EventBridge's retry defaults: what a target without a RetryPolicy gets. */
const DEFAULT_ATTEMPTS = 185;
const DEFAULT_AGE_SECONDS = 86_400;

export const check = defineCheck({
  meta: {
    id: 'eventbridge-target-retry',
    title: 'Rule target left at the default retry policy',
    service: 'eventbridge',
    pillar: 'reliability',
    severity: 'low',
    rationale:
      'By default EventBridge retries a failing target up to 185 times over 24 hours. A scheduled job or time-sensitive event then lands hours late, or keeps hammering a broken target, before reaching the dead-letter queue.',
    remediation:
      'Set a RetryPolicy on the target sized to how long the event stays useful (for example MaximumEventAgeInSeconds 3600 and MaximumRetryAttempts 10), with a dead-letter queue to catch the rest.',
    docsUrl: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_limit_retries',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a3' },
    ],
    data: 'config',
    needs: ['eventbridge'],
  },
  run(snapshot) {
    return overRuleTargets(
      snapshot,
      (t) =>
        (t.retryPolicy?.maximumRetryAttempts ?? DEFAULT_ATTEMPTS) === DEFAULT_ATTEMPTS &&
        (t.retryPolicy?.maximumEventAgeSeconds ?? DEFAULT_AGE_SECONDS) === DEFAULT_AGE_SECONDS,
      (targets) => `${targets} retry 185 times over 24 h (the defaults)`,
    );
  },
});

import { overTopics, resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sns-unused-topic',
    title: 'Topic with no confirmed subscriptions',
    service: 'sns',
    pillar: 'costOptimization',
    severity: 'low',
    rationale:
      'A topic nobody is subscribed to delivers every message it accepts to no one. It is usually left over from a retired consumer, and publishers still pay for requests that go nowhere.',
    remediation:
      'Delete the topic once no publisher uses it, or subscribe the consumer that should receive its messages.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-delete-subscription-topic.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_decommission',
      },
    ],
    data: 'config',
    needs: ['sns'],
  },
  run(snapshot) {
    return overTopics(snapshot, (topics) =>
      topics
        .filter((t) => t.subscriptionsConfirmed === 0)
        .map((t) =>
          resourceFinding(
            t,
            t.subscriptionsPending > 0
              ? `no confirmed subscriptions (${t.subscriptionsPending} pending)`
              : 'no subscriptions',
          ),
        ),
    );
  },
});

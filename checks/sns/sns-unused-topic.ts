import type { SnsTopic } from '../../src/inventory/collectors/sns.js';
import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

const finding = (t: SnsTopic, message: string): Finding => ({
  resourceId: t.arn,
  resourceName: t.name,
  message,
});

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
    const topics = snapshot.sns?.topics;
    if (!topics) return notAssessed('SNS topics were not collected');
    if (topics.length === 0) return notApplicable('no SNS topics');
    return verdict(
      topics
        .filter((t) => t.subscriptionsConfirmed === 0)
        .map((t) =>
          finding(
            t,
            t.subscriptionsPending > 0
              ? `no confirmed subscriptions (${t.subscriptionsPending} pending)`
              : 'no subscriptions',
          ),
        ),
    );
  },
});

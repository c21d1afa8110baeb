import { overTopics, resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sns-pending-subscriptions',
    title: 'Topic with unconfirmed subscriptions',
    service: 'sns',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'A subscription stays PendingConfirmation until its endpoint confirms it, and until then it receives nothing. An on-call address or webhook that never confirmed silently misses every notification.',
    remediation:
      'Confirm the subscription from the endpoint (or re-request confirmation), or unsubscribe it if the endpoint is no longer meant to receive messages. Unconfirmed subscriptions expire after 3 days.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.confirm.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'event-response', choiceId: 'ops_event_response_push_notify' },
    ],
    data: 'config',
    needs: ['sns'],
  },
  run(snapshot) {
    return overTopics(snapshot, (topics) =>
      topics
        .filter((t) => t.subscriptionsPending > 0)
        .map((t) =>
          resourceFinding(
            t,
            t.subscriptionsPending === 1
              ? '1 subscription is pending confirmation'
              : `${t.subscriptionsPending} subscriptions are pending confirmation`,
            { subscriptionsPending: t.subscriptionsPending },
          ),
        ),
    );
  },
});

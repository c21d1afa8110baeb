import type { SnsSubscription, SnsTopic } from '../../src/inventory/snapshot.js';
import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

/** Endpoints that can be down or refuse a message: SNS retries them, then drops what it could not deliver. */
const REDRIVE_PROTOCOLS = new Set(['sqs', 'lambda', 'http', 'https']);

const finding = (t: SnsTopic, s: SnsSubscription, message: string): Finding => ({
  resourceId: s.arn ?? t.arn,
  resourceName: `${t.name} → ${s.endpoint ?? s.protocol}`,
  message,
  details: { topic: t.name, protocol: s.protocol },
});

export const check = defineCheck({
  meta: {
    id: 'sns-subscription-dlq',
    title: 'Subscription without a dead-letter queue',
    service: 'sns',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'When SNS cannot deliver to a queue, function or HTTP endpoint it retries, then discards the message. A redrive policy keeps those messages in a dead-letter queue for inspection and replay.',
    remediation:
      'Create an SQS queue that lets the topic send to it, and set the subscription RedrivePolicy to {"deadLetterTargetArn": "<queue ARN>"}.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_limit_retries',
      },
    ],
    data: 'config',
    needs: ['sns'],
    reads: ['sns:GetSubscriptionAttributes'],
  },
  run(snapshot) {
    const topics = snapshot.sns?.topics;
    if (!topics) return notAssessed('SNS topics were not collected');
    // Unconfirmed subscriptions have no ARN and cannot hold a redrive policy yet.
    const candidates = topics.flatMap((t) =>
      (t.subscriptions ?? [])
        .filter((s) => !s.pendingConfirmation && REDRIVE_PROTOCOLS.has(s.protocol))
        .map((s) => ({ t, s })),
    );
    if (candidates.length === 0) {
      if (topics.length > 0 && topics.every((t) => t.subscriptions === undefined))
        return notAssessed('no topic had its subscriptions listed');
      return notApplicable('no confirmed queue, function or HTTP(S) subscriptions');
    }
    const read = candidates.filter(({ s }) => s.attributesRead);
    if (read.length === 0) return notAssessed('no subscription had its attributes read');
    return verdict(
      read
        .filter(({ s }) => !s.deadLetterTargetArn)
        .map(({ t, s }) => finding(t, s, `${s.protocol} subscription has no redrive policy`)),
    );
  },
});

import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sqs-dlq-has-messages',
    title: 'Messages waiting in a dead-letter queue',
    service: 'sqs',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'Messages in a dead-letter queue are work that failed and has not been handled. They expire silently when nobody looks.',
    remediation:
      'Inspect the messages, fix the cause, then redrive them to the source queue (StartMessageMoveTask) or delete them; alarm on the DLQ depth.',
    docsUrl:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
      {
        lens: 'wellarchitected',
        questionId: 'withstand-component-failures',
        choiceId: 'rel_withstand_component_failures_monitoring_health',
      },
    ],
    data: 'config',
    needs: ['sqs'],
    reads: ['sqs:GetQueueAttributes'],
  },
  run(snapshot) {
    const queues = snapshot.sqs?.queues;
    if (!queues) return notAssessed('SQS queues were not collected');
    if (queues.length === 0) return notApplicable('no SQS queues');
    const dlqs = queues.filter((q) => q.deadLetterSourceArns.length > 0);
    if (dlqs.length === 0) return notApplicable('no dead-letter queues');
    const measured = dlqs.filter((q) => q.approximateNumberOfMessages !== undefined);
    if (measured.length === 0) return notAssessed('dead-letter queue depths were not collected');
    return verdict(
      measured
        .filter((q) => (q.approximateNumberOfMessages ?? 0) > 0)
        .map((q) =>
          resourceFinding(q, `${q.approximateNumberOfMessages} messages waiting`, {
            messages: q.approximateNumberOfMessages ?? 0,
          }),
        ),
    );
  },
});

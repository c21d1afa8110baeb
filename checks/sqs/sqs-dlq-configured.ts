import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sqs-dlq-configured',
    title: 'Queue without a dead-letter queue',
    service: 'sqs',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'A message that always fails is received again and again until it expires, costing retries and hiding the failure. A dead-letter queue keeps it aside for inspection.',
    remediation:
      'Create a dead-letter queue and set a RedrivePolicy (deadLetterTargetArn and maxReceiveCount) on the queue.',
    docsUrl:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_limit_retries',
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
    // Queues Lambda sends failed events to are dead-letter queues too (of a function, not a queue).
    const lambdaTargets = new Set<string>();
    for (const fn of snapshot.lambda.functions) {
      if (fn.deadLetterTargetArn) lambdaTargets.add(fn.deadLetterTargetArn);
      if (fn.asyncConfig?.onFailureDestination) lambdaTargets.add(fn.asyncConfig.onFailureDestination);
    }
    for (const m of snapshot.lambda.eventSourceMappings)
      if (m.onFailureDestination) lambdaTargets.add(m.onFailureDestination);
    const sources = queues.filter((q) => q.deadLetterSourceArns.length === 0 && !lambdaTargets.has(q.arn));
    if (sources.length === 0) return notApplicable('every queue is a dead-letter queue');
    return verdict(
      sources
        .filter((q) => !q.redrivePolicy)
        .map((q) => resourceFinding(q, 'no dead-letter queue (RedrivePolicy) set')),
    );
  },
});

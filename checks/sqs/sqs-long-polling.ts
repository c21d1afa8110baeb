import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sqs-long-polling',
    title: 'Short polling on a queue no Lambda function reads',
    service: 'sqs',
    pillar: 'costOptimization',
    severity: 'low',
    rationale:
      'With ReceiveMessageWaitTimeSeconds 0, consumers that poll an empty queue pay for many empty receives. Lambda event source mappings long-poll on their own, so only other consumers are affected.',
    remediation: 'Set ReceiveMessageWaitTimeSeconds to 20 (or have consumers pass WaitTimeSeconds).',
    docsUrl:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html',
    wellArchitected: [{ lens: 'serverless', questionId: 'cost_q1', choiceId: 'cost_cost_q1_a4' }],
    data: 'cross',
    needs: ['sqs', 'lambda'],
    reads: ['lambda:ListEventSourceMappings', 'sqs:GetQueueAttributes'],
  },
  run(snapshot) {
    const queues = snapshot.sqs?.queues;
    if (!queues) return notAssessed('SQS queues were not collected');
    if (queues.length === 0) return notApplicable('no SQS queues');
    const lambdaRead = new Set(
      snapshot.lambda.eventSourceMappings.filter((m) => m.sourceType === 'sqs').map((m) => m.eventSourceArn),
    );
    const candidates = queues.filter((q) => !lambdaRead.has(q.arn) && q.deadLetterSourceArns.length === 0);
    if (candidates.length === 0)
      return notApplicable('every queue is read by Lambda or is a dead-letter queue');
    return verdict(
      candidates
        .filter((q) => q.receiveMessageWaitTimeSeconds === 0)
        .map((q) =>
          resourceFinding(q, 'ReceiveMessageWaitTimeSeconds is 0 and no Lambda function reads the queue'),
        ),
    );
  },
});

import type { SqsQueue } from '../../src/inventory/snapshot.js';
import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

const days = (s: number) => `${Math.round((s / 86_400) * 10) / 10} days`;

export const check = defineCheck({
  meta: {
    id: 'sqs-dlq-retention',
    title: 'DLQ retention not longer than the source queue',
    service: 'sqs',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'A message keeps its original enqueue time when it moves to the dead-letter queue. If the DLQ keeps messages no longer than the source, they can expire there almost at once.',
    remediation:
      "Set the dead-letter queue's MessageRetentionPeriod above the source queue's, typically to the 14-day maximum.",
    docsUrl:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
      {
        lens: 'wellarchitected',
        questionId: 'backing-up-data',
        choiceId: 'rel_backing_up_data_identified_backups_data',
      },
    ],
    data: 'cross',
    needs: ['sqs'],
    reads: ['sqs:GetQueueAttributes'],
  },
  run(snapshot) {
    const queues = snapshot.sqs?.queues;
    if (!queues) return notAssessed('SQS queues were not collected');
    if (queues.length === 0) return notApplicable('no SQS queues');
    const byArn = new Map(queues.map((q) => [q.arn, q]));
    const pairs = queues
      .map((source) => ({ source, dlq: byArn.get(source.redrivePolicy?.deadLetterTargetArn ?? '') }))
      .filter((p): p is { source: SqsQueue; dlq: SqsQueue } => p.dlq !== undefined);
    if (pairs.length === 0)
      return notApplicable('no queue has a dead-letter queue in this account and region');
    const findings: Finding[] = [];
    for (const { source, dlq } of pairs) {
      if (dlq.messageRetentionSeconds > source.messageRetentionSeconds) continue;
      findings.push(
        resourceFinding(
          dlq,
          `keeps messages ${days(dlq.messageRetentionSeconds)}, not longer than its source ${source.name} (${days(source.messageRetentionSeconds)})`,
          { source: source.arn },
        ),
      );
    }
    return verdict(findings);
  },
});

import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sqs-max-receive-count',
    title: 'Dead-letter maxReceiveCount out of range',
    service: 'sqs',
    pillar: 'reliability',
    severity: 'low',
    rationale:
      'A maxReceiveCount below 3 sends messages to the DLQ after a single transient failure, while one above 20 keeps retrying a poison message for a long time.',
    remediation:
      'Set the RedrivePolicy maxReceiveCount between 3 and 20 (thresholds sqsMaxReceiveCountMin/Max); with Lambda consumers, at least 5 so throttling does not dead-letter good messages.',
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
  run(snapshot, thresholds) {
    const min = thresholds.sqsMaxReceiveCountMin;
    const max = thresholds.sqsMaxReceiveCountMax;
    const queues = snapshot.sqs?.queues;
    if (!queues) return notAssessed('SQS queues were not collected');
    if (queues.length === 0) return notApplicable('no SQS queues');
    const redriven = queues.filter((q) => q.redrivePolicy);
    if (redriven.length === 0) return notApplicable('no queue has a redrive policy');
    const findings: Finding[] = [];
    for (const q of redriven) {
      const n = q.redrivePolicy!.maxReceiveCount;
      if (n >= min && n <= max) continue;
      findings.push(
        resourceFinding(q, `maxReceiveCount ${n} is ${n < min ? 'below' : 'above'} the ${min}-${max} range`, {
          maxReceiveCount: n,
        }),
      );
    }
    return verdict(findings);
  },
});

import { notApplicable, notAssessed, plural, resourceFinding, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'sqs-retention',
    title: 'Queue retention too short to recover',
    service: 'sqs',
    pillar: 'reliability',
    severity: 'low',
    rationale:
      'Messages that are not consumed within the retention period are deleted. A short period leaves little time to fix a broken consumer before data is lost.',
    remediation:
      'Raise MessageRetentionPeriod to at least four days (the default) or up to 14 days for queues whose consumers may be down for a while.',
    docsUrl:
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-architecture.html',
    wellArchitected: [
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
      {
        lens: 'wellarchitected',
        questionId: 'planning-for-recovery',
        choiceId: 'rel_planning_for_recovery_objective_defined_recovery',
      },
    ],
    data: 'config',
    needs: ['sqs'],
    reads: ['sqs:GetQueueAttributes'],
  },
  run(snapshot, thresholds) {
    const minDays = thresholds.sqsRetentionMinDays;
    const queues = snapshot.sqs?.queues;
    if (!queues) return notAssessed('SQS queues were not collected');
    if (queues.length === 0) return notApplicable('no SQS queues');
    return verdict(
      queues
        .filter((q) => q.messageRetentionSeconds < minDays * 86_400)
        .map((q) =>
          resourceFinding(
            q,
            `retention ${plural(Math.round((q.messageRetentionSeconds / 3600) * 10) / 10, 'hour')} is below ${minDays} days`,
            { retentionSeconds: q.messageRetentionSeconds },
          ),
        ),
    );
  },
});

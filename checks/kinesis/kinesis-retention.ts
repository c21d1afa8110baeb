import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'kinesis-retention',
    title: 'Data stream keeps records too briefly',
    service: 'kinesis',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'A consumer that is broken or behind for longer than the retention period loses records for good: they expire from the shard unread. The 24-hour default leaves no room for a weekend outage.',
    remediation:
      'Raise the retention (IncreaseStreamRetentionPeriod) to at least the threshold, 7 days by default, so consumers can be fixed and replay what they missed. Retention past 24 hours is billed per shard-hour.',
    docsUrl: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'backing-up-data',
        choiceId: 'rel_backing_up_data_identified_backups_data',
      },
      { lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a1' },
    ],
    data: 'config',
    needs: ['kinesis'],
  },
  run(snapshot, thresholds) {
    const streams = snapshot.kinesis?.streams;
    if (!streams) return notAssessed('Kinesis data streams were not collected');
    if (streams.length === 0) return notApplicable('no Kinesis data streams');
    const min = thresholds.kinesisRetentionMinHours;
    return verdict(
      streams
        .filter((s) => s.retentionHours < min)
        .map((s) => ({
          resourceId: s.arn,
          resourceName: s.name,
          message: `keeps records ${s.retentionHours} h, below ${min} h`,
          details: { retentionHours: s.retentionHours, thresholdHours: min },
        })),
    );
  },
});

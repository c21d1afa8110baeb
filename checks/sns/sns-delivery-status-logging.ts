import type { SnsFeedbackProtocol } from '../../src/inventory/snapshot.js';
import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

/** Subscription protocol → the feedback attribute family that logs its deliveries (http and https share HTTP). */
const LOGGED_AS: Record<string, SnsFeedbackProtocol> = {
  sqs: 'sqs',
  lambda: 'lambda',
  http: 'http',
  https: 'http',
  application: 'application',
  firehose: 'firehose',
};

export const check = defineCheck({
  meta: {
    id: 'sns-delivery-status-logging',
    title: 'Failed deliveries are not logged',
    service: 'sns',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'Without a failure feedback role SNS writes nothing to CloudWatch Logs when a delivery to a queue, function or endpoint fails. The failure is then visible only as a metric, without the reason.',
    remediation:
      'Set <Protocol>FailureFeedbackRoleArn (and optionally SuccessFeedbackRoleArn with a sample rate) on the topic for each protocol it delivers to, with a role SNS may assume to write logs.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-topic-attributes.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'workload-observability',
        choiceId: 'ops_workload_observability_analyze_workload_logs',
      },
      {
        lens: 'wellarchitected',
        questionId: 'observability',
        choiceId: 'ops_observability_dependency_telemetry',
      },
    ],
    data: 'config',
    needs: ['sns'],
  },
  run(snapshot) {
    const topics = snapshot.sns?.topics;
    if (!topics) return notAssessed('SNS topics were not collected');
    const findings: Finding[] = [];
    let judged = 0;
    for (const t of topics) {
      const inUse = new Set(
        (t.subscriptions ?? [])
          .filter((s) => !s.pendingConfirmation)
          .map((s) => LOGGED_AS[s.protocol])
          .filter((p): p is SnsFeedbackProtocol => p !== undefined),
      );
      if (inUse.size === 0) continue;
      judged++;
      const logged = new Set(t.deliveryStatusLogging.filter((l) => l.failureRoleArn).map((l) => l.protocol));
      const missing = [...inUse].filter((p) => !logged.has(p)).sort();
      if (missing.length > 0)
        findings.push({
          resourceId: t.arn,
          resourceName: t.name,
          message: `failed deliveries are not logged for ${missing.join(', ')}`,
        });
    }
    if (judged === 0) {
      if (topics.length > 0 && topics.every((t) => t.subscriptions === undefined))
        return notAssessed('no topic had its subscriptions listed');
      return notApplicable('no topic delivers to a protocol SNS can log');
    }
    return verdict(findings);
  },
});

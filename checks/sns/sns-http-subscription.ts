import type { SnsSubscription, SnsTopic } from '../../src/inventory/snapshot.js';
import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

const finding = (t: SnsTopic, s: SnsSubscription, message: string): Finding => ({
  // Pending subscriptions have no ARN yet: the topic and endpoint name them.
  resourceId: s.arn ?? `${t.arn}|${s.endpoint ?? s.protocol}`,
  resourceName: `${t.name} → ${s.endpoint ?? s.protocol}`,
  message,
  details: { topic: t.name, pendingConfirmation: s.pendingConfirmation },
});

export const check = defineCheck({
  meta: {
    id: 'sns-http-subscription',
    title: 'Subscription delivers over plain HTTP',
    service: 'sns',
    pillar: 'security',
    severity: 'high',
    rationale:
      'SNS delivers to an http endpoint without TLS, so every message body crosses the network in clear text and can be read or altered on the way.',
    remediation:
      'Subscribe the endpoint over https instead (with a certificate from a trusted CA), then unsubscribe the http subscription.',
    docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-transit',
        choiceId: 'sec_protect_data_transit_encrypt',
      },
    ],
    data: 'config',
    needs: ['sns'],
  },
  run(snapshot) {
    const topics = snapshot.sns?.topics;
    if (!topics) return notAssessed('SNS topics were not collected');
    const listed = topics.filter((t) => t.subscriptions !== undefined);
    if (topics.length > 0 && listed.length === 0) return notAssessed('no topic had its subscriptions listed');
    const pairs = listed.flatMap((t) => (t.subscriptions ?? []).map((s) => ({ t, s })));
    if (pairs.length === 0) return notApplicable('no SNS subscriptions');
    return verdict(
      pairs
        .filter(({ s }) => s.protocol === 'http')
        .map(({ t, s }) =>
          finding(
            t,
            s,
            s.pendingConfirmation
              ? 'plain-HTTP subscription (pending confirmation)'
              : 'plain-HTTP subscription',
          ),
        ),
    );
  },
});

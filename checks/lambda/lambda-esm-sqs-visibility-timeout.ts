import { mappedFunction, mappingFinding, notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-esm-sqs-visibility-timeout',
    title: 'SQS visibility timeout shorter than 6× the function timeout',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'If a message becomes visible again while the function (or its retries after throttling) still works on ' +
      'it, another invocation picks it up and the message is processed twice.',
    remediation:
      "Raise the queue's visibility timeout to at least six times the function timeout (plus the batching " +
      'window), or lower the function timeout.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html',
    wellArchitected: [{ lens: 'serverless', questionId: 'rel_q2', choiceId: 'rel_rel_q2_a3' }],
    data: 'cross',
    needs: ['lambda'],
    reads: ['lambda:ListEventSourceMappings'],
  },
  run(snapshot, thresholds) {
    const sqs = snapshot.lambda.eventSourceMappings.filter((m) => m.sourceType === 'sqs');
    if (sqs.length === 0) return notApplicable('no SQS event source mappings');
    const known = sqs.filter(
      (m) => m.queueVisibilityTimeoutSeconds !== undefined && mappedFunction(snapshot, m),
    );
    if (known.length === 0) return notAssessed('queue visibility timeouts were not collected');
    const findings: Finding[] = [];
    for (const m of known) {
      const fn = mappedFunction(snapshot, m)!;
      const needed = thresholds.sqsVisibilityTimeoutFactor * fn.timeoutSeconds;
      const actual = m.queueVisibilityTimeoutSeconds!;
      if (actual >= needed) continue;
      const f = mappingFinding(
        snapshot,
        m,
        `visibility timeout ${actual} s is below ${thresholds.sqsVisibilityTimeoutFactor} × ${fn.timeoutSeconds} s function timeout (${needed} s)`,
      );
      findings.push({
        ...f,
        details: { ...f.details, visibilityTimeoutSeconds: actual, neededSeconds: needed },
      });
    }
    return verdict(findings);
  },
});

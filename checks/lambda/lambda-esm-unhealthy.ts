import { mappingFinding, notApplicable, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

const STOPPED = new Set(['Disabled', 'Disabling']);

export const check = defineCheck({
  meta: {
    id: 'lambda-esm-unhealthy',
    title: 'Event source mapping disabled or failing',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'A disabled or failing mapping stops the function from consuming its queue or stream: messages pile up ' +
      'and eventually expire while nothing alerts.',
    remediation:
      "Read the mapping's StateTransitionReason and LastProcessingResult, fix the cause (often the execution " +
      "role's permissions on the source or its KMS key), then enable the mapping again.",
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'withstand-component-failures',
        choiceId: 'rel_withstand_component_failures_monitoring_health',
      },
    ],
    data: 'config',
    needs: ['lambda'],
    reads: ['lambda:ListEventSourceMappings'],
  },
  run(snapshot) {
    const mappings = snapshot.lambda.eventSourceMappings;
    if (mappings.length === 0) return notApplicable('no event source mappings');
    const findings: Finding[] = [];
    for (const m of mappings) {
      const problems: string[] = [];
      if (STOPPED.has(m.state)) problems.push(`state ${m.state}`);
      if (m.stateTransitionReason?.startsWith('PROBLEM')) problems.push(m.stateTransitionReason);
      if (m.lastProcessingResult?.startsWith('PROBLEM'))
        problems.push(`last result ${m.lastProcessingResult}`);
      if (problems.length > 0) findings.push(mappingFinding(snapshot, m, problems.join('; ')));
    }
    return verdict(findings);
  },
});

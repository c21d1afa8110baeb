import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'eventbridge-rule-no-targets',
    title: 'Enabled rule with no targets',
    service: 'eventbridge',
    pillar: 'operationalExcellence',
    severity: 'low',
    rationale:
      'An enabled rule without targets matches events and sends them nowhere. It is usually left over from a removed consumer, or a target that was deleted, and it misleads whoever reads the bus configuration.',
    remediation: 'Add the target the rule was meant for, or delete (or disable) the rule.',
    docsUrl: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'observability',
        choiceId: 'ops_observability_application_telemetry',
      },
    ],
    data: 'config',
    needs: ['eventbridge'],
  },
  run(snapshot) {
    const rules = snapshot.eventbridge?.rules;
    if (!rules) return notAssessed('EventBridge rules were not collected');
    // Rules whose targets could not be listed are not judged.
    const judged = rules.filter((r) => r.state !== 'DISABLED' && !r.managedBy && r.targets !== undefined);
    if (judged.length === 0) return notApplicable('no enabled EventBridge rules');
    return verdict(
      judged
        .filter((r) => r.targets?.length === 0)
        .map((r) => ({
          resourceId: r.arn,
          resourceName: r.name,
          message: 'enabled with no targets',
          details: { bus: r.bus },
        })),
    );
  },
});

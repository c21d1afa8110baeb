import { DAY_MS, functionFinding, overMeasured } from '../helpers.js';
import { utcDate } from '../runtimes.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-unused',
    title: 'Function not invoked for 30 days',
    service: 'lambda',
    pillar: 'costOptimization',
    severity: 'low',
    rationale:
      'A function nobody calls still carries code storage, log groups, alarms, permissions and patching work, ' +
      'and its role is attack surface for no benefit.',
    remediation:
      'Confirm with the owner that nothing calls it (seasonal jobs, disaster-recovery paths), then delete the ' +
      'function together with its log group, role and triggers.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'decomissioning-resources',
        choiceId: 'cost_decomissioning_resources_decommission',
      },
      { lens: 'wellarchitected', questionId: 'sus_software', choiceId: 'sus_sus_software_a3' },
    ],
    data: 'metrics',
    needs: ['lambda', 'cloudwatch'],
  },
  run(snapshot, thresholds) {
    return overMeasured(
      snapshot,
      'an invocation count',
      (t) => t.invocations !== undefined,
      (fn, t) => {
        if (t.invocations! > 0) return undefined;
        // A function deployed recently may simply not have been called yet.
        if (snapshot.takenAt - fn.lastModified < thresholds.unusedDays * DAY_MS) return undefined;
        return functionFinding(
          fn,
          `no invocations in ${snapshot.telemetry.windowDays} days; last changed ${utcDate(fn.lastModified)}`,
          { lastModified: utcDate(fn.lastModified) },
        );
      },
    );
  },
});

import {
  functionFinding,
  NO_FUNCTIONS,
  notApplicable,
  notAssessed,
  percent,
  plural,
  telemetryOf,
  verdict,
} from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-provisioned-concurrency-fit',
    title: 'Provisioned concurrency mis-sized',
    service: 'lambda',
    pillar: 'costOptimization',
    severity: 'medium',
    rationale:
      'Provisioned concurrency is billed whether used or not, so low peak utilization is money spent on idle ' +
      'environments; spillover means requests still hit cold starts because it is too small.',
    remediation:
      'Size provisioned concurrency from the peak ProvisionedConcurrencyUtilization, or let Application Auto ' +
      'Scaling track a utilization target (around 70%) on a schedule that follows the traffic.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'type-size-number-resources',
        choiceId: 'cost_type_size_number_resources_metrics',
      },
      { lens: 'serverless', questionId: 'cost_q1', choiceId: 'cost_cost_q1_a3' },
    ],
    data: 'metrics',
    needs: ['lambda', 'cloudwatch'],
    reads: ['lambda:ListProvisionedConcurrencyConfigs'],
  },
  run(snapshot, thresholds) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const provisioned = snapshot.lambda.functions.filter((f) => f.provisionedConcurrency.length > 0);
    if (provisioned.length === 0) return notApplicable('no function has provisioned concurrency');
    const measured = provisioned.filter((f) => {
      const t = telemetryOf(snapshot, f);
      return (
        t?.provisionedConcurrencyUtilizationMax !== undefined ||
        t?.provisionedConcurrencySpilloverInvocations !== undefined
      );
    });
    if (measured.length === 0) return notAssessed('provisioned concurrency metrics were not measured');
    const findings: Finding[] = [];
    for (const fn of measured) {
      const t = telemetryOf(snapshot, fn)!;
      const total = fn.provisionedConcurrency.reduce((n, p) => n + (p.allocated ?? p.requested), 0);
      const util = t.provisionedConcurrencyUtilizationMax;
      const spill = t.provisionedConcurrencySpilloverInvocations ?? 0;
      if (spill > 0) {
        findings.push(
          functionFinding(
            fn,
            `${plural(spill, 'invocation')} spilled over ${total} provisioned in ${snapshot.telemetry.windowDays} days`,
            { provisioned: total, spilloverInvocations: spill },
          ),
        );
      } else if (util !== undefined && util < thresholds.provisionedConcurrencyMinUtilization) {
        findings.push(
          functionFinding(fn, `provisioned concurrency (${total}) peaked at ${percent(util)} utilization`, {
            provisioned: total,
            utilizationMax: util,
          }),
        );
      }
    }
    return verdict(findings);
  },
});

import {
  functionFinding,
  NO_FUNCTIONS,
  notApplicable,
  notAssessed,
  percent,
  telemetryOf,
  verdict,
} from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-memory-overprovisioned',
    title: 'Memory over-provisioned',
    service: 'lambda',
    pillar: 'costOptimization',
    severity: 'medium',
    rationale:
      'Lambda bills memory × duration, so memory the function never uses is paid for on every invocation, ' +
      'unless the extra CPU that comes with it shortens the duration enough to pay back.',
    remediation:
      'Lower the memory size step by step (or run AWS Lambda Power Tuning) and keep the smallest size whose ' +
      'duration and cost are acceptable; CPU-bound functions may legitimately need the headroom.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'type-size-number-resources',
        choiceId: 'cost_type_size_number_resources_data',
      },
      { lens: 'serverless', questionId: 'cost_q1', choiceId: 'cost_cost_q1_a3' },
    ],
    data: 'logs',
    needs: ['lambda', 'logs'],
    reads: ['logs:StartQuery'],
  },
  run(snapshot, thresholds) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const measured = snapshot.lambda.functions.filter((f) => {
      const t = telemetryOf(snapshot, f);
      return t?.p99MemoryUsedMB !== undefined && t.reportCount !== undefined;
    });
    if (measured.length === 0) return notAssessed('no function has p99 memory figures from REPORT lines');
    // 128 MB is the floor, and a handful of invocations says little about the real peak.
    const eligible = measured.filter(
      (f) =>
        f.memorySizeMB > 128 && telemetryOf(snapshot, f)!.reportCount! >= thresholds.minSampleInvocations,
    );
    if (eligible.length === 0) {
      return notApplicable(`no function above 128 MB has ${thresholds.minSampleInvocations}+ REPORT lines`);
    }
    const findings: Finding[] = [];
    for (const fn of eligible) {
      const t = telemetryOf(snapshot, fn)!;
      const ratio = t.p99MemoryUsedMB! / fn.memorySizeMB;
      if (ratio >= thresholds.memoryOverprovisioned) continue;
      findings.push(
        functionFinding(
          fn,
          `p99 memory used ${t.p99MemoryUsedMB} of ${fn.memorySizeMB} MB (${percent(ratio)}) over ${t.reportCount} invocations`,
          { memorySizeMB: fn.memorySizeMB, p99MemoryUsedMB: t.p99MemoryUsedMB!, reportCount: t.reportCount! },
        ),
      );
    }
    return verdict(findings);
  },
});

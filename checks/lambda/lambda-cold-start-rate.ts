import {
  functionFinding,
  NO_FUNCTIONS,
  notApplicable,
  notAssessed,
  percent,
  seconds,
  telemetryOf,
  verdict,
} from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-cold-start-rate',
    title: 'High share of cold starts',
    service: 'lambda',
    pillar: 'performance',
    severity: 'medium',
    rationale:
      "Every cold start adds the init duration to a request's latency; a high share of them, or slow inits, " +
      'shows up directly as slow responses.',
    remediation:
      'Shrink the package and initialization (fewer dependencies, lazy clients), use SnapStart where supported, ' +
      'or provisioned concurrency for latency-critical functions with steady traffic.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
    wellArchitected: [{ lens: 'serverless', questionId: 'perf_q1', choiceId: 'perf_perf_q1_a1' }],
    data: 'logs',
    needs: ['lambda', 'logs'],
    reads: ['logs:StartQuery'],
  },
  run(snapshot, thresholds) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const measured = snapshot.lambda.functions.filter((f) => {
      const t = telemetryOf(snapshot, f);
      return (
        t?.reportCount !== undefined && (t.coldStarts !== undefined || t.initDurationP95Ms !== undefined)
      );
    });
    if (measured.length === 0) return notAssessed('no function has cold-start figures from REPORT lines');
    const eligible = measured.filter(
      (f) => telemetryOf(snapshot, f)!.reportCount! >= thresholds.minSampleInvocations,
    );
    if (eligible.length === 0)
      return notApplicable(`no function has ${thresholds.minSampleInvocations}+ REPORT lines`);
    const findings: Finding[] = [];
    for (const fn of eligible) {
      const t = telemetryOf(snapshot, fn)!;
      const problems: string[] = [];
      const share = t.coldStarts === undefined ? undefined : t.coldStarts / t.reportCount!;
      if (share !== undefined && share > thresholds.coldStartShare) {
        problems.push(`cold starts ${percent(share)} of ${t.reportCount} invocations`);
      }
      if (t.initDurationP95Ms !== undefined && t.initDurationP95Ms > thresholds.initP95Ms) {
        problems.push(`p95 init ${seconds(t.initDurationP95Ms)}`);
      }
      if (problems.length === 0) continue;
      findings.push(
        functionFinding(fn, problems.join('; '), {
          reportCount: t.reportCount!,
          ...(t.coldStarts === undefined ? {} : { coldStarts: t.coldStarts }),
          ...(t.initDurationP95Ms === undefined ? {} : { initDurationP95Ms: t.initDurationP95Ms }),
        }),
      );
    }
    return verdict(findings);
  },
});

import { functionFinding, overMeasured, percent, plural } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-memory-outage-risk',
    title: 'Risk of running out of memory',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      'A function whose peak memory is close to its limit fails with an out-of-memory kill as soon as an input is ' +
      'a little larger than usual, and the kill leaves no stack trace.',
    remediation:
      'Raise the memory size so the peak stays below 90% of it (more memory also brings more CPU), or reduce what ' +
      'the function holds in memory (stream large payloads, release caches).',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'compute-hardware',
        choiceId: 'perf_compute_hardware_configure_and_right_size_compute_resources',
      },
      { lens: 'serverless', questionId: 'perf_q1', choiceId: 'perf_perf_q1_a3' },
    ],
    data: 'logs',
    needs: ['lambda', 'logs'],
    reads: ['logs:StartQuery'],
  },
  run(snapshot, thresholds) {
    const days = snapshot.telemetry.windowDays;
    return overMeasured(
      snapshot,
      'memory figures from REPORT lines',
      (t) => t.maxMemoryUsedMB !== undefined || t.outOfMemory !== undefined,
      (fn, t) => {
        const problems: string[] = [];
        const used = t.maxMemoryUsedMB;
        const ratio = used === undefined ? 0 : used / fn.memorySizeMB;
        if (used !== undefined && ratio >= thresholds.memoryHeadroom) {
          problems.push(
            `max memory used ${used} of ${fn.memorySizeMB} MB (${percent(ratio)}) in ${days} days`,
          );
        }
        if ((t.outOfMemory ?? 0) > 0)
          problems.push(`${plural(t.outOfMemory!, 'out-of-memory kill')} in ${days} days`);
        if (problems.length === 0) return undefined;
        return functionFinding(fn, problems.join('; '), {
          memorySizeMB: fn.memorySizeMB,
          ...(used === undefined ? {} : { maxMemoryUsedMB: used }),
          outOfMemory: t.outOfMemory ?? 0,
        });
      },
    );
  },
});

import { functionFinding, NO_FUNCTIONS, notApplicable, verdict } from '../helpers.js';
import { parseRuntime } from '../runtimes.js';
import { defineCheck, type Finding } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-snapstart-java',
    title: 'Java function without SnapStart',
    service: 'lambda',
    pillar: 'performance',
    severity: 'low',
    rationale:
      'Java cold starts are the slowest of the managed runtimes; SnapStart resumes from a snapshot of the ' +
      'initialized environment and typically cuts them several-fold at no extra charge for Java.',
    remediation:
      'Set SnapStart to PublishedVersions, publish a version and invoke it through an alias; check that the ' +
      'initialization code tolerates being restored (unique ids, connections, cached secrets).',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html',
    wellArchitected: [{ lens: 'serverless', questionId: 'perf_q1', choiceId: 'perf_perf_q1_a1' }],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const java = snapshot.lambda.functions.filter((f) => {
      const r = f.runtime ? parseRuntime(f.runtime) : undefined;
      return r?.family === 'java' && (r.version[0] ?? 0) >= 11;
    });
    if (java.length === 0) return notApplicable('no Java 11+ functions');
    const findings: Finding[] = [];
    for (const fn of java) {
      if (fn.snapStart !== 'None') continue;
      // SnapStart cannot be combined with provisioned concurrency or more than 512 MB of ephemeral storage.
      if (fn.provisionedConcurrency.length > 0 || fn.ephemeralStorageMB > 512) continue;
      findings.push(functionFinding(fn, `${fn.runtime} without SnapStart`));
    }
    return verdict(findings);
  },
});

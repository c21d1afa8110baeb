import { NO_FUNCTIONS, notApplicable, notAssessed, percent, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-account-concurrency-headroom',
    title: 'Account concurrency close to its limit',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'high',
    rationale:
      "All functions in a region share the account's concurrency limit; once the peak nears it, a burst in one " +
      'function throttles the others.',
    remediation:
      'Request a higher "Concurrent executions" quota in Service Quotas, reserve concurrency for critical ' +
      'functions, and alarm on the account-level ConcurrentExecutions metric.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'manage-service-limits',
        choiceId: 'rel_manage_service_limits_monitor_manage_limits',
      },
      {
        lens: 'wellarchitected',
        questionId: 'manage-service-limits',
        choiceId: 'rel_manage_service_limits_suff_buffer_limits',
      },
    ],
    data: 'account',
    needs: ['lambda', 'cloudwatch'],
    reads: ['lambda:GetAccountSettings'],
  },
  run(snapshot, thresholds) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const account = snapshot.lambda.account;
    if (!account) return notAssessed('Lambda account settings were not collected');
    const peak = snapshot.telemetry.account?.concurrentExecutionsMax;
    if (peak === undefined)
      return notAssessed('the account-level ConcurrentExecutions peak was not measured');
    const ratio = peak / account.concurrentExecutionsLimit;
    if (ratio <= thresholds.accountConcurrencyUsage) return verdict([]);
    return verdict([
      {
        resourceId: `${snapshot.accountId ?? snapshot.account}:${snapshot.region}`,
        resourceName: `${snapshot.account} ${snapshot.region}`,
        message: `peak concurrency ${peak} of ${account.concurrentExecutionsLimit} (${percent(ratio)}) in ${snapshot.telemetry.windowDays} days`,
        details: { concurrentExecutionsMax: peak, limit: account.concurrentExecutionsLimit },
      },
    ]);
  },
});

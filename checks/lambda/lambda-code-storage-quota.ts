import { gigabytes, notApplicable, notAssessed, percent, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-code-storage-quota',
    title: 'Code storage quota nearly used',
    service: 'lambda',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'Every published version and layer version counts against the regional code storage quota; when it is ' +
      'full, deployments fail.',
    remediation:
      'Delete old function and layer versions that no alias uses (keep the last few for rollback), or request a ' +
      'higher code storage quota.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'manage-service-limits',
        choiceId: 'rel_manage_service_limits_monitor_manage_limits',
      },
    ],
    data: 'account',
    needs: ['lambda'],
    reads: ['lambda:GetAccountSettings'],
  },
  run(snapshot, thresholds) {
    const account = snapshot.lambda.account;
    if (!account) return notAssessed('Lambda account settings were not collected');
    if (account.totalCodeSizeBytes === 0) return notApplicable('no code stored in this region');
    const ratio = account.totalCodeSizeBytes / account.totalCodeSizeLimitBytes;
    if (ratio <= thresholds.codeStorageUsage) return verdict([]);
    return verdict([
      {
        resourceId: `${snapshot.accountId ?? snapshot.account}:${snapshot.region}`,
        resourceName: `${snapshot.account} ${snapshot.region}`,
        message: `code storage ${gigabytes(account.totalCodeSizeBytes)} of ${gigabytes(account.totalCodeSizeLimitBytes)} (${percent(ratio)}) used`,
        details: {
          totalCodeSizeBytes: account.totalCodeSizeBytes,
          limitBytes: account.totalCodeSizeLimitBytes,
        },
      },
    ]);
  },
});

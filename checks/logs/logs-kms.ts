import { logGroupFinding, notApplicable, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'logs-kms',
    title: 'Log group not encrypted with a KMS key',
    service: 'logs',
    pillar: 'security',
    severity: 'low',
    rationale:
      'Log data is always encrypted at rest, but only a customer managed KMS key lets you restrict who can ' +
      'decrypt it, audit each use and revoke access by disabling the key.',
    remediation:
      'Associate a customer managed KMS key with the group (its key policy must allow the logs service principal ' +
      'for the region), starting with groups that may hold personal or secret data.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-rest',
        choiceId: 'sec_protect_data_rest_key_mgmt',
      },
    ],
    data: 'config',
    needs: ['logs'],
  },
  run(snapshot) {
    const groups = snapshot.logs.logGroups;
    if (groups.length === 0) return notApplicable('no log groups');
    return verdict(groups.filter((g) => !g.kmsKeyId).map((g) => logGroupFinding(g, 'no KMS key associated')));
  },
});

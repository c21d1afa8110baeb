import { accountOfArn, functionFinding, NO_FUNCTIONS, notApplicable, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

/**
 * Accounts AWS publishes the Lambda Insights extension from (one per region group), per
 * awslabs/serverless-plugin-lambda-insights `layerVersions.json`: Pillar recommends that layer, so it
 * must not count as unknown.
 */
export const lambdaInsightsAccounts = [
  '580247275435',
  '012438385374',
  '519774774795',
  '891564319516',
  '439286490199',
  '194566237122',
  '033019950311',
  '339249233099',
  '352183217350',
  '732604637566',
  '285320876703',
  '488211338238',
];

export const check = defineCheck({
  meta: {
    id: 'lambda-cross-account-layers',
    title: 'Uses layers from unknown accounts',
    service: 'lambda',
    pillar: 'security',
    severity: 'medium',
    rationale:
      "A layer runs inside the function with its role's permissions; a layer from an account you do not know " +
      'is third-party code nobody reviewed, which the publisher can change by releasing a new version.',
    remediation:
      'Replace the layer with one built in your account, or, if the publisher is a vendor you trust, add its ' +
      'account id to checks.trustedLayerAccounts in pillar.yml.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-compute',
        choiceId: 'sec_protect_compute_validate_software_integrity',
      },
      { lens: 'serverless', questionId: 'sec_q3', choiceId: 'sec_sec_q3_a3' },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot, thresholds) {
    if (snapshot.lambda.functions.length === 0) return notApplicable(NO_FUNCTIONS);
    const withLayers = snapshot.lambda.functions.filter((f) => f.layers.length > 0);
    if (withLayers.length === 0) return notApplicable('no function uses layers');
    const trusted = new Set([...lambdaInsightsAccounts, ...thresholds.trustedLayerAccounts]);
    if (snapshot.accountId) trusted.add(snapshot.accountId);
    const findings: Finding[] = [];
    for (const fn of withLayers) {
      const own = accountOfArn(fn.arn);
      const foreign = fn.layers
        .map((l) => ({ arn: l.arn, account: accountOfArn(l.arn) }))
        .filter((l) => l.account && l.account !== own && !trusted.has(l.account));
      if (foreign.length === 0) continue;
      const accounts = [...new Set(foreign.map((l) => l.account!))];
      findings.push(
        functionFinding(
          fn,
          `layers from account ${accounts.join(', ')}: ${foreign.map((l) => layerName(l.arn)).join(', ')}`,
          {
            accounts: accounts.join(','),
          },
        ),
      );
    }
    return verdict(findings);
  },
});

/** `arn:aws:lambda:eu-west-1:123456789012:layer:name:7` → `name:7`. */
function layerName(arn: string): string {
  return arn.split(':').slice(6).join(':') || arn;
}

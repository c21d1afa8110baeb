import { notApplicable, notAssessed, resourceFinding, verdict } from '../helpers.js';
import { defineCheck, type Finding } from '../types.js';

/** us-east-1 list prices (Standard class): prices, not limits, so they stay here. */
const STORAGE_GB_MONTH = 0.25;
const RCU_HOUR = 0.00013;
const WCU_HOUR = 0.00065;
const HOURS_PER_MONTH = 730;

export const check = defineCheck({
  meta: {
    id: 'dynamodb-table-class',
    title: 'Candidate for the Standard-IA table class',
    service: 'dynamodb',
    pillar: 'costOptimization',
    severity: 'low',
    rationale:
      'Standard-IA storage costs 60% less and throughput 25% more than Standard. Tables whose storage cost outweighs their throughput cost pay less on Standard-IA.',
    remediation:
      'Switch the table class to STANDARD_INFREQUENT_ACCESS (UpdateTable TableClass); it can be changed back twice in 30 days.',
    docsUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.TableClasses.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'type-size-number-resources',
        choiceId: 'cost_type_size_number_resources_data',
      },
      { lens: 'wellarchitected', questionId: 'pricing-model', choiceId: 'cost_pricing_model_analysis' },
    ],
    data: 'config',
    needs: ['dynamodb'],
    reads: ['dynamodb:DescribeTable'],
  },
  run(snapshot, thresholds) {
    const tables = snapshot.dynamodb?.tables;
    if (!tables) return notAssessed('DynamoDB tables were not collected');
    if (tables.length === 0) return notApplicable('no DynamoDB tables');
    const judged = tables.filter((t) => t.tableClass === 'STANDARD' && t.billingMode === 'PROVISIONED');
    if (judged.length === 0) return notApplicable('no provisioned tables on the Standard class');
    const findings: Finding[] = [];
    for (const t of judged) {
      const rcu = t.readCapacityUnits + t.globalSecondaryIndexes.reduce((a, g) => a + g.readCapacityUnits, 0);
      const wcu =
        t.writeCapacityUnits + t.globalSecondaryIndexes.reduce((a, g) => a + g.writeCapacityUnits, 0);
      const storage = (t.sizeBytes / 1024 ** 3) * STORAGE_GB_MONTH;
      const throughput = (rcu * RCU_HOUR + wcu * WCU_HOUR) * HOURS_PER_MONTH;
      if (storage <= throughput * thresholds.dynamodbInfrequentAccessStorageShare) continue;
      findings.push(
        resourceFinding(
          t,
          `storage (~$${storage.toFixed(0)}/month) outweighs provisioned throughput (~$${throughput.toFixed(0)}/month)`,
          { storageUsdMonth: Math.round(storage), throughputUsdMonth: Math.round(throughput) },
        ),
      );
    }
    return verdict(findings);
  },
});

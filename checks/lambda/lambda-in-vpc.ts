import { functionFinding, overFunctions } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'lambda-in-vpc',
    title: 'Function not attached to a VPC (policy-dependent)',
    service: 'lambda',
    pillar: 'security',
    severity: 'info',
    rationale:
      'Some organizations require functions to reach the network only through their VPC, for egress control ' +
      'and private endpoints. Many serverless workloads deliberately stay out of a VPC, so this is informational.',
    remediation:
      'If your policy requires it, attach the function to private subnets in at least two Availability Zones ' +
      'with a security group, and give it VPC endpoints or a NAT gateway for the services it calls.',
    docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'network-protection',
        choiceId: 'sec_network_protection_create_layers',
      },
      { lens: 'serverless', questionId: 'sec_q2', choiceId: 'sec_sec_q2_a2' },
    ],
    data: 'config',
    needs: ['lambda'],
  },
  run(snapshot) {
    return overFunctions(snapshot, (fn) =>
      fn.vpc?.vpcId ? undefined : functionFinding(fn, 'not attached to a VPC'),
    );
  },
});

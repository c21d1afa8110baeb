import { overMachines } from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-cmk',
    title: 'State machine not encrypted with a customer managed key',
    service: 'stepfunctions',
    pillar: 'security',
    severity: 'low',
    rationale:
      'With the default AWS owned key, anyone allowed to read execution history sees the inputs and outputs, and access to that data cannot be revoked or audited through a key policy.',
    remediation:
      'Set encryptionConfiguration type CUSTOMER_MANAGED_KMS_KEY with a KMS key whose policy allows the execution role (and log delivery, if logging is on) to use it.',
    docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-rest',
        choiceId: 'sec_protect_data_rest_key_mgmt',
      },
      {
        lens: 'wellarchitected',
        questionId: 'protect-data-rest',
        choiceId: 'sec_protect_data_rest_access_control',
      },
    ],
    data: 'config',
    needs: ['stepfunctions'],
  },
  run(snapshot) {
    return overMachines(snapshot, (m) =>
      m.encryptionType === 'CUSTOMER_MANAGED_KMS_KEY'
        ? undefined
        : resourceFinding(m, `encrypted with ${m.encryptionType}, not a customer managed key`, {
            encryptionType: m.encryptionType,
          }),
    );
  },
});

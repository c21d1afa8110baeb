import { notApplicable, notAssessed, verdict } from '../helpers.js';
import { defineCheck } from '../types.js';

export const check = defineCheck({
  meta: {
    id: 'kinesis-encryption',
    title: 'Data stream without server-side encryption',
    service: 'kinesis',
    pillar: 'security',
    severity: 'medium',
    rationale:
      'Records sit in the shards unencrypted for the whole retention period when server-side encryption is off. Anyone with access to the storage layer, or a misdirected backup, sees them in clear.',
    remediation:
      'Start server-side encryption on the stream (StartStreamEncryption with EncryptionType KMS), using alias/aws/kinesis or a customer managed key. Producers and consumers need kms:GenerateDataKey and kms:Decrypt on a customer managed key.',
    docsUrl: 'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html',
    wellArchitected: [
      { lens: 'wellarchitected', questionId: 'protect-data-rest', choiceId: 'sec_protect_data_rest_encrypt' },
      { lens: 'serverless', questionId: 'sec_q3', choiceId: 'sec_sec_q3_a3' },
    ],
    data: 'config',
    needs: ['kinesis'],
  },
  run(snapshot) {
    const streams = snapshot.kinesis?.streams;
    if (!streams) return notAssessed('Kinesis data streams were not collected');
    if (streams.length === 0) return notApplicable('no Kinesis data streams');
    return verdict(
      streams
        .filter((s) => s.encryptionType === 'NONE')
        .map((s) => ({ resourceId: s.arn, resourceName: s.name, message: 'server-side encryption is off' })),
    );
  },
});

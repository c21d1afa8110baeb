import { describe, expect, it } from 'vitest';
import { deniesInsecureTransport, parseJson, parsePolicy } from '../../src/inventory/policy.js';
import type { PolicyStatement } from '../../src/inventory/snapshot.js';

const ACCOUNT = '111122223333';

/** The usual TLS-only statement of a queue or topic policy. */
const tlsOnly = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 'sqs:*',
  Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

describe('parsePolicy', () => {
  it('reads sid, effect, principals, actions and condition keys of each statement', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowS3',
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: ['lambda:InvokeFunction'],
          Condition: {
            ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::uploads' },
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
          },
        },
        tlsOnly,
      ],
    };
    expect(parsePolicy(JSON.stringify(doc))).toEqual<PolicyStatement[]>([
      {
        sid: 'AllowS3',
        effect: 'Allow',
        principals: ['s3.amazonaws.com'],
        actions: ['lambda:InvokeFunction'],
        conditionKeys: ['AWS:SourceArn', 'aws:SourceAccount'],
      },
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: ['*'],
        actions: ['sqs:*'],
        conditionKeys: ['aws:SecureTransport'],
      },
    ]);
  });

  it('takes a single statement object as a list of one', () => {
    const doc = { Statement: { Effect: 'Allow', Principal: '*', Action: 'sns:Publish' } };
    expect(parsePolicy(JSON.stringify(doc))).toEqual([
      { effect: 'Allow', principals: ['*'], actions: ['sns:Publish'], conditionKeys: [] },
    ]);
  });

  it('turns account root ARNs into account ids, keeps other ARNs and drops duplicates', () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/deployer`;
    const doc = {
      Statement: {
        Effect: 'Allow',
        Principal: {
          AWS: [`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT, role, 'arn:aws-cn:iam::444455556666:root'],
          Service: ['events.amazonaws.com', 'events.amazonaws.com'],
        },
        Action: 'events:PutEvents',
      },
    };
    expect(parsePolicy(JSON.stringify(doc))?.[0]?.principals).toEqual([
      ACCOUNT,
      role,
      '444455556666',
      'events.amazonaws.com',
    ]);
  });

  it('reads anything but an explicit Deny as Allow and ignores values of the wrong type', () => {
    const doc = {
      Statement: [
        { Sid: 7, Effect: 'deny', Principal: 42, Action: ['sqs:SendMessage', 3, null], Condition: 'x' },
        null,
      ],
    };
    expect(parsePolicy(JSON.stringify(doc))).toEqual([
      { effect: 'Allow', principals: [], actions: ['sqs:SendMessage'], conditionKeys: [] },
      { effect: 'Allow', principals: [], actions: [], conditionKeys: [] },
    ]);
  });

  it('lists each condition key once, sorted, across operators', () => {
    const doc = {
      Statement: {
        Effect: 'Allow',
        Principal: '*',
        Action: 'logs:PutLogEvents',
        Condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT, 'aws:PrincipalOrgID': 'o-abc' },
          ArnLike: { 'aws:SourceAccount': ACCOUNT },
        },
      },
    };
    expect(parsePolicy(JSON.stringify(doc))?.[0]?.conditionKeys).toEqual([
      'aws:PrincipalOrgID',
      'aws:SourceAccount',
    ]);
  });

  it('gives undefined for text that is not JSON or a document without statements', () => {
    expect(parsePolicy('')).toBeUndefined();
    expect(parsePolicy('{"Statement": [')).toBeUndefined();
    expect(parsePolicy('null')).toBeUndefined();
    expect(parsePolicy('{"Version":"2012-10-17"}')).toBeUndefined();
  });

  it('gives an empty list for an empty statement list', () => {
    expect(parsePolicy('{"Statement":[]}')).toEqual([]);
  });
});

describe('deniesInsecureTransport', () => {
  const statement = (s: Partial<PolicyStatement>): PolicyStatement => ({
    effect: 'Allow',
    principals: ['*'],
    actions: ['sqs:*'],
    conditionKeys: [],
    ...s,
  });

  it('is true for a Deny conditioned on aws:SecureTransport, whatever the key case', () => {
    expect(deniesInsecureTransport(parsePolicy(JSON.stringify({ Statement: [tlsOnly] })))).toBe(true);
    expect(
      deniesInsecureTransport([statement({ effect: 'Deny', conditionKeys: ['AWS:SECURETRANSPORT'] })]),
    ).toBe(true);
  });

  it('is false without a policy, for an Allow on the key, and for a Deny on other keys', () => {
    expect(deniesInsecureTransport(undefined)).toBe(false);
    expect(deniesInsecureTransport([])).toBe(false);
    expect(deniesInsecureTransport([statement({ conditionKeys: ['aws:SecureTransport'] })])).toBe(false);
    expect(deniesInsecureTransport([statement({ effect: 'Deny', conditionKeys: ['aws:SourceIp'] })])).toBe(
      false,
    );
  });
});

describe('parseJson', () => {
  it('parses a JSON attribute such as a redrive policy', () => {
    const redrive = `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:${ACCOUNT}:orders-dlq","maxReceiveCount":"5"}`;
    expect(parseJson<{ deadLetterTargetArn: string; maxReceiveCount: string }>(redrive)).toEqual({
      deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-dlq`,
      maxReceiveCount: '5',
    });
  });

  it('gives undefined for a missing, empty or malformed attribute', () => {
    expect(parseJson(undefined)).toBeUndefined();
    expect(parseJson('')).toBeUndefined();
    expect(parseJson('{"deadLetterTargetArn":')).toBeUndefined();
  });
});

import {
  GetAccountSettingsCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionRecursionConfigCommand,
  GetPolicyCommand,
  GetRuntimeManagementConfigCommand,
  LambdaClient,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListFunctionEventInvokeConfigsCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  paginateListEventSourceMappings,
} from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import { ACCOUNT, clientConfig, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let lambda: LambdaClient;
const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

beforeEach(async () => {
  ({ sim } = await startTestSim());
  lambda = new LambdaClient(clientConfig(sim));
});

afterEach(async () => {
  lambda.destroy();
  await sim.close();
});

/** The path of the last call the sim answered, as the SDK sent it. */
function lastOperation(): string {
  return sim.requests.all().at(-1)?.operation ?? '';
}

describe('function configuration', () => {
  it('carries environment, DLQ, KMS, VPC, layers, tracing, storage, SnapStart, state', async () => {
    sim.state.addFunction(ACCOUNT, REGION, {
      name: 'worker',
      runtime: 'java21',
      environment: { TABLE: 'orders' },
      deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:worker-dlq`,
      kmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234`,
      vpc: { vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-1'] },
      layers: [{ arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:utils:4`, codeSize: 1234 }],
      tracingMode: 'Active',
      ephemeralStorageMB: 2048,
      snapStart: 'PublishedVersions',
      state: 'Failed',
      stateReason: 'bad subnet',
      lastUpdateStatus: 'Failed',
    });
    const full = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'worker' }));
    expect(full).toMatchObject({
      Environment: { Variables: { TABLE: 'orders' } },
      DeadLetterConfig: { TargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:worker-dlq` },
      KMSKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234`,
      VpcConfig: { VpcId: 'vpc-1', SubnetIds: ['subnet-a', 'subnet-b'], SecurityGroupIds: ['sg-1'] },
      Layers: [{ Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:utils:4`, CodeSize: 1234 }],
      TracingConfig: { Mode: 'Active' },
      EphemeralStorage: { Size: 2048 },
      SnapStart: { ApplyOn: 'PublishedVersions', OptimizationStatus: 'On' },
      State: 'Failed',
      StateReason: 'bad subnet',
      LastUpdateStatus: 'Failed',
    });
    // ListFunctions returns the variables too, but not State and LastUpdateStatus.
    const listed = (await lambda.send(new ListFunctionsCommand({}))).Functions?.[0];
    expect(listed?.Environment?.Variables).toEqual({ TABLE: 'orders' });
    expect(listed).not.toHaveProperty('State');
    expect(listed).not.toHaveProperty('LastUpdateStatus');
  });

  it('updateFunction changes a function in place', async () => {
    sim.state.addFunction(ACCOUNT, REGION, { name: 'worker', runtime: 'nodejs20.x' });
    sim.state.updateFunction(ACCOUNT, REGION, 'worker', { memorySize: 1024, tracingMode: 'Active' });
    const out = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'worker' }));
    expect(out).toMatchObject({ MemorySize: 1024, TracingConfig: { Mode: 'Active' }, Runtime: 'nodejs20.x' });
  });
});

describe('per-function calls', () => {
  beforeEach(() => {
    sim.state.addFunction(ACCOUNT, REGION, {
      name: 'api',
      runtime: 'nodejs22.x',
      reservedConcurrency: 0,
      eventInvokeConfigs: [
        {
          maximumRetryAttempts: 0,
          maximumEventAgeSeconds: 600,
          onFailure: 'arn:aws:sqs:us-east-1:111122223333:f',
        },
      ],
      policy: [
        {
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' } },
        },
      ],
      urls: [
        { authType: 'NONE', cors: { allowOrigins: ['*'] } },
        { qualifier: 'live', authType: 'AWS_IAM' },
      ],
      aliases: [{ name: 'live', functionVersion: '3', routingWeights: { '4': 0.25 } }],
      provisionedConcurrency: [{ qualifier: 'live', requested: 5 }],
      runtimeUpdateMode: 'Manual',
      codeSigningConfigArn: 'arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-1',
      recursiveLoop: 'Allow',
    });
    sim.state.addFunction(ACCOUNT, REGION, { name: 'plain', runtime: 'python3.13' });
  });

  it('GetFunctionConcurrency: the reservation, or an empty answer without one', async () => {
    const api = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'api' }));
    expect(api.ReservedConcurrentExecutions).toBe(0);
    expect(lastOperation()).toBe('GetFunctionConcurrency');
    const plain = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'plain' }));
    expect(plain.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('ListFunctionEventInvokeConfigs: qualified ARN, retries, age and destinations', async () => {
    const out = await lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: 'api' }));
    expect(out.FunctionEventInvokeConfigs).toEqual([
      expect.objectContaining({
        FunctionArn: `${fnArn('api')}:$LATEST`,
        MaximumRetryAttempts: 0,
        MaximumEventAgeInSeconds: 600,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:111122223333:f' } },
      }),
    ]);
    expect(out.FunctionEventInvokeConfigs?.[0]?.LastModified).toBeInstanceOf(Date);
    const none = await lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: 'plain' }));
    expect(none.FunctionEventInvokeConfigs).toEqual([]);
  });

  it('GetPolicy: the policy as a JSON string; ResourceNotFoundException without one', async () => {
    const out = await lambda.send(new GetPolicyCommand({ FunctionName: fnArn('api') }));
    const doc = JSON.parse(out.Policy ?? '');
    expect(doc.Statement).toEqual([
      {
        Sid: 'statement-1',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: fnArn('api'),
        Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' } },
      },
    ]);
    const e = await rejectionOf(lambda.send(new GetPolicyCommand({ FunctionName: 'plain' })));
    expect(e.name).toBe('ResourceNotFoundException');
    expect(e.$metadata).toMatchObject({ httpStatusCode: 404 });
  });

  it('ListFunctionUrlConfigs: auth type and CORS per URL', async () => {
    const out = await lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'api' }));
    expect(out.FunctionUrlConfigs).toHaveLength(2);
    expect(out.FunctionUrlConfigs?.[0]).toMatchObject({
      FunctionArn: fnArn('api'),
      AuthType: 'NONE',
      Cors: { AllowOrigins: ['*'] },
    });
    expect(out.FunctionUrlConfigs?.[0]?.FunctionUrl).toMatch(
      /^https:\/\/[a-z]{32}\.lambda-url\.us-east-1\.on\.aws\/$/,
    );
    expect(out.FunctionUrlConfigs?.[1]).toMatchObject({
      FunctionArn: `${fnArn('api')}:live`,
      AuthType: 'AWS_IAM',
    });
    expect(out.FunctionUrlConfigs?.[1]).not.toHaveProperty('Cors');
  });

  it('ListAliases and ListProvisionedConcurrencyConfigs (sent with ?List=ALL)', async () => {
    const aliases = await lambda.send(new ListAliasesCommand({ FunctionName: 'api' }));
    expect(aliases.Aliases).toEqual([
      expect.objectContaining({
        AliasArn: `${fnArn('api')}:live`,
        Name: 'live',
        FunctionVersion: '3',
        RoutingConfig: { AdditionalVersionWeights: { '4': 0.25 } },
      }),
    ]);
    const pc = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'api' }));
    expect(lastOperation()).toBe('ListProvisionedConcurrencyConfigs');
    expect(sim.requests.all().at(-1)?.params).toMatchObject({ List: 'ALL' });
    expect(pc.ProvisionedConcurrencyConfigs).toEqual([
      expect.objectContaining({
        FunctionArn: `${fnArn('api')}:live`,
        RequestedProvisionedConcurrentExecutions: 5,
        AllocatedProvisionedConcurrentExecutions: 5,
        Status: 'READY',
      }),
    ]);
  });

  it('runtime management, code signing and recursion settings', async () => {
    const rt = await lambda.send(new GetRuntimeManagementConfigCommand({ FunctionName: 'api' }));
    expect(rt.UpdateRuntimeOn).toBe('Manual');
    expect(rt.RuntimeVersionArn).toMatch(/^arn:aws:lambda:us-east-1::runtime:/);
    expect(
      (await lambda.send(new GetRuntimeManagementConfigCommand({ FunctionName: 'plain' }))).UpdateRuntimeOn,
    ).toBe('Auto');
    const csc = await lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: 'api' }));
    expect(csc.CodeSigningConfigArn).toBe('arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-1');
    const none = await lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: 'plain' }));
    expect(none.CodeSigningConfigArn).toBe('');
    expect(
      (await lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'api' }))).RecursiveLoop,
    ).toBe('Allow');
    expect(
      (await lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'plain' }))).RecursiveLoop,
    ).toBe('Terminate');
  });

  it('an unknown function is a 404 on every per-function call', async () => {
    const e = await rejectionOf(lambda.send(new ListAliasesCommand({ FunctionName: 'ghost' })));
    expect(e.name).toBe('ResourceNotFoundException');
  });
});

describe('account settings and event source mappings', () => {
  it('GetAccountSettings: limits from state, usage and unreserved concurrency computed', async () => {
    sim.state.addFunction(ACCOUNT, REGION, {
      name: 'a',
      runtime: 'nodejs22.x',
      codeSize: 1000,
      reservedConcurrency: 100,
    });
    sim.state.addFunction(ACCOUNT, REGION, { name: 'b', runtime: 'nodejs22.x', codeSize: 500 });
    sim.state.setLambdaAccountLimits(ACCOUNT, REGION, { concurrentExecutions: 400 });
    const out = await lambda.send(new GetAccountSettingsCommand({}));
    expect(out.AccountLimit).toMatchObject({
      ConcurrentExecutions: 400,
      UnreservedConcurrentExecutions: 300,
      TotalCodeSize: 80_530_636_800,
    });
    expect(out.AccountUsage).toEqual({ TotalCodeSize: 1500, FunctionCount: 2 });
  });

  it('ListEventSourceMappings pages 100 at a time and filters by function', async () => {
    sim.state.addFunction(ACCOUNT, REGION, { name: 'consumer', runtime: 'nodejs22.x' });
    sim.state.addFunction(ACCOUNT, REGION, { name: 'other', runtime: 'nodejs22.x' });
    for (let i = 0; i < 230; i++) {
      sim.state.addEventSourceMapping(ACCOUNT, REGION, {
        functionName: i % 2 === 0 ? 'consumer' : 'other',
        kind: 'sqs',
        sourceName: `q-${i}`,
      });
    }
    const sizes: number[] = [];
    const uuids = new Set<string>();
    for await (const page of paginateListEventSourceMappings({ client: lambda }, {})) {
      sizes.push(page.EventSourceMappings?.length ?? 0);
      for (const m of page.EventSourceMappings ?? []) uuids.add(m.UUID ?? '');
    }
    expect(sizes).toEqual([100, 100, 30]);
    expect(uuids.size).toBe(230);
    const only = await lambda.send(
      new ListEventSourceMappingsCommand({ FunctionName: 'consumer', MaxItems: 500 }),
    );
    expect(only.EventSourceMappings).toHaveLength(100);
    expect(only.EventSourceMappings?.every((m) => m.FunctionArn === fnArn('consumer'))).toBe(true);
  });

  it('stream mappings default to retrying forever; SQS ones carry no stream fields', async () => {
    sim.state.addFunction(ACCOUNT, REGION, { name: 'consumer', runtime: 'nodejs22.x' });
    sim.state.addEventSourceMapping(ACCOUNT, REGION, {
      functionName: 'consumer',
      kind: 'kinesis',
      sourceName: 'clicks',
    });
    sim.state.addEventSourceMapping(ACCOUNT, REGION, {
      functionName: 'consumer',
      kind: 'sqs',
      sourceName: 'jobs',
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
    const [kinesis, sqs] =
      (await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? [];
    expect(kinesis).toMatchObject({
      EventSourceArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/clicks`,
      MaximumRetryAttempts: -1,
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      State: 'Enabled',
      FunctionResponseTypes: [],
    });
    expect(sqs).toMatchObject({
      EventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`,
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(sqs).not.toHaveProperty('MaximumRetryAttempts');
    const bad = await rejectionOf(lambda.send(new ListEventSourceMappingsCommand({ Marker: 'bogus' })));
    expect(bad.name).toBe('InvalidParameterValueException');
  });
});

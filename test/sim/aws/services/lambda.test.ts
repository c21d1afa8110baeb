import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionsCommand,
  paginateListFunctions,
} from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import type { FakeClock } from '../../../helpers/clock.js';
import { ACCOUNT, clientConfig, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let clock: FakeClock;
let lambda: LambdaClient;

beforeEach(async () => {
  ({ sim, clock } = await startTestSim());
  lambda = new LambdaClient(clientConfig(sim));
});

afterEach(async () => {
  lambda.destroy();
  await sim.close();
});

describe('ListFunctions', () => {
  it('pages 50 at a time with NextMarker, in name order', async () => {
    for (let i = 0; i < 123; i++) {
      sim.state.addFunction(ACCOUNT, REGION, {
        name: `fn-${String(i).padStart(3, '0')}`,
        runtime: 'nodejs20.x',
      });
    }
    const first = await lambda.send(new ListFunctionsCommand({}));
    expect(first.Functions).toHaveLength(50);
    expect(first.NextMarker).toBeTruthy();
    const sizes: number[] = [];
    const names: string[] = [];
    for await (const page of paginateListFunctions({ client: lambda }, {})) {
      sizes.push(page.Functions?.length ?? 0);
      names.push(...(page.Functions ?? []).map((f) => f.FunctionName as string));
    }
    expect(sizes).toEqual([50, 50, 23]);
    expect(new Set(names).size).toBe(123);
    expect(names).toEqual([...names].sort());
    // MaxItems above 50 still returns at most 50, as Lambda does.
    const big = await lambda.send(new ListFunctionsCommand({ MaxItems: 500 }));
    expect(big.Functions).toHaveLength(50);
    const small = await lambda.send(new ListFunctionsCommand({ MaxItems: 7 }));
    expect(small.Functions).toHaveLength(7);
  });

  it('returns realistic configurations with LoggingConfig', async () => {
    sim.state.addFunction(ACCOUNT, REGION, {
      name: 'orders-api',
      runtime: 'nodejs20.x',
      memorySize: 512,
      timeout: 10,
      description: 'Orders REST API',
      lastModified: '2026-11-01T08:30:00.000Z',
    });
    sim.state.addFunction(ACCOUNT, REGION, {
      name: 'report-builder',
      runtime: 'python3.13',
      logFormat: 'JSON',
      logGroup: '/custom/reports',
      architectures: ['arm64'],
    });
    const res = await lambda.send(new ListFunctionsCommand({}));
    const [orders, reports] = res.Functions ?? [];
    expect(orders).toMatchObject({
      FunctionName: 'orders-api',
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-api`,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
      Description: 'Orders REST API',
      LastModified: '2026-11-01T08:30:00.000+0000',
      Version: '$LATEST',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/orders-api' },
    });
    expect(orders?.LoggingConfig).not.toHaveProperty('ApplicationLogLevel');
    expect(orders?.CodeSize).toBeGreaterThan(0);
    expect(orders).not.toHaveProperty('Environment');
    expect(reports).toMatchObject({
      Runtime: 'python3.13',
      Handler: 'app.handler',
      Architectures: ['arm64'],
      LastModified: new Date(clock.now()).toISOString().replace('Z', '+0000'),
      LoggingConfig: {
        LogFormat: 'JSON',
        LogGroup: '/custom/reports',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'INFO',
      },
    });
  });

  it('validates MaxItems and the marker', async () => {
    const e = await rejectionOf(lambda.send(new ListFunctionsCommand({ MaxItems: 0 })));
    expect(e.name).toBe('ValidationException');
    expect(e.$metadata).toMatchObject({ httpStatusCode: 400 });
    const m = await rejectionOf(lambda.send(new ListFunctionsCommand({ Marker: 'bogus' })));
    expect(m.name).toBe('InvalidParameterValueException');
  });
});

describe('GetFunction / GetFunctionConfiguration', () => {
  it('finds a function by name or ARN and 404s an unknown one', async () => {
    sim.state.addFunction(ACCOUNT, REGION, { name: 'orders-api', runtime: 'nodejs22.x' });
    const byName = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'orders-api' }));
    expect(byName).toMatchObject({ FunctionName: 'orders-api', State: 'Active' });
    const byArn = await lambda.send(
      new GetFunctionCommand({ FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-api` }),
    );
    expect(byArn.Configuration?.Runtime).toBe('nodejs22.x');
    const e = await rejectionOf(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'nope' })));
    expect(e.name).toBe('ResourceNotFoundException');
    expect(e.message).toBe(`Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:nope`);
    expect(e.$metadata).toMatchObject({ httpStatusCode: 404 });
  });
});

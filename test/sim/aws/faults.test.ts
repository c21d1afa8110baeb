import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../sim/aws/index.js';
import type { FakeClock } from '../../helpers/clock.js';
import {
  ACCOUNT,
  clientConfig,
  HOME_ACCOUNT,
  OTHER_ACCOUNT,
  REGION,
  rejectionOf,
  startTestSim,
} from './helpers.js';

let sim: SimAws;
let clock: FakeClock;
let logs: CloudWatchLogsClient;
const GROUP = '/aws/lambda/orders-api';

beforeEach(async () => {
  ({ sim, clock } = await startTestSim());
  logs = new CloudWatchLogsClient(clientConfig(sim));
  sim.state.putLogEvents(ACCOUNT, REGION, GROUP, 's', [{ timestamp: clock.now() - 1000, message: 'hello' }]);
  sim.state.putLogEvents(ACCOUNT, REGION, '/aws/lambda/other', 's', [
    { timestamp: clock.now() - 1000, message: 'hi' },
  ]);
});

afterEach(async () => {
  logs.destroy();
  await sim.close();
});

const filter = (client = logs, logGroupName = GROUP) =>
  client.send(new FilterLogEventsCommand({ logGroupName }));

describe('injected faults', () => {
  it('ThrottlingException on FilterLogEvents arrives typed, then goes away after `times`', async () => {
    const handle = sim.faults.add({
      service: 'logs',
      operation: 'FilterLogEvents',
      error: 'ThrottlingException',
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const e = await rejectionOf(filter());
      expect(e.name).toBe('ThrottlingException');
      expect(e.message).toBe('Rate exceeded');
      expect(e.$metadata).toMatchObject({ httpStatusCode: 400 });
    }
    expect(handle.hits).toBe(2);
    await expect(filter()).resolves.toMatchObject({ events: [{ message: 'hello' }] });
    expect(sim.requests.find({ operation: 'FilterLogEvents' }).map((r) => r.errorCode ?? 'ok')).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      'ok',
    ]);
  });

  it('AccessDeniedException names the assumed role, the action and the log group', async () => {
    const sts = new STSClient(clientConfig(sim, HOME_ACCOUNT));
    const res = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/PillarReadOnly`,
        RoleSessionName: 'pillar-ingest',
      }),
    );
    const asRole = new CloudWatchLogsClient({
      endpoint: sim.url,
      region: REGION,
      maxAttempts: 1,
      credentials: {
        accessKeyId: res.Credentials?.AccessKeyId as string,
        secretAccessKey: res.Credentials?.SecretAccessKey as string,
        sessionToken: res.Credentials?.SessionToken as string,
      },
    });
    sim.faults.add({
      service: 'logs',
      operation: 'FilterLogEvents',
      logGroup: GROUP,
      error: 'AccessDeniedException',
    });
    const e = await rejectionOf(filter(asRole));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/PillarReadOnly/pillar-ingest is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${GROUP}:log-stream: because no identity-based policy allows the logs:FilterLogEvents action`,
    );
    // Only that log group is denied.
    await expect(filter(asRole, '/aws/lambda/other')).resolves.toBeDefined();
    sts.destroy();
    asRole.destroy();
  });

  it('matches on account and region, and can be removed or cleared', async () => {
    const handle = sim.faults.add({
      service: 'logs',
      account: OTHER_ACCOUNT,
      error: 'AccessDeniedException',
    });
    sim.faults.add({ service: 'logs', region: 'eu-west-1', error: 'ServiceUnavailableException' });
    await expect(logs.send(new DescribeLogGroupsCommand({}))).resolves.toBeDefined();
    const staging = new CloudWatchLogsClient(clientConfig(sim, OTHER_ACCOUNT));
    const denied = await rejectionOf(staging.send(new DescribeLogGroupsCommand({})));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain(
      `User: arn:aws:iam::${OTHER_ACCOUNT}:user/pillar is not authorized to perform: logs:DescribeLogGroups`,
    );
    const eu = new CloudWatchLogsClient(clientConfig(sim, ACCOUNT, 'eu-west-1'));
    const down = await rejectionOf(eu.send(new DescribeLogGroupsCommand({})));
    expect(down.name).toBe('ServiceUnavailableException');
    expect(down.$metadata).toMatchObject({ httpStatusCode: 500 });
    handle.remove();
    await expect(staging.send(new DescribeLogGroupsCommand({}))).resolves.toBeDefined();
    expect(sim.faults.list()).toHaveLength(1);
    sim.faults.clear();
    await expect(eu.send(new DescribeLogGroupsCommand({}))).resolves.toBeDefined();
    staging.destroy();
    eu.destroy();
  });

  it('lets the SDK retry a transient fault on its own', async () => {
    sim.faults.add({
      service: 'logs',
      operation: 'FilterLogEvents',
      error: 'ServiceUnavailableException',
      times: 2,
    });
    const retrying = new CloudWatchLogsClient({ ...clientConfig(sim), maxAttempts: 3 });
    const res = await retrying.send(new FilterLogEventsCommand({ logGroupName: GROUP }));
    expect(res.$metadata.attempts).toBe(3);
    retrying.destroy();
  });

  it('answers Lambda faults in REST-JSON shape', async () => {
    const lambda = new LambdaClient(clientConfig(sim));
    sim.faults.add({ service: 'lambda', operation: 'ListFunctions', error: 'ThrottlingException', times: 1 });
    const throttled = await rejectionOf(lambda.send(new ListFunctionsCommand({})));
    expect(throttled.name).toBe('TooManyRequestsException');
    expect(throttled.message).toBe('Rate exceeded');
    expect(throttled.Reason).toBe('CallerRateLimitExceeded');
    expect(throttled.retryAfterSeconds).toBe('1');
    expect(throttled.$metadata).toMatchObject({ httpStatusCode: 429 });
    sim.faults.add({ service: 'lambda', error: 'AccessDeniedException', times: 1 });
    const denied = await rejectionOf(lambda.send(new ListFunctionsCommand({})));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/pillar is not authorized to perform: lambda:ListFunctions on resource: * because no identity-based policy allows the lambda:ListFunctions action`,
    );
    expect(denied.$metadata).toMatchObject({ httpStatusCode: 403 });
    lambda.destroy();
  });

  it('answers CloudWatch faults with query-compatible codes', async () => {
    const cw = new CloudWatchClient(clientConfig(sim));
    const call = () =>
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(clock.now() - 60_000),
          EndTime: new Date(clock.now()),
          MetricDataQueries: [
            {
              Id: 'a',
              MetricStat: {
                Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' },
                Period: 60,
                Stat: 'Sum',
              },
            },
          ],
        }),
      );
    sim.faults.add({ service: 'cloudwatch', error: 'ThrottlingException', times: 1 });
    const throttled = await rejectionOf(call());
    expect(throttled.name).toBe('Throttling');
    expect(throttled.message).toBe('Rate exceeded');
    sim.faults.add({ service: 'cloudwatch', error: 'AccessDeniedException', times: 1 });
    const denied = await rejectionOf(call());
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/pillar is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action`,
    );
    expect(denied.$metadata).toMatchObject({ httpStatusCode: 403 });
    await expect(call()).resolves.toBeDefined();
    cw.destroy();
  });

  it('answers STS faults in Query XML shape', async () => {
    const sts = new STSClient(clientConfig(sim));
    sim.faults.add({
      service: 'sts',
      operation: 'GetCallerIdentity',
      error: 'ThrottlingException',
      times: 1,
    });
    const e = await rejectionOf(sts.send(new GetCallerIdentityCommand({})));
    expect(e.name).toBe('Throttling');
    expect(e.message).toBe('Rate exceeded');
    sts.destroy();
  });

  it('passes through codes it has no mapping for, with a custom message and status', async () => {
    sim.faults.add({
      service: 'logs',
      error: 'LimitExceededException',
      message: 'Too many things',
      status: 400,
      times: 1,
    });
    const e = await rejectionOf(filter());
    expect(e.name).toBe('LimitExceededException');
    expect(e.message).toBe('Too many things');
  });
});

describe('FilterLogEvents quota', () => {
  it('is off by default', async () => {
    for (let i = 0; i < 40; i++) await filter();
  });

  it('throttles above the per-account-region rate on the sim clock', async () => {
    sim.state.setQuota({ filterLogEventsTps: 5 });
    for (let i = 0; i < 5; i++) await filter();
    const e = await rejectionOf(filter());
    expect(e.name).toBe('ThrottlingException');
    expect(e.message).toBe('Rate exceeded');
    // Another region and another account have their own buckets.
    sim.state.putLogEvents(ACCOUNT, 'eu-west-1', GROUP, 's', [{ timestamp: clock.now(), message: 'eu' }]);
    const eu = new CloudWatchLogsClient(clientConfig(sim, ACCOUNT, 'eu-west-1'));
    await expect(filter(eu)).resolves.toBeDefined();
    // A token comes back every 200 ms.
    clock.advance(199);
    await expect(rejectionOf(filter())).resolves.toMatchObject({ name: 'ThrottlingException' });
    clock.advance(1);
    await expect(filter()).resolves.toBeDefined();
    clock.advance(10_000);
    for (let i = 0; i < 5; i++) await filter();
    await expect(rejectionOf(filter())).resolves.toMatchObject({ name: 'ThrottlingException' });
    // Other operations are not limited.
    await expect(logs.send(new DescribeLogGroupsCommand({}))).resolves.toBeDefined();
    sim.state.setQuota({ filterLogEventsTps: null });
    await expect(filter()).resolves.toBeDefined();
    eu.destroy();
  });

  it('can be set for one account only', async () => {
    sim.state.setQuota({ filterLogEventsTps: 1 }, { account: OTHER_ACCOUNT });
    for (let i = 0; i < 10; i++) await filter();
  });
});

import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import type { FakeClock } from '../../../helpers/clock.js';
import {
  ACCOUNT,
  clientConfig,
  HOME_ACCOUNT,
  OTHER_ACCOUNT,
  REGION,
  rejectionOf,
  startTestSim,
} from '../helpers.js';

let sim: SimAws;
let clock: FakeClock;

beforeEach(async () => {
  ({ sim, clock } = await startTestSim());
});

afterEach(async () => {
  await sim.close();
});

const roleArn = (account: string, name = 'PillarReadOnly') => `arn:aws:iam::${account}:role/${name}`;
const bad = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) };

describe('STS', () => {
  it('GetCallerIdentity names the user behind a long-term key', async () => {
    const sts = new STSClient(clientConfig(sim, HOME_ACCOUNT));
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: HOME_ACCOUNT, Arn: `arn:aws:iam::${HOME_ACCOUNT}:user/pillar` });
    expect(me.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    sts.destroy();
  });

  it('AssumeRole issues temporary credentials of the role account', async () => {
    const sts = new STSClient(clientConfig(sim, HOME_ACCOUNT));
    const res = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn(ACCOUNT),
        RoleSessionName: 'pillar-ingest',
        DurationSeconds: 900,
      }),
    );
    expect(res.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(res.Credentials?.SecretAccessKey).toBeTruthy();
    expect(res.Credentials?.SessionToken).toBeTruthy();
    expect(res.Credentials?.Expiration?.getTime()).toBe(clock.now() + 900_000);
    expect(res.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/PillarReadOnly/pillar-ingest`,
    );
    expect(res.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:pillar-ingest$/);

    const assumed = new STSClient({
      endpoint: sim.url,
      region: REGION,
      maxAttempts: 1,
      credentials: {
        accessKeyId: res.Credentials?.AccessKeyId as string,
        secretAccessKey: res.Credentials?.SecretAccessKey as string,
        sessionToken: res.Credentials?.SessionToken as string,
      },
    });
    const who = await assumed.send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(ACCOUNT);
    expect(who.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/PillarReadOnly/pillar-ingest`);

    // The credentials stop working when they expire.
    clock.advance(900_000);
    const expired = await rejectionOf(assumed.send(new GetCallerIdentityCommand({})));
    expect(expired.name).toBe('ExpiredToken');
    sts.destroy();
    assumed.destroy();
  });

  it('fromTemporaryCredentials reads another account through the assumed role', async () => {
    // The SDK judges expiry by the wall clock; near it, the provider caches one AssumeRole.
    clock.set(Date.now());
    sim.state.createLogGroup(OTHER_ACCOUNT, REGION, '/aws/lambda/staging-api');
    sim.state.createLogGroup(HOME_ACCOUNT, REGION, '/aws/lambda/home-only');
    sim.state.addFunction(OTHER_ACCOUNT, REGION, { name: 'staging-api', runtime: 'python3.12' });
    const credentials = fromTemporaryCredentials({
      masterCredentials: sim.credentials(HOME_ACCOUNT),
      params: { RoleArn: roleArn(OTHER_ACCOUNT), RoleSessionName: 'pillar' },
      clientConfig: { endpoint: sim.url, region: REGION },
    });
    const logs = new CloudWatchLogsClient({ endpoint: sim.url, region: REGION, credentials, maxAttempts: 1 });
    const groups = await logs.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/lambda/staging-api']);
    const lambda = new LambdaClient({ endpoint: sim.url, region: REGION, credentials, maxAttempts: 1 });
    const fns = await lambda.send(new ListFunctionsCommand({}));
    expect(fns.Functions?.map((f) => f.FunctionArn)).toEqual([
      `arn:aws:lambda:${REGION}:${OTHER_ACCOUNT}:function:staging-api`,
    ]);
    const calls = sim.requests.find({ service: 'logs', operation: 'DescribeLogGroups' });
    expect(calls.map((c) => c.account)).toEqual([OTHER_ACCOUNT]);
    // One AssumeRole per client: each client caches the identity it resolved.
    expect(sim.requests.count({ service: 'sts', operation: 'AssumeRole', account: HOME_ACCOUNT })).toBe(2);
    logs.destroy();
    lambda.destroy();
  });

  it('denies a role that does not exist or does not trust the caller', async () => {
    sim.state.addRole(ACCOUNT, { name: 'StagingOnly', trustedAccounts: [OTHER_ACCOUNT] });
    const sts = new STSClient(clientConfig(sim, HOME_ACCOUNT));
    const missing = await rejectionOf(
      sts.send(new AssumeRoleCommand({ RoleArn: roleArn(ACCOUNT, 'Nope'), RoleSessionName: 's1' })),
    );
    expect(missing.name).toBe('AccessDenied');
    expect(missing.message).toBe(
      `User: arn:aws:iam::${HOME_ACCOUNT}:user/pillar is not authorized to perform: sts:AssumeRole on resource: ${roleArn(ACCOUNT, 'Nope')}`,
    );
    expect(missing.$metadata).toMatchObject({ httpStatusCode: 403 });
    const untrusted = await rejectionOf(
      sts.send(new AssumeRoleCommand({ RoleArn: roleArn(ACCOUNT, 'StagingOnly'), RoleSessionName: 's1' })),
    );
    expect(untrusted.name).toBe('AccessDenied');
    const staging = new STSClient(clientConfig(sim, OTHER_ACCOUNT));
    const ok = await staging.send(
      new AssumeRoleCommand({ RoleArn: roleArn(ACCOUNT, 'StagingOnly'), RoleSessionName: 's1' }),
    );
    expect(ok.AssumedRoleUser?.Arn).toContain(`${ACCOUNT}:assumed-role/StagingOnly/s1`);
    const tooLong = await rejectionOf(
      sts.send(
        new AssumeRoleCommand({ RoleArn: roleArn(ACCOUNT), RoleSessionName: 's1', DurationSeconds: 7200 }),
      ),
    );
    expect(tooLong.name).toBe('ValidationError');
    sts.destroy();
    staging.destroy();
  });
});

describe('unknown access keys', () => {
  it('answer each protocol with its own invalid-token error', async () => {
    const cfg = { endpoint: sim.url, region: REGION, credentials: bad, maxAttempts: 1 };
    const logs = await rejectionOf(new CloudWatchLogsClient(cfg).send(new DescribeLogGroupsCommand({})));
    expect(logs.name).toBe('UnrecognizedClientException');
    expect(logs.message).toBe('The security token included in the request is invalid.');
    expect(logs.$metadata).toMatchObject({ httpStatusCode: 400 });

    const lambda = await rejectionOf(new LambdaClient(cfg).send(new ListFunctionsCommand({})));
    expect(lambda.name).toBe('UnrecognizedClientException');
    expect(lambda.$metadata).toMatchObject({ httpStatusCode: 403 });

    const sts = await rejectionOf(new STSClient(cfg).send(new GetCallerIdentityCommand({})));
    expect(sts.name).toBe('InvalidClientTokenId');
    expect(sts.message).toBe('The security token included in the request is invalid.');
    expect(sts.$metadata).toMatchObject({ httpStatusCode: 403 });

    const cw = await rejectionOf(
      new CloudWatchClient(cfg).send(
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
      ),
    );
    expect(cw.name).toBe('InvalidClientTokenId');
    expect(cw.$metadata).toMatchObject({ httpStatusCode: 403 });

    expect(sim.requests.find({ errorCode: 'UnrecognizedClientException' }).map((r) => r.service)).toEqual([
      'logs',
      'lambda',
      'cloudwatch',
    ]);
    expect(sim.requests.find({ service: 'sts' })[0]).toMatchObject({
      status: 403,
      errorCode: 'InvalidClientTokenId',
    });
  });

  it('rejects a temporary key presented without its session token', async () => {
    const sts = new STSClient(clientConfig(sim, HOME_ACCOUNT));
    const res = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn(ACCOUNT), RoleSessionName: 'x1' }));
    const noToken = new CloudWatchLogsClient({
      endpoint: sim.url,
      region: REGION,
      maxAttempts: 1,
      credentials: { accessKeyId: res.Credentials?.AccessKeyId as string, secretAccessKey: 'whatever' },
    });
    const e = await rejectionOf(noToken.send(new DescribeLogGroupsCommand({})));
    expect(e.name).toBe('UnrecognizedClientException');
    sts.destroy();
    noToken.destroy();
  });
});

import { connect } from 'node:net';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation, type ServiceDefinition, type SimAws, startSimAws } from '../../../sim/aws/index.js';
import { ACCOUNT, clientConfig, REGION, startTestSim } from './helpers.js';

let sim: SimAws;

beforeEach(async () => {
  ({ sim } = await startTestSim());
});

afterEach(async () => {
  await sim.close();
});

function auth(service: string, account = ACCOUNT): string {
  const key = sim.credentials(account).accessKeyId;
  return `AWS4-HMAC-SHA256 Credential=${key}/20261128/${REGION}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;
}

async function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  const res = await fetch(`${sim.url}${path}`, {
    method: init.method ?? 'POST',
    headers: init.headers ?? {},
    body: init.body ?? null,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const logsHeaders = (op: string) => ({
  'x-amz-target': `Logs_20140328.${op}`,
  'content-type': 'application/x-amz-json-1.1',
  authorization: auth('logs'),
});

describe('protocol robustness', () => {
  it('answers a malformed JSON body with SerializationException', async () => {
    for (const body of ['{not json', '[1,2]', '"text"']) {
      const r = await raw('/', { headers: logsHeaders('DescribeLogGroups'), body });
      expect(r.status).toBe(400);
      expect(r.headers.get('x-amzn-errortype')).toBe('SerializationException');
      expect(JSON.parse(r.text)).toMatchObject({ __type: 'SerializationException' });
    }
  });

  it('answers wrong member types with the service validation error', async () => {
    const r = await raw('/', {
      headers: logsHeaders('FilterLogEvents'),
      body: '{"logGroupName":"/x","limit":"ten"}',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).__type).toBe('InvalidParameterException');
    expect(JSON.parse(r.text).message).toMatch(/^1 validation error detected: Value 'ten' at 'limit'/);
  });

  it('answers unknown operations in each protocol shape', async () => {
    const json = await raw('/', { headers: logsHeaders('DeleteEverything'), body: '{}' });
    expect(json.status).toBe(400);
    expect(JSON.parse(json.text)).toEqual({
      __type: 'UnknownOperationException',
      message: 'Unknown operation DeleteEverything',
    });

    const unknownService = await raw('/', {
      headers: {
        'x-amz-target': 'DynamoDB_20120810.GetItem',
        'content-type': 'application/x-amz-json-1.0',
        authorization: auth('dynamodb'),
      },
      body: '{}',
    });
    expect(JSON.parse(unknownService.text).__type).toBe('UnknownOperationException');
    expect(unknownService.headers.get('content-type')).toBe('application/x-amz-json-1.0');

    const rest = await raw('/2015-03-31/layers', {
      method: 'GET',
      headers: { authorization: auth('lambda') },
    });
    expect(rest.status).toBe(404);
    expect(rest.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(JSON.parse(rest.text)).toMatchObject({ Type: 'User' });

    const query = await raw('/', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('sts') },
      body: 'Action=GetFederationToken&Version=2011-06-15',
    });
    expect(query.status).toBe(400);
    expect(query.text).toContain('<Code>InvalidAction</Code>');
    expect(query.text).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(query.text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });

  it('answers invalid Query parameters with ValidationError XML', async () => {
    const r = await raw('/', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('sts') },
      body: 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FPillarReadOnly&RoleSessionName=x&DurationSeconds=abc',
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('<Type>Sender</Type>');
    expect(r.text).toContain('<Code>ValidationError</Code>');
  });

  it('asks for authentication when the request is not signed', async () => {
    const r = await raw('/', {
      headers: { ...logsHeaders('DescribeLogGroups'), authorization: '' },
      body: '{}',
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text).__type).toBe('MissingAuthenticationTokenException');
  });

  it('refuses oversized bodies and survives garbage on the socket', async () => {
    const small = await startSimAws({ maxBodyBytes: 1000 });
    const r = await fetch(small.url, {
      method: 'POST',
      headers: logsHeaders('DescribeLogGroups'),
      body: 'x'.repeat(5000),
    });
    expect(r.status).toBe(413);
    await small.close();

    await new Promise<void>((resolve) => {
      const socket = connect(sim.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    const logs = new CloudWatchLogsClient(clientConfig(sim));
    await expect(logs.send(new DescribeLogGroupsCommand({}))).resolves.toBeDefined();
    logs.destroy();
  });

  it('records every call with a summary of its parameters', async () => {
    const logs = new CloudWatchLogsClient(clientConfig(sim));
    sim.state.createLogGroup(ACCOUNT, REGION, '/g');
    sim.state.createLogStream(ACCOUNT, REGION, '/g', 's');
    const now = sim.state.clock.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/g',
        logStreamName: 's',
        logEvents: Array.from({ length: 50 }, (_, i) => ({ timestamp: now, message: `m${i}` })),
      }),
    );
    const rec = sim.requests.last();
    expect(rec).toMatchObject({
      service: 'logs',
      operation: 'PutLogEvents',
      account: ACCOUNT,
      region: REGION,
      status: 200,
      params: { logGroupName: '/g', logStreamName: 's', logEvents: '[50 items]' },
    });
    expect(rec?.at).toBe(now);
    expect(sim.requests.count({ service: 'logs' })).toBe(1);
    sim.requests.clear();
    expect(sim.requests.all()).toHaveLength(0);
    logs.destroy();
  });
});

describe('extending with a service', () => {
  it('registers a new JSON 1.0 service and routes it by X-Amz-Target', async () => {
    const echo: ServiceDefinition = {
      id: 'echo',
      signingName: 'echo',
      iamPrefix: 'echo',
      protocol: 'awsJson1_0',
      targetPrefix: 'Echo_20240101',
      validationErrorCode: 'ValidationException',
      operations: [
        defineOperation({
          name: 'Crash',
          input: z.object({}),
          handle: () => {
            throw new Error('bug in the handler');
          },
        }),
        defineOperation({
          name: 'Say',
          input: z.object({ Text: z.string() }),
          handle: (ctx, input) => ({ Said: input.Text, Account: ctx.caller.accountId }),
        }),
      ],
    };
    const custom = await startSimAws({ services: [echo] });
    const key = custom.credentials(ACCOUNT).accessKeyId;
    const res = await fetch(custom.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'Echo_20240101.Say',
        'content-type': 'application/x-amz-json-1.0',
        authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261128/${REGION}/echo/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: '{"Text":"hi"}',
    });
    expect(await res.json()).toEqual({ Said: 'hi', Account: ACCOUNT });
    expect(custom.requests.last()).toMatchObject({ service: 'echo', operation: 'Say', status: 200 });
    const crash = await fetch(custom.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'Echo_20240101.Crash',
        'content-type': 'application/x-amz-json-1.0',
        authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261128/${REGION}/echo/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: '{}',
    });
    expect(crash.status).toBe(500);
    expect(((await crash.json()) as { __type: string }).__type).toBe('InternalFailure');
    expect(custom.requests.last()?.internalError).toContain('bug in the handler');
    await custom.close();
  });
});

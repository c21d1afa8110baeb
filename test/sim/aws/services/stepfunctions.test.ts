import { DescribeStateMachineCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import { ACCOUNT, clientConfig, OTHER_ACCOUNT, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let sfn: SFNClient;

beforeEach(async () => {
  ({ sim } = await startTestSim());
  sfn = new SFNClient(clientConfig(sim));
});

afterEach(async () => {
  sfn.destroy();
  await sim.close();
});

const arn = (name: string, account = ACCOUNT) => `arn:aws:states:${REGION}:${account}:stateMachine:${name}`;

describe('simulated Step Functions over the real SDK (JSON 1.0)', () => {
  it('lists state machines, paging with maxResults and nextToken', async () => {
    for (const name of ['c', 'a', 'b']) sim.state.addStateMachine(ACCOUNT, REGION, { name, definition: {} });
    sim.state.addStateMachine(OTHER_ACCOUNT, REGION, { name: 'elsewhere', definition: {} });
    const all = await sfn.send(new ListStateMachinesCommand({}));
    expect(all.stateMachines?.map((m) => m.name)).toEqual(['a', 'b', 'c']);
    expect(all.stateMachines?.[0]).toMatchObject({ stateMachineArn: arn('a'), type: 'STANDARD' });
    expect(all.stateMachines?.[0]?.creationDate).toBeInstanceOf(Date);
    expect(all.nextToken).toBeUndefined();

    const first = await sfn.send(new ListStateMachinesCommand({ maxResults: 2 }));
    expect(first.stateMachines?.map((m) => m.name)).toEqual(['a', 'b']);
    const second = await sfn.send(
      new ListStateMachinesCommand({ maxResults: 2, nextToken: first.nextToken }),
    );
    expect(second.stateMachines?.map((m) => m.name)).toEqual(['c']);
    expect(second.nextToken).toBeUndefined();
    expect(sim.requests.all().at(-1)).toMatchObject({
      service: 'stepfunctions',
      operation: 'ListStateMachines',
      status: 200,
    });
    const bad = await rejectionOf(sfn.send(new ListStateMachinesCommand({ nextToken: 'x' })));
    expect(bad.name).toBe('InvalidToken');
  });

  it('describes logging, tracing, encryption and the definition as JSON text', async () => {
    const definition = { StartAt: 'A', TimeoutSeconds: 60, States: { A: { Type: 'Pass', End: true } } };
    sim.state.addStateMachine(ACCOUNT, REGION, {
      name: 'flow',
      type: 'EXPRESS',
      definition,
      logging: {
        level: 'ALL',
        includeExecutionData: true,
        logGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:/sfn/flow:*',
      },
      tracing: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
    });
    sim.state.addStateMachine(ACCOUNT, REGION, { name: 'plain', definition });
    const d = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn('flow') }));
    expect(d).toMatchObject({
      name: 'flow',
      type: 'EXPRESS',
      status: 'ACTIVE',
      loggingConfiguration: { level: 'ALL', includeExecutionData: true },
      tracingConfiguration: { enabled: true },
      encryptionConfiguration: {
        type: 'CUSTOMER_MANAGED_KMS_KEY',
        kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
      },
    });
    expect(JSON.parse(d.definition ?? '')).toEqual(definition);
    expect(d.loggingConfiguration?.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn).toContain(
      '/sfn/flow',
    );
    const plain = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn('plain') }));
    expect(plain).toMatchObject({
      type: 'STANDARD',
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
      encryptionConfiguration: { type: 'AWS_OWNED_KEY' },
    });
  });

  it('answers StateMachineDoesNotExist, InvalidArn and injected AccessDenied', async () => {
    const missing = await rejectionOf(
      sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn('nope') })),
    );
    expect(missing.name).toBe('StateMachineDoesNotExist');
    const invalid = await rejectionOf(
      sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' })),
    );
    expect(invalid.name).toBe('InvalidArn');
    sim.state.addStateMachine(OTHER_ACCOUNT, REGION, { name: 'theirs', definition: {} });
    const foreign = await rejectionOf(
      sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn('theirs', OTHER_ACCOUNT) })),
    );
    expect(foreign.name).toBe('StateMachineDoesNotExist');
    sim.faults.add({
      service: 'stepfunctions',
      operation: 'ListStateMachines',
      error: 'AccessDeniedException',
    });
    const denied = await rejectionOf(sfn.send(new ListStateMachinesCommand({})));
    expect(denied.name).toBe('AccessDeniedException');
  });
});

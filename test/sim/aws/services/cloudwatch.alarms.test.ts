import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimAws } from '../../../../sim/aws/index.js';
import type { FakeClock } from '../../../helpers/clock.js';
import { ACCOUNT, clientConfig, OTHER_ACCOUNT, REGION, rejectionOf, startTestSim } from '../helpers.js';

let sim: SimAws;
let clock: FakeClock;
let cw: CloudWatchClient;

beforeEach(async () => {
  ({ sim, clock } = await startTestSim());
  cw = new CloudWatchClient(clientConfig(sim));
});

afterEach(async () => {
  cw.destroy();
  await sim.close();
});

describe('simulated CloudWatch DescribeAlarms over the real SDK (JSON 1.0, query-compatible)', () => {
  it('answers metric alarms with their metric, actions and state, timestamps as dates', async () => {
    const updated = clock.now() - 86_400_000;
    sim.state.addAlarm(ACCOUNT, REGION, {
      name: 'orders-errors',
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: 'orders' },
      alarmActions: ['arn:aws:sns:us-east-1:111122223333:oncall'],
      stateValue: 'ALARM',
      stateUpdatedTimestamp: updated,
    });
    sim.state.addAlarm(ACCOUNT, REGION, {
      name: 'math',
      metrics: [{ namespace: 'AWS/Lambda', metricName: 'Throttles', dimensions: { FunctionName: 'orders' } }],
      actionsEnabled: false,
    });
    sim.state.addAlarm(OTHER_ACCOUNT, REGION, { name: 'elsewhere', namespace: 'AWS/SQS', metricName: 'X' });

    const res = await cw.send(new DescribeAlarmsCommand({}));
    expect(res.CompositeAlarms).toEqual([]);
    expect(res.NextToken).toBeUndefined();
    expect(res.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['math', 'orders-errors']);
    const [math, errors] = res.MetricAlarms ?? [];
    expect(errors).toMatchObject({
      AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:orders-errors`,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: 'orders' }],
      ActionsEnabled: true,
      AlarmActions: ['arn:aws:sns:us-east-1:111122223333:oncall'],
      StateValue: 'ALARM',
    });
    expect(errors?.StateUpdatedTimestamp?.getTime()).toBe(updated);
    expect(math).toMatchObject({ ActionsEnabled: false, AlarmActions: [], StateValue: 'INSUFFICIENT_DATA' });
    expect(math?.Namespace).toBeUndefined();
    expect(math?.Metrics?.[0]?.MetricStat?.Metric).toEqual({
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Dimensions: [{ Name: 'FunctionName', Value: 'orders' }],
    });
    expect(sim.requests.all().at(-1)).toMatchObject({
      service: 'cloudwatch',
      operation: 'DescribeAlarms',
      status: 200,
    });
  });

  it('pages with MaxRecords and NextToken (50 by default), and filters', async () => {
    for (let i = 0; i < 120; i++) {
      sim.state.addAlarm(ACCOUNT, REGION, {
        name: `a-${String(i).padStart(3, '0')}`,
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        stateValue: i % 2 === 0 ? 'OK' : 'ALARM',
      });
    }
    const first = await cw.send(new DescribeAlarmsCommand({}));
    expect(first.MetricAlarms).toHaveLength(50);
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 100, NextToken: token }));
      names.push(...(page.MetricAlarms ?? []).map((a) => a.AlarmName ?? ''));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(names).toHaveLength(120);
    expect(new Set(names).size).toBe(120);

    const alarmState = await cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM', MaxRecords: 100 }));
    expect(alarmState.MetricAlarms).toHaveLength(60);
    const prefixed = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'a-11' }));
    expect(prefixed.MetricAlarms?.map((a) => a.AlarmName)).toEqual([
      'a-110',
      'a-111',
      'a-112',
      'a-113',
      'a-114',
      'a-115',
      'a-116',
      'a-117',
      'a-118',
      'a-119',
    ]);
    const composite = await cw.send(new DescribeAlarmsCommand({ AlarmTypes: ['CompositeAlarm'] }));
    expect(composite.MetricAlarms).toEqual([]);
  });

  it('answers bad tokens, bad sizes and conflicting filters with the modelled errors', async () => {
    const badToken = await rejectionOf(cw.send(new DescribeAlarmsCommand({ NextToken: 'nope' })));
    expect(badToken.name).toBe('InvalidNextToken');
    const tooMany = await rejectionOf(cw.send(new DescribeAlarmsCommand({ MaxRecords: 101 })));
    expect((tooMany.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    const both = await rejectionOf(
      cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' })),
    );
    // The SDK maps the query code InvalidParameterCombination to its modelled exception.
    expect(both.name).toBe('InvalidParameterCombinationException');
  });

  it('denies DescribeAlarms through faults like any other call', async () => {
    sim.faults.add({ service: 'cloudwatch', operation: 'DescribeAlarms', error: 'AccessDeniedException' });
    const err = await rejectionOf(cw.send(new DescribeAlarmsCommand({})));
    expect(err.name).toBe('AccessDenied');
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403);
  });
});

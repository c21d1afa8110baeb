import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { CollectorContext } from '../context.js';
import type { Alarm, AlarmMetric } from '../snapshot.js';

export const DESCRIBE_ALARMS_PAGE = 100;

/**
 * Every metric alarm of the account and region (`cloudwatch:DescribeAlarms`, 100 a page). Recorded
 * under the `cloudwatch` service; the action is a detail action, so a denied DescribeAlarms blocks
 * only the checks that read alarms, not the ones reading metrics. Undefined when any page failed:
 * a partial alarm list would make "no alarm for this function" findings wrong.
 */
export async function collectAlarms(ctx: CollectorContext): Promise<{ alarms: Alarm[] } | undefined> {
  ctx.progress({ collector: 'alarms', state: 'start' });
  const cw = ctx.clients.cloudwatch(ctx.target);
  const alarms: Alarm[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call('cloudwatch', 'cloudwatch:DescribeAlarms', () =>
      cw.send(
        new DescribeAlarmsCommand({
          AlarmTypes: ['MetricAlarm'],
          MaxRecords: DESCRIBE_ALARMS_PAGE,
          NextToken: token,
        }),
      ),
    );
    if (!page.ok) {
      ctx.progress({ collector: 'alarms', state: 'failed', message: page.error.message });
      return undefined;
    }
    alarms.push(...(page.value.MetricAlarms ?? []).map(toAlarm));
    token = page.value.NextToken;
  } while (token);
  ctx.progress({ collector: 'alarms', state: 'done', items: alarms.length });
  return { alarms };
}

const dimensionsOf = (d: { Name?: string; Value?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((d ?? []).filter((x) => x.Name).map((x) => [x.Name as string, x.Value ?? '']));

export function toAlarm(a: MetricAlarm): Alarm {
  const metrics: AlarmMetric[] = [];
  if (a.Namespace && a.MetricName) {
    metrics.push({
      namespace: a.Namespace,
      metricName: a.MetricName,
      dimensions: dimensionsOf(a.Dimensions),
    });
  }
  for (const q of a.Metrics ?? []) {
    const m = q.MetricStat?.Metric;
    if (m?.Namespace && m.MetricName)
      metrics.push({
        namespace: m.Namespace,
        metricName: m.MetricName,
        dimensions: dimensionsOf(m.Dimensions),
      });
  }
  return {
    name: a.AlarmName ?? '',
    arn: a.AlarmArn ?? '',
    metrics,
    actionsEnabled: a.ActionsEnabled ?? true,
    alarmActions: a.AlarmActions ?? [],
    okActions: a.OKActions ?? [],
    stateValue: a.StateValue ?? 'INSUFFICIENT_DATA',
    ...(a.StateUpdatedTimestamp ? { stateUpdatedTimestamp: a.StateUpdatedTimestamp.getTime() } : {}),
  };
}

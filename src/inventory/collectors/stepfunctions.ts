import {
  DescribeStateMachineCommand,
  type DescribeStateMachineOutput,
  ListStateMachinesCommand,
} from '@aws-sdk/client-sfn';
import { type CollectorContext, mapLimit } from '../context.js';
import type { StateMachine } from '../snapshot.js';

export const LIST_STATE_MACHINES_PAGE = 1000;
/** Per-machine calls of a clean scan. */
export const perStateMachineActions = ['states:DescribeStateMachine'] as const;

/**
 * Every state machine of the account and region with its logging, tracing and encryption
 * settings and its parsed definition. Undefined when the machine list could not be read.
 */
export async function collectStepFunctions(
  ctx: CollectorContext,
  concurrency: number,
): Promise<{ stateMachines: StateMachine[] } | undefined> {
  ctx.progress({ collector: 'stepfunctions', state: 'start' });
  const sfn = ctx.clients.stepfunctions(ctx.target);
  const arns: string[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call('stepfunctions', 'states:ListStateMachines', () =>
      sfn.send(new ListStateMachinesCommand({ maxResults: LIST_STATE_MACHINES_PAGE, nextToken: token })),
    );
    if (!page.ok) {
      ctx.progress({ collector: 'stepfunctions', state: 'failed', message: page.error.message });
      return undefined;
    }
    arns.push(...(page.value.stateMachines ?? []).map((m) => m.stateMachineArn ?? '').filter(Boolean));
    token = page.value.nextToken;
  } while (token);

  const found = await mapLimit(arns, concurrency, async (arn) => {
    const described = await ctx.call(
      'stepfunctions',
      'states:DescribeStateMachine',
      () => sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })),
      { resource: arn.split(':').at(-1) ?? arn },
    );
    return described.ok ? toStateMachine(described.value) : undefined;
  });
  const stateMachines = found.filter((m): m is StateMachine => m !== undefined);
  ctx.progress({ collector: 'stepfunctions', state: 'done', items: stateMachines.length });
  return { stateMachines };
}

export function toStateMachine(d: DescribeStateMachineOutput): StateMachine {
  let definition: unknown;
  try {
    definition = d.definition ? JSON.parse(d.definition) : undefined;
  } catch {
    definition = undefined;
  }
  return {
    name: d.name ?? '',
    arn: d.stateMachineArn ?? '',
    type: d.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    creationDate: d.creationDate?.getTime() ?? 0,
    roleArn: d.roleArn ?? '',
    logging: {
      level: d.loggingConfiguration?.level ?? 'OFF',
      includeExecutionData: d.loggingConfiguration?.includeExecutionData ?? false,
    },
    tracingEnabled: d.tracingConfiguration?.enabled ?? false,
    encryptionType: d.encryptionConfiguration?.type ?? 'AWS_OWNED_KEY',
    ...(d.encryptionConfiguration?.kmsKeyId ? { kmsKeyId: d.encryptionConfiguration.kmsKeyId } : {}),
    ...(definition === undefined ? {} : { definition }),
  };
}

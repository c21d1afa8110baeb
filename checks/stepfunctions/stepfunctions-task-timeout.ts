import {
  type AslState,
  hasHeartbeat,
  hasTaskTimeout,
  isActivityTask,
  isCallbackTask,
  overStates,
} from '../asl.js';
import { resourceFinding } from '../helpers.js';
import { defineCheck } from '../types.js';

/** Tasks that wait on someone else (an activity worker or a callback) and so may wait forever. */
const waitsOnOthers = (s: AslState) => isActivityTask(s) || isCallbackTask(s);

export const check = defineCheck({
  meta: {
    id: 'stepfunctions-task-timeout',
    title: 'Callback or activity task without timeout or heartbeat',
    service: 'stepfunctions',
    pillar: 'reliability',
    severity: 'medium',
    rationale:
      'A .waitForTaskToken or activity task waits until the token is returned; if the worker crashes or loses the token, the execution hangs until the workflow timeout, up to a year for Standard workflows. A heartbeat detects a dead worker in seconds.',
    remediation:
      'Set HeartbeatSeconds (and have the worker call SendTaskHeartbeat) plus TimeoutSeconds on every .waitForTaskToken and activity task, and Catch States.Timeout and States.HeartbeatTimeout.',
    docsUrl:
      'https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token',
    wellArchitected: [
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_client_timeouts',
      },
      {
        lens: 'wellarchitected',
        questionId: 'mitigate-interaction-failure',
        choiceId: 'rel_mitigate_interaction_failure_fail_fast',
      },
    ],
    data: 'config',
    needs: ['stepfunctions'],
  },
  run(snapshot) {
    return overStates(snapshot, waitsOnOthers, 'no callback or activity tasks', (m, states) => {
      const gaps = states.flatMap(({ name, state }) => {
        const missing = [
          ...(hasTaskTimeout(state) ? [] : ['TimeoutSeconds']),
          ...(hasHeartbeat(state) ? [] : ['HeartbeatSeconds']),
        ];
        return missing.length === 0 ? [] : [`${name} (no ${missing.join(' or ')})`];
      });
      return gaps.length === 0
        ? undefined
        : resourceFinding(m, `waits without a bound: ${gaps.join(', ')}`, { states: gaps.length });
    });
  },
});

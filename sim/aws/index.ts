/**
 * The simulated AWS account: an HTTP server the real SDK v3 clients reach through `endpoint` or
 * `AWS_ENDPOINT_URL`, speaking each service's wire protocol (Logs JSON 1.1, Lambda REST-JSON,
 * STS Query/XML, CloudWatch JSON 1.0 query-compatible).
 *
 *   const sim = await startSimAws({ clock });
 *   writeScenario(sim.state, defaultScenario({ start: clock.now() }));
 *   new CloudWatchLogsClient({ endpoint: sim.url, region: 'us-east-1', credentials: sim.credentials('111122223333') });
 *
 * New services: write a ServiceDefinition (see services/*.ts) and pass it in `services` or add it
 * to `builtinServices`.
 */
export { type CredentialScope, readCredentialScope } from './auth.js';
export { AwsError, type KnownErrorCode } from './errors.js';
export { type FaultHandle, type FaultSpec, Faults } from './faults.js';
export {
  compileFilterPattern,
  FilterPatternError,
  type Matcher,
  matchesFilterPattern,
} from './filter-pattern.js';
export {
  type InvocationOutcome,
  type InvocationSpec,
  invocationOutcomes,
  logStreamName,
  type RenderedEvent,
  renderInvocation,
  renderOutcome,
  renderRetriedInvocation,
  type ScenarioOutcome,
  type SimLogFormat,
  type SimRuntime,
  scenarioOutcomes,
  simLogFormats,
  simRuntimes,
} from './lambda-lines.js';
export { Prng } from './prng.js';
export { type RequestFilter, RequestLog, type SimRequestRecord } from './request-log.js';
export {
  defaultScenario,
  demoInventory,
  type GeneratedInvocation,
  type GeneratedScenario,
  generateScenario,
  type ScenarioFunction,
  type ScenarioSpec,
  type ScriptedFailure,
  type ScriptedFailureKind,
  writeScenario,
} from './scenario.js';
export {
  accessDeniedMessage,
  builtinServices,
  type SimAws,
  type SimAwsOptions,
  startSimAws,
} from './server.js';
export { defineOperation, type Operation, type OperationContext, type ServiceDefinition } from './service.js';
export { deriveInvocations } from './services/cloudwatch.js';
export { functionConfiguration } from './services/lambda.js';
export {
  defaultAccessKey,
  defaultAccounts,
  type LogsBehavior,
  type Principal,
  roleArn,
  type SimAccessKeySpec,
  type SimAccountSpec,
  type SimFunction,
  type SimFunctionSpec,
  type SimLogEventInput,
  type SimLogGroup,
  type SimQuota,
  type SimRoleSpec,
  SimState,
  type StoredLogEvent,
} from './state.js';

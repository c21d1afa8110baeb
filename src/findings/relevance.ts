/**
 * Which checks bear on an incident's failure kind: an incident message lists the failing ones of
 * its function, so the alert says what in the configuration made the failure likelier.
 */
const ANY = ['lambda-high-error-rate', 'lambda-alarms'];

export const relevantChecks: Record<string, readonly string[]> = {
  timeout: [
    'lambda-timeout-risk',
    'lambda-timeouts-occurring',
    'lambda-default-timeout',
    'lambda-dlq-configured',
    'lambda-async-failure-destination',
  ],
  out_of_memory: ['lambda-memory-outage-risk', 'lambda-default-memory'],
  init_error: [
    'lambda-runtime-deprecated',
    'lambda-runtime-deprecation-soon',
    'lambda-state-failed',
    'lambda-cold-start-rate',
  ],
  runtime_exit: ['lambda-memory-outage-risk', 'lambda-runtime-deprecated'],
  uncaught_exception: ['lambda-dlq-configured', 'lambda-async-failure-destination'],
  error_log: [],
};

/** The check ids relevant to a failure kind (always including the ones that bear on any failure). */
export function checksFor(failureKind: string): string[] {
  return [...(relevantChecks[failureKind] ?? []), ...ANY];
}

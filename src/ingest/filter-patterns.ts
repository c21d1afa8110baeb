import type { LogFormat } from '../logs/record.js';

/**
 * FilterLogEvents patterns: what Pillar asks CloudWatch to send, per log format. They keep the
 * platform lines the invocation joiner needs (START, REPORT, INIT_*) and every line that can show
 * a failure, and leave ordinary application output in CloudWatch. Terms are case-sensitive and
 * `?term` means "any of". Each term is here because a failure shape in
 * lambda-log-formats.md needs it; the parser decides what each line really is.
 */
const PLATFORM_TEXT = ['START', 'REPORT', 'INIT_START', 'INIT_REPORT'];
const FAILURE_TERMS = [
  'ERROR',
  // Quoted, these match inside words too (IllegalStateException, StormError); bare terms match
  // whole words only.
  '"Error"',
  '"error"',
  'FATAL',
  'fail',
  'crit',
  '"Exception"',
  '"exception"',
  'Traceback',
  'errorType',
  'errorMessage',
  '"Task timed out"',
  '"Runtime exited"',
  '"Process exited"',
  '"Runtime.ExitError"',
  '"Runtime.Unknown"',
  '"Runtime.ImportModuleError"',
  'OutOfMemoryError',
  'panic',
  '"Unhandled exception"',
  '"Critical exception"',
  '"Init error"',
  '"Class not found"',
  '"Unable to import module"',
];
const PLATFORM_JSON = [
  '"platform.start"',
  '"platform.report"',
  '"platform.initStart"',
  '"platform.initReport"',
  '"platform.runtimeDone"',
  '"platform.fault"',
];

export function filterPatternFor(format: LogFormat): string {
  const terms =
    format === 'JSON'
      ? [...PLATFORM_JSON, ...PLATFORM_TEXT, ...FAILURE_TERMS]
      : [...PLATFORM_TEXT, ...FAILURE_TERMS];
  return terms.map((t) => `?${t}`).join(' ');
}

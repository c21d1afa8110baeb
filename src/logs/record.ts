import { z } from 'zod';

/**
 * What one CloudWatch Logs event says, as the parser reads it.
 * `kind`, `failure` and the named fields are the public contract of `pillar classify`
 * (design.md section 2.2); the rest is internal detail used to join invocations and
 * fingerprint failures.
 */
export const recordKinds = [
  'start',
  'end',
  'report',
  'init_start',
  'init_report',
  'timeout',
  'out_of_memory',
  'init_error',
  'runtime_exit',
  'uncaught_exception',
  'error_log',
  'warning',
  'info',
] as const;
export const RecordKind = z.enum(recordKinds);
export type RecordKind = z.infer<typeof RecordKind>;

export const failureKinds = [
  'timeout',
  'out_of_memory',
  'init_error',
  'runtime_exit',
  'uncaught_exception',
  'error_log',
] as const;
export const FailureKind = z.enum(failureKinds);
export type FailureKind = z.infer<typeof FailureKind>;

/** A CloudWatch Logs event as FilterLogEvents, a subscription payload or `classify --events` gives it. */
export const LogEvent = z.object({
  message: z.string(),
  timestamp: z.number().int().nonnegative().optional(),
  ingestionTime: z.number().int().nonnegative().optional(),
  logStreamName: z.string().optional(),
  eventId: z.string().optional(),
});
export type LogEvent = z.infer<typeof LogEvent>;

export type LogFormat = 'Text' | 'JSON';

/** A frame of a stack trace, reduced to what fingerprinting needs. */
export interface StackFrame {
  /** The frame as written, trimmed (e.g. `at handler (/var/task/index.js:12:9)`). */
  raw: string;
  /** File or module path when it can be read from the frame. */
  file?: string;
  /** Function, method or class.method when it can be read from the frame. */
  fn?: string;
  /** True for frames in the function's own code (not the runtime, the SDK or dependencies). */
  inApp: boolean;
}

export interface LogRecord {
  kind: RecordKind;
  failure: FailureKind | null;
  // Public fields (design.md 2.2), present only when the event carries them.
  requestId?: string;
  version?: string;
  durationMs?: number;
  billedDurationMs?: number;
  memorySizeMB?: number;
  maxMemoryUsedMB?: number;
  initDurationMs?: number;
  restoreDurationMs?: number;
  status?: string;
  errorType?: string;
  errorMessage?: string;
  timeoutSeconds?: number;
  level?: string;
  // Internal detail.
  /** `init` or `invoke` for INIT_REPORT / platform.initStart records. */
  phase?: 'init' | 'invoke';
  /** Stack frames of an error, outermost last as the runtime printed them. */
  frames?: StackFrame[];
  /** Where the line came from: the Lambda platform, the function's code, or an extension. */
  source?: 'platform' | 'app' | 'extension';
  /** Log format the event was written in. */
  format?: LogFormat;
  /** The event's timestamp (epoch ms), copied from the input event. */
  timestamp?: number;
  /** The event's message, cut to a bounded excerpt for samples. */
  excerpt?: string;
}

/** The field names `pillar classify` prints, in order, after `kind` and `failure`. */
export const publicFields = [
  'requestId',
  'version',
  'durationMs',
  'billedDurationMs',
  'memorySizeMB',
  'maxMemoryUsedMB',
  'initDurationMs',
  'restoreDurationMs',
  'status',
  'errorType',
  'errorMessage',
  'timeoutSeconds',
  'level',
] as const satisfies readonly (keyof LogRecord)[];

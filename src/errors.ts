/**
 * Errors with stable codes. `message` is the one sentence a user sees (it names the fix);
 * `cause` carries the underlying error for the log.
 */
export const errorCodes = [
  'config_invalid',
  'config_unreadable',
  'cli_usage',
  'input_invalid',
  'aws_access_denied',
  'aws_throttled',
  'aws_credentials',
  'aws_not_found',
  'aws_conflict',
  'aws_invalid',
  'aws_quota',
  'aws_unavailable',
  'aws_error',
  'db_error',
  'db_locked',
  'db_damaged',
  'db_full',
  'slack_token',
  'not_found',
  'invalid_transition',
  'forbidden',
  'slack_error',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export class PillarError extends Error {
  readonly code: ErrorCode;
  /** Extra context for the log (never shown to a user as-is). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PillarError';
    this.code = code;
    this.details = options.details;
  }
}

export class ConfigError extends PillarError {
  readonly problems: string[];
  constructor(problems: string[], cause?: unknown) {
    super('config_invalid', `Settings are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      cause,
    });
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export class UsageError extends PillarError {
  constructor(message: string) {
    super('cli_usage', message);
    this.name = 'UsageError';
  }
}

export function isPillarError(e: unknown): e is PillarError {
  return e instanceof PillarError;
}

/** Wraps anything thrown into a PillarError so handlers only ever see coded errors. */
export function asPillarError(e: unknown, code: ErrorCode = 'internal', message?: string): PillarError {
  if (e instanceof PillarError) return e;
  const text = e instanceof Error ? e.message : String(e);
  return new PillarError(code, message ?? text, { cause: e });
}

/**
 * Marks an error that stands for the process dying where it was thrown (the crash-safety tests'
 * hooks throw one): ingestion and delivery never swallow it as an ordinary failure.
 */
export const processDeath = Symbol.for('pillar.processDeath');

export function isProcessDeath(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[processDeath] === true;
}

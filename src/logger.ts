import { isatty } from 'node:tty';
import { type Logger, pino } from 'pino';
import PinoPretty from 'pino-pretty';

export type { Logger } from 'pino';

/** `json`: one JSON object a line, for machines; `pretty`: readable lines, for people. */
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level?: string;
  /** Where log lines go; defaults to standard error so that command output on stdout stays clean. */
  destination?: NodeJS.WritableStream;
  /** Unset: pretty when the destination is a terminal, JSON otherwise. */
  format?: LogFormat;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const onTerminal = options.destination
    ? (options.destination as { isTTY?: boolean }).isTTY === true
    : isatty(2);
  const format = options.format ?? (onTerminal ? 'pretty' : 'json');
  const settings = { level: options.level ?? 'info', base: { app: 'pillar' } };
  if (format === 'json') return pino(settings, options.destination ?? pino.destination(2));
  // In-process stream rather than a worker transport: it works under tsx and in tests.
  const pretty = PinoPretty({
    destination: options.destination ?? 2,
    // Lines written to a file descriptor go out at once, so none is lost when the process ends.
    sync: true,
    // Colours only where a person reads them, not in a file the output is forced into.
    colorize: onTerminal,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
    ignore: 'pid,hostname,app',
  });
  return pino(settings, pretty);
}

/** A logger that drops everything: for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

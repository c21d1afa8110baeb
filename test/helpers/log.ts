import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

/** One JSON log line as pino writes it. */
export interface LogLine {
  level: number;
  msg: string;
  err?: { message: string; stack?: string };
  [field: string]: unknown;
}

/** A real JSON logger whose lines land in an array, for tests that read the log. */
export function captureLogger(level = 'debug'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  return { logger: createLogger({ level, destination, format: 'json' }), lines };
}

export const WARN = 40;
export const ERROR = 50;
export const INFO = 30;

import { parseEvent } from './parse.js';
import { LogEvent, type LogFormat, type LogRecord, publicFields } from './record.js';

export interface ClassifyOptions {
  /** Each input line is a JSON CloudWatch Logs event (so a message can hold newlines). */
  events: boolean;
  /** The log group's format, as a hint to the parser. */
  format?: LogFormat | undefined;
}

export interface ClassifyResult {
  /** Events classified (one output object each). */
  events: number;
  /** `--events` lines that were not a valid event (one error object each). */
  invalid: number;
}

/** A line longer than this is cut: CloudWatch events are at most 256 KB, even JSON-escaped far less than this. */
const MAX_LINE_CHARS = 8 * 1024 * 1024;
/** Output is written in batches of about this size. */
const BATCH_CHARS = 64 * 1024;

/**
 * The `pillar classify` object for a record (design.md 2.2): `kind`, `failure`, then the public fields
 * that are present, in the order of `publicFields`, and nothing else.
 */
export function toClassifyOutput(record: LogRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: record.kind, failure: record.failure };
  for (const field of publicFields) {
    const value = record[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

function errorLine(line: number, error: string): string {
  return `${JSON.stringify({ error, line })}\n`;
}

function describeIssue(issue: { path: readonly PropertyKey[]; message: string } | undefined): string {
  if (issue === undefined) return 'not an event';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the line';
  return `${where}: ${issue.message}`;
}

/**
 * Reads log events from `input` and writes one JSON object per event to `output`, in order
 * (design.md 2.2). Without `events`, each line is one message (a trailing `\r` is dropped). With
 * `events`, each line is a JSON CloudWatch Logs event; a line that is not one becomes an
 * `{"error", "line"}` object in its place, is counted in `invalid`, and the run goes on. Empty lines
 * are skipped. Bytes that are not UTF-8 are decoded as U+FFFD. Respects backpressure on `output`.
 */
export async function classifyStream(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  options: ClassifyOptions,
): Promise<ClassifyResult> {
  const decoder = new TextDecoder('utf-8');
  const parseOptions = { format: options.format };
  let carry = '';
  let overflow = false;
  let lineNo = 0;
  let events = 0;
  let invalid = 0;
  let batch = '';

  const handle = (raw: string, cutShort: boolean): void => {
    lineNo++;
    let line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    // A byte-order mark at the start of a file (TextDecoder drops it from bytes, not from strings).
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (isBlank(line)) return;
    if (!options.events) {
      batch += `${JSON.stringify(toClassifyOutput(parseEvent({ message: line }, parseOptions)))}\n`;
      events++;
      return;
    }
    if (cutShort) {
      invalid++;
      batch += errorLine(
        lineNo,
        `Line ${lineNo} is longer than ${MAX_LINE_CHARS / 1024 / 1024} MiB, far more than any CloudWatch Logs event; split the input into one event per line.`,
      );
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      invalid++;
      batch += errorLine(
        lineNo,
        `Line ${lineNo} is not valid JSON; with --events write one JSON object per line, such as {"message": "START RequestId: ..."}, or leave out --events to read plain log lines.`,
      );
      return;
    }
    const parsed = LogEvent.safeParse(value);
    if (!parsed.success) {
      invalid++;
      batch += errorLine(
        lineNo,
        `Line ${lineNo} is not a CloudWatch Logs event (${describeIssue(parsed.error.issues[0])}); give each line a string "message" and, optionally, an integer "timestamp", a "logStreamName" and an "eventId".`,
      );
      return;
    }
    batch += `${JSON.stringify(toClassifyOutput(parseEvent(parsed.data, parseOptions)))}\n`;
    events++;
  };

  const take = (text: string): void => {
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      const piece = text.slice(from, nl);
      const line = overflow ? carry : carry === '' ? piece : carry + piece;
      if (overflow || line.length > MAX_LINE_CHARS) handle(line.slice(0, MAX_LINE_CHARS), true);
      else handle(line, false);
      carry = '';
      overflow = false;
      from = nl + 1;
    }
    if (from < text.length && !overflow) {
      carry += from === 0 ? text : text.slice(from);
      if (carry.length > MAX_LINE_CHARS) {
        carry = carry.slice(0, MAX_LINE_CHARS);
        overflow = true;
      }
    }
  };

  for await (const chunk of input) {
    take(typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));
    if (batch.length >= BATCH_CHARS) {
      const b = batch;
      batch = '';
      await write(output, b);
    }
  }
  take(decoder.decode());
  if (carry !== '' || overflow) {
    if (overflow) handle(carry, true);
    else handle(carry, false);
  }
  if (batch !== '') await write(output, batch);
  return { events, invalid };
}

function isBlank(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  const c = s.charCodeAt(0);
  if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return false;
  return s.trim() === '';
}

/** Writes and, when the stream asks for it, waits for it to drain (or fail, or close). */
function write(output: NodeJS.WritableStream, text: string): Promise<void> | undefined {
  if (output.write(text)) return undefined;
  return new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      output.removeListener('drain', onDrain);
      output.removeListener('error', onError);
      output.removeListener('close', onDrain);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (err: unknown): void => {
      cleanup();
      reject(err);
    };
    output.once('drain', onDrain);
    output.once('error', onError);
    output.once('close', onDrain);
  });
}

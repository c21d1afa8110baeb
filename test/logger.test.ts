import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, type LoggerOptions } from '../src/logger.js';

/** A stream that records what is written, a terminal or not. */
function sink(isTTY: boolean): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    isTTY ? { isTTY: true } : {},
  );
  return { stream, text: () => chunks.join('') };
}

async function written(isTTY: boolean, options: Omit<LoggerOptions, 'destination'> = {}): Promise<string> {
  const { stream, text } = sink(isTTY);
  const logger = createLogger({ ...options, destination: stream });
  logger.error({ err: new Error('boom'), account: 'prod' }, 'Ingestion failed');
  await vi.waitFor(() => expect(text()).not.toBe(''));
  return text();
}

const ANSI = /\u001b\[[0-9;]*m/;

describe('createLogger', () => {
  it('writes JSON lines when the destination is not a terminal', async () => {
    const out = await written(false);
    const line = JSON.parse(out.trim().split('\n')[0] ?? '');
    expect(line).toMatchObject({ level: 50, msg: 'Ingestion failed', account: 'prod', app: 'pillar' });
    expect(line.err.stack).toMatch(/Error: boom/);
  });

  it('writes readable, coloured lines on a terminal, with the stack', async () => {
    const out = await written(true);
    expect(() => JSON.parse(out.split('\n')[0] ?? '')).toThrow();
    expect(out).toMatch(ANSI);
    const plain = out.replace(new RegExp(ANSI.source, 'g'), '');
    expect(plain).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] ERROR: Ingestion failed\n/);
    expect(plain).toContain('account: "prod"');
    expect(plain).toContain('Error: boom');
    expect(plain).not.toContain('pillar');
  });

  it('lets the caller force JSON on a terminal', async () => {
    const out = await written(true, { format: 'json' });
    expect(JSON.parse(out.trim())).toMatchObject({ msg: 'Ingestion failed' });
  });

  it('lets the caller force readable lines elsewhere, without colour codes', async () => {
    const out = await written(false, { format: 'pretty' });
    expect(out).toMatch(/ERROR: Ingestion failed/);
    expect(out).not.toMatch(ANSI);
  });

  it('honours the level in both formats', async () => {
    for (const format of ['json', 'pretty'] as const) {
      const { stream, text } = sink(false);
      const logger = createLogger({ level: 'warn', format, destination: stream });
      logger.info('hidden');
      logger.warn('shown');
      await vi.waitFor(() => expect(text()).toContain('shown'));
      expect(text()).not.toContain('hidden');
    }
  });
});

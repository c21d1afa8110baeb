import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client.js';

describe('openDatabase', () => {
  it('applies the migrations and turns on foreign keys', () => {
    const db = openDatabase(':memory:');
    const tables = db.$client
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['incidents', 'invocations', 'log_groups', 'seen_events']));
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    closeDatabase(db);
  });

  it('uses WAL on a file and can be opened twice (migrations are idempotent)', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pillar-db-')), 'sub', 'pillar.db');
    const first = openDatabase(path);
    expect(first.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    closeDatabase(first);
    const second = openDatabase(path);
    expect(second.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    closeDatabase(second);
  });

  it('names the fix when the file cannot be created', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pillar-db-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => openDatabase(join(file, 'x.db'))).toThrow(/PILLAR_DB/);
  });
});

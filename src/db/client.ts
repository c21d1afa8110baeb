import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { PillarError } from '../errors.js';
import { describeDbError } from './errors.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenDatabaseOptions {
  /** Apply migrations on open (the default); `pillar migrate` does it explicitly. */
  migrate?: boolean;
}

/**
 * Opens the SQLite database at `path` (`:memory:` for tests) with WAL, a busy timeout and
 * foreign keys on, and applies the committed migrations.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') checkDatabasePath(path);
  let sqlite: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path);
  } catch (cause) {
    throw new PillarError(
      'db_error',
      `Cannot open the database at ${path}: check that the folder is writable or set PILLAR_DB to another file.`,
      { cause },
    );
  }
  try {
    if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    // A damaged file often opens fine and fails on first read: read its schema now.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (cause) {
    sqlite.close();
    throw (
      describeDbError(cause, path) ??
      new PillarError('db_error', `Cannot use the database at ${path}: ${(cause as Error).message}`, {
        cause,
      })
    );
  }
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) applyMigrations(db, path);
  return db;
}

/**
 * Paths that would hang or mislead SQLite (kernel pseudo-files, devices, folders) are refused
 * before opening, with the fix.
 */
function checkDatabasePath(path: string): void {
  const abs = resolve(path);
  if (/^\/(proc|sys|dev)(\/|$)/.test(abs))
    throw new PillarError(
      'db_error',
      `PILLAR_DB ${path} is on a kernel pseudo-filesystem: set it to a file on a disk, such as ./data/pillar.db.`,
    );
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(abs);
  } catch {
    return; // Not there yet: SQLite creates it.
  }
  if (!stat.isFile())
    throw new PillarError(
      'db_error',
      `PILLAR_DB ${path} is not a regular file (${stat.isDirectory() ? 'a folder' : 'a device or socket'}): set it to a file path, such as ./data/pillar.db.`,
    );
}

export function applyMigrations(db: Db, path = 'the database'): void {
  try {
    migrate(db, { migrationsFolder });
  } catch (cause) {
    const described = describeDbError(cause, path);
    if (described) throw described;
    throw new PillarError(
      'db_error',
      'Database migrations failed: the database file may be from a newer Pillar.',
      {
        cause,
      },
    );
  }
}

export function closeDatabase(db: Db): void {
  db.$client.close();
}

export { schema };
